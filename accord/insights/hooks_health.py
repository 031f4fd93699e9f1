"""What the health part of insights registers with the apps below it, called from
wiring.connect()."""

from typing import Any

from accord.core import verbs


def _band_changed(actor: str, data: dict[str, Any]) -> str:
    return f"Account health moved from {data.get('was', '?')} to {data.get('band', '?')}."


def connect() -> None:
    verbs.declare(
        "health.band_changed",
        app="insights",
        fields=("score", "band", "was"),
        sentence=_band_changed,
    )
