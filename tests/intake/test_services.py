"""Every write of the intake side: transitions, ball in court, versions, sign-off, templates."""

import hashlib
from collections.abc import Callable
from datetime import timedelta
from typing import Any

import pytest
from django.core.exceptions import PermissionDenied
from django.core.files.uploadedfile import SimpleUploadedFile
from django.http import Http404
from django.utils import timezone

from accord.accounts.models import User
from accord.clients.models import Contact
from accord.core import events
from accord.core.errors import DomainError, IllegalTransition, InvalidInput
from accord.core.models import Event
from accord.core.policy import Audience, ContactRole, Kind
from accord.intake import access, rules, services
from accord.intake.models import (
    Attachment,
    Brief,
    BriefTemplate,
    BriefVersion,
    Request,
    SignOff,
    WaitingOn,
)
from accord.intake.services.briefs import BRIEF_MOVES, MissingAnswers, StaleBrief
from accord.intake.services.requests import REQUEST_MOVES, move_request
from accord.work.models import Job
from accord.work.services import start_job_from_brief

S = Brief.Status
R = Request.Status
LONG_AGO = timezone.now() - timedelta(days=30)
COURTEOUS = "Thank you for thinking of us; our studio is fully booked until June."
PDF = b"%PDF-1.7\n1 0 obj\n<<>>\nendobj\n%%EOF\n"


def answers_for(world: Any, **overrides: str) -> dict[str, str]:
    answers = {
        "background": "Spring launch of the plant-based range in 40 stores.",
        "objective": "2,000 voucher redemptions in April.",
        "success_measure": "Redemptions counted at the till.",
        "audience": "Commuters aged 25-40 in Leeds who buy coffee on the way to work.",
        "key_message": "Tastes as good as the one you love.",
        "channels": "Instagram, TikTok",
        "deliverables": "8 posts, 12 stories",
        "budget": "£12,000",
        "deadline": (timezone.localdate() + timedelta(days=60)).isoformat(),
        "approver": str(world.carol.pk),
    }
    answers.update(overrides)
    return answers


@pytest.fixture
def template(world: Any) -> BriefTemplate:
    return BriefTemplate.objects.get(name="Social campaign")


@pytest.fixture
def make_brief(world: Any, template: BriefTemplate) -> Callable[[str], Brief]:
    """A brief of Acme's in the given status, walked there through the services."""

    def make(status: str) -> Brief:
        brief = services.start_brief(
            by=world.alice, client=world.acme, template=template, title="Spring launch"
        )
        if status == S.CANCELLED:
            return services.cancel_brief(by=world.alice, brief=brief, reason="Not needed.")
        brief = services.save_answers(by=world.alice, brief=brief, answers=answers_for(world))
        if status == S.DRAFT:
            return brief
        brief = services.submit_brief(by=world.alice, brief=brief)
        if status == S.SUBMITTED:
            return brief
        brief = services.propose_for_sign_off(by=world.alice, brief=brief)
        if status == S.PROPOSED:
            return brief
        services.sign_off(by=world.carol, brief=brief, version_number=1)
        if status == S.SIGNED_OFF:
            return Brief.objects.get(pk=brief.pk)
        start_job_from_brief(by=world.alice, brief=brief)
        return Brief.objects.get(pk=brief.pk)

    return make


def _age(brief: Brief) -> None:
    Brief.objects.filter(pk=brief.pk).update(waiting_since=LONG_AGO)


def _waiting(brief: Brief) -> tuple[str, bool]:
    """Whose court the ball is in, and whether it moved there just now."""
    brief.refresh_from_db()
    return brief.waiting_on, brief.waiting_since > LONG_AGO


def _viewer(world: Any) -> User:
    viewer = User.objects.create_user(
        "vera@acme.test", "accord-demo", name="Vera Acme", kind=Kind.CONTACT, staff_role=""
    )
    Contact.objects.create(client=world.acme, user=viewer, role=ContactRole.VIEWER)
    return viewer


# --- the brief's transitions, table-driven ---------------------------------------------------


def _attempt(world: Any, brief: Brief, to: str) -> Brief:
    """Ask the service that owns the move to `to` to make it."""
    if to == S.SUBMITTED:
        if brief.status in (S.PROPOSED, S.SIGNED_OFF):
            return services.save_answers(
                by=world.alice,
                brief=brief,
                answers={"key_message": "Even better."},
                reason="A warmer message.",
            )
        return services.submit_brief(by=world.alice, brief=brief)
    if to == S.PROPOSED:
        return services.propose_for_sign_off(by=world.alice, brief=brief)
    if to == S.SIGNED_OFF:
        services.sign_off(by=world.carol, brief=brief, version_number=1)
        return Brief.objects.get(pk=brief.pk)
    if to == S.CONVERTED:
        start_job_from_brief(by=world.alice, brief=brief)
        return Brief.objects.get(pk=brief.pk)
    return services.cancel_brief(by=world.alice, brief=brief, reason="")


BRIEF_PAIRS = [(a, b) for a in S.values for b in S.values if b not in (S.DRAFT, a)]


@pytest.mark.parametrize(("start", "to"), BRIEF_PAIRS)
def test_brief_moves_exactly_as_the_table_says(world, make_brief, start, to):
    brief = make_brief(start)
    assert brief.status == start
    if to in BRIEF_MOVES[start]:
        assert _attempt(world, brief, to).status == to
    else:
        with pytest.raises(IllegalTransition):
            _attempt(world, brief, to)
        brief.refresh_from_db()
        assert brief.status == start


def test_a_brief_never_moves_back_to_draft():
    assert all(S.DRAFT not in targets for targets in BRIEF_MOVES.values())
    assert BRIEF_MOVES[S.CONVERTED] == set() and BRIEF_MOVES[S.CANCELLED] == set()


def _request_attempt(world: Any, request: Request, to: str, template: BriefTemplate) -> None:
    if to == R.NEW and request.status == R.BRIEFING:
        services.cancel_brief(by=world.alice, brief=request.brief, reason="Not now.")
    elif to == R.NEW:
        services.reopen_request(by=world.alice, request=request)
    elif to == R.BRIEFING:
        services.start_brief(by=world.alice, client=world.acme, template=template, request=request)
    else:
        decision = "decline" if to == R.DECLINED else "park"
        services.decide_request(
            by=world.alice, request=request, decision=decision, reason=COURTEOUS
        )


# What the AM decides about a request by hand; the other statuses follow its brief and job
# (tests/intake/test_request_follows_work.py).
DECIDED = (R.NEW, R.BRIEFING, R.PARKED, R.DECLINED)
REQUEST_PAIRS = [(a, b) for a in DECIDED for b in DECIDED if a != b]


@pytest.mark.parametrize(("start", "to"), [(a, b) for a in R.values for b in R.values if a != b])
def test_move_request_follows_the_table(start, to):
    request = Request(status=start)
    if to in REQUEST_MOVES[start]:
        move_request(request, to)
        assert request.status == to and request.status_changed_at is not None
    else:
        with pytest.raises(IllegalTransition):
            move_request(request, to)
        assert request.status == start


@pytest.mark.parametrize(("start", "to"), REQUEST_PAIRS)
def test_request_moves_exactly_as_the_table_says(world, template, start, to):
    request = services.submit_request(
        by=world.carol, client=world.acme, title="Posts", what="Posts for the launch."
    )
    if start == R.BRIEFING:  # being briefed means a brief started from it
        services.start_brief(by=world.alice, client=world.acme, template=template, request=request)
    Request.objects.filter(pk=request.pk).update(status=start)
    request.refresh_from_db()
    if to in REQUEST_MOVES[start]:
        _request_attempt(world, request, to, template)
        request.refresh_from_db()
        assert request.status == to
        assert request.status_changed_at is not None
    else:
        with pytest.raises(IllegalTransition):
            _request_attempt(world, request, to, template)
        request.refresh_from_db()
        assert request.status == start


# --- ball in court ---------------------------------------------------------------------------


def test_each_service_says_whose_court_the_ball_is_in(world, template):
    brief = services.start_brief(by=world.carol, client=world.acme, template=template)
    assert brief.waiting_on == WaitingOn.CLIENT  # the client fills in the draft

    _age(brief)
    services.save_answers(by=world.carol, brief=brief, answers=answers_for(world))
    assert _waiting(brief) == (WaitingOn.CLIENT, False)  # saving a draft moves nothing

    services.submit_brief(by=world.carol, brief=brief)
    assert _waiting(brief) == (WaitingOn.AGENCY, True)

    _age(brief)
    first = services.ask_question(by=world.alice, brief=brief, text="Which stores?")
    assert _waiting(brief) == (WaitingOn.CLIENT, True)

    _age(brief)
    second = services.ask_question(by=world.alice, brief=brief, text="Any vegan claims?")
    services.answer_question(by=world.carol, question=first, answer="Leeds and York.")
    assert _waiting(brief) == (WaitingOn.CLIENT, False)  # one question is still open
    services.answer_question(by=world.ray, question=second, answer="Yes, certified.")
    assert _waiting(brief) == (WaitingOn.AGENCY, True)

    _age(brief)
    services.propose_for_sign_off(by=world.alice, brief=brief)
    assert _waiting(brief) == (WaitingOn.CLIENT, True)

    _age(brief)
    services.sign_off(by=world.carol, brief=brief, version_number=1)
    assert _waiting(brief) == (WaitingOn.AGENCY, True)

    _age(brief)
    start_job_from_brief(by=world.alice, brief=brief)
    assert _waiting(brief) == (WaitingOn.NOBODY, True)


def test_a_brief_the_am_starts_waits_on_the_client_to_fill_it_in(world, template):
    brief = services.start_brief(by=world.alice, client=world.acme, template=template)
    assert brief.waiting_on == WaitingOn.CLIENT


def test_a_brief_the_am_will_write_waits_on_the_agency(world, template):
    brief = services.start_brief(
        by=world.alice, client=world.acme, template=template, filled_by="agency"
    )
    assert brief.waiting_on == WaitingOn.AGENCY
    assert Event.objects.get(verb="brief.started").data["filled_by"] == "agency"


def test_answering_a_question_after_sign_off_gives_the_ball_back(world, make_brief):
    brief = make_brief(S.SIGNED_OFF)
    question = services.ask_question(by=world.alice, brief=brief, text="Logo on reels too?")
    assert _waiting(brief)[0] == WaitingOn.CLIENT
    services.answer_question(by=world.carol, question=question, answer="Yes please.")
    assert _waiting(brief)[0] == WaitingOn.AGENCY


def test_answering_while_proposed_leaves_the_ball_with_the_client(world, make_brief):
    brief = make_brief(S.PROPOSED)
    question = services.ask_question(by=world.alice, brief=brief, text="Logo on reels too?")
    services.answer_question(by=world.carol, question=question, answer="Yes please.")
    assert _waiting(brief)[0] == WaitingOn.CLIENT  # the sign-off is still theirs to give


def test_cancelling_leaves_nobody_waiting(world, make_brief):
    brief = services.cancel_brief(by=world.alice, brief=make_brief(S.SUBMITTED), reason="x")
    assert brief.waiting_on == WaitingOn.NOBODY


def test_a_question_is_answered_once(world, make_brief):
    question = services.ask_question(by=world.alice, brief=make_brief(S.SUBMITTED), text="Why?")
    services.answer_question(by=world.carol, question=question, answer="Because.")
    with pytest.raises(IllegalTransition):
        services.answer_question(by=world.ray, question=question, answer="Again.")
    with pytest.raises(InvalidInput):
        services.ask_question(by=world.alice, brief=question.brief, text="   ")


def test_sign_off_waits_for_open_questions(world, make_brief):
    brief = make_brief(S.SUBMITTED)
    services.ask_question(by=world.alice, brief=brief, text="Which stores?")
    with pytest.raises(DomainError, match="1 question is still open"):
        services.propose_for_sign_off(by=world.alice, brief=brief)


# --- versions --------------------------------------------------------------------------------


def test_versions_only_after_submission_and_only_when_content_changes(world, template):
    brief = services.start_brief(
        by=world.alice, client=world.acme, template=template, title="Spring"
    )
    for text in ("Launch", "Launch of the range", "Launch of the new range"):
        brief = services.save_answers(by=world.alice, brief=brief, answers={"background": text})
    assert brief.versions.count() == 0  # a draft saves in place as the client types
    brief = services.save_answers(by=world.alice, brief=brief, answers=answers_for(world))
    brief = services.submit_brief(by=world.alice, brief=brief)
    assert list(brief.versions.values_list("number", flat=True)) == [1]

    same = services.save_answers(by=world.alice, brief=brief, answers=answers_for(world))
    assert same.current_version.number == 1  # nothing changed, nothing written
    assert not Event.objects.filter(verb="brief.changed").exists()

    changed = services.save_answers(
        by=world.alice, brief=brief, answers={"key_message": "Even better."}, base_version=1
    )
    assert changed.current_version.number == 2
    retitled = services.save_answers(
        by=world.alice, brief=changed, answers={}, title="Spring launch", base_version=2
    )
    assert retitled.current_version.number == 3
    assert retitled.current_version.title == "Spring launch"
    first = BriefVersion.objects.get(brief=brief, number=1)
    assert first.answers["key_message"] == "Tastes as good as the one you love."  # never rewritten
    event = Event.objects.filter(verb="brief.changed").order_by("id").last()
    assert event.data == {"title": "Spring launch", "version": 3, "fields": ["Title"]}


def test_a_stale_save_is_refused_and_shows_what_changed(world, make_brief):
    brief = make_brief(S.SUBMITTED)
    services.save_answers(
        by=world.carol, brief=brief, answers={"key_message": "Fresh and new."}, base_version=1
    )
    with pytest.raises(StaleBrief) as stale:
        services.save_answers(
            by=world.alice, brief=brief, answers={"budget": "9000"}, base_version=1
        )
    assert [c.key for c in stale.value.changes] == ["key_message"]
    assert stale.value.status == 409
    brief.refresh_from_db()
    assert brief.answers["budget"] == "£12,000"  # the stale save changed nothing
    assert brief.current_version.number == 2


def test_submitting_with_required_answers_missing_names_them(world, template):
    brief = services.start_brief(by=world.carol, client=world.acme, template=template)
    brief = services.save_answers(
        by=world.carol, brief=brief, answers={"objective": "More sales", "budget": "5000"}
    )
    with pytest.raises(MissingAnswers) as missing:
        services.submit_brief(by=world.carol, brief=brief)
    assert "audience" in missing.value.keys and "objective" not in missing.value.keys
    assert "Who is it for?" in missing.value.message
    brief.refresh_from_db()
    assert brief.status == S.DRAFT and brief.answers["objective"] == "More sales"  # nothing lost


@pytest.mark.parametrize(
    ("key", "value"),
    [
        ("budget", "lots"),
        ("budget", "9" * 40),
        ("deadline", "next week"),
        ("deadline", "2027-02-30"),
        ("approver", "someone"),
        ("approver", "9" * 30),
        ("approver", "²"),
    ],
)
def test_answers_of_the_wrong_kind_are_refused(world, make_brief, key, value, gus):
    with pytest.raises(InvalidInput) as refused:
        services.save_answers(by=world.alice, brief=make_brief(S.DRAFT), answers={key: value})
    assert refused.value.field == key


def test_the_approver_must_be_an_approver_of_this_client(world, make_brief):
    brief = make_brief(S.DRAFT)
    for person in (world.ray, world.gus, world.alice):
        with pytest.raises(InvalidInput):
            services.save_answers(by=world.alice, brief=brief, answers={"approver": str(person.pk)})
    services.save_answers(by=world.alice, brief=brief, answers={"approver": str(world.carol.pk)})


def test_unknown_questions_are_refused(world, make_brief):
    with pytest.raises(InvalidInput, match="no question called"):
        services.save_answers(by=world.alice, brief=make_brief(S.DRAFT), answers={"nope": "x"})


# --- sign-off --------------------------------------------------------------------------------


def test_sign_off_records_the_sha256_of_exactly_what_was_signed(world, make_brief):
    brief = make_brief(S.PROPOSED)
    signed = services.sign_off(
        by=world.carol, brief=brief, version_number=1, sha256=brief.proposed_version.sha256
    )
    version = signed.version
    content = rules.version_content(
        title=version.title, questions=version.questions, answers=version.answers
    )
    expected = hashlib.sha256(events.canonical_json(content).encode()).hexdigest()
    assert signed.sha256 == expected == version.sha256
    assert signed.signed_by == world.carol and signed.is_current
    event = Event.objects.get(verb="brief.signed_off")
    assert event.actor_id == world.carol.pk
    assert event.target_type == "intake.brief" and event.target_id == str(brief.pk)
    assert event.client_id == world.acme.pk and event.audience == Audience.CLIENT
    assert event.data == {
        "title": brief.title,
        "version": 1,
        "sha256": expected,
        "sign_off": signed.pk,
    }


def test_change_after_sign_off_voids_it_and_needs_a_new_one(world, make_brief):
    brief = make_brief(S.SIGNED_OFF)
    first = SignOff.objects.get(brief=brief)
    brief = services.save_answers(
        by=world.alice,
        brief=brief,
        answers={"budget": "15000"},
        base_version=1,
        reason="The budget grew.",
    )
    first.refresh_from_db()
    assert first.is_current is False
    assert brief.status == S.SUBMITTED and brief.proposed_version is None
    with pytest.raises(IllegalTransition):
        start_job_from_brief(by=world.alice, brief=brief)
    with pytest.raises(IllegalTransition):
        services.sign_off(by=world.carol, brief=brief, version_number=2)

    brief = services.propose_for_sign_off(by=world.alice, brief=brief)
    second = services.sign_off(by=world.carol, brief=brief, version_number=2)
    assert second.version.number == 2 and second.sha256 != first.sha256
    assert list(SignOff.objects.filter(brief=brief, is_current=True)) == [second]
    job = start_job_from_brief(by=world.alice, brief=brief)
    assert job.brief_id == brief.pk


def test_a_stale_sign_off_is_refused_and_shows_what_changed(world, make_brief):
    brief = make_brief(S.PROPOSED)
    stale_sha = brief.proposed_version.sha256
    brief = services.save_answers(
        by=world.alice, brief=brief, answers={"key_message": "Even better."}
    )
    brief = services.propose_for_sign_off(by=world.alice, brief=brief)
    with pytest.raises(StaleBrief) as stale:
        services.sign_off(by=world.carol, brief=brief, version_number=1)
    assert [c.key for c in stale.value.changes] == ["key_message"]
    with pytest.raises(StaleBrief):
        services.sign_off(by=world.carol, brief=brief, version_number=2, sha256=stale_sha)
    assert not SignOff.objects.filter(brief=brief).exists()


@pytest.mark.parametrize("who", ["ray", "alice", "erin", "gus", "dan"])
def test_only_an_approver_of_the_client_signs_off(world, make_brief, who):
    brief = make_brief(S.PROPOSED)
    with pytest.raises(DomainError, match="Only an approver at Acme Foods"):
        services.sign_off(by=world.persona(who), brief=brief, version_number=1)
    brief.refresh_from_db()
    assert brief.status == S.PROPOSED


def test_access_refuses_sign_off_to_a_reviewer_and_hides_it_from_another_client(world, make_brief):
    brief = make_brief(S.PROPOSED)
    assert access.brief_for(world.carol, brief.pk, "sign_off") == brief
    with pytest.raises(PermissionDenied):
        access.brief_for(world.ray, brief.pk, "sign_off")
    with pytest.raises(Http404):
        access.brief_for(world.gus, brief.pk, "view")


def test_proposing_needs_an_approver(world, make_brief):
    brief = make_brief(S.SUBMITTED)
    Contact.objects.filter(client=world.acme, role=ContactRole.APPROVER).delete()
    with pytest.raises(DomainError, match="no approver"):
        services.propose_for_sign_off(by=world.alice, brief=brief)


@pytest.mark.parametrize("status", [S.DRAFT, S.SUBMITTED, S.PROPOSED, S.CANCELLED])
def test_converting_an_unsigned_brief_is_refused(world, make_brief, status):
    brief = make_brief(status)
    with pytest.raises(IllegalTransition):
        start_job_from_brief(by=world.alice, brief=brief)
    assert not Job.objects.filter(brief=brief).exists()


# --- requests --------------------------------------------------------------------------------


def test_contacts_file_requests_through_the_portal(world):
    request = services.submit_request(
        by=world.ray,
        client=world.acme,
        title="Menu card",
        what="A new menu card.",
        source=Request.Source.PHONE,
        requested_by=world.carol,
    )
    assert request.source == Request.Source.PORTAL
    assert request.requested_by == world.ray and request.logged_by is None
    event = Event.objects.get(verb="request.submitted")
    assert event.audience == Audience.CLIENT and event.data["source"] == "portal"


@pytest.mark.parametrize("source", ["phone", "meeting", "email", "other"])
def test_am_logs_a_request_with_its_source(world, source):
    request = services.submit_request(
        by=world.alice,
        client=world.acme,
        title="Menu card",
        what="A new menu card.",
        source=source,
        requested_by=world.carol,
    )
    assert request.source == source
    assert request.logged_by == world.alice and request.requested_by == world.carol


@pytest.mark.parametrize("source", [None, "", "portal", "carrier pigeon"])
def test_am_must_say_how_the_request_arrived(world, source):
    with pytest.raises(InvalidInput) as refused:
        services.submit_request(
            by=world.alice, client=world.acme, title="Menu", what="A menu.", source=source
        )
    assert refused.value.field == "source"


def test_requested_by_must_be_a_contact_of_that_client(world):
    for person in (world.gus, world.dan):
        with pytest.raises(InvalidInput) as refused:
            services.submit_request(
                by=world.alice,
                client=world.acme,
                title="Menu",
                what="A menu.",
                source="phone",
                requested_by=person,
            )
        assert refused.value.field == "requested_by"
    assert not Request.objects.exists()


@pytest.mark.parametrize(
    ("title", "what", "field"),
    [
        ("", "A menu.", "title"),
        ("x" * 161, "A menu.", "title"),
        ("Menu", "   ", "what"),
    ],
)
def test_a_request_needs_a_title_and_what_is_needed(world, title, what, field):
    with pytest.raises(InvalidInput) as refused:
        services.submit_request(by=world.carol, client=world.acme, title=title, what=what)
    assert refused.value.field == field


def test_needed_by_in_the_past_is_refused(world):
    with pytest.raises(InvalidInput):
        services.submit_request(
            by=world.carol,
            client=world.acme,
            title="Menu",
            what="A menu.",
            needed_by=timezone.localdate() - timedelta(days=1),
        )


def test_viewers_and_other_people_cannot_file_requests(world):
    viewer = _viewer(world)
    with pytest.raises(PermissionDenied):
        access.client_for_intake(viewer, world.acme.pk)
    with pytest.raises(PermissionDenied):
        access.client_for_intake(world.dan, world.acme.pk)
    with pytest.raises(Http404):
        access.client_for_intake(world.gus, world.acme.pk)
    with pytest.raises(Http404):
        access.client_for_intake(world.max, world.acme.pk)
    for person in (world.carol, world.ray, world.alice, world.erin):
        assert access.client_for_intake(person, world.acme.pk) == world.acme


@pytest.mark.parametrize("decision", ["decline", "park"])
def test_decline_and_park_need_a_courteous_reason_the_client_sees(world, decision):
    request = services.submit_request(
        by=world.carol, client=world.acme, title="Menu", what="A menu."
    )
    for reason in ("", "No.", "Too busy, sorry."):
        with pytest.raises(InvalidInput) as refused:
            services.decide_request(
                by=world.alice, request=request, decision=decision, reason=reason
            )
        assert refused.value.field == "reason"
    decided = services.decide_request(
        by=world.alice, request=request, decision=decision, reason=f"  {COURTEOUS}  "
    )
    assert decided.status == (R.DECLINED if decision == "decline" else R.PARKED)
    assert decided.status_reason == COURTEOUS
    event = Event.objects.get(verb=f"request.{decided.status}")
    assert event.audience == Audience.CLIENT
    assert event.data == {"title": "Menu", "reason": COURTEOUS}


def test_an_unknown_decision_is_refused(world):
    request = services.submit_request(
        by=world.carol, client=world.acme, title="Menu", what="A menu."
    )
    with pytest.raises(InvalidInput):
        services.decide_request(
            by=world.alice, request=request, decision="ignore", reason=COURTEOUS
        )


def test_reopening_clears_the_reason(world):
    request = services.submit_request(
        by=world.carol, client=world.acme, title="Menu", what="A menu."
    )
    services.decide_request(by=world.alice, request=request, decision="park", reason=COURTEOUS)
    reopened = services.reopen_request(by=world.alice, request=request)
    assert reopened.status == R.NEW and reopened.status_reason == ""


def test_a_brief_from_a_request_starts_from_what_the_client_said(world, template):
    request = services.submit_request(
        by=world.carol,
        client=world.acme,
        title="Spring posts",
        what="Posts for the launch.",
        why="New range.",
        needed_by=timezone.localdate() + timedelta(days=40),
    )
    brief = services.start_brief(
        by=world.alice, client=world.acme, template=template, request=request
    )
    assert brief.title == "Spring posts"
    assert brief.answers["background"] == "Posts for the launch.\n\nNew range."
    assert brief.answers["deadline"] == request.needed_by.isoformat()
    request.refresh_from_db()
    assert request.status == R.BRIEFING


def test_a_brief_cannot_take_another_clients_request(world, template):
    request = services.submit_request(by=world.gus, client=world.globex, title="Ads", what="Ads.")
    with pytest.raises(InvalidInput):
        services.start_brief(by=world.alice, client=world.acme, template=template, request=request)
    request.refresh_from_db()
    assert request.status == R.NEW


# --- attachments -----------------------------------------------------------------------------


def test_attachments_are_stored_by_what_they_contain(world):
    upload = SimpleUploadedFile("brief notes.PDF", PDF, content_type="text/plain")
    request = services.submit_request(
        by=world.carol, client=world.acme, title="Menu", what="A menu.", attachments=[upload]
    )
    attachment = Attachment.objects.get(request=request)
    assert attachment.original_name == "brief notes.PDF"
    assert attachment.content_type == "application/pdf"
    assert attachment.size == len(PDF)
    assert attachment.file.name.endswith(".pdf")
    assert attachment.file.name.startswith(f"requests/{world.acme.pk}/{request.pk}/")
    with attachment.file.open("rb") as stored:
        assert stored.read() == PDF


def test_too_many_attachments_are_refused(world, settings):
    settings.ATTACHMENTS_PER_REQUEST = 2
    files = [SimpleUploadedFile(f"{n}.pdf", PDF) for n in range(3)]
    with pytest.raises(InvalidInput, match="at most 2 files") as refused:
        services.submit_request(
            by=world.carol, client=world.acme, title="Menu", what="A menu.", attachments=files
        )
    assert refused.value.field == "attachments"
    assert not Request.objects.exists()


def test_too_large_an_attachment_is_refused(world, settings):
    settings.ATTACHMENT_MAX_BYTES = 1024 * 1024
    big = SimpleUploadedFile("big.pdf", PDF + b"0" * (1024 * 1024))
    with pytest.raises(InvalidInput, match=r"“big\.pdf” is too large: files can be up to 1 MB"):
        services.submit_request(
            by=world.carol, client=world.acme, title="Menu", what="A menu.", attachments=[big]
        )
    assert not Request.objects.exists() and not Attachment.objects.exists()


def test_an_attachment_of_the_wrong_type_is_refused(world):
    exe = SimpleUploadedFile("invoice.pdf", b"MZ\x90\x00\x03\x00\x00\x00" + bytes(200))
    with pytest.raises(InvalidInput, match="not a file type we accept"):
        services.submit_request(
            by=world.carol, client=world.acme, title="Menu", what="A menu.", attachments=[exe]
        )
    assert not Request.objects.exists()


# --- templates -------------------------------------------------------------------------------

SEEDED = [
    "Social campaign",
    "Display or print ad",
    "Video",
    "Website or landing page",
    "Email campaign",
    "Copywriting",
]


def test_six_seeded_templates_ask_sensible_questions(db):
    templates = list(BriefTemplate.objects.prefetch_related("questions"))
    assert len(templates) == 6
    assert len({t.name for t in templates}) == 6
    for template in templates:
        questions = list(template.questions.all())
        keys = [q.key for q in questions]
        assert len(keys) == len(set(keys)), template.name
        for key in ("objective", "audience", "key_message", "budget", "deadline", "approver"):
            assert key in keys, f"{template.name} does not ask for {key}"
        assert template.min_lead_days > 0 and template.description
        for question in questions:
            assert question.label.strip() and question.section.strip()
            assert question.help_text.strip(), f"{template.name}: {question.key} has no help"
        assert sum(1 for q in questions if q.example) >= len(questions) // 2
        kinds = {q.key: q.kind for q in questions}
        assert kinds["deadline"] == "date" and kinds["budget"] == "money"
        assert kinds["approver"] == "approver"


def test_seeded_template_names(db):
    names = set(BriefTemplate.objects.values_list("name", flat=True))
    assert len(names) == 6
    lowered = " ".join(sorted(names)).lower()
    for word in ("social", "video", "email", "copywriting"):
        assert word in lowered


def test_seeding_again_changes_nothing(db):
    assert services.seed_templates() == []
    assert BriefTemplate.objects.count() == 6


def _question(key: str = "objective", **extra: Any) -> dict[str, Any]:
    return {"key": key, "label": f"About {key}?", "section": "Why", **extra}


@pytest.mark.parametrize(
    ("questions", "message"),
    [
        ([], "at least one question"),
        ([_question("objective"), _question("objective")], "used twice"),
        ([_question("Bad Key")], "lower-case letters"),
        ([_question("1st")], "lower-case letters"),
        ([_question("ok", label="  ")], "needs a wording"),
        ([_question("ok", kind="essay")], "unknown kind"),
    ],
)
def test_save_template_refuses_bad_questions(erin, questions, message):
    with pytest.raises(InvalidInput, match=message):
        services.save_template(by=erin, template=None, name="Podcast", questions=questions)
    assert not BriefTemplate.objects.filter(name="Podcast").exists()


@pytest.mark.parametrize("name", ["Video", "video", "  VIDEO "])
def test_save_template_refuses_a_duplicate_name(erin, name):
    with pytest.raises(InvalidInput, match="already a template called") as refused:
        services.save_template(by=erin, template=None, name=name, questions=[_question()])
    assert refused.value.field == "name"


def test_save_template_refuses_no_name_and_odd_lead_times(erin):
    with pytest.raises(InvalidInput):
        services.save_template(by=erin, template=None, name=" ", questions=[_question()])
    with pytest.raises(InvalidInput):
        services.save_template(
            by=erin, template=None, name="Podcast", min_lead_days=400, questions=[_question()]
        )


def test_a_template_may_keep_its_own_name(erin):
    video = BriefTemplate.objects.get(name="Video")
    saved = services.save_template(
        by=erin, template=video, name="Video", min_lead_days=20, questions=[_question()]
    )
    assert saved.pk == video.pk and saved.min_lead_days == 20


def test_briefs_keep_their_questions_when_the_template_changes(world, template):
    brief = services.start_brief(by=world.alice, client=world.acme, template=template)
    before = list(brief.questions)
    services.save_template(
        by=world.erin,
        template=template,
        name="Social campaign",
        min_lead_days=3,
        questions=[_question("objective"), _question("hashtags")],
    )
    brief.refresh_from_db()
    assert brief.questions == before and brief.min_lead_days == 10
    newer = services.start_brief(by=world.alice, client=world.acme, template=template)
    assert [q["key"] for q in newer.questions] == ["objective", "hashtags"]
    assert newer.min_lead_days == 3
    assert Event.objects.filter(verb="brief_template.saved").count() == 1


def test_an_inactive_template_starts_no_brief(world, template):
    services.save_template(
        by=world.erin,
        template=template,
        name=template.name,
        is_active=False,
        questions=[_question()],
    )
    template.refresh_from_db()
    with pytest.raises(InvalidInput):
        services.start_brief(by=world.alice, client=world.acme, template=template)


# --- the audit trail -------------------------------------------------------------------------


def test_the_event_chain_verifies_after_the_whole_flow(world, template):
    request = services.submit_request(
        by=world.carol, client=world.acme, title="Spring posts", what="Posts for the launch."
    )
    brief = services.start_brief(
        by=world.carol, client=world.acme, template=template, request=request
    )
    brief = services.save_answers(by=world.carol, brief=brief, answers=answers_for(world))
    brief = services.submit_brief(by=world.carol, brief=brief)
    question = services.ask_question(by=world.alice, brief=brief, text="Which stores?")
    services.answer_question(by=world.carol, question=question, answer="Leeds and York.")
    brief = services.propose_for_sign_off(by=world.alice, brief=brief)
    services.sign_off(by=world.carol, brief=brief, version_number=1)
    start_job_from_brief(by=world.alice, brief=brief)
    verbs = list(Event.objects.order_by("id").values_list("verb", flat=True))
    assert verbs == [
        "request.submitted",
        "brief.started",
        "brief.submitted",
        "brief.question_asked",
        "brief.question_answered",
        "brief.proposed",
        "brief.signed_off",
        "job.started",
    ]
    report = events.verify_chain()
    assert report.intact and report.checked == len(verbs)


# --- fixes: issue 3 review -------------------------------------------------------------------


@pytest.mark.parametrize(
    ("typed", "stored"),
    [
        ("12000", "£12,000"),  # Acme's currency: the agency's default, GBP
        ("£12,000", "£12,000"),
        ("12,000 GBP", "£12,000"),
        ("USD 1,500.5", "$1,500.50"),
        ("€ 10 000", "€10,000"),
        ("10\u2009000", "£10,000"),  # a thin space between the thousands
        ("15k", "£15,000"),
        ("1.5m", "£1,500,000"),
        ("10000-15000", "£10,000–15,000"),
        ("10,000 – 15,000", "£10,000–15,000"),
        ("£10k to £15k", "£10,000–15,000"),
        ("12000.00", "£12,000"),
        ("chf 8000", "CHF 8,000"),
        ("¥150000", "¥150,000"),
    ],
)
def test_a_budget_is_stored_as_the_amount_the_client_meant(world, make_brief, typed, stored):
    brief = make_brief(S.DRAFT)
    brief = services.save_answers(by=world.carol, brief=brief, answers={"budget": typed})
    assert brief.answers["budget"] == stored


@pytest.mark.parametrize(
    "typed", ["12,5", "1e5", "-5000", "£-5", "1,2,3", "12.345", "about 10k", "15000-10000", "k"]
)
def test_a_budget_that_would_change_meaning_is_refused_by_name(world, make_brief, typed):
    brief = make_brief(S.DRAFT)
    with pytest.raises(InvalidInput) as refused:
        services.save_answers(by=world.carol, brief=brief, answers={"budget": typed})
    assert refused.value.field == "budget"
    assert f"“{typed}”" in refused.value.message and "15,000" in refused.value.message
    brief.refresh_from_db()
    assert brief.answers["budget"] == "£12,000"  # what was there stays


def test_titles_are_one_line_wherever_they_are_saved(world, template):
    request = services.submit_request(
        by=world.carol, client=world.acme, title="Spring\r\nlaunch\n\tposts", what="Posts."
    )
    assert request.title == "Spring launch posts"
    brief = services.start_brief(
        by=world.alice, client=world.acme, template=template, title="Oat\nlatte\r\n launch"
    )
    assert brief.title == "Oat latte launch"
    brief = services.save_answers(
        by=world.alice, brief=brief, answers={}, title="A\u2028new\ntitle"
    )
    assert brief.title == "A new title"
    with pytest.raises(InvalidInput):
        services.save_answers(by=world.alice, brief=brief, answers={}, title="\r\n \n")


def test_a_reason_keeps_its_paragraphs(world):
    request = services.submit_request(
        by=world.carol, client=world.acme, title="Menu cards", what="Cards."
    )
    reason = "Thank you for thinking of us.\n\nWe can pick this up in June."
    request = services.decide_request(
        by=world.alice, request=request, decision="park", reason=reason
    )
    assert request.status_reason == reason


def test_the_am_starting_a_brief_for_the_client_emails_its_contributors(
    world, template, mailoutbox, django_capture_on_commit_callbacks
):
    _viewer(world)
    with django_capture_on_commit_callbacks(execute=True):
        brief = services.start_brief(
            by=world.alice, client=world.acme, template=template, title="Oat latte launch"
        )
    assert brief.waiting_on == WaitingOn.CLIENT
    assert [m.to for m in mailoutbox] == [["carol@acme.test", "ray@acme.test"]]  # no viewer
    assert mailoutbox[0].subject == "Please fill in the brief: Oat latte launch"
    assert f"/intake/briefs/{brief.pk}/edit/" in mailoutbox[0].body


def test_a_brief_the_am_writes_or_the_client_starts_emails_nobody(
    world, template, mailoutbox, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        mine = services.start_brief(
            by=world.alice, client=world.acme, template=template, filled_by="agency"
        )
        theirs = services.start_brief(by=world.carol, client=world.acme, template=template)
    assert (mine.waiting_on, theirs.waiting_on) == (WaitingOn.AGENCY, WaitingOn.CLIENT)
    assert mailoutbox == []


def test_a_contact_cannot_hand_their_brief_to_the_agency(world, template):
    with pytest.raises(InvalidInput) as refused:
        services.start_brief(
            by=world.carol, client=world.acme, template=template, filled_by="agency"
        )
    assert refused.value.field == "filled_by"
    assert not Brief.objects.exists()


def test_cancelling_a_brief_puts_its_request_back_as_new(world, template):
    request = services.submit_request(
        by=world.carol, client=world.acme, title="Posts", what="Posts for the launch."
    )
    brief = services.start_brief(
        by=world.alice, client=world.acme, template=template, request=request
    )
    services.cancel_brief(by=world.alice, brief=brief, reason="Merged into the summer brief.")
    request.refresh_from_db()
    brief.refresh_from_db()
    assert request.status == R.NEW
    assert brief.request_id is None
    assert Event.objects.get(verb="brief.cancelled").data["request"] == request.pk
    again = services.start_brief(
        by=world.alice, client=world.acme, template=template, request=request
    )
    assert again.request_id == request.pk


def test_a_request_being_briefed_is_not_reopened_past_its_brief(world, template):
    request = services.submit_request(
        by=world.carol, client=world.acme, title="Posts", what="Posts for the launch."
    )
    services.start_brief(by=world.alice, client=world.acme, template=template, request=request)
    with pytest.raises(IllegalTransition):
        services.reopen_request(by=world.alice, request=request)
    request.refresh_from_db()
    assert request.status == R.BRIEFING


@pytest.mark.parametrize("status", [S.CANCELLED, S.CONVERTED])
def test_a_question_on_a_closed_brief_cannot_be_answered(world, make_brief, status):
    brief = make_brief(S.SUBMITTED)
    question = services.ask_question(by=world.alice, brief=brief, text="Which stores?")
    if status == S.CANCELLED:
        services.cancel_brief(by=world.alice, brief=brief)
    else:
        services.answer_question(by=world.carol, question=question, answer="Leeds.")
        brief = services.propose_for_sign_off(by=world.alice, brief=brief)
        question = services.ask_question(by=world.alice, brief=brief, text="And York?")
        services.sign_off(by=world.carol, brief=brief, version_number=1)
        start_job_from_brief(by=world.alice, brief=brief)
    with pytest.raises(IllegalTransition):
        services.answer_question(by=world.carol, question=question, answer="Leeds.")
    question.refresh_from_db()
    assert question.answered_at is None and question.answer == ""


def test_editing_a_proposed_brief_with_a_question_open_waits_on_the_client(world, make_brief):
    from accord.intake import queries

    brief = make_brief(S.PROPOSED)
    services.ask_question(by=world.alice, brief=brief, text="Logo on reels too?")
    services.save_answers(by=world.alice, brief=brief, answers={"tone": "Bolder."})
    brief.refresh_from_db()
    assert (brief.status, brief.waiting_on) == (S.SUBMITTED, WaitingOn.CLIENT)
    queue = queries.intake_queue(world.alice)
    assert queue.ready_for_sign_off == [] and queue.counts["ready_for_sign_off"] == 0
    assert [b.pk for b in queue.waiting_on_client] == [brief.pk]


def test_a_submitted_brief_with_an_open_question_is_not_ready_for_sign_off(world, make_brief):
    from accord.intake import queries

    brief = make_brief(S.SUBMITTED)
    services.ask_question(by=world.alice, brief=brief, text="Which stores?")
    # However the ball came to be with the agency, an open question keeps it from sign-off.
    Brief.objects.filter(pk=brief.pk).update(waiting_on=WaitingOn.AGENCY)
    queue = queries.intake_queue(world.alice)
    assert queue.ready_for_sign_off == [] and queue.counts["ready_for_sign_off"] == 0
    counts, items = queries.intake_summary(world.alice)
    assert counts["ready_for_sign_off"] == 0 and items == []


def test_editing_a_proposed_brief_with_nothing_open_waits_on_the_agency(world, make_brief):
    brief = make_brief(S.PROPOSED)
    services.save_answers(by=world.alice, brief=brief, answers={"tone": "Bolder."})
    assert _waiting(brief)[0] == WaitingOn.AGENCY


def test_the_am_writes_internal_notes_and_only_the_agency_hears_of_it(world, make_brief):
    brief = make_brief(S.SUBMITTED)
    brief = services.save_internal_notes(
        by=world.alice, brief=brief, notes="  Margin is thin: two rounds.\x00 "
    )
    brief.refresh_from_db()
    assert brief.internal_notes == "Margin is thin: two rounds."
    event = Event.objects.get(verb="brief.notes_changed")
    assert event.audience == Audience.INTERNAL
    assert "Margin" not in str(event.data)


@pytest.mark.parametrize("persona", ["carol", "ray", "dan", "max"])
def test_only_those_who_run_the_intake_write_internal_notes(world, make_brief, persona):
    brief = make_brief(S.SIGNED_OFF)
    with pytest.raises(PermissionDenied):
        services.save_internal_notes(by=world.persona(persona), brief=brief, notes="Hello.")
    brief.refresh_from_db()
    assert brief.internal_notes == ""
    assert not Event.objects.filter(verb="brief.notes_changed").exists()
