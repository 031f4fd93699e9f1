"""The daily digest: one email a day per person, grouped by client, bounded, sent once."""

from datetime import timedelta
from unittest import mock

import pytest
from django.core import mail as django_mail
from django.utils import timezone

from accord.core import digest
from accord.core import notification_settings as choices
from accord.core.models import Notification, OutboundEmail
from accord.core.notify import notify
from tests.core.test_outbox import DB_TASKS, _run_worker_once


def _review(people, text, client=None):
    return notify(
        people=people,
        kind="review.requested",
        text=text,
        url="/reviews/deliverables/7/",
        client_id=client.pk if client else None,
    )


def _due_now() -> None:
    """The digest hour has come for everything waiting for it."""
    Notification.objects.filter(digest_due_at__isnull=False).update(
        digest_due_at=timezone.now() - timedelta(minutes=1)
    )


@pytest.fixture
def cora_digests(world):
    """Cora (on Acme's and Globex's teams) gets her reviews in a digest."""
    choices.choose(
        user=world.cora, choices={"review.requested": "digest", "review.comment": "digest"}
    )
    return world.cora


def test_nothing_goes_out_before_the_digest_hour(world, cora_digests):
    _review([cora_digests], "Please review the posters.", world.acme)
    assert digest.send_due() == 0
    assert not OutboundEmail.objects.exists()


def test_a_digest_lists_everything_due_grouped_by_client_each_with_its_link(world, cora_digests):
    _review([cora_digests], "Please review the Acme posters.", world.acme)
    _review([cora_digests], "Please review the Globex leaflet.", world.globex)
    _review([cora_digests], "Please review the Acme banner.", world.acme)
    _review([cora_digests], "Please review the agency's own card.")
    _due_now()
    assert digest.send_due() == 1
    (email,) = OutboundEmail.objects.all()
    assert email.to == [cora_digests.email]
    assert email.subject == "Your daily digest: 4 notifications"
    text = email.text
    # The client with the newest first, newest first within each.
    assert text.index("== Northwind Creative ==") < text.index("== Acme Foods ==")
    assert text.index("== Acme Foods ==") < text.index("== Globex Bank ==")
    assert text.index("Acme banner") < text.index("Acme posters") < text.index("== Globex Bank ==")
    rows = Notification.objects.filter(user=cora_digests)
    for row in rows:
        assert f"/notifications/{row.pk}/" in text
        assert row.digested_in == email.message_id
    assert "Your review is asked for" in text


def test_a_digest_has_one_click_unsubscribe_from_all_digests(world, cora_digests):
    _review([cora_digests], "Please review the posters.", world.acme)
    _due_now()
    digest.send_due()
    (email,) = OutboundEmail.objects.all()
    link = email.headers["List-Unsubscribe"].strip("<>")
    assert email.headers["List-Unsubscribe-Post"] == "List-Unsubscribe=One-Click"
    assert link in email.text
    token = link.rstrip("/").rsplit("/", 1)[1]
    assert choices.read_unsubscribe_token(token) == (cora_digests.pk, choices.ALL_DIGESTS)


def test_a_long_digest_shows_the_newest_fifty_and_says_how_many_more(
    world, cora_digests, django_assert_max_num_queries
):
    for n in range(57):
        _review([cora_digests], f"Please review poster {n:02d}.", world.acme)
    _due_now()
    with django_assert_max_num_queries(12):
        assert digest.send_due() == 1
    (email,) = OutboundEmail.objects.all()
    assert "poster 56" in email.text and "poster 07" in email.text
    assert "poster 06" not in email.text
    assert "… and 7 more:" in email.text and "/notifications/" in email.text
    assert email.subject == "Your daily digest: 57 notifications"
    assert not Notification.objects.filter(user=cora_digests, digested_in="").exists()


def test_each_person_gets_their_own_digest_once(world, cora_digests):
    choices.choose(user=world.carol, choices={"review.requested": "digest"})
    _review([cora_digests, world.carol], "Please review the posters.", world.acme)
    _due_now()
    assert digest.send_due() == 2
    assert digest.send_due() == 0  # a second sweep (or worker) finds nothing left
    assert sorted(e.to[0] for e in OutboundEmail.objects.all()) == [
        "carol@acme.test",
        "cora@northwind.test",
    ]


def test_a_person_whose_digest_another_worker_stored_gets_no_second_one(world, cora_digests):
    _review([cora_digests], "Please review the posters.", world.acme)
    _due_now()
    assert digest.send_digest(user_id=cora_digests.pk) is not None
    assert digest.send_digest(user_id=cora_digests.pk) is None
    assert OutboundEmail.objects.count() == 1


def test_a_crash_while_storing_a_digest_leaves_it_for_the_next_sweep(world, cora_digests):
    _review([cora_digests], "Please review the posters.", world.acme)
    _due_now()
    with (
        mock.patch.object(digest, "queue_email", side_effect=RuntimeError("killed")),
        pytest.raises(RuntimeError),
    ):
        digest.send_due()
    assert Notification.objects.get(user=cora_digests).digested_in == ""
    assert not OutboundEmail.objects.exists()
    assert digest.send_due() == 1


def test_what_came_after_the_digest_hour_waits_for_the_next_one(world, cora_digests):
    _review([cora_digests], "Please review the posters.", world.acme)
    _due_now()
    _review([cora_digests], "Please review the banner.", world.acme)  # due tomorrow
    digest.send_due()
    (email,) = OutboundEmail.objects.all()
    assert "posters" in email.text and "banner" not in email.text
    assert Notification.objects.filter(user=cora_digests, digested_in="").count() == 1


def test_a_deactivated_person_gets_no_digest(world, cora_digests):
    _review([cora_digests], "Please review the posters.", world.acme)
    _due_now()
    type(cora_digests).objects.filter(pk=cora_digests.pk).update(is_active=False)
    assert digest.send_due() == 0
    assert not OutboundEmail.objects.exists()
    assert digest.send_due() == 0  # and does not come up again


@pytest.mark.django_db(transaction=True)
def test_the_worker_stores_the_digests_that_are_due_and_sends_them(world, settings):
    settings.TASKS = DB_TASKS
    chosen = {"review.requested": "digest"}
    choices.choose(user=world.cora, choices=chosen)
    _review([world.cora], "Please review the posters.", world.acme)
    _due_now()
    _run_worker_once()
    (email,) = OutboundEmail.objects.all()
    assert email.subject == "Your daily digest: 1 notification"
    assert [m.subject for m in django_mail.outbox] == [email.subject]
    assert django_mail.outbox[0].message()["Auto-Submitted"] == "auto-generated"
    _run_worker_once()  # the next round finds nothing due
    assert OutboundEmail.objects.count() == 1 and len(django_mail.outbox) == 1
