"""`{% court %}`: whose court the ball is in, since when, and the agency's response clock, in
words (not colour alone), on Monday 9 March 2026 at 11:00 with the default hours
(09:00-17:30, Monday to Friday, UTC)."""

from datetime import UTC, date, datetime

import pytest
from django.template import Context, Template
from django.utils import timezone

from accord.core import clock

NOW = datetime(2026, 3, 9, 11, tzinfo=UTC)
FRIDAY_4PM = datetime(2026, 3, 6, 16, tzinfo=UTC)  # 1.5 h on Friday and 2 h on Monday: 3.5 h


@pytest.fixture(autouse=True)
def _monday_at_eleven(monkeypatch):
    monkeypatch.setattr(timezone, "now", lambda: NOW)


def court(subject, arguments="", **context) -> str:
    template = Template("{% load court_tags %}{% court subject " + arguments + " %}")
    return template.render(Context({"subject": subject, **context}))


def on(waiting_on, since=FRIDAY_4PM, **more):
    return {"waiting_on": waiting_on, "waiting_since": since, **more}


def test_the_agencys_court_reads_its_clock_against_the_target():
    html = court(on("agency"), "target=8")
    assert html.startswith('<span class="court court--agency court--ok">')
    assert '<span class="court__who">Your court</span> since' in html
    assert f'<time datetime="{FRIDAY_4PM.isoformat()}"' in html and ">Fri 16:00</time>" in html
    assert "3\xa0h of 8\xa0h" in html
    assert "court__flag" not in html


def test_near_the_target_it_says_when_it_is_due():
    html = court(on("agency"), "target=4")  # 3.5 of 4 hours: past 75 %
    assert "court--near" in html
    assert "3\xa0h of 4\xa0h" in html
    assert '<strong class="court__flag">due in 30\xa0min</strong>' in html


def test_past_the_target_it_says_by_how_much():
    html = court(on("agency"), "target=2")
    assert "court--breached" in html
    assert '<strong class="court__flag">overdue by 1.5\xa0h</strong>' in html


def test_without_a_target_the_agencys_court_shows_the_business_time_waited():
    html = court(on("agency"))
    assert "court--agency" in html and "court--ok" not in html
    assert "· 3 business hours" in html


def test_waiting_on_the_client_is_shown_in_business_days_and_is_never_a_breach():
    tuesday = datetime(2026, 3, 3, 14, 5, tzinfo=UTC)  # 3:25 + 3 × 8:30 + 2:00 = 30:55
    html = court(on("client", tuesday), "target=1")
    assert html.startswith('<span class="court court--client">')
    assert "Waiting on the client since" in html and ">Tue 14:05</time>" in html
    assert "· 3 business days" in html
    assert "breached" not in html and "court__flag" not in html


def test_a_client_decision_past_its_due_date_is_late():
    due = datetime(2026, 3, 6, 17, tzinfo=UTC)
    html = court(on("client"), "due=due", due=due)
    assert "court--late" in html
    assert (
        '<strong class="court__flag">late, due <time datetime="2026-03-06T17:00:00+00:00"' in html
    )
    assert "court--late" not in court(
        on("client"), "due=due", due=datetime(2026, 3, 10, tzinfo=UTC)
    )


def test_a_client_contact_reads_who_it_waits_on_without_the_agencys_clock(settings):
    settings.AGENCY_NAME = "Northwind <Creative>"
    theirs = court(on("agency"), "target=2 for_client=True")
    assert "Waiting on Northwind &lt;Creative&gt; since" in theirs
    assert "overdue" not in theirs and "of 2" not in theirs and "court--breached" not in theirs
    mine = court(on("client"), "due=due for_client=True", due=datetime(2026, 3, 6, tzinfo=UTC))
    assert "Waiting on you since" in mine and "overdue, due" in mine


def test_waiting_on_nobody_shows_what_the_page_asks_for():
    assert court(on("nobody")) == ""
    assert court(on("nobody"), 'empty="—"') == "—"
    assert court({"waiting_on": "agency", "waiting_since": None}, 'empty="—"') == "—"


def test_objects_and_rows_read_the_same():
    class Brief:
        waiting_on, waiting_since = "agency", FRIDAY_4PM

    assert court(Brief(), "target=8") == court(on("agency"), "target=8")


@pytest.mark.parametrize(
    ("since", "shown"),
    [
        (datetime(2026, 3, 9, 9, 30, tzinfo=UTC), ">09:30</time>"),
        (datetime(2026, 2, 2, 9, 30, tzinfo=UTC), ">2 Feb</time>"),
        (datetime(2025, 12, 24, 9, 30, tzinfo=UTC), ">24 Dec 2025</time>"),
    ],
)
def test_since_is_short_and_exact_for_machines(since, shown):
    html = court(on("client", since))
    assert shown in html and f'datetime="{since.isoformat()}"' in html


def test_a_holiday_does_not_count():
    clock.remember_holidays([date(2026, 3, 9)])
    assert "1\xa0h of 8\xa0h" in court(on("agency"), "target=8")  # Friday's 1.5 h only
