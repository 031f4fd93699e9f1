"""The `accord` command: every manage.py command plus Accord's own (run, worker, demo…)."""

import os
import runpy
import sys
from pathlib import Path

from django.core.exceptions import ImproperlyConfigured

SETTINGS = Path(__file__).resolve().parent / "settings.py"
HELP_FLAGS = {"help", "--help", "-h"}


def main() -> None:
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "accord.settings")
    from django.core.management import execute_from_command_line

    if _asks_for_help(sys.argv):
        _configure_for_help()
    try:
        execute_from_command_line(sys.argv)
    except ImproperlyConfigured as exc:  # one line, not a traceback: the setting is what to fix
        sys.exit(f"Accord is not configured: {exc}")


def _asks_for_help(argv: list[str]) -> bool:
    """`accord`, `accord help [COMMAND]`, `accord --help`, `accord COMMAND --help`."""
    return len(argv) < 2 or argv[1] in HELP_FLAGS or any(a in ("--help", "-h") for a in argv[2:])


def _configure_for_help() -> None:
    """Help lists Accord's commands even where its settings do not load (no secret key yet, a
    bad value): Django alone would list only its own commands. The settings are then loaded
    with their defaults, for the command list only, and a note says what to fix."""
    from django.conf import settings

    if os.environ["DJANGO_SETTINGS_MODULE"] != "accord.settings":
        return
    try:
        settings.INSTALLED_APPS  # noqa: B018 - loads the settings
    except ImproperlyConfigured as exc:
        sys.stderr.write(
            f"Note: Accord is not configured here: {exc} Every command but help refuses to "
            "run until it is (see “Configuration” in the README).\n\n"
        )
        settings.configure(**_default_settings())


def _default_settings() -> dict[str, object]:
    """Accord's settings as they are with no variable set, in debug mode."""
    saved = dict(os.environ)
    try:
        for name in list(os.environ):
            if name.startswith("ACCORD_") or name in ("DATABASE_URL", "PORT"):
                del os.environ[name]
        os.environ.update(ACCORD_ENV_FILE="", ACCORD_DEBUG="True")
        values = runpy.run_path(str(SETTINGS))
    finally:
        os.environ.clear()
        os.environ.update(saved)
    return {name: value for name, value in values.items() if name.isupper()}


if __name__ == "__main__":
    main()
