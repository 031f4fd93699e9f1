"""Issue 12's story, end to end in a real browser.

Carol, annoyed, writes to Alice; Alice starts an answer with "As I already told you, this is
obviously not possible!!!" and, before sending, the tone check shows what Carol could take
badly and a gentler wording, which Alice uses. Acme's health shows the overdue decision and
Carol's annoyed message among its reasons. Alice records the notes of a call; Carol confirms
them in the portal, and they appear in Acme's "what was agreed" — which Carol can read too,
while the health page stays closed to her.
"""

import pytest
from playwright.sync_api import Page, expect

from accord.conversations.models import Message, Thread
from accord.insights.models import Agreement, MeetingNote, ToneRecord
from tests.browser.conftest import assert_accessible, sign_in
from tests.insights.health_data import overdue_decision

pytestmark = pytest.mark.browser

HARSH = "As I already told you, this is obviously not possible!!!"
ANNOYED = "We are still waiting for the banner, again. Frankly disappointed."


def test_alice_writes_gently_sees_acmes_health_and_carol_confirms_the_notes(
    page: Page, live_world
) -> None:
    w = live_world
    overdue_decision(w)  # Alice sent the banner to Acme; the decision is two days late

    # Carol, annoyed, writes to the agency.
    sign_in(page, w.carol.email)
    page.goto(f"/conversations/new/?client={w.acme.pk}&audience=client")
    page.get_by_label("Subject").fill("The banner")
    page.get_by_label("Message", exact=True).fill(ANNOYED)
    page.get_by_role("button", name="Start the conversation").click()
    expect(page.get_by_role("heading", name="The banner")).to_be_visible()
    thread = Thread.objects.get(subject="The banner")

    # Alice answers; the tone check speaks up before she sends.
    page.context.clear_cookies()
    sign_in(page, w.alice.email)
    page.goto(f"/conversations/{thread.pk}/")
    box = page.get_by_label("Message", exact=True)
    box.fill(HARSH)
    check = page.locator(".tone-check")
    expect(check).to_contain_text("Condescension")
    expect(check).to_contain_text("Shouting")
    expect(check.locator("mark", has_text="As I already told you")).to_be_visible()
    expect(check).to_contain_text("A gentler way to say it")
    expect(page.get_by_role("button", name="Send to the client")).to_be_enabled()
    assert_accessible(page, "alice-tone-check")
    check.get_by_role("button", name="Use this wording").click()
    gentler = box.input_value()
    assert "As I already told you" not in gentler and "!!!" not in gentler
    assert "obviously" not in gentler.lower()
    expect(check).to_contain_text("nothing a client could take badly")
    page.get_by_role("button", name="Send to the client").click()
    expect(page.get_by_text(gentler)).to_be_visible()
    sent = Message.objects.filter(thread=thread, author=w.alice).get()
    assert sent.body == gentler
    record = ToneRecord.objects.get()
    assert {"condescension", "shouting"} <= set(record.draft_kinds) and record.sent_kinds == []

    # Acme's health shows why it slipped.
    page.goto(f"/insights/health/clients/{w.acme.pk}/")
    reasons = page.locator(".health-reasons")
    expect(reasons).to_contain_text("Client sentiment")
    expect(reasons).to_contain_text("1 unhappy message")
    expect(reasons).to_contain_text("Client decisions overdue")
    expect(page.get_by_text("Heard: “still waiting”")).to_be_visible()  # why it reads unhappy
    assert_accessible(page, "alice-acme-health")

    # Alice records the notes of a call with Carol, for Carol to confirm.
    page.goto(f"/insights/clients/{w.acme.pk}/notes/new/")
    page.get_by_label("Meeting").fill("Banner catch-up call")
    page.get_by_label("Held on").fill("2026-12-01")
    page.get_by_label("Who was there").fill("Carol, Alice")
    page.get_by_label("Notes", exact=True).fill(
        "- The banner keeps the green background.\n- Acme decides on version 2 by Friday."
    )
    page.get_by_role("button", name="Send to Acme Foods to confirm").click()
    note = MeetingNote.objects.get()
    expect(page.get_by_text("Banner catch-up call").first).to_be_visible()

    # Carol confirms them in the portal; the health page stays closed to her.
    page.context.clear_cookies()
    sign_in(page, w.carol.email)
    page.goto(f"/insights/notes/{note.pk}/")
    expect(page.get_by_text("The banner keeps the green background.")).to_be_visible()
    page.get_by_role("button", name="Confirm these notes").click()
    expect(page.get_by_text("Confirmed").first).to_be_visible()
    assert page.goto(f"/insights/health/clients/{w.acme.pk}/").status == 403

    # They are in Acme's "what was agreed", with the fingerprint of what Carol confirmed.
    page.goto(f"/insights/clients/{w.acme.pk}/agreed/")
    entry = page.locator("article, li", has_text="Banner catch-up call").first
    expect(entry).to_be_visible()
    agreement = Agreement.objects.get(kind=Agreement.Kind.MEETING_NOTE)
    assert agreement.sha256 == MeetingNote.objects.get(pk=note.pk).sha256
    assert agreement.agreed_by_id == w.carol.pk
    page.context.clear_cookies()
    sign_in(page, w.alice.email)
    page.goto(f"/insights/clients/{w.acme.pk}/agreed/")
    expect(page.get_by_text("Banner catch-up call").first).to_be_visible()
    assert_accessible(page, "alice-acme-agreed")
