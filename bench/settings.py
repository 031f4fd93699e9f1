"""Settings for the benchmarks: production settings (`accord.settings`) with bench overrides.

`bench.__main__` sets DATABASE_URL before Django starts; everything else stays as deployed
(DEBUG off, real middleware, database sessions) so the numbers mean something.
"""

import os

os.environ.setdefault("ACCORD_ENV_FILE", "")  # not the demo's local settings file
os.environ.setdefault("ACCORD_SECRET_KEY", "accord-bench-secret-key-" + "b" * 40)
os.environ.setdefault("ACCORD_ALLOWED_HOSTS", "testserver")
os.environ.setdefault("ACCORD_SSL_REDIRECT", "False")

from accord.settings import *  # noqa: F403
from accord.settings import STORAGES

SECURE_SSL_REDIRECT = False
SESSION_COOKIE_SECURE = False
CSRF_COOKIE_SECURE = False
# Generation sets one precomputed hash on every user; MD5 keeps the odd real hashing cheap.
PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
# Templates render `{% static %}` without a collectstatic manifest.
STORAGES = {
    **STORAGES,
    "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"},
}
LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "handlers": {"console": {"class": "logging.StreamHandler"}},
    "root": {"handlers": ["console"], "level": "WARNING"},
    # Failed requests are reported by the runner itself, with the body or the traceback.
    "loggers": {"django.request": {"level": "CRITICAL"}},
}
