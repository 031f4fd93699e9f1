"""Files handed out by the web pages and the API alike: one way to build the response.

Access is the caller's business; these only wrap what it found, so a page and an endpoint that
serve the same file send the same bytes and the same headers.
"""

from django.db.models.fields.files import FieldFile
from django.http import FileResponse, Http404, HttpResponse
from django.http.response import HttpResponseBase
from django.utils.http import content_disposition_header

from accord.core.errors import Unavailable
from accord.core.uploads import STORAGE_ERRORS

NO_STORE = "private, no-store"


def _guarded(response: HttpResponseBase, cache_control: str) -> None:
    # nosniff: a browser never runs an upload as something other than its stored type.
    response["X-Content-Type-Options"] = "nosniff"
    response["Cache-Control"] = cache_control


def stored_file(
    file: FieldFile,
    *,
    filename: str,
    content_type: str,
    as_attachment: bool = True,
    cache_control: str = NO_STORE,
) -> FileResponse:
    """A stored upload, streamed under its own name; 404 if the storage no longer has it, 503
    if the file store does not answer. Streamed rather than handed out as a bucket address, so
    every byte passes the caller's access check and leaves with these headers."""
    try:
        handle = file.open("rb")
        # Building the response reads the file's size: on S3, a request of its own.
        response = FileResponse(
            handle, as_attachment=as_attachment, filename=filename, content_type=content_type
        )
    except FileNotFoundError as missing:
        raise Http404("The file is no longer stored.") from missing
    except STORAGE_ERRORS as failure:
        raise Unavailable(
            "The file store is not answering. Try again in a few minutes."
        ) from failure
    _guarded(response, cache_control)
    return response


def document(content: bytes, *, filename: str, content_type: str) -> HttpResponse:
    """A file made on request (a brief's PDF), as a download that is never cached."""
    response = HttpResponse(content, content_type=content_type)
    response["Content-Disposition"] = content_disposition_header(True, filename) or "attachment"
    _guarded(response, NO_STORE)
    return response
