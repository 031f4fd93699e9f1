"""How the activity feed says what happened to clients, their brand, team and contacts."""

from typing import Any

from accord.core import policy, verbs
from accord.core.feed import listing
from accord.core.policy import Audience

FIELD_LABELS = {
    "name": "name",
    "industry": "industry",
    "website": "website",
    "internal_notes": "internal notes",
    "revision_rounds_included": "revision rounds included",
    "response_target_hours": "response target",
    "currency": "currency",
    "account_manager": "account manager",
    "voice_and_tone": "voice and tone",
    "dos": "do's",
    "donts": "don'ts",
    "colours": "colours",
    "logo": "logo",
}


def _fields(data: dict[str, Any]) -> str:
    names = [FIELD_LABELS.get(str(f), str(f).replace("_", " ")) for f in data.get("fields", [])]
    return listing(names)


def _client_updated(actor: str, data: dict[str, Any]) -> str:
    fields = _fields(data)
    return f"{actor} updated the {fields}." if fields else f"{actor} updated the client details."


def _brand_updated(actor: str, data: dict[str, Any]) -> str:
    fields = _fields(data)
    if fields:
        return f"{actor} updated the brand profile ({fields})."
    return f"{actor} updated the brand profile."


def _role(data: dict[str, Any]) -> str:
    labels = dict(policy.ContactRole.choices)
    role = str(data.get("role", ""))
    return str(labels.get(role, role)).lower() or "contact"


def _article(word: str) -> str:
    return "an" if word[:1] in "aeiou" else "a"


def _someone(data: dict[str, Any]) -> str:
    return str(data.get("name") or "someone")


def declare_verbs() -> None:
    """Clients' verbs (called from ClientsConfig.ready). The team reads all of them."""
    client, internal = Audience.CLIENT, Audience.INTERNAL
    declare = verbs.declare
    declare(
        "client.created",
        app="clients",
        audience=internal,
        fields=("name", "account_manager"),
        creatives=True,
        sentence=lambda a, d: f"{a} created the client {d.get('name', '')}.".replace(" .", "."),
    )
    declare(
        "client.updated",
        app="clients",
        audience=client,  # internal when only internal fields changed
        fields=("fields",),
        contacts=True,
        creatives=True,
        sentence=_client_updated,
    )
    for verb, sentence in (
        ("client.archived", "{actor} archived the client."),
        ("client.restored", "{actor} restored the client from the archive."),
    ):
        declare(
            verb,
            app="clients",
            audience=internal,
            creatives=True,
            sentence=verbs.saying(sentence),
        )
    declare(
        "brand.updated",
        app="clients",
        audience=client,
        fields=("fields",),
        contacts=True,
        creatives=True,
        sentence=_brand_updated,
    )
    declare(
        "team.added",
        app="clients",
        audience=internal,
        fields=("user",),
        personal=("name",),
        creatives=True,
        sentence=lambda a, d: f"{a} added {_someone(d)} to the team.",
    )
    declare(
        "team.removed",
        app="clients",
        audience=internal,
        fields=("user",),
        personal=("name",),
        creatives=True,
        sentence=lambda a, d: f"{a} removed {_someone(d)} from the team.",
    )
    declare(
        "contact.added",
        app="clients",
        audience=client,
        fields=("user", "role"),
        personal=("name",),
        contacts=True,
        creatives=True,
        sentence=lambda a, d: f"{a} added {_someone(d)} as {_article(_role(d))} {_role(d)}.",
    )
    declare(
        "contact.role_changed",
        app="clients",
        audience=client,
        fields=("user", "role"),
        personal=("name",),
        contacts=True,
        creatives=True,
        sentence=lambda a, d: f"{a} made {_someone(d)} {_article(_role(d))} {_role(d)}.",
    )
    declare(
        "contact.removed",
        app="clients",
        audience=client,
        fields=("user",),
        personal=("name",),
        contacts=True,
        creatives=True,
        sentence=lambda a, d: f"{a} removed {_someone(d)} from the contacts.",
    )
