"""What the intake app adds to other apps' pages."""

from typing import Any

from django.http import HttpRequest

from accord.core import policy
from accord.intake import access, queries


def client_intake(request: HttpRequest, client: Any) -> dict[str, Any] | None:
    """A client's latest requests and briefs, as far as the person looking may see them."""
    user = request.user
    requests, briefs = queries.recent_of_client(user, client)
    show_requests = not policy.is_creative(user)
    if not show_requests and not briefs:
        return None
    can_file = client.status == client.Status.ACTIVE and (
        access.manages(user, client)
        or getattr(client, "my_contact_role", None) in access.CONTRIBUTORS
    )
    return {
        "template": "intake/_client_panel.html",
        "requests": requests,
        "briefs": briefs,
        "show_requests": show_requests,
        "can_file": can_file,
    }
