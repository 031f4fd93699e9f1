"""Deliverables and tasks on the job's page, and a task's own page: who sees what, moves with
their base, refusals in place, the deadline question, and bounded queries."""

from datetime import date, timedelta

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from accord.work.models import ChecklistItem, Deliverable, Task
from tests.work.tasks_data import DEADLINE, planned_job


def job_url(job) -> str:
    return reverse("work:job_detail", kwargs={"job_id": job.pk})


def task_url(task) -> str:
    return reverse("work:task_detail", kwargs={"task_id": task.pk})


HTMX = {"HX-Request": "true"}


# --- The job page's section -------------------------------------------------------------


def test_the_am_sees_deliverables_their_tasks_and_the_forms_to_plan(client, world):
    plan = planned_job(world)
    client.force_login(world.alice)
    page = client.get(job_url(plan.job)).text
    for text in [
        "Launch post",
        "Instagram",
        "1080×1350",
        "Design the key visual",
        "Dan Northwind",
        "Write the caption",
        "Kick-off call",
        "Tasks for the whole job",
        "Add a deliverable",
        "Add a task",
        task_url(plan.design),
    ]:
        assert text in page
    assert 'name="base_status" value="not_started"' in page
    assert reverse("work:deliverable_edit", kwargs={"deliverable_id": plan.post.pk}) in page


def test_a_creative_reads_the_section_and_moves_only_their_own_task(client, world):
    plan = planned_job(world)
    client.force_login(world.dan)
    page = client.get(job_url(plan.job)).text
    assert "Write the caption" in page and "Add a task" not in page
    assert reverse("work:task_move", kwargs={"task_id": plan.design.pk}) in page
    assert reverse("work:task_move", kwargs={"task_id": plan.copy.pk}) not in page
    # and the deliverable within production
    assert reverse("work:deliverable_move", kwargs={"deliverable_id": plan.post.pk}) in page
    assert reverse("work:deliverable_edit", kwargs={"deliverable_id": plan.post.pk}) not in page


def test_contacts_see_only_deliverables_in_client_words(client, world):
    plan = planned_job(world)
    Deliverable.objects.filter(pk=plan.post.pk).update(status="internal_review")
    client.force_login(world.carol)
    page = client.get(job_url(plan.job)).text
    assert "Launch post" in page and "In production" in page and "Social post" in page
    for internal in [
        "Internal review",
        "Design the key visual",
        "Write the caption",
        "Kick-off call",
        "Dan Northwind",
        "Estimate",
        "tasks",
        "Instagram",
        reverse("work:deliverable_move", kwargs={"deliverable_id": plan.post.pk}),
    ]:
        assert internal not in page


def test_moving_a_deliverable_answers_the_section(client, world):
    plan = planned_job(world)
    client.force_login(world.alice)
    url = reverse("work:deliverable_move", kwargs={"deliverable_id": plan.post.pk})
    response = client.post(url, {"to": "in_production", "base_status": "not_started"}, headers=HTMX)
    assert response.status_code == 200
    assert 'id="job-work"' in response.text and "<html" not in response.text
    assert Deliverable.objects.get(pk=plan.post.pk).status == "in_production"


def test_a_stale_move_is_a_conflict_shown_at_the_row(client, world):
    plan = planned_job(world)
    Deliverable.objects.filter(pk=plan.post.pk).update(status="in_production")
    client.force_login(world.alice)
    url = reverse("work:deliverable_move", kwargs={"deliverable_id": plan.post.pk})
    response = client.post(url, {"to": "in_production", "base_status": "not_started"}, headers=HTMX)
    assert response.status_code == 409
    assert "was moved to “In production” meanwhile" in response.text
    assert 'id="deliverable-' in response.text


def test_an_illegal_move_is_explained_in_place_without_javascript_too(client, world):
    plan = planned_job(world)
    Deliverable.objects.filter(pk=plan.post.pk).update(status="approved")
    client.force_login(world.alice)
    url = reverse("work:deliverable_move", kwargs={"deliverable_id": plan.post.pk})
    response = client.post(url, {"to": "in_production", "base_status": "approved"})
    assert response.status_code == 409
    assert "only with a new version" in response.text and "<html" in response.text


def test_a_creative_cannot_take_a_deliverable_to_the_client(client, world):
    plan = planned_job(world)
    Deliverable.objects.filter(pk=plan.post.pk).update(status="internal_review")
    client.force_login(world.dan)
    url = reverse("work:deliverable_move", kwargs={"deliverable_id": plan.post.pk})
    response = client.post(url, {"to": "client_review", "base_status": "internal_review"})
    assert response.status_code == 403
    assert Deliverable.objects.get(pk=plan.post.pk).status == "internal_review"


def test_a_finished_jobs_section_offers_no_moves_and_no_forms(client, world):
    plan = planned_job(world)
    plan.job.__class__.objects.filter(pk=plan.job.pk).update(status="done")
    for who in ("alice", "dan"):
        client.force_login(world.persona(who))
        page = client.get(job_url(plan.job)).text
        assert "Design the key visual" in page
        assert "Add a task" not in page and 'name="base_status"' not in page


def test_what_a_task_waits_for_shows_across_pages(client, world):
    plan = planned_job(world)
    Deliverable.objects.bulk_create(
        Deliverable(job=plan.job, title=f"Post {i}", position=10 + i) for i in range(30)
    )
    last = Deliverable.objects.get(title="Post 29")
    Task.objects.create(job=plan.job, deliverable=last, title="Resize", depends_on=plan.design)
    client.force_login(world.alice)
    page = client.get(job_url(plan.job), {"page": 2}).text
    assert "Resize" in page and "Waits for “Design the key visual”" in page


def test_adding_a_deliverable_after_the_deadline_asks_then_saves(client, world):
    plan = planned_job(world)
    client.force_login(world.alice)
    url = reverse("work:deliverable_add", kwargs={"job_id": plan.job.pk})
    late = (DEADLINE + timedelta(days=2)).isoformat()
    data = {"title": "Late story", "kind": "story", "due_on": late}
    asked = client.post(url, data, headers=HTMX)
    assert asked.status_code == 409
    assert "after the job&#x27;s deadline" in asked.text and "Save anyway" in asked.text
    assert 'value="Late story"' in asked.text
    assert not Deliverable.objects.filter(title="Late story").exists()
    saved = client.post(url, {**data, "confirm": "1"}, headers=HTMX)
    assert saved.status_code == 200
    assert Deliverable.objects.get(title="Late story").due_on == DEADLINE + timedelta(days=2)


def test_bad_input_keeps_what_was_typed(client, world):
    plan = planned_job(world)
    client.force_login(world.alice)
    url = reverse("work:task_add", kwargs={"job_id": plan.job.pk})
    response = client.post(url, {"title": "Storyboard", "estimate_hours": "-3", "priority": "2"})
    assert response.status_code == 422
    assert "Hours cannot be negative." in response.text and 'value="Storyboard"' in response.text
    assert not Task.objects.filter(title="Storyboard").exists()


def test_adding_a_task_for_dan(client, world):
    plan = planned_job(world)
    client.force_login(world.alice)
    url = reverse("work:task_add", kwargs={"job_id": plan.job.pk})
    data = {
        "title": "Storyboard",
        "estimate_hours": "3.5",
        "priority": "3",
        "assignee": world.dan.pk,
        "deliverable": plan.post.pk,
        "discipline": "design",
    }
    response = client.post(url, data)
    task = Task.objects.get(title="Storyboard")
    assert response["Location"] == f"{job_url(plan.job)}#task-{task.pk}"
    assert (task.assignee, task.deliverable, str(task.estimate_hours)) == (
        world.dan,
        plan.post,
        "3.50",
    )


def test_a_task_cannot_go_to_a_client_contact(client, world):
    plan = planned_job(world)
    client.force_login(world.alice)
    url = reverse("work:task_add", kwargs={"job_id": plan.job.pk})
    response = client.post(
        url,
        {"title": "Storyboard", "estimate_hours": "1", "priority": "2", "assignee": world.carol.pk},
    )
    assert response.status_code == 422
    assert not Task.objects.filter(title="Storyboard").exists()


@pytest.mark.parametrize("who", ["dan", "carol"])
def test_only_managers_plan(client, world, who):
    plan = planned_job(world)
    client.force_login(world.persona(who))
    url = reverse("work:task_add", kwargs={"job_id": plan.job.pk})
    response = client.post(url, {"title": "Mine", "estimate_hours": "1", "priority": "2"})
    assert response.status_code == (403 if who == "dan" else 404)
    deliverable = reverse("work:deliverable_add", kwargs={"job_id": plan.job.pk})
    assert client.post(deliverable, {"title": "Mine", "kind": "other"}).status_code == 403


def test_the_section_reads_in_a_constant_number_of_queries(
    client, world, django_assert_max_num_queries
):
    plan = planned_job(world)
    client.force_login(world.alice)
    posts = Deliverable.objects.bulk_create(
        Deliverable(job=plan.job, title=f"Post {i}", position=10 + i) for i in range(60)
    )
    Task.objects.bulk_create(
        Task(job=plan.job, deliverable=post, title=f"Task {i}", assignee=world.dan, position=i)
        for i, post in enumerate(posts * 4)
    )
    with django_assert_max_num_queries(30):
        page = client.get(job_url(plan.job))
    assert page.status_code == 200 and "Task 0" in page.text and "Page 1 of 3" in page.text
    with django_assert_max_num_queries(30):
        last = client.get(job_url(plan.job), {"page": 3}).text
    assert "Task 239" in last and "Kick-off call" in last  # the job-wide tasks come last
    client.force_login(world.carol)
    with django_assert_max_num_queries(25):
        assert "Post 59" in client.get(job_url(plan.job), {"page": "last"}).text


@pytest.mark.parametrize("who", ["alice", "dan", "carol"])
def test_the_section_costs_as_many_queries_for_a_large_job_as_for_a_small_one(client, world, who):
    plan = planned_job(world)
    client.force_login(world.persona(who))

    def queries() -> int:
        with CaptureQueriesContext(connection) as run:
            assert client.get(job_url(plan.job)).status_code == 200
        return len(run)

    small = queries()
    posts = Deliverable.objects.bulk_create(
        Deliverable(job=plan.job, title=f"Post {i}", position=10 + i) for i in range(40)
    )
    Task.objects.bulk_create(
        Task(job=plan.job, deliverable=post, title=f"Task {i}", assignee=world.cora, position=i)
        for i, post in enumerate(posts * 3)
    )
    assert queries() == small


def test_a_move_on_a_later_page_comes_back_to_that_page(client, world):
    plan = planned_job(world)
    Deliverable.objects.bulk_create(
        Deliverable(job=plan.job, title=f"Post {i}", position=10 + i) for i in range(30)
    )
    last = Deliverable.objects.get(title="Post 29")
    client.force_login(world.alice)
    url = reverse("work:deliverable_move", kwargs={"deliverable_id": last.pk})
    data = {"to": "in_production", "base_status": "not_started", "page": "2"}
    section = client.post(url, data, headers=HTMX)
    assert "Post 29" in section.text and "Page 2 of 2" in section.text
    again = client.post(url, {**data, "base_status": "in_production", "to": "internal_review"})
    assert again["Location"] == f"{job_url(plan.job)}?page=2#deliverable-{last.pk}"


# --- A task's page ----------------------------------------------------------------------


def test_dan_opens_his_task_with_the_brief_and_the_files(client, world, settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path
    plan = planned_job(world, with_files=True)
    client.force_login(world.dan)
    page = client.get(task_url(plan.design)).text
    assert reverse("intake:brief_detail", kwargs={"brief_id": plan.job.brief_id}) in page
    assert "brief-notes.pdf" in page and "Carol likes green." in page
    assert "Launch post" in page and "Acme Foods" in page
    assert 'name="to" value="doing"' in page and "Edit the task" not in page


@pytest.mark.parametrize(
    ("who", "status"), [("alice", 200), ("cora", 200), ("sam", 404), ("carol", 404), ("max", 404)]
)
def test_who_opens_a_task(client, world, who, status):
    plan = planned_job(world)
    client.force_login(world.persona(who))
    assert client.get(task_url(plan.design)).status_code == status


@pytest.mark.parametrize("who", ["alice", "dan"])
def test_a_tasks_page_costs_as_many_queries_for_a_large_job_as_for_a_small_one(
    client, world, settings, tmp_path, who
):
    settings.MEDIA_ROOT = tmp_path
    plan = planned_job(world, with_files=True)
    client.force_login(world.persona(who))

    def queries() -> int:
        with CaptureQueriesContext(connection) as run:
            assert client.get(task_url(plan.design)).status_code == 200
        return len(run)

    small = queries()
    Task.objects.bulk_create(
        Task(job=plan.job, title=f"Task {i}", position=9 + i) for i in range(80)
    )
    ChecklistItem.objects.bulk_create(
        ChecklistItem(task=plan.design, text=f"Step {i}", position=i) for i in range(40)
    )
    assert queries() == small


def test_dan_moves_his_task_and_blocked_needs_a_reason(client, world):
    plan = planned_job(world)
    client.force_login(world.dan)
    url = reverse("work:task_move", kwargs={"task_id": plan.design.pk})
    refused = client.post(url, {"to": "blocked", "base_status": "todo"})
    assert refused.status_code == 422 and "Say what the task is blocked on." in refused.text
    moved = client.post(url, {"to": "doing", "base_status": "todo"})
    assert moved["Location"] == task_url(plan.design)
    assert Task.objects.get(pk=plan.design.pk).status == "doing"
    stale = client.post(url, {"to": "done", "base_status": "todo"})
    assert stale.status_code == 409 and "meanwhile" in stale.text


def test_a_task_moved_from_the_job_page_answers_the_section(client, world):
    plan = planned_job(world)
    client.force_login(world.dan)
    url = reverse("work:task_move", kwargs={"task_id": plan.design.pk})
    data = {"to": "blocked", "base_status": "todo", "reason": "Waiting for photos", "on": "job"}
    response = client.post(url, data, headers=HTMX)
    assert response.status_code == 200 and "Blocked: Waiting for photos" in response.text


def test_cora_cannot_move_dans_task(client, world):
    plan = planned_job(world)
    client.force_login(world.cora)
    url = reverse("work:task_move", kwargs={"task_id": plan.design.pk})
    assert client.post(url, {"to": "doing", "base_status": "todo"}).status_code == 403


def test_a_dependency_loop_is_a_clear_message(client, world):
    plan = planned_job(world)
    client.force_login(world.alice)
    first = reverse("work:task_dependency", kwargs={"task_id": plan.design.pk})
    client.post(first, {"depends_on": plan.copy.pk, "base_revision": plan.design.revision})
    loop = reverse("work:task_dependency", kwargs={"task_id": plan.copy.pk})
    response = client.post(loop, {"depends_on": plan.design.pk, "base_revision": 1})
    assert response.status_code == 422 and "that would be a loop" in response.text
    assert Task.objects.get(pk=plan.copy.pk).depends_on_id is None


def test_editing_a_task_after_someone_else_is_a_conflict(client, world):
    plan = planned_job(world)
    client.force_login(world.alice)
    url = reverse("work:task_edit", kwargs={"task_id": plan.copy.pk})
    data = {
        "title": "Write two captions",
        "estimate_hours": "3",
        "priority": "2",
        "base_revision": plan.copy.revision,
        "due_on": "2027-03-05",
    }
    assert client.post(url, data).status_code == 302
    again = client.post(url, {**data, "title": "Write three captions"})
    assert again.status_code == 409 and "Someone else changed" in again.text
    assert 'value="Write three captions"' in again.text
    assert Task.objects.get(pk=plan.copy.pk).title == "Write two captions"


def test_moving_a_tasks_due_date_past_the_deadline_asks_first(client, world):
    plan = planned_job(world)
    client.force_login(world.alice)
    url = reverse("work:task_edit", kwargs={"task_id": plan.copy.pk})
    late = (DEADLINE + timedelta(days=1)).isoformat()
    data = {
        "title": "Write the caption",
        "estimate_hours": "2",
        "priority": "2",
        "base_revision": plan.copy.revision,
        "due_on": late,
    }
    asked = client.post(url, data)
    assert asked.status_code == 409 and "Save it anyway?" in asked.text
    # Enter sends the form's own button, which comes first: it never confirms by itself.
    assert asked.text.index(">Save</button>") < asked.text.index(">Save anyway</button>")
    assert client.post(url, {**data, "confirm": "1"}).status_code == 302
    assert Task.objects.get(pk=plan.copy.pk).due_on == DEADLINE + timedelta(days=1)


def test_reassigning_a_task(client, world):
    plan = planned_job(world)
    client.force_login(world.alice)
    url = reverse("work:task_assign", kwargs={"task_id": plan.kickoff.pk})
    page = client.get(task_url(plan.kickoff)).text
    assert "Assignment" in page and "Sam Northwind" in page
    assert "work__candidates" in page  # who could take it, with their capacity
    response = client.post(url, {"assignee": world.sam.pk, "base_revision": 1})
    assert response.status_code == 302
    assert Task.objects.get(pk=plan.kickoff.pk).assignee == world.sam


def test_the_checklist_in_place(client, world):
    plan = planned_job(world)
    client.force_login(world.dan)
    add = reverse("work:checklist_add", kwargs={"task_id": plan.design.pk})
    response = client.post(add, {"text": "Three routes"}, headers=HTMX)
    assert response.status_code == 200 and "Three routes" in response.text
    item = ChecklistItem.objects.get()
    tick = reverse("work:checklist_tick", kwargs={"item_id": item.pk})
    assert 'aria-pressed="true"' in client.post(tick, {"done": "1"}, headers=HTMX).text
    assert ChecklistItem.objects.get().done_by == world.dan
    empty = client.post(add, {"text": "   "}, headers=HTMX)
    assert empty.status_code == 422
    remove = reverse("work:checklist_remove", kwargs={"item_id": item.pk})
    assert client.post(remove, headers=HTMX).status_code == 200
    assert not ChecklistItem.objects.exists()
    client.force_login(world.cora)
    assert client.post(add, {"text": "Mine"}).status_code == 403


def test_editing_a_deliverable(client, world):
    plan = planned_job(world)
    client.force_login(world.alice)
    url = reverse("work:deliverable_edit", kwargs={"deliverable_id": plan.post.pk})
    assert "Launch post" in client.get(url).text
    data = {
        "title": "Launch carousel",
        "kind": "social_post",
        "due_on": "2027-03-11",
        "base_revision": plan.post.revision,
    }
    assert client.post(url, data).status_code == 302
    assert Deliverable.objects.get(pk=plan.post.pk).due_on == date(2027, 3, 11)
    client.force_login(world.dan)
    assert client.get(url).status_code == 403


def test_the_task_form_writes_hours_as_people_do(client, world):
    plan = planned_job(world)
    Task.objects.filter(pk=plan.design.pk).update(estimate_hours="2.50")
    client.force_login(world.alice)
    page = client.get(task_url(plan.design)).text
    assert 'name="estimate_hours" value="2.5"' in page
