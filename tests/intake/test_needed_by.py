"""The request lists and the queue show the date a request is needed by, flag the overdue ones
and sort by that date, in a bounded number of queries."""

from datetime import timedelta
from typing import Any

from django.urls import reverse
from django.utils import timezone

from accord.intake import queries, services
from accord.intake.models import Request

R = Request.Status


def _filed(world: Any, title: str, days: int | None) -> Request:
    today = timezone.localdate()
    request = services.submit_request(
        by=world.carol,
        client=world.acme,
        title=title,
        what="Posts for the launch.",
        needed_by=today + timedelta(days=days) if days is not None and days >= 0 else None,
    )
    if days is not None and days < 0:  # filed before, now past its date
        Request.objects.filter(pk=request.pk).update(needed_by=today + timedelta(days=days))
    return request


def _titles(items: Any) -> list[str]:
    return [item.title for item in items]


def test_overdue_is_a_past_date_on_a_request_still_open(world):
    late = _filed(world, "Late", -2)
    assert Request.objects.get(pk=late.pk).is_overdue
    for status in (R.DELIVERED, R.DECLINED, R.PARKED):
        Request.objects.filter(pk=late.pk).update(status=status)
        assert not Request.objects.get(pk=late.pk).is_overdue
    assert not Request.objects.get(pk=_filed(world, "Later", 3).pk).is_overdue
    assert not Request.objects.get(pk=_filed(world, "Whenever", None).pk).is_overdue


def test_lists_sort_by_the_date_needed_with_undated_ones_last(world):
    for title, days in (("Whenever", None), ("Next week", 7), ("Late", -1), ("Tomorrow", 1)):
        _filed(world, title, days)
    by_date = queries.requests_of(world.alice, sort="needed_by")
    assert _titles(by_date) == ["Late", "Tomorrow", "Next week", "Whenever"]
    assert _titles(queries.requests_of(world.alice, overdue=True)) == ["Late"]
    assert [r.overdue for r in by_date] == [True, False, False, False]


def test_the_request_list_flags_overdue_and_sorts(client, world, django_assert_max_num_queries):
    for n in range(3):
        _filed(world, f"Late {n}", -1 - n)
    _filed(world, "Next week", 7)
    client.force_login(world.carol)
    url = reverse("intake:request_list")
    page = client.get(url, {"sort": "needed_by"}).text
    assert page.index("Late 2") < page.index("Late 0") < page.index("Next week")
    assert page.count(">Overdue<") == 3
    only = client.get(url, {"overdue": "on"}).text
    assert "Late 1" in only and "Next week" not in only
    with django_assert_max_num_queries(12) as few:
        client.get(url, {"sort": "needed_by"})
    for n in range(10):
        _filed(world, f"More {n}", n)
    with django_assert_max_num_queries(len(few.captured_queries)):
        client.get(url, {"sort": "needed_by"})


def test_the_queue_shows_the_date_needed_and_sorts_by_it(client, world):
    _filed(world, "Filed first, needed later", 20)
    _filed(world, "Filed second, overdue", -1)
    client.force_login(world.alice)
    oldest = client.get(reverse("intake:queue")).text
    assert oldest.index("Filed first") < oldest.index("Filed second")
    assert "needed by" in oldest and ">Overdue<" in oldest
    soonest = client.get(reverse("intake:queue"), {"requests": "needed_by"}).text
    assert soonest.index("Filed second") < soonest.index("Filed first")
