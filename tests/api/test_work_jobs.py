"""The jobs API: the list in each reader's words, setting up, editing on a revision, moving,
the team, planning from a template, and the job templates."""

from django.db import connection
from django.test.utils import CaptureQueriesContext

from accord.core.models import Notification
from accord.work import services
from accord.work.models import Deliverable, JobTemplate, Task

SOCIAL = "Social campaign — 6 posts"


def social_id() -> int:
    return JobTemplate.objects.get(name=SOCIAL).pk


def set_up(caller, world, **body):
    return caller.post("/jobs", {"client_id": world.acme.pk, "title": "Spring posts", **body})


def test_the_am_sets_up_a_job_from_a_template_and_sees_its_open_work(world, as_persona):
    alice = as_persona("alice")
    made = set_up(alice, world, due_on="2027-03-31", template_id=social_id(), notes="Quick.")
    assert made.status_code == 201, made.json()
    job = made.json()
    assert job["owner"]["name"] == "Alice Northwind" and job["template"]["name"] == SOCIAL
    assert job["members"] == []  # nobody is on a new job until the AM puts them on it
    row = alice.get("/jobs").json()["items"][0]
    assert (row["open_deliverables"], row["open_tasks"], row["status_words"]) == (
        6,
        12,
        "In progress",
    )


def test_a_contact_lists_jobs_in_the_clients_words_only(world, as_persona):
    set_up(as_persona("alice"), world, notes="Carol is slow to reply.")
    row = as_persona("carol").get("/jobs").json()["items"][0]
    assert set(row) == {"id", "client", "title", "status", "status_words", "due_on"}


def test_the_list_filters_and_pages(world, as_persona):
    alice = as_persona("alice")
    for n in range(3):
        set_up(alice, world, title=f"Job {n}", due_on=f"2027-0{n + 1}-10")
    page = alice.get("/jobs", limit=2).json()
    assert page["count"] == 3 and [j["title"] for j in page["items"]] == ["Job 0", "Job 1"]
    assert alice.get("/jobs", due="none").json()["count"] == 0
    assert alice.get("/jobs", mine="true").json()["count"] == 3
    assert as_persona("erin").get("/jobs", mine="true").json()["count"] == 0
    assert alice.get("/jobs", due="someday").status_code == 422


def test_the_list_takes_the_same_queries_for_many_jobs(world, as_persona):
    alice = as_persona("alice")

    def queries() -> int:
        with CaptureQueriesContext(connection) as seen:
            assert alice.get("/jobs").status_code == 200
        return len(seen)

    set_up(alice, world, title="One")
    one = queries()
    for n in range(8):
        job = services.create_job(by=world.alice, client=world.acme, title=f"Job {n}")
        Deliverable.objects.create(job=job, title="Post")
        Task.objects.create(job=job, title="Design", assignee=world.dan)
    assert queries() == one


def test_an_edit_on_a_stale_revision_is_a_409_and_saves_nothing(world, as_persona):
    alice = as_persona("alice")
    job = set_up(alice, world).json()
    first = alice.patch(f"/jobs/{job['id']}", {"revision": job["revision"], "title": "Summer"})
    assert first.status_code == 200 and first.json()["revision"] == job["revision"] + 1
    stale = alice.patch(f"/jobs/{job['id']}", {"revision": job["revision"], "notes": "Mine"})
    assert stale.status_code == 409 and stale.json()["field"] == "revision"
    assert "Summer" in stale.json()["detail"]


def test_an_edit_may_clear_the_deadline_and_keeps_what_it_does_not_send(world, as_persona):
    alice = as_persona("alice")
    job = set_up(alice, world, due_on="2027-03-31", notes="Keep me.").json()
    edited = alice.patch(f"/jobs/{job['id']}", {"revision": job["revision"], "due_on": None})
    assert edited.json()["due_on"] is None and edited.json()["notes"] == "Keep me."


def test_the_owner_must_run_jobs(world, as_persona):
    refused = set_up(as_persona("alice"), world, owner_id=world.dan.pk)
    assert refused.status_code == 422 and refused.json()["field"] == "owner_id"


def test_moves_from_a_stale_status_and_illegal_moves_are_409s(world, as_persona):
    alice = as_persona("alice")
    job = set_up(alice, world).json()
    path = f"/jobs/{job['id']}/move"
    assert alice.post(path, {"to": "on_hold", "was": "open"}).json()["status"] == "on_hold"
    assert alice.post(path, {"to": "cancelled", "was": "open"}).status_code == 409
    assert alice.post(path, {"to": "cancelled", "was": "on_hold"}).status_code == 200
    assert alice.post(path, {"to": "open", "was": "cancelled"}).status_code == 409


def test_the_team_by_api(world, as_persona):
    alice = as_persona("alice")
    job = set_up(alice, world).json()
    added = alice.post(f"/jobs/{job['id']}/members", {"user_id": world.sam.pk})
    assert added.status_code == 201 and added.json()["name"] == "Sam Northwind"
    assert Notification.objects.filter(user=world.sam, kind="job_team").exists()
    refused = alice.post(f"/jobs/{job['id']}/members", {"user_id": world.gus.pk})
    assert refused.status_code == 422 and "client contact" in refused.json()["detail"]
    assert "Globex" not in refused.json()["detail"] and "Gus" not in refused.json()["detail"]
    names = [m["name"] for m in alice.get(f"/jobs/{job['id']}/members").json()]
    assert names == ["Sam Northwind"]
    assert alice.delete(f"/jobs/{job['id']}/members/{world.sam.pk}").status_code == 204
    assert alice.delete(f"/jobs/{job['id']}/members/{world.sam.pk}").status_code == 422
    assert as_persona("carol").get(f"/jobs/{job['id']}/members").status_code == 403


def test_planning_by_api(world, as_persona):
    alice = as_persona("alice")
    undated = set_up(alice, world).json()
    refused = alice.post(f"/jobs/{undated['id']}/plan", {"template_id": social_id()})
    assert refused.status_code == 422 and refused.json()["field"] == "due_on"
    job = set_up(alice, world, due_on="2027-03-31").json()
    planned = alice.post(f"/jobs/{job['id']}/plan", {"template_id": social_id()})
    assert planned.status_code == 200 and planned.json()["template"]["name"] == SOCIAL
    again = alice.post(f"/jobs/{job['id']}/plan", {"template_id": social_id()})
    assert again.status_code == 409


def test_templates_are_read_by_staff_and_edited_by_admins(world, as_persona):
    listed = as_persona("dan").get("/job-templates").json()
    assert listed["count"] == 4
    social = as_persona("dan").get(f"/job-templates/{social_id()}").json()
    assert len(social["deliverables"]) == 6 and social["tasks"][1]["depends_on"] == 0
    assert as_persona("carol").get("/job-templates").status_code == 403
    body = {
        "name": "Podcast",
        "deliverables": [{"title": "Episode", "kind": "other", "days_before_deadline": 2}],
        "tasks": [
            {"title": "Script", "discipline": "copywriting", "estimate_hours": 4.5},
            {"title": "Edit", "discipline": "video", "deliverable": 0, "depends_on": 0},
        ],
    }
    erin = as_persona("erin")
    made = erin.post("/job-templates", body)
    assert made.status_code == 201, made.json()
    assert made.json()["tasks"][0]["estimate_hours"] in ("4.50", 4.5, "4.5")
    template = made.json()
    looped = {**body, "revision": template["revision"], "tasks": [{"title": "A", "depends_on": 0}]}
    refused = erin.put(f"/job-templates/{template['id']}", looped)
    assert refused.status_code == 422 and "loop" in refused.json()["detail"]
    stale = erin.put(f"/job-templates/{template['id']}", {**body, "revision": 99})
    assert stale.status_code == 409
    off = erin.post(f"/job-templates/{template['id']}/deactivate")
    assert off.status_code == 200 and off.json()["is_active"] is False


def test_a_template_over_its_bounds_is_a_422(world, as_persona):
    body = {"name": "Huge", "tasks": [{"title": "T"}] * 201}
    assert as_persona("erin").post("/job-templates", body).status_code == 422
