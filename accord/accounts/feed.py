"""How the activity feed says what happened to people: invitations, profiles, tokens, erasure."""

from accord.core import verbs
from accord.core.policy import Audience


def declare_verbs() -> None:
    """People's verbs (called from AccountsConfig.ready): internal, read by managers only."""
    said = {
        "profile.updated": "{actor} updated their profile.",
        "password.changed": "{actor} changed their password.",
        "invitation.accepted": "{actor} accepted their invitation.",
        "api_token.revoked": "{actor} revoked an API token.",
        "magic_link.sent": "A sign-in link was emailed.",
        "magic_link.used": "{actor} signed in with an emailed link.",
        "staff.updated": "{actor} updated a staff member's details.",
    }
    fields: dict[str, tuple[str, ...]] = {
        "api_token.revoked": ("prefix",),
        "staff.updated": ("staff_role", "disciplines", "weekly_capacity_hours", "is_active"),
    }
    # The name a person had before a rename is kept, outside the hash, for their erasure.
    personal: dict[str, tuple[str, ...]] = {
        "staff.updated": ("name", "job_title", "previous_name"),
        "profile.updated": ("previous_name",),
    }
    for verb, sentence in said.items():
        verbs.declare(
            verb,
            app="accounts",
            audience=Audience.INTERNAL,
            fields=fields.get(verb, ()),
            personal=personal.get(verb, ()),
            sentence=verbs.saying(sentence),
        )
    verbs.declare(
        "staff.invited",
        app="accounts",
        fields=("role",),
        personal=("email",),
        sentence=lambda a, d: f"{a} invited {d.get('email') or 'someone'} to the agency.",
    )
    verbs.declare(
        "invitation.resent",
        app="accounts",
        personal=("email",),
        sentence=lambda a, d: f"{a} sent {d.get('email') or 'someone'} a new invitation link.",
    )
    verbs.declare(
        "api_token.created",
        app="accounts",
        fields=("name", "prefix"),
        sentence=lambda a, d: f"{a} created the API token {d.get('name', '')}.".replace(" .", "."),
    )
    verbs.declare(
        "person.erased",
        app="accounts",
        fields=("person", "redacted"),
        sentence=lambda a, d: f"{a} erased a person's personal data (a GDPR request).",
    )
