"""Pages about people: signing in, invitations, magic links, profile, tokens and the team."""

import re
from datetime import timedelta

import pytest
from django.contrib.auth.tokens import default_token_generator
from django.core import mail
from django.urls import reverse
from django.utils import timezone
from django.utils.encoding import force_bytes
from django.utils.http import urlsafe_base64_encode

from accord.accounts import services
from accord.accounts.models import ApiToken, EmailRequest, LoginFailure, MagicLink, User
from accord.core.models import Event
from tests.conftest import PASSWORD

LOGIN = reverse("accounts:login")


def _sign_in(client, email, password=PASSWORD, **extra):
    return client.post(LOGIN, {"email": email, "password": password, **extra})


def _magic_token(client, django_capture_on_commit_callbacks, email):
    """Ask for a magic link and return the token from the email that was sent."""
    with django_capture_on_commit_callbacks(execute=True):
        client.post(reverse("accounts:magic_link_request"), {"email": email})
    match = re.search(r"/magic/([^/\s]+)/", mail.outbox[-1].body)
    assert match, mail.outbox[-1].body
    return match.group(1)


# --- Signing in ---------------------------------------------------------------------------


def test_login_page_links_to_reset_and_magic_link(client, db):
    response = client.get(LOGIN)
    assert response.status_code == 200
    assert reverse("accounts:password_reset") in response.text
    assert reverse("accounts:magic_link_request") in response.text
    assert "Content-Security-Policy" in response.headers


def test_sign_in_goes_home(client, alice):
    response = _sign_in(client, "ALICE@northwind.test")
    assert response.status_code == 302
    assert response["Location"] == reverse("home:index")
    assert client.get(reverse("home:index")).status_code == 200


def test_sign_in_follows_a_safe_next_but_not_an_outside_one(client, alice):
    response = _sign_in(client, alice.email, next="/clients/")
    assert response["Location"] == "/clients/"
    client.logout()
    response = _sign_in(client, alice.email, next="https://evil.example/steal")
    assert response["Location"] == reverse("home:index")


def test_wrong_password_is_an_error_and_keeps_the_email(client, alice):
    response = _sign_in(client, alice.email, "not-the-password")
    assert response.status_code == 422
    assert "is incorrect" in response.text
    assert 'value="alice@northwind.test"' in response.text
    assert "_auth_user_id" not in client.session


def test_five_failures_lock_sign_in_even_with_the_right_password(client, alice, settings):
    settings.LOGIN_FAILURE_LIMIT = 5
    for _ in range(4):
        assert _sign_in(client, alice.email, "wrong-password").status_code == 422
    assert _sign_in(client, alice.email, "wrong-password").status_code == 429
    response = _sign_in(client, alice.email)
    assert response.status_code == 429
    assert "Too many attempts. Try again in" in response.text
    assert "reset your password" in response.text
    assert "_auth_user_id" not in client.session


def test_failures_are_counted_against_the_client_ip_behind_a_proxy(client, alice, settings):
    settings.BEHIND_PROXY = True
    forwarded = {"HTTP_X_FORWARDED_FOR": "10.9.8.7, 203.0.113.50", "REMOTE_ADDR": "10.0.0.2"}
    client.post(LOGIN, {"email": alice.email, "password": "wrong-password"}, **forwarded)
    assert LoginFailure.objects.get().ip == "203.0.113.50"


def test_a_forwarded_for_header_is_ignored_when_not_behind_a_proxy(client, alice, settings):
    settings.BEHIND_PROXY = False
    forged = {"HTTP_X_FORWARDED_FOR": "203.0.113.50", "REMOTE_ADDR": "198.51.100.4"}
    client.post(LOGIN, {"email": alice.email, "password": "wrong-password"}, **forged)
    assert LoginFailure.objects.get().ip == "198.51.100.4"


def test_colleagues_behind_one_address_mistyping_do_not_lock_each_other_out(client, world):
    # Five people at one office each mistype four times: 20 failures from one IP, 5 emails.
    for name in ["erin", "alice", "dan", "cora", "sam"]:
        for _ in range(4):
            assert _sign_in(client, world.persona(name).email, "typo").status_code == 422
    assert _sign_in(client, world.max.email).status_code == 302


def test_successful_sign_in_clears_earlier_failures(client, alice):
    for _ in range(3):
        _sign_in(client, alice.email, "wrong-password")
    assert _sign_in(client, alice.email).status_code == 302
    client.logout()
    for _ in range(3):
        _sign_in(client, alice.email, "wrong-password")
    assert _sign_in(client, alice.email).status_code == 302


def test_logout_is_post_only(client, alice):
    client.force_login(alice)
    assert client.get(reverse("accounts:logout")).status_code == 405
    response = client.post(reverse("accounts:logout"))
    assert response.status_code == 200
    assert "_auth_user_id" not in client.session


def test_pages_need_sign_in(client, db):
    response = client.get(reverse("accounts:profile"))
    assert response.status_code == 302
    assert response["Location"].startswith(LOGIN)


# --- Password reset -----------------------------------------------------------------------


def test_password_reset_emails_a_link_that_sets_a_new_password(
    client, alice, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(reverse("accounts:password_reset"), {"email": alice.email})
    assert response["Location"] == reverse("accounts:password_reset_done")
    assert len(mail.outbox) == 1
    link = re.search(r"https?://\S+(/password/reset/\S+/\S+/)", mail.outbox[0].body).group(1)
    response = client.get(link, follow=True)
    assert response.status_code == 200
    new_password = "a-brand-new-passphrase"
    response = client.post(
        response.redirect_chain[-1][0],
        {"new_password1": new_password, "new_password2": new_password},
    )
    assert response["Location"] == reverse("accounts:password_reset_complete")
    alice.refresh_from_db()
    assert alice.check_password(new_password)
    assert Event.objects.filter(verb="password.changed", actor=alice).exists()


def test_password_reset_for_an_unknown_address_says_the_same(client, db):
    response = client.post(reverse("accounts:password_reset"), {"email": "nobody@x.test"})
    assert response["Location"] == reverse("accounts:password_reset_done")
    assert mail.outbox == []


def test_password_reset_reaches_someone_invited_who_never_set_a_password(
    client, erin, django_capture_on_commit_callbacks
):
    nina = User.objects.create_user("nina@northwind.test", name="Nina", staff_role="creative")
    assert not nina.has_usable_password()
    with django_capture_on_commit_callbacks(execute=True):
        client.post(reverse("accounts:password_reset"), {"email": "NINA@northwind.test"})
    [message] = mail.outbox
    link = re.search(r"https?://\S+(/password/reset/\S+/\S+/)", message.body).group(1)
    response = client.get(link, follow=True)
    password = "nina-chooses-a-passphrase"
    client.post(
        response.redirect_chain[-1][0], {"new_password1": password, "new_password2": password}
    )
    nina.refresh_from_db()
    assert nina.check_password(password)


def test_password_reset_reaches_no_deactivated_account(client, dan):
    User.objects.filter(pk=dan.pk).update(is_active=False, password="!")
    client.post(reverse("accounts:password_reset"), {"email": dan.email})
    assert mail.outbox == []


def test_password_resets_are_limited_per_address_with_the_same_answer(
    client, alice, django_capture_on_commit_callbacks
):
    url = reverse("accounts:password_reset")
    with django_capture_on_commit_callbacks(execute=True):
        answers = [client.post(url, {"email": alice.email})["Location"] for _ in range(5)]
    assert answers == [reverse("accounts:password_reset_done")] * 5
    assert len(mail.outbox) == 3


def test_password_resets_are_limited_per_ip(client, db, settings):
    settings.EMAIL_REQUEST_IP_LIMIT = 2
    url = reverse("accounts:password_reset")
    for n in range(4):
        client.post(url, {"email": f"n{n}@x.test"}, REMOTE_ADDR="198.51.100.8")
    assert EmailRequest.objects.filter(ip="198.51.100.8").count() == 2


# --- Invitations --------------------------------------------------------------------------


def _invitation_url(user):
    uid = urlsafe_base64_encode(force_bytes(user.pk))
    return reverse(
        "accounts:accept_invitation",
        kwargs={"uidb64": uid, "token": default_token_generator.make_token(user)},
    )


def test_accepting_an_invitation_sets_the_password_and_signs_in(client, erin):
    newcomer = services.invite_staff(
        by=erin, email="nina@northwind.test", name="Nina New", staff_role="creative"
    )
    url = _invitation_url(newcomer)
    page = client.get(url)
    assert page.status_code == 200
    assert "nina@northwind.test" in page.text
    password = "nina-chooses-a-passphrase"
    response = client.post(url, {"new_password1": password, "new_password2": password})
    assert response["Location"] == reverse("home:index")
    newcomer.refresh_from_db()
    assert newcomer.check_password(password)
    assert client.session["_auth_user_id"] == str(newcomer.pk)
    # The link stops working once the password is set.
    client.logout()
    assert client.get(url).status_code == 400


def test_invitation_password_mismatch_is_an_error(client, erin):
    newcomer = services.invite_staff(
        by=erin, email="nina@northwind.test", name="Nina New", staff_role="creative"
    )
    url = _invitation_url(newcomer)
    response = client.post(url, {"new_password1": "one-passphrase-x", "new_password2": "other"})
    assert response.status_code == 422
    newcomer.refresh_from_db()
    assert not newcomer.has_usable_password()


def test_broken_invitation_link_is_a_clear_400(client, alice):
    uid = urlsafe_base64_encode(force_bytes(alice.pk))
    response = client.get(f"/invitation/{uid}/not-a-token/")
    assert response.status_code == 400
    assert "doesn" in response.text
    assert client.get("/invitation/!!!/x/").status_code == 400


# --- Magic links --------------------------------------------------------------------------


def test_magic_link_request_answers_the_same_for_anyone(
    client, carol, django_capture_on_commit_callbacks
):
    url = reverse("accounts:magic_link_request")
    with django_capture_on_commit_callbacks(execute=True):
        for email in [carol.email, "stranger@nowhere.test", "alice@northwind.test"]:
            response = client.post(url, {"email": email})
            assert response.status_code == 200
            assert "belongs to a client contact, a link is on its way" in response.text
    assert [m.to for m in mail.outbox] == [[carol.email]]


def test_magic_links_are_limited_per_address_with_the_same_answer(
    client, carol, django_capture_on_commit_callbacks
):
    url = reverse("accounts:magic_link_request")
    with django_capture_on_commit_callbacks(execute=True):
        for _ in range(5):
            response = client.post(url, {"email": carol.email})
            assert "belongs to a client contact, a link is on its way" in response.text
    assert len(mail.outbox) == 3


def test_magic_link_requests_are_counted_against_the_client_ip(client, carol, settings):
    settings.BEHIND_PROXY = True
    client.post(
        reverse("accounts:magic_link_request"),
        {"email": carol.email},
        HTTP_X_FORWARDED_FOR="203.0.113.77",
    )
    assert EmailRequest.objects.get().ip == "203.0.113.77"


def test_magic_link_get_asks_without_using_it_and_post_signs_in(
    client, carol, django_capture_on_commit_callbacks
):
    token = _magic_token(client, django_capture_on_commit_callbacks, carol.email)
    url = reverse("accounts:magic_link", kwargs={"token": token})
    for _ in range(2):  # a mail scanner may open it first
        page = client.get(url)
        assert page.status_code == 200
        assert "Sign in as Carol Acme?" in page.text
    assert MagicLink.objects.get(user=carol).used_at is None
    assert "_auth_user_id" not in client.session

    response = client.post(url)
    assert response["Location"] == reverse("home:index")
    assert client.session["_auth_user_id"] == str(carol.pk)

    client.logout()
    again = client.post(url)
    assert again.status_code == 400
    assert "already used" in again.text
    assert client.get(url).status_code == 400


def test_expired_magic_link_is_refused(client, carol, django_capture_on_commit_callbacks):
    token = _magic_token(client, django_capture_on_commit_callbacks, carol.email)
    MagicLink.objects.filter(user=carol).update(expires_at=timezone.now() - timedelta(minutes=1))
    url = reverse("accounts:magic_link", kwargs={"token": token})
    response = client.post(url)
    assert response.status_code == 400
    assert "expired" in response.text
    assert 'name="email"' in response.text  # the form to ask for a new one
    assert "_auth_user_id" not in client.session


def test_unknown_magic_link_is_refused(client, db):
    response = client.get(reverse("accounts:magic_link", kwargs={"token": "ml_nope"}))
    assert response.status_code == 400
    assert "not valid" in response.text


# --- Profile, password, tokens ------------------------------------------------------------


def test_profile_saves_name_and_title(client, dan):
    client.force_login(dan)
    assert client.get(reverse("accounts:profile")).status_code == 200
    response = client.post(
        reverse("accounts:profile"), {"name": "Dan Designer", "job_title": "Senior designer"}
    )
    assert response.status_code == 302
    dan.refresh_from_db()
    assert (dan.name, dan.job_title) == ("Dan Designer", "Senior designer")


def test_profile_needs_a_name(client, dan):
    client.force_login(dan)
    response = client.post(reverse("accounts:profile"), {"name": "", "job_title": "Kept"})
    assert response.status_code == 422
    assert 'value="Kept"' in response.text


def test_password_change(client, cora):
    client.force_login(cora)
    url = reverse("accounts:password_change")
    assert client.get(url).status_code == 200
    bad = client.post(url, {"old_password": "wrong", "new_password1": "x", "new_password2": "x"})
    assert bad.status_code == 422
    new_password = "cora-writes-better-copy"
    response = client.post(
        url,
        {"old_password": PASSWORD, "new_password1": new_password, "new_password2": new_password},
    )
    assert response["Location"] == reverse("accounts:profile")
    cora.refresh_from_db()
    assert cora.check_password(new_password)
    assert client.get(reverse("accounts:profile")).status_code == 200  # still signed in


def test_new_token_is_shown_once_and_can_be_revoked(client, alice):
    client.force_login(alice)
    response = client.post(reverse("accounts:token_create"), {"name": "Reporting"})
    assert response.status_code == 201
    plaintext = re.search(r'<code id="new-token">([^<]+)</code>', response.text).group(1)
    assert services.user_for_token(plaintext) == alice
    token = ApiToken.objects.get(user=alice)
    assert token.name == "Reporting"

    later = client.get(reverse("accounts:profile"))
    assert plaintext not in later.text
    assert token.prefix in later.text

    response = client.post(reverse("accounts:token_revoke", kwargs={"token_id": token.pk}))
    assert response.status_code == 302
    assert services.user_for_token(plaintext) is None


def test_token_needs_a_name(client, alice):
    client.force_login(alice)
    response = client.post(reverse("accounts:token_create"), {"name": ""})
    assert response.status_code == 422
    assert not ApiToken.objects.filter(user=alice).exists()


def test_nobody_revokes_someone_elses_token(client, alice, max):
    token, _ = services.create_api_token(user=alice, name="Mine")
    client.force_login(max)
    response = client.post(reverse("accounts:token_revoke", kwargs={"token_id": token.pk}))
    assert response.status_code == 404
    token.refresh_from_db()
    assert token.revoked_at is None


def test_contact_sees_profile_with_portal_navigation(client, carol):
    client.force_login(carol)
    response = client.get(reverse("accounts:profile"))
    assert response.status_code == 200
    assert reverse("accounts:team") not in response.text
    assert f'href="{reverse("clients:list")}"' not in response.text


# --- Team ---------------------------------------------------------------------------------


@pytest.mark.parametrize("persona", ["erin", "alice", "dan"])
def test_staff_see_the_team(client, world, persona):
    client.force_login(world.persona(persona))
    response = client.get(reverse("accounts:team"))
    assert response.status_code == 200
    for name in ["Erin Northwind", "Dan Northwind", "Sam Northwind"]:
        assert name in response.text
    assert "Carol Acme" not in response.text


@pytest.mark.parametrize("persona", ["carol", "gus"])
def test_contacts_cannot_see_the_team(client, world, persona):
    client.force_login(world.persona(persona))
    # Refused (403) as the API refuses them, not hidden: the team page exists for everyone.
    assert client.get(reverse("accounts:team")).status_code == 403
    url = reverse("accounts:staff_detail", kwargs={"staff_id": world.dan.pk})
    assert client.get(url).status_code == 403


def test_team_filters(client, alice):
    client.force_login(alice)
    url = reverse("accounts:team")
    by_discipline = client.get(url, {"discipline": "design"}).text
    assert "Dan Northwind" in by_discipline
    assert "Cora Northwind" not in by_discipline
    by_role = client.get(url, {"role": "am"}).text
    assert "Max Northwind" in by_role
    assert "Dan Northwind" not in by_role
    by_name = client.get(url, {"q": "cora"}).text
    assert "Cora Northwind" in by_name
    assert "Sam Northwind" not in by_name


def test_team_filter_as_htmx_returns_the_table_only(client, alice):
    client.force_login(alice)
    response = client.get(reverse("accounts:team"), {"q": "dan"}, headers={"HX-Request": "true"})
    assert response.status_code == 200
    assert "<html" not in response.text
    assert 'id="results"' in response.text


def test_team_list_runs_a_bounded_number_of_queries(client, erin, django_assert_max_num_queries):
    client.force_login(erin)
    url = reverse("accounts:team")
    with django_assert_max_num_queries(8):
        client.get(url)
    for i in range(30):
        User.objects.create_user(
            f"extra{i}@northwind.test",
            name=f"Extra {i}",
            kind="staff",
            staff_role="creative",
            disciplines=["design"],
        )
    with django_assert_max_num_queries(8):
        response = client.get(url)
    assert "Showing 1\u201325 of 36" in response.text


def test_admin_invites_staff(client, erin, django_capture_on_commit_callbacks):
    client.force_login(erin)
    url = reverse("accounts:staff_invite")
    assert client.get(url).status_code == 200
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(
            url,
            {
                "email": "vic@northwind.test",
                "name": "Vic Video",
                "staff_role": "creative",
                "disciplines": ["video"],
                "weekly_capacity_hours": "30",
                "job_title": "Editor",
            },
        )
    vic = User.objects.get(email="vic@northwind.test")
    assert response["Location"] == reverse("accounts:staff_detail", kwargs={"staff_id": vic.pk})
    assert vic.disciplines == ["video"]
    assert [m.to for m in mail.outbox] == [["vic@northwind.test"]]


def test_inviting_a_taken_email_keeps_what_was_typed(client, erin):
    client.force_login(erin)
    response = client.post(
        reverse("accounts:staff_invite"),
        {
            "email": "dan@northwind.test",
            "name": "Second Dan",
            "staff_role": "creative",
            "weekly_capacity_hours": "20",
            "job_title": "Typed title",
        },
    )
    assert response.status_code == 422
    assert "already has an account" in response.text
    assert 'value="Second Dan"' in response.text
    assert 'value="Typed title"' in response.text


def test_admin_resends_an_invitation_from_the_staff_page(
    client, erin, django_capture_on_commit_callbacks
):
    nina = User.objects.create_user("nina@northwind.test", name="Nina", staff_role="creative")
    client.force_login(erin)
    page = reverse("accounts:staff_detail", kwargs={"staff_id": nina.pk})
    resend = reverse("accounts:staff_resend_invitation", kwargs={"staff_id": nina.pk})
    assert resend in client.get(page).text
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(resend, follow=True)
    assert "We emailed nina@northwind.test a new invitation link." in response.text
    assert [m.to for m in mail.outbox] == [["nina@northwind.test"]]
    assert "/invitation/" in mail.outbox[0].body


def test_no_resend_button_for_someone_with_a_password(client, erin, dan):
    client.force_login(erin)
    page = client.get(reverse("accounts:staff_detail", kwargs={"staff_id": dan.pk})).text
    assert "Resend invitation" not in page
    resend = reverse("accounts:staff_resend_invitation", kwargs={"staff_id": dan.pk})
    assert "already accepted" in client.post(resend, follow=True).text
    assert mail.outbox == []


def test_an_account_manager_who_runs_clients_stays_one_until_handed_over(client, erin, alice):
    client.force_login(erin)
    response = client.post(
        reverse("accounts:staff_edit", kwargs={"staff_id": alice.pk}),
        {
            "name": "Alice Northwind",
            "staff_role": "creative",
            "weekly_capacity_hours": "37.5",
            "is_active": "on",
        },
    )
    assert response.status_code == 409  # as the API answers: a conflict with the clients run
    assert "Hand over Acme Foods first." in response.text
    alice.refresh_from_db()
    assert alice.staff_role == "am"


@pytest.mark.parametrize("persona", ["alice", "dan"])
def test_only_admins_invite_and_edit_staff(client, world, persona):
    client.force_login(world.persona(persona))
    assert client.get(reverse("accounts:staff_invite")).status_code == 403
    url = reverse("accounts:staff_edit", kwargs={"staff_id": world.dan.pk})
    assert client.get(url).status_code == 403
    assert client.post(url, {"name": "Hacked"}).status_code == 403
    resend = reverse("accounts:staff_resend_invitation", kwargs={"staff_id": world.dan.pk})
    assert client.post(resend).status_code == 403


def test_admin_edits_staff(client, erin, dan):
    client.force_login(erin)
    url = reverse("accounts:staff_edit", kwargs={"staff_id": dan.pk})
    assert client.get(url).status_code == 200
    response = client.post(
        url,
        {
            "name": "Dan Northwind",
            "staff_role": "creative",
            "disciplines": ["design", "web"],
            "weekly_capacity_hours": "32.5",
            "job_title": "Lead designer",
            "is_active": "on",
        },
    )
    assert response.status_code == 302
    dan.refresh_from_db()
    assert dan.disciplines == ["design", "web"]
    assert str(dan.weekly_capacity_hours) == "32.5"


def test_admin_cannot_demote_themselves(client, erin):
    client.force_login(erin)
    url = reverse("accounts:staff_edit", kwargs={"staff_id": erin.pk})
    response = client.post(
        url,
        {
            "name": "Erin Northwind",
            "staff_role": "creative",
            "weekly_capacity_hours": "37.5",
            "job_title": "Typed",
            "is_active": "on",
        },
    )
    assert response.status_code == 403  # as the API answers
    assert "your own admin rights" in response.text
    erin.refresh_from_db()
    assert erin.staff_role == "admin"


def test_staff_page_shows_only_clients_the_viewer_may_see(client, world):
    url = reverse("accounts:staff_detail", kwargs={"staff_id": world.cora.pk})
    client.force_login(world.alice)
    page = client.get(url).text
    assert "Acme Foods" in page
    assert "Globex Bank" not in page
    client.force_login(world.erin)
    page = client.get(url).text
    assert "Acme Foods" in page
    assert "Globex Bank" in page
