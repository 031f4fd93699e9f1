"""The workload page, a week's tasks, candidates for a task, time off and public holidays."""

from datetime import date, timedelta

import pytest
from django.urls import reverse
from django.utils import timezone

from accord.work import rules
from accord.work.models import PublicHoliday, TimeOff
from tests.work.capacity_data import away, holiday, job_for, task

WORKLOAD = "/jobs/workload/"


def this_monday() -> date:
    return rules.week_of(timezone.localdate())


@pytest.fixture
def busy_dan(world):
    """Dan over-booked next week on Acme's job; Cora on Globex's."""
    monday = this_monday() + timedelta(weeks=1)
    acme = job_for(world.acme, world.alice)
    task(acme, world.dan, 30, monday + timedelta(days=1), title="Key visual")
    task(acme, world.dan, "11.5", monday + timedelta(days=3), title="Shelf wobbler")
    globex = job_for(world.globex, world.max, "Savings push")
    task(globex, world.cora, 6, monday + timedelta(days=2), title="Rates copy")
    return monday


def test_the_workload_page_lives_at_jobs_workload():
    assert reverse("work:workload") == WORKLOAD


@pytest.mark.parametrize(
    ("persona", "status"),
    [("erin", 200), ("alice", 200), ("max", 200), ("dan", 200), ("carol", 403), ("gus", 403)],
)
def test_who_opens_the_workload(client, world, persona, status):
    client.force_login(world.persona(persona))
    assert client.get(WORKLOAD).status_code == status


def test_alice_sees_dan_overbooked_in_words_too(client, world, busy_dan):
    client.force_login(world.alice)
    page = client.get(WORKLOAD).text
    assert "Dan Northwind, Over-booked: 41.5 h booked of 37.5 h" in page
    assert "workload__cell--over" in page
    assert "Cora Northwind" in page and "Sam Northwind" in page
    assert "style=" not in page


def test_a_creative_sees_only_their_own_row(client, world, busy_dan):
    client.force_login(world.cora)
    page = client.get(WORKLOAD).text
    assert "Cora Northwind, Has room" in page
    assert "Dan Northwind" not in page.split("<main", 1)[1].split("Time off", 1)[1]


def test_filter_by_discipline(client, world):
    client.force_login(world.alice)
    page = client.get(WORKLOAD, {"discipline": "copywriting"}).text
    assert "Cora Northwind" in page and "Dan Northwind, " not in page


def test_weeks_are_bounded_and_navigable(client, world):
    client.force_login(world.alice)
    page = client.get(WORKLOAD, {"weeks": "400"}).text
    assert page.count("Week of ") == 26  # as many as the page shows
    assert client.get(WORKLOAD, {"weeks": "0"}).text.count("Week of ") == 1
    assert client.get(WORKLOAD, {"weeks": "many"}).text.count("Week of ") == 8  # the default
    page = client.get(WORKLOAD, {"weeks": "3", "start": "not a date"}).text
    assert page.count("Week of ") == 3  # one bad field leaves the others as asked
    page = client.get(WORKLOAD, {"weeks": "26"}).text
    assert page.count("Week of ") == 26
    later = this_monday() + timedelta(weeks=2)
    page = client.get(WORKLOAD, {"weeks": "2", "start": later.isoformat()}).text
    earlier = (later - timedelta(weeks=2)).isoformat()
    assert f"?start={earlier}&amp;weeks=2&amp;discipline=" in page
    assert client.get(WORKLOAD, {"start": "not a date"}).status_code == 200


def test_away_weeks_and_holidays_are_shown(client, world):
    monday = this_monday()
    away(world.dan, monday, monday + timedelta(days=4))
    holiday(monday + timedelta(weeks=1, days=2), "Founders' day")
    client.force_login(world.alice)
    page = client.get(WORKLOAD).text
    assert "Dan Northwind, Away all week: 0 h booked of 0 h, away 5 days" in page
    assert "Founders&#x27; day" in page


def test_the_workload_page_is_a_fixed_number_of_queries(
    client, world, busy_dan, django_assert_max_num_queries
):
    client.force_login(world.alice)
    client.get(WORKLOAD)
    with django_assert_max_num_queries(8):
        client.get(WORKLOAD)


def test_a_week_cell_lists_the_tasks_booked_there(client, world, busy_dan):
    client.force_login(world.alice)
    url = reverse("work:workload_cell")
    page = client.get(url, {"person": world.dan.pk, "week": busy_dan.isoformat()}).text
    assert "Key visual" in page and "Shelf wobbler" in page and "41.5 h" in page
    page = client.get(url, {"person": world.cora.pk, "week": busy_dan.isoformat()}).text
    assert "Rates copy" not in page and "clients you do not handle" in page


def test_a_week_cell_refuses_others_to_creatives_and_bad_input(client, world, busy_dan):
    url = reverse("work:workload_cell")
    client.force_login(world.cora)
    assert client.get(url, {"person": world.dan.pk, "week": busy_dan}).status_code == 404
    assert client.get(url, {"person": world.cora.pk, "week": busy_dan}).status_code == 200
    assert client.get(url, {"person": world.cora.pk, "week": "soon"}).status_code == 422
    for odd in ("x", "²", "9" * 5000):
        assert client.get(url, {"person": odd, "week": busy_dan}).status_code == 422
    client.force_login(world.alice)
    odd_job = {"job": "²", "discipline": "design", "estimate": "8", "due_on": busy_dan}
    assert client.get(reverse("work:candidates"), odd_job).status_code == 422
    client.force_login(world.carol)
    assert client.get(url, {"person": world.dan.pk, "week": busy_dan}).status_code == 403


# --- Candidates -------------------------------------------------------------------------------


def candidates_url(job, **params):
    query = {"job": job.pk, "discipline": "design", "estimate": "8", **params}
    return reverse("work:candidates") + "?" + "&".join(f"{k}={v}" for k, v in query.items())


def test_candidates_show_load_with_the_new_task_and_warnings(client, world, busy_dan):
    job = job_for(world.acme, world.alice, "Autumn range")
    client.force_login(world.alice)
    due = busy_dan + timedelta(days=4)
    response = client.get(candidates_url(job, due_on=due.isoformat()))
    assert response.status_code == 200
    page = response.text
    assert page.index("Dan Northwind") < page.index("Cora Northwind")
    assert "49.5 h" in page
    assert f"Over-booked in the week of {busy_dan.day} {busy_dan:%b} (49.5 h of 37.5 h)" in page


@pytest.mark.parametrize(
    ("persona", "status"),
    [("erin", 200), ("alice", 200), ("max", 404), ("dan", 403), ("carol", 403)],
)
def test_only_those_who_run_the_job_ask_for_candidates(client, world, persona, status):
    job = job_for(world.acme, world.alice)
    task(job, world.dan, 1, this_monday())
    client.force_login(world.persona(persona))
    assert client.get(candidates_url(job, due_on=this_monday())).status_code == status


def test_candidates_with_bad_parameters_say_what_is_wrong(client, world):
    job = job_for(world.acme, world.alice)
    client.force_login(world.alice)
    response = client.get(
        candidates_url(job, due_on=this_monday(), starts_on=this_monday() + timedelta(days=3))
    )
    assert response.status_code == 422
    assert "The task starts after it is due." in response.text
    assert client.get(candidates_url(job, due_on="", estimate="-1")).status_code == 422


# --- Time off ---------------------------------------------------------------------------------


def test_a_creative_records_and_removes_their_time_off(client, world):
    client.force_login(world.dan)
    monday = this_monday() + timedelta(weeks=2)
    response = client.post(
        reverse("work:time_off"),
        {"starts_on": monday, "ends_on": monday + timedelta(days=2), "kind": "holiday"},
    )
    assert response.status_code == 302
    off = TimeOff.objects.get()
    assert (off.user, off.created_by) == (world.dan, world.dan)
    page = client.get(reverse("work:time_off")).text
    assert f"{monday.day} {monday:%b %Y}" in page and "Who" not in page
    client.post(reverse("work:time_off_delete", kwargs={"time_off_id": off.pk}))
    assert not TimeOff.objects.exists()


def test_time_off_in_a_booked_week_says_the_work_no_longer_fits(client, world):
    monday = this_monday() + timedelta(weeks=1)
    task(job_for(world.acme, world.alice), world.dan, 20, monday + timedelta(days=4))
    client.force_login(world.dan)
    off = {"starts_on": monday, "ends_on": monday + timedelta(days=2), "kind": "holiday"}
    page = client.post(reverse("work:time_off"), off, follow=True).text
    assert "Dan Northwind is now over-booked in the week of" in page
    assert "(20 h of 15 h)" in page and "alert--warning" in page  # 2 days of 7.5 h left
    later = this_monday() + timedelta(weeks=4)
    off = {"starts_on": later, "ends_on": later, "kind": "holiday"}
    assert "over-booked" not in client.post(reverse("work:time_off"), off, follow=True).text


def test_overlapping_time_off_keeps_what_was_typed(client, world):
    monday = this_monday()
    away(world.dan, monday, monday + timedelta(days=4))
    client.force_login(world.dan)
    response = client.post(
        reverse("work:time_off"),
        {
            "starts_on": monday + timedelta(days=2),
            "ends_on": monday + timedelta(days=8),
            "kind": "training",
            "note": "Type conference",
        },
    )
    assert response.status_code == 422
    assert "overlaps time off already recorded" in response.text
    assert "Type conference" in response.text


def test_an_account_manager_records_time_off_for_anyone(client, world):
    client.force_login(world.alice)
    monday = this_monday()
    response = client.post(
        reverse("work:time_off"),
        {"person": world.cora.pk, "starts_on": monday, "ends_on": monday, "kind": "sick"},
    )
    assert response.status_code == 302
    assert TimeOff.objects.get().user == world.cora


def test_a_creative_cannot_remove_someone_elses_time_off(client, world):
    off = away(world.cora, this_monday(), this_monday())
    client.force_login(world.dan)
    url = reverse("work:time_off_delete", kwargs={"time_off_id": off.pk})
    assert client.post(url).status_code == 404
    client.force_login(world.carol)
    assert client.get(reverse("work:time_off")).status_code == 403


def test_the_time_off_list_is_a_fixed_number_of_queries(
    client, world, django_assert_max_num_queries
):
    for i in range(20):
        day = this_monday() + timedelta(days=3 * i)
        away(world.dan if i % 2 else world.cora, day, day)
    client.force_login(world.alice)
    with django_assert_max_num_queries(8):
        assert client.get(reverse("work:time_off")).status_code == 200


# --- Public holidays --------------------------------------------------------------------------


def test_an_admin_adds_and_removes_public_holidays(client, world):
    client.force_login(world.erin)
    day = date(timezone.localdate().year, 12, 31)
    assert client.post(reverse("work:holidays"), {"on": day, "name": "Hogmanay"}).status_code == 302
    again = client.post(reverse("work:holidays"), {"on": day, "name": "Again"})
    assert again.status_code == 422 and "public holiday already" in again.text
    found = PublicHoliday.objects.get()
    assert "Hogmanay" in client.get(reverse("work:holidays")).text
    client.post(reverse("work:holiday_delete", kwargs={"holiday_id": found.pk}))
    assert not PublicHoliday.objects.exists()


@pytest.mark.parametrize("persona", ["alice", "dan", "carol"])
def test_only_admins_open_the_holidays_page(client, world, persona):
    client.force_login(world.persona(persona))
    assert client.get(reverse("work:holidays")).status_code == 403
