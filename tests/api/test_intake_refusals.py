"""Intake refusals through the API: each a clear answer with a reason, never a 500."""

from collections.abc import Callable
from typing import Any

import pytest

from accord.intake import services
from accord.intake.models import Brief, Request
from accord.work.models import Job
from tests.api.conftest import API, Caller
from tests.api.intake_data import brief_at, social_template
from tests.work.helpers import give_task, start_job

Persona = Callable[[str], Caller]
HUGE = "99999999999999999999"


def test_submitting_with_required_answers_missing_names_them_and_keeps_the_rest(
    as_persona: Persona, world: Any
) -> None:
    carol = as_persona("carol")
    brief_id = carol.post(
        "/briefs", {"client_id": world.acme.pk, "template_id": social_template().pk}
    ).json()["id"]
    typed = {"objective": "2,000 sign-ups by June.", "audience": "Parents in Leeds."}
    assert carol.patch(f"/briefs/{brief_id}", {"answers": typed}).status_code == 200
    response = carol.post(f"/briefs/{brief_id}/submit")
    assert response.status_code == 422
    body = response.json()
    assert body["field"] == "answers"
    assert "success_measure" in body["keys"]
    assert "objective" not in body["keys"]
    assert "What's the background?" in body["detail"]
    brief = carol.get(f"/briefs/{brief_id}").json()
    assert brief["status"] == "draft"
    assert {k: brief["answers"][k] for k in typed} == typed
    missing = {f["key"] for f in brief["findings"] if f["severity"] == "missing"}
    assert {"success_measure", "budget", "deadline", "approver"} <= missing


@pytest.mark.parametrize("persona", ["ray", "alice", "erin"])
def test_only_a_client_approver_signs_off(as_persona: Persona, world: Any, persona: str) -> None:
    brief = brief_at(world, "proposed")
    response = as_persona(persona).post(f"/briefs/{brief.pk}/sign-off", {"version_number": 1})
    assert response.status_code == 403
    assert response.json()["detail"]
    brief.refresh_from_db()
    assert brief.status == Brief.Status.PROPOSED
    assert not brief.sign_offs.exists()


def test_a_stale_sign_off_is_refused_with_what_changed(as_persona: Persona, world: Any) -> None:
    brief = brief_at(world, "proposed")
    read_sha = brief.proposed_version.sha256  # type: ignore[union-attr]
    alice = as_persona("alice")
    changed = alice.patch(
        f"/briefs/{brief.pk}", {"answers": {"key_message": "Even better than you remember."}}
    ).json()
    assert (changed["status"], changed["current_version"]["number"]) == ("submitted", 2)
    assert alice.post(f"/briefs/{brief.pk}/propose").status_code == 200

    carol = as_persona("carol")
    response = carol.post(f"/briefs/{brief.pk}/sign-off", {"version_number": 1, "sha256": read_sha})
    assert response.status_code == 409
    body = response.json()
    assert "version 2" in body["detail"]
    assert [c["key"] for c in body["changes"]] == ["key_message"]
    change = body["changes"][0]
    assert change["new"] == "Even better than you remember."
    assert change["label"] == "What's the one thing they should take away?"
    assert "<ins>" in change["html"]

    wrong_sha = carol.post(
        f"/briefs/{brief.pk}/sign-off", {"version_number": 2, "sha256": read_sha}
    )
    assert wrong_sha.status_code == 409
    assert not brief.sign_offs.exists()


def test_a_stale_save_is_refused_with_what_changed(as_persona: Persona, world: Any) -> None:
    brief = brief_at(world, "submitted")
    alice, ray = as_persona("alice"), as_persona("ray")
    first = ray.patch(
        f"/briefs/{brief.pk}", {"answers": {"channels": "Instagram only"}, "base_version": 1}
    )
    assert first.json()["current_version"]["number"] == 2
    stale = alice.patch(f"/briefs/{brief.pk}", {"answers": {"budget": "15000"}, "base_version": 1})
    assert stale.status_code == 409
    assert [(c["key"], c["old"], c["new"]) for c in stale.json()["changes"]] == [
        ("channels", "Instagram, TikTok", "Instagram only")
    ]
    assert alice.get(f"/briefs/{brief.pk}").json()["answers"]["budget"] == "£12,000"


def test_a_change_after_sign_off_needs_a_new_sign_off(as_persona: Persona, world: Any) -> None:
    brief = brief_at(world, "signed_off")
    alice = as_persona("alice")
    assert alice.get(f"/briefs/{brief.pk}").json()["sign_off"]["version"] == 1
    refused = alice.patch(f"/briefs/{brief.pk}", {"title": "Summer, bigger"})
    assert refused.status_code == 422  # a change of plan says why
    body = {"title": "Summer, bigger", "reason": "Two more cities."}
    after = alice.patch(f"/briefs/{brief.pk}", body).json()
    assert (after["status"], after["sign_off"]) == ("submitted", None)
    assert alice.post(f"/briefs/{brief.pk}/convert").status_code == 409


@pytest.mark.parametrize("status", ["draft", "submitted", "proposed"])
def test_converting_an_unsigned_brief_is_refused(
    as_persona: Persona, world: Any, status: str
) -> None:
    brief = brief_at(world, status)
    response = as_persona("alice").post(f"/briefs/{brief.pk}/convert")
    assert response.status_code == 409
    assert "signed-off" in response.json()["detail"]
    assert not Job.objects.exists()


def test_a_brief_converts_once(as_persona: Persona, world: Any) -> None:
    brief = brief_at(world, "signed_off")
    alice = as_persona("alice")
    assert alice.post(f"/briefs/{brief.pk}/convert").status_code == 201
    assert alice.post(f"/briefs/{brief.pk}/convert").status_code == 409
    assert Job.objects.count() == 1


def test_answers_are_checked_question_by_question(as_persona: Persona, world: Any) -> None:
    brief = brief_at(world, "draft")
    alice = as_persona("alice")
    for answers, field in [
        ({"nonsense": "x"}, "nonsense"),
        ({"deadline": "next Tuesday"}, "deadline"),
        ({"budget": "lots"}, "budget"),
        ({"approver": str(world.ray.pk)}, "approver"),
        ({"approver": str(world.gus.pk)}, "approver"),
    ]:
        response = alice.patch(f"/briefs/{brief.pk}", {"answers": answers})
        assert (response.status_code, response.json()["field"]) == (422, field), answers
    for bad in ({"answers": {"budget": 12000}}, {"answers": ["budget"]}, {"title": ""}, []):
        assert alice.patch(f"/briefs/{brief.pk}", bad).status_code == 422, bad
    assert (
        alice.patch(f"/briefs/{brief.pk}", {"answers": {"tone": "x" * 10_001}}).status_code == 422
    )


def test_request_input_is_checked(as_persona: Persona, world: Any) -> None:
    alice, carol = as_persona("alice"), as_persona("carol")
    base = {"client_id": world.acme.pk, "title": "Leaflets", "what": "Leaflets.", "source": "email"}
    assert alice.post("/requests", base).status_code == 201
    for changes, field in [
        ({"source": None}, "source"),
        ({"title": "   "}, "title"),
        ({"needed_by": "2001-01-01"}, "needed_by"),
        ({"requested_by_id": world.gus.pk}, "requested_by_id"),
    ]:
        response = alice.post("/requests", {**base, **changes})
        assert (response.status_code, response.json()["field"]) == (422, field), changes
    for changes in (
        {"needed_by": "31/12/2030"},
        {"needed_by": 1_900_000_000},
        {"source": "portal"},
    ):
        assert alice.post("/requests", {**base, **changes}).status_code == 422, changes
    assert carol.post("/requests", {**base, "client_id": world.globex.pk}).status_code == 404
    assert as_persona("dan").post("/requests", base).status_code == 403
    assert Request.objects.count() == 1


@pytest.mark.parametrize(
    ("method", "path"),
    [
        ("get", f"/requests/{HUGE}"),
        ("post", f"/requests/{HUGE}/reopen"),
        ("get", f"/briefs/{HUGE}"),
        ("get", f"/briefs/{HUGE}/versions"),
        ("post", f"/briefs/{HUGE}/propose"),
        ("post", f"/briefs/{HUGE}/convert"),
        ("get", f"/brief-templates/{HUGE}"),
        ("get", f"/jobs/{HUGE}"),
        ("get", f"/requests?client_id={HUGE}"),
        ("get", f"/briefs?client_id={HUGE}"),
        ("get", "/briefs?status=lost"),
        ("get", "/briefs/1/compare?a=1&b=4294967296"),
        ("get", "/jobs/0"),
    ],
)
def test_impossible_ids_and_filters_are_refused(
    as_persona: Persona, method: str, path: str
) -> None:
    assert getattr(as_persona("erin"), method)(path).status_code == 422


def test_oversized_ids_in_bodies_are_refused(as_persona: Persona, world: Any) -> None:
    brief = brief_at(world, "proposed")
    erin, carol = as_persona("erin"), as_persona("carol")
    template = social_template().pk
    assert (
        erin.post("/briefs", {"client_id": int(HUGE), "template_id": template}).status_code == 422
    )
    assert (
        erin.post(
            "/briefs", {"client_id": world.acme.pk, "template_id": template, "request_id": 2**63}
        ).status_code
        == 422
    )
    signed = carol.post(f"/briefs/{brief.pk}/sign-off", {"version_number": 2**31})
    assert signed.status_code == 422
    assert (
        carol.post(
            f"/briefs/{brief.pk}/sign-off", {"version_number": 1, "sha256": "not-a-digest"}
        ).status_code
        == 422
    )


def test_malformed_json_is_a_400(as_persona: Persona, world: Any) -> None:
    alice = as_persona("alice")
    brief = brief_at(world, "draft")
    response = alice.http.patch(
        f"{API}/briefs/{brief.pk}",
        data="{answers: ",
        content_type="application/json",
        headers={"Authorization": f"Bearer {alice.token}"},
    )
    assert response.status_code == 400


def test_other_clients_briefs_and_requests_are_not_found(as_persona: Persona, world: Any) -> None:
    brief = brief_at(world, "submitted")
    item = Request.objects.create(client=world.acme, title="Billboard", what="A big one.")
    question = services.ask_question(by=world.alice, brief=brief, text="Which stores?")
    for persona in ("max", "sam", "gus", "dan", "cora"):
        caller = as_persona(persona)
        assert caller.get(f"/briefs/{brief.pk}").status_code == 404, persona
        assert caller.get(f"/requests/{item.pk}").status_code == 404, persona
        answer = caller.post(f"/brief-questions/{question.pk}/answer", {"answer": "All of them."})
        assert answer.status_code == 404, persona
        assert caller.get("/briefs").json()["count"] == 0
        requests = caller.get("/requests")
        if persona in ("dan", "cora", "sam"):
            assert requests.status_code == 403  # creatives: requests are account work
        else:
            assert requests.json()["count"] == 0


def test_creatives_see_the_signed_off_briefs_of_their_jobs_but_never_requests(
    as_persona: Persona, world: Any
) -> None:
    brief = brief_at(world, "signed_off")
    dan = as_persona("dan")
    assert dan.get(f"/briefs/{brief.pk}").status_code == 404  # signed off, no job of his yet
    start_job(brief, team=(world.dan,))
    assert dan.get(f"/briefs/{brief.pk}").json()["actions"] == []
    assert [b["id"] for b in dan.get("/briefs").json()["items"]] == [brief.pk]
    assert dan.post(f"/briefs/{brief.pk}/convert").status_code == 403
    assert dan.get("/intake/queue").status_code == 403
    assert as_persona("carol").get("/intake/queue").status_code == 403


def test_jobs_are_seen_by_the_clients_people_and_the_jobs_creatives_only(
    as_persona: Persona, world: Any
) -> None:
    job = start_job(brief_at(world, "signed_off"), team=(world.dan,))
    give_task(job, world.cora)
    for persona in ("erin", "alice", "dan", "cora", "carol", "ray"):
        assert as_persona(persona).get(f"/jobs/{job.pk}").status_code == 200, persona
    for persona in ("max", "sam", "gus"):
        assert as_persona(persona).get(f"/jobs/{job.pk}").status_code == 404, persona


# --- fixes: issue 3 review -----------------------------------------------------------------


def test_the_am_says_who_fills_a_brief_in(as_persona: Persona, world: Any) -> None:
    alice, carol = as_persona("alice"), as_persona("carol")
    body = {"client_id": world.acme.pk, "template_id": social_template().pk}
    assert alice.post("/briefs", body).json()["waiting_on"] == "client"
    assert alice.post("/briefs", {**body, "filled_by": "agency"}).json()["waiting_on"] == "agency"
    assert alice.post("/briefs", {**body, "filled_by": "nobody"}).status_code == 422
    refused = carol.post("/briefs", {**body, "filled_by": "agency"})
    assert refused.status_code == 422 and refused.json()["field"] == "filled_by"


def test_internal_notes_are_written_by_the_am_and_never_reach_the_client(
    as_persona: Persona, world: Any
) -> None:
    brief = brief_at(world, "submitted")
    alice, carol, dan = as_persona("alice"), as_persona("carol"), as_persona("dan")
    saved = alice.put(f"/briefs/{brief.pk}/notes", {"notes": "Margin is thin."})
    assert saved.status_code == 200
    assert saved.json()["internal_notes"] == "Margin is thin."
    assert alice.get(f"/briefs/{brief.pk}").json()["internal_notes"] == "Margin is thin."
    assert carol.put(f"/briefs/{brief.pk}/notes", {"notes": "Hi"}).status_code == 403
    assert dan.put(f"/briefs/{brief.pk}/notes", {"notes": "Hi"}).status_code == 404
    seen = carol.get(f"/briefs/{brief.pk}").json()
    assert "internal_notes" not in seen
    assert "Margin" not in str(carol.get("/briefs").json())
    assert "Margin" not in str(carol.get(f"/clients/{world.acme.pk}/activity").json())
    too_long = alice.put(f"/briefs/{brief.pk}/notes", {"notes": "x" * 10_001})
    assert too_long.status_code == 422


def test_compare_and_stale_sign_off_name_the_approver(as_persona: Persona, world: Any) -> None:
    from accord.clients.models import Contact
    from accord.core.policy import ContactRole

    Contact.objects.filter(user=world.ray).update(role=ContactRole.APPROVER)
    brief = brief_at(world, "proposed")
    alice, carol = as_persona("alice"), as_persona("carol")
    changed = alice.patch(f"/briefs/{brief.pk}", {"answers": {"approver": str(world.ray.pk)}})
    assert changed.status_code == 200
    assert alice.post(f"/briefs/{brief.pk}/propose").status_code == 200
    compared = carol.get(f"/briefs/{brief.pk}/compare", a=1, b=2).json()["changes"]
    assert [(c["key"], c["old"], c["new"]) for c in compared] == [
        ("approver", "Carol Acme", "Ray Acme")
    ]
    stale = carol.post(f"/briefs/{brief.pk}/sign-off", {"version_number": 1})
    assert stale.status_code == 409
    assert [(c["old"], c["new"]) for c in stale.json()["changes"]] == [("Carol Acme", "Ray Acme")]
    saved_over = alice.patch(
        f"/briefs/{brief.pk}", {"answers": {"tone": "Bold."}, "base_version": 1}
    )
    assert saved_over.status_code == 409
    assert [(c["old"], c["new"]) for c in saved_over.json()["changes"]] == [
        ("Carol Acme", "Ray Acme")
    ]


def test_a_budget_the_api_cannot_read_is_refused_by_name(as_persona: Persona, world: Any) -> None:
    brief = brief_at(world, "draft")
    alice = as_persona("alice")
    refused = alice.patch(f"/briefs/{brief.pk}", {"answers": {"budget": "1e5"}})
    assert refused.status_code == 422
    assert "“1e5”" in refused.json()["detail"] and refused.json()["field"] == "budget"
    ranged = alice.patch(f"/briefs/{brief.pk}", {"answers": {"budget": "£10k – £15k"}})
    assert ranged.json()["answers"]["budget"] == "£10,000–15,000"


def test_answering_a_question_on_a_cancelled_brief_is_refused(
    as_persona: Persona, world: Any
) -> None:
    brief = brief_at(world, "submitted")
    question = services.ask_question(by=world.alice, brief=brief, text="Which stores?")
    services.cancel_brief(by=world.alice, brief=brief)
    response = as_persona("carol").post(
        f"/brief-questions/{question.pk}/answer", {"answer": "Leeds."}
    )
    assert response.status_code == 409


def test_cancelling_a_brief_reopens_its_request(as_persona: Persona, world: Any) -> None:
    carol, alice = as_persona("carol"), as_persona("alice")
    request_id = carol.post(
        "/requests", {"client_id": world.acme.pk, "title": "Posts", "what": "Posts."}
    ).json()["id"]
    brief = alice.post(
        "/briefs",
        {"client_id": world.acme.pk, "template_id": social_template().pk, "request_id": request_id},
    ).json()
    assert alice.get(f"/requests/{request_id}").json()["status"] == "briefing"
    cancelled = alice.post(f"/briefs/{brief['id']}/cancel", {"reason": "Not now."}).json()
    assert cancelled["request_id"] is None
    request = alice.get(f"/requests/{request_id}").json()
    assert (request["status"], request["brief_id"]) == ("new", None)
