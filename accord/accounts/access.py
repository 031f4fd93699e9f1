"""The only way a view or endpoint gets a person or a token."""

from typing import Any, Literal

from django.core.exceptions import PermissionDenied
from django.http import Http404

from accord.accounts import queries
from accord.accounts.models import ApiToken, User
from accord.core import policy


def staff_member_for(user: Any, staff_id: int, action: Literal["view", "edit"] = "view") -> User:
    member = queries.staff_visible_to(user).filter(pk=staff_id).first()
    if member is None:
        raise Http404("No such person.")
    if action == "edit" and not policy.can_manage_people(user):
        raise PermissionDenied("Only an admin can change the team.")
    return member


def require_people_manager(user: Any) -> None:
    """Only an admin changes the team; anyone else signed in is refused (403)."""
    if not policy.can_manage_people(user):
        raise PermissionDenied("Only an admin can change the team.")


def require_staff(user: Any) -> None:
    """For what exists only for agency staff: a client contact is refused (403), on the pages
    as in the API."""
    if not policy.is_staff_member(user):
        raise PermissionDenied("Only agency staff can see the team.")


def token_for(user: Any, token_id: int) -> ApiToken:
    token = queries.tokens_of(user).filter(pk=token_id).first()
    if token is None:
        raise Http404("No such token.")
    return token


def person_to_erase(user: Any, person_id: int) -> User:
    """Anyone, staff or contact, for an admin to erase; refused (403) to anyone but an admin."""
    require_people_manager(user)
    person = User.objects.filter(pk=person_id).first()
    if person is None:
        raise Http404("No such person.")
    return person
