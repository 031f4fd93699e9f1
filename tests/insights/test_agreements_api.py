"""What was agreed through the API: Alice records notes of a call with Acme, Carol confirms
them and they are in Acme's record with the SHA-256 she confirmed; refusals say why with their
status (403 for someone who reads the notes but may not answer, 404 for anyone outside Acme,
409 for notes that changed or no longer wait, 422 for bad input) and never a 500."""

from datetime import timedelta
from typing import Any

import pytest
from django.test import Client as HttpClient
from django.utils import timezone

from accord.accounts.services import create_api_token
from accord.insights.models import Agreement, MeetingNote
from tests.api.conftest import Caller
from tests.insights.agreements_data import BODY, kickoff, signed_brief


@pytest.fixture
def as_persona(world):
    def make(name: str) -> Caller:
        _, token = create_api_token(user=world.persona(name), name="tests")
        return Caller(HttpClient(), token)

    return make


def _ok(response: Any, status: int = 200) -> Any:
    assert response.status_code == status, response.content
    return response.json()


def _note_body(**more: Any) -> dict[str, Any]:
    day = (timezone.localdate() - timedelta(days=1)).isoformat()
    return {"title": "Kick-off", "held_on": day, "attendees": "Carol, Alice", "body": BODY, **more}


def test_carol_confirms_alices_notes_and_they_are_in_acmes_record(world, as_persona):
    alice, carol = as_persona("alice"), as_persona("carol")
    note = _ok(alice.post(f"/clients/{world.acme.pk}/meeting-notes", _note_body()), 201)
    assert (note["status"], note["revision"], note["client"]["name"]) == (
        "awaiting",
        1,
        "Acme Foods",
    )
    assert note["thread_id"] and note["agreement_id"] is None
    seen = _ok(carol.get(f"/meeting-notes/{note['id']}"))
    done = _ok(carol.post(f"/meeting-notes/{note['id']}/confirm", {"sha256": seen["sha256"]}))
    assert done["status"] == "confirmed" and done["answered_by"]["name"] == "Carol Acme"
    record = _ok(alice.get(f"/clients/{world.acme.pk}/agreements"))
    assert record["count"] == 1
    (entry,) = record["items"]
    assert entry["id"] == done["agreement_id"]
    assert (entry["kind"], entry["title"], entry["sha256"]) == (
        "meeting_note",
        "Kick-off",
        seen["sha256"],
    )
    assert entry["agreed_by"]["name"] == "Carol Acme"
    assert entry["source"]["type"] == "meeting_note" and entry["source"]["url"].endswith(
        f"/insights/notes/{note['id']}/"
    )
    assert _ok(carol.get(f"/clients/{world.acme.pk}/agreements"))["items"][0]["id"] == entry["id"]


def test_gus_and_the_creatives_see_nothing_of_acmes(world, as_persona):
    note = kickoff(world)
    for who in ("gus", "max", "dan", "cora"):
        them = as_persona(who)
        assert them.get(f"/clients/{world.acme.pk}/agreements").status_code == 404
        assert them.get(f"/meeting-notes/{note.pk}").status_code == 404
        refused = them.post(f"/meeting-notes/{note.pk}/confirm", {"sha256": note.sha256})
        assert refused.status_code == 404


def test_ray_confirms_and_alice_is_refused_with_the_reason(world, as_persona):
    note = kickoff(world)
    refused = as_persona("alice").post(f"/meeting-notes/{note.pk}/confirm", {"sha256": note.sha256})
    assert refused.status_code == 403
    assert refused.json()["detail"] == "Only Acme Foods's people can confirm these notes."
    _ok(as_persona("ray").post(f"/meeting-notes/{note.pk}/confirm", {"sha256": note.sha256}))


def test_notes_that_changed_or_were_answered_are_409(world, as_persona):
    note = kickoff(world)
    carol = as_persona("carol")
    stale = carol.post(f"/meeting-notes/{note.pk}/confirm", {"sha256": "b" * 64})
    assert stale.status_code == 409 and "changed since you opened them" in stale.json()["detail"]
    _ok(carol.post(f"/meeting-notes/{note.pk}/correct", {"text": "Ray was there too."}))
    again = carol.post(f"/meeting-notes/{note.pk}/confirm", {"sha256": note.sha256})
    assert again.status_code == 409 and "corrected" in again.json()["detail"]


@pytest.mark.parametrize(
    ("path", "body"),
    [
        ("confirm", {"sha256": "not-a-hash"}),
        ("confirm", {}),
        ("confirm", {"sha256": "a" * 64, "extra": 1}),
        ("correct", {"text": ""}),
        ("correct", {"text": "x" * 10_001}),
    ],
)
def test_bad_answers_are_422(world, as_persona, path, body):
    note = kickoff(world)
    assert as_persona("carol").post(f"/meeting-notes/{note.pk}/{path}", body).status_code == 422


@pytest.mark.parametrize(
    ("change", "status", "field"),
    [
        ({"held_on": "tomorrow"}, 422, None),
        ({"held_on": (timezone.localdate() + timedelta(days=3)).isoformat()}, 422, "held_on"),
        ({"title": "   "}, 422, "title"),
        ({"body": "x" * 18_001}, 422, None),
        ({"attendees": 7}, 422, None),
    ],
)
def test_bad_notes_are_refused_with_the_field(world, as_persona, change, status, field):
    answer = as_persona("alice").post(
        f"/clients/{world.acme.pk}/meeting-notes", _note_body(**change)
    )
    assert answer.status_code == status, answer.content
    if field:
        assert answer.json()["field"] == field
    assert not MeetingNote.objects.exists()


def test_only_those_who_run_acme_record_withdraw_and_revise(world, as_persona):
    note = kickoff(world)
    carol = as_persona("carol")
    assert carol.post(f"/clients/{world.acme.pk}/meeting-notes", _note_body()).status_code == 403
    assert carol.post(f"/meeting-notes/{note.pk}/withdraw").status_code == 403
    assert carol.post(f"/meeting-notes/{note.pk}/revise", _note_body()).status_code == 403
    erin = as_persona("erin")
    revised = _ok(
        erin.post(f"/meeting-notes/{note.pk}/revise", _note_body(title="Kick-off, revised")), 201
    )
    assert (revised["replaces"], revised["revision"]) == (note.pk, 2)
    old = _ok(erin.get(f"/meeting-notes/{note.pk}"))
    assert (old["status"], old["replaced_by"]) == ("withdrawn", revised["id"])
    gone = _ok(erin.post(f"/meeting-notes/{revised['id']}/withdraw"))
    assert gone["status"] == "withdrawn"
    assert erin.post(f"/meeting-notes/{revised['id']}/withdraw").status_code == 409


def test_the_record_is_searched_filtered_and_paged(world, as_persona):
    signed_brief(world)
    note = kickoff(world)
    from accord.insights.services import notes

    notes.confirm(by=world.carol, note=note, sha256=note.sha256)
    alice = as_persona("alice")
    path = f"/clients/{world.acme.pk}/agreements"
    assert [i["kind"] for i in _ok(alice.get(path))["items"]] == ["meeting_note", "sign_off"]
    assert _ok(alice.get(path, q="store list"))["count"] == 1
    assert [i["kind"] for i in _ok(alice.get(path, kind="sign_off"))["items"]] == ["sign_off"]
    page = _ok(alice.get(path, limit=1, offset=1))
    assert (page["count"], len(page["items"])) == (2, 1)
    assert alice.get(path, kind="everything").status_code == 422
    assert alice.get(path, q="x" * 201).status_code == 422


def test_the_list_costs_the_same_queries_for_more_entries(
    world, as_persona, django_assert_max_num_queries
):
    alice = as_persona("alice")
    path = f"/clients/{world.acme.pk}/agreements"
    signed_brief(world)
    with django_assert_max_num_queries(8) as few:
        _ok(alice.get(path))
    for n in range(5):
        signed_brief(world, title=f"Brief {n}")
    with django_assert_max_num_queries(len(few.captured_queries)):
        assert _ok(alice.get(path))["count"] == 6


def test_the_record_as_a_pdf(world, as_persona, worker):
    signed_brief(world)
    ray = as_persona("ray")
    path = f"/clients/{world.acme.pk}/agreements.pdf"
    assert ray.get(path, kind="sign_off").status_code == 202  # being prepared by the worker
    worker()
    pdf = ray.get(path, kind="sign_off")
    assert pdf.status_code == 200 and b"".join(pdf.streaming_content).startswith(b"%PDF")
    assert as_persona("gus").get(f"/clients/{world.acme.pk}/agreements.pdf").status_code == 404


def test_without_the_pdf_libraries_the_pdf_is_a_503(world, as_persona, without_pango):
    answer = as_persona("alice").get(f"/clients/{world.acme.pk}/agreements.pdf")
    assert answer.status_code == 503 and "Pango" in answer.json()["detail"]


def test_agreements_endpoints_never_answer_for_another_client(world, as_persona):
    kickoff(world)
    assert Agreement.objects.count() == 0
    assert as_persona("max").get(f"/clients/{world.globex.pk}/agreements").status_code == 200
    assert as_persona("gus").get(f"/clients/{world.globex.pk}/agreements").status_code == 200
