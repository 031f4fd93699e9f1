"""Deliverables and tasks: their one transition function each, who can take work, dates
against the deadline, dependencies without loops, and two people moving the same card."""

from datetime import date, timedelta
from decimal import Decimal
from typing import Any

import pytest
from django.urls import reverse

from accord.core.errors import (
    Conflict,
    IllegalTransition,
    InvalidInput,
    NeedsConfirmation,
    NotAllowed,
)
from accord.core.feed import describe
from accord.core.models import Event, Notification, OutboundEmail
from accord.work.models import Deliverable, Job, Task
from accord.work.services import deliverables, tasks

DEADLINE = date(2027, 3, 19)


@pytest.fixture
def job(world: Any) -> Job:
    return Job.objects.create(
        client=world.acme, title="Spring menu launch", due_on=DEADLINE, owner=world.alice
    )


def test_a_deliverable_walks_the_workflow_to_published(world, job):
    post = deliverables.add_deliverable(
        by=world.alice, job=job, title="Launch post", kind="social_post", channel="Instagram"
    )
    for to in ["in_production", "internal_review"]:
        post = deliverables.move_deliverable(
            by=world.alice, deliverable=post, to=to, base_status=post.status
        )
    # The client's steps are the review rounds' to take (the reviews app moves it so).
    with pytest.raises(IllegalTransition, match="from its review page"):
        deliverables.move_deliverable(
            by=world.alice, deliverable=post, to="client_review", base_status=post.status
        )
    for to in ["client_review", "approved"]:
        post = deliverables.move_deliverable(
            by=world.alice, deliverable=post, to=to, base_status=post.status, by_review=True
        )
    with pytest.raises(IllegalTransition):
        deliverables.move_deliverable(
            by=world.alice, deliverable=post, to="changes_requested", base_status=post.status
        )
    post = deliverables.move_deliverable(
        by=world.alice, deliverable=post, to="published", base_status=post.status
    )
    assert post.status == "published"
    moved = Event.objects.filter(verb="deliverable.moved", target_id=str(post.pk))
    assert [e.data["to"] for e in moved.order_by("id")][-1] == "published"


def test_an_approved_deliverable_does_not_go_back_to_production_without_a_new_version(world, job):
    post = Deliverable.objects.create(job=job, title="Post", status="approved")
    with pytest.raises(IllegalTransition, match="only with a new version"):
        deliverables.move_deliverable(
            by=world.alice, deliverable=post, to="in_production", base_status="approved"
        )
    post.refresh_from_db()
    assert post.status == "approved"
    moved = deliverables.move_deliverable(
        by=world.alice,
        deliverable=post,
        to="in_production",
        base_status="approved",
        new_version=True,
    )
    assert moved.status == "in_production"


def test_on_hold_remembers_where_it_was(world, job):
    post = Deliverable.objects.create(job=job, title="Post", status="internal_review")
    held = deliverables.move_deliverable(
        by=world.alice, deliverable=post, to="on_hold", base_status="internal_review"
    )
    assert (held.status, held.held_from) == ("on_hold", "internal_review")
    assert deliverables.moves_for(held) == ["internal_review", "cancelled"]
    resumed = deliverables.move_deliverable(
        by=world.alice, deliverable=held, to="internal_review", base_status="on_hold"
    )
    assert (resumed.status, resumed.held_from) == ("internal_review", "")


def test_two_people_moving_the_same_card_the_second_gets_a_conflict(world, job):
    post = Deliverable.objects.create(job=job, title="Post", status="in_production")
    deliverables.move_deliverable(
        by=world.alice, deliverable=post, to="internal_review", base_status="in_production"
    )
    with pytest.raises(Conflict, match="moved to “Internal review” meanwhile"):
        deliverables.move_deliverable(
            by=world.dan, deliverable=post, to="on_hold", base_status="in_production"
        )
    post.refresh_from_db()
    assert post.status == "internal_review"


def test_a_due_date_after_the_deadline_is_asked_about_then_allowed(world, job):
    late = DEADLINE + timedelta(days=3)
    with pytest.raises(NeedsConfirmation, match="after the job's deadline"):
        deliverables.add_deliverable(by=world.alice, job=job, title="Late post", due_on=late)
    assert not job.deliverables.exists()
    post = deliverables.add_deliverable(
        by=world.alice, job=job, title="Late post", due_on=late, confirm=True
    )
    assert post.due_on == late


def test_an_edit_based_on_an_old_revision_is_refused(world, job):
    post = deliverables.add_deliverable(by=world.alice, job=job, title="Post")
    deliverables.update_deliverable(
        by=world.alice, deliverable=post, base_revision=1, title="Post A", kind="social_post"
    )
    with pytest.raises(Conflict, match="Someone else changed"):
        deliverables.update_deliverable(
            by=world.max, deliverable=post, base_revision=1, title="Post B", kind="other"
        )
    post.refresh_from_db()
    assert (post.title, post.revision) == ("Post A", 2)


def test_a_task_is_assigned_with_a_notice_and_an_email(world, job):
    task = tasks.add_task(
        by=world.alice,
        job=job,
        title="Design the key visual",
        discipline="design",
        assignee=world.dan,
        estimate_hours="12.5",
        due_on=DEADLINE - timedelta(days=7),
        checklist=["Three routes", "", "Export 1080×1350"],
    )
    assert task.estimate_hours == Decimal("12.5")
    assert [i.text for i in task.checklist.all()] == ["Three routes", "Export 1080×1350"]
    notice = Notification.objects.get(user=world.dan, kind="task.assigned")
    assert "Design the key visual" in notice.text and notice.url.endswith(f"/jobs/tasks/{task.pk}/")
    assert OutboundEmail.objects.filter(to=[world.dan.email]).exists()


def test_nobody_is_notified_of_their_own_assignment(world, job):
    tasks.add_task(by=world.alice, job=job, title="Plan", assignee=world.alice)
    assert not Notification.objects.filter(user=world.alice).exists()


@pytest.mark.parametrize("who", ["carol", "deactivated"])
def test_work_goes_only_to_active_agency_staff(world, job, who):
    person = world.carol
    if who == "deactivated":
        person = world.cora
        person.is_active = False
        person.save(update_fields=["is_active"])
    with pytest.raises(InvalidInput) as refused:
        tasks.add_task(by=world.alice, job=job, title="Copy", assignee=person)
    assert refused.value.field == "assignee"
    assert ("deactivated" if who == "deactivated" else "client contact") in refused.value.message
    assert not job.tasks.exists()


def test_a_moved_due_date_reaches_the_assignee(world, job):
    task = tasks.add_task(
        by=world.alice, job=job, title="Copy", assignee=world.cora, due_on=date(2027, 3, 10)
    )
    tasks.update_task(
        by=world.alice,
        task=task,
        base_revision=task.revision,
        title="Copy",
        due_on=date(2027, 3, 12),
    )
    notice = Notification.objects.filter(user=world.cora, kind="task.due_moved").get()
    assert "Friday 12 March, later than Wednesday 10 March" in notice.text


def test_blocked_needs_a_reason_and_waiting_tasks_cannot_start(world, job):
    copy = tasks.add_task(by=world.alice, job=job, title="Copy", assignee=world.cora)
    layout = tasks.add_task(
        by=world.alice, job=job, title="Layout", assignee=world.dan, depends_on=copy
    )
    with pytest.raises(IllegalTransition, match="waits for “Copy”"):
        tasks.move_task(by=world.dan, task=layout, to="doing", base_status="todo")
    with pytest.raises(InvalidInput, match="blocked on"):
        tasks.move_task(by=world.dan, task=layout, to="blocked", base_status="todo")
    blocked = tasks.move_task(
        by=world.dan, task=layout, to="blocked", base_status="todo", reason="Waiting for copy"
    )
    assert blocked.blocked_reason == "Waiting for copy"
    tasks.move_task(by=world.cora, task=copy, to="done", base_status="todo")
    doing = tasks.move_task(by=world.dan, task=layout, to="doing", base_status="blocked")
    assert (doing.status, doing.blocked_reason) == ("doing", "")
    reason = Event.objects.filter(verb="task.moved", target_id=str(layout.pk)).order_by("id")[0]
    assert reason.personal.get("reason") == "Waiting for copy"  # free text stays out of the hash


def test_a_dependency_loop_is_refused(world, job):
    a = tasks.add_task(by=world.alice, job=job, title="A")
    b = tasks.add_task(by=world.alice, job=job, title="B", depends_on=a)
    c = tasks.add_task(by=world.alice, job=job, title="C", depends_on=b)
    with pytest.raises(InvalidInput, match="loop"):
        tasks.set_dependency(by=world.alice, task=a, depends_on=c)
    with pytest.raises(InvalidInput, match="itself"):
        tasks.set_dependency(by=world.alice, task=a, depends_on=a)
    a.refresh_from_db()
    assert a.depends_on_id is None


def test_two_people_moving_the_same_task_the_second_gets_a_conflict(world, job):
    task = tasks.add_task(by=world.alice, job=job, title="Copy", assignee=world.cora)
    tasks.move_task(by=world.cora, task=task, to="doing", base_status="todo")
    with pytest.raises(Conflict, match="moved to “Doing” meanwhile"):
        tasks.move_task(by=world.alice, task=task, to="done", base_status="todo")
    assert Task.objects.get(pk=task.pk).status == "doing"


def test_a_finished_job_takes_no_more_work(world, job):
    Job.objects.filter(pk=job.pk).update(status="done")
    with pytest.raises(IllegalTransition, match="no longer changes"):
        tasks.add_task(by=world.alice, job=job, title="More")


@pytest.mark.parametrize("hours", ["-1", "1000", "1.234", "lots"])
def test_estimates_are_sane_numbers(world, job, hours):
    with pytest.raises(InvalidInput) as refused:
        tasks.add_task(by=world.alice, job=job, title="Copy", estimate_hours=hours)
    assert refused.value.field == "estimate_hours"


def test_a_checklist_is_ticked_by_whoever_does_the_task(world, job):
    task = tasks.add_task(by=world.alice, job=job, title="Copy", checklist=["Headline"])
    item = task.checklist.get()
    ticked = tasks.tick_checklist_item(by=world.cora, item=item, done=True)
    assert ticked.done and ticked.done_by == world.cora
    again = tasks.tick_checklist_item(by=world.dan, item=item, done=True)
    assert again.done_by == world.cora


def test_a_deliverable_whose_owner_left_is_still_edited_and_kept_theirs(world, job, client):
    post = deliverables.add_deliverable(by=world.alice, job=job, title="Post", owner=world.dan)
    type(world.dan).objects.filter(pk=world.dan.pk).update(is_active=False)
    world.dan.refresh_from_db()
    renamed = deliverables.update_deliverable(
        by=world.alice,
        deliverable=post,
        base_revision=post.revision,
        title="Launch post",
        kind=post.kind,
        owner=world.dan,
    )
    assert (renamed.title, renamed.owner_id) == ("Launch post", world.dan.pk)
    with pytest.raises(InvalidInput, match="deactivated") as refused:  # new work: refused
        deliverables.add_deliverable(by=world.alice, job=job, title="Another", owner=world.dan)
    assert refused.value.field == "owner"
    client.force_login(world.alice)
    page = client.get(reverse("work:deliverable_edit", kwargs={"deliverable_id": post.pk})).text
    assert f'<option value="{world.dan.pk}" selected>Dan Northwind (deactivated)</option>' in page


def test_a_checklist_line_too_long_is_refused_not_cut(world, job):
    with pytest.raises(InvalidInput, match="under 300 characters") as refused:
        tasks.add_task(by=world.alice, job=job, title="Copy", checklist=["Fine", "x" * 301])
    assert refused.value.field == "checklist"
    assert not Task.objects.filter(job=job).exists()


def test_every_checklist_change_is_on_the_record_once(world, job):
    task = tasks.add_task(by=world.alice, job=job, title="Copy")
    item = tasks.add_checklist_item(by=world.alice, task=task, text="Headline under 40 characters")
    tasks.tick_checklist_item(by=world.cora, item=item, done=True)
    tasks.tick_checklist_item(by=world.dan, item=item, done=True)  # already ticked: no change
    tasks.tick_checklist_item(by=world.cora, item=item, done=False)
    tasks.remove_checklist_item(by=world.alice, item=item)
    said = [
        describe(e)
        for e in Event.objects.filter(verb="task.checklist", target_id=str(task.pk)).order_by("id")
    ]
    assert [s.split(" “")[0] for s in said] == [
        f"{world.alice} added",
        f"{world.cora} ticked",
        f"{world.cora} unticked",
        f"{world.alice} removed",
    ]
    assert all("“Headline under 40 characters” on the task “Copy”'s checklist" in s for s in said)
    assert not Event.objects.filter(verb="task.checklist").exclude(audience="internal").exists()


def test_a_finished_jobs_checklist_no_longer_changes(world, job):
    task = tasks.add_task(by=world.alice, job=job, title="Copy", checklist=["Headline"])
    item = task.checklist.get()
    Job.objects.filter(pk=job.pk).update(status="done")
    with pytest.raises(IllegalTransition, match="no longer changes"):
        tasks.tick_checklist_item(by=world.cora, item=item, done=True)
    with pytest.raises(IllegalTransition, match="no longer changes"):
        tasks.remove_checklist_item(by=world.alice, item=item)
    assert task.checklist.get().done is False


def test_an_on_hold_deliverable_is_told_it_can_resume(world, job):
    post = Deliverable.objects.create(
        job=job, title="Post", status="on_hold", held_from="internal_review"
    )
    with pytest.raises(IllegalTransition) as refused:
        deliverables.move_deliverable(
            by=world.alice, deliverable=post, to="published", base_status="on_hold"
        )
    assert "it can go to: cancelled, internal review" in refused.value.message


def test_a_task_given_to_someone_else_meanwhile_is_no_longer_moved_by_its_former_assignee(
    world, job
):
    task = tasks.add_task(by=world.alice, job=job, title="Copy", assignee=world.cora)
    seen_by_cora = Task.objects.get(pk=task.pk)  # what her page read
    tasks.assign_task(by=world.alice, task=task, assignee=world.dan)
    with pytest.raises(NotAllowed, match="no longer yours"):
        tasks.move_task(by=world.cora, task=seen_by_cora, to="doing", base_status="todo")
    assert Task.objects.get(pk=task.pk).status == "todo"
    tasks.move_task(by=world.dan, task=task, to="doing", base_status="todo")
