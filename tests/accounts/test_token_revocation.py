"""A new password ends every way in that the old one opened: sessions and API tokens alike."""

import io
import re

from django.contrib.auth.tokens import default_token_generator
from django.core import mail
from django.core.management import call_command
from django.test import Client as HttpClient
from django.urls import reverse
from django.utils.encoding import force_bytes
from django.utils.http import urlsafe_base64_encode

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


def _link(user) -> str:
    """The set-password link of an invitation; a reset email carries the same kind of token."""
    uid = urlsafe_base64_encode(force_bytes(user.pk))
    token = default_token_generator.make_token(user)
    return reverse("accounts:accept_invitation", args=[uid, token])


def test_an_invitation_link_does_not_work_for_someone_who_has_a_password(client, alice):
    _, plaintext = services.create_api_token(user=alice, name="laptop")
    url = _link(alice)  # e.g. the token of a reset email, put into the invitation address
    assert client.get(url).status_code == 400
    response = client.post(url, {"new_password1": NEW, "new_password2": NEW})
    assert response.status_code == 400
    alice.refresh_from_db()
    assert alice.check_password(PASSWORD)
    assert _api_status(plaintext) == 200


def test_accepting_an_invitation_revokes_any_api_token(alice):
    # A token made for someone who never set a password (by an admin, on the command line).
    alice.set_unusable_password()
    alice.save(update_fields=["password"])
    token, plaintext = services.create_api_token(user=alice, name="made before")
    services.accept_invitation(user=alice, password=NEW)
    assert _api_status(plaintext) == 401
    token.refresh_from_db()
    assert token.revoked_at is not None


def test_the_changepassword_command_revokes_api_tokens(alice, monkeypatch):
    _, plaintext = services.create_api_token(user=alice, name="laptop")
    monkeypatch.setattr("getpass.getpass", lambda prompt="": NEW)
    out = io.StringIO()
    call_command("changepassword", alice.email, stdout=out)
    alice.refresh_from_db()
    assert alice.check_password(NEW)
    assert _api_status(plaintext) == 401
    assert Event.objects.filter(verb="password.changed", target_id=str(alice.pk)).exists()
    assert "changed" in out.getvalue()
