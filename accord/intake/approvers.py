"""Approvers by name, not by number: an answer of kind `approver` holds a user id.

Rules compare and fingerprint the stored answers (ids, so a renamed person does not change
what was signed); what people read, pages and API alike, names the person instead.
"""

from typing import Any

from accord.accounts.models import User
from accord.intake import rules
from accord.intake.models import BriefVersion
from accord.intake.services.briefs import StaleBrief

Question = dict[str, Any]
GONE = "Someone no longer in Accord"


def _approver_keys(questions: list[Question]) -> set[str]:
    return {q["key"] for q in questions if q.get("kind") == "approver"}


def _is_id(value: str) -> bool:
    return value.isascii() and value.isdigit() and len(value) < 16


def names_for(questions: list[Question], *answer_sets: dict[str, Any]) -> dict[str, str]:
    """The name of each person named as approver in any of `answer_sets`, by id. One query,
    none when no question asks for an approver."""
    keys = _approver_keys(questions)
    ids = {
        value
        for answers in answer_sets
        for key in keys
        if _is_id(value := str(answers.get(key) or "").strip())
    }
    if not ids:
        return {}
    people = User.objects.filter(pk__in=[int(i) for i in ids]).values_list("pk", "name", "email")
    return {str(pk): name or email for pk, name, email in people}


def named(
    questions: list[Question], answers: dict[str, Any], names: dict[str, str]
) -> dict[str, Any]:
    """`answers` with each approver's id replaced by their name."""
    keys = _approver_keys(questions)
    return {
        key: (names.get(str(value).strip(), GONE) if key in keys and value else value)
        for key, value in answers.items()
    }


def compare(
    *,
    old_title: str,
    old_answers: dict[str, Any],
    new_title: str,
    new_answers: dict[str, Any],
    questions: list[Question],
) -> list[rules.FieldChange]:
    """`rules.compare`, with approvers by name."""
    names = names_for(questions, old_answers, new_answers)
    return rules.compare(
        old_title=old_title,
        old_answers=named(questions, old_answers, names),
        new_title=new_title,
        new_answers=named(questions, new_answers, names),
        questions=questions,
    )


def version_changes(old: BriefVersion, new: BriefVersion) -> list[rules.FieldChange]:
    """What changed from `old` to `new`, approvers by name: the diff stored with `new` when
    it directly follows `old`, else worked out now (at the bounded cost of `rules.diff_words`)."""
    if new.number == old.number + 1 and new.changes is not None:
        stored = rules.stored_changes(
            new.changes,
            old_title=old.title,
            old_answers=old.answers,
            new_title=new.title,
            new_answers=new.answers,
        )
        return named_changes(stored, new.questions)
    return compare(
        old_title=old.title,
        old_answers=old.answers,
        new_title=new.title,
        new_answers=new.answers,
        questions=new.questions,
    )


def named_changes(
    changes: list[rules.FieldChange], questions: list[Question]
) -> list[rules.FieldChange]:
    """Changes worked out on stored answers (a stale save or sign-off), approvers by name."""
    keys = _approver_keys(questions)
    touched = [c for c in changes if c.key in keys]
    if not touched:
        return changes
    names = names_for(questions, *({c.key: v} for c in touched for v in (c.old, c.new)))
    result = []
    for change in changes:
        if change.key not in keys:
            result.append(change)
            continue
        old = names.get(change.old, GONE) if change.old else ""
        new = names.get(change.new, GONE) if change.new else ""
        result.append(
            rules.FieldChange(change.key, change.label, old, new, rules.words_diff(old, new))
        )
    return result


def named_stale(stale: StaleBrief, questions: list[Question]) -> StaleBrief:
    """The same refusal, its changes naming approvers."""
    named_one = StaleBrief(stale.message, changes=named_changes(stale.changes, questions))
    named_one.field = stale.field
    return named_one
