"""The only way a view or endpoint gets a version, a round or a comment.

Who sees what:
- the agency's managers of the client (admins, its AM, the job's owner): everything;
- creatives on the job: every version and round, internal comments and the to-dos (never the
  client's own words: the AM passes those on as to-dos);
- the client's contacts: versions sent to them (a client round), client rounds, client-visible
  comments; never internal rounds, internal comments or versions not yet sent.
"""

from typing import Any, Literal

from django.core.exceptions import PermissionDenied
from django.db.models import Exists, OuterRef, Q, QuerySet
from django.http import Http404

from accord.core import policy
from accord.core.policy import Audience
from accord.reviews.models import Comment, Guest, Reviewer, Round, Todo, Version, VersionPage
from accord.work import access as work_access
from accord.work import queries as work_queries
from accord.work.models import Deliverable

DeliverableAction = Literal["view", "upload", "manage"]
RoundAction = Literal["view", "decide", "manage"]
CommentAction = Literal["view", "reply", "resolve"]


def _deliverables(user: Any) -> QuerySet[Deliverable]:
    return Deliverable.objects.filter(job__in=work_queries.visible_to(user))


def _sent(versions: QuerySet[Version]) -> QuerySet[Version]:
    """Versions that have been put to the client (in a client round, whatever came of it)."""
    client_rounds = Round.objects.filter(version=OuterRef("pk"), stage=Round.Stage.CLIENT)
    return versions.filter(Exists(client_rounds))


def deliverable_for(user: Any, deliverable_id: int, action: DeliverableAction = "view") -> Any:
    """A deliverable whose review the person may see (404 otherwise); uploading versions is
    for the agency's people on the job, managing rounds for its managers (403 otherwise)."""
    deliverable = work_access.deliverable_for(user, deliverable_id, "view")
    deliverable.managing = work_access.manages(user, deliverable.job)
    if action == "view":
        return deliverable
    if policy.is_contact(user):
        raise PermissionDenied("The agency uploads the work; you review it when it is ready.")
    if action == "manage" and not deliverable.managing:
        raise PermissionDenied("Only the account manager runs the reviews of this deliverable.")
    return deliverable


def sent_versions(deliverable: Deliverable) -> QuerySet[Version]:
    """A deliverable's versions that were put to the client (what contacts and guests see)."""
    return _sent(Version.objects.filter(deliverable=deliverable))


def versions_visible_to(user: Any, deliverable: Deliverable) -> QuerySet[Version]:
    versions = Version.objects.filter(deliverable=deliverable)
    return _sent(versions) if policy.is_contact(user) else versions


def version_for(user: Any, version_id: int) -> Version:
    """A version the person may see (404 otherwise: contacts only those sent to them)."""
    version = (
        Version.objects.filter(deliverable__in=_deliverables(user))
        .select_related("deliverable", "deliverable__job", "deliverable__job__client")
        .filter(pk=version_id)
        .first()
    )
    if version is None or (
        policy.is_contact(user) and not _sent(Version.objects.filter(pk=version.pk)).exists()
    ):
        raise Http404("No such version.")
    version.deliverable.managing = work_access.manages(user, version.deliverable.job)
    return version


def rounds_visible_to(user: Any) -> QuerySet[Round]:
    rounds = Round.objects.filter(deliverable__in=_deliverables(user))
    return rounds.filter(stage=Round.Stage.CLIENT) if policy.is_contact(user) else rounds


def rounds_of(user: Any, deliverable: Deliverable) -> QuerySet[Round]:
    """The rounds of a deliverable from `deliverable_for` (already seen): contacts the client's."""
    rounds = Round.objects.filter(deliverable=deliverable)
    return rounds.filter(stage=Round.Stage.CLIENT) if policy.is_contact(user) else rounds


def round_for(user: Any, round_id: int, action: RoundAction = "view") -> Round:
    """A round the person may see (404: contacts never see internal rounds); deciding is for
    those on it (the service says why not), managing it for the account manager (403)."""
    found = (
        rounds_visible_to(user)
        .select_related("version", "deliverable", "deliverable__job", "client")
        .filter(pk=round_id)
        .first()
    )
    if found is None:
        raise Http404("No such review round.")
    found.deliverable.managing = work_access.manages(user, found.deliverable.job)
    if action == "manage" and not found.deliverable.managing:
        raise PermissionDenied("Only the account manager runs this review round.")
    if action == "decide" and not Reviewer.objects.filter(round=found, user=user).exists():
        raise PermissionDenied("You are not a reviewer on this round.")
    return found


def audiences_of_comments(user: Any, *, managing: bool) -> list[str]:
    """Which comments a person reads: managers both audiences, contacts the client one,
    creatives the internal one (client remarks reach them as the AM's to-dos)."""
    if managing:
        return [Audience.INTERNAL, Audience.CLIENT]
    if policy.is_contact(user):
        return [Audience.CLIENT]
    return [Audience.INTERNAL]


def comments_visible_to(user: Any, deliverable: Any) -> QuerySet[Comment]:
    """The comments on a deliverable's versions the person may read (`deliverable` from
    `deliverable_for`, which knows whether they manage it)."""
    audiences = audiences_of_comments(user, managing=getattr(deliverable, "managing", False))
    return Comment.objects.filter(deliverable=deliverable, audience__in=audiences)


def comment_for(user: Any, comment_id: int, action: CommentAction = "view") -> Comment:
    """A comment the person may read (404 otherwise); replying to it is for those who may
    comment on its version; resolving it for the agency's people on the job and its author."""
    comment = Comment.objects.filter(pk=comment_id).select_related("version").first()
    if comment is None:
        raise Http404("No such comment.")
    version = version_for(user, comment.version_id)
    audiences = audiences_of_comments(user, managing=version.deliverable.managing)
    if comment.audience not in audiences:
        raise Http404("No such comment.")
    comment.version = version
    if action == "resolve" and policy.is_contact(user) and comment.author_id != user.pk:
        raise PermissionDenied("Only the agency and the comment's author resolve it.")
    return comment


def may_comment(user: Any, version: Version) -> bool:
    """Staff on the job comment on any version; contacts who review (approvers and reviewers,
    not viewers) on versions sent to them."""
    if policy.is_staff_member(user):
        return True
    if not policy.is_contact(user):
        return False
    return version.deliverable.job.client.contacts.filter(
        user=user, role__in=("approver", "reviewer")
    ).exists()


def todo_for(user: Any, todo_id: int, action: Literal["view", "tick", "manage"]) -> Todo:
    """A to-do of a deliverable the person sees, for the agency only (contacts: 404). The
    creatives on the job tick them; the account manager writes them (403)."""
    if not policy.is_staff_member(user):
        raise Http404("No such to-do.")
    todo = Todo.objects.filter(pk=todo_id).first()
    if todo is None:
        raise Http404("No such to-do.")
    deliverable = deliverable_for(user, todo.deliverable_id, "view")
    if action == "manage" and not deliverable.managing:
        raise PermissionDenied("The account manager writes the to-dos.")
    todo.deliverable = deliverable
    return todo


def pending_for(user: Any) -> Q:
    """Open rounds waiting on this person's decision (for their review queue)."""
    mine = Reviewer.objects.filter(
        round=OuterRef("pk"), user=user, role=Reviewer.Role.APPROVER, decision__isnull=True
    )
    return Q(Exists(mine), status=Round.Status.OPEN)


def todos_deliverable_for(
    user: Any, deliverable_id: int, action: Literal["view", "manage"] = "view"
) -> Any:
    """A deliverable whose to-dos the person sees: the agency's people on the job (contacts:
    404, to-dos do not exist for them); writing them is for the account manager (403)."""
    if not policy.is_staff_member(user):
        raise Http404("No such deliverable.")
    deliverable = deliverable_for(user, deliverable_id, "view")
    if action == "manage" and not deliverable.managing:
        raise PermissionDenied("The account manager writes the to-dos.")
    return deliverable


def todos_of(deliverable: Deliverable) -> QuerySet[Todo]:
    """The to-dos of a deliverable from `todos_deliverable_for`."""
    return Todo.objects.filter(deliverable=deliverable)


def _page_of(version: Version, number: int) -> VersionPage:
    page = VersionPage.objects.filter(version=version, number=number).first()
    if page is None:
        raise Http404("No such page.")
    page.version = version
    return page


def page_for(user: Any, version_id: int, number: int) -> VersionPage:
    """A preview page of a version the person may see (404 otherwise, or while not made)."""
    return _page_of(version_for(user, version_id), number)


def guests_of(deliverable: Deliverable) -> QuerySet[Guest]:
    """The guests of a deliverable from `deliverable_for(..., "manage")`, newest first."""
    return Guest.objects.filter(deliverable=deliverable).order_by("-created_at")


def guest_for(user: Any, guest_id: int) -> Guest:
    """A guest of a deliverable the person runs (404 unseen, 403 not theirs to manage)."""
    guest = Guest.objects.filter(pk=guest_id).first()
    if guest is None:
        raise Http404("No such guest.")
    deliverable_for(user, guest.deliverable_id, "manage")
    return guest


# --- A guest reviewer (from their live, confirmed link) sees what a client reviewer would, on
# their one deliverable: versions sent to the client, the client rounds they sit on, client
# comments. Anything else is not found (404), as for a contact.


def guest_version_for(guest: Guest, version_id: int) -> Version:
    """A version of the guest's deliverable that was put to the client (404 otherwise)."""
    version = sent_versions(guest.deliverable).filter(pk=version_id).first()
    if version is None:
        raise Http404("No such version.")
    version.deliverable = guest.deliverable
    return version


def guest_page_for(guest: Guest, version_id: int, number: int) -> VersionPage:
    """A preview page of a version the guest may see (404 otherwise, or while not made)."""
    return _page_of(guest_version_for(guest, version_id), number)


def guest_round_for(guest: Guest, round_id: int) -> Round:
    """A client round of the guest's deliverable on which they have a seat (404 otherwise)."""
    seat = Reviewer.objects.filter(round=OuterRef("pk"), guest=guest)
    found = (
        Round.objects.filter(pk=round_id, deliverable=guest.deliverable, stage=Round.Stage.CLIENT)
        .filter(Exists(seat))
        .first()
    )
    if found is None:
        raise Http404("No such review round.")
    found.deliverable = guest.deliverable
    return found


def guest_comment_for(guest: Guest, comment_id: int, *, version: Version) -> Comment:
    """A client comment on `version` (from `guest_version_for`), which the guest may answer
    (404 otherwise: internal comments and other versions' do not exist for them)."""
    comment = Comment.objects.filter(
        pk=comment_id, version=version, deliverable=guest.deliverable, audience=Audience.CLIENT
    ).first()
    if comment is None:
        raise Http404("No such comment.")
    comment.version = version
    return comment
