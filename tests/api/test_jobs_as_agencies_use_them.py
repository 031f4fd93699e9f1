"""Issue 9's "Done when", through the API alone: Alice plans Carol's signed-off brief as a job
from a template and assigns Dan and Cora with the capacity view (Dan is over-booked one week and
she sees it); Dan is notified, opens Carol's file from his task, logs time and moves his task
across the board; Sam, not on the job, sees nothing of it; Carol sees only client-level status."""

from collections.abc import Callable
from datetime import timedelta
from decimal import Decimal
from typing import Any

from django.test import Client as HttpClient
from django.utils import timezone

from tests.api.conftest import Caller
from tests.intake.view_helpers import PDF
from tests.work.jobs_story_data import CORA_TASK, DAN_TASK, FILE, TEMPLATE, before_the_story

Persona = Callable[[str], Caller]
NOTE = "Carol prefers calls to email."
HOURS = Decimal("1.5")


def ok(response: Any, status: int = 200) -> Any:
    assert response.status_code == status, response.content
    return response.json()


def _fetch(caller: Caller, url: str) -> tuple[int, bytes]:
    """A download link as the caller follows it: the status and the file's bytes."""
    got = HttpClient().get(url, headers={"Authorization": f"Bearer {caller.token}"})
    body = b"".join(got.streaming_content) if got.streaming else got.content
    return int(got.status_code), body


def test_a_job_planned_assigned_worked_on_and_seen_only_by_whom_it_concerns(
    as_persona: Persona, world: Any
) -> None:
    story = before_the_story(world)
    alice, dan, cora = as_persona("alice"), as_persona("dan"), as_persona("cora")
    sam, carol = as_persona("sam"), as_persona("carol")

    # Alice starts the job from Carol's signed-off brief and plans it from a template.
    job = ok(alice.post(f"/briefs/{story.brief.pk}/convert"), 201)
    assert job["due_on"] == story.deadline.isoformat()
    templates = ok(alice.get("/job-templates"))["items"]
    social = next(t for t in templates if t["name"] == TEMPLATE)
    planned = ok(alice.post(f"/jobs/{job['id']}/plan", {"template_id": social["id"]}))
    assert planned["template"]["name"] == TEMPLATE
    noted = {"notes": NOTE, "revision": planned["revision"]}
    assert ok(alice.patch(f"/jobs/{job['id']}", noted))["notes"] == NOTE
    tasks = {t["title"]: t for t in ok(alice.get(f"/jobs/{job['id']}/tasks"))["items"]}
    design, captions = tasks[DAN_TASK], tasks[CORA_TASK]
    assert design["assignee"] is None and design["due_on"] is not None

    # The candidates for the design task: Dan first, over-booked in the week it is due.
    candidates = ok(
        alice.get(
            "/candidates",
            job=job["id"],
            discipline="design",
            due_on=design["due_on"],
            estimate=design["estimate_hours"],
            task=design["id"],
        )
    )
    first = candidates["items"][0]
    assert first["person"]["id"] == world.dan.pk and first["matches_discipline"]
    week = next(c for c in first["cells"] if c["week"] == story.busy_week.isoformat())
    assert (week["state"], Decimal(week["booked"])) == ("over", Decimal(38 + 4))
    assert first["warnings"][0].startswith("over-booked in the week of")

    # She gives it to Dan anyway, and the captions to Cora. Dan can start from Carol's notes
    # for it: his task need not wait for the content plan.
    assigned = ok(
        alice.post(
            f"/tasks/{design['id']}/assign",
            {"assignee_id": world.dan.pk, "base_revision": design["revision"]},
        )
    )
    assert assigned["assignee"]["id"] == world.dan.pk
    unlinked = {"depends_on_id": None, "base_revision": assigned["revision"]}
    assert ok(alice.post(f"/tasks/{design['id']}/dependency", unlinked))["depends_on_id"] is None
    ok(
        alice.post(
            f"/tasks/{captions['id']}/assign",
            {"assignee_id": world.cora.pk, "base_revision": captions["revision"]},
        )
    )
    assert [t["title"] for t in ok(cora.get("/my-work"))["items"]] == [CORA_TASK]

    # Dan is notified, and finds the task in My work.
    notes = ok(dan.get("/notifications"))
    assert notes["unread"] >= 1
    note = next(n for n in notes["items"] if DAN_TASK in n["text"])
    assert not note["read"] and str(design["id"]) in note["url"]
    mine = ok(dan.get("/my-work"))["items"]
    row = next(t for t in mine if t["id"] == design["id"])
    assert (row["brief_id"], row["files"]) == (story.brief.pk, 1)

    # From his task he opens the job and Carol's file.
    his = ok(dan.get(f"/tasks/{design['id']}"))
    files = ok(dan.get(f"/jobs/{his['job_id']}"))["attachments"]
    assert [f["name"] for f in files] == [FILE]
    assert _fetch(dan, files[0]["download_url"]) == (200, PDF)

    # He logs an hour and a half on it.
    today = timezone.localdate()
    entry = {"task_id": design["id"], "on": today.isoformat(), "hours": str(HOURS)}
    logged = ok(dan.post("/time-entries", entry), 201)
    assert (Decimal(logged["hours"]), logged["task"]["id"]) == (HOURS, design["id"])
    tomorrow = {**entry, "on": (today + timedelta(days=1)).isoformat()}
    assert dan.post("/time-entries", tomorrow).status_code == 422  # not in the future
    row = next(t for t in ok(dan.get("/my-work"))["items"] if t["id"] == design["id"])
    assert Decimal(row["logged_hours"]) == HOURS

    # He moves his task across the board: from To do to Doing; a stale move is refused.
    moved = ok(dan.post(f"/tasks/{design['id']}/move", {"to": "doing", "base_status": "todo"}))
    assert moved["status"] == "doing"
    stale = dan.post(f"/tasks/{design['id']}/move", {"to": "done", "base_status": "todo"})
    assert stale.status_code == 409
    board = str(ok(dan.get(f"/jobs/{job['id']}/board")))
    assert DAN_TASK in board

    # Sam, not on the job, sees nothing of it.
    for path in (
        f"/jobs/{job['id']}",
        f"/jobs/{job['id']}/tasks",
        f"/jobs/{job['id']}/board",
        f"/jobs/{job['id']}/deliverables",
        f"/tasks/{design['id']}",
    ):
        assert sam.get(path).status_code == 404, path
    finish = {"to": "done", "base_status": "doing"}
    assert sam.post(f"/tasks/{design['id']}/move", finish).status_code == 404
    assert job["id"] not in [j["id"] for j in ok(sam.get("/jobs"))["items"]]
    assert ok(sam.get("/my-work"))["items"] == []
    assert _fetch(sam, files[0]["download_url"])[0] == 404

    # Carol sees the job and its deliverables in her words, and no tasks.
    seen = ok(carol.get(f"/jobs/{job['id']}"))
    assert seen["title"] == "Spring launch posts"
    listed = next(j for j in ok(carol.get("/jobs"))["items"] if j["id"] == job["id"])
    for hidden in ("notes", "members", "owner", "revision"):
        assert hidden not in listed
    deliverables = ok(carol.get(f"/jobs/{job['id']}/deliverables"))["items"]
    assert len(deliverables) == 6
    assert {d["status"] for d in deliverables} <= {"Planned", "In production"}
    assert set(deliverables[0]) == {"id", "title", "kind", "due_on", "status"}
    for path in (f"/jobs/{job['id']}/tasks", f"/tasks/{design['id']}", f"/jobs/{job['id']}/board"):
        assert carol.get(path).status_code == 404, path
    assert carol.get(f"/jobs/{job['id']}/time-entries").status_code in (403, 404)
    assert NOTE not in str(seen) and "Dan" not in str(seen) and "Cora" not in str(seen)
    assert NOTE not in str(listed) and DAN_TASK not in str(deliverables)
