"""How the activity feed says what happened to deliverables and tasks (agency only)."""

from typing import Any

from accord.core import verbs
from accord.core.policy import Audience
from accord.work.models import Deliverable, Task

DELIVERABLE_LABELS = dict(Deliverable.Status.choices)
TASK_LABELS = dict(Task.Status.choices)


def _titled(d: dict[str, Any], what: str) -> str:
    return f"{what} “{d['title']}”" if d.get("title") else f"a {what}"


def _moved(labels: dict[str, Any], what: str) -> Any:
    def sentence(a: str, d: dict[str, Any]) -> str:
        to = str(labels.get(str(d.get("to")), d.get("to"))).lower()
        said = f"{a} moved {_titled(d, what)} to {to}"
        return said + (f": {d['reason']}." if d.get("reason") else ".")

    return sentence


CHECKLIST_SAID = {
    "added": "added",
    "ticked": "ticked",
    "unticked": "unticked",
    "removed": "removed",
}


def _checklist(a: str, d: dict[str, Any]) -> str:
    done = CHECKLIST_SAID.get(str(d.get("change")), "changed")
    return f"{a} {done} “{d.get('item', '')}” on the {_titled(d, 'task')}'s checklist."


def declare_verbs() -> None:
    for name, sentence, fields, personal in (
        (
            "deliverable.added",
            lambda a, d: f"{a} added the {_titled(d, 'deliverable')}.",
            ("job", "title", "kind"),
            (),
        ),
        (
            "deliverable.updated",
            lambda a, d: f"{a} updated the {_titled(d, 'deliverable')}.",
            ("job", "fields"),
            (),
        ),
        (
            "deliverable.moved",
            _moved(DELIVERABLE_LABELS, "the deliverable"),
            ("job", "title", "from", "to"),
            (),
        ),
        (
            "task.added",
            lambda a, d: f"{a} added the {_titled(d, 'task')}.",
            ("job", "title", "assignee"),
            (),
        ),
        (
            "task.updated",
            lambda a, d: f"{a} updated the {_titled(d, 'task')}.",
            ("job", "title", "fields"),
            (),
        ),
        (
            "task.assigned",
            lambda a, d: f"{a} reassigned the {_titled(d, 'task')}.",
            ("job", "title", "assignee", "previous"),
            (),
        ),
        (
            "task.dependency_set",
            lambda a, d: f"{a} changed what the {_titled(d, 'task')} waits for.",
            ("job", "title", "depends_on"),
            (),
        ),
        (
            "task.moved",
            _moved(TASK_LABELS, "the task"),
            ("job", "title", "from", "to"),
            ("reason",),
        ),
        ("task.checklist", _checklist, ("job", "title", "change", "item"), ()),
    ):
        verbs.declare(
            name,
            app="work",
            audience=Audience.INTERNAL,
            fields=fields,
            personal=personal,
            creatives=True,
            sentence=sentence,
        )
