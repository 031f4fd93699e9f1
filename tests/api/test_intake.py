"""The intake path through the API, as Carol (Acme approver) and Alice (her AM) walk it."""

from collections.abc import Callable
from datetime import timedelta
from typing import Any

from django.utils import timezone

from accord.core.models import Event
from accord.intake.models import Attachment, Brief, Request
from accord.work.models import Job
from tests.api.conftest import Caller
from tests.api.intake_data import good_answers, social_template
from tests.work.helpers import put_on_job

Persona = Callable[[str], Caller]


def ok(response: Any, status: int = 200) -> Any:
    assert response.status_code == status, response.content
    return response.json()


def test_from_request_to_job(as_persona: Persona, world: Any) -> None:
    carol, alice = as_persona("carol"), as_persona("alice")
    needed_by = (timezone.localdate() + timedelta(days=45)).isoformat()

    # Carol files a request in the portal.
    filed = ok(
        carol.post(
            "/requests",
            {
                "client_id": world.acme.pk,
                "title": "Spring launch posts",
                "what": "Posts for the plant-based launch.",
                "why": "New range in April.",
                "needed_by": needed_by,
            },
        ),
        201,
    )
    assert (filed["source"], filed["status"]) == ("portal", "new")
    assert filed["requested_by"]["name"] == "Carol Acme"
    assert (filed["attachments"], filed["brief_id"]) == ([], None)

    # It is in Alice's queue; she starts a brief from it.
    queue = ok(alice.get("/intake/queue"))
    assert [r["id"] for r in queue["new_requests"]["items"]] == [filed["id"]]
    assert queue["new_requests"]["items"][0]["age_seconds"] >= 0
    started = ok(
        alice.post(
            "/briefs",
            {
                "client_id": world.acme.pk,
                "template_id": social_template().pk,
                "request_id": filed["id"],
            },
        ),
        201,
    )
    brief_id = started["id"]
    assert started["title"] == "Spring launch posts"
    assert started["answers"]["background"].startswith("Posts for the plant-based launch.")
    assert started["answers"]["deadline"] == needed_by
    assert started["status"] == "draft"
    assert ok(carol.get(f"/requests/{filed['id']}"))["brief_id"] == brief_id
    assert ok(carol.get(f"/requests/{filed['id']}"))["status"] == "briefing"

    # Carol fills in the guided brief and sends it.
    draft = ok(carol.patch(f"/briefs/{brief_id}", {"answers": good_answers(world)}))
    assert draft["answers"]["budget"] == "£12,000"
    assert draft["completeness"] == 100
    assert draft["findings"] == []
    assert "internal_notes" not in draft
    submitted = ok(carol.post(f"/briefs/{brief_id}/submit"))
    assert submitted["status"] == "submitted"
    assert submitted["current_version"]["number"] == 1
    assert submitted["waiting_on"] == "agency"
    to_propose = ok(alice.get("/intake/queue"))["ready_for_sign_off"]["items"]
    assert [b["id"] for b in to_propose] == [brief_id]

    # Alice asks; the ball is in Carol's court until she answers.
    asked = ok(alice.post(f"/briefs/{brief_id}/questions", {"text": "Which stores?"}), 201)
    assert asked["waiting_on"] == "client"
    assert "internal_notes" in asked
    question = asked["clarifying_questions"][0]
    assert (question["is_open"], question["asked_by"]["name"]) == (True, "Alice Northwind")
    waiting = ok(alice.get("/briefs", waiting_on="client"))["items"]
    assert [(b["id"], b["open_questions"]) for b in waiting] == [(brief_id, 1)]
    queue = ok(alice.get("/intake/queue"))
    assert [b["id"] for b in queue["waiting_on_client"]["items"]] == [brief_id]
    assert queue["ready_for_sign_off"]["count"] == 0
    answered = ok(
        carol.post(f"/brief-questions/{question['id']}/answer", {"answer": "Leeds and York."})
    )
    assert answered["waiting_on"] == "agency"
    assert answered["clarifying_questions"][0]["answer"] == "Leeds and York."

    # Alice proposes version 1; Carol signs off exactly what she read.
    proposed = ok(alice.post(f"/briefs/{brief_id}/propose"))
    assert proposed["status"] == "proposed"
    assert proposed["proposed_version"] == proposed["current_version"]
    assert "sign_off" in ok(carol.get(f"/briefs/{brief_id}"))["actions"]
    sha256 = proposed["proposed_version"]["sha256"]
    signed = ok(carol.post(f"/briefs/{brief_id}/sign-off", {"version_number": 1, "sha256": sha256}))
    assert signed["status"] == "signed_off"
    assert signed["sign_off"]["signed_by"]["name"] == "Carol Acme"
    assert (signed["sign_off"]["version"], signed["sign_off"]["sha256"]) == (1, sha256)
    assert Event.objects.filter(verb="brief.signed_off", data__sha256=sha256).exists()
    ready = ok(alice.get("/intake/queue"))["ready_for_work"]
    assert (ready["count"], ready["items"][0]["id"]) == (1, brief_id)

    # Alice turns it into a job, which carries the sign-off's fingerprint.
    job = ok(alice.post(f"/briefs/{brief_id}/convert"), 201)
    assert (job["brief_id"], job["title"], job["status"]) == (
        brief_id,
        "Spring launch posts",
        "open",
    )
    assert job["sign_off"]["sha256"] == sha256
    assert job["due_on"] == good_answers(world)["deadline"]
    agency_only = {"started_version": None, "brief_version": None, "brief_changed_at": None}
    assert ok(carol.get(f"/jobs/{job['id']}")) == {**job, **agency_only}
    # Dan sees the job once he is on it.
    dan = as_persona("dan")
    assert dan.get(f"/jobs/{job['id']}").status_code == 404
    put_on_job(Job.objects.get(pk=job["id"]), world.dan)
    assert ok(dan.get(f"/jobs/{job['id']}"))["id"] == job["id"]
    assert ok(carol.get(f"/briefs/{brief_id}"))["status"] == "converted"
    assert ok(alice.get("/intake/queue"))["ready_for_work"]["count"] == 0


def test_account_manager_logs_a_phone_request_for_a_contact(
    as_persona: Persona, world: Any
) -> None:
    logged = ok(
        as_persona("alice").post(
            "/requests",
            {
                "client_id": world.acme.pk,
                "title": "Shelf wobblers",
                "what": "Wobblers for the oat milk shelf.",
                "source": "phone",
                "requested_by_id": world.ray.pk,
            },
        ),
        201,
    )
    assert (logged["source"], logged["requested_by"]["id"]) == ("phone", world.ray.pk)
    assert logged["logged_by"]["name"] == "Alice Northwind"


def test_a_contacts_request_is_always_from_the_portal_and_from_them(
    as_persona: Persona, world: Any
) -> None:
    filed = ok(
        as_persona("ray").post(
            "/requests",
            {
                "client_id": world.acme.pk,
                "title": "Recipe cards",
                "what": "Cards for the tasting days.",
                "source": "phone",
                "requested_by_id": world.carol.pk,
            },
        ),
        201,
    )
    assert (filed["source"], filed["requested_by"]["id"], filed["logged_by"]) == (
        "portal",
        world.ray.pk,
        None,
    )


def test_decline_and_reopen_a_request(as_persona: Persona, world: Any) -> None:
    item = Request.objects.create(client=world.acme, title="Billboard", what="A big one.")
    alice = as_persona("alice")
    reason = "We would rather put this budget into the spring launch; let's talk in May."
    declined = ok(
        alice.post(f"/requests/{item.pk}/decision", {"decision": "decline", "reason": reason})
    )
    assert (declined["status"], declined["status_reason"]) == ("declined", reason)
    assert ok(as_persona("carol").get(f"/requests/{item.pk}"))["status_reason"] == reason
    reopened = ok(alice.post(f"/requests/{item.pk}/reopen"))
    assert (reopened["status"], reopened["status_reason"]) == ("new", "")
    short = alice.post(f"/requests/{item.pk}/decision", {"decision": "park", "reason": "No."})
    assert (short.status_code, short.json()["field"]) == (422, "reason")


def test_internal_notes_reach_staff_only(as_persona: Persona, world: Any) -> None:
    brief = Brief.objects.create(
        client=world.acme,
        template=social_template(),
        title="Summer",
        internal_notes="Budget is soft; push for video.",
        status=Brief.Status.SIGNED_OFF,
    )
    put_on_job(Job.objects.create(client=world.acme, brief=brief, title="Summer"), world.dan)
    for persona in ("erin", "alice", "dan"):
        assert ok(as_persona(persona).get(f"/briefs/{brief.pk}"))["internal_notes"]
    for persona in ("carol", "ray"):
        response = as_persona(persona).get(f"/briefs/{brief.pk}")
        assert "internal_notes" not in ok(response)
        assert b"Budget is soft" not in response.content
    assert b"Budget is soft" not in as_persona("carol").get("/briefs").content


def test_templates_for_everyone_and_edits_by_admins(as_persona: Persona) -> None:
    templates = ok(as_persona("carol").get("/brief-templates"))
    assert len(templates) == 6
    assert templates[0]["questions"][0]["help_text"]
    body = {
        "name": "Podcast ad",
        "min_lead_days": 5,
        "questions": [
            {"key": "objective", "label": "What should it achieve?", "section": "Why"},
            {"key": "script_length", "label": "How long?", "kind": "text", "required": False},
        ],
    }
    made = ok(as_persona("erin").post("/brief-templates", body), 201)
    assert [q["key"] for q in made["questions"]] == ["objective", "script_length"]
    assert as_persona("alice").post("/brief-templates", body).status_code == 403
    retired = ok(
        as_persona("erin").put(
            f"/brief-templates/{made['id']}",
            {
                **body,
                "is_active": False,
                "questions": [{"key": "objective", "label": "What should it achieve?"}],
            },
        )
    )
    assert (retired["is_active"], len(retired["questions"])) == (False, 1)
    assert as_persona("alice").get(f"/brief-templates/{made['id']}").status_code == 404
    assert len(ok(as_persona("erin").get("/brief-templates"))) == 7
    duplicate = as_persona("erin").post("/brief-templates", {**body, "name": "podcast AD"})
    assert (duplicate.status_code, duplicate.json()["field"]) == (422, "name")


def test_versions_and_compare(as_persona: Persona, world: Any) -> None:
    alice = as_persona("alice")
    brief_id = ok(
        alice.post("/briefs", {"client_id": world.acme.pk, "template_id": social_template().pk}),
        201,
    )["id"]
    ok(alice.patch(f"/briefs/{brief_id}", {"answers": good_answers(world)}))
    ok(alice.post(f"/briefs/{brief_id}/submit"))
    ok(
        alice.patch(
            f"/briefs/{brief_id}",
            {"answers": {"key_message": "Even better than you remember."}, "base_version": 1},
        )
    )
    paged = ok(alice.get(f"/briefs/{brief_id}/versions"))
    assert (paged["count"], paged["limit"], paged["offset"]) == (2, 25, 0)
    versions = paged["items"]
    assert [v["number"] for v in versions] == [1, 2]
    assert versions[0]["sha256"] != versions[1]["sha256"]
    compared = ok(alice.get(f"/briefs/{brief_id}/compare", a=1, b=2))
    assert [c["key"] for c in compared["changes"]] == ["key_message"]
    change = compared["changes"][0]
    assert (change["old"], change["new"]) == (
        "Tastes as good as the one you love.",
        "Even better than you remember.",
    )
    assert "<del>" in change["html"]
    assert "<ins>" in change["html"]
    assert alice.get(f"/briefs/{brief_id}/compare", a=1, b=3).status_code == 404
    assert alice.get(f"/briefs/{brief_id}/compare", a=1).status_code == 422


def test_cancel_a_brief(as_persona: Persona, world: Any) -> None:
    alice = as_persona("alice")
    brief_id = ok(
        alice.post("/briefs", {"client_id": world.acme.pk, "template_id": social_template().pk}),
        201,
    )["id"]
    cancelled = ok(alice.post(f"/briefs/{brief_id}/cancel", {"reason": "Budget moved."}))
    assert (cancelled["status"], cancelled["waiting_on"]) == ("cancelled", "nobody")
    again = alice.post(f"/briefs/{brief_id}/cancel", {})
    assert again.status_code == 409


def test_a_request_lists_its_attachments_with_a_download_link(
    as_persona: Persona, world: Any
) -> None:
    item = Request.objects.create(client=world.acme, title="Menu", what="A new menu.")
    attachment = Attachment.objects.create(
        request=item,
        file="requests/menu.pdf",
        original_name="Old menu.pdf",
        content_type="application/pdf",
        size=2048,
    )
    body = ok(as_persona("ray").get(f"/requests/{item.pk}"))
    assert body["attachment_count"] == 1
    assert body["attachments"] == [
        {
            "id": attachment.pk,
            "name": "Old menu.pdf",
            "size": 2048,
            "content_type": "application/pdf",
            "download_url": f"http://testserver/api/v1/attachments/{attachment.pk}",
            "thumbnail_state": "none",  # made as a bare row: no thumbnail asked for
            "thumbnail_url": None,
        }
    ]
    listed = ok(as_persona("alice").get("/requests"))["items"]
    assert [(r["id"], r["attachment_count"]) for r in listed] == [(item.pk, 1)]
