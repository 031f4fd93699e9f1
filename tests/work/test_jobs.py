"""Jobs set up by the account manager: created, edited on a revision, moved, staffed; and a
brief's change of plan reaching the people on the job."""

from datetime import date, timedelta

import pytest
from django.utils import timezone

from accord.core.errors import Conflict, IllegalTransition, InvalidInput
from accord.core.models import Event, Notification
from accord.intake.models import Request
from accord.work import queries, services
from accord.work.models import Job, JobMember, Task
from accord.work.services import jobs as job_services
from tests.intake.view_helpers import job_of

DEADLINE = date(2027, 3, 31)


def new_job(world, **kwargs):
    fields = {"by": world.alice, "client": world.acme, "title": "Spring leaflets", **kwargs}
    return services.create_job(**fields)


def test_a_job_set_up_by_the_am_is_run_by_the_clients_am(world):
    job = new_job(world, due_on=DEADLINE, notes="Carol prefers calls.")
    assert (job.owner, job.due_on, job.status, job.brief) == (world.alice, DEADLINE, "open", None)
    assert Event.objects.filter(verb="job.created", target_id=str(job.pk)).exists()


def test_an_admin_setting_up_a_job_leaves_it_with_the_clients_am(world):
    assert new_job(world, by=world.erin).owner == world.alice


def test_a_new_job_starts_with_nobody_on_its_team(world):
    """Deny by default: the client's team creatives join a job when the AM puts them on it or
    gives them a task, not by being on the client's team."""
    job = new_job(world)
    assert not job.members.exists()
    assert not queries.visible_to(world.dan).filter(pk=job.pk).exists()


def test_an_account_manager_of_other_clients_cannot_run_the_job(world):
    with pytest.raises(InvalidInput, match="does not work on Acme Foods") as refused:
        new_job(world, owner=world.max)
    assert refused.value.field == "owner"


@pytest.mark.parametrize("owner", ["dan", "carol"])
def test_a_job_is_run_by_an_account_manager_or_admin_only(world, owner):
    with pytest.raises(InvalidInput) as refused:
        new_job(world, owner=world.persona(owner))
    assert refused.value.field == "owner"


def test_a_deactivated_am_cannot_run_a_job(world):
    world.max.is_active = False
    world.max.save(update_fields=["is_active"])
    with pytest.raises(InvalidInput, match="deactivated"):
        new_job(world, owner=world.max)


@pytest.mark.parametrize("title", ["", "   ", "x" * 161])
def test_a_job_needs_a_title_of_sensible_length(world, title):
    with pytest.raises(InvalidInput) as refused:
        new_job(world, title=title)
    assert refused.value.field == "title"


def test_a_deadline_centuries_away_is_a_slip(world):
    with pytest.raises(InvalidInput, match="deadline"):
        new_job(world, due_on=date(2207, 1, 1))


def test_an_archived_client_takes_no_new_job(world):
    world.acme.__class__.objects.filter(pk=world.acme.pk).update(status="archived")
    with pytest.raises(InvalidInput, match="archived"):
        new_job(world)
    assert not Job.objects.exists()


def edit(world, job, **changes):
    fields = {
        "by": world.alice,
        "job": job,
        "revision": job.revision,
        "title": job.title,
        "due_on": job.due_on,
        "owner": job.owner,
        "notes": job.notes,
        **changes,
    }
    return services.update_job(**fields)


def test_an_edit_changes_the_job_and_its_revision(world):
    job = new_job(world)
    edited = edit(world, job, title="Summer leaflets", due_on=DEADLINE, owner=world.erin)
    assert (edited.title, edited.due_on, edited.owner, edited.revision) == (
        "Summer leaflets",
        DEADLINE,
        world.erin,
        job.revision + 1,
    )
    event = Event.objects.get(verb="job.updated")
    assert event.data["changed"] == ["due_on", "owner", "title"]


def test_an_edit_that_changes_nothing_keeps_the_revision(world):
    job = new_job(world)
    assert edit(world, job).revision == job.revision


def test_an_edit_on_a_stale_revision_is_a_conflict_naming_what_the_job_is_now(world):
    job = new_job(world)
    edit(world, job, title="Summer leaflets")
    with pytest.raises(Conflict) as conflict:
        edit(world, job, notes="Mine")  # based on the revision read before the other edit
    assert "Summer leaflets" in conflict.value.message
    assert "changed the title since you opened it" in conflict.value.message
    job.refresh_from_db()
    assert job.notes == ""


def test_a_job_moves_on_hold_and_back_and_is_cancelled(world):
    job = new_job(world)
    job = services.move_job(by=world.alice, job=job, to="on_hold", was="open")
    assert job.status == "on_hold"
    job = services.move_job(by=world.alice, job=job, to="open", was="on_hold")
    job = services.move_job(by=world.alice, job=job, to="cancelled", was="open")
    assert job.status == "cancelled"
    assert Event.objects.filter(verb="job.moved").count() == 3


def test_a_cancelled_job_does_not_come_back(world):
    job = new_job(world)
    services.move_job(by=world.alice, job=job, to="cancelled", was="open")
    with pytest.raises(IllegalTransition, match="cancelled"):
        services.move_job(by=world.alice, job=job, to="open", was="cancelled")


def test_a_move_from_a_status_read_before_someone_else_moved_it_is_a_conflict(world):
    job = new_job(world)
    services.move_job(by=world.erin, job=job, to="on_hold", was="open")
    with pytest.raises(Conflict, match="on hold"):
        services.move_job(by=world.alice, job=job, to="cancelled", was="open")


def test_moving_to_done_delivers_the_request_behind_it(world):
    job = job_of(world)
    request = Request.objects.create(client=world.acme, title="R", what="R.", status="in_work")
    job.brief.__class__.objects.filter(pk=job.brief_id).update(request=request)
    services.move_job(by=world.alice, job=job, to="done", was="open")
    request.refresh_from_db()
    assert request.status == Request.Status.DELIVERED


def test_an_unknown_status_is_refused_in_words(world):
    with pytest.raises(IllegalTransition, match="cannot become"):
        services.move_job(by=world.alice, job=new_job(world), to="archived", was="open")


def test_adding_someone_to_the_team_tells_them(world):
    job = new_job(world)
    services.add_job_member(by=world.alice, job=job, person=world.sam)
    assert JobMember.objects.filter(job=job, user=world.sam).exists()
    note = Notification.objects.get(user=world.sam)
    assert note.kind == "job_team"
    assert job.title in note.text
    assert note.url == f"/jobs/{job.pk}/"


def test_a_client_contact_cannot_join_a_team(world):
    job = new_job(world)
    with pytest.raises(InvalidInput, match="client contact"):
        services.add_job_member(by=world.alice, job=job, person=world.carol)


def test_a_deactivated_person_cannot_join_a_team(world):
    world.sam.is_active = False
    world.sam.save(update_fields=["is_active"])
    with pytest.raises(InvalidInput, match="deactivated"):
        services.add_job_member(by=world.alice, job=new_job(world), person=world.sam)


def test_a_team_has_a_size_limit(world, monkeypatch):
    monkeypatch.setattr(job_services, "MAX_TEAM", 1)
    job = new_job(world)
    services.add_job_member(by=world.alice, job=job, person=world.dan)
    with pytest.raises(InvalidInput, match="at most") as refused:
        services.add_job_member(by=world.alice, job=job, person=world.cora)
    assert refused.value.field == "user"


def test_someone_on_the_team_already_is_told_so(world):
    job = new_job(world)
    services.add_job_member(by=world.alice, job=job, person=world.dan)
    with pytest.raises(InvalidInput, match="already"):
        services.add_job_member(by=world.alice, job=job, person=world.dan)


def test_taking_someone_off_the_team(world):
    job = new_job(world)
    services.add_job_member(by=world.alice, job=job, person=world.dan)
    services.remove_job_member(by=world.alice, job=job, person=world.dan)
    assert not JobMember.objects.filter(job=job, user=world.dan).exists()
    with pytest.raises(InvalidInput, match="not on"):
        services.remove_job_member(by=world.alice, job=job, person=world.dan)


def test_the_member_names_stay_outside_the_event_hash(world):
    job = new_job(world)
    services.add_job_member(by=world.alice, job=job, person=world.sam)
    event = Event.objects.get(verb="job.member_added")
    assert "person" not in event.data
    assert event.personal["person"] == "Sam Northwind"


def test_a_brief_change_in_work_reaches_the_team_and_the_assignees(world):
    job = job_of(world)
    for person in (world.dan, world.cora):
        services.add_job_member(by=world.alice, job=job, person=person)
    Notification.objects.all().delete()
    Task.objects.create(job=job, title="Layout", assignee=world.sam)
    version = job.brief.current_version
    services.flag_brief_change(job.brief, version, world.alice)
    told = set(Notification.objects.filter(kind="brief_changed").values_list("user", flat=True))
    assert told == {world.dan.pk, world.cora.pk, world.sam.pk}
    assert Notification.objects.filter(url=f"/jobs/{job.pk}/").count() == 3
    job.refresh_from_db()
    assert job.brief_changed_at is not None


def test_the_am_changing_the_brief_is_not_told_of_their_own_change(world):
    job = job_of(world)
    services.add_job_member(by=world.erin, job=job, person=world.alice)
    Notification.objects.all().delete()
    services.flag_brief_change(job.brief, job.brief.current_version, world.alice)
    assert not Notification.objects.filter(user=world.alice).exists()


def test_finishing_a_job_raises_its_revision(world):
    job = new_job(world, due_on=timezone.localdate() + timedelta(days=5))
    assert services.finish_job(by=world.alice, job=job).revision == job.revision + 1


def test_a_conflict_names_every_change_made_since(world):
    job = new_job(world)
    read = job.revision
    edit(world, job, due_on=DEADLINE, notes="Samples first.")
    services.move_job(by=world.erin, job=job, to="on_hold", was="open")
    with pytest.raises(Conflict) as conflict:
        edit(world, job, revision=read, title="Mine")
    assert "changed the deadline, the internal notes and its status since" in (
        conflict.value.message
    )
    assert "on hold" in conflict.value.message
