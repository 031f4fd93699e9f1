"""What the clients app adds to other apps' pages."""

from typing import Any

from django.http import HttpRequest

from accord.clients import queries
from accord.core.pagination import paginate


def staff_clients(request: HttpRequest, member: Any) -> dict[str, Any]:
    """A staff member's clients, limited to those the person looking may see."""
    clients = queries.involving(queries.visible_to(request.user), member)
    page = paginate(request, queries.with_counts(clients).order_by("name"))
    return {"template": "clients/_staff_clients_panel.html", "member_clients": page}
