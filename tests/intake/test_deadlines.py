"""The brief list and the queue show each brief's deadline, flag the overdue, sort by it."""

from datetime import timedelta

from django.utils import timezone

from accord.intake.models import Brief, ClarifyingQuestion, WaitingOn
from tests.api.test_intake_lists import add_intake
from tests.intake.view_helpers import url


def _dated(world, n: int = 4) -> list[Brief]:
    """Acme's briefs with deadlines: one past, the rest ahead, one without."""
    add_intake(world, n)
    today = timezone.localdate()
    briefs = list(Brief.objects.filter(client=world.acme).order_by("pk"))
    for number, brief in enumerate(briefs):
        brief.deadline = None if number == 1 else today + timedelta(days=30 - 7 * number)
        brief.status = Brief.Status.SUBMITTED if number < 6 else brief.status
    Brief.objects.bulk_update(briefs, ["deadline", "status"])
    return briefs


def test_the_list_shows_deadlines_and_flags_the_overdue(client, world):
    briefs = _dated(world)
    overdue = next(b for b in briefs if b.deadline and b.deadline < timezone.localdate())
    client.force_login(world.alice)
    page = client.get(url("brief_list")).text
    assert "Needed by" in page
    assert f'<time datetime="{overdue.deadline:%Y-%m-%d}">' in page
    assert page.count(">Overdue</span>") == sum(
        1 for b in briefs if b.is_overdue(timezone.localdate())
    )


def test_a_brief_in_work_or_cancelled_is_not_overdue(world):
    today = timezone.localdate()
    brief = Brief(deadline=today - timedelta(days=1), status=Brief.Status.SUBMITTED)
    assert brief.is_overdue(today)
    for status in (Brief.Status.CONVERTED, Brief.Status.CANCELLED):
        assert not Brief(deadline=brief.deadline, status=status).is_overdue(today)
    assert not Brief(deadline=today, status=Brief.Status.DRAFT).is_overdue(today)


def test_the_list_sorts_by_deadline_soonest_first_undated_last(
    client, world, django_assert_max_num_queries
):
    _dated(world, 10)
    client.force_login(world.alice)
    client.get(url("brief_list"))  # the session's first use
    with django_assert_max_num_queries(8):
        page = client.get(url("brief_list"), {"sort": "deadline"}, headers={"HX-Request": "true"})
    rows = page.text.split('class="table__primary"')[1:]
    shown = [row.split(">", 1)[1].split("<", 1)[0] for row in rows]
    briefs = Brief.objects.filter(client=world.acme)
    dated = list(briefs.exclude(deadline=None).order_by("deadline", "-updated_at"))
    assert len(shown) == min(briefs.count(), 25)
    assert shown[: len(dated)] == [b.title for b in dated][: len(shown)]
    assert set(shown[len(dated) :]) <= set(
        briefs.filter(deadline=None).values_list("title", flat=True)
    )
    assert 'value="deadline" selected' in client.get(url("brief_list"), {"sort": "deadline"}).text


def test_a_bad_sort_is_the_default_order(client, world):
    _dated(world)
    client.force_login(world.alice)
    assert client.get(url("brief_list"), {"sort": "' OR 1=1"}).status_code == 200


def test_the_queue_shows_deadlines_and_sorts_by_them(client, world, django_assert_max_num_queries):
    briefs = _dated(world, 1)
    ClarifyingQuestion.objects.all().delete()
    today, now = timezone.localdate(), timezone.now()
    for number, (brief, days) in enumerate(zip(briefs, [30, None, 5, -2], strict=True)):
        brief.status, brief.waiting_on = Brief.Status.SUBMITTED, WaitingOn.AGENCY
        brief.waiting_since = now - timedelta(days=10 - number)
        brief.deadline = None if days is None else today + timedelta(days=days)
    Brief.objects.bulk_update(briefs, ["status", "waiting_on", "waiting_since", "deadline"])
    client.force_login(world.alice)
    client.get(url("queue"))
    with django_assert_max_num_queries(12):
        by_age = client.get(url("queue")).text
    assert "Needed by" in by_age and by_age.count(">Overdue</span>") == 1

    def order(page: str) -> list[int]:
        return sorted(range(4), key=lambda i: page.index(f">{briefs[i].title}<"))

    assert order(by_age) == [0, 1, 2, 3]
    by_deadline = client.get(url("queue"), {"sort": "deadline"}).text
    assert "briefs by deadline, soonest first" in by_deadline
    assert order(by_deadline) == [3, 2, 0, 1]
