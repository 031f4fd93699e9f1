"""deploy/backup.sh and deploy/restore.sh bring the demo agency back onto an empty database with
its audit chain intact and its files downloadable (deploy/test-backup-restore.sh does the work;
about a minute per database)."""

import os
import subprocess
from pathlib import Path
from urllib.parse import urlsplit

import pytest

REPO = Path(__file__).resolve().parent.parent.parent
SCRIPT = REPO / "deploy" / "test-backup-restore.sh"


def _clean_env(**extra: str) -> dict[str, str]:
    env = {
        k: v
        for k, v in os.environ.items()
        if not k.startswith(("ACCORD_", "DATABASE_URL", "TEST_DATABASE_URL", "DJANGO_"))
    }
    return {**env, **extra}


def _restore(engine: str, **extra: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        ["bash", str(SCRIPT), engine],
        cwd=REPO,
        env=_clean_env(**extra),
        capture_output=True,
        text=True,
        timeout=600,
        check=False,
    )


def _assert_restored(result: subprocess.CompletedProcess[str], engine: str) -> None:
    assert result.returncode == 0, result.stdout[-3000:] + result.stderr[-3000:]
    assert f"OK: {engine} backup restored with the chain intact" in result.stdout
    assert "Event chain intact" in result.stdout
    assert "files identical" in result.stdout
    assert "logo of Acme Foods downloads" in result.stdout


def test_a_sqlite_backup_restores_onto_an_empty_database():
    _assert_restored(_restore("sqlite"), "sqlite")


@pytest.mark.skipif(
    not os.environ.get("TEST_DATABASE_URL", "").startswith("postgres"),
    reason="PostgreSQL runs only with TEST_DATABASE_URL",
)
def test_a_postgresql_backup_restores_onto_an_empty_database():
    url = urlsplit(os.environ["TEST_DATABASE_URL"])
    server = f"{url.scheme}://{url.netloc}"
    scratch = f"{url.path.lstrip('/')}_restore"  # beside the test database, never shared
    _assert_restored(
        _restore("postgres", RESTORE_TEST_SERVER=server, RESTORE_TEST_DATABASE=scratch),
        "postgres",
    )
