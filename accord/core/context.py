from typing import Any

from django.conf import settings
from django.http import HttpRequest
from django.utils.functional import SimpleLazyObject

from accord.core import notify, policy


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
            # The bell's count: one COUNT on the unread index, only when a page shows it.
            "unread": SimpleLazyObject(lambda: notify.unread_count(user))
            if policy.is_signed_in(user)
            else 0,
        },
    }
