"""The demo's deliverables carry reviews: versions of each kind, rounds in every state, client
and internal comments, decisions bound to their version's SHA-256, previews ready."""

from io import StringIO

from django.core.management import call_command

from accord.core.events import verify_chain
from accord.reviews.models import Comment, Decision, Round, Todo, Version
from accord.work.models import Deliverable


def _status(title: str) -> str:
    return Deliverable.objects.get(title=title).status


def test_the_demo_deliverables_carry_their_reviews(db, settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path
    out = StringIO()
    call_command("demo", "--yes-create-demo-accounts", stdout=out)
    assert "Demo reviews created:" in out.getvalue()
    # Proof links stand for the work reviewed outside the demo's drawn files.
    assert set(Version.objects.values_list("kind", flat=True)) == {"image", "pdf", "copy", "link"}
    files = Version.objects.filter(kind__in=["image", "pdf"])
    assert set(files.values_list("preview_state", flat=True)) == {"ready"}
    deck = Version.objects.get(kind="pdf")
    assert deck.page_count == 4 and deck.pages.count() == 4
    assert {"open", "approved", "changes_required", "superseded"} <= set(
        Round.objects.values_list("status", flat=True)
    )
    waiting = Round.objects.get(stage="client", status="open")
    assert waiting.due_at is not None and waiting.waiting_on == "client"
    assert waiting.deliverable.title == "Post 1"
    for decision in Decision.objects.select_related("round__version"):
        assert decision.content_sha256 == decision.round.version.sha256
    client_approval = Decision.objects.get(
        round__stage="client", verdict="approved", round__deliverable__title="Rates email"
    )
    assert client_approval.reviewer.user.email == "gus@globex.test"
    assert {"client", "internal"} == set(Comment.objects.values_list("audience", flat=True))
    assert {2, 3} <= set(Comment.objects.filter(version=deck).values_list("page", flat=True))
    for passage in Comment.objects.filter(anchor="range").select_related("version"):
        assert passage.version.copy_text[passage.start : passage.end] == passage.quote
    assert Todo.objects.filter(sources__isnull=False).distinct().count() == 3
    assert Todo.objects.exclude(done_in=None).count() == 2
    # The services moved the deliverables: each where its last round left it.
    assert _status("Post 1") == "client_review"
    assert _status("Post 2") == "internal_review"
    assert _status("Recipe tasting card, A6") == "in_production"
    assert _status("Key visual") == "changes_requested"
    assert _status("Rates email") == "delivered"
    assert verify_chain().intact
