"""A refused or missing page is one warning line; a server error keeps its traceback."""

import logging
import sys

from accord.core.logs import RefusalsWithoutTraceback


def _record(status: int) -> logging.LogRecord:
    try:
        raise PermissionError("The overview is for account managers.")
    except PermissionError:
        exc_info = sys.exc_info()
    record = logging.LogRecord(
        "django.request", logging.WARNING, __file__, 1, "Forbidden: %s", ("/x/",), exc_info
    )
    record.status_code = status
    return record


def test_a_refusal_is_logged_without_its_traceback():
    line = logging.Formatter("%(levelname)s %(name)s: %(message)s")
    refused, failed = _record(403), _record(500)
    assert RefusalsWithoutTraceback().filter(refused) and RefusalsWithoutTraceback().filter(failed)
    assert line.format(refused) == "WARNING django.request: Forbidden: /x/"
    assert "Traceback" in line.format(failed)


def test_each_line_is_written_once():
    assert logging.getLogger("django").handlers == []
    console = logging.getLogger().handlers
    assert any(isinstance(f, RefusalsWithoutTraceback) for h in console for f in h.filters)
