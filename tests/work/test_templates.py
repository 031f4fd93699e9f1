"""Job templates: the rules for their lines (pure, with hypothesis), the four seeded ones, the
admin's edits on a revision, and planning a job from one in one step."""

from datetime import date, timedelta
from decimal import Decimal

import pytest
from django.db import IntegrityError, connection, transaction
from django.test.utils import CaptureQueriesContext
from hypothesis import given
from hypothesis import strategies as st

from accord.core.errors import Conflict, IllegalTransition, InvalidInput
from accord.core.models import Event
from accord.work import plans, rules, services
from accord.work.models import Deliverable, Job, JobTemplate, PublicHoliday, Task
from accord.work.services import templates as template_services
from accord.work.services.templates import template_lines

DEADLINE = date(2027, 3, 31)  # a Wednesday

# --- The pure rules -------------------------------------------------------------------------


def task(n: int = 0, **kwargs):
    return {"title": f"Task {n}", "discipline": "design", "estimate_hours": "2", **kwargs}


@given(st.lists(st.one_of(st.none(), st.integers(0, 9)), min_size=1, max_size=10))
def test_dependencies_are_accepted_exactly_when_they_make_no_loop(waits):
    rows = [
        task(i, depends_on=dep if dep is None or dep < len(waits) else None)
        for i, dep in enumerate(waits)
    ]
    deps = {i: row["depends_on"] for i, row in enumerate(rows)}

    def loops() -> bool:
        for start, first in deps.items():
            seen, node = set(), first
            while node is not None and node not in seen:
                if node == start:
                    return True
                seen.add(node)
                node = deps[node]
        return False

    try:
        cleaned = plans.clean_tasks(rows, deliverables=0)
    except InvalidInput as refused:
        assert loops(), refused.message
        assert "loop" in refused.message
    else:
        assert not loops()
        assert [t.depends_on for t in cleaned] == list(deps.values())


@given(
    st.dates(min_value=date(2024, 1, 1), max_value=date(2030, 12, 31)),
    st.lists(st.integers(0, plans.MAX_DAYS_BEFORE), max_size=8),
    st.sets(st.dates(min_value=date(2023, 1, 1), max_value=date(2030, 12, 31)), max_size=20),
)
def test_planned_due_dates_are_working_days_on_or_before_the_deadline(deadline, days, closed):
    due = plans.due_dates(deadline, days, closed)
    for day, n in zip(due, days, strict=True):
        assert day <= deadline
        assert rules.is_working_day(day, closed)
        assert len(rules.working_days_between(day, deadline, closed)) >= n


def test_more_lines_than_a_template_holds_are_refused():
    with pytest.raises(InvalidInput, match="at most 50"):
        plans.clean_deliverables([{"title": "Post"}] * 51)
    with pytest.raises(InvalidInput, match="at most 200"):
        plans.clean_tasks([task()] * 201, deliverables=0)


@pytest.mark.parametrize(
    ("row", "words"),
    [
        (task(title=""), "needs a title"),
        (task(discipline="juggling"), "unknown discipline"),
        (task(estimate_hours="-1"), "estimate"),
        (task(estimate_hours="1e9"), "estimate"),
        (task(estimate_hours="lots"), "estimate"),
        (task(days_before_deadline=999), "working days"),
        (task(days_before_deadline=-1), "working days"),
        (task(deliverable=3), "no such deliverable"),
        (task(depends_on=0), "loop"),
    ],
)
def test_a_bad_task_line_is_refused_in_words(row, words):
    with pytest.raises(InvalidInput, match=words) as refused:
        plans.clean_tasks([row], deliverables=1)
    assert refused.value.field == "tasks"


def test_an_unknown_deliverable_kind_is_refused():
    with pytest.raises(InvalidInput, match="unknown kind"):
        plans.clean_deliverables([{"title": "Post", "kind": "hologram"}])


# --- The seeded templates -------------------------------------------------------------------


def test_four_realistic_templates_are_seeded(db):
    names = set(JobTemplate.objects.values_list("name", flat=True))
    assert names >= {
        "Social campaign — 6 posts",
        "Print ad campaign",
        "Product launch video (30s)",
        "Website landing page",
    }
    for template in JobTemplate.objects.all():
        deliverables, tasks = template_lines(template)
        cleaned = plans.clean_tasks(tasks, deliverables=len(deliverables))
        assert deliverables and cleaned
        assert sum(t.estimate_hours for t in cleaned) > Decimal(15)
        assert len({t.discipline for t in cleaned}) >= 2
        # A task waits for one due no later than itself.
        for t in cleaned:
            if t.depends_on is not None:
                assert cleaned[t.depends_on].days_before_deadline >= t.days_before_deadline


def social(db=None) -> JobTemplate:
    return JobTemplate.objects.get(name="Social campaign — 6 posts")


# --- Editing templates ----------------------------------------------------------------------


def save(world, template=None, **kwargs):
    fields = {
        "by": world.erin,
        "template": template,
        "revision": template.revision if template else None,
        "name": "Podcast episode",
        "deliverables": [{"title": "Episode", "kind": "other", "days_before_deadline": 2}],
        "tasks": [
            task(0, title="Script", discipline="copywriting", days_before_deadline=6),
            task(1, title="Edit", discipline="video", deliverable=0, depends_on=0),
        ],
        **kwargs,
    }
    return services.save_job_template(**fields)


def test_an_admin_saves_a_template_with_its_lines(world):
    template = save(world)
    deliverables, tasks = template_lines(template)
    assert [d["title"] for d in deliverables] == ["Episode"]
    assert [(t["title"], t["deliverable"], t["depends_on"]) for t in tasks] == [
        ("Script", None, None),
        ("Edit", 0, 0),
    ]
    assert Event.objects.filter(verb="job_template.saved").exists()


def test_an_edit_replaces_the_lines_and_raises_the_revision(world):
    template = save(world)
    saved = save(world, template, tasks=[task(0, title="Record")])
    assert saved.revision == template.revision + 1
    assert [t["title"] for t in template_lines(saved)[1]] == ["Record"]


def test_an_edit_on_a_stale_revision_is_a_conflict(world):
    template = save(world)
    save(world, template, name="Podcast")
    with pytest.raises(Conflict, match="since you opened it"):
        save(world, template, name="Podcast episode, long")
    assert JobTemplate.objects.get(pk=template.pk).name == "Podcast"


def test_two_templates_cannot_share_a_name(world):
    with pytest.raises(InvalidInput, match="already a template"):
        save(world, name="print ad campaign")
    # Nor two saved at the same moment, past each other's check: the database refuses too.
    JobTemplate.objects.create(name="Launch kit")
    with pytest.raises(IntegrityError), transaction.atomic():
        JobTemplate.objects.create(name="LAUNCH KIT")


def test_a_deactivated_template_plans_no_job(world):
    template = services.deactivate_job_template(by=world.erin, template=social())
    assert not template.is_active
    with pytest.raises(IllegalTransition):
        services.deactivate_job_template(by=world.erin, template=template)
    job = services.create_job(by=world.alice, client=world.acme, title="Posts", due_on=DEADLINE)
    with pytest.raises(InvalidInput, match="out of use"):
        services.plan_job_from_template(by=world.alice, job=job, template=template)


# --- Planning a job -------------------------------------------------------------------------


def job(world, **kwargs) -> Job:
    fields = {"by": world.alice, "client": world.acme, "title": "Spring posts", "due_on": DEADLINE}
    return services.create_job(**{**fields, **kwargs})


def test_planning_a_job_copies_the_template_with_dates_back_from_the_deadline(world):
    PublicHoliday.objects.create(on=date(2027, 3, 29), name="Easter Monday")
    planned = services.plan_job_from_template(by=world.alice, job=job(world), template=social())
    assert planned.template == social()
    posts = list(Deliverable.objects.filter(job=planned))
    tasks = list(Task.objects.filter(job=planned).order_by("position"))
    assert len(posts) == 6 and len(tasks) == 12
    assert {p.due_on for p in posts} == {DEADLINE}
    plan = tasks[0]  # 12 working days before, skipping Easter Monday
    assert plan.due_on == rules.working_days_before(DEADLINE, 12, {date(2027, 3, 29)})
    assert plan.due_on == date(2027, 3, 12)
    assert tasks[1].depends_on == plan
    assert tasks[3].deliverable == posts[0]
    assert all(t.assignee is None and t.status == "todo" for t in tasks)
    event = Event.objects.get(verb="job.planned")
    assert (event.data["deliverables"], event.data["tasks"]) == (6, 12)


def test_planning_takes_as_many_queries_for_a_big_template_as_for_a_small_one(world):
    small = save(world)

    def queries_to_plan(template: JobTemplate) -> int:
        fresh = job(world)
        with CaptureQueriesContext(connection) as seen:
            services.plan_job_from_template(by=world.alice, job=fresh, template=template)
        return len(seen)

    # Including the one UPDATE that marks the client's account health to recompute.
    assert queries_to_plan(social()) == queries_to_plan(small) <= 23


def test_a_job_with_no_deadline_cannot_be_planned(world):
    with pytest.raises(InvalidInput, match="deadline first") as refused:
        services.plan_job_from_template(
            by=world.alice, job=job(world, due_on=None), template=social()
        )
    assert refused.value.field == "due_on"
    assert not Deliverable.objects.exists()


def test_a_job_planned_already_is_not_planned_twice(world):
    planned = services.plan_job_from_template(by=world.alice, job=job(world), template=social())
    with pytest.raises(IllegalTransition, match="already"):
        services.plan_job_from_template(by=world.alice, job=planned, template=social())
    assert Task.objects.filter(job=planned).count() == 12


def test_a_job_planned_whose_work_was_all_removed_may_be_planned_again(world):
    planned = services.plan_job_from_template(by=world.alice, job=job(world), template=social())
    Task.objects.filter(job=planned).delete()
    Deliverable.objects.filter(job=planned).delete()
    services.plan_job_from_template(by=world.alice, job=planned, template=social())
    assert Task.objects.filter(job=planned).count() == 12


def test_a_job_set_up_with_a_template_is_planned_in_the_same_step(world):
    made = job(world, template=social())
    assert Deliverable.objects.filter(job=made).count() == 6
    assert made.template_id == social().pk


def test_a_template_on_a_job_without_deadline_sets_up_nothing(world):
    with pytest.raises(InvalidInput, match="deadline"):
        job(world, due_on=None, template=social())
    assert not Job.objects.filter(title="Spring posts").exists()


def test_a_done_job_is_not_planned(world):
    done = services.finish_job(by=world.alice, job=job(world))
    with pytest.raises(IllegalTransition, match="done"):
        services.plan_job_from_template(by=world.alice, job=done, template=social())


def test_planned_work_lands_after_work_the_job_had(world):
    made = job(world)
    Deliverable.objects.create(job=made, title="Brief check", position=0)
    services.plan_job_from_template(by=world.alice, job=made, template=social())
    positions = list(Deliverable.objects.filter(job=made).values_list("position", flat=True))
    assert sorted(positions) == list(range(7))


def test_a_plan_for_a_deadline_soon_never_dates_work_after_it(world):
    soon = job(world, due_on=date.today() + timedelta(days=2))
    services.plan_job_from_template(by=world.alice, job=soon, template=social())
    assert not Task.objects.filter(job=soon, due_on__gt=soon.due_on).exists()


def test_planning_stops_short_of_a_job_s_limits(world, monkeypatch):
    job = Job.objects.create(
        client=world.acme, title="Full", owner=world.alice, due_on=date.today() + timedelta(days=60)
    )
    Task.objects.bulk_create(Task(job=job, title=f"Task {n}") for n in range(3))
    monkeypatch.setattr(template_services, "MAX_TASKS", 4)
    with pytest.raises(InvalidInput, match="at most") as refused:
        services.plan_job_from_template(by=world.alice, job=job, template=social())
    assert refused.value.field == "template"
    assert not Deliverable.objects.filter(job=job).exists() and job.tasks.count() == 3
