"""A new password ends every way in that the old one opened: sessions and API tokens alike."""

import re

from django.core import mail
from django.test import Client as HttpClient
from django.urls import reverse

from accord.accounts import services
from accord.accounts.models import ApiToken
from accord.core.models import Event
from tests.conftest import PASSWORD

NEW = "a-brand-new-passphrase"


def _api_status(token: str) -> int:
    return HttpClient().get("/api/v1/me", headers={"Authorization": f"Bearer {token}"}).status_code


def test_changing_the_password_revokes_every_api_token(client, alice):
    token, plaintext = services.create_api_token(user=alice, name="laptop")
    assert _api_status(plaintext) == 200
    client.force_login(alice)
    response = client.post(
        reverse("accounts:password_change"),
        {"old_password": PASSWORD, "new_password1": NEW, "new_password2": NEW},
    )
    assert response.status_code == 302
    assert _api_status(plaintext) == 401
    token.refresh_from_db()
    assert token.revoked_at is not None
    assert Event.objects.filter(verb="api_token.revoked", target_id=str(token.pk)).exists()


def test_a_password_reset_revokes_every_api_token(
    client, alice, dan, django_capture_on_commit_callbacks
):
    _, alices = services.create_api_token(user=alice, name="script")
    _, dans = services.create_api_token(user=dan, name="other person")
    with django_capture_on_commit_callbacks(execute=True):
        client.post(reverse("accounts:password_reset"), {"email": alice.email})
    link = re.search(r"https?://\S+(/password/reset/\S+/\S+/)", mail.outbox[0].body).group(1)
    form = client.get(link, follow=True).redirect_chain[-1][0]
    response = client.post(form, {"new_password1": NEW, "new_password2": NEW})
    assert response["Location"] == reverse("accounts:password_reset_complete")
    assert _api_status(alices) == 401
    assert _api_status(dans) == 200  # only the person whose password changed
    assert not ApiToken.objects.filter(user=alice, revoked_at__isnull=True).exists()
