"""Briefs show whose court the ball is in: the agency's response clock against the client's
target (Acme's: 8 business hours) on the list, the page, the queue and in the API; a client
contact reads only who it waits on. The holidays are read once a request at most."""

from datetime import datetime, timedelta

from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from accord.core import clock
from accord.intake.models import Brief
from tests.intake.view_helpers import draft_brief, submitted_brief, url


def waiting_since(brief: Brief, since: datetime) -> Brief:
    Brief.objects.filter(pk=brief.pk).update(waiting_since=since)
    brief.waiting_since = since
    return brief


def breached(world, title="Overdue brief") -> Brief:
    """Waiting on the agency a minute longer than Acme's 8 business hours."""
    since = clock.cutoff(timezone.now(), 8) - timedelta(minutes=1)
    return waiting_since(submitted_brief(world, title=title), since)


def near(world, title="Nearly due brief") -> Brief:
    """Waiting on the agency for 90 % of Acme's target."""
    return waiting_since(submitted_brief(world, title=title), clock.cutoff(timezone.now(), 7.2))


def row_of(page: str, title: str) -> str:
    start = page.index(f">{title}</a>")
    return page[start : page.index("</tr>", start)]


def test_the_brief_list_shows_each_briefs_court_and_clock(client, world):
    breached(world)
    near(world)
    submitted_brief(world, title="Fresh brief")
    draft_brief(world, title="With the client")  # the client fills it in
    client.force_login(world.alice)
    page = client.get(url("brief_list")).text
    overdue = row_of(page, "Overdue brief")
    assert "court--breached" in overdue and "overdue by" in overdue and "of 8\xa0h" in overdue
    nearly = row_of(page, "Nearly due brief")
    assert "court--near" in nearly and "due in" in nearly and "7\xa0h of 8\xa0h" in nearly
    fresh = row_of(page, "Fresh brief")
    assert "court--ok" in fresh and "0\xa0min of 8\xa0h" in fresh
    theirs = row_of(page, "With the client")
    assert "Waiting on the client since" in theirs and "court--client" in theirs


def test_the_brief_page_shows_the_clock_to_the_agency_and_the_court_to_the_client(client, world):
    brief = breached(world)
    client.force_login(world.alice)
    page = client.get(brief.get_absolute_url()).text
    assert "court--breached" in page and "Your court</span> since" in page
    client.force_login(world.carol)
    page = client.get(brief.get_absolute_url()).text
    assert "Waiting on Northwind Creative since" in page
    assert "overdue by" not in page and "court--breached" not in page


def test_the_queue_shows_the_clock_of_each_brief_waiting_on_the_agency(client, world):
    breached(world)
    client.force_login(world.alice)
    section = client.get(url("queue")).text.split('id="ready-heading"')[1]
    assert "Overdue brief" in section and "overdue by" in section


def test_the_api_gives_the_agency_its_response_clock(client, world):
    brief = breached(world)
    due = clock.due_at(brief.waiting_since, 8)
    client.force_login(world.alice)
    listed = client.get("/api/v1/briefs").json()["items"]
    item = next(i for i in listed if i["id"] == brief.pk)
    assert item["response_state"] == "breached"
    assert abs(datetime.fromisoformat(item["response_due_at"]) - due) < timedelta(milliseconds=1)
    detail = client.get(f"/api/v1/briefs/{brief.pk}").json()
    assert detail["response_state"] == "breached"
    assert abs(datetime.fromisoformat(detail["response_due_at"]) - due) < timedelta(milliseconds=1)
    draft = draft_brief(world, title="With the client")
    assert client.get(f"/api/v1/briefs/{draft.pk}").json()["response_state"] == "none"


def test_the_api_gives_a_client_contact_no_agency_clock(client, world):
    brief = breached(world)
    client.force_login(world.carol)
    item = client.get("/api/v1/briefs").json()["items"][0]
    assert (item["response_state"], item["response_due_at"]) == ("none", None)
    detail = client.get(f"/api/v1/briefs/{brief.pk}").json()
    assert "response_state" not in detail and "response_due_at" not in detail


def test_a_page_of_clocks_reads_the_holidays_once_and_then_not_for_a_minute(client, world):
    for n in range(6):
        breached(world, title=f"Brief {n}")
    client.force_login(world.alice)
    clock.forget_holidays()
    with CaptureQueriesContext(connection) as first:
        client.get(url("brief_list"))
    with CaptureQueriesContext(connection) as second:
        client.get(url("brief_list"))

    def holiday_reads(queries):
        return [q for q in queries.captured_queries if "work_publicholiday" in q["sql"]]

    assert len(holiday_reads(first)) == 1
    assert not holiday_reads(second)
    assert len(second.captured_queries) == len(first.captured_queries) - 1
