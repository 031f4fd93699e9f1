"""The sign-off loop: the client signs off or asks for changes, on the page and in the API."""

import json
import re

import pytest

from accord.core.errors import IllegalTransition, InvalidInput, NotAllowed
from accord.core.models import Event
from accord.intake import rules, services
from accord.intake.models import Brief, WaitingOn
from accord.intake.services.briefs import StaleBrief
from tests.intake.view_helpers import proposed_brief, submitted_brief, url

NOTE = "The key message should name the price: £2.50 a pot."


def test_short_fingerprint_is_the_first_eight_hex_digits_grouped():
    assert rules.short_fingerprint("3e93207d" + "0" * 56) == "3E93-207D"
    assert rules.short_fingerprint("") == ""


# --- Services ------------------------------------------------------------------------------


def test_a_reviewer_sends_the_brief_back_with_a_note(
    world, mailoutbox, django_capture_on_commit_callbacks
):
    brief = proposed_brief(world)
    with django_capture_on_commit_callbacks(execute=True):
        brief = services.request_changes(by=world.ray, brief=brief, version_number=1, note=NOTE)
    assert brief.status == Brief.Status.SUBMITTED
    assert brief.waiting_on == WaitingOn.AGENCY
    assert brief.proposed_version is None
    event = Event.objects.filter(verb="brief.changes_requested").get()
    assert event.data["note"] == NOTE
    assert event.audience == "client"
    mail = mailoutbox[-1]
    assert mail.to == ["alice@northwind.test"]
    assert NOTE in mail.body


def test_a_request_for_changes_needs_a_note_and_a_proposed_brief(world):
    brief = proposed_brief(world)
    with pytest.raises(InvalidInput) as empty:
        services.request_changes(by=world.carol, brief=brief, version_number=1, note="  ")
    assert empty.value.field == "note"
    with pytest.raises(NotAllowed):
        services.request_changes(by=world.alice, brief=brief, version_number=1, note=NOTE)
    services.request_changes(by=world.carol, brief=brief, version_number=1, note=NOTE)
    with pytest.raises(IllegalTransition):
        services.request_changes(by=world.carol, brief=brief, version_number=1, note=NOTE)


def test_a_stale_page_cannot_request_changes(world):
    brief = proposed_brief(world)
    services.save_answers(by=world.alice, brief=brief, answers={"tone": "Warmer."}, base_version=1)
    services.propose_for_sign_off(by=world.alice, brief=Brief.objects.get(pk=brief.pk))
    with pytest.raises(StaleBrief) as stale:
        services.request_changes(by=world.carol, brief=brief, version_number=1, note=NOTE)
    assert [c.key for c in stale.value.changes] == ["tone"]


def test_the_sign_off_email_offers_what_the_page_offers(
    world, mailoutbox, django_capture_on_commit_callbacks
):
    brief = submitted_brief(world)
    with django_capture_on_commit_callbacks(execute=True):
        brief = services.propose_for_sign_off(by=world.alice, brief=brief)
    body = mailoutbox[-1].body
    assert "Sign off version 1" in body
    assert "Request changes" in body
    assert rules.short_fingerprint(brief.proposed_version.sha256) in body
    assert url("brief_sign_off", brief_id=brief.pk) in body


# --- Pages ---------------------------------------------------------------------------------


def test_the_sign_off_page_shows_the_short_fingerprint_and_both_answers(client, world):
    brief = proposed_brief(world)
    client.force_login(world.carol)
    page = client.get(url("brief_sign_off", brief_id=brief.pk)).content.decode()
    short = rules.short_fingerprint(brief.proposed_version.sha256)
    assert f"Fingerprint <strong>{short}</strong>" in page
    assert "<details" in page and brief.proposed_version.sha256 in page
    assert "Sign off version 1" in page and "Request changes" in page


def test_a_reviewer_reads_the_page_but_cannot_sign(client, world):
    brief = proposed_brief(world)
    client.force_login(world.ray)
    page = client.get(url("brief_sign_off", brief_id=brief.pk)).content.decode()
    assert "Request changes" in page
    assert "Sign off version 1</button>" not in page
    detail = client.get(url("brief_detail", brief_id=brief.pk)).content.decode()
    assert "ready for your review" in detail


def test_an_empty_note_is_refused_and_the_page_keeps_the_form(client, world):
    brief = proposed_brief(world)
    client.force_login(world.carol)
    response = client.post(
        url("brief_request_changes", brief_id=brief.pk), {"version_number": "1", "note": ""}
    )
    assert response.status_code == 422
    page = response.content.decode()
    assert "Say what should change" in page
    assert re.search(r'<textarea name="note"[^>]*autofocus', page)  # taken to the box
    assert Brief.objects.get(pk=brief.pk).status == Brief.Status.PROPOSED


def test_a_stale_request_for_changes_keeps_the_note(client, world):
    brief = proposed_brief(world)
    services.save_answers(by=world.alice, brief=brief, answers={"tone": "Warmer."}, base_version=1)
    services.propose_for_sign_off(by=world.alice, brief=Brief.objects.get(pk=brief.pk))
    client.force_login(world.carol)
    response = client.post(
        url("brief_request_changes", brief_id=brief.pk), {"version_number": "1", "note": NOTE}
    )
    assert response.status_code == 409
    page = response.content.decode()
    assert "What changed since you opened it" in page
    assert "£2.50 a pot" in page
    assert 'name="version_number" value="2"' in page


def test_the_account_manager_reads_the_note_on_the_brief(client, world):
    brief = proposed_brief(world)
    client.force_login(world.carol)
    response = client.post(
        url("brief_request_changes", brief_id=brief.pk), {"version_number": "1", "note": NOTE}
    )
    assert response.status_code == 302
    client.force_login(world.alice)
    page = client.get(url("brief_detail", brief_id=brief.pk)).content.decode()
    assert "Changes requested" in page
    assert "Carol" in page and "£2.50 a pot" in page


# --- API -----------------------------------------------------------------------------------


def test_request_changes_through_the_api(client, world):
    brief = proposed_brief(world)
    client.force_login(world.ray)
    path = f"/api/v1/briefs/{brief.pk}/request-changes"
    empty = client.post(path, json.dumps({"version_number": 1, "note": ""}), "application/json")
    assert empty.status_code == 422
    done = client.post(path, json.dumps({"version_number": 1, "note": NOTE}), "application/json")
    assert done.status_code == 200
    assert done.json()["status"] == "submitted"
    again = client.post(path, json.dumps({"version_number": 1, "note": NOTE}), "application/json")
    assert again.status_code == 409
