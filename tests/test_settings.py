"""Settings come from the environment (or a local settings file), refuse ambiguity, and pass
Django's deploy check."""

import os
import re
import secrets
import subprocess
import sys
import tomllib
from pathlib import Path

import pytest
from packaging.requirements import Requirement
from packaging.specifiers import SpecifierSet

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
            "ACCORD_ENV_FILE": "",  # no local settings file unless a test writes one
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
    collected = _run([sys.executable, "-m", "accord.cli", "collectstatic", "--noinput"], env)
    assert collected.returncode == 0, collected.stderr
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


@pytest.mark.parametrize(
    ("overrides", "named"),
    [
        ({"ACCORD_MAIL_SWEEP_SECONDS": "0"}, "ACCORD_MAIL_SWEEP_SECONDS must be more than 0"),
        (
            {"ACCORD_WORKER_HEARTBEAT_SECONDS": "30", "ACCORD_WORKER_STALE_SECONDS": "60"},
            "ACCORD_WORKER_STALE_SECONDS (60) must be more than twice",
        ),
        (
            {"ACCORD_MAIL_LEASE_SECONDS": "15"},
            "ACCORD_MAIL_LEASE_SECONDS (15) must be more than twice",
        ),
    ],
)
def test_worker_settings_that_contradict_each_other_are_refused(tmp_path, overrides, named):
    result = _python("import accord.settings", _env(tmp_path, **overrides))
    assert result.returncode != 0
    assert "ImproperlyConfigured" in result.stderr and named in result.stderr


@pytest.mark.parametrize(
    ("overrides", "named"),
    [
        (
            {"ACCORD_BUSINESS_HOURS": "9-5"},
            "ACCORD_BUSINESS_HOURS must be opening and closing times like 09:00-17:30, not '9-5'",
        ),
        (
            {"ACCORD_BUSINESS_HOURS": "17:30-09:00"},
            "ACCORD_BUSINESS_HOURS must close after it opens on the same day",
        ),
        ({"ACCORD_BUSINESS_DAYS": "weekdays"}, "ACCORD_BUSINESS_DAYS must be days like mon-fri"),
        ({"ACCORD_TIME_ZONE": "Europe/Londn"}, "ACCORD_TIME_ZONE must be a time zone name"),
    ],
)
def test_unclear_business_hours_days_or_time_zone_are_refused(tmp_path, overrides, named):
    result = _python("import accord.settings", _env(tmp_path, **overrides))
    assert result.returncode != 0
    assert "ImproperlyConfigured" in result.stderr and named in result.stderr


def test_business_hours_and_days_are_read_into_times_and_weekdays(tmp_path):
    env = _env(tmp_path, ACCORD_BUSINESS_HOURS="08:30-16:00", ACCORD_BUSINESS_DAYS="sun-thu")
    code = "import accord.settings as s; print(s.BUSINESS_HOURS, sorted(s.BUSINESS_DAYS))"
    result = _python(code, env)
    assert result.returncode == 0, result.stderr
    assert result.stdout.strip() == "(datetime.time(8, 30), datetime.time(16, 0)) [0, 1, 2, 3, 6]"


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


def test_healthz_answers_a_probe_by_ip_that_is_not_an_allowed_host(client, db):
    # Load balancers probe with their own idea of the Host header (often the server's IP).
    response = client.get("/healthz", HTTP_HOST="10.0.3.17:8000")
    assert response.status_code == 200
    assert response.json()["database"] == "ok"
    assert client.get("/login/", HTTP_HOST="10.0.3.17:8000").status_code == 400


def test_the_proxy_setting_is_exposed_to_the_code(tmp_path):
    code = "import accord.settings as s; print(s.BEHIND_PROXY)"
    assert _python(code, _env(tmp_path, ACCORD_BEHIND_PROXY="True")).stdout.strip() == "True"
    assert _python(code, _env(tmp_path)).stdout.strip() == "False"


def _documented_variables() -> set[str]:
    """Every variable the README's configuration table names, `_PORT` shorthands expanded."""
    names: set[str] = set()
    for line in (REPO / "README.md").read_text().splitlines():
        if not line.startswith("| `"):
            continue
        first_cell = line.split("|")[1]
        tokens = re.findall(r"`([A-Z_]+)`", first_cell)
        if not tokens:
            continue
        names.add(tokens[0])
        stem = tokens[0].rsplit("_", 1)[0]
        names |= {stem + token for token in tokens[1:] if token.startswith("_")}
    return names


def test_every_environment_variable_read_is_documented_in_the_readme():
    sources = [
        REPO / "accord" / "settings.py",
        REPO / "accord" / "core" / "management" / "commands" / "run.py",
    ]
    pattern = r"""(?:_env_bool|_env_int|_env_list|environ\.get)\(\s*["']([A-Z_]+)["']"""
    read = {name for path in sources for name in re.findall(pattern, path.read_text())}
    assert {"ACCORD_SECRET_KEY", "ACCORD_VAR_DIR", "PORT", "WEB_WORKERS"} <= read
    assert read - _documented_variables() == set()


def test_the_redis_cache_has_its_client_library(tmp_path):
    project = tomllib.loads((REPO / "pyproject.toml").read_text())["project"]
    assert "redis" in {Requirement(dep).name for dep in project["dependencies"]}
    code = (
        "import django; django.setup()\n"
        "from django.core.cache import caches\n"
        "cache = caches['default']\n"
        "print(type(cache).__name__, type(cache._cache).__name__)\n"  # imports redis-py
    )
    result = _python(code, _env(tmp_path, ACCORD_REDIS_URL="redis://127.0.0.1:1/0"))
    assert result.returncode == 0, result.stderr
    assert result.stdout.split() == ["RedisCache", "RedisCacheClient"]


# --- The local settings file (`make run` writes the demo's) ------------------------------------

SHOW = "import accord.settings as s; print(s.DEBUG, s.PORT, s.BASE_URL, s.AGENCY_NAME)"


def _settings_file(tmp_path: Path, text: str) -> Path:
    path = tmp_path / "accord.env"
    path.write_text(text)
    return path


def test_settings_are_read_from_the_local_settings_file(tmp_path):
    path = _settings_file(
        tmp_path,
        "# the demo's\n\nACCORD_DEBUG=True\nexport PORT = 9000\n"
        "ACCORD_AGENCY_NAME='Harbor & Pine'\n",
    )
    env = _env(tmp_path, ACCORD_ENV_FILE=str(path))
    del env["ACCORD_SECRET_KEY"]  # debug, from the file, needs none
    result = _python(SHOW, env)
    assert result.returncode == 0, result.stderr
    assert result.stdout.strip() == "True 9000 http://127.0.0.1:9000 Harbor & Pine"


def test_the_environment_wins_over_the_settings_file(tmp_path):
    path = _settings_file(tmp_path, "ACCORD_DEBUG=True\nPORT=9000\nACCORD_AGENCY_NAME=From file\n")
    env = _env(tmp_path, ACCORD_ENV_FILE=str(path), ACCORD_DEBUG="False", PORT="8100")
    result = _python(SHOW, env)
    assert result.returncode == 0, result.stderr
    assert result.stdout.strip() == "False 8100 http://127.0.0.1:8100 From file"


def test_no_settings_file_is_read_when_none_is_named(tmp_path):
    _settings_file(tmp_path, "ACCORD_DEBUG=True\n")
    result = _python(SHOW, _env(tmp_path))  # ACCORD_ENV_FILE empty
    assert result.returncode == 0, result.stderr
    assert result.stdout.split()[0] == "False"


@pytest.mark.parametrize(
    ("text", "message"),
    [
        (
            "ACCORD_DEBUG=True\nDEBUG on\n",
            "accord.env, line 2: expected NAME=value, not 'DEBUG on'",
        ),
        ("ACCORD_AGENCY_NAME='Harbor\n", "accord.env, line 1: ACCORD_AGENCY_NAME's quote is not"),
        (
            "ACCORD_DEBUG=maybe\n",
            "ACCORD_DEBUG must be true or false, not 'maybe' (set in {path})",
        ),
        ("PORT=80OO\n", "PORT must be a whole number, not '80OO' (set in {path})"),
        (
            "ACCORD_EMAIL_PASSWORD=abc # the old one\n",
            "line 1: ACCORD_EMAIL_PASSWORD's value has a comment after it",
        ),
        ('ACCORD_AGENCY_NAME="a" "b"\n', "line 1: ACCORD_AGENCY_NAME's value holds its own quote"),
    ],
)
def test_a_settings_file_that_is_not_clear_is_refused_naming_the_file(tmp_path, text, message):
    path = _settings_file(tmp_path, text)
    result = _python("import accord.settings", _env(tmp_path, ACCORD_ENV_FILE=str(path)))
    assert result.returncode != 0
    assert "ImproperlyConfigured" in result.stderr
    assert message.format(path=path) in result.stderr


def test_a_settings_file_not_in_utf8_is_refused_and_a_byte_order_mark_is_not_a_problem(tmp_path):
    path = tmp_path / "accord.env"
    path.write_bytes(b"ACCORD_AGENCY_NAME=Caf\xe9\n")
    result = _python("import accord.settings", _env(tmp_path, ACCORD_ENV_FILE=str(path)))
    assert "cannot be read as UTF-8 text" in result.stderr
    path.write_text("\ufeffACCORD_AGENCY_NAME=Café\n", encoding="utf-8")
    result = _python(SHOW, _env(tmp_path, ACCORD_ENV_FILE=str(path)))
    assert result.returncode == 0, result.stderr
    assert result.stdout.strip().endswith("Café")


def test_a_named_settings_file_that_is_missing_is_refused(tmp_path):
    missing = tmp_path / "nowhere.env"
    result = _python("import accord.settings", _env(tmp_path, ACCORD_ENV_FILE=str(missing)))
    assert f"ACCORD_ENV_FILE names {missing}, which is not a file" in result.stderr


def test_the_demos_settings_file_is_not_read_by_a_deployment(tmp_path):
    """A checkout where the demo once ran keeps var/accord.env (DEBUG on); a deployment, which
    sets its secret key in the environment, never reads it."""
    (tmp_path / "accord.env").write_text("ACCORD_DEBUG=True\nACCORD_AGENCY_NAME=Demo\n")
    deployed = _env(tmp_path, ACCORD_ENV_FILE=None)  # the default file, in ACCORD_VAR_DIR
    result = _python(SHOW, deployed)
    assert result.returncode == 0, result.stderr
    assert result.stdout.split()[0] == "False" and "Demo" not in result.stdout
    demo = {k: v for k, v in deployed.items() if k != "ACCORD_SECRET_KEY"}
    result = _python(SHOW, demo)
    assert result.returncode == 0, result.stderr
    assert result.stdout.split()[0] == "True" and result.stdout.strip().endswith("Demo")


def test_make_run_writes_a_settings_file_whose_links_point_to_the_demos_port(tmp_path):
    path = tmp_path / "var" / "accord.env"
    made = _run(["make", "-s", "demo-env", "PORT=9000", f"ENV_FILE={path}"], _env(tmp_path))
    assert made.returncode == 0, made.stderr
    env = _env(tmp_path, ACCORD_ENV_FILE=str(path))
    del env["ACCORD_SECRET_KEY"]
    code = (
        "import django; django.setup()\n"
        "from django.conf import settings\n"
        "from accord.core.mail import absolute_url\n"
        "print(settings.DEBUG, absolute_url('/login/'))\n"
    )
    result = _python(code, env)
    assert result.returncode == 0, result.stderr
    assert result.stdout.strip() == "True http://127.0.0.1:9000/login/"

    path.write_text("ACCORD_SECRET_KEY=mine\n")  # someone's own file is never overwritten
    made = _run(["make", "-s", "demo-env", "PORT=9000", f"ENV_FILE={path}"], _env(tmp_path))
    assert made.returncode == 0 and "left as it is" in made.stdout
    assert path.read_text() == "ACCORD_SECRET_KEY=mine\n"


# --- The `accord` command ------------------------------------------------------------------------

ACCORD = Path(sys.executable).with_name("accord")
OWN_COMMANDS = ["run", "worker", "demo", "audit", "mail", "token", "erase-person", "changepassword"]


@pytest.mark.parametrize("args", [[], ["--help"], ["help"]])
def test_accord_help_lists_accords_own_commands_even_unconfigured(tmp_path, args):
    env = _env(tmp_path)
    del env["ACCORD_SECRET_KEY"]  # and no ACCORD_DEBUG: not configured
    result = _run([str(ACCORD), *args], env)
    assert result.returncode == 0, result.stderr
    listed = set(re.findall(r"^    (\S+)$", result.stdout, flags=re.MULTILINE))
    assert set(OWN_COMMANDS) <= listed, result.stdout
    assert "ACCORD_SECRET_KEY is required" in result.stderr, "and it says what to fix"
    assert "only Django core commands" not in result.stdout + result.stderr


def test_accords_command_help_works_unconfigured_too(tmp_path):
    env = _env(tmp_path)
    del env["ACCORD_SECRET_KEY"]
    result = _run([str(ACCORD), "token", "--help"], env)
    assert result.returncode == 0, result.stderr
    assert result.stdout.startswith("usage: accord token")


def test_a_command_that_needs_configuration_says_so_in_one_line(tmp_path):
    env = _env(tmp_path)
    del env["ACCORD_SECRET_KEY"]
    result = _run([str(ACCORD), "audit", "verify"], env)
    assert result.returncode == 1
    assert result.stderr.strip() == (
        "Accord is not configured: ACCORD_SECRET_KEY is required "
        "(or set ACCORD_DEBUG=True for local development)."
    )


# --- Python versions and the lock file -----------------------------------------------------------


def _locked() -> dict[str, str]:
    pins: dict[str, str] = {}
    for line in (REPO / "requirements.lock").read_text().splitlines():
        if line and not line.startswith((" ", "#")):
            requirement = Requirement(line)
            pins[requirement.name.lower().replace("_", "-")] = str(requirement.specifier)
    return pins


def test_every_dependency_is_pinned_in_the_lock_within_its_range():
    project = tomllib.loads((REPO / "pyproject.toml").read_text())["project"]
    locked = _locked()
    for dependency in [*project["dependencies"], *project["optional-dependencies"]["dev"]]:
        requirement = Requirement(dependency)
        name = requirement.name.lower().replace("_", "-")
        assert name in locked, f"{name} is not in requirements.lock: run `make lock`"
        pin = locked[name]
        assert pin.startswith("=="), f"{name} {pin}: the lock pins exact versions"
        assert requirement.specifier.contains(pin[2:]), f"{name}{pin} is outside {dependency}"


@pytest.mark.parametrize("version", ["3.11.0", "3.12.1", "3.13.0"])
def test_supported_pythons_are_not_excluded(version):
    project = tomllib.loads((REPO / "pyproject.toml").read_text())["project"]
    assert SpecifierSet(project["requires-python"]).contains(version)
