"""Conversations for the tests: Acme's job with Dan on it, and threads on it."""

from typing import Any

from accord.conversations.models import Thread
from accord.conversations.services import threads
from accord.core.policy import Audience
from accord.work.models import Job, JobMember


def acme_job(world: Any) -> Job:
    job = Job.objects.create(client=world.acme, title="Spring launch", owner=world.alice)
    JobMember.objects.create(job=job, user=world.dan, added_by=world.alice)
    return job


def carol_asks(world: Any, job: Job | None = None, body: str = "Can the logo be bigger?") -> Thread:
    """Carol opens a client thread (on the job, if given) with a question."""
    return threads.start_thread(
        by=world.carol,
        client=world.acme,
        audience=Audience.CLIENT,
        subject="Logo size",
        body=body,
        job=job,
    )


def team_thread(world: Any, job: Job, body: str = "Dan, a first look?") -> Thread:
    return threads.start_thread(
        by=world.alice,
        client=world.acme,
        audience=Audience.INTERNAL,
        subject="Spring launch: team",
        body=body,
        job=job,
        people=[world.dan],
    )
