"""My work over the API: my tasks, my time, my timer, my calendar feed, my notifications."""

from datetime import timedelta
from urllib.parse import urlsplit

from django.utils import timezone
from icalendar import Calendar

from accord.core.notify import notify
from accord.work.models import TimeEntry
from accord.work.services import time
from tests.work.mywork_data import a_job, a_task


def _today() -> str:
    return timezone.localdate().isoformat()


def test_dan_lists_his_open_tasks_with_job_client_and_hours(world, as_persona):
    job = a_job(world)
    late = a_task(job, world.dan, title="Late", due_in=-1, estimate="3")
    a_task(job, world.dan, title="Soon", due_in=2)
    time.log_time(by=world.dan, job=job, task=late, on=timezone.localdate(), hours=1, billable=True)
    response = as_persona("dan").get("/my-work")
    assert response.status_code == 200
    body = response.json()
    assert body["count"] == 2
    first = body["items"][0]
    assert first["title"] == "Late" and first["overdue"] is True
    assert first["logged_hours"] == "1.00" and first["estimate_hours"] == "3.00"
    assert first["client"]["name"] == "Acme Foods" and first["job"]["id"] == job.pk


def test_clients_never_see_tasks_or_time(world, as_persona):
    carol = as_persona("carol")
    for path in ("/my-work", "/time-entries", f"/jobs/{a_job(world).pk}/time-entries"):
        assert carol.get(path).status_code == 403
    assert carol.post("/timer/stop", {}).status_code == 403
    assert carol.post("/calendar-feeds").status_code == 403


def test_dan_logs_changes_and_deletes_his_time(world, as_persona):
    task = a_task(a_job(world), world.dan)
    dan = as_persona("dan")
    made = dan.post(
        "/time-entries", {"task_id": task.pk, "on": _today(), "hours": 1.5, "note": "Sketches"}
    )
    assert made.status_code == 201, made.json()
    entry = made.json()
    assert entry["hours"] == "1.50" and entry["billable"] is True
    assert entry["job"]["id"] == task.job_id
    changed = dan.patch(
        f"/time-entries/{entry['id']}",
        {"version": entry["version"], "on": _today(), "hours": "2", "billable": False},
    )
    assert changed.status_code == 200 and changed.json()["hours"] == "2.00"
    stale = dan.patch(
        f"/time-entries/{entry['id']}",
        {"version": entry["version"], "on": _today(), "hours": "3", "billable": False},
    )
    assert stale.status_code == 409 and "changed since you read it" in stale.json()["detail"]
    gone = dan.delete(f"/time-entries/{entry['id']}?version={changed.json()['version']}")
    assert gone.status_code == 204
    assert not TimeEntry.objects.exists()


def test_absurd_time_is_a_clear_422(world, as_persona):
    task = a_task(a_job(world), world.dan)
    dan = as_persona("dan")
    tomorrow = (timezone.localdate() + timedelta(days=1)).isoformat()
    for body, field in [
        ({"task_id": task.pk, "on": _today(), "hours": 25}, "hours"),
        ({"task_id": task.pk, "on": _today(), "hours": "0"}, "hours"),
        ({"task_id": task.pk, "on": _today(), "hours": "1.001"}, "hours"),
        ({"task_id": task.pk, "on": tomorrow, "hours": 1}, "on"),
        ({"on": _today(), "hours": 1}, "job_id"),
    ]:
        response = dan.post("/time-entries", body)
        assert response.status_code == 422, body
        assert response.json()["field"] == field
    dan.post("/time-entries", {"task_id": task.pk, "on": _today(), "hours": 20})
    full = dan.post("/time-entries", {"task_id": task.pk, "on": _today(), "hours": 5})
    assert full.status_code == 422
    assert "20 hours booked that day already" in full.json()["detail"]


def test_a_timer_left_running_answers_409_confirm_then_books_the_real_hours(world, as_persona):
    task = a_task(a_job(world), world.dan)
    dan = as_persona("dan")
    started = dan.post("/timer/start", {"task_id": task.pk})
    assert started.status_code == 201 and started.json()["running"] is True
    TimeEntry.objects.update(started_at=timezone.now() - timedelta(hours=14))
    refused = dan.post("/timer/stop", {})
    assert refused.status_code == 409
    assert refused.json()["field"] == "confirm"
    booked = dan.post("/timer/stop", {"hours": "6", "confirm": True})
    assert booked.status_code == 200
    assert booked.json()["hours"] == "6.00" and booked.json()["running"] is False


def test_sam_cannot_time_dan_s_task(world, as_persona):
    task = a_task(a_job(world), world.dan)
    assert as_persona("sam").post("/timer/start", {"task_id": task.pk}).status_code == 404


def test_a_job_s_time_is_for_its_account_side(world, as_persona):
    task = a_task(a_job(world), world.dan)
    time.log_time(
        by=world.dan, job=task.job, task=task, on=timezone.localdate(), hours=2, billable=True
    )
    path = f"/jobs/{task.job_id}/time-entries"
    alice = as_persona("alice").get(path)
    assert alice.status_code == 200
    assert alice.json()["items"][0]["person"]["name"] == "Dan Northwind"
    assert as_persona("dan").get(path).status_code == 403
    assert as_persona("max").get(path).status_code == 404


def test_dan_s_calendar_feed_parses_and_a_revoked_one_is_gone(world, as_persona, client):
    task = a_task(a_job(world), world.dan, due_in=4)
    dan = as_persona("dan")
    made = dan.post("/calendar-feeds")
    assert made.status_code == 201
    url = made.json()["url"]
    ics = client.get(urlsplit(url).path)
    parsed = Calendar.from_ical(ics.content)
    assert [str(e["UID"]) for e in parsed.walk("VEVENT")] == [f"task-{task.pk}@accord"]
    assert dan.delete(f"/calendar-feeds/{made.json()['id']}").status_code == 204
    assert client.get(urlsplit(url).path).status_code == 404


def test_notifications_list_and_mark_read(world, as_persona):
    for n in range(3):
        notify(people=[world.dan], kind="task.assigned", text=f"Note {n}", url="/", email=False)
    notify(people=[world.cora], kind="task.assigned", text="Cora's", url="/", email=False)
    dan = as_persona("dan")
    listed = dan.get("/notifications").json()
    assert listed["count"] == 3 and listed["unread"] == 3
    assert [item["text"] for item in listed["items"]] == ["Note 2", "Note 1", "Note 0"]
    first = listed["items"][0]["id"]
    one = dan.post(f"/notifications/{first}/read")
    assert one.status_code == 200 and one.json()["read"] is True
    assert as_persona("cora").post(f"/notifications/{first}/read").status_code == 404
    assert dan.get("/notifications", unread="true").json()["count"] == 2
    assert dan.post("/notifications/read").json() == {"marked": 2}
