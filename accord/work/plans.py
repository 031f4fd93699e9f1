"""Pure rules for job templates: what a template's lines may be, and the due dates a plan gets.
No ORM here: the services read and write, these functions judge and count."""

from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from datetime import date
from decimal import Decimal, InvalidOperation
from typing import Any

from accord.core.errors import InvalidInput
from accord.core.text import one_line
from accord.work import rules

# A template's size bounds the work of planning a job from it (rows written in one step).
MAX_DELIVERABLES = 50
MAX_TASKS = 200
MAX_DAYS_BEFORE = 250  # about a year of working days before the deadline
MAX_ESTIMATE = Decimal("999")
KINDS = (
    "social_post",
    "story",
    "print_ad",
    "display_ad",
    "video",
    "script",
    "copy",
    "email",
    "web_page",
    "presentation",
    "other",
)
DISCIPLINES = ("", "copywriting", "design", "social", "video", "web", "strategy")


@dataclass(frozen=True)
class PlannedDeliverable:
    title: str
    kind: str
    channel: str
    format: str
    days_before_deadline: int


@dataclass(frozen=True)
class PlannedTask:
    title: str
    discipline: str
    estimate_hours: Decimal
    days_before_deadline: int
    deliverable: int | None  # index into the template's deliverables
    depends_on: int | None  # index into the template's tasks


def _days(raw: Any, where: str, field: str) -> int:
    try:
        days = int(raw or 0)
    except (TypeError, ValueError):
        days = -1
    if isinstance(raw, bool) or not 0 <= days <= MAX_DAYS_BEFORE:
        raise InvalidInput(
            f"{where}: the working days before the deadline must be a whole number from 0 to "
            f"{MAX_DAYS_BEFORE}.",
            field=field,
        )
    return days


def _title(raw: Any, where: str, field: str) -> str:
    title = one_line(str(raw or ""))
    if not title:
        raise InvalidInput(f"{where} needs a title.", field=field)
    if len(title) > 160:
        raise InvalidInput(f"{where}: keep the title under 160 characters.", field=field)
    return title


def _estimate(raw: Any, where: str, field: str) -> Decimal:
    try:
        value = Decimal(str(raw if raw not in (None, "") else 0))
    except InvalidOperation:
        value = Decimal("NaN")
    if isinstance(raw, bool) or not value.is_finite() or not 0 <= value <= MAX_ESTIMATE:
        raise InvalidInput(
            f"{where}: the estimate must be a number of hours from 0 to {MAX_ESTIMATE}.",
            field=field,
        )
    return value.quantize(Decimal("0.01"))


def _index(raw: Any, size: int, where: str, what: str) -> int | None:
    """An optional reference (from 0) to another line of the template."""
    if raw is None or raw == "":
        return None
    if isinstance(raw, bool) or not isinstance(raw, int) or not 0 <= raw < size:
        raise InvalidInput(f"{where}: there is no such {what} in the template.", field="tasks")
    return raw


def clean_deliverables(rows: Sequence[Mapping[str, Any]]) -> list[PlannedDeliverable]:
    if len(rows) > MAX_DELIVERABLES:
        raise InvalidInput(
            f"A template holds at most {MAX_DELIVERABLES} deliverables.", field="deliverables"
        )
    cleaned = []
    for number, row in enumerate(rows, start=1):
        where = f"Deliverable {number}"
        kind = str(row.get("kind") or "other")
        if kind not in KINDS:
            raise InvalidInput(f"{where}: unknown kind “{kind[:40]}”.", field="deliverables")
        cleaned.append(
            PlannedDeliverable(
                title=_title(row.get("title"), where, "deliverables"),
                kind=kind,
                channel=one_line(str(row.get("channel") or ""))[:80],
                format=one_line(str(row.get("format") or ""))[:80],
                days_before_deadline=_days(row.get("days_before_deadline"), where, "deliverables"),
            )
        )
    return cleaned


def clean_tasks(rows: Sequence[Mapping[str, Any]], *, deliverables: int) -> list[PlannedTask]:
    """The template's tasks; a task's deliverable and dependency are indexes (from 0) into
    the template's deliverables and tasks. A dependency that closes a loop is refused."""
    if len(rows) > MAX_TASKS:
        raise InvalidInput(f"A template holds at most {MAX_TASKS} tasks.", field="tasks")
    cleaned = []
    waits_for: dict[int, int | None] = {}
    for number, row in enumerate(rows, start=1):
        where = f"Task {number}"
        discipline = str(row.get("discipline") or "")
        if discipline not in DISCIPLINES:
            raise InvalidInput(f"{where}: unknown discipline “{discipline[:40]}”.", field="tasks")
        deliverable = _index(row.get("deliverable"), deliverables, where, "deliverable")
        depends_on = _index(row.get("depends_on"), len(rows), where, "task")
        me = number - 1
        if depends_on is not None and (
            depends_on == me or rules.creates_cycle(waits_for, me, depends_on)
        ):
            raise InvalidInput(
                f"{where} cannot wait for task {depends_on + 1}: that task already waits for "
                "it, directly or through others (a loop).",
                field="tasks",
            )
        waits_for[me] = depends_on
        cleaned.append(
            PlannedTask(
                title=_title(row.get("title"), where, "tasks"),
                discipline=discipline,
                estimate_hours=_estimate(row.get("estimate_hours"), where, "tasks"),
                days_before_deadline=_days(row.get("days_before_deadline"), where, "tasks"),
                deliverable=deliverable,
                depends_on=depends_on,
            )
        )
    return cleaned


def due_dates(deadline: date, days_before: Iterable[int], closed: rules.Closed) -> list[date]:
    """Each line's due date: that many working days before the job's deadline."""
    return [rules.working_days_before(deadline, n, closed) for n in days_before]
