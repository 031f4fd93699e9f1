"""The board, the timeline and the overview through the API: grouped by status with the moves
each person may make, staff only (clients never see tasks, estimates or time)."""

from datetime import timedelta
from decimal import Decimal

import pytest

from tests.work.board_data import ON_THE_BOARD, board_job, deliverable, fill, logged, task, today


@pytest.fixture
def job(world):
    return board_job(world, days=21)


def _column(columns, status):
    return next(c for c in columns if c["status"] == status)


def test_the_board_groups_cards_by_status_with_my_moves(world, job, as_persona):
    post = deliverable(job, "Launch post", status="in_production", owner=world.cora)
    mine = task(job, "Shoot", assignee=world.dan, estimate_hours=Decimal("2.5"))
    task(job, "Write", assignee=world.cora)
    board = as_persona("dan").get(f"/jobs/{job.pk}/board").json()
    assert [c["status"] for c in board["deliverables"]][-2:] == ["on_hold", "cancelled"]
    (card,) = _column(board["deliverables"], "in_production")["cards"]
    assert card["id"] == post.pk and card["who"] == {"id": world.cora.pk, "name": "Cora Northwind"}
    # A creative moves a deliverable within production only.
    assert [m["to"] for m in card["moves"]] == ["not_started", "internal_review"]
    todo = _column(board["tasks"], "todo")
    assert todo["count"] == 2
    shoot, write = todo["cards"]
    assert shoot["id"] == mine.pk and shoot["estimate_hours"] == "2.50"
    assert [m["to"] for m in shoot["moves"]] == ["doing", "blocked", "done"]
    assert write["moves"] == []  # Cora's task
    alice = as_persona("alice").get(f"/jobs/{job.pk}/board").json()
    moves = _column(alice["deliverables"], "in_production")["cards"][0]["moves"]
    assert [m["to"] for m in moves] == ["not_started", "internal_review", "on_hold", "cancelled"]


@pytest.mark.parametrize(("persona", "status"), ON_THE_BOARD)
def test_who_reads_the_board_and_timeline(world, job, as_persona, persona, status):
    caller = as_persona(persona)
    assert caller.get(f"/jobs/{job.pk}/board").status_code == status
    assert caller.get(f"/jobs/{job.pk}/timeline").status_code == status


def test_the_timeline_as_json(world, job, as_persona):
    task(job, "Late", assignee=world.dan, due_on=today() - timedelta(days=1))
    deliverable(job, "Final", due_on=job.due_on)
    answer = as_persona("alice").get(f"/jobs/{job.pk}/timeline").json()
    assert answer["deadline"] == job.due_on.isoformat() and answer["deadline_position"] == 100.0
    assert [(i["title"], i["late"]) for i in answer["items"]] == [("Late", True), ("Final", False)]
    assert all(0 <= w["position"] <= 100 for w in answer["weeks"])


def test_a_jobs_overview_as_json(world, job, as_persona):
    shoot = task(
        job,
        "Shoot",
        status="blocked",
        blocked_reason="No photos",
        assignee=world.dan,
        due_on=today() - timedelta(days=2),
        estimate_hours=Decimal("3"),
    )
    logged(shoot, world.dan, "4")
    answer = as_persona("alice").get(f"/jobs/{job.pk}/overview").json()
    assert (answer["estimate_hours"], answer["logged_hours"]) == ("3.00", "4.00")
    assert answer["watch"]["late_tasks"]["count"] == 1
    (blocked,) = answer["watch"]["blocked"]["items"]
    assert blocked["reason"] == "No photos" and blocked["who"]["name"] == "Dan Northwind"
    assert answer["tasks"] == [
        {
            "id": shoot.pk,
            "title": "Shoot",
            "status": "blocked",
            "estimate_hours": "3.00",
            "logged_hours": "4.00",
        }
    ]
    assert as_persona("dan").get(f"/jobs/{job.pk}/overview").status_code == 403
    assert as_persona("carol").get(f"/jobs/{job.pk}/overview").status_code == 404
    assert as_persona("max").get(f"/jobs/{job.pk}/overview").status_code == 404


def test_the_overview_of_my_jobs(world, job, as_persona):
    fill(job, deliverables=6, tasks=12, people=[world.dan])
    answer = as_persona("alice").get("/work/overview", limit=1).json()
    assert answer["jobs"]["count"] == 1
    (row,) = answer["jobs"]["items"]
    assert row["id"] == job.pk and row["owner"]["name"] == "Alice Northwind"
    assert row["blocked"] == answer["watch"]["blocked"]["count"] == 3
    assert as_persona("max").get("/work/overview").json()["jobs"]["count"] == 0
    for persona in ("dan", "carol", "gus"):
        assert as_persona(persona).get("/work/overview").status_code == 403
    assert as_persona("alice").get("/work/overview", limit=500).status_code == 422


def test_the_board_api_costs_the_same_queries_whatever_its_size(
    world, job, as_persona, django_assert_max_num_queries
):
    alice = as_persona("alice")
    fill(job, deliverables=3, tasks=6, people=[world.dan])
    with django_assert_max_num_queries(14) as few:
        assert alice.get(f"/jobs/{job.pk}/board").status_code == 200
    fill(job, deliverables=100, tasks=400, people=[world.dan, world.cora])
    with django_assert_max_num_queries(len(few.captured_queries)):
        assert alice.get(f"/jobs/{job.pk}/board").status_code == 200
