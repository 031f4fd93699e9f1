"""What the health and sentiment part of insights registers with the apps below it, called
from wiring.connect()."""

from typing import Any

from accord.core import verbs
from accord.core.events import ANY_VERB, listen
from accord.core.notification_kinds import declare_kind
from accord.core.worker import register_sweep


def _band_changed(actor: str, data: dict[str, Any]) -> str:
    labels = {"healthy": "healthy", "watch": "watch", "at_risk": "at risk"}
    was, band = labels.get(data.get("was", ""), "?"), labels.get(data.get("band", ""), "?")
    return f"Account health moved from {was} to {band} ({data.get('score', '?')})."


def connect() -> None:
    from accord.core.panels import register_client_panel
    from accord.insights import panels_health
    from accord.insights.services import health, sentiment

    verbs.declare(
        "health.band_changed",
        app="insights",
        fields=("score", "band", "was"),
        sentence=_band_changed,
    )
    declare_kind(
        "health.dropped",
        label="A client's account health drops",
        help="A client you run moved from healthy to watch, or to at risk: the reasons are listed.",
        audience={"staff"},
    )
    listen("thread.message", sentiment.on_message)
    listen("thread.edited", sentiment.on_message)
    listen(ANY_VERB, health.mark_stale)
    register_sweep(health.sweep)
    register_client_panel(panels_health.on_client)
