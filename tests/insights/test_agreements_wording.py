"""What the record of what was agreed and its meeting notes say, to whom: the empty record by
kind, notes waiting or corrected in the contact's words (the agency keeps its own), and the
client's name owning something written as people write it ("Acme Foods’")."""

import pytest
from django.urls import reverse

from accord.insights.services import notes
from tests.insights.agreements_data import kickoff

pytestmark = pytest.mark.django_db


def _record(world):
    return reverse("insights:agreed", args=[world.acme.pk])


@pytest.fixture
def confirmed(world):
    note = kickoff(world)
    notes.confirm(by=world.carol, note=note, sha256=note.sha256)
    return note


@pytest.mark.parametrize("who", ["alice", "carol"])
def test_a_kind_with_nothing_yet_says_so_and_words_found_nothing_say_try_fewer(
    client, world, confirmed, who
) -> None:
    client.force_login(world.persona(who))
    approvals = client.get(_record(world), {"kind": "approval"}).content.decode()
    assert "No approvals recorded yet for Acme Foods." in approvals
    assert "Try fewer words" not in approvals
    signed = client.get(_record(world), {"kind": "sign_off"}).content.decode()
    assert "No brief signed off yet for Acme Foods." in signed
    words = client.get(_record(world), {"kind": "approval", "q": "zebra"}).content.decode()
    assert "No entry has all those words among those shown. Try fewer words" in words


def test_notes_waiting_read_to_a_contact_as_waiting_for_their_answer(client, world) -> None:
    note = kickoff(world)
    for page in (_record(world), world.acme.get_absolute_url()):
        client.force_login(world.carol)
        html = client.get(page).content.decode()
        assert "Waiting for your answer" in html and "Waiting for the client" not in html, page
        client.force_login(world.alice)
        html = client.get(page).content.decode()
        assert "Waiting for the client" in html and "Waiting for your answer" not in html, page
    client.force_login(world.carol)
    html = client.get(reverse("insights:note", args=[note.pk])).content.decode()
    assert '<span class="badge badge--note-awaiting">Waiting for your answer</span>' in html


def test_corrected_notes_say_who_corrected_them_and_who_revises_them(client, world) -> None:
    note = kickoff(world)
    client.force_login(world.carol)
    client.post(reverse("insights:note_correct", args=[note.pk]), {"text": "Launch is 21 April."})
    carol, alice = world.carol.name, world.alice.name
    note_url = reverse("insights:note", args=[note.pk])

    mine = client.get(_record(world)).content.decode()
    assert f"You corrected these notes: {alice} is revising them" in mine
    page = client.get(note_url).content.decode()
    assert "You corrected these notes</h2>" in page and "You said on" in page
    assert f"{alice} is revising them." in page and "Corrected by the client" not in page
    assert '<span class="badge badge--note-corrected">Corrected</span>' in page

    client.force_login(world.ray)
    theirs = client.get(_record(world)).content.decode()
    assert f"Corrected by {carol}: {alice} is revising them" in theirs
    assert f"Corrected by {carol}</h2>" in client.get(note_url).content.decode()

    client.force_login(world.alice)
    agency = client.get(_record(world)).content.decode()
    assert f"by {carol}: to revise" in agency and "is revising them" not in agency
    page = client.get(note_url).content.decode()
    assert "Corrected by the client</h2>" in page and f"{carol} said on" in page


def test_the_clients_name_owns_things_with_an_apostrophe_alone(client, world) -> None:
    note = kickoff(world)
    client.force_login(world.alice)
    form = client.get(reverse("insights:note_new", args=[world.acme.pk])).content.decode()
    assert "Acme Foods’ approvers and reviewers get the notes" in form
    page = client.get(reverse("insights:note", args=[note.pk])).content.decode()
    assert "Sent to Acme Foods’ approvers and reviewers" in page
    record = client.get(_record(world)).content.decode()
    assert "go to Acme Foods’ approvers and reviewers" in record
    for html in (form, page, record):
        assert "Foods's" not in html


def test_carol_refused_recording_notes_is_told_whose_account_manager_may(client, world) -> None:
    client.force_login(world.carol)
    refused = client.get(reverse("insights:note_new", args=[world.acme.pk]))
    assert refused.status_code == 403
    assert "Only Acme Foods’ account manager records meeting notes" in refused.content.decode()
