"""A client's logo as a file: served only to whoever may see the client (checked by the caller).

Logos have no public address; the web page and the API both serve them through here.
"""

from pathlib import PurePath

from django.http import FileResponse, Http404

from accord.clients.models import Client
from accord.clients.services import LOGO_CONTENT_TYPES
from accord.core import downloads

# The logo's address carries the brand's version, so an hour's caching never shows an old one.
LOGO_CACHE = "private, max-age=3600"


def logo_file(client: Client) -> FileResponse:
    """The client's logo as shown (the display copy, at most 512 pixels), inline; 404 when it
    has none, or only an original too large to have had a copy made (uploaded again, it has)."""
    brand = getattr(client, "brand", None)
    if brand is None or not brand.logo_display:
        raise Http404("This client has no logo.")
    shown = brand.logo_display
    extension = PurePath(shown.name).suffix.lower()
    content_type = LOGO_CONTENT_TYPES.get(extension)
    if content_type is None:
        raise Http404("This client has no logo.")
    return downloads.stored_file(
        shown,
        filename=f"logo{extension}",
        content_type=content_type,
        as_attachment=False,
        cache_control=LOGO_CACHE,
    )
