"""The work API for deliverables and tasks: client words for contacts, tasks for staff only,
bases on every edit and move, the deadline question, and clear refusals."""

from datetime import timedelta

import pytest

from accord.core.models import Notification
from accord.work.models import Deliverable, Task
from tests.work.tasks_data import DEADLINE, planned_job

INTERNAL_WORDS = ["not_started", "owner", "revision", "moves", "held_from", "channel", "Alice"]


def test_contacts_read_deliverables_in_client_words_only(world, as_persona):
    plan = planned_job(world)
    Deliverable.objects.filter(pk=plan.post.pk).update(status="internal_review")
    response = as_persona("carol").get(f"/jobs/{plan.job.pk}/deliverables")
    assert response.status_code == 200
    (item,) = response.json()["items"]
    assert item == {
        "id": plan.post.pk,
        "title": "Launch post",
        "kind": "social_post",
        "due_on": "2027-03-12",
        "status": "In production",
    }
    assert "internal_review" not in response.text


def test_staff_read_deliverables_with_their_moves(world, as_persona):
    plan = planned_job(world)
    items = as_persona("dan").get(f"/jobs/{plan.job.pk}/deliverables").json()["items"]
    assert items[0]["status"] == "not_started"
    assert items[0]["owner"]["name"] == "Alice Northwind"
    assert "in_production" in items[0]["moves"]


@pytest.mark.parametrize(("who", "status"), [("carol", 404), ("sam", 404), ("max", 404)])
def test_tasks_do_not_exist_for_contacts_or_people_off_the_job(world, as_persona, who, status):
    plan = planned_job(world)
    caller = as_persona(who)
    assert caller.get(f"/jobs/{plan.job.pk}/tasks").status_code == status
    assert caller.get(f"/tasks/{plan.design.pk}").status_code == status
    move = {"to": "doing", "base_status": "todo"}
    assert caller.post(f"/tasks/{plan.design.pk}/move", move).status_code == status


def test_the_am_plans_a_deliverable_and_a_task_with_the_deadline_question(world, as_persona):
    plan = planned_job(world)
    alice = as_persona("alice")
    late = (DEADLINE + timedelta(days=1)).isoformat()
    body = {"title": "Story", "kind": "story", "due_on": late}
    asked = alice.post(f"/jobs/{plan.job.pk}/deliverables", body)
    assert asked.status_code == 409 and asked.json()["field"] == "confirm"
    created = alice.post(f"/jobs/{plan.job.pk}/deliverables", {**body, "confirm": True})
    assert created.status_code == 201 and created.json()["due_on"] == late
    story = created.json()["id"]
    task = alice.post(
        f"/jobs/{plan.job.pk}/tasks",
        {
            "title": "Shoot the story",
            "deliverable_id": story,
            "discipline": "video",
            "assignee_id": world.dan.pk,
            "estimate_hours": "4.5",
            "due_on": "2027-03-15",
            "checklist": ["Storyboard", "Props"],
        },
    )
    assert task.status_code == 201
    body = task.json()
    assert body["assignee"]["id"] == world.dan.pk and body["estimate_hours"] == "4.50"
    assert [i["text"] for i in body["checklist"]] == ["Storyboard", "Props"]
    assert Notification.objects.filter(user=world.dan, kind="task.assigned").count() == 2


@pytest.mark.parametrize("who", ["carol", "gus"])
def test_tasks_go_only_to_agency_staff(world, as_persona, who):
    plan = planned_job(world)
    response = as_persona("alice").post(
        f"/jobs/{plan.job.pk}/tasks",
        {"title": "Copy", "assignee_id": world.persona(who).pk},
    )
    assert response.status_code == 422 and response.json()["field"] == "assignee_id"
    assert world.persona(who).name not in response.text


def test_a_deliverable_move_with_a_stale_base_or_illegal_target_is_a_409(world, as_persona):
    plan = planned_job(world)
    alice = as_persona("alice")
    url = f"/deliverables/{plan.post.pk}/move"
    moved = alice.post(url, {"to": "in_production", "base_status": "not_started"})
    assert moved.status_code == 200 and moved.json()["status"] == "in_production"
    stale = alice.post(url, {"to": "on_hold", "base_status": "not_started"})
    assert stale.status_code == 409 and "meanwhile" in stale.json()["detail"]
    illegal = alice.post(url, {"to": "approved", "base_status": "in_production"})
    assert illegal.status_code == 409 and "cannot move" in illegal.json()["detail"]
    assert alice.post(url, {"to": "nowhere", "base_status": "x"}).status_code == 422


def test_creatives_move_deliverables_within_production_only(world, as_persona):
    plan = planned_job(world)
    dan = as_persona("dan")
    url = f"/deliverables/{plan.post.pk}/move"
    assert dan.post(url, {"to": "in_production", "base_status": "not_started"}).status_code == 200
    assert (
        dan.post(url, {"to": "internal_review", "base_status": "in_production"}).status_code == 200
    )
    refused = dan.post(url, {"to": "client_review", "base_status": "internal_review"})
    assert refused.status_code == 403
    assert as_persona("carol").post(url, {"to": "approved", "base_status": "x"}).status_code == 422


def test_updating_a_deliverable_carries_its_revision(world, as_persona):
    plan = planned_job(world)
    alice = as_persona("alice")
    url = f"/deliverables/{plan.post.pk}"
    saved = alice.patch(url, {"base_revision": 1, "title": "Launch carousel", "owner_id": None})
    assert saved.status_code == 200
    assert (saved.json()["title"], saved.json()["owner"], saved.json()["revision"]) == (
        "Launch carousel",
        None,
        2,
    )
    assert saved.json()["channel"] == "Instagram"  # untouched
    stale = alice.patch(url, {"base_revision": 1, "title": "Launch reel"})
    assert stale.status_code == 409 and "Someone else changed" in stale.json()["detail"]
    assert as_persona("dan").patch(url, {"base_revision": 2, "title": "Mine"}).status_code == 403
    assert as_persona("carol").patch(url, {"base_revision": 2}).status_code == 403


def test_dan_moves_his_task_and_cora_cannot(world, as_persona):
    plan = planned_job(world)
    url = f"/tasks/{plan.design.pk}/move"
    blocked = as_persona("dan").post(url, {"to": "blocked", "base_status": "todo"})
    assert blocked.status_code == 422 and blocked.json()["field"] == "reason"
    doing = as_persona("dan").post(url, {"to": "doing", "base_status": "todo"})
    assert doing.status_code == 200 and doing.json()["status"] == "doing"
    assert as_persona("cora").post(url, {"to": "done", "base_status": "doing"}).status_code == 403
    stale = as_persona("alice").post(url, {"to": "done", "base_status": "todo"})
    assert stale.status_code == 409


def test_a_waiting_task_cannot_start(world, as_persona):
    plan = planned_job(world)
    alice = as_persona("alice")
    wait = alice.post(
        f"/tasks/{plan.design.pk}/dependency",
        {"depends_on_id": plan.copy.pk, "base_revision": plan.design.revision},
    )
    assert wait.status_code == 200 and wait.json()["depends_on_id"] == plan.copy.pk
    start = as_persona("dan").post(
        f"/tasks/{plan.design.pk}/move", {"to": "doing", "base_status": "todo"}
    )
    assert start.status_code == 409 and "waits for" in start.json()["detail"]
    loop = alice.post(
        f"/tasks/{plan.copy.pk}/dependency",
        {"depends_on_id": plan.design.pk, "base_revision": plan.copy.revision},
    )
    assert loop.status_code == 422 and "loop" in loop.json()["detail"]
    other_job = alice.post(
        f"/tasks/{plan.copy.pk}/dependency", {"depends_on_id": 999_999, "base_revision": 1}
    )
    assert other_job.status_code == 422


def test_assigning_and_updating_a_task(world, as_persona):
    plan = planned_job(world)
    alice = as_persona("alice")
    assigned = alice.post(
        f"/tasks/{plan.kickoff.pk}/assign", {"assignee_id": world.sam.pk, "base_revision": 1}
    )
    assert assigned.status_code == 200 and assigned.json()["assignee"]["id"] == world.sam.pk
    stale = alice.post(
        f"/tasks/{plan.kickoff.pk}/assign", {"assignee_id": world.dan.pk, "base_revision": 1}
    )
    assert stale.status_code == 409
    late = (DEADLINE + timedelta(days=3)).isoformat()
    url = f"/tasks/{plan.kickoff.pk}"
    asked = alice.patch(url, {"base_revision": 2, "due_on": late})
    assert asked.status_code == 409 and asked.json()["field"] == "confirm"
    saved = alice.patch(url, {"base_revision": 2, "due_on": late, "confirm": True})
    assert saved.status_code == 200 and saved.json()["due_on"] == late
    assert saved.json()["title"] == "Kick-off call"
    assert as_persona("dan").patch(url, {"base_revision": 3, "title": "x"}).status_code == 403


def test_the_checklist(world, as_persona):
    plan = planned_job(world)
    dan = as_persona("dan")
    added = dan.post(f"/tasks/{plan.design.pk}/checklist", {"text": "Three routes"})
    assert added.status_code == 201
    item = added.json()["id"]
    ticked = dan.post(f"/checklist/{item}/tick", {"done": True})
    assert ticked.status_code == 200 and ticked.json()["done_by"]["id"] == world.dan.pk
    assert as_persona("cora").post(f"/checklist/{item}/tick", {"done": False}).status_code == 403
    assert as_persona("carol").delete(f"/checklist/{item}").status_code == 404
    assert dan.delete(f"/checklist/{item}").status_code == 204
    assert dan.get(f"/tasks/{plan.design.pk}").json()["checklist"] == []


def test_listing_a_jobs_tasks_in_constant_queries(world, as_persona, django_assert_max_num_queries):
    plan = planned_job(world)
    Task.objects.bulk_create(
        Task(job=plan.job, title=f"Task {i}", assignee=world.dan, position=10 + i)
        for i in range(150)
    )
    alice = as_persona("alice")
    with django_assert_max_num_queries(12):
        listed = alice.get(f"/jobs/{plan.job.pk}/tasks", limit=100)
    assert listed.json()["count"] == 153 and len(listed.json()["items"]) == 100
    with django_assert_max_num_queries(12):
        assert alice.get(f"/jobs/{plan.job.pk}/deliverables").status_code == 200
