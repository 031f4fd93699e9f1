"""Sections that higher apps add to pages owned by lower apps.

A staff member's page belongs to accounts, but their clients (and later their tasks and
capacity) belong to apps above it, which accounts must not import. Those apps register a
panel here from their AppConfig.ready; the page renders whatever panels it is given.
"""

from collections.abc import Callable
from typing import Any

from django.http import HttpRequest

# A panel gets the request and the subject, and returns the context for its template
# (which it names under "template"), or None when it has nothing to show.
StaffPanel = Callable[[HttpRequest, Any], dict[str, Any] | None]

_staff_panels: list[StaffPanel] = []


def register_staff_panel(panel: StaffPanel) -> None:
    if panel not in _staff_panels:
        _staff_panels.append(panel)


def staff_panels(request: HttpRequest, member: Any) -> list[dict[str, Any]]:
    """The panels for a staff member's page, as seen by whoever is asking."""
    return [ctx for panel in _staff_panels if (ctx := panel(request, member)) is not None]


# The same for a client's page: intake adds its requests and briefs, later apps their jobs.
ClientPanel = Callable[[HttpRequest, Any], dict[str, Any] | None]

_client_panels: list[ClientPanel] = []


def register_client_panel(panel: ClientPanel) -> None:
    if panel not in _client_panels:
        _client_panels.append(panel)


def client_panels(request: HttpRequest, client: Any) -> list[dict[str, Any]]:
    """The panels for a client's page, as seen by whoever is asking."""
    return [ctx for panel in _client_panels if (ctx := panel(request, client)) is not None]


# Sections on the pages of a brief, a job or a deliverable ("brief", "job", "deliverable"): the
# conversations about it, later its insights. Each gets the request and the page's object.
PagePanel = Callable[[HttpRequest, Any], dict[str, Any] | None]

_page_panels: dict[str, list[PagePanel]] = {}


def register_page_panel(page: str, panel: PagePanel) -> None:
    panels = _page_panels.setdefault(page, [])
    if panel not in panels:
        panels.append(panel)


def page_panels(page: str, request: HttpRequest, subject: Any) -> list[dict[str, Any]]:
    """The panels registered for `page`, as seen by whoever is asking."""
    return [ctx for panel in _page_panels.get(page, []) if (ctx := panel(request, subject))]
