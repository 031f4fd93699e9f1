"""`accord token create EMAIL [--name NAME]`: a token printed once, only its hash kept."""

import pytest
from django.core.management import call_command
from django.core.management.base import CommandError

from accord.accounts import services
from accord.accounts.models import ApiToken
from accord.core.secrets import hash_secret


def test_alice_gets_a_token_printed_once(alice, capsys):
    call_command("token", "create", "Alice@Northwind.test", "--name", "Zapier")
    out, err = capsys.readouterr()
    plaintext = out.strip()
    token = ApiToken.objects.get(user=alice)
    assert token.name == "Zapier"
    assert token.token_hash == hash_secret(plaintext)
    assert services.user_for_token(plaintext) == alice
    assert "not show it again" in err or "cannot show it again" in err
    assert plaintext not in err


def test_a_token_without_a_name_gets_one(alice, capsys):
    call_command("token", "create", "alice@northwind.test")
    assert ApiToken.objects.get(user=alice).name == "Command line"


def test_an_unknown_email_is_an_error(world):
    with pytest.raises(CommandError, match=r"nobody@northwind\.test") as caught:
        call_command("token", "create", "nobody@northwind.test")
    assert caught.value.returncode == 1
    assert not ApiToken.objects.exists()


def test_a_deactivated_person_gets_no_token(erin, dan):
    services.update_staff(by=erin, user=dan, is_active=False)
    with pytest.raises(CommandError) as caught:
        call_command("token", "create", "dan@northwind.test")
    assert caught.value.returncode == 1
    assert not ApiToken.objects.exists()
