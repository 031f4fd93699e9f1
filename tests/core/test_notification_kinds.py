"""Kinds of notification are declared once, like event verbs; notify() refuses the others."""

import ast
import logging
from pathlib import Path

import pytest

from accord.core import notification_kinds as kinds
from accord.core.models import Notification
from accord.core.notify import notify

ACCORD = Path(__file__).resolve().parents[2] / "accord"


def _kinds_passed_to_notify() -> dict[str, str]:
    """Every literal `kind=` given to a `notify(...)` call in accord/, with where it is."""
    found: dict[str, str] = {}
    for path in ACCORD.rglob("*.py"):
        tree = ast.parse(path.read_text(encoding="utf-8"))
        for node in ast.walk(tree):
            if not isinstance(node, ast.Call):
                continue
            name = getattr(node.func, "id", None) or getattr(node.func, "attr", None)
            if name != "notify":
                continue
            for keyword in node.keywords:
                if keyword.arg == "kind":
                    assert isinstance(keyword.value, ast.Constant), (
                        f"{path}:{node.lineno}: give notify() its kind as a literal, so this "
                        "test can check it is declared"
                    )
                    found[keyword.value.value] = f"{path.relative_to(ACCORD)}:{node.lineno}"
    return found


def test_every_kind_passed_to_notify_is_declared():
    used = _kinds_passed_to_notify()
    assert {"task.assigned", "review.requested", "job_team"} <= set(used)
    undeclared = {kind: where for kind, where in used.items() if kinds.get(kind) is None}
    assert undeclared == {}, "declare these kinds (accord/core/notification_kinds.py)"


def test_every_declared_kind_says_what_it_is_in_words():
    for kind in kinds.REGISTRY.values():
        assert kind.label and kind.label[0].isupper(), kind.name
        assert kind.help.endswith("."), kind.name
        assert kind.audience <= kinds.EVERYONE and kind.audience, kind.name
        assert len(kind.name) <= Notification._meta.get_field("kind").max_length


def test_each_audience_gets_only_its_kinds():
    staff = {k.name for k in kinds.for_audience("staff")}
    contacts = {k.name for k in kinds.for_audience("contact")}
    assert "task.assigned" in staff and "task.assigned" not in contacts
    assert "review.requested" in staff and "review.requested" in contacts


def test_notifying_with_an_undeclared_kind_raises_in_tests(world):
    with pytest.raises(kinds.UndeclaredKind, match="not declared"):
        notify(people=[world.dan], kind="made.up", text="Hello")
    assert not Notification.objects.exists()


def test_a_kind_sent_outside_its_audience_raises_in_tests(world):
    with pytest.raises(kinds.UndeclaredKind, match="not declared for contact"):
        notify(people=[world.carol], kind="task.assigned", text="Hello")


def test_in_production_an_undeclared_kind_is_logged_and_still_notified(world, settings, caplog):
    settings.STRICT_EVENT_VERBS = False
    with caplog.at_level(logging.ERROR, logger="accord.core.notify"):
        rows = notify(people=[world.dan], kind="made.up", text="Hello", email=False)
    assert len(rows) == 1 and "undeclared" in caplog.text


@pytest.mark.parametrize(
    ("arguments", "message"),
    [
        ({"audience": {"guest"}}, "audience"),
        ({"audience": set()}, "audience"),
        ({"default": "weekly"}, "default"),
    ],
)
def test_a_declaration_that_makes_no_sense_is_refused(arguments, message):
    with pytest.raises(ValueError, match=message):
        kinds.declare_kind("odd.kind", label="Odd", help="Odd.", **arguments)
    assert kinds.get("odd.kind") is None


def test_a_higher_app_can_declare_its_own_kinds():
    try:
        kinds.declare_kind(
            "example.thread_message",
            label="New messages in your threads",
            help="Someone writes in a thread you are part of.",
            default="digest",
        )
        assert kinds.get("example.thread_message").default == "digest"
        assert "example.thread_message" in {k.name for k in kinds.for_audience("contact")}
    finally:
        kinds.undeclare("example.thread_message")
