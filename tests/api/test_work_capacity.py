"""The capacity API: workload, candidates, time off, public holidays and weekly hours."""

from datetime import date, timedelta
from decimal import Decimal

import pytest
from django.utils import timezone

from accord.work import rules
from accord.work.models import PublicHoliday, TimeOff
from tests.work.capacity_data import away, holiday, job_for, task


def this_monday() -> date:
    return rules.week_of(timezone.localdate())


@pytest.fixture
def busy(world):
    monday = this_monday() + timedelta(weeks=1)
    job = job_for(world.acme, world.alice)
    task(job, world.dan, 30, monday + timedelta(days=1))
    task(job, world.dan, "11.5", monday + timedelta(days=3))
    return job, monday


def test_workload_shows_dan_overbooked(as_persona, world, busy):
    _, monday = busy
    response = as_persona("alice").get("/workload", weeks=3)
    assert response.status_code == 200
    body = response.json()
    assert body["weeks"] == [(this_monday() + timedelta(weeks=i)).isoformat() for i in range(3)]
    dan = next(row for row in body["items"] if row["person"]["id"] == world.dan.pk)
    assert dan["cells"][1] == {
        "week": monday.isoformat(),
        "booked": "41.5",
        "capacity": "37.5",
        "state": "over",
        "days_away": 0,
        "days_closed": 0,
    }
    assert body["count"] == 3


def test_workload_filters_and_bounds(as_persona, world):
    alice = as_persona("alice")
    assert [
        r["person"]["id"] for r in alice.get("/workload", discipline="design").json()["items"]
    ] == [world.dan.pk]
    far = (timezone.localdate() + timedelta(days=3 * 366)).isoformat()
    assert alice.get("/workload", **{"from": far}).json()["field"] == "from"
    assert alice.get("/workload", weeks=27).status_code == 422
    assert alice.get("/workload", discipline="juggling").status_code == 422


def test_workload_as_a_creative_and_a_contact(as_persona, world):
    rows = as_persona("sam").get("/workload").json()["items"]
    assert [r["person"]["id"] for r in rows] == [world.sam.pk]
    assert as_persona("gus").get("/workload").status_code == 403


def test_candidates(as_persona, world, busy):
    job, monday = busy
    away(world.dan, monday + timedelta(days=1), monday + timedelta(days=2))
    response = as_persona("alice").get(
        "/candidates",
        job=job.pk,
        discipline="design",
        starts_on=monday.isoformat(),
        due_on=(monday + timedelta(days=4)).isoformat(),
        estimate="4",
    )
    assert response.status_code == 200
    body = response.json()
    dan = body["items"][0]
    assert dan["person"]["id"] == world.dan.pk and dan["matches_discipline"]
    assert dan["cells"][0]["booked"] == "45.5"
    assert dan["warnings"][0].startswith("over-booked in the week of")
    assert dan["warnings"][1].startswith("away ")


def test_candidates_refusals(as_persona, world, busy):
    job, monday = busy
    params = {"job": job.pk, "due_on": monday.isoformat(), "estimate": "4"}
    assert as_persona("dan").get("/candidates", **params).status_code == 403
    assert as_persona("max").get("/candidates", **params).status_code == 404
    assert as_persona("carol").get("/candidates", **params).status_code == 403
    late = {**params, "starts_on": (monday + timedelta(days=2)).isoformat()}
    refused = as_persona("alice").get("/candidates", **late)
    assert (refused.status_code, refused.json()["field"]) == (422, "starts_on")
    assert as_persona("alice").get("/candidates", **{**params, "estimate": "-1"}).status_code == 422


def test_time_off_round_trip(as_persona, world):
    dan = as_persona("dan")
    monday = this_monday()
    created = dan.post(
        "/time-off",
        {
            "starts_on": monday.isoformat(),
            "ends_on": (monday + timedelta(days=1)).isoformat(),
            "kind": "training",
            "note": "Course",
        },
    )
    assert created.status_code == 201
    assert created.json()["person"] == {"id": world.dan.pk, "name": "Dan Northwind"}
    overlap = dan.post(
        "/time-off", {"starts_on": monday.isoformat(), "ends_on": monday.isoformat()}
    )
    assert (overlap.status_code, overlap.json()["field"]) == (422, "starts_on")
    backwards = dan.post(
        "/time-off",
        {"starts_on": (monday + timedelta(days=9)).isoformat(), "ends_on": monday.isoformat()},
    )
    assert (backwards.status_code, backwards.json()["field"]) == (422, "ends_on")
    listed = dan.get("/time-off").json()
    assert listed["count"] == 1
    assert as_persona("cora").get("/time-off").json()["count"] == 0
    assert as_persona("alice").get("/time-off", person=world.dan.pk).json()["count"] == 1
    time_off_id = created.json()["id"]
    assert as_persona("cora").delete(f"/time-off/{time_off_id}").status_code == 404
    assert dan.delete(f"/time-off/{time_off_id}").status_code == 204
    assert not TimeOff.objects.exists()


def test_time_off_for_someone_else(as_persona, world):
    body = {"person_id": world.cora.pk, "starts_on": "2027-01-04", "ends_on": "2027-01-05"}
    assert as_persona("dan").post("/time-off", body).status_code == 404
    assert as_persona("alice").post("/time-off", body).status_code == 201
    assert (
        as_persona("alice").post("/time-off", {**body, "person_id": world.carol.pk}).status_code
        == 404
    )
    assert as_persona("carol").post("/time-off", body).status_code == 403


def test_public_holidays(as_persona, world):
    holiday(date(2027, 12, 27), "Boxing Day (substitute day)")
    erin = as_persona("erin")
    created = erin.post("/public-holidays", {"on": "2027-12-31", "name": "Hogmanay"})
    assert created.status_code == 201
    assert erin.post("/public-holidays", {"on": "2027-12-31", "name": "Again"}).status_code == 422
    assert erin.post("/public-holidays", {"on": "31/12/2027", "name": "Bad"}).status_code == 422
    listed = as_persona("dan").get("/public-holidays", year=2027).json()
    assert [h["name"] for h in listed["items"]] == ["Boxing Day (substitute day)", "Hogmanay"]
    assert (
        as_persona("alice").post("/public-holidays", {"on": "2027-12-30", "name": "X"}).status_code
        == 403
    )
    assert as_persona("carol").get("/public-holidays").status_code == 403
    assert as_persona("alice").delete(f"/public-holidays/{created.json()['id']}").status_code == 403
    assert erin.delete(f"/public-holidays/{created.json()['id']}").status_code == 204
    assert PublicHoliday.objects.count() == 1


def test_weekly_hours(as_persona, world):
    response = as_persona("erin").put(f"/team/{world.dan.pk}/weekly-hours", {"weekly_hours": 30})
    assert response.status_code == 200
    assert response.json()["weekly_hours"] == "30.0"
    world.dan.refresh_from_db()
    assert world.dan.weekly_capacity_hours == Decimal("30.0")
    assert (
        as_persona("erin")
        .put(f"/team/{world.dan.pk}/weekly-hours", {"weekly_hours": 90})
        .status_code
        == 422
    )
    assert (
        as_persona("alice")
        .put(f"/team/{world.dan.pk}/weekly-hours", {"weekly_hours": 20})
        .status_code
        == 403
    )
    assert (
        as_persona("carol")
        .put(f"/team/{world.dan.pk}/weekly-hours", {"weekly_hours": 20})
        .status_code
        == 403
    )
