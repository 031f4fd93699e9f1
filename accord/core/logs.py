"""Log lines that say what happened once: a refused or missing page (4xx) is one warning
line, not a traceback; a server error (5xx) keeps its traceback."""

import logging


class RefusalsWithoutTraceback(logging.Filter):
    """Drop the traceback Django attaches to a 4xx answer's warning (a PermissionDenied or
    Http404 is the app answering as it should, not a fault to debug)."""

    def filter(self, record: logging.LogRecord) -> bool:
        status = getattr(record, "status_code", None)
        if isinstance(status, int) and status < 500:
            record.exc_info, record.exc_text = None, None
        return True
