"""How the activity feed says what happened to jobs."""

from typing import Any

from accord.core import verbs
from accord.core.policy import Audience


def _job_started(a: str, d: dict[str, Any]) -> str:
    started = f"{a} started the job “{d['title']}”" if d.get("title") else f"{a} started a job"
    return started + (f" from version {d['version']} of the brief." if d.get("version") else ".")


def _job_done(a: str, d: dict[str, Any]) -> str:
    return f"{a} delivered the job “{d['title']}”." if d.get("title") else f"{a} delivered a job."


def declare_verbs() -> None:
    """Work's verbs (called from WorkConfig.ready)."""
    verbs.declare(
        "job.started",
        app="work",
        audience=Audience.CLIENT,
        fields=("title", "brief", "version"),
        contacts=True,
        creatives=True,
        sentence=_job_started,
    )
    verbs.declare(
        "job.done",
        app="work",
        audience=Audience.CLIENT,
        fields=("title",),
        contacts=True,
        creatives=True,
        sentence=_job_done,
    )
