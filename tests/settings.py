"""Settings for the test suite: production settings with test-friendly overrides."""

import os
from pathlib import Path

# The suite sets up its own world: a demo's local settings file (var/accord.env) stays out.
os.environ.setdefault("ACCORD_ENV_FILE", "")
os.environ.setdefault("ACCORD_SECRET_KEY", "accord-test-secret-key-" + "x" * 40)
os.environ.setdefault("ACCORD_ALLOWED_HOSTS", "testserver,localhost,127.0.0.1")
if url := os.environ.get("TEST_DATABASE_URL"):
    os.environ["DATABASE_URL"] = url

from accord.settings import *  # noqa: F403
from accord.settings import STORAGES

SECURE_SSL_REDIRECT = False
SESSION_COOKIE_SECURE = False
CSRF_COOKIE_SECURE = False
SECURE_HSTS_SECONDS = 0
PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
STORAGES = {
    **STORAGES,
    "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"},
}
WHITENOISE_USE_FINDERS = True
STRICT_EVENT_VERBS = True
WHITENOISE_AUTOREFRESH = True
TASKS = {"default": {"BACKEND": "django_tasks.backends.immediate.ImmediateBackend"}}
MEDIA_ROOT = Path(os.environ.get("ACCORD_TEST_MEDIA_ROOT", "/tmp/accord-test-media"))

# A file, not shared-cache memory, for SQLite tests: live-server tests make concurrent requests
# (autosave next to a save), and only a file database honours the busy timeout like production.
if DATABASES["default"]["ENGINE"] == "accord.core.sqlite":  # noqa: F405
    DATABASES["default"]["TEST"] = {  # noqa: F405
        "NAME": os.path.join(  # noqa: PTH118
            os.environ.get("ACCORD_TEST_DB_DIR", "/tmp"),
            f"accord-test-{os.getpid()}.sqlite3",
        )
    }
