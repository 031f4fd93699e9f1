"""Settings come from the environment only, refuse ambiguity, and pass Django's deploy check."""

import os
import secrets
import subprocess
import sys
from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parent.parent


def _env(tmp_path: Path, **overrides: str) -> dict[str, str]:
    """A clean production-like environment: no ACCORD_* or DATABASE_URL leaks in."""
    env = {
        k: v
        for k, v in os.environ.items()
        if not k.startswith(("ACCORD_", "DATABASE_URL", "TEST_DATABASE_URL", "DJANGO_"))
    }
    env.update(
        {
            "ACCORD_SECRET_KEY": secrets.token_urlsafe(48),
            "ACCORD_ALLOWED_HOSTS": "accord.example.com",
            "ACCORD_VAR_DIR": str(tmp_path),
            "DATABASE_URL": f"sqlite:///{tmp_path / 'accord.sqlite3'}",
            "DJANGO_SETTINGS_MODULE": "accord.settings",
        }
    )
    env.update(overrides)
    return {k: v for k, v in env.items() if v is not None}


def _run(args: list[str], env: dict[str, str]) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        args, cwd=REPO, env=env, capture_output=True, text=True, timeout=120, check=False
    )


def _python(code: str, env: dict[str, str]) -> subprocess.CompletedProcess[str]:
    return _run([sys.executable, "-c", code], env)


def test_the_production_configuration_passes_the_deploy_check(tmp_path):
    env = _env(tmp_path)
    assert len(env["ACCORD_SECRET_KEY"]) >= 50
    result = _run(
        [sys.executable, "-m", "accord.cli", "check", "--deploy", "--fail-level", "WARNING"], env
    )
    assert result.returncode == 0, result.stderr + result.stdout
    assert "no issues" in result.stdout


def test_production_refuses_to_start_without_a_secret_key(tmp_path):
    env = _env(tmp_path)
    del env["ACCORD_SECRET_KEY"]
    result = _python("import accord.settings", env)
    assert result.returncode != 0
    assert "ImproperlyConfigured" in result.stderr
    assert "ACCORD_SECRET_KEY" in result.stderr


def test_development_runs_without_a_secret_key(tmp_path):
    env = _env(tmp_path, ACCORD_DEBUG="True")
    del env["ACCORD_SECRET_KEY"]
    result = _python("import accord.settings as s; print(s.DEBUG, bool(s.SECRET_KEY))", env)
    assert result.returncode == 0, result.stderr
    assert result.stdout.strip() == "True True"


@pytest.mark.parametrize("value", ["maybe", "2", "enabled"])
def test_an_ambiguous_debug_value_is_refused(tmp_path, value):
    result = _python("import accord.settings", _env(tmp_path, ACCORD_DEBUG=value))
    assert result.returncode != 0
    assert "ImproperlyConfigured" in result.stderr
    assert "ACCORD_DEBUG" in result.stderr
    assert value in result.stderr


def test_debug_is_off_unless_asked_for(tmp_path):
    result = _python("import accord.settings as s; print(s.DEBUG)", _env(tmp_path))
    assert result.returncode == 0, result.stderr
    assert result.stdout.strip() == "False"


def test_a_number_setting_that_is_not_a_number_is_refused(tmp_path):
    result = _python("import accord.settings", _env(tmp_path, ACCORD_EMAIL_PORT="twenty-five"))
    assert result.returncode != 0
    assert "ACCORD_EMAIL_PORT" in result.stderr


def test_sqlite_runs_in_wal_mode_with_a_busy_timeout(tmp_path):
    code = (
        "import django; django.setup()\n"
        "from django.db import connection\n"
        "with connection.cursor() as c:\n"
        "    c.execute('PRAGMA journal_mode'); print(c.fetchone()[0])\n"
        "    c.execute('PRAGMA busy_timeout'); print(c.fetchone()[0])\n"
    )
    result = _python(code, _env(tmp_path))
    assert result.returncode == 0, result.stderr
    assert result.stdout.split() == ["wal", "20000"]


def test_healthz_reports_the_database_as_ok(client, db):
    response = client.get("/healthz")
    assert response.status_code == 200
    assert response["Content-Type"] == "application/json"
    body = response.json()
    assert body["status"] == "ok"
    assert body["database"] == "ok"
    assert "no-cache" in response["Cache-Control"] or "max-age=0" in response["Cache-Control"]
