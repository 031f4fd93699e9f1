"""Guest reviewers: Alice invites a partner by email to review one deliverable; the link
expires and can be revoked; the guest confirms their email with a one-time code, then sees and
does only what a client reviewer would, on that deliverable alone."""

import re
from datetime import timedelta

import pytest
from django.utils import timezone

from accord.core.errors import Conflict, IllegalTransition, InvalidInput
from accord.core.models import OutboundEmail
from accord.reviews.models import Comment, Decision, Guest, Round
from accord.reviews.services import comments, guests, rounds

from .review_data import banner_job, client_round, internal_round, upload


@pytest.fixture
def sent(world, settings, tmp_path):
    """Version 1 of the hero banner, approved internally and with Acme; Alice's internal note
    and Ray's client comment on it."""
    settings.MEDIA_ROOT = tmp_path
    deliverable = banner_job(world)
    v1 = upload(world, deliverable)
    rounds.decide(by=world.alice, round=internal_round(world, v1), verdict="approved")
    round = client_round(world, v1)
    comments.add_comment(
        by=world.alice, version=v1, body="Internal: the crop is ours to fix", managing=True
    )
    comments.add_comment(by=world.ray, version=v1, body="Client: love the colours")
    return round


def _invite(world, round, **more):
    return guests.invite_guest(
        by=world.alice, deliverable=round.deliverable, email="pat@partner.test", **more
    )


def _code(guest: Guest) -> str:
    email = OutboundEmail.objects.filter(to=[guest.email]).order_by("-pk").first()
    return re.search(r"\b(\d{6})\b", email.text).group(1)


def _confirm(client, token, guest):
    client.post(f"/reviews/guest/{token}/code/")
    response = client.post(f"/reviews/guest/{token}/verify/", {"code": _code(guest)})
    assert response.status_code == 302


def test_the_invitation_stores_only_a_hash_and_emails_the_link(world, sent):
    guest, token = _invite(world, sent, name="Pat Partner")
    assert token not in {guest.token_hash, guest.token_prefix} and len(guest.token_hash) == 64
    email = OutboundEmail.objects.get(to=["pat@partner.test"])
    assert f"/reviews/guest/{token}/" in email.text and email.sensitive
    assert guest.expires_at - timezone.now() > timedelta(days=13, hours=23)
    assert sent.reviewers.filter(guest=guest, role="reviewer").exists()


def test_bad_invitations_are_refused_plainly(world, sent):
    with pytest.raises(InvalidInput):
        guests.invite_guest(by=world.alice, deliverable=sent.deliverable, email="not an email")
    with pytest.raises(InvalidInput):
        _invite(world, sent, days=90)
    _invite(world, sent)
    with pytest.raises(Conflict):
        _invite(world, sent)
    other = banner_job(world)
    with pytest.raises(IllegalTransition, match="client first"):
        guests.invite_guest(by=world.alice, deliverable=other, email="pat@partner.test")


def test_a_guest_confirms_their_email_then_reviews_as_a_client_would(client, world, sent):
    guest, token = _invite(world, sent, role="approver")
    page = client.get(f"/reviews/guest/{token}/")
    assert page.status_code == 200 and "Email me a code" in page.content.decode()
    version = sent.version
    assert client.get(f"/reviews/guest/{token}/versions/{version.pk}/file/").status_code == 404
    client.post(f"/reviews/guest/{token}/code/")
    wrong = client.post(f"/reviews/guest/{token}/verify/", {"code": "000000"})
    if _code(guest) != "000000":
        assert wrong.status_code == 422 and "tries left" in wrong.content.decode()
    assert client.post(f"/reviews/guest/{token}/verify/", {"code": _code(guest)}).status_code == 302
    page = client.get(f"/reviews/guest/{token}/").content.decode()
    assert "Hero banner" in page and "Client: love the colours" in page
    assert "Internal: the crop" not in page and "Agency only" not in page
    file = client.get(f"/reviews/guest/{token}/versions/{version.pk}/file/")
    assert file.status_code == 200 and file["X-Content-Type-Options"] == "nosniff"
    said = client.post(
        f"/reviews/guest/{token}/versions/{version.pk}/comments/",
        {"body": "Legal: add the small print", "anchor": "point", "x": "0.5", "y": "0.9"},
    )
    assert said.status_code == 302
    comment = Comment.objects.get(body="Legal: add the small print")
    assert comment.guest == guest and comment.author is None and comment.audience == "client"
    decided = client.post(
        f"/reviews/guest/{token}/rounds/{sent.pk}/decide/",
        {"verdict": "changes_required", "note": "The small print is missing"},
    )
    assert decided.status_code == 302
    decision = Decision.objects.get(reviewer__guest=guest)
    assert decision.content_sha256 == version.sha256
    assert Round.objects.get(pk=sent.pk).status == "changes_required"  # any approver decides


def test_a_guest_sees_nothing_else(client, world, sent):
    guest, token = _invite(world, sent)
    _confirm(client, token, guest)
    other = upload(world, banner_job(world))
    assert client.get(f"/reviews/guest/{token}/versions/{other.pk}/file/").status_code == 404
    assert client.get(f"/reviews/deliverables/{sent.deliverable_id}/").status_code == 302  # sign in
    # A reviewer guest comments but does not decide.
    refused = client.post(
        f"/reviews/guest/{token}/rounds/{sent.pk}/decide/", {"verdict": "approved"}
    )
    assert refused.status_code == 403


def test_an_expired_or_revoked_link_says_so(client, world, sent):
    guest, token = _invite(world, sent)
    Guest.objects.filter(pk=guest.pk).update(expires_at=timezone.now() - timedelta(minutes=1))
    expired = client.get(f"/reviews/guest/{token}/")
    assert expired.status_code == 410 and "expired" in expired.content.decode()
    Guest.objects.filter(pk=guest.pk).update(expires_at=timezone.now() + timedelta(days=1))
    _confirm(client, token, guest)
    guests.revoke_guest(by=world.alice, guest=guest)
    revoked = client.get(f"/reviews/guest/{token}/")
    assert revoked.status_code == 410 and "withdrawn" in revoked.content.decode()
    assert client.get("/reviews/guest/gr_not-a-real-token/").status_code == 404


def test_codes_are_single_use_limited_and_expire(world, sent):
    guest, _ = _invite(world, sent)
    guests.send_code(guest=guest)
    with pytest.raises(guests.CodeRefused, match="less than a minute"):
        guests.send_code(guest=guest)
    code = _code(guest)
    for _ in range(guests.CODE_TRIES):
        with pytest.raises(guests.CodeRefused):
            guests.verify_code(guest=guest, code="999999" if code != "999999" else "888888")
    with pytest.raises(guests.CodeRefused, match="Too many"):
        guests.verify_code(guest=guest, code=code)
    Guest.objects.filter(pk=guest.pk).update(code_sent_at=timezone.now() - timedelta(minutes=11))
    guests.send_code(guest=Guest.objects.get(pk=guest.pk))
    fresh = _code(guest)
    Guest.objects.filter(pk=guest.pk).update(code_sent_at=timezone.now() - timedelta(minutes=11))
    with pytest.raises(guests.CodeRefused, match="expired"):
        guests.verify_code(guest=Guest.objects.get(pk=guest.pk), code=fresh)


def test_the_am_invites_and_revokes_from_the_review_page(client, world, sent):
    client.force_login(world.alice)
    url = f"/reviews/deliverables/{sent.deliverable_id}/"
    bad = client.post(url + "guests/", {"email": "nope", "role": "reviewer", "days": "14"})
    assert bad.status_code == 422 and "nope" in bad.content.decode()
    made = client.post(
        url + "guests/", {"email": "pat@partner.test", "role": "reviewer", "days": "7"}
    )
    assert made.status_code == 302
    guest = Guest.objects.get(email="pat@partner.test")
    assert "pat@partner.test" in client.get(url).content.decode()
    client.force_login(world.dan)
    assert client.post(f"/reviews/guests/{guest.pk}/revoke/").status_code == 403
    client.force_login(world.alice)
    assert client.post(f"/reviews/guests/{guest.pk}/revoke/").status_code == 302
    assert Guest.objects.get(pk=guest.pk).revoked_at is not None


def test_a_revoked_guest_approver_no_longer_holds_up_an_all_approvers_round(
    world, settings, tmp_path
):
    settings.MEDIA_ROOT = tmp_path
    deliverable = banner_job(world)
    v1 = upload(world, deliverable)
    rounds.decide(by=world.alice, round=internal_round(world, v1), verdict="approved")
    sent = client_round(world, v1, rule="all")
    guest, _ = guests.invite_guest(
        by=world.alice, deliverable=deliverable, email="pat@partner.test", role="approver"
    )
    rounds.decide(by=world.carol, round=sent, verdict="approved")
    assert Round.objects.get(pk=sent.pk).status == "open"  # waiting for Pat too
    guests.revoke_guest(by=world.alice, guest=guest)
    assert Round.objects.get(pk=sent.pk).status == "approved"


def test_a_link_asking_for_too_many_codes_is_locked(world, sent):
    guest, _ = _invite(world, sent)
    Guest.objects.filter(pk=guest.pk).update(codes_sent=guests.MAX_CODES)
    with pytest.raises(guests.CodeRefused, match="too many codes"):
        guests.send_code(guest=Guest.objects.get(pk=guest.pk))


def test_revoking_works_while_the_work_is_paused(world, settings, tmp_path):
    """A leaked link is always withdrawn: the round it held up settles when the work resumes."""
    from accord.work.services.deliverables import move_deliverable

    settings.MEDIA_ROOT = tmp_path
    deliverable = banner_job(world)
    v1 = upload(world, deliverable)
    rounds.decide(by=world.alice, round=internal_round(world, v1), verdict="approved")
    sent = client_round(world, v1, rule="all")
    guest, _ = guests.invite_guest(
        by=world.alice, deliverable=deliverable, email="pat@partner.test", role="approver"
    )
    rounds.decide(by=world.carol, round=sent, verdict="approved")
    move_deliverable(by=world.alice, deliverable=deliverable, to="on_hold", base_status=None)
    guests.revoke_guest(by=world.alice, guest=guest)
    assert Guest.objects.get(pk=guest.pk).revoked_at is not None
    assert Round.objects.get(pk=sent.pk).status == "open"  # paused: nothing moves
    assert rounds.remind_late(now=timezone.now() + timedelta(days=30)) == 0  # nobody reminded
    deliverable.refresh_from_db()
    move_deliverable(by=world.alice, deliverable=deliverable, to="client_review", base_status=None)
    assert rounds.settle_stuck() == 1
    assert Round.objects.get(pk=sent.pk).status == "approved"


def test_an_expired_guest_approver_is_no_longer_waited_for(world, settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path
    deliverable = banner_job(world)
    v1 = upload(world, deliverable)
    rounds.decide(by=world.alice, round=internal_round(world, v1), verdict="approved")
    sent = client_round(world, v1, rule="all")
    guest, _ = guests.invite_guest(
        by=world.alice, deliverable=deliverable, email="pat@partner.test", role="approver"
    )
    rounds.decide(by=world.carol, round=sent, verdict="approved")
    assert rounds.settle_stuck() == 0  # Pat may still decide
    Guest.objects.filter(pk=guest.pk).update(expires_at=timezone.now() - timedelta(minutes=1))
    assert rounds.settle_stuck() == 1
    assert Round.objects.get(pk=sent.pk).status == "approved"


def test_a_guest_is_served_files_and_pages_as_a_signed_in_reviewer_is(client, world, sent):
    from django.core.files.base import ContentFile

    from accord.reviews.models import VersionPage
    from accord.reviews.services import previews

    from .review_data import png

    guest, token = _invite(world, sent)
    _confirm(client, token, guest)
    version = sent.version
    previews.make(version.pk)
    small = png(size=(8, 5)).read()
    VersionPage.objects.get(version=version, number=1).thumbnail.save("t.png", ContentFile(small))
    base = f"/reviews/guest/{token}/versions/{version.pk}"
    shown = client.get(f"{base}/file/")
    kept = client.get(f"{base}/file/?download=1")
    assert shown["Content-Disposition"].startswith("inline")
    assert kept["Content-Disposition"].startswith("attachment")
    full = client.get(f"{base}/pages/1/")
    thumb = client.get(f"{base}/pages/1/?size=thumb")
    assert full.status_code == thumb.status_code == 200
    assert 'filename="v1-page-1.png"' in full["Content-Disposition"]
    assert b"".join(thumb.streaming_content) == small != b"".join(full.streaming_content)
    assert client.get(f"{base}/pages/2/").status_code == 404
