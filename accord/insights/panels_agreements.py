"""The "What was agreed" section of a client's page: the latest entries, the meeting notes in
progress, and (for the account manager) a way to record notes. Shown to those who read the
client's record; nothing for anyone else."""

from typing import Any

from django.http import HttpRequest
from django.urls import reverse

from accord.core import policy
from accord.insights import access_agreements as access
from accord.insights import queries_agreements, search_agreements

LATEST = 3
IN_PROGRESS = 5


def on_client(request: HttpRequest, client: Any) -> dict[str, Any] | None:
    user = request.user
    if not (policy.is_admin(user) or policy.is_account_manager(user) or policy.is_contact(user)):
        return None
    urls = search_agreements.source_urls()
    latest = list(queries_agreements.record_of(client)[:LATEST])
    queries_agreements.with_sources(latest, urls)
    waiting = list(queries_agreements.notes_in_progress(client)[: IN_PROGRESS + 1])
    return {
        "template": "insights/agreements/_panel.html",
        "latest": latest,
        "in_progress": waiting[:IN_PROGRESS],
        "more_in_progress": len(waiting) > IN_PROGRESS,
        "record_url": reverse("insights:agreed", args=[client.pk]),
        "new_note_url": reverse("insights:note_new", args=[client.pk]),
        "notes_base": urls["meeting_note"].removesuffix("{}/"),
        "managing": access.manages(user, client),
        "is_contact": policy.is_contact(user),
    }
