"""The bell and the notifications list: a person's own notifications, newest first."""

from django.urls import reverse

from accord.core.models import Notification
from accord.core.notify import notify

LIST = reverse("notifications:list")


def _tell(person, text, *, url="/jobs/1/", actor=None):
    return notify(
        people=[person], kind="task.assigned", text=text, url=url, actor=actor, email=False
    )[0]


def test_the_bell_shows_the_unread_count_to_staff_and_client_contacts(client, world):
    for n in range(3):
        _tell(world.dan, f"Note {n}")
    notify(people=[world.carol], kind="review.requested", text="Please review", email=False)
    client.force_login(world.dan)
    page = client.get(reverse("home:index")).text
    assert 'aria-label="Notifications: 3 unread"' in page
    assert '<span class="bell__count" aria-hidden="true">3</span>' in page
    client.force_login(world.carol)
    page = client.get(reverse("home:index")).text
    assert 'aria-label="Notifications: 1 unread"' in page
    client.force_login(world.ray)
    assert 'class="bell"' in client.get(reverse("home:index")).text


def test_a_client_contact_reads_and_opens_their_notifications(client, world):
    (row,) = notify(
        people=[world.carol],
        kind="review.requested",
        text="Please review",
        url="/reviews/",
        email=False,
    )
    client.force_login(world.carol)
    assert "Please review" in client.get(LIST).text
    opened = client.get(reverse("notifications:open", kwargs={"notification_id": row.pk}))
    assert opened["Location"] == "/reviews/"


def test_an_empty_list_says_what_will_come_in_each_one_s_words(client, world):
    client.force_login(world.dan)
    assert "When you are given a task" in client.get(LIST).text
    client.force_login(world.carol)
    page = client.get(LIST).text
    assert "When the agency has something for you" in page and "given a task" not in page


def test_the_list_is_newest_first_marks_unread_and_shows_only_mine(client, world):
    first = _tell(world.dan, "First thing")
    second = _tell(world.dan, "Second thing")
    _tell(world.cora, "Cora's thing")
    Notification.objects.filter(pk=first.pk).update(read_at=second.created_at)
    client.force_login(world.dan)
    page = client.get(LIST).text
    assert page.index("Second thing") < page.index("First thing")
    assert "Cora's thing" not in page
    assert page.count("notification--unread") == 1


def test_opening_a_notification_marks_it_read_and_goes_to_its_page(client, world):
    row = _tell(world.dan, "Your task", url="/jobs/7/")
    client.force_login(world.dan)
    response = client.get(reverse("notifications:open", kwargs={"notification_id": row.pk}))
    assert response.status_code == 302 and response["Location"] == "/jobs/7/"
    row.refresh_from_db()
    assert row.read_at is not None


def test_a_notification_never_sends_anyone_off_site(client, world):
    row = _tell(world.dan, "Odd", url="https://evil.example/")
    client.force_login(world.dan)
    response = client.get(reverse("notifications:open", kwargs={"notification_id": row.pk}))
    assert response["Location"] == LIST


def test_someone_else_s_notification_is_404(client, world):
    row = _tell(world.dan, "Dan's")
    client.force_login(world.cora)
    for name in ("notifications:open", "notifications:read"):
        url = reverse(name, kwargs={"notification_id": row.pk})
        response = client.get(url) if name.endswith("open") else client.post(url)
        assert response.status_code == 404
    row.refresh_from_db()
    assert row.read_at is None


def test_mark_one_read_in_place_with_htmx_and_all_read(client, world):
    one = _tell(world.dan, "One")
    _tell(world.dan, "Two")
    client.force_login(world.dan)
    url = reverse("notifications:read", kwargs={"notification_id": one.pk})
    fragment = client.post(url, headers={"HX-Request": "true"})
    assert fragment.status_code == 200
    assert 'id="notification-' in fragment.text and "notification--unread" not in fragment.text
    assert Notification.objects.filter(user=world.dan, read_at__isnull=True).count() == 1
    assert client.post(reverse("notifications:read_all")).status_code == 302
    assert not Notification.objects.filter(user=world.dan, read_at__isnull=True).exists()


def test_the_list_reads_in_constant_queries(client, world, django_assert_max_num_queries):
    for n in range(40):
        _tell(world.dan, f"Note {n}", actor=world.alice)
    client.force_login(world.dan)
    with django_assert_max_num_queries(6):
        response = client.get(LIST)
    assert "Showing 1–25 of 40" in response.text
