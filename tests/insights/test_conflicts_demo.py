"""The demo's conflicting feedback: on Acme's launch post waiting on the client, Carol asks for a
bigger logo and Ray for a smaller one; Alice is told and sees it on her Today and the review
page; Carol and Dan never do; loading again adds nothing."""

from io import StringIO

from django.core.management import call_command
from django.urls import reverse

from accord.accounts.models import User
from accord.core.models import Notification
from accord.home import today
from accord.insights.models import FeedbackConflict


def test_the_demo_has_carol_and_ray_pulling_the_logo_two_ways(db, settings, tmp_path, client):
    settings.MEDIA_ROOT = tmp_path
    out = StringIO()
    call_command("demo", "--yes-create-demo-accounts", stdout=out)
    assert "Demo conflicting feedback: 1 conflict in Acme's feedback." in out.getvalue()
    conflict = FeedbackConflict.objects.select_related("deliverable").get()
    assert conflict.summary == "Carol asks for a bigger logo; Ray for a smaller one."
    assert (conflict.deliverable.title, conflict.status, conflict.element) == (
        "Post 1",
        "open",
        "logo",
    )
    alice = User.objects.get(email="alice@northwind.test")
    assert Notification.objects.filter(user=alice, kind="insights.conflict").count() == 1
    assert any(i.kind == "conflict" for i in today.of(alice).items)
    page = reverse("reviews:deliverable", args=[conflict.deliverable_id])
    client.force_login(alice)
    assert conflict.summary in client.get(page).content.decode()
    for email in ("carol@acme.test", "dan@northwind.test"):
        client.force_login(User.objects.get(email=email))
        assert conflict.summary not in client.get(page).content.decode()
    call_command("demo", "--yes-create-demo-accounts", stdout=StringIO())
    assert FeedbackConflict.objects.count() == 1
