"""What a target's path function can use: personas and well-known objects of the generated data.

Built from the database after generation (or when reusing one with --keep), so the same
registry works on the small and the large agency.
"""

from dataclasses import dataclass, field

from accord.accounts.models import User
from accord.clients.models import Client
from accord.core.models import Event
from bench.generate import ACME, AGENCY_DOMAIN, GLOBEX

PERSONA_EMAILS = {
    "erin": f"erin@{AGENCY_DOMAIN}",
    "alice": f"alice@{AGENCY_DOMAIN}",
    "max": f"max@{AGENCY_DOMAIN}",
    "dan": f"dan@{AGENCY_DOMAIN}",
    "cora": f"cora@{AGENCY_DOMAIN}",
    "sam": f"sam@{AGENCY_DOMAIN}",
    "carol": "carol@acme.test",
    "ray": "ray@acme.test",
    "gus": "gus@globex.test",
}


@dataclass
class BenchContext:
    users: dict[str, User]
    acme: Client  # Alice's busiest client (most events)
    globex: Client  # Max's client
    alice_client_ids: list[int] = field(default_factory=list)
    client_count: int = 0

    def user(self, persona: str) -> User:
        try:
            return self.users[persona]
        except KeyError:
            raise KeyError(f"Unknown persona {persona!r}; known: {sorted(self.users)}") from None

    def last_event_id(self, client: Client) -> int:
        found = (
            Event.objects.filter(client_id=client.pk)
            .order_by("-id")
            .values_list("id", flat=True)
            .first()
        )
        return int(found or 0)


def load_context() -> BenchContext:
    users = {u.email: u for u in User.objects.filter(email__in=PERSONA_EMAILS.values())}
    missing = [p for p, email in PERSONA_EMAILS.items() if email not in users]
    if missing:
        raise RuntimeError(f"The database has no generated agency (missing {missing}).")
    personas = {p: users[email] for p, email in PERSONA_EMAILS.items()}
    return BenchContext(
        users=personas,
        acme=Client.objects.get(name=ACME),
        globex=Client.objects.get(name=GLOBEX),
        alice_client_ids=list(
            Client.objects.filter(account_manager=personas["alice"])
            .order_by("pk")
            .values_list("pk", flat=True)
        ),
        client_count=Client.objects.count(),
    )
