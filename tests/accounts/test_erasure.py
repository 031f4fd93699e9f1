"""People leave, records stay: erasing a person removes their personal data everywhere while
the event chain still verifies and their sign-offs still prove what was signed."""

from pathlib import Path
from typing import Any

import pytest
from django.core.management import call_command
from django.core.management.base import CommandError
from django.db.models import ProtectedError
from django.test import Client as HttpClient
from django.urls import reverse
from django_tasks import default_task_backend

from accord.accounts import erasure
from accord.accounts.models import ApiToken, User
from accord.accounts.services import create_api_token
from accord.clients import services as clients
from accord.clients.models import Contact, TeamMembership
from accord.core.errors import DomainError
from accord.core.events import content_sha256, verify_chain
from accord.core.models import Event, OutboundEmail
from accord.intake import pdf, rules
from accord.intake.models import Brief, BriefPdf, SignOff
from accord.intake.services import pdfs
from tests.intake.view_helpers import signed_brief


def _pdf_text(document: Any) -> str:
    words = []
    for page in document.pages:
        words += [
            box.text for box in page._page_box.descendants() if hasattr(box, "text") and box.text
        ]
    return " ".join(words)


def _api(user: User) -> HttpClient:
    _, token = create_api_token(user=user, name="tests")
    return HttpClient(headers={"authorization": f"Bearer {token}"})


@pytest.fixture
def carol_signed(world: Any, django_capture_on_commit_callbacks: Any) -> Any:
    """Carol signs off a brief (emails stored) and is made an approver (an event naming her)."""
    with django_capture_on_commit_callbacks(execute=True):
        brief = signed_brief(world, title="Oat latte launch")
    contact = Contact.objects.get(client=world.acme, user=world.carol)
    clients.change_contact_role(by=world.alice, contact=contact, role="approver")
    assert verify_chain().intact
    return brief


def test_erasing_a_contact_who_signed_off_keeps_the_proof_and_removes_them(
    world: Any, client: HttpClient, carol_signed: Any, capsys: Any
) -> None:
    brief, carol = carol_signed, world.carol
    signed = SignOff.objects.get(brief=brief)
    assert any("carol@acme.test" in row.to for row in OutboundEmail.objects.all())
    OutboundEmail.objects.create(  # an email naming her, to someone else
        to=["alice@northwind.test"],
        subject="Carol Acme signed off",
        text="Carol Acme (carol@acme.test) signed off.",
        html="<p>Carol Acme signed off.</p>",
    )
    assert Event.objects.filter(personal__name="Carol Acme").exists()

    client.force_login(world.erin)
    response = client.post(reverse("accounts:person_erase", args=[carol.pk]))
    assert response.status_code == 302

    call_command("audit", "verify")
    assert "Event chain intact" in capsys.readouterr().out
    # The sign-off still proves which content was signed, and by whom (the same user row).
    event = Event.objects.get(verb="brief.signed_off")
    signed.refresh_from_db()
    assert (event.actor_id, event.data["version"]) == (carol.pk, 1)
    assert event.data["sha256"] == signed.sha256 == signed.version.sha256
    version = signed.version
    content = rules.version_content(
        title=version.title, questions=version.questions, answers=version.answers
    )
    assert content_sha256(content) == signed.sha256

    client.force_login(world.alice)
    alice_api = _api(world.alice)
    seen = {
        "brief page": client.get(reverse("intake:brief_detail", args=[brief.pk])),
        "client page": client.get(reverse("clients:detail", args=[world.acme.pk])),
        "activity": client.get(reverse("clients:activity", args=[world.acme.pk])),
        "contacts": client.get(reverse("clients:contacts", args=[world.acme.pk])),
        "print": client.get(reverse("intake:brief_print", args=[brief.pk])),
        "api brief": alice_api.get(f"/api/v1/briefs/{brief.pk}"),
        "api activity": alice_api.get(f"/api/v1/clients/{world.acme.pk}/activity"),
        "api contacts": alice_api.get(f"/api/v1/clients/{world.acme.pk}/contacts"),
    }
    texts = {name: r.content.decode() for name, r in seen.items()}
    assert {n: r.status_code for n, r in seen.items()} == dict.fromkeys(seen, 200)
    assert "Erased person" in texts["brief page"] and "Erased person" in texts["activity"]
    document = pdf.render_document(brief=brief, show_internal=True)
    texts["pdf"] = _pdf_text(document)
    assert "Erased person" in texts["pdf"]
    for row in OutboundEmail.objects.all():
        texts[f"email {row.pk}"] = f"{row.to} {row.subject} {row.text} {row.html}"
    for row in Event.objects.all():
        texts[f"event {row.pk}"] = f"{row.data} {row.personal}"
    for where, text in texts.items():
        for trace in ("Carol Acme", "carol@acme.test"):
            assert trace.lower() not in text.lower(), f"{trace} is still in the {where}"
    to_carol = OutboundEmail.objects.get(subject__startswith="Please sign off")
    assert to_carol.to == [f"erased-{carol.pk}@erased.invalid"]
    assert "Hello," in to_carol.text and "Carol" not in to_carol.text


def test_the_erased_person_can_no_longer_sign_in_and_loses_tokens_and_places(
    world: Any, client: HttpClient
) -> None:
    _api(world.carol)
    carol_browser = HttpClient()
    carol_browser.force_login(world.carol)
    erasure.erase_person(person=world.carol, by=world.erin)
    carol = User.objects.get(pk=world.carol.pk)
    assert (carol.name, carol.email) == (
        f"Erased person {carol.pk}",
        f"erased-{carol.pk}@erased.invalid",
    )
    assert not carol.is_active and not carol.has_usable_password()
    assert not ApiToken.objects.filter(user=carol).exists()
    assert not Contact.objects.filter(user=carol).exists()
    assert carol_browser.get(reverse("accounts:profile")).status_code == 302
    assert not client.login(username="carol@acme.test", password="accord-demo")
    assert verify_chain().intact


def test_erasure_changes_no_hash_and_any_edit_is_still_caught(
    world: Any, carol_signed: Any
) -> None:
    before = dict(Event.objects.values_list("id", "hash"))
    erasure.erase_person(person=world.carol, by=world.erin)
    after = dict(Event.objects.filter(pk__in=before).values_list("id", "hash"))
    assert after == before
    named = Event.objects.get(verb="contact.role_changed")
    assert named.personal == {"name": f"Erased person {world.carol.pk}"}
    assert verify_chain().intact
    Event.objects.filter(pk=named.pk).update(data={**named.data, "role": "viewer"})
    assert verify_chain().broken_event_id == named.pk


def test_people_are_not_deleted(world: Any) -> None:
    with pytest.raises(ProtectedError):
        world.carol.delete()
    clients.update_client(by=world.alice, client=world.acme, industry="Coffee")
    with pytest.raises(ProtectedError):  # even around the model: what they did protects them
        User.objects.filter(pk=world.alice.pk).delete()


def test_an_account_manager_must_hand_over_before_being_erased(world: Any) -> None:
    with pytest.raises(DomainError, match="Hand them over"):
        erasure.erase_person(person=world.alice, by=world.erin)
    with pytest.raises(DomainError, match="yourself"):
        erasure.erase_person(person=world.erin, by=world.erin)
    assert User.objects.get(pk=world.alice.pk).name == "Alice Northwind"


def test_only_admins_may_erase(world: Any, client: HttpClient) -> None:
    url = reverse("accounts:person_erase", args=[world.ray.pk])
    for persona, status in (("alice", 403), ("dan", 403), ("carol", 403), ("erin", 200)):
        client.force_login(world.persona(persona))
        assert client.get(url).status_code == status, persona
    page = client.get(url).content.decode()
    assert "cannot be undone" in page and f"Erased person {world.ray.pk}" in page
    for persona, status in (("alice", 403), ("carol", 403)):
        client.force_login(world.persona(persona))
        assert client.post(url).status_code == status, persona
    assert User.objects.get(pk=world.ray.pk).name == "Ray Acme"


def test_the_command_needs_confirmation(world: Any, capsys: Any) -> None:
    with pytest.raises(CommandError, match="--yes"):
        call_command("erase-person", "ray@acme.test")
    assert User.objects.get(pk=world.ray.pk).name == "Ray Acme"
    call_command("erase-person", "RAY@acme.test", "--yes")
    assert "Erased" in capsys.readouterr().out
    assert User.objects.get(pk=world.ray.pk).name == f"Erased person {world.ray.pk}"
    with pytest.raises(CommandError, match="Nobody"):
        call_command("erase-person", "ray@acme.test", "--yes")
    assert verify_chain().intact


def test_admins_find_the_erase_page_from_the_staff_and_contacts_pages(
    world: Any, client: HttpClient
) -> None:
    erase_dan = reverse("accounts:person_erase", args=[world.dan.pk])
    erase_ray = reverse("accounts:person_erase", args=[world.ray.pk])
    staff_page = reverse("accounts:staff_detail", args=[world.dan.pk])
    contacts_page = reverse("clients:contacts", args=[world.acme.pk])
    client.force_login(world.erin)
    assert erase_dan in client.get(staff_page).content.decode()
    assert erase_ray in client.get(contacts_page).content.decode()
    client.force_login(world.alice)
    assert erase_dan not in client.get(staff_page).content.decode()
    assert erase_ray not in client.get(contacts_page).content.decode()


def test_an_erasure_started_from_a_clients_contacts_leads_back_there(
    world: Any, client: HttpClient
) -> None:
    contacts_page = reverse("clients:contacts", args=[world.acme.pk])
    client.force_login(world.erin)
    link = reverse("accounts:person_erase", args=[world.ray.pk]) + f"?next={contacts_page}"
    assert link in client.get(contacts_page).content.decode()
    page = client.get(link).content.decode()
    assert "ray@acme.test" in page  # two people of one name are told apart
    assert "free text that people typed" in page
    response = client.post(link.split("?")[0], {"next": contacts_page})
    assert (response.status_code, response["Location"]) == (302, contacts_page)
    # Another site is never where it leads.
    erase_gus = reverse("accounts:person_erase", args=[world.gus.pk])
    response = client.post(erase_gus, {"next": "https://evil.test/"})
    assert response["Location"] == reverse("accounts:team")


def test_the_erasure_is_in_the_record_without_naming_anyone(world: Any) -> None:
    erasure.erase_person(person=world.ray, by=world.erin)
    event = Event.objects.get(verb="person.erased")
    assert (event.actor_id, event.target_id, event.data["person"]) == (
        world.erin.pk,
        str(world.ray.pk),
        world.ray.pk,
    )
    removed = Event.objects.get(verb="contact.removed")
    assert removed.personal == {"name": f"Erased person {world.ray.pk}"}
    assert "Ray" not in str(Event.objects.values_list("data", "personal"))


def _email(to: list[str], subject: str = "Hello", text: str = "", **fields: Any) -> OutboundEmail:
    return OutboundEmail.objects.create(
        to=to, subject=subject, text=text, html=fields.pop("html", ""), **fields
    )


def _as_stored(row: OutboundEmail) -> tuple[Any, ...]:
    row.refresh_from_db()
    return (row.to, row.subject, row.text, row.html, row.last_error, row.abandoned_at)


def test_the_feed_names_contacts_and_team_from_their_user_row(
    world: Any, client: HttpClient
) -> None:
    """`personal` is not hashed: rewriting it must not change who the feed says was added."""
    contact = Contact.objects.get(client=world.acme, user=world.carol)
    clients.change_contact_role(by=world.alice, contact=contact, role="reviewer")
    clients.remove_team_member(
        by=world.alice, membership=TeamMembership.objects.get(client=world.acme, user=world.dan)
    )
    Event.objects.filter(verb__in=["contact.role_changed", "team.removed"]).update(
        personal={"name": "Mallory Forger"}
    )
    client.force_login(world.alice)
    page = client.get(reverse("clients:activity", args=[world.acme.pk])).content.decode()
    assert "Mallory" not in page
    assert "made Carol Acme a reviewer" in page and "removed Dan Northwind from" in page
    feed = _api(world.alice).get(f"/api/v1/clients/{world.acme.pk}/activity").json()["items"]
    assert {item["data"]["name"] for item in feed} == {"Carol Acme", "Dan Northwind"}


def test_the_feed_pays_one_query_for_everyone_it_names(world: Any, client: HttpClient) -> None:
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    url = reverse("clients:activity", args=[world.acme.pk])
    contact = Contact.objects.get(client=world.acme, user=world.carol)
    client.force_login(world.alice)
    clients.change_contact_role(by=world.alice, contact=contact, role="reviewer")
    client.get(url)
    with CaptureQueriesContext(connection) as few:
        client.get(url)
    for role in ("viewer", "approver") * 5:
        clients.change_contact_role(by=world.alice, contact=contact, role=role)
    ray = Contact.objects.get(client=world.acme, user=world.ray)
    clients.change_contact_role(by=world.alice, contact=ray, role="viewer")
    with CaptureQueriesContext(connection) as many:
        page = client.get(url).content.decode()
    assert "Ray Acme" in page
    assert len(many) == len(few)


def test_erasure_leaves_other_peoples_email_alone(world: Any) -> None:
    others = [
        _email(["mary.carol@acme.test"], "Carolina wrote", "Dear carol singers, Carol Acmeson."),
        _email(["ann@acme.test"], "Hi Carol", "Write to xcarol@acme.test or carol@acme.test.uk."),
        _email(["carol@acme.testing.example"], "Hello", "Carol-Acme and carol+tag@acme.test"),
    ]
    kept = [_as_stored(row) for row in others]
    to_her = _email(
        ["carol@acme.test"], "Hi Carol", "Hi Carol, Carol Acme. Carolina stays; carol@acme.test."
    )
    erasure.erase_person(person=world.carol, by=world.erin)
    assert [_as_stored(row) for row in others] == kept
    gone = f"Erased person {world.carol.pk}"
    assert _as_stored(to_her)[:3] == (
        [f"erased-{world.carol.pk}@erased.invalid"],
        f"Hi {gone}",
        f"Hi {gone}, {gone}. Carolina stays; erased-{world.carol.pk}@erased.invalid.",
    )


def test_erasure_stops_unsent_mail_to_them_and_clears_errors_naming_them(world: Any) -> None:
    from django.utils import timezone

    only_her = _email(["carol@acme.test"], "Please sign off", "Hello Carol")
    both = _email(["ray@acme.test", "Carol@Acme.test"], "Brief ready", "Hello both")
    bounced = _email(
        ["carol@acme.test"],
        "Welcome",
        "Hi",
        sent_at=timezone.now(),
        last_error="550 <carol@acme.test>: no mailbox for Carol Acme",
    )
    erasure.erase_person(person=world.carol, by=world.erin)
    placeholder = f"erased-{world.carol.pk}@erased.invalid"
    only_her.refresh_from_db()
    assert only_her.abandoned_at is not None and only_her.sent_at is None
    assert only_her.last_error == "recipient erased" and only_her.to == [placeholder]
    both.refresh_from_db()
    assert (both.to, both.abandoned_at) == (["ray@acme.test"], None)
    bounced.refresh_from_db()
    assert "carol" not in bounced.last_error.lower()
    assert placeholder in bounced.last_error and bounced.abandoned_at is None


def test_names_they_had_before_are_erased_too(world: Any) -> None:
    from accord.accounts import services as people

    _email(["alice@northwind.test"], "From Carol Acme", "Carol Acme wrote (Dan Northwind too).")
    contact = Contact.objects.get(client=world.acme, user=world.carol)
    clients.change_contact_role(by=world.alice, contact=contact, role="viewer")
    people.update_profile(user=world.carol, name="Caz Smith")
    people.update_staff(by=world.erin, user=world.dan, name="Daniel Quill")
    erasure.erase_person(person=world.carol, by=world.erin)
    erasure.erase_person(person=world.dan, by=world.erin)
    traces = str(list(Event.objects.values_list("data", "personal")))
    traces += str(list(OutboundEmail.objects.values_list("to", "subject", "text", "html")))
    for name in ("Carol Acme", "Caz Smith", "Dan Northwind", "Daniel Quill"):
        assert name not in traces, name
    assert verify_chain().intact


def test_nobody_erases_the_last_active_admin(world: Any, capsys: Any) -> None:
    with pytest.raises(CommandError, match="last active admin"):
        call_command("erase-person", "erin@northwind.test", "--yes")
    with pytest.raises(DomainError, match="last active admin"):
        erasure.erase_person(person=world.erin, by=None)
    assert User.objects.get(pk=world.erin.pk).name == "Erin Northwind"
    from accord.accounts import services as people

    people.update_staff(by=world.erin, user=world.max, staff_role="admin")
    call_command("erase-person", "erin@northwind.test", "--yes")
    assert User.objects.get(pk=world.erin.pk).name == f"Erased person {world.erin.pk}"


def test_only_names_and_emails_are_collected_never_a_job_title(world: Any) -> None:
    from accord.accounts import services as people

    people.update_staff(by=world.erin, user=world.dan, job_title="Art director")
    people.update_staff(by=world.erin, user=world.cora, job_title="Art director")
    keep = _email(["alice@northwind.test"], "New art director", "Our Art director starts.")
    kept = _as_stored(keep)
    erasure.erase_person(person=world.dan, by=world.erin)
    assert _as_stored(keep) == kept
    cora = Event.objects.get(verb="staff.updated", target_id=str(world.cora.pk))
    assert cora.personal == {"job_title": "Art director"}


def test_erasure_removes_every_stored_pdf_naming_them(
    world: Any, settings: Any, tmp_path: Any, django_capture_on_commit_callbacks: Any
) -> None:
    settings.MEDIA_ROOT = tmp_path
    settings.TASKS = {"default": {"BACKEND": "django_tasks.backends.dummy.DummyBackend"}}
    default_task_backend.clear()
    with django_capture_on_commit_callbacks(execute=True):
        brief = signed_brief(world, title="Oat latte launch")
    other = signed_brief(world, title="Winter menu")
    made = []
    for reader in (world.carol, world.alice):
        made.append(pdfs.requested_pdf(brief=brief, reader=reader, internal=True))
    for result in default_task_backend.results:
        result.task.call(*result.args)
    default_task_backend.clear()
    waiting = pdfs.requested_pdf(brief=other, reader=world.carol)  # its task is lost
    assert "Carol Acme" in waiting.source
    files = [row.file.path for row in BriefPdf.objects.exclude(file="")]
    assert len(files) == 2 and all(Path(path).exists() for path in files)

    with django_capture_on_commit_callbacks(execute=True):
        erasure.erase_person(person=world.carol, by=world.erin)

    assert not BriefPdf.objects.exists()
    assert not any(Path(path).exists() for path in files)
    # Asked for again, the PDF is made from what the brief says now: no name.
    again = pdfs.requested_pdf(brief=Brief.objects.get(pk=brief.pk), reader=world.alice)
    assert "Erased person" in again.source and "Carol Acme" not in again.source
