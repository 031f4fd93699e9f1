"""People: invitations, staff profiles, API tokens, magic links and sign-in limits."""

from datetime import timedelta
from decimal import Decimal
from urllib.parse import urlparse

import pytest
from django.contrib.auth import authenticate
from django.contrib.auth.tokens import default_token_generator
from django.core import mail as django_mail
from django.urls import resolve
from django.utils import timezone
from django.utils.encoding import force_str
from django.utils.http import urlsafe_base64_decode

from accord.accounts import services
from accord.accounts.models import ApiToken, EmailRequest, LoginFailure, MagicLink, User
from accord.clients.models import Client
from accord.core.errors import DomainError, InvalidInput
from accord.core.models import Event
from accord.core.policy import Discipline, Kind, StaffRole
from accord.core.secrets import hash_secret
from tests.conftest import PASSWORD


def _link_in(message) -> str:
    return next(word for word in message.body.split() if word.startswith("http"))


def _invited_user_and_token(message) -> tuple[User, str]:
    match = resolve(urlparse(_link_in(message)).path)
    user = User.objects.get(pk=force_str(urlsafe_base64_decode(match.kwargs["uidb64"])))
    return user, match.kwargs["token"]


@pytest.fixture
def invite(erin, django_capture_on_commit_callbacks):
    def _invite(**overrides):
        fields = {
            "email": "Nina@Northwind.test",
            "name": " Nina Northwind ",
            "staff_role": StaffRole.CREATIVE,
            "disciplines": [Discipline.VIDEO],
            "weekly_capacity_hours": 30,
            **overrides,
        }
        with django_capture_on_commit_callbacks(execute=True):
            return services.invite_staff(by=erin, **fields)

    return _invite


# --- Inviting staff --------------------------------------------------------------------


def test_erin_invites_a_creative_who_gets_a_working_link(invite, erin):
    nina = invite()
    assert nina.email == "nina@northwind.test"
    assert nina.name == "Nina Northwind"
    assert (nina.kind, nina.staff_role) == (Kind.STAFF, StaffRole.CREATIVE)
    assert nina.disciplines == ["video"]
    assert nina.weekly_capacity_hours == Decimal("30")
    assert nina.invited_by == erin
    assert not nina.has_usable_password()

    [message] = django_mail.outbox
    assert message.to == ["nina@northwind.test"]
    assert "Erin Northwind has invited you" in message.body
    user, token = _invited_user_and_token(message)
    assert user == nina
    assert default_token_generator.check_token(nina, token)


def test_an_invitation_is_recorded_as_an_event(invite, erin):
    nina = invite()
    event = Event.objects.get(verb="staff.invited")
    assert event.actor == erin
    assert event.target_id == str(nina.pk)
    assert event.data == {"role": "creative"}
    assert event.personal == {"email": "nina@northwind.test"}


@pytest.mark.parametrize("email", ["", "nina", "nina@", "@northwind.test", "nina@@x.test"])
def test_an_invitation_needs_a_valid_email(invite, email):
    with pytest.raises(InvalidInput) as caught:
        invite(email=email)
    assert caught.value.field == "email"
    assert django_mail.outbox == []


def test_an_email_already_in_use_is_refused_whatever_its_case(invite):
    with pytest.raises(InvalidInput) as caught:
        invite(email="DAN@northwind.TEST")
    assert caught.value.field == "email"
    assert User.objects.filter(email__iexact="dan@northwind.test").count() == 1


def test_an_unknown_discipline_is_refused(invite):
    with pytest.raises(InvalidInput) as caught:
        invite(disciplines=["design", "juggling"])
    assert caught.value.field == "disciplines"
    assert "juggling" in caught.value.message
    assert not User.objects.filter(email="nina@northwind.test").exists()


def test_an_unknown_role_is_refused(invite):
    with pytest.raises(InvalidInput) as caught:
        invite(staff_role="intern")
    assert caught.value.field == "staff_role"


def test_a_name_is_required(invite):
    with pytest.raises(InvalidInput) as caught:
        invite(name="   ")
    assert caught.value.field == "name"


@pytest.mark.parametrize("hours", [0, "37.5", Decimal("80"), 12.5])
def test_capacity_between_0_and_80_hours_is_accepted(invite, hours):
    assert invite(weekly_capacity_hours=hours).weekly_capacity_hours == Decimal(str(hours))


@pytest.mark.parametrize("hours", [-1, Decimal("80.1"), 200, "lots", "NaN", "Infinity"])
def test_capacity_outside_0_to_80_hours_is_refused(invite, hours):
    with pytest.raises(InvalidInput) as caught:
        invite(weekly_capacity_hours=hours)
    assert caught.value.field == "weekly_capacity_hours"


def test_accepting_an_invitation_makes_the_link_stop_working(invite):
    nina = invite()
    _, token = _invited_user_and_token(django_mail.outbox[0])
    services.accept_invitation(user=nina, password="a-long-new-password")
    nina.refresh_from_db()
    assert nina.check_password("a-long-new-password")
    assert nina.has_accepted_invitation
    assert not default_token_generator.check_token(nina, token)
    assert Event.objects.filter(verb="invitation.accepted", actor=nina).exists()


def test_an_invitation_email_is_redacted_once_sent(invite):
    invite()
    link = _link_in(django_mail.outbox[0])
    from accord.core.models import OutboundEmail

    stored = OutboundEmail.objects.get(to=["nina@northwind.test"])
    assert stored.sent_at is not None
    assert link not in stored.text


def test_a_concurrent_invitation_of_the_same_email_is_a_field_error(invite, monkeypatch):
    # Both invitations passed the "email free?" check before either inserted.
    monkeypatch.setattr(services, "ensure_email_free", lambda email, **_: None)
    with pytest.raises(InvalidInput) as caught:
        invite(email="alice@northwind.test")
    assert caught.value.field == "email"
    assert User.objects.filter(email="alice@northwind.test").count() == 1


# --- Resending invitations -------------------------------------------------------------


def test_resending_an_invitation_emails_a_working_link_and_records_it(
    invite, erin, django_capture_on_commit_callbacks
):
    nina = invite()
    with django_capture_on_commit_callbacks(execute=True):
        services.resend_invitation(by=erin, user=nina)
    assert [m.to for m in django_mail.outbox] == [[nina.email], [nina.email]]
    user, token = _invited_user_and_token(django_mail.outbox[1])
    assert user == nina
    assert default_token_generator.check_token(nina, token)
    event = Event.objects.get(verb="invitation.resent")
    assert (event.actor, event.data) == (erin, {})
    assert event.personal == {"email": "nina@northwind.test"}


def test_no_invitation_is_resent_to_someone_with_a_password(erin, dan):
    with pytest.raises(DomainError, match="already accepted"):
        services.resend_invitation(by=erin, user=dan)
    assert not Event.objects.filter(verb="invitation.resent").exists()


def test_no_invitation_is_resent_to_a_deactivated_account(invite, erin):
    nina = invite()
    User.objects.filter(pk=nina.pk).update(is_active=False)
    nina.refresh_from_db()
    with pytest.raises(DomainError, match="deactivated"):
        services.resend_invitation(by=erin, user=nina)


# --- Updating staff --------------------------------------------------------------------


def test_erin_changes_dans_role_and_capacity(erin, dan):
    services.update_staff(
        by=erin,
        user=dan,
        staff_role=StaffRole.ACCOUNT_MANAGER,
        weekly_capacity_hours="20",
        disciplines=["design", "web", "design"],
    )
    dan.refresh_from_db()
    assert dan.staff_role == StaffRole.ACCOUNT_MANAGER
    assert dan.weekly_capacity_hours == Decimal("20")
    assert dan.disciplines == ["design", "web"]
    assert Event.objects.get(verb="staff.updated").actor == erin


@pytest.mark.parametrize("change", [{"staff_role": StaffRole.CREATIVE}, {"is_active": False}])
def test_an_admin_cannot_demote_or_deactivate_themselves(erin, change):
    with pytest.raises(DomainError):
        services.update_staff(by=erin, user=erin, **change)
    erin.refresh_from_db()
    assert erin.staff_role == StaffRole.ADMIN
    assert erin.is_active


def test_an_account_manager_who_runs_clients_cannot_be_made_a_creative(erin, alice, max):
    Client.objects.create(name="Bluebird", account_manager=alice)
    Client.objects.create(name="Zenith", account_manager=alice)
    with pytest.raises(DomainError) as caught:
        services.update_staff(by=erin, user=alice, staff_role=StaffRole.CREATIVE)
    assert "Hand over Acme Foods and 2 more first." in caught.value.message
    assert caught.value.field == "staff_role"
    alice.refresh_from_db()
    assert alice.staff_role == StaffRole.ACCOUNT_MANAGER


def test_an_account_manager_who_runs_a_client_cannot_be_deactivated(erin, max):
    with pytest.raises(DomainError) as caught:
        services.update_staff(by=erin, user=max, is_active=False)
    assert "Hand over Globex Bank first." in caught.value.message
    assert caught.value.field == "is_active"
    max.refresh_from_db()
    assert max.is_active


def test_an_account_manager_can_become_an_admin_or_go_once_handed_over(erin, max, globex):
    services.update_staff(by=erin, user=max, staff_role=StaffRole.ADMIN)
    Client.objects.filter(pk=globex.pk).update(account_manager=erin)
    services.update_staff(by=erin, user=max, staff_role=StaffRole.CREATIVE, is_active=False)
    max.refresh_from_db()
    assert (max.staff_role, max.is_active) == (StaffRole.CREATIVE, False)


def test_an_admin_can_still_rename_themselves(erin):
    services.update_staff(by=erin, user=erin, name="Erin N.", staff_role=StaffRole.ADMIN)
    erin.refresh_from_db()
    assert erin.name == "Erin N."


def test_a_client_contact_has_no_staff_profile(erin, carol):
    with pytest.raises(InvalidInput):
        services.update_staff(by=erin, user=carol, staff_role=StaffRole.CREATIVE)


def test_an_update_that_changes_nothing_records_nothing(erin, dan):
    services.update_staff(by=erin, user=dan, unknown_field="x", name=None)
    assert not Event.objects.filter(verb="staff.updated").exists()


# --- API tokens --------------------------------------------------------------------------


def test_a_new_token_is_shown_once_and_stored_as_its_hash(alice):
    token, plaintext = services.create_api_token(user=alice, name="Zapier")
    stored = ApiToken.objects.get(pk=token.pk)
    assert stored.token_hash == hash_secret(plaintext)
    assert plaintext.startswith(stored.prefix)
    assert not ApiToken.objects.filter(token_hash=plaintext).exists()
    for field in ("name", "prefix", "token_hash"):
        assert getattr(stored, field) != plaintext


def test_a_token_signs_its_owner_in(alice):
    _, plaintext = services.create_api_token(user=alice, name="Zapier")
    assert services.user_for_token(plaintext) == alice
    assert ApiToken.objects.get(user=alice).last_used_at is not None


def test_a_revoked_token_signs_nobody_in(alice):
    token, plaintext = services.create_api_token(user=alice, name="Zapier")
    services.revoke_api_token(token=token, by=alice)
    assert services.user_for_token(plaintext) is None
    assert Event.objects.filter(verb="api_token.revoked").count() == 1
    services.revoke_api_token(token=token, by=alice)  # twice is harmless
    assert Event.objects.filter(verb="api_token.revoked").count() == 1


@pytest.mark.parametrize("guess", ["", "acc_unknown", "x" * 500])
def test_an_unknown_token_signs_nobody_in(alice, guess):
    services.create_api_token(user=alice, name="Zapier")
    assert services.user_for_token(guess) is None


def test_a_deactivated_persons_token_signs_nobody_in(erin, dan):
    _, plaintext = services.create_api_token(user=dan, name="Figma plugin")
    services.update_staff(by=erin, user=dan, is_active=False)
    assert services.user_for_token(plaintext) is None


def test_a_blank_token_name_gets_a_default(alice):
    token, _ = services.create_api_token(user=alice, name="   ")
    assert token.name == "API token"


# --- Magic links -------------------------------------------------------------------------


@pytest.fixture
def ask_link(django_capture_on_commit_callbacks):
    def _ask(email: str) -> bool:
        with django_capture_on_commit_callbacks(execute=True):
            return services.request_magic_link(email=email)

    return _ask


def _magic_token(message) -> str:
    return resolve(urlparse(_link_in(message)).path).kwargs["token"]


def test_carol_gets_a_sign_in_link_that_works_once(ask_link, carol):
    assert ask_link(" Carol@ACME.test ") is True
    [message] = django_mail.outbox
    assert message.to == ["carol@acme.test"]
    token = _magic_token(message)
    assert services.consume_magic_link(plaintext=token) == carol
    with pytest.raises(services.MagicLinkInvalid, match="already used"):
        services.consume_magic_link(plaintext=token)


def test_a_magic_link_is_stored_only_as_its_hash(ask_link, carol):
    ask_link("carol@acme.test")
    token = _magic_token(django_mail.outbox[0])
    link = MagicLink.objects.get(user=carol)
    assert link.token_hash == hash_secret(token)
    assert not MagicLink.objects.filter(token_hash=token).exists()


@pytest.mark.parametrize("email", ["alice@northwind.test", "nobody@acme.test", "not an email"])
def test_only_client_contacts_get_a_magic_link(ask_link, world, email):
    assert ask_link(email) is False
    assert django_mail.outbox == []
    assert not MagicLink.objects.exists()


def test_a_deactivated_contact_gets_no_magic_link(ask_link, carol):
    carol.is_active = False
    carol.save(update_fields=["is_active"])
    assert ask_link("carol@acme.test") is False


def test_an_expired_magic_link_is_refused(ask_link, carol):
    ask_link("carol@acme.test")
    token = _magic_token(django_mail.outbox[0])
    MagicLink.objects.filter(user=carol).update(expires_at=timezone.now() - timedelta(seconds=1))
    with pytest.raises(services.MagicLinkInvalid, match="expired"):
        services.consume_magic_link(plaintext=token)


def test_a_new_magic_link_voids_the_earlier_unused_ones(ask_link, carol):
    ask_link("carol@acme.test")
    first = _magic_token(django_mail.outbox[0])
    ask_link("carol@acme.test")
    second = _magic_token(django_mail.outbox[1])
    with pytest.raises(services.MagicLinkInvalid, match="expired"):
        services.consume_magic_link(plaintext=first)
    assert services.consume_magic_link(plaintext=second) == carol


def test_at_most_three_magic_links_per_address_in_the_window(ask_link, carol, settings):
    assert [ask_link("Carol@acme.test") for _ in range(4)] == [True, True, True, False]
    assert len(django_mail.outbox) == 3
    EmailRequest.objects.update(
        at=timezone.now() - timedelta(minutes=settings.EMAIL_REQUEST_WINDOW_MINUTES + 1)
    )
    assert ask_link("carol@acme.test") is True


def test_requests_for_unknown_addresses_count_against_the_ip(world, settings):
    settings.EMAIL_REQUEST_IP_LIMIT = 20
    for n in range(20):
        assert not services.request_magic_link(email=f"x{n}@nowhere.test", ip="203.0.113.9")
    assert EmailRequest.objects.filter(ip="203.0.113.9").count() == 20
    assert services.request_magic_link(email="carol@acme.test", ip="203.0.113.9") is False
    assert services.request_magic_link(email="carol@acme.test", ip="198.51.100.2") is True


def test_a_made_up_magic_link_is_refused(world):
    with pytest.raises(services.MagicLinkInvalid, match="not valid"):
        services.consume_magic_link(plaintext="ml_made-up")


def test_a_magic_link_for_a_contact_deactivated_since_is_refused(ask_link, carol):
    ask_link("carol@acme.test")
    token = _magic_token(django_mail.outbox[0])
    User.objects.filter(pk=carol.pk).update(is_active=False)
    with pytest.raises(services.MagicLinkInvalid, match="no longer active"):
        services.consume_magic_link(plaintext=token)


# --- Sign-in rate limit -----------------------------------------------------------------


def _fail(times: int, email: str = "alice@northwind.test", ip: str | None = "203.0.113.5"):
    for _ in range(times):
        services.record_sign_in_failure(email=email, ip=ip)


def test_five_failures_lock_that_email(db, settings):
    settings.LOGIN_FAILURE_LIMIT = 5
    _fail(4)
    assert not services.sign_in_locked(email="alice@northwind.test", ip="198.51.100.1")
    _fail(1, email=" ALICE@northwind.test ")
    assert services.sign_in_locked(email="Alice@Northwind.test", ip="198.51.100.1")


def test_a_locked_email_does_not_lock_anyone_else(db):
    _fail(5)
    assert not services.sign_in_locked(email="max@northwind.test", ip="198.51.100.1")


def test_clearing_failures_unlocks_the_email(db):
    _fail(5)
    services.clear_sign_in_failures(email="Alice@northwind.test")
    assert not services.sign_in_locked(email="alice@northwind.test", ip=None)


def test_old_failures_do_not_count(db, settings):
    _fail(5)
    LoginFailure.objects.update(
        at=timezone.now() - timedelta(minutes=settings.LOGIN_FAILURE_WINDOW_MINUTES + 1)
    )
    assert not services.sign_in_locked(email="alice@northwind.test", ip=None)


def test_one_address_guessing_many_emails_is_locked(db, settings):
    settings.LOGIN_FAILURE_LIMIT = 5
    for n in range(20):
        services.record_sign_in_failure(email=f"guess{n}@northwind.test", ip="203.0.113.5")
    assert services.sign_in_locked(email="fresh@northwind.test", ip="203.0.113.5")
    assert not services.sign_in_locked(email="fresh@northwind.test", ip="198.51.100.1")


def test_one_person_mistyping_never_locks_out_others_at_the_same_address(db, settings):
    settings.LOGIN_FAILURE_IP_EMAILS = 20
    _fail(60, email="alice@northwind.test", ip="203.0.113.5")
    assert services.sign_in_locked(email="alice@northwind.test", ip="203.0.113.5")
    assert not services.sign_in_locked(email="max@northwind.test", ip="203.0.113.5")


def test_an_address_is_locked_at_twenty_distinct_emails(db):
    for n in range(19):
        services.record_sign_in_failure(email=f"guess{n}@northwind.test", ip="203.0.113.5")
    assert not services.sign_in_locked(email="fresh@northwind.test", ip="203.0.113.5")
    services.record_sign_in_failure(email="guess19@northwind.test", ip="203.0.113.5")
    assert services.sign_in_locked(email="fresh@northwind.test", ip="203.0.113.5")


def test_recording_a_failure_does_not_scan_the_table_each_time(
    db, monkeypatch, django_assert_num_queries
):
    monkeypatch.setattr(services, "PRUNE_EVERY", 10**12)
    old = LoginFailure.objects.create(email="old@x.test", at=timezone.now() - timedelta(days=2))
    with django_assert_num_queries(1):  # the insert only
        _fail(1)
    assert LoginFailure.objects.filter(pk=old.pk).exists()
    monkeypatch.setattr(services, "PRUNE_EVERY", 1)
    _fail(1)
    assert not LoginFailure.objects.filter(pk=old.pk).exists()
    assert LoginFailure.objects.count() == 2


def test_old_failures_are_found_by_an_index_on_their_time():
    indexed = [tuple(index.fields) for index in LoginFailure._meta.indexes]
    assert ("at",) in indexed


def test_a_very_long_email_is_still_counted(db):
    long_email = "a" * 300 + "@northwind.test"
    _fail(5, email=long_email)
    assert services.sign_in_locked(email=long_email, ip=None)


# --- Signing in by email ---------------------------------------------------------------


def test_alice_signs_in_with_her_email_in_any_case(alice):
    assert authenticate(None, username=" ALICE@Northwind.Test ", password=PASSWORD) == alice


def test_a_wrong_password_signs_nobody_in(alice):
    assert authenticate(None, username="alice@northwind.test", password="wrong") is None


def test_an_unknown_email_signs_nobody_in(world):
    assert authenticate(None, username="nobody@northwind.test", password=PASSWORD) is None


def test_a_deactivated_person_cannot_sign_in(erin, dan):
    services.update_staff(by=erin, user=dan, is_active=False)
    assert authenticate(None, username="dan@northwind.test", password=PASSWORD) is None


def test_an_invited_person_without_a_password_cannot_sign_in(invite):
    invite()
    assert authenticate(None, username="nina@northwind.test", password="") is None
    assert authenticate(None, username="nina@northwind.test", password="anything") is None
