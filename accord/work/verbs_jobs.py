"""How the activity feed says what happened to jobs set up, edited, moved, staffed and planned,
and to job templates. Names of people go outside the hash (`personal`)."""

from typing import Any

from accord.core import verbs
from accord.core.policy import Audience

STATUS_WORDS = {"open": "back in progress", "on_hold": "on hold", "cancelled": "cancelled"}


def _job(d: dict[str, Any]) -> str:
    return f"the job “{d['title']}”" if d.get("title") else "a job"


def _created(a: str, d: dict[str, Any]) -> str:
    return f"{a} set up {_job(d)}."


FIELD_WORDS = {"title": "title", "due_on": "deadline", "owner": "owner", "notes": "notes"}


def _updated(a: str, d: dict[str, Any]) -> str:
    changed = ", ".join(FIELD_WORDS.get(str(name), str(name)) for name in d.get("changed") or [])
    return f"{a} changed {_job(d)}" + (f" ({changed})." if changed else ".")


def _moved(a: str, d: dict[str, Any]) -> str:
    return f"{a} put {_job(d)} {STATUS_WORDS.get(d.get('to') or '', 'in a new state')}."


def _member_added(a: str, d: dict[str, Any]) -> str:
    return f"{a} put {d.get('person') or 'someone'} on the team of {_job(d)}."


def _member_removed(a: str, d: dict[str, Any]) -> str:
    return f"{a} took {d.get('person') or 'someone'} off the team of {_job(d)}."


def _planned(a: str, d: dict[str, Any]) -> str:
    template = f" from the template “{d['template']}”" if d.get("template") else ""
    counts = (
        f": {d['deliverables']} deliverables, {d['tasks']} tasks"
        if d.get("deliverables") is not None and d.get("tasks") is not None
        else ""
    )
    return f"{a} planned {_job(d)}{template}{counts}."


def _template(d: dict[str, Any]) -> str:
    return f"the job template “{d['name']}”" if d.get("name") else "a job template"


def _template_saved(a: str, d: dict[str, Any]) -> str:
    return f"{a} saved {_template(d)}."


def _template_deactivated(a: str, d: dict[str, Any]) -> str:
    return f"{a} took {_template(d)} out of use."


def declare_verbs() -> None:
    """The jobs part's verbs (called from WorkConfig.ready)."""
    for name, fields, sentence in (
        ("job.created", ("title",), _created),
        ("job.moved", ("title", "from", "to"), _moved),
    ):
        verbs.declare(
            name,
            app="work",
            audience=Audience.CLIENT,
            fields=fields,
            contacts=True,
            creatives=True,
            sentence=sentence,
        )
    verbs.declare(
        "job.updated",
        app="work",
        fields=("title", "changed", "revision"),
        creatives=True,
        sentence=_updated,
    )
    for name, sentence in (
        ("job.member_added", _member_added),
        ("job.member_removed", _member_removed),
    ):
        verbs.declare(
            name,
            app="work",
            fields=("title",),
            personal=("person",),
            creatives=True,
            sentence=sentence,
        )
    verbs.declare(
        "job.planned",
        app="work",
        fields=("title", "template", "deliverables", "tasks", "revision"),
        creatives=True,
        sentence=_planned,
    )
    verbs.declare(
        "job_template.saved",
        app="work",
        fields=("name", "deliverables", "tasks"),
        sentence=_template_saved,
    )
    verbs.declare(
        "job_template.deactivated", app="work", fields=("name",), sentence=_template_deactivated
    )
