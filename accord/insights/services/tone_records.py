"""What the tone check said about what the agency sent a client: the kinds of findings its
draft had on the way (never the draft's text), those the writer dismissed, and the sent text's
own — so an agency sees the check at work (drafts rewritten before sending, findings dismissed)."""

from typing import Any

from django.db import transaction

from accord.insights import tone
from accord.insights.models import ToneRecord
from accord.insights.tone_context import context_for

MAX_KEYS = 50
KNOWN = frozenset(tone.KINDS)


def _kinds(values: list[str]) -> list[str]:
    return sorted({v for v in values[:MAX_KEYS] if v in KNOWN})


@transaction.atomic
def record(
    *,
    by: Any,
    client_id: int,
    subject_type: str,
    subject_id: int,
    text: str,
    draft_kinds: list[str],
    dismissed: list[str],
    where: str = "",
    about: int | None = None,
) -> ToneRecord:
    """Keep the tone check's account of one sent text: its findings worked out again, all of
    them (a dismissed finding sent as it was still counts as sent), and the kinds dismissed."""
    report = tone.assess(text, context_for(by, where, about))
    return ToneRecord.objects.create(
        client_id=client_id,
        author=by,
        subject_type=subject_type,
        subject_id=subject_id,
        draft_kinds=_kinds(draft_kinds),
        dismissed=_kinds([key.partition(":")[0] for key in dismissed[:MAX_KEYS]]),
        sent_kinds=sorted({f.kind for f in report.findings}),
        score=report.score,
    )
