"""Two people editing one brief: each edit carries the value it was based on.

An edit is written when the stored value is still its base (or already what was typed); one
changed by someone else since it was read is not written but reported as a conflict, so the
person can choose between the two. These are pure rules; `save_answers` applies them.
"""

from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING, Literal

from accord.core.errors import DomainError

if TYPE_CHECKING:
    from accord.intake.models import Brief

FieldKind = Literal["title", "answer"]
# For each field, the value it was based on; or several, when the page sends a field while
# an earlier save of it may or may not have landed (either is a base the person saw).
Bases = Mapping[str, str | Sequence[str]]


@dataclass(frozen=True)
class FieldConflict:
    """A field someone else changed since it was read: its base, what it is now, and yours."""

    field: FieldKind
    key: str
    label: str
    base: str
    current: str
    yours: str


class EditConflict(DomainError):
    """Some fields were changed by someone else meanwhile; the other fields were saved:
    `saved` names them (`title` for the title), and `brief` is the brief as it is now."""

    status = 409

    def __init__(
        self,
        message: str,
        *,
        conflicts: list[FieldConflict],
        brief: "Brief",
        saved: Sequence[str] = (),
    ) -> None:
        super().__init__(message, field=conflicts[0].key if conflicts else None)
        self.conflicts = conflicts
        self.brief = brief
        self.saved = list(saved)


def same_text(a: str, b: str) -> bool:
    """Equal as stored: browsers send CRLF line ends, and answers are stored trimmed."""
    return a.replace("\r\n", "\n").strip() == b.replace("\r\n", "\n").strip()


def _listed(base: str | Sequence[str]) -> list[str]:
    return [base] if isinstance(base, str) else list(base)


def settle(
    *,
    stored: Mapping[str, str],
    yours: Mapping[str, str],
    bases: Bases,
    labels: Mapping[str, str],
    field: FieldKind = "answer",
    clean: Callable[[str, str], str] = lambda key, value: value,
) -> tuple[dict[str, str], list[FieldConflict]]:
    """The edits to write, and the conflicts: fields changed by someone else since their base.

    `yours` are cleaned as they would be stored, and `clean(key, base)` cleans each base the
    same way, so text that differs only by cleaning ("£12,000" and 12000) is never a change.
    An edit without a base is written as it is; one equal to its base changes nothing."""
    write: dict[str, str] = {}
    conflicts: list[FieldConflict] = []
    for key, value in yours.items():
        based_on = [clean(key, base) for base in _listed(bases[key])] if key in bases else []
        now = stored.get(key, "")
        if not based_on:
            write[key] = value
        elif all(same_text(value, base) for base in based_on):
            continue  # not changed by this person: whatever is stored stays
        elif same_text(now, value) or any(same_text(now, base) for base in based_on):
            write[key] = value
        else:
            conflicts.append(
                FieldConflict(field, key, labels.get(key, key), based_on[0], now, value)
            )
    return write, conflicts


def conflict_message(conflicts: list[FieldConflict]) -> str:
    labels = ", ".join(f"“{c.label}”" for c in conflicts)
    return (
        f"Someone else changed {labels} while you were editing, so your text there is not "
        "saved yet: choose which to keep. Your other changes are saved."
    )
