"""Client sentiment: each message a client's contact writes is scored once, as it arrives (in
the transaction that posts it), for the agency's eyes only."""

from accord.conversations.models import Message
from accord.core.models import Event
from accord.core.policy import Audience, Kind
from accord.insights import sentiment
from accord.insights.models import MessageSentiment


def on_message(event: Event) -> None:
    """Score a message in a client thread when a contact wrote it (again when they edit it).
    Bounded: `sentiment.score` reads at most the first few thousand characters."""
    message_id = (event.data or {}).get("message")
    if not message_id or event.client_id is None:
        return
    row = (
        Message.objects.filter(
            pk=message_id, author__kind=Kind.CONTACT, thread__audience=Audience.CLIENT
        )
        .values_list("body", "created_at")
        .first()
    )
    if row is None:
        return
    body, sent_at = row
    reading = sentiment.score(body)
    MessageSentiment.objects.update_or_create(
        message_id=message_id,
        defaults={
            "client_id": event.client_id,
            "score": reading.score,
            "label": reading.label,
            "cues": [{"phrase": c.phrase, "start": c.start, "end": c.end} for c in reading.cues],
            "sent_at": sent_at,
        },
    )
