"""Reads of the tone check's record: plain rows, counted in one query."""

from typing import Any

from django.db.models import Count, Q, QuerySet

from accord.core import policy
from accord.insights.models import ToneRecord


def records_for(user: Any) -> QuerySet[ToneRecord, Any]:
    rows = (
        ToneRecord.objects.all()
        if policy.is_admin(user)
        else ToneRecord.objects.filter(author=user)
    )
    return rows.order_by("-created_at", "-pk").values(
        "pk",
        "created_at",
        "subject_type",
        "subject_id",
        "draft_kinds",
        "dismissed",
        "sent_kinds",
        "score",
        "client__name",
        "author__name",
    )


def summary(rows: QuerySet[ToneRecord, Any]) -> dict[str, int]:
    """How many texts were checked, how many drafts had findings, and of those how many went
    out without any (rewritten) — in one query."""
    flagged = ~Q(draft_kinds=[])
    clean = Q(sent_kinds=[])
    return rows.order_by().aggregate(
        checked=Count("pk"),
        flagged=Count("pk", filter=flagged),
        rewritten=Count("pk", filter=flagged & clean),
        sent_flagged=Count("pk", filter=~clean),
    )
