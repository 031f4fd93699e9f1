"""Conflicting feedback found as the client's reviewers comment and decide (through the review
services), told to the account manager, and settled by them."""

from typing import Any

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from accord.accounts.erasure import erase_person
from accord.core import events
from accord.core.errors import Conflict, InvalidInput, NotAllowed
from accord.core.models import Event, Notification
from accord.insights.models import FeedbackConflict
from accord.insights.services import conflicts as services
from accord.reviews.services import comments, guests, rounds
from tests.reviews.helpers import acme_contact, approved_internally
from tests.reviews.review_data import banner_job, upload

from .conflicts_data import point, say, sent_banner


@pytest.fixture
def sent(world: Any) -> Any:
    version, _ = sent_banner(world)
    return version


def _conflicts() -> list[FeedbackConflict]:
    return list(FeedbackConflict.objects.order_by("pk"))


def test_a_bigger_and_a_smaller_logo_open_one_conflict_for_alice(world, sent):
    asked = say(world.ray, sent, "Can the logo be bigger?")
    answered = say(world.carol, sent, "The logo is too big: please make it smaller.")
    (conflict,) = _conflicts()
    assert (conflict.kind, conflict.element, conflict.status) == ("comments", "logo", "open")
    assert (conflict.first_comment, conflict.second_comment) == (asked, answered)
    assert conflict.summary == "Ray asks for a bigger logo; Carol for a smaller one."
    assert (conflict.client, conflict.version) == (world.acme, sent)
    event = Event.objects.get(verb="conflict.detected")
    assert (event.audience, event.actor, event.target_id) == ("internal", None, str(conflict.pk))
    assert event.data["comments"] == [asked.pk, answered.pk]
    told = Notification.objects.get(kind="insights.conflict")
    assert told.user == world.alice
    assert "Ray asks for a bigger logo; Carol for a smaller one." in told.text
    assert told.url.endswith(f"?version={sent.pk}#conflicts")
    assert not Notification.objects.filter(kind="insights.conflict").exclude(user=world.alice)
    assert events.verify_chain().intact


@pytest.mark.parametrize(
    ("first", "second"),
    [
        ("Warmer colours please", "The colours feel too warm, cooler?"),
        ("Love the tagline!", "Can we lose the tagline?"),
        ("Move the logo up a little", "Push the logo down"),
        ("Give the headline more space", "Too much white space around the headline"),
        ("Make the photo brighter", "The photo should be darker and moodier"),
        ("Bigger logo please", "Please don't make the logo any bigger"),
    ],
)
def test_opposite_asks_on_the_same_element_conflict(world, sent, first, second):
    say(world.ray, sent, first)
    say(world.carol, sent, second)
    assert len(_conflicts()) == 1


@pytest.mark.parametrize(
    ("first", "second"),
    [
        ("Make the logo bigger", "Make the headline smaller"),  # two elements
        ("Make the logo bigger", "Yes, a bigger logo works"),  # the same way
        ("Love the colours", "Make the colours warmer"),  # two axes
        ("The photo reads as curry, not toast", "Allergens must be in bold"),  # no asks
        ("Don't make it bigger", "Don't make it smaller"),  # both against, neither asks
    ],
)
def test_asks_that_do_not_pull_two_ways_open_none(world, sent, first, second):
    say(world.ray, sent, first)
    say(world.carol, sent, second)
    assert _conflicts() == []


def test_one_reviewer_changing_their_mind_is_not_a_conflict(world, sent):
    say(world.carol, sent, "Make the logo bigger")
    say(world.carol, sent, "Actually, a smaller logo")
    assert _conflicts() == []


def test_the_agencys_words_and_internal_comments_are_not_the_clients(world, sent):
    say(world.ray, sent, "Bigger logo please")
    say(world.alice, sent, "The logo will be smaller", audience="client", managing=True)
    say(world.dan, sent, "I'd make the logo smaller")
    assert _conflicts() == []


def test_pins_that_name_nothing_conflict_only_on_the_same_spot(world, sent):
    say(world.ray, sent, "Bigger please", anchor=point(0.50, 0.50))
    say(world.carol, sent, "Smaller here", anchor=point(0.80, 0.20))
    assert _conflicts() == []
    say(world.carol, sent, "Smaller, this is too much", anchor=point(0.53, 0.52))
    (conflict,) = _conflicts()
    assert (conflict.element, conflict.summary) == (
        "",
        "Ray asks for it to be bigger; Carol for it to be smaller.",
    )


def test_a_reply_is_about_what_it_answers(world, sent):
    loved = say(world.carol, sent, "Love the tagline", anchor=point(0.2, 0.9))
    say(world.ray, sent, "I'd remove it altogether", parent=loved)
    (conflict,) = _conflicts()
    assert conflict.summary == "Carol asks to keep the tagline; Ray to remove it."


def test_a_guest_reviewer_is_one_of_the_clients_voices(world, settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path
    version, _ = sent_banner(world)
    guest, _ = guests.invite_guest(
        by=world.alice, deliverable=version.deliverable, email="lee@acme.test", name="Lee Park"
    )
    say(world.ray, version, "The music is fine, the logo needs to be bigger")
    say(guest, version, "The logo feels huge")
    (conflict,) = _conflicts()
    assert conflict.summary == "Ray asks for a bigger logo; Lee for a smaller one."


def test_the_same_dispute_is_one_conflict_until_settled(world, sent):
    say(world.ray, sent, "Bigger logo")
    say(world.carol, sent, "Smaller logo")
    say(world.ray, sent, "No really, the logo must be bigger")
    (conflict,) = _conflicts()
    services.settle(by=world.alice, conflict=conflict, resolution="Logo 20% bigger.", revision=1)
    say(world.carol, sent, "Hmm, the logo is too big now")
    assert [c.status for c in _conflicts()] == ["settled", "open"]


def test_the_same_dispute_naming_nothing_is_one_conflict_while_open(world, sent):
    say(world.ray, sent, "Make it smaller please")
    say(world.carol, sent, "Can it be bigger?")
    say(world.carol, sent, "Really, bigger.")
    (conflict,) = _conflicts()
    assert (conflict.element, conflict.status) == ("", "open")
    assert Notification.objects.filter(kind="insights.conflict").count() == 1


def test_a_resolved_comment_raises_no_new_conflict(world, sent):
    bigger = say(world.ray, sent, "Bigger logo")
    comments.resolve_comment(by=world.alice, comment=bigger, resolved=True)
    say(world.carol, sent, "Smaller logo")
    assert _conflicts() == []
    thanks = say(world.ray, sent, "Thanks for this one")
    say(world.ray, sent, "Keep the tagline", parent=thanks)  # a reply in a thread resolved
    comments.resolve_comment(by=world.alice, comment=thanks, resolved=True)
    say(world.carol, sent, "Remove the tagline")
    assert _conflicts() == []


def test_restating_what_was_settled_opens_nothing_new(world, sent):
    say(world.ray, sent, "Bigger logo")
    smaller = say(world.carol, sent, "Smaller logo")
    (settled,) = _conflicts()
    services.settle(by=world.alice, conflict=settled, resolution="Logo 20% bigger.", revision=1)
    restated = say(world.ray, sent, "Bigger logo, as agreed")
    assert [c.status for c in _conflicts()] == ["settled"]
    # Written after the settlement, Carol's new objection is a new conflict with Ray's.
    again = say(world.carol, sent, "Sorry, the logo is too big now")
    (_, reopened) = _conflicts()
    assert (reopened.first_comment, reopened.second_comment) == (restated, again)
    assert smaller not in (reopened.first_comment, reopened.second_comment)


def test_another_version_is_another_matter(world, sent):
    say(world.ray, sent, "Bigger logo")
    newer = upload(world, sent.deliverable)
    approved_internally(world, newer)
    rounds.open_round(
        by=world.alice, version=newer, stage="client", seats=[rounds.Seat(world.carol)]
    )
    say(world.carol, newer, "Smaller logo")
    assert _conflicts() == []


def test_finding_a_conflict_reads_as_many_rows_whatever_the_comments(world, sent):
    def queries_for_one_more(body: str) -> int:
        comment = say(world.carol, sent, body)
        with CaptureQueriesContext(connection) as seen:
            services.detect_for_comment(comment_id=comment.pk)
        return len(seen.captured_queries)

    say(world.ray, sent, "Bigger logo")
    few = queries_for_one_more("Warmer colours")
    for n in range(40):
        say(world.ray, sent, f"Note {n}: the colours could be warmer, the logo bigger")
    assert queries_for_one_more("Warmer colours, please") <= few


def test_a_comment_asking_nothing_costs_one_query(world, sent):
    comment = say(world.carol, sent, "Thanks, looks good to us")
    with CaptureQueriesContext(connection) as seen:
        services.detect_for_comment(comment_id=comment.pk)
    assert len(seen.captured_queries) == 1


# --- decisions ---------------------------------------------------------------------------------


@pytest.fixture
def two_approvers(world: Any, settings: Any, tmp_path: Any) -> tuple[Any, Any]:
    settings.MEDIA_ROOT = tmp_path
    version = upload(world, banner_job(world))
    approved_internally(world, version)
    pat = acme_contact(world, "Pat")
    round = rounds.open_round(
        by=world.alice,
        version=version,
        stage="client",
        seats=[rounds.Seat(world.carol), rounds.Seat(pat)],
        rule="all",
    )
    return round, pat


def test_an_approval_and_a_request_for_changes_conflict(world, two_approvers):
    round, pat = two_approvers
    rounds.decide(by=world.carol, round=round, verdict="approved")
    rounds.decide(by=pat, round=round, verdict="changes_required", note="The photo is wrong.")
    (conflict,) = _conflicts()
    assert conflict.kind == "decisions"
    assert conflict.summary == "Carol approved version 1; Pat asked for changes."
    assert conflict.round_id == round.pk
    assert Notification.objects.get(kind="insights.conflict").user == world.alice


def test_two_approvals_do_not_conflict(world, two_approvers):
    round, pat = two_approvers
    rounds.decide(by=world.carol, round=round, verdict="approved")
    rounds.decide(by=pat, round=round, verdict="approved_with_changes", note="Fix a typo.")
    assert _conflicts() == []


def test_approved_with_changes_and_changes_required_both_want_changes(world, two_approvers):
    round, pat = two_approvers
    rounds.decide(by=world.carol, round=round, verdict="approved_with_changes", note="Typo.")
    rounds.decide(by=pat, round=round, verdict="changes_required", note="The photo is wrong.")
    assert _conflicts() == []
    assert not Notification.objects.filter(kind="insights.conflict")


def test_internal_decisions_never_conflict(world, settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path
    version = upload(world, banner_job(world))
    inside = rounds.open_round(
        by=world.dan,
        version=version,
        stage="internal",
        seats=[rounds.Seat(world.alice), rounds.Seat(world.erin)],
        rule="all",
    )
    rounds.decide(by=world.alice, round=inside, verdict="approved")
    rounds.decide(by=world.erin, round=inside, verdict="changes_required", note="No.")
    assert _conflicts() == []


# --- settling ----------------------------------------------------------------------------------


@pytest.fixture
def conflict(world: Any, sent: Any) -> FeedbackConflict:
    say(world.ray, sent, "Bigger logo")
    say(world.carol, sent, "Smaller logo")
    return FeedbackConflict.objects.get()


def test_alice_settles_it_with_what_was_agreed(world, conflict):
    settled = services.settle(
        by=world.alice, conflict=conflict, resolution="  Carol decides: logo as is.  ", revision=1
    )
    assert (settled.status, settled.settled_by, settled.resolution) == (
        "settled",
        world.alice,
        "Carol decides: logo as is.",
    )
    assert settled.revision == 2 and settled.settled_at is not None
    event = Event.objects.get(verb="conflict.settled")
    assert (event.actor, event.audience) == (world.alice, "internal")


def test_settling_needs_what_was_agreed(world, conflict):
    with pytest.raises(InvalidInput) as refused:
        services.settle(by=world.alice, conflict=conflict, resolution="   ", revision=1)
    assert refused.value.field == "resolution"
    with pytest.raises(InvalidInput, match="under 2,000 characters"):
        services.settle(by=world.alice, conflict=conflict, resolution="x" * 2001, revision=1)


def test_a_second_settling_meanwhile_is_refused_saying_what_was_agreed(world, conflict):
    services.settle(by=world.erin, conflict=conflict, resolution="Logo as is.", revision=1)
    with pytest.raises(Conflict, match=r"settled this already.*Logo as is"):
        services.settle(by=world.alice, conflict=conflict, resolution="Bigger.", revision=1)
    FeedbackConflict.objects.filter(pk=conflict.pk).update(status="open")
    with pytest.raises(Conflict, match="changed since you read it"):
        services.settle(by=world.alice, conflict=conflict, resolution="Bigger.", revision=1)


def test_only_those_who_run_the_client_settle(world, conflict):
    for person in (world.dan, world.max, world.carol):
        with pytest.raises(NotAllowed):
            services.settle(by=person, conflict=conflict, resolution="Mine.", revision=1)


def test_resolving_a_comment_leaves_the_conflict_to_settle(world, conflict):
    comments.resolve_comment(by=world.alice, comment=conflict.first_comment, resolved=True)
    conflict.refresh_from_db()
    assert conflict.status == "open"


def test_erasing_a_reviewer_takes_their_name_out_of_the_summary(world, conflict):
    erase_person(person=world.ray, by=world.erin)
    conflict.refresh_from_db()
    assert "Ray" not in conflict.summary
    assert conflict.summary == (
        f"Erased person {world.ray.pk} asks for a bigger logo; Carol for a smaller one."
    )
    assert events.verify_chain().intact


def test_settling_locks_the_conflicts_row_alone_without_an_outer_join(world, conflict):
    # PostgreSQL refuses FOR UPDATE on the nullable side of an outer join (who settled it).
    with CaptureQueriesContext(connection) as seen:
        services.settle(by=world.alice, conflict=conflict, resolution="As is.", revision=1)
    (locking,) = [
        q["sql"]
        for q in seen.captured_queries
        if q["sql"].startswith("SELECT") and 'FROM "insights_feedbackconflict"' in q["sql"]
    ]
    assert "LEFT OUTER JOIN" not in locking
    if connection.features.has_select_for_update_of:
        assert 'FOR UPDATE OF "insights_feedbackconflict"' in locking
