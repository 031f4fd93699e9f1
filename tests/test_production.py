"""A production start fails loudly and early, and what goes wrong later answers in kind."""

import json
import subprocess
import sys

import pytest
from django.db import connection
from django.test import Client as HttpClient

from accord.accounts.services import create_api_token
from tests.test_settings import REPO, _env, _python

ACCORD = [sys.executable, "-m", "accord.cli"]


def _accord(args: list[str], env: dict[str, str]) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        ACCORD + args, cwd=REPO, env=env, capture_output=True, text=True, timeout=120, check=False
    )


def test_without_collectstatic_accord_run_refuses_and_names_the_fix(tmp_path):
    env = _env(tmp_path)
    started = _accord(["run", "--bind", "127.0.0.1:0"], env)
    assert started.returncode != 0
    assert "accord.E001" in started.stderr
    assert "accord collectstatic --noinput" in started.stderr
    check = _accord(["check", "--deploy"], env)
    assert check.returncode != 0
    assert "accord.E001" in check.stderr


def test_migrate_on_a_fresh_clone_creates_the_database_folder(tmp_path):
    var = tmp_path / "fresh" / "var"
    env = _env(tmp_path, ACCORD_VAR_DIR=str(var), DATABASE_URL="")
    del env["DATABASE_URL"]
    result = _accord(["migrate", "--noinput"], env)
    assert result.returncode == 0, result.stderr
    assert (var / "accord.sqlite3").is_file()


@pytest.fixture
def no_static_files(settings, tmp_path):
    """Production's static storage, with nothing collected."""
    settings.STATIC_ROOT = tmp_path / "static"
    settings.STORAGES = {
        **settings.STORAGES,
        "staticfiles": {"BACKEND": "whitenoise.storage.CompressedManifestStaticFilesStorage"},
    }
    settings.WHITENOISE_USE_FINDERS = False


def test_a_disallowed_host_is_a_400_even_without_static_files(no_static_files, db):
    http = HttpClient(raise_request_exception=False)
    response = http.get("/login/", HTTP_HOST="evil.example.com")
    assert response.status_code == 400
    assert "Bad request" in response.text


def test_an_unexpected_error_in_the_api_answers_json(world):
    _, token = create_api_token(user=world.erin, name="t")
    http = HttpClient(raise_request_exception=False)

    def database_gone(execute, sql, params, many, context):  # the outside world failing
        if "clients_client" in sql:
            raise RuntimeError("the disk is on fire")
        return execute(sql, params, many, context)

    with connection.execute_wrapper(database_gone):
        response = http.get("/api/v1/clients", headers={"Authorization": f"Bearer {token}"})
    assert response.status_code == 500
    assert response["Content-Type"] == "application/json"
    assert "Something went wrong" in response.json()["detail"]
    assert "fire" not in response.text


def test_an_api_body_over_the_limit_is_a_413_with_a_reason(world, settings):
    settings.DATA_UPLOAD_MAX_MEMORY_SIZE = 2 * 1024 * 1024
    _, token = create_api_token(user=world.erin, name="t")
    body = json.dumps({"name": "Big", "internal_notes": "x" * (3 * 1024 * 1024)})
    response = HttpClient(raise_request_exception=False).post(
        "/api/v1/clients",
        body,
        content_type="application/json",
        headers={"Authorization": f"Bearer {token}"},
    )
    assert response.status_code == 413
    assert response.json() == {"detail": "The request body is too large: send at most 2 MB."}


@pytest.mark.parametrize(
    ("limit", "said"),
    [
        (512 * 1024, "512 KB"),
        (1536 * 1024, "1.5 MB"),
        (5 * 1024 * 1024, "5 MB"),
        (700, "700 bytes"),
    ],
)
def test_the_body_limit_is_told_in_a_size_people_read(world, settings, limit, said):
    settings.DATA_UPLOAD_MAX_MEMORY_SIZE = limit
    _, token = create_api_token(user=world.erin, name="t")
    body = json.dumps({"name": "Big", "internal_notes": "x" * (limit + 1)})
    response = HttpClient(raise_request_exception=False).post(
        "/api/v1/clients",
        body,
        content_type="application/json",
        headers={"Authorization": f"Bearer {token}"},
    )
    assert response.status_code == 413
    assert response.json() == {"detail": f"The request body is too large: send at most {said}."}


def test_the_body_limit_comes_from_the_environment(tmp_path):
    env = {**_env(tmp_path), "ACCORD_MAX_BODY_BYTES": "1048576"}
    code = "import accord.settings as s; print(s.DATA_UPLOAD_MAX_MEMORY_SIZE)"
    assert _python(code, env).stdout.strip() == "1048576"


def test_the_api_schema_declares_413_for_bodies():
    from accord.api import api

    operation = api.get_openapi_schema()["paths"]["/api/v1/clients"]["post"]
    assert 413 in operation["responses"]
