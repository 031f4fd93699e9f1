"""System checks Accord adds to Django's: what must be true before it serves a single page."""

from typing import Any

from django.conf import settings
from django.contrib.staticfiles.storage import ManifestFilesMixin
from django.core import checks
from django.core.files.storage import storages

SERVING = "accord_serving"


@checks.register(SERVING, deploy=True)
def static_files_collected(app_configs: Any = None, **kwargs: Any) -> list[checks.CheckMessage]:
    """Production serves hashed static file names from a manifest `collectstatic` writes;
    without it every page would fail to render (a 500), so refuse to start instead."""
    storage = storages["staticfiles"]
    if not isinstance(storage, ManifestFilesMixin):
        return []
    if storage.manifest_storage.exists(storage.manifest_name):
        return []
    return [
        checks.Error(
            f"Static files are not collected: {settings.STATIC_ROOT} has no "
            f"{storage.manifest_name}, so every page would fail.",
            hint="Run `accord collectstatic --noinput` (after each upgrade), then start again.",
            id="accord.E001",
        )
    ]
