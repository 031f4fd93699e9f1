"""Acme's "what was agreed" on the web: the record (searchable, in pages, as a PDF), the section
on Acme's page, and meeting notes — recorded by Alice, confirmed or corrected by Carol and Ray.
Gus, Max and the creatives never see any of it; a refusal says why, never a 500."""

from datetime import timedelta

import pytest
from django.urls import reverse
from django.utils import timezone

from accord.insights import pdf_agreements
from accord.insights.models import Agreement, MeetingNote
from accord.insights.services import notes
from tests.insights.agreements_data import BODY, kickoff, signed_brief

S = MeetingNote.Status


def _as(client, person):
    client.force_login(person)
    return client


def _entries(client_row, count: int, *, summary: str = "The poster, as approved.") -> None:
    """`count` entries on the record (for reads: pages, bounds, query counts)."""
    now = timezone.now()
    Agreement.objects.bulk_create(
        Agreement(
            client=client_row,
            kind=Agreement.Kind.APPROVAL,
            title=f"Poster {n} (version 1)",
            summary=summary,
            sha256=f"{n:064x}",
            agreed_at=now - timedelta(minutes=n),
            source_type="version",
            source_id=client_row.pk * 100_000 + n,
        )
        for n in range(count)
    )


@pytest.fixture
def confirmed(world) -> MeetingNote:
    note = kickoff(world)
    notes.confirm(by=world.carol, note=note, sha256=note.sha256)
    return note


def _record(world):
    return reverse("insights:agreed", args=[world.acme.pk])


# --- The record ----------------------------------------------------------------------------------


@pytest.mark.parametrize("who", ["erin", "alice", "carol", "ray"])
def test_acmes_account_side_and_its_people_read_what_was_agreed(client, world, confirmed, who):
    signed_brief(world)
    page = _as(client, world.persona(who)).get(_record(world))
    assert page.status_code == 200
    html = page.content.decode()
    assert "Spring launch kick-off" in html and "Summer (version 1)" in html
    assert confirmed.sha256 in html  # the full SHA-256, beside its short fingerprint
    assert reverse("insights:note", args=[confirmed.pk]) in html  # each entry links its source
    assert ("Record meeting notes" in html) is (who in ("erin", "alice"))


@pytest.mark.parametrize("who", ["max", "gus", "dan", "cora", "sam"])
def test_nobody_else_sees_acmes_record_or_its_notes(client, world, confirmed, who):
    as_them = _as(client, world.persona(who))
    assert as_them.get(_record(world)).status_code == 404
    assert as_them.get(reverse("insights:agreed_pdf", args=[world.acme.pk])).status_code == 404
    assert as_them.get(reverse("insights:note", args=[confirmed.pk])).status_code == 404


def test_the_record_is_searched_and_filtered(client, world, confirmed):
    signed_brief(world)
    as_alice = _as(client, world.alice)
    found = as_alice.get(_record(world), {"q": "store LIST friday"}).content.decode()
    assert "Spring launch kick-off" in found and "Summer (version 1)" not in found
    signed = as_alice.get(_record(world), {"kind": "sign_off"}).content.decode()
    assert "Summer (version 1)" in signed and "Spring launch kick-off" not in signed
    nothing = as_alice.get(_record(world), {"q": "zebra"}).content.decode()
    assert "Nothing found" in nothing


def test_a_search_too_long_says_so_and_shows_everything(client, world, confirmed):
    page = _as(client, world.alice).get(_record(world), {"q": "x" * 201, "kind": "nonsense"})
    assert page.status_code == 200
    html = page.content.decode()
    assert "Search with up to 200 characters." in html and "Spring launch kick-off" in html


def test_one_entry_alone_from_search(client, world, confirmed):
    signed_brief(world)
    entry = Agreement.objects.get(kind="meeting_note")
    html = _as(client, world.carol).get(_record(world), {"entry": entry.pk}).content.decode()
    assert "One entry is shown." in html and "Summer (version 1)" not in html


def test_the_record_costs_the_same_queries_for_more_entries(
    client, world, django_assert_max_num_queries
):
    as_alice = _as(client, world.alice)
    _entries(world.acme, 3)
    kickoff(world)
    with django_assert_max_num_queries(8) as few:
        assert as_alice.get(_record(world)).status_code == 200
    _entries(world.globex, 5)
    Agreement.objects.filter(client=world.acme).delete()
    _entries(world.acme, 60)
    kickoff(world, title="Second call")
    with django_assert_max_num_queries(len(few.captured_queries)):
        page = as_alice.get(_record(world), {"page": 2})
    assert page.status_code == 200 and "Showing 21–40 of 60" in page.content.decode()


# --- The section on Acme's page ---------------------------------------------------------------


def test_acmes_page_shows_the_latest_agreed_and_the_notes_waiting(client, world, confirmed):
    waiting = kickoff(world, title="Media plan review")
    html = _as(client, world.alice).get(world.acme.get_absolute_url()).content.decode()
    assert "What was agreed" in html and "Spring launch kick-off" in html
    assert "Media plan review" in html and "Waiting for the client" in html
    assert reverse("insights:note_new", args=[world.acme.pk]) in html
    carols = _as(client, world.carol).get(world.acme.get_absolute_url()).content.decode()
    assert "What was agreed" in carols and reverse("insights:note", args=[waiting.pk]) in carols
    assert reverse("insights:note_new", args=[world.acme.pk]) not in carols


def test_a_creative_on_acmes_team_gets_no_such_section(client, world, confirmed):
    html = _as(client, world.dan).get(world.acme.get_absolute_url()).content.decode()
    assert "What was agreed" not in html


# --- Meeting notes -------------------------------------------------------------------------------


def test_alice_records_notes_from_the_form(client, world):
    as_alice = _as(client, world.alice)
    url = reverse("insights:note_new", args=[world.acme.pk])
    assert as_alice.get(url).status_code == 200
    day = (timezone.localdate() - timedelta(days=1)).isoformat()
    sent = as_alice.post(
        url, {"title": "Kick-off", "held_on": day, "attendees": "Carol", "body": BODY}
    )
    note = MeetingNote.objects.get()
    assert sent.status_code == 302 and sent["Location"] == reverse("insights:note", args=[note.pk])
    assert note.status == S.AWAITING and note.recorded_by == world.alice


def test_the_form_keeps_what_was_typed_and_says_what_is_wrong(client, world):
    url = reverse("insights:note_new", args=[world.acme.pk])
    tomorrow = (timezone.localdate() + timedelta(days=1)).isoformat()
    page = _as(client, world.alice).post(
        url, {"title": "Kick-off", "held_on": tomorrow, "body": BODY}
    )
    assert page.status_code == 422
    html = page.content.decode()
    assert "That day is still to come" in html and "Kick-off" in html
    assert not MeetingNote.objects.exists()


def test_carol_may_not_record_notes(client, world):
    url = reverse("insights:note_new", args=[world.acme.pk])
    assert _as(client, world.carol).get(url).status_code == 403


def test_carol_reads_the_notes_and_confirms_them_on_their_page(client, world):
    note = kickoff(world)
    as_carol = _as(client, world.carol)
    page = as_carol.get(reverse("insights:note", args=[note.pk])).content.decode()
    assert "Confirm these notes" in page and "Send the correction" in page
    assert "Withdraw" not in page and note.sha256 in page
    done = as_carol.post(reverse("insights:note_confirm", args=[note.pk]), {"sha256": note.sha256})
    assert done.status_code == 302
    assert MeetingNote.objects.get(pk=note.pk).status == S.CONFIRMED
    after = as_carol.get(done["Location"]).content.decode()
    assert "Confirmed by" in after and "what was agreed" in after


def test_alice_confirming_her_own_notes_is_refused_with_the_reason(client, world):
    note = kickoff(world)
    as_alice = _as(client, world.alice)
    page = as_alice.get(reverse("insights:note", args=[note.pk])).content.decode()
    assert "Confirm these notes" not in page and "Withdraw" in page and "Revise the notes" in page
    refused = as_alice.post(
        reverse("insights:note_confirm", args=[note.pk]), {"sha256": note.sha256}
    )
    assert refused.status_code == 403
    assert "Only Acme Foods&#x27;s people can confirm these notes." in refused.content.decode()


def test_confirming_notes_that_changed_shows_them_again(client, world):
    note = kickoff(world)
    stale = _as(client, world.carol).post(
        reverse("insights:note_confirm", args=[note.pk]), {"sha256": "a" * 64}
    )
    assert stale.status_code == 409
    assert "These notes changed since you opened them" in stale.content.decode()
    garbled = client.post(reverse("insights:note_confirm", args=[note.pk]), {"sha256": "nope"})
    assert garbled.status_code == 422 and "open them again" in garbled.content.decode()


def test_notes_answered_already_say_so(client, world, confirmed):
    again = _as(client, world.ray).post(
        reverse("insights:note_confirm", args=[confirmed.pk]), {"sha256": confirmed.sha256}
    )
    assert again.status_code == 409 and "confirmed already" in again.content.decode()


def test_ray_corrects_the_notes_and_alice_revises_them(client, world):
    note = kickoff(world)
    as_ray = _as(client, world.ray)
    empty = as_ray.post(reverse("insights:note_correct", args=[note.pk]), {"text": ""})
    assert empty.status_code == 422 and "Say what should be corrected" in empty.content.decode()
    as_ray.post(reverse("insights:note_correct", args=[note.pk]), {"text": "Launch is 21 April."})
    assert MeetingNote.objects.get(pk=note.pk).status == S.CORRECTED
    as_alice = _as(client, world.alice)
    form = as_alice.get(reverse("insights:note_revise", args=[note.pk])).content.decode()
    assert "Launch is 21 April." in form and "Spring launch kick-off" in form
    revised = as_alice.post(
        reverse("insights:note_revise", args=[note.pk]),
        {
            "title": note.title,
            "held_on": note.held_on.isoformat(),
            "attendees": note.attendees,
            "body": BODY.replace("14 April", "21 April"),
        },
    )
    fresh = MeetingNote.objects.get(replaces=note)
    assert revised["Location"] == reverse("insights:note", args=[fresh.pk])
    old = as_alice.get(reverse("insights:note", args=[note.pk])).content.decode()
    assert "read revision 2" in old and "Revise the notes" not in old


def test_alice_withdraws_notes_and_confirmed_ones_cannot_be_revised(client, world, confirmed):
    waiting = kickoff(world, title="Other call")
    as_alice = _as(client, world.alice)
    gone = as_alice.post(reverse("insights:note_withdraw", args=[waiting.pk]))
    assert gone.status_code == 302 and MeetingNote.objects.get(pk=waiting.pk).status == S.WITHDRAWN
    assert as_alice.get(reverse("insights:note_revise", args=[confirmed.pk])).status_code == 409
    assert (
        _as(client, world.carol)
        .post(reverse("insights:note_withdraw", args=[confirmed.pk]))
        .status_code
        == 403
    )


# --- The PDF -------------------------------------------------------------------------------------


def test_the_record_as_a_pdf(client, world, confirmed, worker):
    as_carol = _as(client, world.carol)
    address = reverse("insights:agreed_pdf", args=[world.acme.pk])
    assert as_carol.get(address).status_code == 202  # being prepared by the worker
    worker()
    pdf = as_carol.get(address)
    assert pdf.status_code == 200 and pdf["Content-Type"] == "application/pdf"
    assert b"".join(pdf.streaming_content).startswith(b"%PDF")
    assert "acme-foods-what-was-agreed.pdf" in pdf["Content-Disposition"]


def test_the_pdf_is_bounded_and_says_where_it_stops(world, django_assert_max_num_queries):
    _entries(world.acme, pdf_agreements.MAX_ENTRIES + 5, summary="Agreed. " * 2_500)
    with django_assert_max_num_queries(1):
        record = pdf_agreements.printed(world.acme)
    assert record.cut and len(record.entries) == pdf_agreements.MAX_ENTRIES
    assert all(len(e.summary) <= pdf_agreements.PRINTED_SUMMARY for e in record.entries)
    source = pdf_agreements.pdf_source(world.acme, record)
    assert "stops at the newest 200 entries" in source
    assert all(e.sha256 in source for e in record.entries)
    # What WeasyPrint lays out is bounded by the entries and their printed length.
    per_entry = pdf_agreements.PRINTED_SUMMARY * 2 + 1_000  # escaping, markup and metadata
    assert len(source) < pdf_agreements.MAX_ENTRIES * per_entry


def test_the_pdf_follows_the_search(world, confirmed):
    signed_brief(world)
    record = pdf_agreements.printed(world.acme, kind="sign_off")
    assert [e.title for e in record.entries] == ["Summer (version 1)"] and not record.cut


def test_without_the_pdf_libraries_the_page_says_what_to_do(
    client, world, confirmed, without_pango
):
    answer = _as(client, world.alice).get(reverse("insights:agreed_pdf", args=[world.acme.pk]))
    assert answer.status_code == 503 and "Pango" in answer.content.decode()


def test_confirmed_notes_read_in_the_record_as_the_client_read_them(client, world):
    note = kickoff(world, body="- **Channels:** Instagram, TikTok\n- <script>alert(1)</script>")
    notes.confirm(by=world.carol, note=note, sha256=note.sha256)
    _as(client, world.carol)
    page = client.get(reverse("insights:agreed", args=[world.acme.pk])).text
    assert "<li><strong>Channels:</strong> Instagram, TikTok</li>" in page
    assert "**Channels:**" not in page
    assert "<script>alert(1)</script>" not in page and "&lt;script&gt;" in page
