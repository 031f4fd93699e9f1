"""The demo's conflicting feedback: on Acme's launch post, waiting on the client, Carol asks for
a bigger logo and Ray for a smaller one — through the review services, so the conflict is found
as it would be, and Alice told."""

from accord.accounts.models import User
from accord.insights.models import FeedbackConflict
from accord.reviews.models import Comment, Round
from accord.reviews.services.comments import add_comment

# Where the wordmark sits on the post (bottom right), as fractions of the image.
CAROL_PIN = {"anchor": Comment.Anchor.POINT, "page": 1, "x": 0.9, "y": 0.96}
RAY_PIN = {"anchor": Comment.Anchor.POINT, "page": 1, "x": 0.88, "y": 0.95}


def load(*, told: bool) -> list[str]:
    """When the story was `told` now, add the two comments to the newest Acme version waiting
    on Carol and Ray, unless it has its conflict already (safe to run again). Returns what it
    made."""
    if not told:
        return []
    carol = User.objects.filter(email="carol@acme.test").first()
    ray = User.objects.filter(email="ray@acme.test").first()
    if carol is None or ray is None:
        return []
    waiting = (
        Round.objects.filter(
            client__name="Acme Foods", stage=Round.Stage.CLIENT, status=Round.Status.OPEN
        )
        .filter(reviewers__user=carol)
        .filter(reviewers__user=ray)
        .select_related("version")
        .order_by("-opened_at")
        .first()
    )
    if waiting is None or FeedbackConflict.objects.filter(version=waiting.version).exists():
        return []
    version = waiting.version
    add_comment(
        by=carol,
        version=version,
        body="The Acme logo gets lost down there: can it be bigger?",
        anchor=CAROL_PIN,
    )
    add_comment(
        by=ray,
        version=version,
        body="I'd keep the logo small, smaller if anything: the food should lead.",
        anchor=RAY_PIN,
    )
    found = FeedbackConflict.objects.filter(version=version).count()
    return [f"{found} conflict{'s' if found != 1 else ''} in Acme's feedback"]
