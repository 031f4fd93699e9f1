"""notify() and each person's choice of email per kind: right away, in a digest, or none."""

from datetime import UTC, datetime
from zoneinfo import ZoneInfo

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from accord.core import notification_settings as choices
from accord.core.errors import InvalidInput
from accord.core.models import Event, Notification, NotificationPreference, OutboundEmail
from accord.core.notify import PersonalEmail, next_digest_at, notify


def _review(people, **extra):
    return notify(
        people=people,
        kind="review.requested",
        text="Please review “Spring posters” (version 2).",
        url="/reviews/deliverables/7/",
        client_id=extra.pop("client_id", None),
        **extra,
    )


def _emails_to(person) -> list[OutboundEmail]:
    return [e for e in OutboundEmail.objects.order_by("pk") if e.to == [person.email]]


def test_by_default_each_notification_is_emailed_right_away_with_a_way_to_stop_it(world):
    (row,) = _review([world.carol])
    (email,) = _emails_to(world.carol)
    assert email.subject == row.text and row.digest_due_at is None
    assert "/notifications/unsubscribe/" in email.headers["List-Unsubscribe"]
    assert email.headers["List-Unsubscribe-Post"] == "List-Unsubscribe=One-Click"
    link = email.headers["List-Unsubscribe"].strip("<>")
    assert link in email.text and "/notifications/settings/" in email.text
    assert "Your review is asked for" in email.text  # the kind, in words


def test_each_person_gets_it_as_they_chose(world):
    choices.choose(user=world.carol, choices={"review.requested": "digest"})
    choices.choose(user=world.ray, choices={"review.requested": "off"})
    rows = {r.user_id: r for r in _review([world.alice, world.carol, world.ray])}
    assert len(rows) == 3  # everyone's list has it
    assert len(_emails_to(world.alice)) == 1
    assert _emails_to(world.carol) == [] and _emails_to(world.ray) == []
    assert rows[world.carol.pk].digest_due_at is not None
    assert rows[world.ray.pk].digest_due_at is None
    assert rows[world.alice.pk].digest_due_at is None


def test_a_choice_is_for_one_kind_only(world):
    choices.choose(user=world.dan, choices={"task.assigned": "off"})
    notify(people=[world.dan], kind="task.due_moved", text="Your task moved.")
    assert len(_emails_to(world.dan)) == 1


def test_everyone_s_choices_are_read_in_one_query(world):
    people = [world.erin, world.alice, world.max, world.carol, world.ray, world.gus]
    choices.choose(user=world.ray, choices={"review.requested": "digest"})
    with CaptureQueriesContext(connection) as queries:
        _review(people)
    reads = [q["sql"] for q in queries if "core_notificationpreference" in q["sql"]]
    assert len(reads) == 1


def test_nobody_is_told_of_their_own_action_nor_a_deactivated_person(world):
    world.ray.is_active = False
    rows = _review([world.alice, world.carol, world.ray], actor=world.alice)
    assert [r.user_id for r in rows] == [world.carol.pk]
    assert _emails_to(world.alice) == [] and _emails_to(world.ray) == []


def test_the_list_only_when_the_caller_says_so(world):
    (row,) = _review([world.carol], email=False)
    assert not OutboundEmail.objects.exists() and row.digest_due_at is None


def test_a_caller_makes_each_person_s_own_email(world):
    made_for = []

    def personal(person):
        made_for.append(person.pk)
        return PersonalEmail(
            context={"details": f"Reply to this email, {person.first_name}."},
            headers={
                "In-Reply-To": "<thread-1@accord.test>",
                "References": "<thread-1@accord.test>",
            },
            reply_to=f"reply+{person.pk}@reply.accord.test",
            message_id=f"n{person.pk}@accord.test",
            subject="Re: Spring posters",
        )

    choices.choose(user=world.ray, choices={"review.requested": "digest"})
    _review([world.carol, world.ray], personal=personal)
    assert made_for == [world.carol.pk]  # only for an email sent now
    (email,) = _emails_to(world.carol)
    assert email.subject == "Re: Spring posters"
    assert email.reply_to == f"reply+{world.carol.pk}@reply.accord.test"
    assert email.message_id == f"<n{world.carol.pk}@accord.test>"
    assert email.headers["In-Reply-To"] == "<thread-1@accord.test>"
    assert "List-Unsubscribe" in email.headers  # the hook's headers add to the unsubscribe
    assert "Reply to this email, Carol." in email.text


# --- Choosing --------------------------------------------------------------------------------


def test_a_choice_is_saved_once_per_kind_and_recorded(world):
    choices.choose(user=world.carol, choices={"review.requested": "digest"})
    choices.choose(user=world.carol, choices={"review.requested": "off", "review.comment": "off"})
    assert NotificationPreference.objects.filter(user=world.carol).count() == 2
    mine = choices.choices_of(world.carol)
    assert mine["review.requested"] == "off" and mine["review.nudged"] == "immediate"
    event = Event.objects.filter(verb="notifications.chosen").order_by("-id").first()
    assert event.data == {
        "email": {"review.requested": "off", "review.comment": "off"},
        "via": "settings",
    }


def test_choosing_what_is_already_so_changes_nothing(world):
    choices.choose(user=world.carol, choices={"review.requested": "immediate"})
    assert not NotificationPreference.objects.exists()
    assert not Event.objects.filter(verb="notifications.chosen").exists()


@pytest.mark.parametrize(
    ("person", "chosen", "message"),
    [
        ("carol", {"task.assigned": "off"}, "no notifications of the kind “task.assigned”"),
        ("dan", {"made.up": "off"}, "no notifications of the kind"),
        ("dan", {"task.assigned": "weekly"}, "Choose one of immediate, digest, off"),
    ],
)
def test_a_choice_that_cannot_be_is_refused_whole(world, person, chosen, message):
    with pytest.raises(InvalidInput, match=message) as refused:
        choices.choose(user=world.persona(person), choices={"review.comment": "off", **chosen})
    assert refused.value.field == next(iter(chosen))
    assert not NotificationPreference.objects.exists()


def test_turning_a_kind_off_takes_it_out_of_the_digests_to_come(world):
    choices.choose(user=world.carol, choices={"review.requested": "digest"})
    (row,) = _review([world.carol])
    choices.choose(user=world.carol, choices={"review.requested": "off"})
    row.refresh_from_db()
    assert row.digest_due_at is None
    assert Notification.objects.filter(pk=row.pk).exists()  # still listed


# --- The digest hour -------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("now", "expected"),
    [
        (datetime(2027, 3, 1, 7, 59, tzinfo=UTC), datetime(2027, 3, 1, 8, 0, tzinfo=UTC)),
        (datetime(2027, 3, 1, 8, 0, tzinfo=UTC), datetime(2027, 3, 2, 8, 0, tzinfo=UTC)),
        (datetime(2027, 3, 1, 23, 30, tzinfo=UTC), datetime(2027, 3, 2, 8, 0, tzinfo=UTC)),
    ],
)
def test_a_digest_is_due_at_the_next_digest_hour(settings, now, expected):
    settings.TIME_ZONE, settings.DIGEST_HOUR = "UTC", 8
    assert next_digest_at(now) == expected


def test_the_digest_hour_is_in_the_agency_s_time_zone(settings):
    settings.TIME_ZONE, settings.DIGEST_HOUR = "Europe/London", 8
    london = ZoneInfo("Europe/London")
    # 07:30 UTC in summer is 08:30 in London: past today's digest, so tomorrow's.
    due = next_digest_at(datetime(2027, 7, 1, 7, 30, tzinfo=UTC))
    assert due == datetime(2027, 7, 2, 8, 0, tzinfo=london)
    assert due.astimezone(UTC).hour == 7


@pytest.mark.parametrize("hour", ["24", "-1"])
def test_a_digest_hour_that_is_not_an_hour_is_refused_at_start(tmp_path, hour):
    from tests.test_settings import _env, _python

    result = _python("import accord.settings", _env(tmp_path, ACCORD_DIGEST_HOUR=hour))
    assert result.returncode != 0
    assert f"ACCORD_DIGEST_HOUR must be an hour from 0 to 23, not {hour}" in result.stderr
