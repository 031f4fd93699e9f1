"""Comments on versions: where they are pinned, who reads them (the audience each author
writes to), replies, resolving with two people at once, and who is told."""

from decimal import Decimal

import pytest

from accord.core.errors import Conflict, InvalidInput, NotAllowed
from accord.core.models import Event
from accord.reviews.models import Comment, Version
from accord.reviews.services import comments, versions

from .helpers import notified, sent
from .review_data import banner_job, internal_round, pdf, upload


@pytest.fixture
def banner(world):
    return banner_job(world)


@pytest.fixture
def image(world, banner):
    return upload(world, banner)


def _say(world, version, anchor=None, *, by=None, **more):
    return comments.add_comment(
        by=by or world.alice, version=version, body="Look here", anchor=anchor, **more
    )


def _point(page=1, x=0.5, y=0.5):
    return {"anchor": "point", "page": page, "x": x, "y": y}


# --- anchors ----------------------------------------------------------------------------------


def test_a_point_on_an_image(world, image):
    pinned = _say(world, image, _point(x=0.123456789, y=1))
    assert (pinned.anchor, pinned.page, pinned.x, pinned.y) == ("point", 1, 0.12346, 1.0)
    assert _say(world, image, {"anchor": "point", "x": 0, "y": 0}).page == 1


@pytest.mark.parametrize("page", [0, 2, -1, "two"])
def test_an_image_has_page_1_only(world, image, page):
    with pytest.raises(InvalidInput) as refused:
        _say(world, image, _point(page=page))
    assert refused.value.field == "page"
    assert not Comment.objects.exists()


@pytest.mark.parametrize(
    ("x", "y"), [(1.5, 0.5), (0.5, -0.1), (None, 0.5), ("left", 0.5), (float("nan"), 0.5)]
)
def test_a_point_is_on_the_work(world, image, x, y):
    with pytest.raises(InvalidInput, match="Pin the comment on the work itself"):
        _say(world, image, _point(x=x, y=y))


def test_a_point_on_a_pdf_page(world, banner):
    leaflet = upload(world, banner, pdf(pages=3))
    Version.objects.filter(pk=leaflet.pk).update(page_count=3)  # as the worker counts them
    leaflet.refresh_from_db()
    assert _say(world, leaflet, _point(page=3)).page == 3
    with pytest.raises(InvalidInput, match="There is no page 4 in this version"):
        _say(world, leaflet, _point(page=4))


def test_a_pdf_not_yet_counted_takes_points_on_page_1(world, banner):
    leaflet = upload(world, banner, pdf(pages=3))
    assert _say(world, leaflet, _point(page=1)).page == 1
    with pytest.raises(InvalidInput, match="no page 2"):
        _say(world, leaflet, _point(page=2))


def test_points_only_on_images_and_pdfs(world, banner):
    words = versions.add_version(by=world.dan, deliverable=banner, copy_text="Fresh bread")
    with pytest.raises(InvalidInput, match="Points are pinned on images and PDF pages"):
        _say(world, words, _point())


def _video(world, banner):
    return Version.objects.create(
        deliverable=banner, client=world.acme, number=9, kind="video", sha256="0" * 64
    )


def test_a_moment_only_on_a_video(world, banner, image):
    with pytest.raises(InvalidInput, match="Moments are pinned on videos"):
        _say(world, image, {"anchor": "moment", "at_seconds": 3})
    film = _video(world, banner)
    assert _say(world, film, {"anchor": "moment", "at_seconds": "12.346"}).at_seconds == Decimal(
        "12.35"
    )


@pytest.mark.parametrize("at", [-1, "NaN", "Infinity", None, "soon", 24 * 3600 + 1])
def test_a_moment_is_in_the_video(world, banner, at):
    with pytest.raises(InvalidInput) as refused:
        _say(world, _video(world, banner), {"anchor": "moment", "at_seconds": at})
    assert refused.value.field == "at_seconds"


def test_a_passage_of_copy_with_its_quote(world, banner):
    words = versions.add_version(
        by=world.dan, deliverable=banner, copy_text="<p>Fresh   bread</p><p>every day</p>"
    )
    assert words.copy_text == "Fresh   bread\nevery day"
    marked = _say(world, words, {"anchor": "range", "start": 6, "end": 19})
    assert (marked.start, marked.end, marked.quote) == (6, 19, "bread every")
    whole = _say(world, words, {"anchor": "range", "start": 0, "end": len(words.copy_text)})
    assert whole.quote == "Fresh bread every day"


@pytest.mark.parametrize(("start", "end"), [(5, 5), (6, 3), (-1, 4), (0, 24), ("a", 3)])
def test_a_passage_is_within_the_copy(world, banner, start, end):
    words = versions.add_version(
        by=world.dan, deliverable=banner, copy_text="Fresh bread every day"
    )
    with pytest.raises(InvalidInput) as refused:
        _say(world, words, {"anchor": "range", "start": start, "end": end})
    assert refused.value.field == "start"


def test_a_long_passage_is_quoted_short(world, banner):
    words = versions.add_version(by=world.dan, deliverable=banner, copy_text="word " * 200)
    marked = _say(world, words, {"anchor": "range", "start": 0, "end": len(words.copy_text)})
    assert len(marked.quote) == comments.QUOTE_LIMIT and marked.quote.endswith("…")


def test_passages_only_in_copy(world, image):
    with pytest.raises(InvalidInput, match="Passages are marked in copy"):
        _say(world, image, {"anchor": "range", "start": 0, "end": 1})


def test_an_unknown_anchor_is_refused(world, image):
    with pytest.raises(InvalidInput, match="not a place to pin a comment"):
        _say(world, image, {"anchor": "corner"})
    assert _say(world, image, {}).anchor == "none"


def test_a_comment_has_words_and_a_limit(world, image):
    with pytest.raises(InvalidInput, match="Write the comment first"):
        comments.add_comment(by=world.alice, version=image, body="   ")
    with pytest.raises(InvalidInput, match="Keep a comment under 5,000"):
        comments.add_comment(by=world.alice, version=image, body="x" * 5_001)


# --- audiences --------------------------------------------------------------------------------


def test_contacts_always_write_to_the_client(world, banner):
    version, sent_round = sent(world, banner)
    said = _say(world, version, by=world.ray, audience="internal", managing=True)
    assert said.audience == "client" and said.round_id == sent_round.pk


def test_creatives_always_write_internally(world, image):
    said = _say(world, image, by=world.dan, audience="client")
    assert said.audience == "internal"


def test_the_account_manager_chooses(world, image):
    review = internal_round(world, image)
    inside = _say(world, image, audience="internal", managing=True)
    outside = _say(world, image, audience="client", managing=True)
    assert (inside.audience, outside.audience) == ("internal", "client")
    assert inside.round_id == review.pk and outside.round_id is None  # no client round open
    with pytest.raises(InvalidInput, match="Choose who sees the comment"):
        _say(world, image, audience="everyone", managing=True)


def test_a_reply_to_an_internal_comment_stays_internal(world, image):
    note = _say(world, image, by=world.dan)
    reply = _say(world, image, parent=note, audience="client", managing=True)
    assert reply.audience == "internal" and reply.parent == note
    assert reply.anchor == "none"


def test_a_contact_cannot_reply_to_an_internal_comment(world, banner):
    version, _ = sent(world, banner)
    note = _say(world, version, by=world.dan)
    with pytest.raises(InvalidInput, match="Reply to a comment on this version"):
        _say(world, version, by=world.carol, parent=note)
    assert not note.replies.exists()


def test_replies_hang_on_top_level_comments_of_the_same_version(world, banner, image):
    top = _say(world, image)
    reply = _say(world, image, parent=top)
    with pytest.raises(InvalidInput, match="Reply to a comment on this version"):
        _say(world, image, parent=reply)
    v2 = upload(world, banner)
    with pytest.raises(InvalidInput, match="Reply to a comment on this version"):
        _say(world, v2, parent=top)


# --- resolving --------------------------------------------------------------------------------


def test_resolve_and_reopen(world, image):
    said = _say(world, image, by=world.dan)
    done = comments.resolve_comment(by=world.alice, comment=said, resolved=True, base_revision=1)
    assert done.resolved_at is not None and done.resolved_by == world.alice
    assert done.revision == 2
    again = comments.resolve_comment(by=world.dan, comment=said, resolved=False, base_revision=2)
    assert again.resolved_at is None and again.resolved_by is None
    verbs = list(
        Event.objects.filter(verb__startswith="comment.")
        .order_by("id")
        .values_list("verb", flat=True)
    )
    assert verbs == ["comment.added", "comment.resolved", "comment.reopened"]


def test_resolving_from_a_stale_page_is_a_conflict(world, image):
    said = _say(world, image)
    comments.resolve_comment(by=world.alice, comment=said, resolved=True, base_revision=1)
    with pytest.raises(Conflict, match="Someone changed this comment meanwhile: it is resolved"):
        comments.resolve_comment(by=world.dan, comment=said, resolved=False, base_revision=1)
    assert Comment.objects.get(pk=said.pk).resolved_at is not None


def test_replies_are_not_resolved_alone(world, image):
    reply = _say(world, image, parent=_say(world, image))
    with pytest.raises(InvalidInput, match="Resolve the comment the reply belongs to"):
        comments.resolve_comment(by=world.alice, comment=reply, resolved=True)


def test_a_contact_resolves_only_their_own(world, banner):
    version, _ = sent(world, banner)
    rays = _say(world, version, by=world.ray)
    for resolved in (True, False):  # refused whatever the comment's state
        with pytest.raises(NotAllowed, match="Only the agency and the comment's author"):
            comments.resolve_comment(by=world.carol, comment=rays, resolved=resolved)
    assert comments.resolve_comment(by=world.ray, comment=rays, resolved=True).resolved_at
    with pytest.raises(NotAllowed):
        comments.resolve_comment(by=world.carol, comment=rays, resolved=True)


# --- who is told ------------------------------------------------------------------------------


def test_the_account_manager_hears_of_client_comments(world, banner):
    version, _ = sent(world, banner)
    _say(world, version, by=world.ray)
    assert notified(world.alice, "review.comment") == 1
    assert notified(world.ray, "review.comment") == 0
    assert notified(world.dan, "review.comment") == 0  # the client's words reach him as to-dos


def test_internal_comments_reach_the_uploader_and_no_contact(world, banner):
    version, _ = sent(world, banner)
    rays = _say(world, version, by=world.ray)
    _say(world, version, by=world.alice, parent=rays, audience="internal", managing=True)
    assert notified(world.dan, "review.comment") == 1
    assert notified(world.ray, "review.comment") == 0
    assert notified(world.alice, "review.comment") == 1  # Ray's, not her own reply


def test_a_reply_for_the_client_reaches_its_author(world, banner):
    version, _ = sent(world, banner)
    rays = _say(world, version, by=world.ray)
    _say(world, version, by=world.alice, parent=rays, audience="client", managing=True)
    assert notified(world.ray, "review.comment") == 1
