"""The live tone check beside what the agency writes to a client, and its API."""

from datetime import timedelta

import pytest
from django.urls import reverse
from django.utils import timezone

from accord.work.models import Deliverable
from tests.conversations.talk import acme_job, carol_asks

pytestmark = pytest.mark.django_db

HARSH = "As I already told you, this is obviously not possible!!!"


def _api(client, user):
    from accord.accounts import services as people

    _, secret = people.create_api_token(user=user, name="t")
    client.defaults["HTTP_AUTHORIZATION"] = f"Bearer {secret}"
    return client


def test_the_box_sits_beside_alices_reply_to_carol(client, world) -> None:
    thread = carol_asks(world)
    client.force_login(world.alice)
    html = client.get(f"/conversations/{thread.pk}/").content.decode()
    assert 'class="tone-check"' in html and reverse("insights:tone_check") in html
    client.force_login(world.carol)
    assert "tone-check" not in client.get(f"/conversations/{thread.pk}/").content.decode()


def test_typing_a_harsh_line_shows_findings_and_a_gentler_rewrite(client, world) -> None:
    thread = carol_asks(world)
    client.force_login(world.alice)
    url = reverse("insights:tone_check")
    answer = client.post(url, {"body": HARSH, "where": "message", "subject": thread.pk})
    html = answer.content.decode()
    assert answer.status_code == 200
    assert "Condescension" in html and "Shouting" in html
    assert "As I already told you" in html and "A gentler way to say it" in html
    assert "you can still send as it is" in html
    dismissed = client.post(
        url,
        {
            "body": HARSH,
            "where": "message",
            "subject": thread.pk,
            "tone_dismissed": ["shouting:!!"],
            "dismiss": "condescension:obviously",
        },
    ).content.decode()
    assert "Shouting" not in dismissed and "“Obviously”" not in dismissed
    assert dismissed.count('name="tone_dismissed"') == 2


def test_each_dismiss_button_names_its_finding_and_a_mark_is_suggested_in_words(
    client, world
) -> None:
    thread = carol_asks(world)
    client.force_login(world.alice)
    html = client.post(
        reverse("insights:tone_check"), {"body": HARSH, "where": "message", "subject": thread.pk}
    ).content.decode()
    assert 'aria-label="Dismiss: Shouting “!!!”"' in html
    assert 'aria-label="Dismiss: Condescension “' in html
    assert "Try a full stop instead." in html and "Try “.”" not in html


def test_bad_input_gets_a_clear_notice(client, world) -> None:
    client.force_login(world.alice)
    url = reverse("insights:tone_check")
    assert "Nothing to check yet" in client.post(url, {"body": "  "}).content.decode()
    french = (
        "Comme je vous l'ai déjà dit, ce n'est évidemment pas possible, merci de votre patience."
    )
    assert "covers English only" in client.post(url, {"body": french}).content.decode()
    huge = client.post(url, {"body": "Thanks for your patience. " * 2000}).content.decode()
    assert "Only the first 10,000 characters were checked." in huge
    marked = client.post(url, {"body": "<p>As I already told you, <b>no</b>!!!</p>"})
    html = marked.content.decode()
    assert "<mark>As I already told you</mark>" in html  # the phrase, not the markup around it
    assert "<b>" not in html and "&lt;b&gt;" in html  # the text's own markup shown, escaped


def test_a_promise_the_schedule_does_not_support_is_flagged_from_the_deliverables_date(
    client, world
) -> None:
    job = acme_job(world)
    deliverable = Deliverable.objects.create(
        job=job, title="Poster", due_on=timezone.localdate() + timedelta(days=20)
    )
    from accord.conversations.services import threads

    thread = threads.start_thread(
        by=world.carol,
        client=world.acme,
        audience="client",
        subject="Poster",
        body="Can we have it?",
        deliverable=deliverable,
    )
    api = _api(client, world.alice)
    text = "Sure, you'll have the final poster by tomorrow."
    answer = api.post(
        "/api/v1/tone",
        {"text": text, "about": "message", "subject_id": thread.pk},
        content_type="application/json",
    ).json()
    assert [f["kind"] for f in answer["findings"]] == ["promise"]
    without = api.post("/api/v1/tone", {"text": text}, content_type="application/json").json()
    assert without["findings"] == []


def test_the_api_checks_tone_and_refuses_contacts(client, world) -> None:
    api = _api(client, world.alice)
    answer = api.post("/api/v1/tone", {"text": HARSH}, content_type="application/json")
    body = answer.json()
    assert answer.status_code == 200 and body["flagged"] is True
    assert {f["kind"] for f in body["findings"]} >= {"condescension", "shouting"}
    assert all(
        body["findings"][0]["phrase"] == HARSH[f["start"] : f["end"]] for f in body["findings"][:1]
    )
    assert "!!!" not in body["rewrite"]
    bad = api.post("/api/v1/tone", {"text": 5}, content_type="application/json")
    assert bad.status_code == 422
    carol = _api(client, world.carol)
    assert (
        carol.post("/api/v1/tone", {"text": HARSH}, content_type="application/json").status_code
        == 403
    )


def _signed_seen(html: str) -> str:
    import re

    return re.search(r'name="tone_seen" value="([^"]+)"', html).group(1)


def test_a_draft_flagged_then_rewritten_is_kept_as_such_without_its_words(client, world) -> None:
    from accord.insights.models import ToneRecord

    thread = carol_asks(world)
    client.force_login(world.alice)
    checked = client.post(
        reverse("insights:tone_check"),
        {"body": HARSH, "where": "message", "subject": thread.pk, "dismiss": "shouting:!!"},
    ).content.decode()
    sent = "To recap, I'm afraid this isn't possible."
    client.post(
        f"/conversations/{thread.pk}/post/",
        {
            "body": sent,
            "tone_checked": "1",
            "tone_seen": _signed_seen(checked),
            "tone_dismissed": ["shouting:!!"],
        },
    )
    record = ToneRecord.objects.get()
    assert (record.subject_type, record.client_id, record.author_id) == (
        "message",
        world.acme.pk,
        world.alice.pk,
    )
    assert "condescension" in record.draft_kinds and record.sent_kinds == []
    assert record.dismissed == ["shouting"]  # kinds only, never the draft's words
    page = client.get(reverse("insights:tone_records")).content.decode()
    assert "Rewritten before sending" in page and "Condescension" in page
    assert "As I already told you" not in page
    # Stacked on a phone, each cell's badges wrap as one group beside its label.
    assert 'data-label="In the draft"><span class="tone-kinds">' in page
    assert '<span class="muted nowrap">(1 dismissed)</span>' in page
    client.force_login(world.dan)
    assert client.get(reverse("insights:tone_records")).status_code == 403


def test_a_forged_draft_record_or_a_dismissed_finding_sent_as_is_is_not_a_rewrite(
    client, world
) -> None:
    from accord.insights.models import ToneRecord

    thread = carol_asks(world)
    client.force_login(world.alice)
    client.post(
        f"/conversations/{thread.pk}/post/",
        {
            "body": HARSH,
            "tone_checked": "1",
            "tone_seen": "condescension",  # not signed by the check
            "tone_dismissed": ["condescension:obviously", "shouting:!!"],
        },
    )
    record = ToneRecord.objects.get()
    assert record.draft_kinds == []
    assert {"condescension", "shouting"} <= set(record.sent_kinds)  # sent as it was


def test_nothing_is_kept_when_the_box_never_ran_or_for_internal_threads(client, world) -> None:
    from accord.insights.models import ToneRecord
    from tests.conversations.talk import team_thread

    thread = carol_asks(world)
    client.force_login(world.alice)
    client.post(f"/conversations/{thread.pk}/post/", {"body": "Thanks Carol!"})
    internal = team_thread(world, acme_job(world))
    client.post(f"/conversations/{internal.pk}/post/", {"body": "Ugh!!!", "tone_checked": "1"})
    assert not ToneRecord.objects.exists()


def test_a_finding_with_no_safe_rewrite_asks_for_gentler_words_not_the_same_ones() -> None:
    from accord.insights.views_tone import suggestion

    same = "Apparently the files arrived via WeTransfer, so the date is 14 June."
    assert suggestion(same, same) == "Try saying this more gently, in your own words."
    assert suggestion("Could you send it?", "Send it.") == "Try “Could you send it?”."
