from typing import Any

from django.conf import settings
from django.http import HttpRequest

from accord.core import policy


def navigation(request: HttpRequest) -> dict[str, Any]:
    """Role flags the base layout uses to build its navigation."""
    # No user when the request was refused before AuthenticationMiddleware (a bad Host: 400).
    user = getattr(request, "user", None)
    return {
        "agency_name": settings.AGENCY_NAME,
        "nav": {
            "staff": policy.is_staff_member(user),
            "admin": policy.is_admin(user),
            "contact": policy.is_contact(user),
            "can_create_clients": policy.can_create_clients(user),
        },
    }
