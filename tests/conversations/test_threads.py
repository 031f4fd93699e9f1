from datetime import timedelta

import pytest
from django.utils import timezone

from accord.conversations import access
from accord.conversations.models import Court, Message, MessageEdit, Participant, Thread
from accord.conversations.services import threads
from accord.core.errors import Conflict, InvalidInput, NotAllowed
from accord.core.models import Notification
from accord.core.policy import Audience

from .talk import acme_job, carol_asks, team_thread


def test_a_client_message_puts_the_ball_in_the_agencys_court(world):
    thread = carol_asks(world)
    assert thread.waiting_on == Court.AGENCY
    since = thread.waiting_since
    threads.post(by=world.ray, thread=thread, body="And warmer colours please.")
    thread.refresh_from_db()
    assert (thread.waiting_on, thread.waiting_since) == (Court.AGENCY, since)
    threads.post(by=world.alice, thread=thread, body="On it, Carol.")
    thread.refresh_from_db()
    assert thread.waiting_on == Court.CLIENT
    assert thread.message_count == 3


def test_the_account_manager_is_in_every_client_thread_and_is_told(world):
    thread = carol_asks(world)
    people = set(Participant.objects.filter(thread=thread).values_list("user__email", flat=True))
    assert people == {"carol@acme.test", "alice@northwind.test"}
    told = Notification.objects.filter(user=world.alice, kind="thread.message")
    assert told.count() == 1
    assert not Notification.objects.filter(user=world.carol).exists()


def test_markdown_is_rendered_and_sanitised(world):
    thread = carol_asks(world, body="**Bold** <script>alert(1)</script> [x](javascript:alert(1))")
    message = thread.messages.get()
    assert "<strong>Bold</strong>" in message.html
    assert "<script>" not in message.html and "javascript:" not in message.html.split("[x]")[0]
    assert "href" not in message.html


def test_a_creative_cannot_post_to_a_client_thread_unless_the_job_is_opened(world):
    job = acme_job(world)
    thread = carol_asks(world, job)
    with pytest.raises(NotAllowed):
        threads.post(by=world.dan, thread=thread, body="Sure!")
    assert not access.visible_to(world.dan).filter(pk=thread.pk).exists()
    threads.set_team_voice(by=world.alice, job=job, open=True)
    assert access.visible_to(world.dan).filter(pk=thread.pk).exists()
    threads.post(by=world.dan, thread=thread, body="Sure!")
    with pytest.raises(NotAllowed):
        threads.set_team_voice(by=world.dan, job=job, open=False)


def test_contacts_never_see_internal_threads_nor_other_clients(world):
    job = acme_job(world)
    internal = team_thread(world, job)
    client_side = carol_asks(world, job)
    assert list(access.visible_to(world.carol)) == [client_side]
    assert not access.visible_to(world.gus).exists()
    assert set(access.visible_to(world.dan)) == {internal}
    assert not access.visible_to(world.max).exists()
    assert set(access.visible_to(world.erin)) == {internal, client_side}
    with pytest.raises(NotAllowed):
        threads.start_thread(
            by=world.carol, client=world.acme, audience=Audience.INTERNAL, subject="x", body="y"
        )


def test_mentions_bring_people_in_only_where_they_may_be(world):
    job = acme_job(world)
    Participant.objects.all().delete()
    internal = threads.start_thread(
        by=world.alice,
        client=world.acme,
        audience=Audience.INTERNAL,
        subject="Headline",
        body="@dan can you draft it? And @cora, @max?",
        job=job,
    )
    assert Participant.objects.filter(thread=internal, user=world.dan).exists()
    assert Notification.objects.filter(user=world.dan, kind="thread.mention").count() == 1
    # Cora is on Acme's team but not on this job, Max runs Globex: naming them gives no access.
    assert not Participant.objects.filter(thread=internal, user__in=[world.cora, world.max])
    assert not Notification.objects.filter(user__in=[world.cora, world.max]).exists()
    client_side = carol_asks(world, body="@dan and @gus, look")
    assert not Participant.objects.filter(thread=client_side, user__in=[world.dan, world.gus])


def test_editing_keeps_the_history_and_refuses_stale_or_late_edits(world):
    thread = carol_asks(world)
    message = thread.messages.get()
    message.thread = thread
    edited = threads.edit(by=world.carol, message=message, body="Bigger logo, please.", revision=1)
    assert edited.revision == 2 and edited.edited_at is not None
    assert list(MessageEdit.objects.values_list("body", flat=True)) == ["Can the logo be bigger?"]
    with pytest.raises(Conflict):
        threads.edit(by=world.carol, message=message, body="Other", revision=1)
    with pytest.raises(NotAllowed):
        threads.edit(by=world.ray, message=message, body="Mine now", revision=2)
    Message.objects.filter(pk=message.pk).update(created_at=timezone.now() - timedelta(minutes=6))
    with pytest.raises(NotAllowed):
        threads.edit(by=world.carol, message=message, body="Too late", revision=2)


def test_empty_and_huge_messages_are_refused_plainly(world):
    thread = carol_asks(world)
    with pytest.raises(InvalidInput):
        threads.post(by=world.carol, thread=thread, body="   ")
    with pytest.raises(InvalidInput) as refused:
        threads.post(by=world.carol, thread=thread, body="x" * 20_001)
    assert "20,000" in refused.value.message
    assert Thread.objects.get(pk=thread.pk).message_count == 1


def test_reading_marks_the_thread_read_without_following_it(world):
    thread = carol_asks(world)
    threads.mark_read(user=world.erin, thread=thread)
    place = Participant.objects.get(thread=thread, user=world.erin)
    assert (place.following, place.last_read_id) == (False, thread.last_message_id)


def test_each_email_has_its_own_reply_address_and_threading_headers(world):
    from accord.conversations import addresses
    from accord.core.models import OutboundEmail

    thread = carol_asks(world)
    threads.post(by=world.carol, thread=thread, body="And a warmer red.")
    first, second = OutboundEmail.objects.filter(to=["alice@northwind.test"]).order_by("id")
    assert first.reply_to != second.reply_to
    token = addresses.token_in(second.reply_to)
    assert token and addresses.find(token).user == world.alice
    assert addresses.find(token).thread == thread
    root = f"<thread.{thread.pk}@reply.localhost>"
    assert first.headers["In-Reply-To"] == root
    assert second.headers["In-Reply-To"] == first.message_id
    assert second.headers["References"] == f"{root} {first.message_id}"
    assert second.subject == "Re: Logo size"
    assert "And a warmer red." in second.text and "And a warmer red." in second.html
    assert addresses.by_message_ids([first.message_id]).thread == thread


def test_contacts_never_get_email_of_internal_threads(world):
    from accord.core.models import OutboundEmail

    job = acme_job(world)
    team_thread(world, job, body="@carol the client is hard work")
    assert not OutboundEmail.objects.filter(to=["carol@acme.test"]).exists()


def test_access_ends_with_the_job_whatever_was_read_or_written(world):
    from accord.work.models import JobMember

    job = acme_job(world)
    internal = team_thread(world, job)
    threads.post(by=world.dan, thread=internal, body="On it.")
    threads.mark_read(user=world.dan, thread=internal)
    JobMember.objects.filter(job=job, user=world.dan).delete()
    assert not access.visible_to(world.dan).filter(pk=internal.pk).exists()
    with pytest.raises(NotAllowed):
        threads.post(by=world.dan, thread=internal, body="Still here?")
    before = Notification.objects.filter(user=world.dan).count()
    threads.post(by=world.alice, thread=internal, body="Thanks all.")
    assert Notification.objects.filter(user=world.dan).count() == before


def test_a_contact_who_left_the_client_can_no_longer_write(world):
    from accord.clients.models import Contact

    thread = carol_asks(world)
    threads.post(by=world.ray, thread=thread, body="Agreed.")
    Contact.objects.filter(client=world.acme, user=world.ray).delete()
    with pytest.raises(NotAllowed):
        threads.post(by=world.ray, thread=thread, body="One more thing")


def test_to_dos_only_for_people_on_the_client(world):
    from accord.conversations.services import relays

    thread = carol_asks(world)
    with pytest.raises(InvalidInput):
        relays.relay_to_team(
            by=world.alice,
            source=thread.messages.get(),
            body="Please look.",
            todos=[relays.TodoLine("Look", world.max)],
        )
    assert not Thread.objects.filter(audience=Audience.INTERNAL).exists()
