"""Reads about people, scoped to the person asking."""

from typing import Any

from django.db.models import Q, QuerySet

from accord.accounts.models import ApiToken, User
from accord.core import policy
from accord.core.policy import Kind


def staff_visible_to(user: Any) -> QuerySet[User]:
    """Agency staff see the whole team; client contacts see nobody here."""
    if not policy.is_staff_member(user):
        return User.objects.none()
    staff = User.objects.filter(kind=Kind.STAFF)
    if not policy.is_admin(user):
        staff = staff.filter(is_active=True)
    return staff


def search_staff(
    staff: QuerySet[User], *, q: str = "", role: str = "", discipline: str = ""
) -> QuerySet[User]:
    if q:
        staff = staff.filter(Q(name__icontains=q) | Q(email__icontains=q))
    if role:
        staff = staff.filter(staff_role=role)
    if discipline:
        # JSON list membership, portable across SQLite and PostgreSQL.
        staff = staff.filter(disciplines__icontains=f'"{discipline}"')
    return staff.order_by("name")


def tokens_of(user: Any) -> QuerySet[ApiToken]:
    return ApiToken.objects.filter(user=user).order_by("-created_at")
