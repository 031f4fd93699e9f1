"""Account health: a client's score out of 100, its band and the reasons behind it, from facts
gathered elsewhere. Pure: no ORM, no clock (the facts carry what they need).

Every reason costs points, capped per reason so no single one can sink a healthy account on
its own; the reasons are listed biggest loss first, each in one sentence the AM can act on.
"""

from dataclasses import dataclass, field

HEALTHY_FROM = 70
WATCH_FROM = 45
BANDS = ("healthy", "watch", "at_risk")
BAND_LABELS = {"healthy": "Healthy", "watch": "Watch", "at_risk": "At risk"}


@dataclass(frozen=True)
class Facts:
    """What is true of one client now (counts and ages in whole days)."""

    # Client sentiment: the average score of its messages in the last 30 days and the 30 before
    # (None without messages), and its unhappy messages in the last 14 days.
    sentiment_recent: float | None = None
    sentiment_recent_count: int = 0
    sentiment_before: float | None = None
    unhappy_recent: int = 0
    overdue_deliverables: int = 0
    overdue_deliverables_days: int = 0  # the oldest, past its due day
    extra_rounds: int = 0  # client rounds beyond the terms, over its live deliverables
    extra_rounds_deliverables: int = 0
    overdue_decisions: int = 0
    overdue_decisions_days: int = 0
    unanswered: int = 0  # client messages waiting on the agency past the response target
    reopened_briefs: int = 0  # briefs changed after sign-off, last 90 days


@dataclass(frozen=True)
class Reason:
    key: str
    label: str
    points: int  # lost (≤ 0)
    detail: str

    def as_dict(self) -> dict[str, object]:
        return {"key": self.key, "label": self.label, "points": self.points, "detail": self.detail}


@dataclass(frozen=True)
class Health:
    score: int
    band: str
    reasons: tuple[Reason, ...] = field(default=())


def band_of(score: int) -> str:
    if score >= HEALTHY_FROM:
        return "healthy"
    return "watch" if score >= WATCH_FROM else "at_risk"


def dropped(was: str, now: str) -> bool:
    """Whether `now` is a worse band than `was` (healthy → watch → at risk)."""
    return BANDS.index(now) > BANDS.index(was)


def _plural(n: int, one: str, many: str | None = None) -> str:
    return f"{n} {one if n == 1 else (many or one + 's')}"


def _days(n: int) -> str:
    return _plural(n, "day")


def _sentiment(f: Facts) -> Reason | None:
    if f.sentiment_recent is None:
        return None
    loss = 0.0
    if f.sentiment_recent < 0:
        loss += -f.sentiment_recent * 20
    loss += min(f.unhappy_recent, 4) * 5
    worse = f.sentiment_before is not None and f.sentiment_recent < f.sentiment_before - 0.2
    if worse:
        loss += 5
    points = min(25, round(loss))
    if points == 0:
        return None
    parts = []
    if f.unhappy_recent:
        parts.append(f"{_plural(f.unhappy_recent, 'unhappy message')} in the last 14 days")
    average = (
        f"average {f.sentiment_recent:+.2f} over {_plural(f.sentiment_recent_count, 'message')}"
    )
    if worse and f.sentiment_before is not None:
        average += f", down from {f.sentiment_before:+.2f} the month before"
    parts.append(average)
    return Reason("sentiment", "Client sentiment", -points, "; ".join(parts) + ".")


def _overdue_deliverables(f: Facts) -> Reason | None:
    if not f.overdue_deliverables:
        return None
    points = min(25, 6 * f.overdue_deliverables + f.overdue_deliverables_days // 2)
    detail = (
        f"{_plural(f.overdue_deliverables, 'deliverable')} past due, "
        f"the oldest by {_days(f.overdue_deliverables_days)}."
    )
    return Reason("overdue_deliverables", "Overdue deliverables", -points, detail)


def _extra_rounds(f: Facts) -> Reason | None:
    if not f.extra_rounds:
        return None
    points = min(15, 5 * f.extra_rounds)
    detail = (
        f"{_plural(f.extra_rounds, 'revision round')} beyond the terms on "
        f"{_plural(f.extra_rounds_deliverables, 'deliverable')}."
    )
    return Reason("extra_rounds", "Revision rounds beyond the allowance", -points, detail)


def _overdue_decisions(f: Facts) -> Reason | None:
    if not f.overdue_decisions:
        return None
    points = min(20, 7 * f.overdue_decisions + f.overdue_decisions_days // 3)
    detail = (
        f"{_plural(f.overdue_decisions, 'review')} waiting for the client's decision past "
        f"its due date, the oldest by {_days(f.overdue_decisions_days)}."
    )
    return Reason("overdue_decisions", "Client decisions overdue", -points, detail)


def _unanswered(f: Facts) -> Reason | None:
    if not f.unanswered:
        return None
    points = min(24, 8 * f.unanswered)
    detail = f"{_plural(f.unanswered, 'conversation')} waiting on us past the response target."
    return Reason("unanswered", "Client messages unanswered", -points, detail)


def _reopened(f: Facts) -> Reason | None:
    if not f.reopened_briefs:
        return None
    points = min(15, 5 * f.reopened_briefs)
    detail = f"{_plural(f.reopened_briefs, 'brief')} changed after sign-off in the last 90 days."
    return Reason("reopened_briefs", "Briefs reopened after sign-off", -points, detail)


RULES = (
    _sentiment,
    _overdue_deliverables,
    _extra_rounds,
    _overdue_decisions,
    _unanswered,
    _reopened,
)


def assess(facts: Facts) -> Health:
    """The client's health from its facts: 100 less every reason's loss, never below 0."""
    reasons = [reason for rule in RULES if (reason := rule(facts)) is not None]
    reasons.sort(key=lambda r: (r.points, r.key))
    score = max(0, 100 + sum(r.points for r in reasons))
    return Health(score=score, band=band_of(score), reasons=tuple(reasons))
