"""The capacity grid, candidates for a task, and the time off and holiday services."""

from datetime import date, timedelta
from decimal import Decimal

import pytest

from accord.core.errors import InvalidInput, NotAllowed
from accord.core.models import Event
from accord.work import capacity as cap
from accord.work import rules
from accord.work.models import PublicHoliday, TimeOff
from accord.work.services import capacity as services
from tests.work.capacity_data import away, holiday, job_for, on_team, task

MONDAY = date(2026, 12, 14)  # "today" in these tests
WEEKS = rules.weeks_from(MONDAY, 3)


def cell(grid, person, week=MONDAY):
    return grid.cells[person.pk][week]


def test_open_tasks_fill_the_week_they_are_due_in(world):
    job = job_for(world.acme, world.alice)
    task(job, world.dan, 30, MONDAY + timedelta(days=2))
    task(job, world.dan, "11.5", MONDAY + timedelta(days=4))
    task(job, world.dan, 8, MONDAY + timedelta(days=8))
    task(job, world.dan, 20, MONDAY + timedelta(days=3), status="done")
    task(job, world.dan, 20, None)  # no due date: not booked
    grid = cap.grid([world.dan, world.cora], WEEKS, on=MONDAY)
    assert cell(grid, world.dan) == cap.Cell(MONDAY, Decimal("41.5"), Decimal("37.5"), "over")
    assert cell(grid, world.dan, WEEKS[1]).booked == 8
    assert cell(grid, world.cora).state == "ok"
    assert grid.row(world.dan.pk)[2].booked == 0


def test_time_off_and_holidays_take_capacity_away(world):
    away(world.dan, MONDAY + timedelta(days=1), MONDAY + timedelta(days=3))
    holiday(MONDAY + timedelta(days=11))
    away(world.cora, MONDAY, MONDAY + timedelta(days=6), kind="sick")
    grid = cap.grid([world.dan, world.cora], WEEKS, on=MONDAY)
    dan = cell(grid, world.dan)
    assert (dan.capacity, dan.days_away, dan.state) == (Decimal("15.0"), 3, "ok")
    assert cell(grid, world.dan, WEEKS[1]).capacity == Decimal("30.0")
    assert cell(grid, world.dan, WEEKS[1]).days_closed == 1
    assert cell(grid, world.cora).state == "away"
    assert grid.aways[world.cora.pk][0].label == "sick leave"


def test_a_task_spread_over_its_days_skips_the_days_off(world):
    job = job_for(world.acme, world.alice)
    away(world.dan, MONDAY + timedelta(days=7), MONDAY + timedelta(days=9))
    task(job, world.dan, 10, MONDAY + timedelta(days=11), starts_on=MONDAY + timedelta(days=3))
    grid = cap.grid([world.dan], WEEKS, on=MONDAY)
    # Thursday, Friday, then Thursday and Friday of the next week: 2 days each side.
    assert cell(grid, world.dan).booked == 5
    assert cell(grid, world.dan, WEEKS[1]).booked == 5


def test_past_due_work_is_booked_this_week_and_not_in_later_windows(world):
    job = job_for(world.acme, world.alice)
    task(job, world.dan, 12, MONDAY - timedelta(days=30))
    assert cell(cap.grid([world.dan], WEEKS, on=MONDAY), world.dan).booked == 12
    later = cap.grid([world.dan], WEEKS[1:], on=MONDAY)
    assert cell(later, world.dan, WEEKS[1]).booked == 0


def test_a_task_due_after_the_window_but_started_in_it_counts(world):
    job = job_for(world.acme, world.alice)
    task(job, world.dan, 10, MONDAY + timedelta(days=32), starts_on=MONDAY + timedelta(days=14))
    grid = cap.grid([world.dan], WEEKS, on=MONDAY)
    assert cell(grid, world.dan, WEEKS[2]).booked == Decimal("3.3")  # 5 of its 15 working days


def test_tasks_of_jobs_no_longer_open_are_not_booked(world):
    job = job_for(world.acme, world.alice, status="cancelled")
    task(job, world.dan, 30, MONDAY + timedelta(days=2))
    assert cell(cap.grid([world.dan], WEEKS, on=MONDAY), world.dan).booked == 0


def test_the_grid_reads_in_a_fixed_number_of_queries(world, django_assert_max_num_queries):
    job = job_for(world.acme, world.alice)
    for i in range(30):
        for person in (world.dan, world.cora, world.sam):
            task(job, person, 3, MONDAY + timedelta(days=i % 20), starts_on=MONDAY)
        away(world.cora, MONDAY + timedelta(days=40 + 3 * i), MONDAY + timedelta(days=41 + 3 * i))
        holiday(MONDAY + timedelta(days=100 + i), f"Holiday {i}")
    with django_assert_max_num_queries(3):
        grid = cap.grid([world.dan, world.cora, world.sam], rules.weeks_from(MONDAY, 8), on=MONDAY)
    assert abs(sum(c.booked for c in grid.cells[world.dan.pk].values()) - 90) < 1  # rounding


def test_cell_tasks_hide_the_clients_the_viewer_does_not_handle(world):
    acme, globex = job_for(world.acme, world.alice), job_for(world.globex, world.max, "Savings")
    task(acme, world.cora, 6, MONDAY + timedelta(days=1), title="Headline")
    task(globex, world.cora, 4, MONDAY + timedelta(days=2), title="Rates copy")
    seen = cap.cell_tasks(world.alice, world.cora, MONDAY, on=MONDAY)
    assert [(b.task.title if b.task else None, b.hours) for b in seen] == [
        ("Headline", Decimal("6.0")),
        (None, Decimal("4.0")),
    ]
    assert len(cap.cell_tasks(world.erin, world.cora, MONDAY, on=MONDAY)) == 2


def test_workload_people_by_role(world):
    world.sam.is_active = False
    world.sam.save(update_fields=["is_active"])
    assert list(cap.workload_people(world.alice)) == [world.cora, world.dan]
    assert list(cap.workload_people(world.erin, discipline="design")) == [world.dan]
    assert list(cap.workload_people(world.dan)) == [world.dan]
    assert list(cap.workload_people(world.carol)) == []


# --- Candidates -------------------------------------------------------------------------------


def test_candidates_match_the_discipline_first_and_count_the_new_task(world):
    job = job_for(world.acme, world.alice)
    task(job, world.dan, 30, MONDAY + timedelta(days=1))
    found = cap.candidates(
        job=job,
        discipline="design",
        starts_on=None,
        due_on=MONDAY + timedelta(days=3),
        estimate=Decimal("11.5"),
        on=MONDAY,
    )
    assert found[0].person == world.dan and found[0].matches
    assert found[0].cells[0].booked == Decimal("41.5")
    assert found[0].warnings == ["over-booked in the week of 14 Dec (41.5 h of 37.5 h)"]
    assert {c.person for c in found} == {world.dan, world.cora, world.sam}


def test_candidates_warn_of_absence_and_closure_in_the_tasks_days(world):
    job = job_for(world.acme, world.alice)
    away(world.dan, date(2026, 12, 15), date(2026, 12, 17))
    holiday(date(2026, 12, 25))
    found = cap.candidates(
        job=job,
        discipline="design",
        starts_on=MONDAY,
        due_on=date(2026, 12, 29),
        estimate=Decimal(8),
        on=MONDAY,
    )
    dan = next(c for c in found if c.person == world.dan)
    assert dan.warnings == ["away 15–17 Dec (holiday)", "agency closed 25 Dec (Christmas Day)"]
    assert [c.week for c in dan.cells] == rules.weeks_from(MONDAY, 3)


def test_reassigning_a_task_leaves_its_own_booking_out(world):
    job = job_for(world.acme, world.alice)
    mine = task(job, world.dan, 30, MONDAY + timedelta(days=1))
    found = cap.candidates(
        job=job,
        discipline="design",
        starts_on=None,
        due_on=mine.due_on,
        estimate=Decimal(30),
        task=mine.pk,
        on=MONDAY,
    )
    assert found[0].cells[0].booked == 30


def test_deactivated_people_and_contacts_are_never_candidates(world):
    job = job_for(world.acme, world.alice)
    world.cora.is_active = False
    world.cora.save(update_fields=["is_active"])
    world.alice.disciplines = ["strategy"]
    world.alice.save(update_fields=["disciplines"])
    found = cap.candidates(
        job=job,
        discipline="strategy",
        starts_on=None,
        due_on=MONDAY,
        estimate=Decimal(1),
        on=MONDAY,
    )
    people = [c.person for c in found]
    assert people[0] == world.alice  # an account manager who practises it
    assert world.cora not in people and world.carol not in people


def test_the_jobs_team_comes_before_others_of_the_same_discipline(world):
    job = job_for(world.acme, world.alice)
    on_team(job, world.sam)
    found = cap.candidates(
        job=job, discipline="", starts_on=None, due_on=MONDAY, estimate=Decimal(1), on=MONDAY
    )
    assert found[0].person == world.sam and found[0].on_job


def test_candidates_read_in_a_fixed_number_of_queries(world, django_assert_max_num_queries):
    job = job_for(world.acme, world.alice)
    for i in range(20):
        task(job, world.dan, 2, MONDAY + timedelta(days=i))
        task(job, world.cora, 2, MONDAY + timedelta(days=i))
    with django_assert_max_num_queries(5):
        cap.candidates(
            job=job,
            discipline="design",
            starts_on=MONDAY,
            due_on=MONDAY + timedelta(days=20),
            estimate=Decimal(10),
            on=MONDAY,
        )


# --- Time off and holidays --------------------------------------------------------------------


def test_a_person_records_their_own_time_off_and_it_is_recorded(world):
    off = services.record_time_off(
        by=world.dan,
        person=world.dan,
        starts_on=MONDAY,
        ends_on=MONDAY,
        kind="training",
        note="Figma course",
    )
    event = Event.objects.get(verb="time_off.recorded")
    assert (event.target_id, event.data["person"]) == (str(off.pk), world.dan.pk)
    assert "Figma course" not in str(event.data)


def test_a_creative_cannot_record_someone_elses_time_off(world):
    with pytest.raises(NotAllowed):
        services.record_time_off(
            by=world.dan, person=world.cora, starts_on=MONDAY, ends_on=MONDAY, kind="holiday"
        )
    services.record_time_off(
        by=world.alice, person=world.cora, starts_on=MONDAY, ends_on=MONDAY, kind="holiday"
    )


@pytest.mark.parametrize(
    ("start", "end", "field", "words"),
    [
        (MONDAY, MONDAY - timedelta(days=1), "ends_on", "before the first day"),
        (MONDAY, MONDAY + timedelta(days=400), "ends_on", "at most 366 days"),
        (MONDAY + timedelta(days=2), MONDAY + timedelta(days=9), "starts_on", "overlaps"),
    ],
)
def test_bad_time_off_is_refused_with_a_clear_message(world, start, end, field, words):
    away(world.dan, MONDAY, MONDAY + timedelta(days=4))
    with pytest.raises(InvalidInput) as refused:
        services.record_time_off(
            by=world.dan, person=world.dan, starts_on=start, ends_on=end, kind="holiday"
        )
    assert (refused.value.field, words in refused.value.message) == (field, True)
    assert TimeOff.objects.count() == 1


def test_time_off_is_for_active_staff_only(world):
    with pytest.raises(InvalidInput):
        services.record_time_off(
            by=world.erin, person=world.carol, starts_on=MONDAY, ends_on=MONDAY, kind="holiday"
        )


def test_removing_time_off(world):
    off = away(world.dan, MONDAY, MONDAY)
    with pytest.raises(NotAllowed):
        services.remove_time_off(by=world.cora, time_off=off)
    services.remove_time_off(by=world.dan, time_off=off)
    services.remove_time_off(by=world.dan, time_off=off)  # twice: done already
    assert not TimeOff.objects.exists()
    assert Event.objects.filter(verb="time_off.removed").count() == 1


def test_public_holidays_are_for_admins(world):
    with pytest.raises(NotAllowed):
        services.add_public_holiday(by=world.alice, on=MONDAY, name="Founders' day")
    found = services.add_public_holiday(by=world.erin, on=MONDAY, name="Founders' day")
    with pytest.raises(InvalidInput, match="public holiday already"):
        services.add_public_holiday(by=world.erin, on=MONDAY, name="Again")
    services.remove_public_holiday(by=world.erin, holiday=found)
    assert not PublicHoliday.objects.exists()


def test_importing_a_countrys_holidays_keeps_the_days_already_set(world):
    holiday(date(2026, 12, 25), "Christmas (ours)")
    added = services.import_public_holidays(by=None, country="gb", subdivision="eng", years=[2026])
    known = services.holidays_of("GB", "ENG", [2026])
    assert date(2026, 12, 25) in known and date(2026, 5, 25) in known  # the Spring bank holiday
    assert added == len(known) - 1  # Christmas was set already
    assert PublicHoliday.objects.get(on=date(2026, 12, 25)).name == "Christmas (ours)"
    assert (
        services.import_public_holidays(by=None, country="GB", subdivision="ENG", years=[2026]) == 0
    )


@pytest.mark.parametrize(
    ("country", "years", "field"),
    [("XX", [2026], "country"), ("GB", list(range(2026, 2033)), "years"), ("GB", [1066], "years")],
)
def test_an_import_refuses_unknown_countries_and_absurd_years(world, country, years, field):
    with pytest.raises(InvalidInput) as refused:
        services.import_public_holidays(by=None, country=country, subdivision="", years=years)
    assert refused.value.field == field
