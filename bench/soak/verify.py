"""Run inside Django (`python -m bench.soak.verify RUN.json OUT.json`): read back from the
database what the checks need — the marked writes, the email rows, the tasks, the audit chain.

`python -m bench.soak.verify --pending` prints how many stored emails still wait to be sent.
"""

import json
import sys
from collections import Counter
from typing import Any


def pending() -> int:
    from accord.core.models import OutboundEmail

    return OutboundEmail.objects.filter(sent_at__isnull=True, abandoned_at__isnull=True).count()


def email_rows() -> list[dict[str, Any]]:
    from accord.core.models import OutboundEmail

    has_message_id = any(f.name == "message_id" for f in OutboundEmail._meta.get_fields())
    rows = []
    for e in OutboundEmail.objects.order_by("pk"):
        rows.append(
            {
                "id": e.pk,
                "message_id": getattr(e, "message_id", "") if has_message_id else "",
                "subject": e.subject,
                "to": sorted(e.to),
                "text": e.text,
                "sensitive": e.sensitive,
                "sent": e.sent_at is not None,
                "abandoned": e.abandoned_at is not None,
                "attempts": e.attempts,
                "last_error": e.last_error,
            }
        )
    return rows


def stored(writes: list[dict[str, Any]]) -> dict[str, Any]:
    """How many times each marked write is in the database, and the co-edited fields now."""
    from accord.intake.models import Brief, BriefVersion, ClarifyingQuestion, Request, SignOff

    by_kind: dict[str, set[str]] = {}
    for w in writes:
        by_kind.setdefault(w["kind"], set()).add(w["marker"])
    counts: dict[str, int] = {}
    titles = Counter(
        Request.objects.filter(title__startswith="Soak request ").values_list("title", flat=True)
    )
    counts |= {m: titles[f"Soak request {m}"] for m in by_kind.get("request", ())}
    titles = Counter(
        Brief.objects.filter(title__startswith="Soak brief ").values_list("title", flat=True)
    )
    counts |= {m: titles[f"Soak brief {m}"] for m in by_kind.get("brief", ())}
    texts = Counter(
        ClarifyingQuestion.objects.filter(text__startswith="Soak question ").values_list(
            "text", flat=True
        )
    )
    counts |= {m: texts[f"Soak question {m}?"] for m in by_kind.get("question", ())}
    reasons = Counter(
        Request.objects.filter(status_reason__startswith="Soak reason ").values_list(
            "status_reason", flat=True
        )
    )
    counts |= {m: reasons[f"Soak reason {m}"] for m in by_kind.get("decision", ())}
    # A revision is carried into every later version: count the versions that introduced it.
    introduced: Counter[str] = Counter()
    briefs = {w["data"]["brief"] for w in writes if w["kind"] == "revision"}
    for brief_id in briefs:
        before: dict[str, Any] = {}
        for version in BriefVersion.objects.filter(brief_id=brief_id).order_by("number"):
            for key, value in version.answers.items():
                if (
                    isinstance(value, str)
                    and value.startswith("Soak revision ")
                    and before.get(key) != value
                ):
                    introduced[value.removeprefix("Soak revision ")] += 1
            before = version.answers
    counts |= {m: introduced[m] for m in by_kind.get("revision", ())}

    coedit = {w["data"]["brief"] for w in writes if w["kind"] == "autosave"}
    answers = {str(b.pk): b.answers for b in Brief.objects.filter(pk__in=coedit)}
    signoff_briefs = {w["data"]["brief"] for w in writes if w["kind"] in ("proposal", "sign_off")}
    flows = {}
    for brief in Brief.objects.filter(pk__in=signoff_briefs):
        numbers = list(brief.versions.order_by("number").values_list("number", flat=True))
        flows[str(brief.pk)] = {
            "title": brief.title,
            "client": brief.client.name,
            "status": brief.status,
            "proposed_version": brief.proposed_version_id is not None,
            "versions": numbers,
            "sign_offs": SignOff.objects.filter(brief=brief).count(),
            "proposals": brief_events(brief.pk, "brief.proposed"),
        }
    return {"counts": counts, "answers": answers, "flows": flows}


def brief_events(brief_id: int, verb: str) -> int:
    from accord.core.models import Event

    target = {"target_type": "intake.brief", "target_id": str(brief_id)}
    return Event.objects.filter(verb=verb, **target).count()


def tasks() -> dict[str, int]:
    try:
        from django_tasks_db.models import DBTaskResult
    except ImportError:  # pragma: no cover - another backend
        return {}
    return dict(Counter(DBTaskResult.objects.values_list("status", flat=True)))


def audit() -> dict[str, Any]:
    from accord.core.events import verify_chain

    report = verify_chain()
    return {"intact": report.intact, "checked": report.checked, "reason": report.reason or ""}


def main() -> None:
    import django

    django.setup()
    if sys.argv[1] == "--pending":
        print(pending())
        return
    with open(sys.argv[1]) as f:  # noqa: PTH123
        run = json.load(f)
    out = {
        "stored": stored(run["writes"]),
        "emails": email_rows(),
        "tasks": tasks(),
        "audit": audit(),
    }
    with open(sys.argv[2], "w") as f:  # noqa: PTH123
        json.dump(out, f)


if __name__ == "__main__":
    main()
