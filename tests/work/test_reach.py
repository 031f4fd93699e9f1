"""Who sees what: a creative reaches a client's jobs, briefs, files and feed only through the
jobs they are on (on the job's team, or with a task on it); the client's team alone shows them
the client record, not its work. Contacts and account managers see as they always did."""

from importlib import import_module
from typing import Any

import pytest
from django.apps import apps
from django.db import connection
from django.db.models import Q
from django.test import Client as HttpClient
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from accord.accounts.services import create_api_token
from accord.clients import services as clients
from accord.clients.models import TeamMembership
from accord.core import events
from accord.core import verbs as declared
from accord.core.models import Event
from accord.intake import services as intake
from accord.work.access import creative_reach
from accord.work.models import Deliverable, Job, JobMember
from tests.api.conftest import Caller
from tests.api.intake_data import advance
from tests.intake.test_request_follows_work import _briefed, _request
from tests.intake.view_helpers import pdf_file
from tests.work.helpers import give_task, put_on_job, start_job, take_off_job

NOTES = "Margin is thin; reuse the autumn pack shots."


def _job(world: Any, title: str) -> Job:
    """An Acme job from Carol's request (with a PDF), briefed, signed off and started."""
    request = _request(world, title=title, attachments=[pdf_file(f"{title}.pdf")])
    brief = _briefed(world, request)
    advance(world, brief, to="signed_off")
    intake.save_internal_notes(by=world.alice, brief=brief, notes=NOTES)
    return start_job(brief)


@pytest.fixture
def media(settings: Any, tmp_path: Any) -> None:
    settings.MEDIA_ROOT = tmp_path / "media"


@pytest.fixture
def as_persona(world: Any) -> Any:
    """`as_persona("dan")`: the API as Dan sees it, with a token he made."""

    def caller(name: str) -> Caller:
        _, token = create_api_token(user=world.persona(name), name="tests")
        return Caller(HttpClient(), token)

    return caller


@pytest.fixture
def jobs(world: Any, media: None) -> tuple[Job, Job]:
    """Two Acme jobs, A and B; Dan and Cora are on Acme's team but on neither job."""
    return _job(world, "Spring launch posts"), _job(world, "Summer barbecue ads")


def _file(job: Job) -> int:
    assert job.brief is not None and job.brief.request is not None
    return job.brief.request.attachments.get().pk


def _feed_ids_about(job: Job) -> set[int]:
    """The events a creative on the job may read about it: the job's and its brief's."""
    about = Q(target_type="work.job", target_id=str(job.pk)) | Q(
        target_type="intake.brief", target_id=str(job.brief_id)
    )
    return set(
        Event.objects.filter(about, verb__in=declared.for_creatives()).values_list("id", flat=True)
    )


def _all_or_none(found: set[Any], wanted: set[Any]) -> bool:
    assert wanted, "nothing to look for"
    assert found & wanted in (set(), wanted), f"only part of {wanted}: {found & wanted}"
    return found & wanted == wanted


def reaches(person: Any, job: Job, api: Caller) -> dict[str, bool]:
    """What of one job a person reaches, on the pages and in the API."""
    web = HttpClient()
    web.force_login(person)
    brief, file = job.brief_id, _file(job)
    acme = job.client_id
    feed = api.get(f"/clients/{acme}/activity", limit=100)
    brief_page = web.get(reverse("intake:brief_detail", args=[brief]))
    listed = {b["id"] for b in api.get("/briefs").json()["items"]}
    activity_page = web.get(reverse("clients:activity", args=[acme])).text
    return {
        "job page": web.get(reverse("work:job_detail", args=[job.pk])).status_code == 200,
        "job api": api.get(f"/jobs/{job.pk}").status_code == 200,
        "brief page": brief_page.status_code == 200,
        "internal notes": NOTES in brief_page.text,
        "brief api": api.get(f"/briefs/{brief}").status_code == 200,
        "brief listed": brief in listed,
        "file page": web.get(reverse("intake:attachment", args=[file])).status_code == 200,
        "file api": api.get(f"/attachments/{file}").status_code == 200,
        "feed page": f"started the job “{job.title}”" in activity_page,
        "feed api": feed.status_code == 200
        and _all_or_none({e["id"] for e in feed.json()["items"]}, _feed_ids_about(job)),
    }


EVERYTHING = dict.fromkeys(
    [
        "job page",
        "job api",
        "brief page",
        "internal notes",
        "brief api",
        "brief listed",
        "file page",
        "file api",
        "feed page",
        "feed api",
    ],
    True,
)
NOTHING = dict.fromkeys(EVERYTHING, False)


def test_on_the_clients_team_but_on_no_job_a_creative_sees_none_of_its_work(
    world, jobs, as_persona, client
):
    a, b = jobs
    dan = as_persona("dan")
    assert reaches(world.dan, a, dan) == NOTHING
    assert reaches(world.dan, b, dan) == NOTHING
    # The client record is still his: overview, brand and people, and their events.
    clients.update_brand(by=world.alice, client=world.acme, voice_and_tone="Sunny.")
    client.force_login(world.dan)
    overview = client.get(world.acme.get_absolute_url())
    assert overview.status_code == 200
    assert a.title not in overview.text and b.title not in overview.text
    assert dan.get(f"/clients/{world.acme.pk}").status_code == 200
    assert dan.get(f"/clients/{world.acme.pk}/contacts").status_code == 200
    verbs = [e["verb"] for e in dan.get(f"/clients/{world.acme.pk}/activity").json()["items"]]
    assert "brand.updated" in verbs
    assert not {"job.started", "brief.signed_off"} & set(verbs)


@pytest.mark.parametrize("how", ["task", "team"])
def test_on_one_job_a_creative_sees_it_and_nothing_of_the_clients_other_job(
    world, jobs, as_persona, how
):
    a, b = jobs
    if how == "task":
        give_task(a, world.dan)
    else:
        put_on_job(a, world.dan)
    dan = as_persona("dan")
    assert reaches(world.dan, a, dan) == EVERYTHING
    assert reaches(world.dan, b, dan) == NOTHING
    # Seeing the job is not running it.
    assert dan.post(f"/jobs/{a.pk}/done").status_code == 403
    assert dan.post(f"/jobs/{b.pk}/done").status_code == 404
    assert dan.put(f"/briefs/{a.brief_id}/notes", {"notes": "Mine."}).status_code == 403


def test_taken_off_the_job_with_no_task_left_a_creative_loses_it_again(world, jobs, as_persona):
    a, _ = jobs
    dan = as_persona("dan")
    put_on_job(a, world.dan)
    task = give_task(a, world.dan)
    take_off_job(a, world.dan)
    assert reaches(world.dan, a, dan) == EVERYTHING  # the task still puts him on it
    task.assignee = world.cora
    task.save(update_fields=["assignee"])
    assert reaches(world.dan, a, dan) == NOTHING
    assert reaches(world.cora, a, as_persona("cora")) == EVERYTHING


def test_a_creative_not_on_the_clients_team_sees_the_job_they_are_on(world, jobs, as_persona):
    a, b = jobs
    assert not TeamMembership.objects.filter(client=world.acme, user=world.sam).exists()
    sam = as_persona("sam")
    assert reaches(world.sam, a, sam) == NOTHING
    put_on_job(a, world.sam)
    assert reaches(world.sam, a, sam) == EVERYTHING
    assert reaches(world.sam, b, sam) == NOTHING
    # He now sees the client the job is for, as the job's page links to it.
    assert sam.get(f"/clients/{world.acme.pk}").status_code == 200
    assert world.acme.pk in {c["id"] for c in sam.get("/clients").json()["items"]}


def test_contacts_and_account_managers_see_as_before(world, jobs, as_persona, client):
    a, b = jobs
    client.force_login(world.carol)
    portal = client.get(world.acme.get_absolute_url()).text
    assert a.title in portal and b.title in portal and "In progress" in portal
    carol = as_persona("carol")
    for job in jobs:
        seen = carol.get(f"/jobs/{job.pk}").json()
        assert seen["id"] == job.pk and "notes" not in seen
        assert NOTES not in str(seen)
    alice = as_persona("alice")
    assert all(alice.get(f"/jobs/{job.pk}").status_code == 200 for job in jobs)
    max_ = as_persona("max")
    assert max_.get(f"/clients/{world.acme.pk}").status_code == 404
    assert all(max_.get(f"/jobs/{job.pk}").status_code == 404 for job in jobs)
    assert max_.get("/briefs").json()["items"] == []


def test_feed_events_about_the_jobs_deliverables_and_tasks_reach_its_creatives(world, jobs):
    a, b = jobs
    give_task(a, world.dan)
    mine = Deliverable.objects.create(job=a, title="Feed post 1")
    theirs = Deliverable.objects.create(job=b, title="Feed post 2")
    # Work's own verbs for deliverables and tasks come with them; any creatives' verb shows
    # which targets the rule lets through.
    for target in (mine, theirs, a.tasks.get(), give_task(b, world.cora)):
        events.record(
            actor=world.alice,
            verb="job.done",
            target=target,
            client=world.acme,
            audience="client",
            data={"title": str(target)},
        )
    reach = creative_reach(world.dan)
    assert (reach.job_ids, reach.client_ids) == ({a.pk}, {world.acme.pk})
    assert reach.brief_ids == {a.brief_id}
    seen = Event.objects.filter(reach.events, verb="job.done").values_list("data", flat=True)
    assert sorted(d["title"] for d in seen) == ["Feed post 1", "Key visual"]
    assert creative_reach(world.alice).job_ids == frozenset()  # by role, not by this rule


# --- Bounded cost -----------------------------------------------------------------------------


def test_a_creatives_pages_and_lists_run_a_bounded_number_of_queries(world, as_persona, media):
    """One query resolves the creative's jobs; the lists and feed filter on them, so the
    count does not grow with their jobs, tasks, deliverables or events."""
    dan, web = as_persona("dan"), HttpClient()
    web.force_login(world.dan)
    acme = world.acme.pk
    calls = {
        "activity page": lambda: web.get(reverse("clients:activity", args=[acme])),
        "brief list": lambda: web.get(reverse("intake:brief_list")),
        "client page": lambda: web.get(world.acme.get_absolute_url()),
        "activity api": lambda: dan.get(f"/clients/{acme}/activity"),
        "brief list api": lambda: dan.get("/briefs"),
    }

    def counts() -> dict[str, int]:
        found = {}
        for name, call in calls.items():
            with CaptureQueriesContext(connection) as queries:
                assert call().status_code == 200, name
            found[name] = len(queries.captured_queries)
        return found

    def more_work(n: int) -> None:
        job = _job(world, f"Campaign {n}")
        put_on_job(job, world.dan)
        for m in range(3):
            give_task(job, world.dan, title=f"Task {m}")
            Deliverable.objects.create(job=job, title=f"Post {m}")

    more_work(0)
    counts()  # warm: the session and the token are read once
    first = counts()
    assert first == BOUNDS
    for n in range(1, 6):
        more_work(n)
    assert counts() == first
    assert len(dan.get("/briefs").json()["items"]) == 6


# What each costs a creative, whatever the number of their jobs (sessions and tokens included).
BOUNDS = {
    "activity page": 8,  # the bell: one count of unread notifications
    "brief list": 8,
    "client page": 15,  # with the conversations section: its threads and the client's address
    "activity api": 6,
    "brief list api": 4,
}


# --- Migration work/0005 ----------------------------------------------------------------------


def test_the_migration_puts_each_clients_team_creatives_on_its_existing_jobs(world):
    TeamMembership.objects.create(client=world.acme, user=world.max)  # an AM on the team
    acme_job = Job.objects.create(client=world.acme, title="Old Acme job")
    owned = Job.objects.create(client=world.acme, title="Owned", owner=world.erin)
    globex_job = Job.objects.create(client=world.globex, title="Old Globex job")
    put_on_job(owned, world.dan)  # already on it: kept once
    migration = import_module("accord.work.migrations.0005_existing_jobs_keep_their_team")
    for _ in range(2):  # running it again changes nothing
        migration.keep_teams(apps, None)

    def team(job: Job) -> set[str]:
        return set(JobMember.objects.filter(job=job).values_list("user__email", flat=True))

    assert team(acme_job) == team(owned) == {"dan@northwind.test", "cora@northwind.test"}
    assert team(globex_job) == {"cora@northwind.test", "sam@northwind.test"}
    owners = dict(Job.objects.values_list("title", "owner__email"))
    assert owners == {
        "Old Acme job": "alice@northwind.test",
        "Owned": "erin@northwind.test",
        "Old Globex job": "max@northwind.test",
    }
    assert JobMember.objects.count() == 6
