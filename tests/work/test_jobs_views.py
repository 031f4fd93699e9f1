"""The jobs pages: the list and its filters, setting up and editing a job, its moves and team,
planning from a template, and what a client contact never sees."""

from datetime import date, timedelta

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from accord.core.models import Notification
from accord.intake import rules
from accord.work import services
from accord.work.models import Deliverable, Job, JobMember, JobTemplate, Task
from tests.intake.view_helpers import job_of

DEADLINE = date(2027, 3, 31)
LIST = "/jobs/"


def a_job(world, client=None, **kwargs) -> Job:
    client = client or world.acme
    by = world.alice if client == world.acme else world.max
    fields = {"by": by, "client": client, "title": "Spring posts", **kwargs}
    return services.create_job(**fields)


def social() -> JobTemplate:
    return JobTemplate.objects.get(name="Social campaign — 6 posts")


# --- The list ---------------------------------------------------------------------------------


def test_the_list_is_in_the_navigation_for_staff_and_contacts(client, world):
    for persona in ("alice", "dan", "carol"):
        client.force_login(world.persona(persona))
        assert f'href="{reverse("work:job_list")}"' in client.get("/").text


def test_the_am_sees_counts_of_open_work_per_job(client, world):
    planned = a_job(world, due_on=DEADLINE, template=social())
    first = Task.objects.filter(job=planned).order_by("pk").first()
    Task.objects.filter(pk=first.pk).update(status="done")
    client.force_login(world.alice)
    page = client.get(LIST).text
    assert "Spring posts" in page
    assert '<td data-label="Open deliverables" class="num">6</td>' in page
    assert '<td data-label="Open tasks" class="num">11</td>' in page
    assert "Alice Northwind" in page


def test_the_list_takes_the_same_queries_for_many_jobs_as_for_one(
    client, world, django_assert_max_num_queries
):
    for n in range(12):
        job = a_job(world, title=f"Job {n}", due_on=DEADLINE)
        Deliverable.objects.create(job=job, title="Post")
        Task.objects.create(job=job, title="Design", assignee=world.dan)
    client.force_login(world.alice)
    with django_assert_max_num_queries(10):
        assert client.get(LIST).status_code == 200


@pytest.mark.parametrize("persona", ["alice", "dan", "carol"])
def test_the_list_costs_the_same_queries_whatever_its_length(client, world, persona):
    client.force_login(world.persona(persona))

    def queries() -> int:
        with CaptureQueriesContext(connection) as seen:
            assert client.get(LIST).status_code == 200
        return len(seen)

    first = a_job(world, title="First")
    Task.objects.create(job=first, title="Design", assignee=world.dan)
    one = queries()
    for n in range(10):
        job = a_job(world, title=f"Job {n}", due_on=DEADLINE)
        Task.objects.create(job=job, title="Design", assignee=world.dan)
    assert queries() == one


def test_a_creative_sees_only_the_jobs_they_are_on(client, world):
    services.add_job_member(by=world.alice, job=a_job(world, title="Acme posts"), person=world.dan)
    a_job(world, title="Acme leaflets")  # Acme's too, but Dan is not on it
    a_job(world, client=world.globex, title="Globex posts")
    client.force_login(world.dan)
    page = client.get(LIST).text
    assert "Acme posts" in page and "Globex posts" not in page and "Acme leaflets" not in page


def test_mine_is_the_jobs_i_run_for_an_am_and_the_jobs_i_am_on_for_a_creative(client, world):
    mine = a_job(world, title="Alice runs it")
    services.add_job_member(by=world.alice, job=mine, person=world.dan)
    a_job(world, title="Erin runs it", owner=world.erin)
    client.force_login(world.alice)
    page = client.get(LIST, {"mine": "on"}).text
    assert "Alice runs it" in page and "Erin runs it" not in page
    a_job(world, title="Not Dan's")
    client.force_login(world.dan)
    page = client.get(LIST, {"mine": "on"}).text
    assert "Alice runs it" in page and "Not Dan's" not in page


@pytest.mark.parametrize(
    ("due", "shown"),
    [
        ("overdue", {"Late"}),
        ("this_week", {"Today"}),
        ("next_14_days", {"Today", "Soon"}),
        ("none", {"Undated"}),
        ("", {"Late", "Today", "Soon", "Undated", "Later"}),
    ],
)
def test_the_due_filter(client, world, due, shown):
    today = timezone.localdate()
    for title, day in [
        ("Late", today - timedelta(days=30)),
        ("Today", today),
        ("Soon", today + timedelta(days=12)),
        ("Later", today + timedelta(days=90)),
        ("Undated", None),
    ]:
        job = a_job(world, title=title)
        Job.objects.filter(pk=job.pk).update(due_on=day)
    client.force_login(world.alice)
    page = client.get(LIST, {"due": due}).text
    seen = {t for t in ("Late", "Today", "Soon", "Undated", "Later") if f">{t}</a>" in page}
    assert seen == shown


def test_the_list_sorts_by_deadline_with_undated_jobs_last(client, world):
    for title, day in [("Undated", None), ("Second", DEADLINE), ("First", date(2027, 1, 4))]:
        a_job(world, title=title, due_on=day)
    client.force_login(world.alice)
    page = client.get(LIST).text
    assert page.index(">First<") < page.index(">Second<") < page.index(">Undated<")


def test_filters_by_client_and_status(client, world):
    a_job(world, title="Acme posts")
    held = a_job(world, client=world.globex, title="Globex posts")
    services.move_job(by=world.max, job=held, to="on_hold", was="open")
    client.force_login(world.erin)
    page = client.get(LIST, {"client": world.globex.pk, "status": "on_hold"}).text
    assert "Globex posts" in page and "Acme posts" not in page


def test_a_contact_sees_their_clients_jobs_in_their_words_only(client, world):
    a_job(world, title="Acme posts", due_on=DEADLINE, notes="Carol is slow to reply.")
    a_job(world, client=world.globex, title="Globex posts")
    client.force_login(world.carol)
    page = client.get(LIST).text
    assert "Acme posts" in page and "Globex posts" not in page and "Acme leaflets" not in page
    assert "In progress" in page and "31 Mar 2027" in page
    for internal in ("Open tasks", "Run by", "Alice Northwind", "slow to reply", "Mine only"):
        assert internal not in page


def test_the_htmx_list_answers_with_the_table_only(client, world):
    client.force_login(world.alice)
    page = client.get(LIST, headers={"HX-Request": "true"}).text
    assert page.startswith('<div id="results"') and "<html" not in page


# --- The job page -----------------------------------------------------------------------------


def job_url(job, name="work:job_detail", **kwargs) -> str:
    return reverse(name, kwargs={"job_id": job.pk, **kwargs})


def test_a_contacts_job_page_shows_nothing_internal(client, world):
    job = a_job(world, due_on=DEADLINE, notes="Carol is slow to reply.", template=social())
    client.force_login(world.carol)
    page = client.get(job_url(job)).text
    assert "Spring posts" in page
    for internal in (
        "slow to reply",
        "Internal notes",
        "Team",
        "Dan Northwind",
        "Run by",
        "Plan from a template",
        job_url(job, "work:job_edit"),
        job_url(job, "work:job_move"),
    ):
        assert internal not in page


def test_the_am_sees_owner_team_notes_and_moves(client, world):
    job = a_job(world, due_on=DEADLINE, notes="Carol is slow to reply.")
    client.force_login(world.alice)
    page = client.get(job_url(job)).text
    for shown in ("Carol is slow to reply.", "Dan Northwind", "Cora Northwind", "Put on hold"):
        assert shown in page
    assert job_url(job, "work:job_plan") in page


def test_a_creative_reads_the_notes_but_changes_nothing(client, world):
    job = a_job(world, notes="Carol is slow to reply.")
    services.add_job_member(by=world.alice, job=job, person=world.dan)
    client.force_login(world.dan)
    page = client.get(job_url(job)).text
    assert "Carol is slow to reply." in page
    assert job_url(job, "work:job_move") not in page and "Add to the team" not in page


def test_setting_up_a_job_from_a_template(client, world):
    client.force_login(world.alice)
    response = client.post(
        reverse("work:job_create"),
        {
            "client": world.acme.pk,
            "title": "Summer posts",
            "due_on": "2027-06-30",
            "template": social().pk,
            "notes": "",
        },
    )
    job = Job.objects.get(title="Summer posts")
    assert response.status_code == 302 and response["Location"] == job_url(job)
    assert job.owner == world.alice and Task.objects.filter(job=job).count() == 12


def test_setting_up_a_job_with_a_template_but_no_deadline_keeps_what_was_typed(client, world):
    client.force_login(world.alice)
    response = client.post(
        reverse("work:job_create"),
        {"client": world.acme.pk, "title": "Summer posts", "template": social().pk},
    )
    assert response.status_code == 422
    assert "deadline first" in response.text and 'value="Summer posts"' in response.text
    assert not Job.objects.exists()


def test_an_am_sets_up_jobs_only_for_their_clients(client, world):
    client.force_login(world.alice)
    response = client.post(
        reverse("work:job_create"), {"client": world.globex.pk, "title": "Sneaky"}
    )
    assert response.status_code == 422
    assert not Job.objects.exists()


def test_editing_a_job_on_a_stale_page_is_a_conflict_that_keeps_the_typing(client, world):
    job = a_job(world)
    client.force_login(world.alice)
    form = {"title": "Mine", "due_on": "", "owner": "", "notes": "", "revision": job.revision}
    services.update_job(
        by=world.erin,
        job=job,
        revision=job.revision,
        title="Theirs",
        due_on=None,
        owner=world.alice,
        notes="",
    )
    response = client.post(job_url(job, "work:job_edit"), form)
    assert response.status_code == 409
    assert "Theirs" in response.text and 'value="Mine"' in response.text


def test_editing_a_job(client, world):
    job = a_job(world)
    client.force_login(world.alice)
    form = {
        "title": "Mine",
        "due_on": "2027-05-01",
        "owner": world.erin.pk,
        "notes": "Bring samples.",
        "revision": job.revision,
    }
    assert client.post(job_url(job, "work:job_edit"), form).status_code == 302
    job.refresh_from_db()
    assert (job.title, job.due_on, job.owner, job.notes) == (
        "Mine",
        date(2027, 5, 1),
        world.erin,
        "Bring samples.",
    )


def test_moving_a_job_from_a_stale_page_says_where_it_is_now(client, world):
    job = a_job(world)
    services.move_job(by=world.erin, job=job, to="on_hold", was="open")
    client.force_login(world.alice)
    response = client.post(job_url(job, "work:job_move"), {"to": "cancelled", "was": "open"})
    assert response.status_code == 409 and "on hold now" in response.text


def test_adding_and_removing_team_members(client, world):
    job = a_job(world)
    client.force_login(world.alice)
    added = client.post(job_url(job, "work:job_member_add"), {"user": world.sam.pk})
    assert added.status_code == 302
    assert Notification.objects.filter(user=world.sam, kind="job_team").exists()
    url = job_url(job, "work:job_member_remove", user_id=world.sam.pk)
    assert client.post(url).status_code == 302
    assert not JobMember.objects.filter(job=job, user=world.sam).exists()


def test_the_team_card_names_who_works_on_the_job_through_tasks(client, world):
    job = a_job(world)
    client.force_login(world.alice)
    assert "Nobody is on the team yet." in client.get(job_url(job, "work:job_detail")).text
    for title in ("Headline", "Body copy"):
        Task.objects.create(job=job, title=title, assignee=world.cora)
    services.add_job_member(by=world.alice, job=job, person=world.dan)
    page = client.get(job_url(job, "work:job_detail")).text
    assert "Nobody is on the team yet." not in page
    assert "With tasks on the job, not on the team:" in page
    assert 'Cora Northwind</span><span class="people__meta">2 tasks' in page


def test_a_contact_is_refused_from_the_team_in_words(client, world):
    job = a_job(world)
    client.force_login(world.alice)
    response = client.post(job_url(job, "work:job_member_add"), {"user": world.carol.pk})
    assert response.status_code == 422 and "client contact" in response.text


def test_the_job_page_names_the_sign_off_fingerprint_once(client, world):
    job = job_of(world)
    for persona in ("alice", "carol"):
        client.force_login(world.persona(persona))
        page = client.get(job_url(job, "work:job_detail")).text
        assert page.count("Fingerprint") == 1, persona
        assert rules.short_fingerprint(job.brief.current_version.sha256) in page


def test_planning_from_the_job_page(client, world):
    job = job_of(world)
    client.force_login(world.alice)
    response = client.post(job_url(job, "work:job_plan"), {"template": social().pk})
    assert response.status_code == 302
    assert Deliverable.objects.filter(job=job).count() == 6


def test_a_plan_squeezed_by_a_near_deadline_is_flagged_at_once(client, world):
    job = a_job(world, due_on=timezone.localdate() + timedelta(days=2))
    client.force_login(world.alice)
    response = client.post(job_url(job, "work:job_plan"), {"template": social().pk}, follow=True)
    late = Task.objects.filter(job=job, due_on__lt=timezone.localdate()).count()
    assert late > 0
    assert f"{late} tasks of the plan fall due before today" in response.text
    assert "alert--warning" in response.text
    roomy = a_job(world, title="Later", due_on=timezone.localdate() + timedelta(days=90))
    Task.objects.create(job=roomy, title="Overdue by hand", due_on=date(2020, 1, 6))
    response = client.post(job_url(roomy, "work:job_plan"), {"template": social().pk}, follow=True)
    assert "due before today" not in response.text  # a hand-made task's lateness is not the plan's


def test_planning_a_job_without_deadline_shows_why_on_the_job_page(client, world):
    job = a_job(world)
    client.force_login(world.alice)
    response = client.post(job_url(job, "work:job_plan"), {"template": social().pk})
    assert response.status_code == 422 and "deadline first" in response.text


# --- Job templates ----------------------------------------------------------------------------


def test_staff_read_templates_and_admins_edit_them(client, world):
    client.force_login(world.dan)
    page = client.get(reverse("work:job_template_list")).text
    assert "Social campaign — 6 posts" in page and "New template" not in page
    detail = client.get(reverse("work:job_template_detail", args=[social().pk])).text
    assert "Design post 1" in detail and "Edit" not in detail


def test_admins_find_job_templates_in_the_navigation(client, world):
    link = f'href="{reverse("work:job_template_list")}" aria-current="page"'
    client.force_login(world.erin)
    assert link in client.get(reverse("work:job_template_list")).text
    client.force_login(world.alice)
    assert reverse("work:job_template_list") not in client.get(reverse("home:index")).text


def template_form(name="Podcast", revision="", **extra):
    data = {
        "name": name,
        "description": "",
        "is_active": "on",
        "revision": revision,
        "deliverables-TOTAL_FORMS": "1",
        "deliverables-INITIAL_FORMS": "0",
        "deliverables-0-title": "Episode",
        "deliverables-0-kind": "other",
        "deliverables-0-days_before_deadline": "2",
        "tasks-TOTAL_FORMS": "2",
        "tasks-INITIAL_FORMS": "0",
        "tasks-0-title": "Script",
        "tasks-0-discipline": "copywriting",
        "tasks-0-estimate_hours": "4",
        "tasks-0-days_before_deadline": "5",
        "tasks-1-title": "Edit",
        "tasks-1-discipline": "video",
        "tasks-1-estimate_hours": "6",
        "tasks-1-days_before_deadline": "2",
        "tasks-1-deliverable": "1",
        "tasks-1-depends_on": "1",
    }
    data.update(extra)
    return data


def test_an_admin_creates_a_template_with_numbered_references(client, world):
    client.force_login(world.erin)
    response = client.post(reverse("work:job_template_create"), template_form())
    assert response.status_code == 302
    template = JobTemplate.objects.get(name="Podcast")
    edit = template.tasks.get(title="Edit")
    assert edit.deliverable.title == "Episode" and edit.depends_on.title == "Script"


def test_a_dependency_loop_is_refused_and_the_typing_kept(client, world):
    client.force_login(world.erin)
    data = template_form(**{"tasks-0-depends_on": "2"})
    response = client.post(reverse("work:job_template_create"), data)
    assert response.status_code == 422 and "loop" in response.text
    assert 'value="Script"' in response.text
    assert not JobTemplate.objects.filter(name="Podcast").exists()


def test_editing_a_template_on_a_stale_page_is_a_conflict(client, world):
    template = social()
    client.force_login(world.erin)
    url = reverse("work:job_template_edit", args=[template.pk])
    assert "Design post 1" in client.get(url).text
    services.deactivate_job_template(by=world.erin, template=template)
    response = client.post(url, template_form(name="Social", revision=template.revision))
    assert response.status_code == 409 and "since you opened it" in response.text


def test_a_garbled_formset_count_is_a_400_not_a_500(client, world):
    client.force_login(world.erin)
    data = template_form(**{"tasks-TOTAL_FORMS": "lots"})
    assert client.post(reverse("work:job_template_create"), data).status_code == 400


def test_add_a_task_row_without_script(client, world):
    client.force_login(world.erin)
    response = client.post(reverse("work:job_template_create"), template_form(add_tasks="1"))
    assert response.status_code == 200 and 'name="tasks-2-title"' in response.text


def test_taking_a_template_out_of_use(client, world):
    client.force_login(world.erin)
    url = reverse("work:job_template_deactivate", args=[social().pk])
    assert client.post(url).status_code == 302
    assert not social().is_active
    assert client.post(url).status_code == 409
