"""How the activity feed says what happened to jobs."""

from typing import Any

from accord.core import verbs
from accord.core.policy import Audience


def _job_started(a: str, d: dict[str, Any]) -> str:
    started = f"{a} started the job “{d['title']}”" if d.get("title") else f"{a} started a job"
    return started + (f" from version {d['version']} of the brief." if d.get("version") else ".")


def _job_done(a: str, d: dict[str, Any]) -> str:
    return f"{a} delivered the job “{d['title']}”." if d.get("title") else f"{a} delivered a job."


def _acknowledged(a: str, d: dict[str, Any]) -> str:
    job = f"the job “{d['title']}”" if d.get("title") else "a job"
    versions = (
        f" (v{d['started_version']} → v{d['version']})"
        if d.get("started_version") and d.get("version")
        else ""
    )
    return f"{a} took in the change of plan to the brief of {job}{versions}."


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
    verbs.declare(
        "job.brief_change_acknowledged",
        app="work",
        audience=Audience.INTERNAL,
        fields=("title", "started_version", "version"),
        sentence=_acknowledged,
    )
