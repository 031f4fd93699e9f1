"""The health score's rules: pure, so tested on facts alone."""

from hypothesis import given
from hypothesis import strategies as st

from accord.insights import health
from accord.insights.health import Facts, assess


def test_a_client_with_nothing_wrong_is_healthy_with_no_reasons() -> None:
    result = assess(Facts())
    assert (result.score, result.band, result.reasons) == (100, "healthy", ())


def test_an_overdue_decision_and_an_annoyed_message_are_both_reasons() -> None:
    result = assess(
        Facts(
            sentiment_recent=-0.8,
            sentiment_recent_count=1,
            unhappy_recent=1,
            overdue_decisions=1,
            overdue_decisions_days=3,
        )
    )
    keys = [reason.key for reason in result.reasons]
    assert keys == ["sentiment", "overdue_decisions"]  # the biggest loss first
    assert result.score == 100 + sum(reason.points for reason in result.reasons) < 100
    assert "1 unhappy message" in result.reasons[0].detail
    assert "the oldest by 3 days" in result.reasons[1].detail


def test_each_reason_is_capped_so_one_cannot_sink_an_account_alone() -> None:
    result = assess(Facts(overdue_deliverables=40, overdue_deliverables_days=300))
    assert result.reasons[0].points == -25
    assert result.band == "healthy"


def test_many_reasons_together_put_an_account_at_risk() -> None:
    result = assess(
        Facts(
            sentiment_recent=-0.6,
            sentiment_recent_count=5,
            sentiment_before=0.3,
            unhappy_recent=4,
            overdue_deliverables=2,
            overdue_deliverables_days=6,
            extra_rounds=2,
            extra_rounds_deliverables=1,
            overdue_decisions=1,
            unanswered=2,
            reopened_briefs=1,
        )
    )
    assert result.band == "at_risk"
    assert {r.key for r in result.reasons} == {
        "sentiment",
        "overdue_deliverables",
        "extra_rounds",
        "overdue_decisions",
        "unanswered",
        "reopened_briefs",
    }
    assert "down from +0.30" in next(r.detail for r in result.reasons if r.key == "sentiment")


def test_a_happy_client_costs_nothing() -> None:
    assert assess(Facts(sentiment_recent=0.6, sentiment_recent_count=3)).reasons == ()


def test_bands_and_drops() -> None:
    assert [health.band_of(s) for s in (100, 70, 69, 45, 44, 0)] == [
        "healthy",
        "healthy",
        "watch",
        "watch",
        "at_risk",
        "at_risk",
    ]
    assert health.dropped("healthy", "watch") and health.dropped("watch", "at_risk")
    assert not health.dropped("watch", "healthy") and not health.dropped("watch", "watch")


counts = st.integers(min_value=0, max_value=10_000)


@given(
    sentiment=st.one_of(st.none(), st.floats(min_value=-1, max_value=1)),
    before=st.one_of(st.none(), st.floats(min_value=-1, max_value=1)),
    unhappy=counts,
    late=counts,
    late_days=counts,
    extra=counts,
    waiting=counts,
    unanswered=counts,
    reopened=counts,
)
def test_any_facts_give_a_score_from_0_to_100_that_its_reasons_explain(  # noqa: PLR0917
    sentiment, before, unhappy, late, late_days, extra, waiting, unanswered, reopened
) -> None:
    result = assess(
        Facts(
            sentiment_recent=sentiment,
            sentiment_recent_count=1,
            sentiment_before=before,
            unhappy_recent=unhappy,
            overdue_deliverables=late,
            overdue_deliverables_days=late_days,
            extra_rounds=extra,
            extra_rounds_deliverables=1,
            overdue_decisions=waiting,
            unanswered=unanswered,
            reopened_briefs=reopened,
        )
    )
    assert 0 <= result.score <= 100
    assert result.score == max(0, 100 + sum(r.points for r in result.reasons))
    assert all(r.points < 0 and r.detail for r in result.reasons)
    assert result.band == health.band_of(result.score)
