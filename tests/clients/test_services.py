"""Clients: accounts, terms, brand, team and contacts, and who sees which client."""

import io
import re
from pathlib import Path

import pytest
from django.core import mail as django_mail
from django.core.exceptions import PermissionDenied
from django.core.files.uploadedfile import SimpleUploadedFile
from django.db.models import QuerySet
from django.http import Http404
from PIL import Image

from accord.accounts.models import User
from accord.clients import access, queries, services
from accord.clients.models import BrandProfile, Client, Contact, TeamMembership
from accord.core.errors import DomainError, IllegalTransition, InvalidInput
from accord.core.events import verify_chain
from accord.core.models import Event
from accord.core.policy import Audience, ContactRole, Kind


@pytest.fixture(autouse=True)
def media_in_tmp(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path / "media"


def _image(fmt: str = "PNG", name: str = "logo.png", size: tuple[int, int] = (40, 20)):
    buffer = io.BytesIO()
    Image.new("RGB", size, (200, 30, 30)).save(buffer, format=fmt)
    return SimpleUploadedFile(name, buffer.getvalue(), content_type=f"image/{fmt.lower()}")


# --- Creating clients --------------------------------------------------------------------


def test_alice_creates_a_client_and_runs_it_even_if_she_names_max(alice, max):
    initech = services.create_client(
        by=alice,
        name="  Initech ",
        account_manager=max,
        industry="Software",
        revision_rounds_included=3,
    )
    assert initech.name == "Initech"
    assert initech.account_manager == alice
    assert initech.revision_rounds_included == 3
    assert BrandProfile.objects.filter(client=initech).exists()
    event = Event.objects.get(verb="client.created")
    assert (event.actor, event.client_id) == (alice, initech.pk)
    assert event.data == {"name": "Initech", "account_manager": alice.pk}
    assert event.audience == Audience.INTERNAL


def test_erin_creates_a_client_for_max(erin, max):
    assert (
        services.create_client(by=erin, name="Initech", account_manager=max).account_manager == max
    )


def test_erin_creates_a_client_without_naming_an_am_and_runs_it(erin):
    assert services.create_client(by=erin, name="Initech").account_manager == erin


@pytest.mark.parametrize("not_an_am", ["dan", "carol"])
def test_erin_cannot_hand_a_client_to_a_creative_or_contact(erin, world, not_an_am):
    with pytest.raises(InvalidInput) as caught:
        services.create_client(by=erin, name="Initech", account_manager=world.persona(not_an_am))
    assert caught.value.field == "account_manager"


@pytest.mark.parametrize("persona", ["dan", "cora", "carol", "gus"])
def test_creatives_and_contacts_cannot_create_clients(world, persona):
    with pytest.raises(DomainError):
        services.create_client(by=world.persona(persona), name="Initech")
    assert not Client.objects.filter(name="Initech").exists()


@pytest.mark.parametrize("name", ["acme foods", "ACME FOODS", " Acme Foods "])
def test_a_client_name_already_taken_is_refused_whatever_its_case(alice, name):
    with pytest.raises(InvalidInput) as caught:
        services.create_client(by=alice, name=name)
    assert caught.value.field == "name"


def test_a_client_needs_a_name(alice):
    with pytest.raises(InvalidInput) as caught:
        services.create_client(by=alice, name="   ")
    assert caught.value.field == "name"


@pytest.mark.parametrize(
    ("field", "value"),
    [
        ("revision_rounds_included", -1),
        ("revision_rounds_included", 21),
        ("revision_rounds_included", "two"),
        ("response_target_hours", 0),
        ("response_target_hours", 201),
        ("response_target_hours", "soon"),
    ],
)
def test_terms_out_of_bounds_are_refused(alice, field, value):
    with pytest.raises(InvalidInput) as caught:
        services.create_client(by=alice, name="Initech", **{field: value})
    assert caught.value.field == field
    assert not Client.objects.filter(name="Initech").exists()


@pytest.mark.parametrize(("rounds", "hours"), [(0, 1), (20, 200), ("4", "16")])
def test_terms_within_bounds_are_kept_as_numbers(alice, rounds, hours):
    initech = services.create_client(
        by=alice, name="Initech", revision_rounds_included=rounds, response_target_hours=hours
    )
    initech.refresh_from_db()
    assert (initech.revision_rounds_included, initech.response_target_hours) == (
        int(rounds),
        int(hours),
    )


# --- Updating clients --------------------------------------------------------------------


def test_alice_changes_acmes_details(alice, acme):
    services.update_client(by=alice, client=acme, industry="Snacks", website="https://acme.test")
    acme.refresh_from_db()
    assert (acme.industry, acme.website) == ("Snacks", "https://acme.test")
    event = Event.objects.get(verb="client.updated")
    assert event.audience == Audience.INTERNAL
    assert event.data == {"fields": ["industry", "website"]}


def test_alice_cannot_hand_acme_to_max(alice, max, acme):
    with pytest.raises(DomainError):
        services.update_client(by=alice, client=acme, account_manager=max)
    acme.refresh_from_db()
    assert acme.account_manager == alice


def test_erin_hands_acme_to_max(erin, max, acme):
    services.update_client(by=erin, client=acme, account_manager=max)
    acme.refresh_from_db()
    assert acme.account_manager == max
    assert Event.objects.get(verb="client.updated").data == {"fields": ["account_manager"]}


def test_erin_cannot_hand_acme_to_a_creative(erin, dan, acme):
    with pytest.raises(InvalidInput):
        services.update_client(by=erin, client=acme, account_manager=dan)


def test_a_terms_change_is_visible_to_the_client(alice, acme):
    services.update_client(by=alice, client=acme, revision_rounds_included=4)
    assert Event.objects.get(verb="client.updated").audience == Audience.CLIENT


def test_a_change_mixing_terms_and_internal_notes_stays_internal(alice, acme):
    services.update_client(
        by=alice, client=acme, revision_rounds_included=4, internal_notes="Carol prefers calls"
    )
    event = Event.objects.get(verb="client.updated")
    assert event.audience == Audience.INTERNAL
    assert event.data == {"fields": ["internal_notes", "revision_rounds_included"]}


def test_renaming_onto_another_clients_name_is_refused(alice, acme):
    with pytest.raises(InvalidInput) as caught:
        services.update_client(by=alice, client=acme, name="globex bank")
    assert caught.value.field == "name"


def test_a_concurrent_rename_to_the_same_name_is_a_field_error(alice, acme, monkeypatch):
    # Both renames passed the check before either saved: the database constraint decides.
    monkeypatch.setattr(services, "_ensure_name_free", lambda name, **_: name.strip())
    with pytest.raises(InvalidInput) as caught:
        services.update_client(by=alice, client=acme, name="globex bank")
    assert caught.value.field == "name"
    assert Client.objects.filter(name="Acme Foods").exists(), "the transaction is still usable"


def test_renaming_a_client_to_its_own_name_in_another_case_is_fine(alice, acme):
    services.update_client(by=alice, client=acme, name="ACME Foods")
    acme.refresh_from_db()
    assert acme.name == "ACME Foods"


def test_an_update_that_changes_nothing_records_nothing(alice, acme):
    services.update_client(
        by=alice,
        client=acme,
        industry=acme.industry,
        revision_rounds_included=acme.revision_rounds_included,
    )
    assert not Event.objects.filter(verb="client.updated").exists()


# --- Archiving ---------------------------------------------------------------------------


def test_acme_is_archived_then_restored(alice, acme):
    services.archive_client(by=alice, client=acme)
    acme.refresh_from_db()
    assert acme.is_archived
    assert acme.archived_at is not None
    services.restore_client(by=alice, client=acme)
    acme.refresh_from_db()
    assert not acme.is_archived
    assert acme.archived_at is None
    verbs = list(Event.objects.order_by("id").values_list("verb", flat=True))
    assert verbs == ["client.archived", "client.restored"]


def test_archiving_twice_is_refused(alice, acme):
    services.archive_client(by=alice, client=acme)
    with pytest.raises(IllegalTransition, match="already archived"):
        services.archive_client(by=alice, client=acme)
    assert Event.objects.filter(verb="client.archived").count() == 1


def test_archiving_through_a_stale_copy_is_refused(alice, acme):
    stale = Client.objects.get(pk=acme.pk)
    services.archive_client(by=alice, client=acme)
    with pytest.raises(IllegalTransition):
        services.archive_client(by=alice, client=stale)


def test_restoring_an_active_client_is_refused(alice, acme):
    with pytest.raises(IllegalTransition, match="not archived"):
        services.restore_client(by=alice, client=acme)


# --- Brand profile -----------------------------------------------------------------------


@pytest.mark.parametrize(
    ("raw", "colours"),
    [
        ("#ff0000, #00FF00\n#0000ff", ["#FF0000", "#00FF00", "#0000FF"]),
        (["#abcdef"], ["#ABCDEF"]),
        ("", []),
    ],
)
def test_brand_colours_are_parsed_and_normalised(alice, acme, raw, colours):
    brand = services.update_brand(by=alice, client=acme, colours=raw)
    brand.refresh_from_db()
    assert brand.colours == colours


@pytest.mark.parametrize("raw", ["red", "#fff", "#12345G", "#1234567", "1A2B3C"])
def test_colours_that_are_not_hex_are_refused(alice, acme, raw):
    with pytest.raises(InvalidInput) as caught:
        services.update_brand(by=alice, client=acme, colours=raw)
    assert caught.value.field == "colours"


def test_at_most_twelve_colours(alice, acme):
    with pytest.raises(InvalidInput, match="12"):
        services.update_brand(by=alice, client=acme, colours=["#000000"] * 13)


def test_brand_voice_changes_are_visible_to_the_client(alice, acme):
    brand = services.update_brand(
        by=alice, client=acme, voice_and_tone="Bold.", dos="Say yum\n\nSmile", donts="Shout"
    )
    brand.refresh_from_db()
    assert brand.dos_list == ["Say yum", "Smile"]
    event = Event.objects.get(verb="brand.updated")
    assert event.audience == Audience.CLIENT
    assert event.data == {"fields": ["donts", "dos", "voice_and_tone"]}


@pytest.mark.parametrize(
    ("fmt", "name", "extension"),
    [
        ("PNG", "logo.png", "png"),
        ("JPEG", "photo.jpeg", "jpg"),
        ("PNG", "named-wrong.jpg", "png"),
    ],
)
def test_a_real_image_is_accepted_as_a_logo(alice, acme, fmt, name, extension):
    brand = services.update_brand(by=alice, client=acme, logo=_image(fmt, name))
    brand.refresh_from_db()
    # An unguessable name that says nothing about the client: logos/<32 hex>.<extension>.
    assert re.fullmatch(rf"logos/[0-9a-f]{{32}}\.{extension}", brand.logo.name), brand.logo.name
    with Image.open(brand.logo.path) as stored:
        assert stored.format == fmt


def test_a_text_file_named_png_is_refused(alice, acme):
    fake = SimpleUploadedFile("logo.png", b"this is not an image at all", "image/png")
    with pytest.raises(InvalidInput) as caught:
        services.update_brand(by=alice, client=acme, logo=fake)
    assert caught.value.field == "logo"
    acme.brand.refresh_from_db()
    assert not acme.brand.logo


def test_an_image_in_another_format_is_refused(alice, acme):
    with pytest.raises(InvalidInput, match="PNG, JPEG"):
        services.update_brand(by=alice, client=acme, logo=_image("BMP", "logo.bmp"))


def test_an_oversized_logo_is_refused(alice, acme, settings):
    settings.LOGO_MAX_BYTES = 100
    with pytest.raises(InvalidInput, match="100") as caught:
        services.update_brand(by=alice, client=acme, logo=_image(size=(300, 300)))
    assert caught.value.field == "logo"


def test_a_logo_can_be_removed(alice, acme, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        brand = services.update_brand(by=alice, client=acme, logo=_image())
    path = brand.logo.path
    with django_capture_on_commit_callbacks(execute=True):
        services.update_brand(by=alice, client=acme, remove_logo=True)
    brand.refresh_from_db()
    assert not brand.logo
    assert not Path(path).exists()
    assert Event.objects.filter(verb="brand.updated").last().data == {"fields": ["logo"]}


def test_a_replaced_logo_file_is_deleted_after_commit(
    alice, acme, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        first = services.update_brand(by=alice, client=acme, logo=_image()).logo.path
    with django_capture_on_commit_callbacks(execute=False) as pending:
        second = services.update_brand(by=alice, client=acme, logo=_image("JPEG", "b.jpg"))
    assert Path(first).exists(), "kept until the change commits"
    for callback in pending:
        callback()
    assert not Path(first).exists()
    assert Path(second.logo.path).exists()


# --- Team --------------------------------------------------------------------------------


def test_alice_adds_sam_to_the_acme_team(alice, sam, acme):
    membership = services.add_team_member(by=alice, client=acme, user=sam)
    assert membership.user == sam
    assert acme in queries.visible_to(sam)
    added = Event.objects.get(verb="team.added")
    assert (added.data, added.personal) == ({"user": sam.pk}, {"name": sam.name})


def test_a_contact_cannot_join_a_team(alice, carol, acme):
    with pytest.raises(InvalidInput):
        services.add_team_member(by=alice, client=acme, user=carol)


def test_someone_already_on_the_team_is_refused(alice, dan, acme):
    with pytest.raises(InvalidInput, match="already on"):
        services.add_team_member(by=alice, client=acme, user=dan)
    assert TeamMembership.objects.filter(client=acme, user=dan).count() == 1


def test_a_deactivated_staff_member_cannot_join(alice, sam, acme):
    sam.is_active = False
    sam.save(update_fields=["is_active"])
    with pytest.raises(InvalidInput):
        services.add_team_member(by=alice, client=acme, user=sam)


def test_removing_dan_from_acme_hides_acme_from_him(alice, dan, acme):
    membership = TeamMembership.objects.get(client=acme, user=dan)
    membership_id = membership.pk
    services.remove_team_member(by=alice, membership=membership)
    assert acme not in queries.visible_to(dan)
    event = Event.objects.get(verb="team.removed")
    assert (event.target_type, event.target_id) == ("clients.teammembership", str(membership_id))


# --- Contacts ----------------------------------------------------------------------------


@pytest.fixture
def invite_contact(alice, acme, django_capture_on_commit_callbacks):
    def _invite(email, name="Wendy Acme", role=ContactRole.REVIEWER, client=None):
        with django_capture_on_commit_callbacks(execute=True):
            return services.invite_contact(
                by=alice, client=client or acme, email=email, name=name, role=role
            )

    return _invite


def test_a_new_contact_gets_an_invitation(invite_contact, acme):
    contact = invite_contact("Wendy@Acme.test", role=ContactRole.VIEWER)
    wendy = contact.user
    assert (wendy.email, wendy.kind, wendy.staff_role) == ("wendy@acme.test", Kind.CONTACT, "")
    assert contact.role == ContactRole.VIEWER
    [message] = django_mail.outbox
    assert message.to == ["wendy@acme.test"]
    assert "Acme Foods" in message.body
    assert acme in queries.visible_to(wendy)
    event = Event.objects.get(verb="contact.added")
    assert event.audience == Audience.CLIENT


def test_a_contact_at_another_client_is_just_added(invite_contact, gus, acme):
    contact = invite_contact("gus@globex.test", name="ignored")
    assert contact.user == gus
    assert django_mail.outbox == []
    assert set(queries.visible_to(gus)) == {acme, Client.objects.get(name="Globex Bank")}
    gus.refresh_from_db()
    assert gus.name == "Gus Globex"


def test_adding_someone_from_another_client_records_their_email_not_their_name(invite_contact, gus):
    invite_contact("gus@globex.test", name="")
    event = Event.objects.get(verb="contact.added")
    assert event.personal["name"] == "gus@globex.test"
    assert "Gus Globex" not in str(event.data) + str(event.personal)


def test_a_new_contact_invited_twice_at_once_is_a_field_error(invite_contact, db):
    # The other invitation's account appeared between the lookup and the insert (its email
    # differs only in case, so the lookup misses it and the unique constraint catches it).
    other = User.objects.create_user("wendy@acme.test", kind=Kind.CONTACT, name="Wendy")
    User.objects.filter(pk=other.pk).update(email="WENDY@acme.test")
    with pytest.raises(InvalidInput) as caught:
        invite_contact("wendy@acme.test")
    assert caught.value.field == "email"
    assert User.objects.filter(email__iexact="wendy@acme.test").count() == 1


def test_a_contact_added_twice_at_once_is_a_field_error(invite_contact, monkeypatch):
    # Both passed the "already a contact?" check before either inserted.
    monkeypatch.setattr(QuerySet, "exists", lambda self: False)
    with pytest.raises(InvalidInput, match="already a contact") as caught:
        invite_contact("carol@acme.test")
    assert caught.value.field == "email"
    monkeypatch.undo()
    assert Contact.objects.filter(user__email="carol@acme.test").count() == 1


def test_staff_cannot_be_invited_as_a_contact(invite_contact):
    with pytest.raises(InvalidInput) as caught:
        invite_contact("DAN@northwind.test")
    assert caught.value.field == "email"
    assert not Contact.objects.filter(user__email="dan@northwind.test").exists()


def test_an_existing_contact_is_refused(invite_contact):
    with pytest.raises(InvalidInput, match="already a contact"):
        invite_contact("carol@acme.test")


def test_a_new_contact_needs_a_name_and_a_role(invite_contact):
    with pytest.raises(InvalidInput) as caught:
        invite_contact("wendy@acme.test", name=" ")
    assert caught.value.field == "name"
    with pytest.raises(InvalidInput) as caught:
        invite_contact("wendy@acme.test", role="boss")
    assert caught.value.field == "role"
    assert not User.objects.filter(email="wendy@acme.test").exists()


def test_rays_role_changes_to_approver(alice, ray, acme):
    contact = Contact.objects.get(client=acme, user=ray)
    services.change_contact_role(by=alice, contact=contact, role=ContactRole.APPROVER)
    contact.refresh_from_db()
    assert contact.role == ContactRole.APPROVER
    with pytest.raises(InvalidInput):
        services.change_contact_role(by=alice, contact=contact, role="owner")


def test_removing_ray_hides_acme_from_him(alice, ray, acme):
    contact = Contact.objects.get(client=acme, user=ray)
    contact_id = contact.pk
    services.remove_contact(by=alice, contact=contact)
    assert acme not in queries.visible_to(ray)
    assert User.objects.filter(pk=ray.pk).exists(), "the person stays; only the role goes"
    event = Event.objects.get(verb="contact.removed")
    assert (event.target_type, event.target_id) == ("clients.contact", str(contact_id))


def test_every_client_service_keeps_the_chain_intact(world, invite_contact):
    alice, erin, max, acme, globex = world.alice, world.erin, world.max, world.acme, world.globex
    services.update_client(by=erin, client=acme, account_manager=max)
    services.add_team_member(by=alice, client=globex, user=alice)
    services.update_brand(by=alice, client=acme, colours="#112233")
    services.archive_client(by=alice, client=globex)
    invite_contact("wendy@acme.test")
    assert verify_chain().intact


# --- Who sees which client -----------------------------------------------------------------

VISIBLE = {
    "erin": {"Acme Foods", "Globex Bank"},
    "alice": {"Acme Foods"},
    "max": {"Globex Bank"},
    "dan": {"Acme Foods"},
    "cora": {"Acme Foods", "Globex Bank"},
    "sam": {"Globex Bank"},
    "carol": {"Acme Foods"},
    "ray": {"Acme Foods"},
    "gus": {"Globex Bank"},
}


@pytest.mark.parametrize(("persona", "names"), VISIBLE.items())
def test_each_persona_sees_exactly_their_clients(world, persona, names):
    visible = queries.visible_to(world.persona(persona))
    assert set(visible.values_list("name", flat=True)) == names


def test_an_am_also_sees_a_client_whose_team_they_joined(world, alice, globex):
    TeamMembership.objects.create(client=globex, user=alice)
    assert set(queries.visible_to(alice)) == {world.acme, globex}


def test_nobody_signed_out_or_deactivated_sees_a_client(world, alice):
    from django.contrib.auth.models import AnonymousUser

    assert not queries.visible_to(AnonymousUser()).exists()
    alice.is_active = False
    assert not queries.visible_to(alice).exists()


def test_alice_viewing_globex_gets_404(alice, globex):
    with pytest.raises(Http404):
        access.client_for(alice, globex.pk)


def test_gus_viewing_acme_gets_404(gus, acme):
    with pytest.raises(Http404):
        access.client_for(gus, acme.pk)


def test_dan_may_view_acme_but_editing_it_is_forbidden(dan, acme):
    assert access.client_for(dan, acme.pk) == acme
    assert access.client_for(dan, acme.pk, action="view_internal") == acme
    with pytest.raises(PermissionDenied):
        access.client_for(dan, acme.pk, action="edit")


def test_carol_may_view_acme_but_not_its_internal_side(carol, acme):
    client = access.client_for(carol, acme.pk)
    assert client.my_contact_role == ContactRole.APPROVER
    with pytest.raises(PermissionDenied):
        access.client_for(carol, acme.pk, action="view_internal")


@pytest.mark.parametrize("action", ["edit", "archive", "manage_team", "manage_contacts"])
def test_alice_runs_acme_and_max_cannot_touch_it(alice, max, erin, acme, action):
    assert access.client_for(alice, acme.pk, action=action) == acme
    assert access.client_for(erin, acme.pk, action=action) == acme
    with pytest.raises(Http404):
        access.client_for(max, acme.pk, action=action)


def test_cora_on_both_teams_may_edit_neither(cora, acme, globex):
    for client in (acme, globex):
        with pytest.raises(PermissionDenied):
            access.client_for(cora, client.pk, action="edit")


def test_an_unknown_client_is_404(erin):
    with pytest.raises(Http404):
        access.client_for(erin, 987654)
