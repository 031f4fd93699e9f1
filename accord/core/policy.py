"""Who is who: the role vocabulary and the predicates every app's access.py builds on.

Apps decide what a person may do with an object; this module only answers what kind of
person someone is, from attributes on the user row (no queries).
"""

from typing import Any

from django.db import models


class Kind(models.TextChoices):
    STAFF = "staff", "Agency staff"
    CONTACT = "contact", "Client contact"


class StaffRole(models.TextChoices):
    ADMIN = "admin", "Admin"
    ACCOUNT_MANAGER = "am", "Account manager"
    CREATIVE = "creative", "Creative"


class Discipline(models.TextChoices):
    COPYWRITING = "copywriting", "Copywriting"
    DESIGN = "design", "Design"
    SOCIAL = "social", "Social media"
    VIDEO = "video", "Video"
    WEB = "web", "Web"
    STRATEGY = "strategy", "Strategy"


class ContactRole(models.TextChoices):
    APPROVER = "approver", "Approver"
    REVIEWER = "reviewer", "Reviewer"
    VIEWER = "viewer", "Viewer"


class Audience(models.TextChoices):
    INTERNAL = "internal", "Agency only"
    CLIENT = "client", "Client and agency"


def is_signed_in(user: Any) -> bool:
    return bool(user and user.is_authenticated and user.is_active)


def is_staff_member(user: Any) -> bool:
    return is_signed_in(user) and user.kind == Kind.STAFF


def is_admin(user: Any) -> bool:
    return is_staff_member(user) and user.staff_role == StaffRole.ADMIN


def is_account_manager(user: Any) -> bool:
    return is_staff_member(user) and user.staff_role == StaffRole.ACCOUNT_MANAGER


def is_creative(user: Any) -> bool:
    return is_staff_member(user) and user.staff_role == StaffRole.CREATIVE


def is_contact(user: Any) -> bool:
    return is_signed_in(user) and user.kind == Kind.CONTACT


def can_manage_people(user: Any) -> bool:
    """Admins invite and edit staff."""
    return is_admin(user)


def can_create_clients(user: Any) -> bool:
    return is_admin(user) or is_account_manager(user)


def audiences_for(user: Any) -> list[str]:
    """Which audiences of content a person may read."""
    if is_staff_member(user):
        return [Audience.INTERNAL, Audience.CLIENT]
    return [Audience.CLIENT]
