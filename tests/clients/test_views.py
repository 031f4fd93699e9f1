"""Client pages: who sees which client, and every change going through a form."""

import io

import pytest
from django.core import mail
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from PIL import Image

from accord.clients import services
from accord.clients.models import Client, Contact, TeamMembership
from accord.core.models import Event
from accord.core.policy import Audience


def url(name, client=None, **kwargs):
    if client is not None:
        kwargs["client_id"] = client.pk
    return reverse(f"clients:{name}", kwargs=kwargs)


def png_bytes() -> bytes:
    buffer = io.BytesIO()
    Image.new("RGB", (8, 8), (67, 56, 202)).save(buffer, format="PNG")
    return buffer.getvalue()


# --- Who sees what ------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("persona", "sees_acme", "sees_globex"),
    [
        ("erin", True, True),
        ("alice", True, False),
        ("max", False, True),
        ("dan", True, False),
        ("cora", True, True),
        ("sam", False, True),
    ],
)
def test_client_list_shows_only_visible_clients(client, world, persona, sees_acme, sees_globex):
    client.force_login(world.persona(persona))
    page = client.get(url("list"))
    assert page.status_code == 200
    assert ("Acme Foods" in page.text) is sees_acme
    assert ("Globex Bank" in page.text) is sees_globex


def test_contacts_are_sent_to_their_portal_from_the_client_list(client, carol):
    client.force_login(carol)
    response = client.get(url("list"))
    assert response["Location"] == reverse("home:index")


@pytest.mark.parametrize(
    ("persona", "acme", "globex"),
    [
        ("erin", 200, 200),
        ("alice", 200, 404),
        ("max", 404, 200),
        ("dan", 200, 404),
        ("cora", 200, 200),
        ("sam", 404, 200),
        ("carol", 200, 404),
        ("ray", 200, 404),
        ("gus", 404, 200),
    ],
)
def test_detail_and_activity_by_persona(client, world, persona, acme, globex):
    client.force_login(world.persona(persona))
    for name in ["detail", "activity"]:
        assert client.get(url(name, world.acme)).status_code == acme
        assert client.get(url(name, world.globex)).status_code == globex


def test_staff_overview_shows_team_contacts_and_internal_notes(client, alice, acme):
    acme.internal_notes = "Carol prefers calls on Fridays."
    acme.save()
    client.force_login(alice)
    page = client.get(url("detail", acme)).text
    for text in [
        "Dan Northwind",
        "Cora Northwind",
        "Carol Acme",
        "Ray Acme",
        "Carol prefers calls on Fridays.",
        "Warm, plain-spoken",
    ]:
        assert text in page
    assert url("edit", acme) in page


def test_creatives_see_the_overview_read_only(client, dan, acme):
    client.force_login(dan)
    page = client.get(url("detail", acme)).text
    assert "Cora Northwind" in page
    assert url("edit", acme) not in page
    assert url("team", acme) not in page


def test_contact_portal_hides_internals(client, carol, acme):
    acme.internal_notes = "Carol prefers calls on Fridays."
    acme.save()
    client.force_login(carol)
    page = client.get(url("detail", acme)).text
    assert "Alice Northwind" in page  # their AM
    assert "Ray Acme" in page  # their own contacts
    assert "Approver" in page  # their role
    assert "Carol prefers calls" not in page
    assert "Dan Northwind" not in page
    assert "Cora Northwind" not in page


@pytest.mark.parametrize(
    ("persona", "status"),
    [("dan", 403), ("cora", 403), ("carol", 403), ("ray", 403), ("max", 404), ("gus", 404)],
)
def test_only_managers_reach_the_management_pages(client, world, persona, status):
    client.force_login(world.persona(persona))
    acme = world.acme
    for name in ["edit", "brand", "team", "contacts"]:
        assert client.get(url(name, acme)).status_code == status, name
    assert client.post(url("archive", acme)).status_code == status
    acme.refresh_from_db()
    assert not acme.is_archived


# --- Create, edit, archive ----------------------------------------------------------------


def test_am_creates_a_client_they_run(client, alice):
    client.force_login(alice)
    page = client.get(url("create"))
    assert page.status_code == 200
    assert 'name="account_manager"' not in page.text
    response = client.post(
        url("create"),
        {
            "name": "Initech",
            "industry": "Software",
            "website": "https://initech.test",
            "revision_rounds_included": "3",
            "response_target_hours": "16",
        },
    )
    initech = Client.objects.get(name="Initech")
    assert response["Location"] == initech.get_absolute_url()
    assert initech.account_manager == alice
    assert initech.revision_rounds_included == 3


def test_admin_picks_the_account_manager(client, erin, max):
    client.force_login(erin)
    assert 'name="account_manager"' in client.get(url("create")).text
    client.post(
        url("create"),
        {
            "name": "Initech",
            "account_manager": max.pk,
            "revision_rounds_included": "2",
            "response_target_hours": "8",
        },
    )
    assert Client.objects.get(name="Initech").account_manager == max


@pytest.mark.parametrize(("persona", "status"), [("dan", 403), ("carol", 403)])
def test_creatives_and_contacts_cannot_create_clients(client, world, persona, status):
    client.force_login(world.persona(persona))
    assert client.get(url("create")).status_code == status
    assert client.post(url("create"), {"name": "Sneaky"}).status_code == status
    assert not Client.objects.filter(name="Sneaky").exists()


def test_duplicate_client_name_is_a_form_error_keeping_what_was_typed(client, alice):
    client.force_login(alice)
    response = client.post(
        url("create"),
        {
            "name": "acme foods",
            "industry": "Typed industry",
            "internal_notes": "Typed notes that must survive",
            "revision_rounds_included": "4",
            "response_target_hours": "12",
        },
    )
    assert response.status_code == 422
    assert "There is already a client called" in response.text
    assert 'value="acme foods"' in response.text
    assert 'value="Typed industry"' in response.text
    assert "Typed notes that must survive" in response.text
    assert 'value="4"' in response.text
    assert Client.objects.count() == 2


def test_am_edits_their_client(client, alice, acme):
    client.force_login(alice)
    page = client.get(url("edit", acme))
    assert 'value="Acme Foods"' in page.text
    assert 'name="account_manager"' not in page.text
    response = client.post(
        url("edit", acme),
        {
            "name": "Acme Foods",
            "industry": "Snacks",
            "revision_rounds_included": "3",
            "response_target_hours": "8",
            "internal_notes": "Budget renews in May.",
        },
    )
    assert response["Location"] == acme.get_absolute_url()
    acme.refresh_from_db()
    assert (acme.industry, acme.internal_notes) == ("Snacks", "Budget renews in May.")


def test_admin_hands_a_client_to_another_am(client, erin, max, acme):
    client.force_login(erin)
    client.post(
        url("edit", acme),
        {
            "name": "Acme Foods",
            "account_manager": max.pk,
            "revision_rounds_included": "2",
            "response_target_hours": "8",
        },
    )
    acme.refresh_from_db()
    assert acme.account_manager == max


def test_editing_to_a_taken_name_is_refused(client, erin, acme):
    client.force_login(erin)
    response = client.post(
        url("edit", acme),
        {
            "name": "Globex Bank",
            "account_manager": acme.account_manager_id,
            "industry": "Typed",
            "revision_rounds_included": "2",
            "response_target_hours": "8",
        },
    )
    assert response.status_code == 422
    assert 'value="Globex Bank"' in response.text
    acme.refresh_from_db()
    assert acme.name == "Acme Foods"


def test_archive_and_restore(client, alice, acme):
    client.force_login(alice)
    assert client.post(url("archive", acme), follow=True).status_code == 200
    acme.refresh_from_db()
    assert acme.is_archived
    assert "Acme Foods" not in client.get(url("list")).text
    assert "Acme Foods" in client.get(url("list"), {"status": "archived"}).text
    assert "Acme Foods" in client.get(url("list"), {"status": "all"}).text
    # Archiving twice explains itself instead of failing.
    again = client.post(url("archive", acme), follow=True)
    assert "already archived" in again.text
    assert client.post(url("restore", acme)).status_code == 302
    acme.refresh_from_db()
    assert not acme.is_archived


def test_archive_is_post_only(client, alice, acme):
    client.force_login(alice)
    assert client.get(url("archive", acme)).status_code == 405


def test_client_list_filters(client, erin, acme, globex, max):
    client.force_login(erin)
    assert "Globex Bank" not in client.get(url("list"), {"q": "acme"}).text
    by_am = client.get(url("list"), {"am": max.pk}).text
    assert "Globex Bank" in by_am
    assert "Acme Foods" not in by_am
    htmx = client.get(url("list"), {"q": "glo"}, headers={"HX-Request": "true"})
    assert "<html" not in htmx.text
    assert "Globex Bank" in htmx.text


# --- Brand --------------------------------------------------------------------------------


def test_brand_profile_with_a_real_logo(client, alice, acme):
    client.force_login(alice)
    assert client.get(url("brand", acme)).status_code == 200
    logo = SimpleUploadedFile("anything.png", png_bytes(), content_type="image/png")
    response = client.post(
        url("brand", acme),
        {
            "voice_and_tone": "Cheerful.",
            "dos": "Smile\nBe brief",
            "donts": "Shout",
            "colours": "#ff0000, #00AA00",
            "logo": logo,
        },
    )
    assert response.status_code == 302
    acme.brand.refresh_from_db()
    assert acme.brand.colours == ["#FF0000", "#00AA00"]
    assert acme.brand.logo.name.endswith(".png")
    page = client.get(url("detail", acme)).text
    assert f'src="{acme.brand.logo_url}"' in page
    assert acme.brand.logo.name not in page, "the stored file name stays private"
    assert 'fill="#FF0000"' in page
    # And it can be removed again.
    client.post(url("brand", acme), {"voice_and_tone": "Cheerful.", "remove_logo": "on"})
    acme.brand.refresh_from_db()
    assert not acme.brand.logo


def test_a_text_file_named_logo_png_is_refused_and_text_kept(client, alice, acme):
    client.force_login(alice)
    fake = SimpleUploadedFile("logo.png", b"I am not an image", content_type="image/png")
    response = client.post(
        url("brand", acme),
        {
            "voice_and_tone": "Typed voice",
            "dos": "Typed do",
            "colours": "#123456",
            "logo": fake,
        },
    )
    assert response.status_code == 422
    assert "The logo must be a PNG, JPEG, WebP or GIF image." in response.text
    assert "Typed voice" in response.text
    assert "Typed do" in response.text
    assert 'value="#123456"' in response.text
    acme.brand.refresh_from_db()
    assert acme.brand.voice_and_tone == "Warm, plain-spoken, a little witty."
    assert not acme.brand.logo


def test_bad_colours_are_a_form_error(client, alice, acme):
    client.force_login(alice)
    response = client.post(url("brand", acme), {"voice_and_tone": "Kept", "colours": "red"})
    assert response.status_code == 422
    assert "Colours must look like #1A2B3C" in response.text


# --- Team ---------------------------------------------------------------------------------


def test_team_add_and_remove(client, alice, acme, sam, dan):
    client.force_login(alice)
    page = client.get(url("team", acme)).text
    assert f'<option value="{sam.pk}"' in page
    assert f'<option value="{dan.pk}"' not in page  # already on the team
    assert client.post(url("team", acme), {"user": sam.pk}).status_code == 302
    assert TeamMembership.objects.filter(client=acme, user=sam).exists()
    response = client.post(url("team_remove", acme, user_id=sam.pk))
    assert response.status_code == 302
    assert not TeamMembership.objects.filter(client=acme, user=sam).exists()
    assert Event.objects.filter(verb="team.removed", client_id=acme.pk).exists()


def test_adding_someone_already_on_the_team_is_a_form_error(client, alice, acme, dan):
    client.force_login(alice)
    response = client.post(url("team", acme), {"user": dan.pk})
    assert response.status_code == 422


def test_removing_someone_not_on_the_team_is_404(client, alice, acme, sam):
    client.force_login(alice)
    assert client.post(url("team_remove", acme, user_id=sam.pk)).status_code == 404


# --- Logos --------------------------------------------------------------------------------


@pytest.fixture
def acme_logo(acme, alice, settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path / "media"
    logo = SimpleUploadedFile("acme.png", png_bytes(), content_type="image/png")
    return services.update_brand(by=alice, client=acme, logo=logo)


def test_a_logo_is_served_to_whoever_sees_the_client(client, carol, acme, acme_logo):
    client.force_login(carol)
    response = client.get(url("logo", acme))
    assert response.status_code == 200
    assert b"".join(response.streaming_content) == png_bytes()
    assert response["Content-Type"] == "image/png"
    assert response["Cache-Control"] == "private, max-age=3600"
    assert response["X-Content-Type-Options"] == "nosniff"
    assert response["Content-Disposition"].startswith("inline")


def test_a_logo_is_not_served_to_another_client_or_anonymously(client, gus, acme, acme_logo):
    client.force_login(gus)
    assert client.get(url("logo", acme)).status_code == 404
    client.logout()
    response = client.get(url("logo", acme))
    assert response.status_code == 302
    assert "/login/" in response["Location"]


def test_uploaded_files_have_no_public_address(client, acme_logo, settings):
    # Before, /media/<path> served every upload to anyone, signed in or not.
    assert client.get(f"/{settings.MEDIA_URL}{acme_logo.logo.name}").status_code == 404
    assert not hasattr(settings, "SERVE_MEDIA")


def test_a_client_without_a_logo_has_none_to_serve(client, carol, acme):
    client.force_login(carol)
    assert client.get(url("logo", acme)).status_code == 404


def test_the_logo_help_text_gives_the_configured_limit(client, alice, acme, settings):
    settings.LOGO_MAX_BYTES = 512 * 1024
    settings.LOGO_MAX_PIXELS = 4096 * 4096
    client.force_login(alice)
    page = client.get(url("brand", acme)).text
    assert "PNG, JPEG, WebP or GIF, at most 512.0\xa0KB and 4,096×4,096 pixels" in page  # nbsp


# --- Contacts -----------------------------------------------------------------------------


def test_inviting_a_contact_sends_an_email(client, alice, acme, django_capture_on_commit_callbacks):
    client.force_login(alice)
    assert client.get(url("contacts", acme)).status_code == 200
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(
            url("contacts", acme),
            {
                "email": "Wendy@Acme.test",
                "name": "Wendy Acme",
                "role": "viewer",
            },
        )
    assert response.status_code == 302
    contact = Contact.objects.get(client=acme, user__email="wendy@acme.test")
    assert contact.role == "viewer"
    assert [m.to for m in mail.outbox] == [["wendy@acme.test"]]
    assert "/invitation/" in mail.outbox[0].body


def test_adding_a_contact_of_another_client_does_not_reveal_their_name(client, max, globex, carol):
    client.force_login(max)
    response = client.post(
        url("contacts", globex), {"email": carol.email, "name": "", "role": "viewer"}, follow=True
    )
    assert response.status_code == 200
    assert "carol@acme.test is now a viewer at Globex Bank." in response.text
    added = Event.objects.get(verb="contact.added")
    assert added.data == {"user": added.data["user"], "role": "viewer"}
    assert added.personal == {"name": "carol@acme.test"}


def test_managers_resend_a_contacts_invitation(
    client, alice, acme, django_capture_on_commit_callbacks
):
    client.force_login(alice)
    with django_capture_on_commit_callbacks(execute=True):
        client.post(
            url("contacts", acme),
            {"email": "wendy@acme.test", "name": "Wendy Acme", "role": "reviewer"},
        )
    wendy = Contact.objects.get(client=acme, user__email="wendy@acme.test")
    resend = url("contact_resend_invitation", acme, contact_id=wendy.pk)
    assert resend in client.get(url("contacts", acme)).text
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(resend, follow=True)
    assert "We emailed wendy@acme.test a new invitation link." in response.text
    assert len(mail.outbox) == 2
    assert "/invitation/" in mail.outbox[1].body
    assert "Acme Foods" in mail.outbox[1].body
    event = Event.objects.get(verb="invitation.resent")
    assert (event.client_id, event.data) == (acme.pk, {})
    assert event.personal == {"email": "wendy@acme.test"}


def test_no_resend_for_a_contact_who_has_a_password(client, alice, acme, ray):
    client.force_login(alice)
    ray_contact = Contact.objects.get(client=acme, user=ray)
    resend = url("contact_resend_invitation", acme, contact_id=ray_contact.pk)
    assert resend not in client.get(url("contacts", acme)).text
    response = client.post(resend, follow=True)
    assert "already accepted their invitation" in response.text
    assert mail.outbox == []


def test_inviting_staff_as_a_contact_is_a_form_error(client, alice, acme):
    client.force_login(alice)
    response = client.post(
        url("contacts", acme),
        {
            "email": "dan@northwind.test",
            "name": "Typed name",
            "role": "viewer",
        },
    )
    assert response.status_code == 422
    assert "belongs to agency staff" in response.text
    assert 'value="Typed name"' in response.text


def test_change_role_and_remove_contact(client, alice, acme, ray):
    contact = Contact.objects.get(client=acme, user=ray)
    client.force_login(alice)
    edit = url("contact_edit", acme, contact_id=contact.pk)
    assert client.post(edit, {"role": "approver"}).status_code == 302
    contact.refresh_from_db()
    assert contact.role == "approver"
    assert client.post(edit, {"role": "boss"}).status_code == 422
    remove = url("contact_remove", acme, contact_id=contact.pk)
    assert client.post(remove).status_code == 302
    assert not Contact.objects.filter(pk=contact.pk).exists()


def test_contacts_of_another_client_are_out_of_reach(client, alice, acme, gus):
    gus_contact = Contact.objects.get(user=gus)
    client.force_login(alice)
    response = client.post(url("contact_remove", acme, contact_id=gus_contact.pk))
    assert response.status_code == 404


# --- Activity -----------------------------------------------------------------------------


def test_activity_reads_as_sentences_and_contacts_see_only_client_events(
    client, alice, carol, acme, sam
):
    services.add_team_member(by=alice, client=acme, user=sam)  # internal
    services.update_brand(by=alice, client=acme, colours="#112233")  # client audience
    assert Event.objects.filter(client_id=acme.pk, audience=Audience.INTERNAL).exists()

    client.force_login(alice)
    staff_page = client.get(url("activity", acme)).text
    assert "Alice Northwind added Sam Northwind to the team." in staff_page
    assert "Alice Northwind updated the brand profile (colours)." in staff_page

    client.force_login(carol)
    portal_page = client.get(url("activity", acme)).text
    assert "Alice Northwind updated the brand profile (colours)." in portal_page
    assert "Sam Northwind" not in portal_page
    assert "to the team" not in client.get(url("detail", acme)).text


# --- Query bounds -------------------------------------------------------------------------


def _make_clients(world, by, n, start=0):
    for i in range(start, start + n):
        client = services.create_client(by=by, name=f"Client {i:03d}")
        services.add_team_member(by=by, client=client, user=world.dan)
        services.invite_contact(by=by, client=client, email=f"c{i}@client.test", name=f"C {i}")


@pytest.mark.parametrize("persona", ["erin", "alice"])
def test_client_list_queries_do_not_grow_with_rows(
    client, world, persona, django_assert_max_num_queries
):
    user = world.persona(persona)
    client.force_login(user)
    _make_clients(world, user, 3)
    with django_assert_max_num_queries(9):
        client.get(url("list"))
    _make_clients(world, user, 30, start=3)
    with django_assert_max_num_queries(9):
        response = client.get(url("list"))
    assert "Showing 1\u201325 of" in response.text


def test_activity_queries_do_not_grow_with_events(
    client, alice, acme, sam, django_assert_max_num_queries
):
    client.force_login(alice)
    for i in range(3):
        services.update_client(by=alice, client=acme, industry=f"Industry {i}")
    with django_assert_max_num_queries(9):
        client.get(url("activity", acme))
    for i in range(40):
        services.update_client(by=alice, client=acme, industry=f"More {i}")
    with django_assert_max_num_queries(9):
        response = client.get(url("activity", acme))
    assert "Alice Northwind updated the industry." in response.text


def test_overview_queries_are_bounded(client, alice, acme, django_assert_max_num_queries):
    # With the conversations section: its threads, and the client's own address (made on the
    # first visit: a read, the names taken, the new row); the account health section (one read)
    # and what was agreed (the latest entries, the meeting notes in progress).
    client.force_login(alice)
    with django_assert_max_num_queries(19):
        client.get(url("detail", acme))
    for i in range(20):
        services.invite_contact(by=alice, client=acme, email=f"p{i}@acme.test", name=f"P {i}")
    with django_assert_max_num_queries(17):
        client.get(url("detail", acme))
