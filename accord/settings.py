"""Accord settings, read from the environment (ACCORD_*, DATABASE_URL, PORT…).

Variables may also be written in a local settings file, `var/accord.env` by default (`make run`
writes the demo's there), one `NAME=value` a line; a variable set in the environment wins over
the file. `ACCORD_ENV_FILE` names another file, or none when empty. The default file is the
demo's: it is not read when the environment sets ACCORD_SECRET_KEY (a real deployment), so a
demo once run in the same checkout never turns DEBUG on in production.
"""

import os
import re
from pathlib import Path
from typing import Any
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

import dj_database_url
from django.core.exceptions import ImproperlyConfigured

from accord.core.clock import parse_days, parse_hours
from accord.core.money import is_currency

BASE_DIR = Path(__file__).resolve().parent.parent
_ENV_LINE = re.compile(r"(?:export\s+)?([A-Za-z_][A-Za-z0-9_]*)\s*=\s*(.*)")


def read_env_file(path: Path) -> dict[str, str]:
    """The `NAME=value` lines of a settings file: blank lines and `#` comments skipped, a value
    optionally in matching quotes (taken as written, no escapes or expansion). Anything else is
    refused, naming the file and line, rather than guessed at."""
    variables: dict[str, str] = {}
    try:
        text = path.read_text(encoding="utf-8-sig")
    except (OSError, UnicodeDecodeError) as error:
        raise ImproperlyConfigured(f"{path} cannot be read as UTF-8 text: {error}") from None
    for number, line in enumerate(text.splitlines(), start=1):
        stripped = line.strip()
        if not stripped or stripped.startswith("#"):
            continue
        match = _ENV_LINE.fullmatch(stripped)
        if match is None:
            raise ImproperlyConfigured(
                f"{path}, line {number}: expected NAME=value, not {stripped[:80]!r}"
            )
        name, value = match.groups()
        if len(value) >= 2 and value[0] == value[-1] and value[0] in "'\"":
            quote, value = value[0], value[1:-1]
            if quote in value:
                raise ImproperlyConfigured(
                    f"{path}, line {number}: {name}'s value holds its own quote ({quote})"
                )
        elif value[:1] in ("'", '"'):
            raise ImproperlyConfigured(f"{path}, line {number}: {name}'s quote is not closed")
        elif " #" in value:
            raise ImproperlyConfigured(
                f"{path}, line {number}: {name}'s value has a comment after it; put the comment "
                "on its own line, or quote the value"
            )
        variables[name] = value
    return variables


_DEMO_ENV_FILE = str(Path(os.environ.get("ACCORD_VAR_DIR", BASE_DIR / "var")) / "accord.env")
_ENV_FILE = os.environ.get(
    "ACCORD_ENV_FILE", "" if os.environ.get("ACCORD_SECRET_KEY") else _DEMO_ENV_FILE
)
if _ENV_FILE and _ENV_FILE != _DEMO_ENV_FILE and not Path(_ENV_FILE).is_file():
    raise ImproperlyConfigured(f"ACCORD_ENV_FILE names {_ENV_FILE}, which is not a file")
# The names the file set (the environment did not): their errors say where the value came from.
FROM_ENV_FILE: set[str] = set()
if _ENV_FILE and Path(_ENV_FILE).is_file():
    for _variable, _text in read_env_file(Path(_ENV_FILE)).items():
        if _variable not in os.environ:  # the environment wins
            os.environ[_variable] = _text  # also seen by `accord run` (PORT) and subprocesses
            FROM_ENV_FILE.add(_variable)


def _where(name: str) -> str:
    return f" (set in {_ENV_FILE})" if name in FROM_ENV_FILE else ""


def _env_bool(name: str, default: bool) -> bool:
    raw = os.environ.get(name)
    if raw is None or raw == "":
        return default
    value = raw.strip().lower()
    if value in {"1", "true", "yes", "on"}:
        return True
    if value in {"0", "false", "no", "off"}:
        return False
    raise ImproperlyConfigured(f"{name} must be true or false, not {raw!r}{_where(name)}")


def _env_int(name: str, default: int) -> int:
    raw = os.environ.get(name, "").strip()
    if not raw:
        return default
    try:
        return int(raw)
    except ValueError as exc:
        raise ImproperlyConfigured(
            f"{name} must be a whole number, not {raw!r}{_where(name)}"
        ) from exc


def _env_list(name: str, default: list[str]) -> list[str]:
    raw = os.environ.get(name, "")
    items = [item.strip() for item in raw.split(",") if item.strip()]
    return items or default


DEBUG = _env_bool("ACCORD_DEBUG", default=False)
SECRET_KEY = os.environ.get("ACCORD_SECRET_KEY", "")
if not SECRET_KEY:
    if not DEBUG:
        raise ImproperlyConfigured(
            "ACCORD_SECRET_KEY is required (or set ACCORD_DEBUG=True for local development)."
        )
    SECRET_KEY = "accord-insecure-development-key-never-use-in-production"

ALLOWED_HOSTS = _env_list("ACCORD_ALLOWED_HOSTS", ["127.0.0.1", "localhost"] if DEBUG else [])
CSRF_TRUSTED_ORIGINS = _env_list("ACCORD_CSRF_TRUSTED_ORIGINS", [])
# `accord run` serves on 127.0.0.1:PORT by default, so links in emails point there by default.
PORT = _env_int("PORT", 8000)
BASE_URL = os.environ.get("ACCORD_BASE_URL", f"http://127.0.0.1:{PORT}").rstrip("/")
AGENCY_NAME = os.environ.get("ACCORD_AGENCY_NAME", "Northwind Creative")
# ISO 4217 currency of a new client's budgets (empty: none; each client's terms can change it).
DEFAULT_CURRENCY = os.environ.get("ACCORD_DEFAULT_CURRENCY", "GBP").strip().upper()
if DEFAULT_CURRENCY and not is_currency(DEFAULT_CURRENCY):
    raise ImproperlyConfigured(
        f"ACCORD_DEFAULT_CURRENCY must be an ISO 4217 code like GBP, not {DEFAULT_CURRENCY!r}"
    )
# The public holidays `accord holidays import` reads by default: an ISO 3166 country code and,
# optionally, a subdivision of it (ENG, SCT…), as the `holidays` package names them.
HOLIDAYS_COUNTRY = os.environ.get("ACCORD_HOLIDAYS_COUNTRY", "GB").strip().upper()
HOLIDAYS_SUBDIVISION = os.environ.get("ACCORD_HOLIDAYS_SUBDIVISION", "").strip().upper()
# The agency's business hours, the same on each of its business days, in TIME_ZONE: the
# waiting-on clocks and clients' response targets count only these (and skip public holidays).
try:
    BUSINESS_HOURS = parse_hours(os.environ.get("ACCORD_BUSINESS_HOURS", "") or "09:00-17:30")
except ValueError as _error:
    raise ImproperlyConfigured(
        f"ACCORD_BUSINESS_HOURS {_error}{_where('ACCORD_BUSINESS_HOURS')}"
    ) from None
try:
    BUSINESS_DAYS = parse_days(os.environ.get("ACCORD_BUSINESS_DAYS", "") or "mon-fri")
except ValueError as _error:
    raise ImproperlyConfigured(
        f"ACCORD_BUSINESS_DAYS {_error}{_where('ACCORD_BUSINESS_DAYS')}"
    ) from None

INSTALLED_APPS = [
    # Accord's apps first, in their layering order (each may use only those above it), so that
    # their commands win over Django's of the same name (accounts' `changepassword`).
    "accord.core",
    "accord.accounts",
    "accord.clients",
    "accord.intake",
    "accord.work",
    "accord.reviews",
    "accord.conversations",
    "accord.insights",
    "accord.home",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "django.contrib.staticfiles",
    "django.contrib.humanize",
    "django_htmx",
    "ninja",
    "django_tasks",
    "django_tasks_db",
]

MIDDLEWARE = [
    # First: answers load balancers probing /healthz by IP, before any host validation.
    "accord.core.middleware.HealthCheckMiddleware",
    "django.middleware.security.SecurityMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "django_htmx.middleware.HtmxMiddleware",
    "accord.core.middleware.ContentSecurityPolicyMiddleware",
    "accord.core.middleware.PrivatePagesMiddleware",
    "accord.core.middleware.NulCharacterMiddleware",
    # The web's one error path: a DomainError from any view becomes its page's answer.
    "accord.core.middleware.DomainErrorMiddleware",
]

ROOT_URLCONF = "accord.urls"
WSGI_APPLICATION = "accord.wsgi.application"
ASGI_APPLICATION = "accord.asgi.application"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [BASE_DIR / "accord" / "templates"],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.request",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
                "accord.core.context.navigation",
            ],
        },
    },
]

VAR_DIR = Path(os.environ.get("ACCORD_VAR_DIR", BASE_DIR / "var"))
DATABASES = {
    "default": dj_database_url.parse(
        os.environ.get("DATABASE_URL", f"sqlite:///{VAR_DIR / 'accord.sqlite3'}"),
        conn_max_age=_env_int("ACCORD_DB_CONN_MAX_AGE", 60),
        conn_health_checks=True,
    )
}
if DATABASES["default"]["ENGINE"] == "django.db.backends.sqlite3":
    # Django's SQLite backend, plus planner statistics kept fresh (see accord/core/sqlite).
    DATABASES["default"]["ENGINE"] = "accord.core.sqlite"
    _sqlite_timeout = _env_int("ACCORD_SQLITE_TIMEOUT", 20)  # seconds a writer waits its turn
    DATABASES["default"]["OPTIONS"] = {
        "timeout": _sqlite_timeout,
        "transaction_mode": "IMMEDIATE",
        "init_command": (
            "PRAGMA journal_mode=WAL; PRAGMA synchronous=NORMAL; "
            f"PRAGMA busy_timeout={_sqlite_timeout * 1000};"
        ),
    }

AUTH_USER_MODEL = "accounts.User"
AUTHENTICATION_BACKENDS = ["accord.accounts.backends.EmailBackend"]
LOGIN_URL = "accounts:login"
LOGIN_REDIRECT_URL = "home:index"
LOGOUT_REDIRECT_URL = "accounts:login"
PASSWORD_RESET_TIMEOUT = 60 * 60 * 24 * 3  # invitations and resets: three days
AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {
        "NAME": "django.contrib.auth.password_validation.MinimumLengthValidator",
        "OPTIONS": {"min_length": 10},
    },
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]
MAGIC_LINK_MINUTES = _env_int("ACCORD_MAGIC_LINK_MINUTES", 30)
LOGIN_FAILURE_LIMIT = _env_int("ACCORD_LOGIN_FAILURE_LIMIT", 5)
LOGIN_FAILURE_WINDOW_MINUTES = _env_int("ACCORD_LOGIN_FAILURE_WINDOW_MINUTES", 15)
# An undeclared event verb or payload field raises (debug, tests) or is logged (production).
STRICT_EVENT_VERBS = DEBUG
# One address failing for this many different emails in the window is stuffing credentials.
LOGIN_FAILURE_IP_EMAILS = 20
# Emailed sign-in and reset links: per address, and per client IP, in a window.
EMAIL_REQUEST_LIMIT = 3
EMAIL_REQUEST_IP_LIMIT = 20
EMAIL_REQUEST_WINDOW_MINUTES = 15
# Behind a proxy, the client's address is the right-most X-Forwarded-For entry (the one the
# proxy added) and the scheme comes from X-Forwarded-Proto.
BEHIND_PROXY = _env_bool("ACCORD_BEHIND_PROXY", default=False)

LANGUAGE_CODE = "en-us"
TIME_ZONE = os.environ.get("ACCORD_TIME_ZONE", "").strip() or "UTC"
try:
    ZoneInfo(TIME_ZONE)
except (ValueError, OSError, ZoneInfoNotFoundError):
    raise ImproperlyConfigured(
        f"ACCORD_TIME_ZONE must be a time zone name like Europe/London or UTC, not "
        f"{TIME_ZONE!r}{_where('ACCORD_TIME_ZONE')}"
    ) from None
# The daily digest of notifications goes out at this hour (0 to 23) of TIME_ZONE.
DIGEST_HOUR = _env_int("ACCORD_DIGEST_HOUR", 8)
if not 0 <= DIGEST_HOUR <= 23:
    raise ImproperlyConfigured(
        f"ACCORD_DIGEST_HOUR must be an hour from 0 to 23, not {DIGEST_HOUR}"
        f"{_where('ACCORD_DIGEST_HOUR')}."
    )
USE_I18N = True
USE_TZ = True

STATIC_URL = "static/"
STATIC_ROOT = VAR_DIR / "static"
STATICFILES_DIRS = [BASE_DIR / "accord" / "static"]  # the shared layout's CSS and JS
MEDIA_URL = "media/"
MEDIA_ROOT = Path(os.environ.get("ACCORD_MEDIA_ROOT", VAR_DIR / "media"))
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {
        "BACKEND": (
            "django.contrib.staticfiles.storage.StaticFilesStorage"
            if DEBUG
            else "whitenoise.storage.CompressedManifestStaticFilesStorage"
        )
    },
}
# Uploads on S3-compatible storage (AWS S3, MinIO, Ceph, Scaleway…) with ACCORD_STORAGE=s3. The
# objects stay private: no ACL is sent (the bucket's own, private, applies) and Accord streams
# every download through its access-checked views, so it never hands out a bucket address.
FILE_STORAGE = os.environ.get("ACCORD_STORAGE", "").strip().lower() or "local"
if FILE_STORAGE not in {"local", "s3"}:
    raise ImproperlyConfigured(
        f"ACCORD_STORAGE must be local or s3, not {os.environ['ACCORD_STORAGE']!r}"
    )
if FILE_STORAGE == "s3":
    from botocore.config import Config as _S3Config

    _s3 = {
        "ACCORD_S3_BUCKET": os.environ.get("ACCORD_S3_BUCKET", "").strip(),
        "ACCORD_S3_ENDPOINT_URL": os.environ.get("ACCORD_S3_ENDPOINT_URL", "").strip(),
        "ACCORD_S3_REGION": os.environ.get("ACCORD_S3_REGION", "").strip(),
        "ACCORD_S3_ACCESS_KEY_ID": os.environ.get("ACCORD_S3_ACCESS_KEY_ID", "").strip(),
        "ACCORD_S3_SECRET_ACCESS_KEY": os.environ.get("ACCORD_S3_SECRET_ACCESS_KEY", "").strip(),
    }
    if _missing := [name for name, value in _s3.items() if not value]:
        raise ImproperlyConfigured(
            f"ACCORD_STORAGE=s3 needs {', '.join(_missing)} (all of ACCORD_S3_BUCKET, "
            "_ENDPOINT_URL, _REGION, _ACCESS_KEY_ID and _SECRET_ACCESS_KEY)."
        )
    if not _s3["ACCORD_S3_ENDPOINT_URL"].startswith(("https://", "http://")):
        raise ImproperlyConfigured(
            "ACCORD_S3_ENDPOINT_URL must be an http(s):// address, "
            f"not {_s3['ACCORD_S3_ENDPOINT_URL']!r}"
        )
    _s3_options: Any = {
        "bucket_name": _s3["ACCORD_S3_BUCKET"],
        "endpoint_url": _s3["ACCORD_S3_ENDPOINT_URL"],
        "region_name": _s3["ACCORD_S3_REGION"],
        "access_key": _s3["ACCORD_S3_ACCESS_KEY_ID"],
        "secret_key": _s3["ACCORD_S3_SECRET_ACCESS_KEY"],
        "default_acl": None,  # never public-read: the bucket's private default applies
        "querystring_auth": True,  # any address the library makes is signed…
        "querystring_expire": 60,  # …and short-lived; Accord itself streams instead
        "file_overwrite": False,  # a name taken gets a new one, as on local disk
        "max_memory_size": 1024 * 1024,  # a download past 1 MB is spooled to disk, not memory
        # A store that does not answer fails an upload in seconds, with a clear message.
        # Path-style addresses work with every S3-compatible store (and an IP endpoint).
        "client_config": _S3Config(
            s3={"addressing_style": "path"},
            signature_version="s3v4",
            connect_timeout=5,
            read_timeout=30,
            retries={"max_attempts": 3, "mode": "standard"},
        ),
    }
    STORAGES["default"] = {"BACKEND": "storages.backends.s3.S3Storage", "OPTIONS": _s3_options}
# Uploads are never served as public media: each is sent by a view that checks who asks.
LOGO_MAX_BYTES = _env_int("ACCORD_LOGO_MAX_BYTES", 2 * 1024 * 1024)
# Pixels, read from the image's header: a small file can decode to a huge image.
LOGO_MAX_PIXELS = _env_int("ACCORD_LOGO_MAX_PIXELS", 4096 * 4096)
ATTACHMENT_MAX_BYTES = _env_int("ACCORD_ATTACHMENT_MAX_BYTES", 10 * 1024 * 1024)
ATTACHMENTS_PER_REQUEST = 10
# Versions of a deliverable up for review: print PDFs and videos are larger than attachments.
VERSION_MAX_BYTES = _env_int("ACCORD_VERSION_MAX_BYTES", 200 * 1024 * 1024)
VERSION_MAX_PIXELS = _env_int("ACCORD_VERSION_MAX_PIXELS", 80_000_000)
# The largest request body outside file uploads (API JSON, form fields): past it, a 413.
DATA_UPLOAD_MAX_MEMORY_SIZE = _env_int("ACCORD_MAX_BODY_BYTES", 5 * 1024 * 1024)
FILE_UPLOAD_MAX_MEMORY_SIZE = 5 * 1024 * 1024

DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

REDIS_URL = os.environ.get("ACCORD_REDIS_URL", "")
CACHES = {
    "default": (
        {"BACKEND": "django.core.cache.backends.redis.RedisCache", "LOCATION": REDIS_URL}
        if REDIS_URL
        else {"BACKEND": "django.core.cache.backends.locmem.LocMemCache"}
    )
}
SESSION_ENGINE = "django.contrib.sessions.backends.db"

TASKS = {
    "default": {
        "BACKEND": os.environ.get("ACCORD_TASKS_BACKEND", "django_tasks_db.DatabaseBackend"),
        "QUEUES": ["default"],
    }
}

EMAIL_BACKEND = os.environ.get(
    "ACCORD_EMAIL_BACKEND",
    "django.core.mail.backends.console.EmailBackend"
    if DEBUG
    else "django.core.mail.backends.smtp.EmailBackend",
)
EMAIL_HOST = os.environ.get("ACCORD_EMAIL_HOST", "localhost")
EMAIL_PORT = _env_int("ACCORD_EMAIL_PORT", 25)
EMAIL_HOST_USER = os.environ.get("ACCORD_EMAIL_USER", "")
EMAIL_HOST_PASSWORD = os.environ.get("ACCORD_EMAIL_PASSWORD", "")
EMAIL_USE_TLS = _env_bool("ACCORD_EMAIL_USE_TLS", default=False)
EMAIL_TIMEOUT = 20
DEFAULT_FROM_EMAIL = os.environ.get("ACCORD_FROM_EMAIL", "Accord <accord@localhost>")
# Inbound email (`accord mail-in`): replies to notifications come to reply+<token>@ this domain,
# and a client's own address is <its mailbox>@ this domain.
INBOUND_DOMAIN = os.environ.get("ACCORD_INBOUND_DOMAIN", "reply.localhost").strip().lower()
MAILIN_HOST = os.environ.get("ACCORD_MAILIN_HOST", "127.0.0.1")
MAILIN_PORT = _env_int("ACCORD_MAILIN_PORT", 2525)
# The largest email the listener accepts (the SMTP SIZE limit): larger ones are refused with 552.
INBOUND_MAX_BYTES = _env_int("ACCORD_INBOUND_MAX_BYTES", 25 * 1024 * 1024)
# The worker (see docs/deployment.md): a claimed email is left to another worker after the
# lease (renewed by its worker's heartbeat); stored mail overdue by a sweep interval is queued
# again; a task whose worker stopped beating is run again, one of a live worker still "running"
# after the timeout is reported; a worker is alive while it beats.
MAIL_LEASE_SECONDS = _env_int("ACCORD_MAIL_LEASE_SECONDS", 300)
MAIL_SWEEP_SECONDS = _env_int("ACCORD_MAIL_SWEEP_SECONDS", 60)
TASK_TIMEOUT_SECONDS = _env_int("ACCORD_TASK_TIMEOUT_SECONDS", 900)
WORKER_HEARTBEAT_SECONDS = _env_int("ACCORD_WORKER_HEARTBEAT_SECONDS", 10)
WORKER_STALE_SECONDS = _env_int("ACCORD_WORKER_STALE_SECONDS", 60)
for _name, _value in {
    "ACCORD_MAIL_LEASE_SECONDS": MAIL_LEASE_SECONDS,
    "ACCORD_MAIL_SWEEP_SECONDS": MAIL_SWEEP_SECONDS,
    "ACCORD_TASK_TIMEOUT_SECONDS": TASK_TIMEOUT_SECONDS,
    "ACCORD_WORKER_HEARTBEAT_SECONDS": WORKER_HEARTBEAT_SECONDS,
}.items():
    if _value <= 0:
        raise ImproperlyConfigured(f"{_name} must be more than 0, not {_value}.")
for _name, _value, _why in (
    ("ACCORD_WORKER_STALE_SECONDS", WORKER_STALE_SECONDS, "a live worker would look dead"),
    ("ACCORD_MAIL_LEASE_SECONDS", MAIL_LEASE_SECONDS, "a lease would lapse between renewals"),
):
    if _value <= 2 * WORKER_HEARTBEAT_SECONDS:
        raise ImproperlyConfigured(
            f"{_name} ({_value}) must be more than twice ACCORD_WORKER_HEARTBEAT_SECONDS "
            f"({WORKER_HEARTBEAT_SECONDS}): {_why}."
        )

# Security: strict by default outside development.
SESSION_COOKIE_HTTPONLY = True
CSRF_COOKIE_HTTPONLY = False  # htmx reads the token from the page, not the cookie
X_FRAME_OPTIONS = "DENY"
SECURE_CONTENT_TYPE_NOSNIFF = True
SECURE_REFERRER_POLICY = "same-origin"
if not DEBUG:
    SECURE_SSL_REDIRECT = _env_bool("ACCORD_SSL_REDIRECT", default=True)
    SECURE_REDIRECT_EXEMPT = [r"^healthz$"]
    SECURE_HSTS_SECONDS = _env_int("ACCORD_HSTS_SECONDS", 60 * 60 * 24 * 365)
    SECURE_HSTS_INCLUDE_SUBDOMAINS = True
    SECURE_HSTS_PRELOAD = True
    SESSION_COOKIE_SECURE = True
    CSRF_COOKIE_SECURE = True
    if BEHIND_PROXY:
        SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")

LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    # Each line says how serious it is and where it comes from, so a journal or a log
    # search can tell a warning from the worker's routine lines.
    "formatters": {"line": {"format": "%(levelname)s %(name)s: %(message)s"}},
    "filters": {"refusals": {"()": "accord.core.logs.RefusalsWithoutTraceback"}},
    "handlers": {
        "console": {"class": "logging.StreamHandler", "formatter": "line", "filters": ["refusals"]}
    },
    "root": {"handlers": ["console"], "level": os.environ.get("ACCORD_LOG_LEVEL", "INFO")},
    "loggers": {
        "django.db.backends": {"level": "INFO"},
        # Django's own console handler (debug only) would print every line a second time.
        "django": {"handlers": [], "level": "INFO", "propagate": True},
    },
}

NINJA_PAGINATION_MAX_LIMIT = 100
