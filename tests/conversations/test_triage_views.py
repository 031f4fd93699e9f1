"""The triage page: who asked is one of the chosen client's contacts."""

from django.urls import reverse

from accord.intake.models import Request
from tests.conversations.test_inbound import raw_mail, receive


def test_a_request_asked_by_another_clients_contact_is_refused_on_its_field(client, world):
    to = "hello@reply.localhost"
    email = receive(raw_mail(to=to, sender="x@nowhere.test"), to=to, envelope="x@nowhere.test")
    assert email.client is None
    client.force_login(world.erin)
    url = reverse("conversations:triage_sort", args=[email.pk])
    data = {"action": "request", "request-client": world.acme.pk, "request-contact": world.gus.pk}
    response = client.post(url, data)
    assert response.status_code == 422
    assert "not one of Acme Foods" in response.content.decode()
    assert not Request.objects.exists()


def test_the_asked_by_choices_are_the_emails_clients_contacts(client, world):
    to = "hello@reply.localhost"
    email = receive(raw_mail(to=to), to=to)
    assert email.client == world.acme
    client.force_login(world.erin)
    response = client.get(reverse("conversations:triage_email", args=[email.pk]))
    choices = dict(response.context["request_form"].fields["contact"].choices)
    assert set(choices) == {world.carol.pk, world.ray.pk}
