"""What a creative is told when a task becomes theirs or its due date moves."""

from datetime import timedelta

from django.urls import reverse
from django.utils import timezone

from accord.core.models import Notification, OutboundEmail
from accord.work import notices
from tests.work.mywork_data import a_job, a_task


def test_dan_is_told_a_task_is_his_in_his_list_and_by_email(world, alice, dan):
    job = a_job(world, title="Spring launch")
    task = a_task(job, dan, title="Key visual", due_in=3)
    (row,) = notices.task_assigned(task, alice)
    assert row.user == dan and row.kind == "task.assigned" and row.actor == alice
    assert row.url == reverse("work:task_detail", kwargs={"task_id": task.pk})
    assert row.client_id == world.acme.pk
    assert "Alice Northwind gave you the task “Key visual” (Acme Foods, Spring launch)" in row.text
    assert "due " in row.text
    email = OutboundEmail.objects.get()
    assert email.to == ["dan@northwind.test"]
    assert "Key visual" in email.subject
    assert row.url in email.text


def test_nobody_is_told_of_their_own_assignment(world, dan):
    task = a_task(a_job(world), dan)
    assert notices.task_assigned(task, dan) == []
    assert not Notification.objects.exists()


def test_dan_is_told_when_his_due_date_moves_and_which_way(world, alice, dan):
    task = a_task(a_job(world), dan, due_in=5)
    old = task.due_on
    task.due_on = old + timedelta(days=2)
    (later,) = notices.task_due_moved(task, alice, old)
    assert later.kind == "task.due_moved" and "later than" in later.text
    task.due_on = old - timedelta(days=2)
    (earlier,) = notices.task_due_moved(task, alice, old)
    assert "earlier than" in earlier.text
    task.due_on = None
    (dropped,) = notices.task_due_moved(task, alice, old)
    assert "no longer has a due date" in dropped.text
    task.due_on = timezone.localdate()
    (set_now,) = notices.task_due_moved(task, alice, None)
    assert "is now due" in set_now.text


def test_a_due_date_that_did_not_move_tells_nobody(world, alice, dan):
    task = a_task(a_job(world), dan)
    assert notices.task_due_moved(task, alice, task.due_on) == []


def test_an_unassigned_or_deactivated_assignee_is_not_told(world, alice, dan):
    task = a_task(a_job(world), None)
    assert notices.task_assigned(task, alice) == []
    task = a_task(a_job(world), dan)
    dan.is_active = False
    dan.save(update_fields=["is_active"])
    assert notices.task_assigned(task, alice) == []
