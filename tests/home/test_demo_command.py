"""`accord demo` tells you where to sign in: the address `accord run` serves on."""

from io import StringIO
from types import SimpleNamespace

import pytest
from django.core.management import CommandError, call_command

from accord.home.management.commands import demo as demo_command


@pytest.fixture
def loaded(monkeypatch):
    """Only the message is under test here: the loaders report nothing new."""
    for loader in ("demo", "demo_intake", "demo_work", "demo_reviews"):
        if hasattr(demo_command, loader):
            nothing = SimpleNamespace(load=lambda *_, **__: [], Story=lambda: None)
            monkeypatch.setattr(demo_command, loader, nothing)


def _output() -> str:
    out = StringIO()
    call_command("demo", "--yes-create-demo-accounts", stdout=out)
    return out.getvalue()


def test_demo_prints_the_port_from_the_environment(loaded, monkeypatch):
    monkeypatch.setenv("PORT", "9000")
    assert "Sign in at http://127.0.0.1:9000 " in _output()


def test_demo_prints_port_8000_by_default(loaded, monkeypatch):
    monkeypatch.delenv("PORT", raising=False)
    assert "Sign in at http://127.0.0.1:8000 " in _output()


def test_demo_refuses_a_database_that_is_not_in_debug_mode(settings):
    """The demo's accounts share a published password: not on a real database by accident."""
    settings.DEBUG = False
    with pytest.raises(CommandError, match="--yes-create-demo-accounts"):
        call_command("demo", stdout=StringIO())


def test_demo_loads_in_debug_mode_without_asking(loaded, settings):
    settings.DEBUG = True
    out = StringIO()
    call_command("demo", stdout=out)
    assert "accord-demo" in out.getvalue()
