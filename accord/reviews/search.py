"""Review comments in search: found by whoever may read them on the review page.

Scope keys, by the comment's audience (as `access.audiences_of_comments` reads them):
- internal: "client:<id>:internal" (the agency's people on the client) and "job:<id>"
  (creatives on the job);
- client: "client:<id>:client" (the client's contacts), "client:<id>:manage" (its account
  manager) and "job:<id>:manage" (the job's owner when another account manager runs it for
  them). Creatives never hold these: they get the client's words as to-dos.
The second layer (`visible`) asks what `access.comment_for` asks, for many comments at once:
a contact only sees comments on versions put to the client.
"""

from collections.abc import Iterator
from typing import Any

from django.db.models import Exists, OuterRef

from accord.clients import queries as client_queries
from accord.clients.models import Client
from accord.core import policy, reach, search
from accord.core.policy import Audience
from accord.reviews import access
from accord.reviews.models import Comment, Round
from accord.reviews.services.common import deliverable_url
from accord.work import access as work_access
from accord.work import queries as work_queries
from accord.work.models import Job

KIND = "comment"


def document_of(comment: Comment) -> search.Document:
    deliverable, version = comment.deliverable, comment.version
    client, job = comment.client_id, deliverable.job_id
    if comment.audience == Audience.CLIENT:
        scopes = [f"client:{client}:client", f"client:{client}:manage", f"job:{job}:manage"]
    else:
        scopes = [f"client:{client}:internal", f"job:{job}"]
    return search.Document(
        kind=KIND,
        object_id=comment.pk,
        client_id=client,
        title=f"{deliverable.title} · version {version.number}",
        body=comment.body,
        url=f"{deliverable_url(deliverable.pk)}?version={version.pk}#comment-{comment.pk}",
        created_at=comment.created_at,
        scopes=scopes,
    )


def index_comment(comment: Comment) -> None:
    """Keep the comment's entry current (in the transaction that wrote it)."""
    search.index(document_of(comment))


def scopes(user: Any) -> list[str] | None:
    if policy.is_admin(user):
        return None
    if policy.is_creative(user):
        return [f"job:{pk}" for pk in sorted(reach.of(user).job_ids)]
    if policy.is_contact(user):
        ids = client_queries.visible_to(user).order_by().values_list("pk", flat=True)
        return [f"client:{pk}:client" for pk in ids]
    if not policy.is_account_manager(user):
        return []
    seen = client_queries.visible_to(user).order_by().values_list("pk", flat=True)
    runs = Client.objects.filter(account_manager=user).order_by().values_list("pk", flat=True)
    # Jobs they own on a client someone else runs (their own clients' are covered above).
    owns = (
        Job.objects.filter(owner=user)
        .exclude(client__account_manager=user)
        .order_by()
        .values_list("pk", flat=True)
    )
    return (
        [f"client:{pk}:internal" for pk in seen]
        + [f"client:{pk}:manage" for pk in runs]
        + [f"job:{pk}:manage" for pk in owns]
    )


def visible(user: Any, ids: list[int]) -> set[int]:
    comments = Comment.objects.filter(
        pk__in=ids, deliverable__job__in=work_queries.visible_to(user)
    )
    if policy.is_contact(user):
        sent = Round.objects.filter(version=OuterRef("version_id"), stage=Round.Stage.CLIENT)
        found = comments.filter(Exists(sent), audience=Audience.CLIENT)
        return set(found.values_list("pk", flat=True))
    rows = comments.select_related("deliverable__job__client").only(
        "audience",
        "deliverable__job__owner_id",
        "deliverable__job__client__account_manager_id",
    )
    return {
        comment.pk
        for comment in rows
        if comment.audience
        in access.audiences_of_comments(
            user, managing=work_access.manages(user, comment.deliverable.job)
        )
    }


def documents() -> Iterator[search.Document]:
    rows = Comment.objects.select_related("deliverable", "version").only(
        "client_id",
        "audience",
        "body",
        "created_at",
        "deliverable__title",
        "deliverable__job_id",
        "version__number",
    )
    for comment in search.in_date_order(rows):
        yield document_of(comment)


def register() -> None:
    search.register(
        search.Source(
            kind=KIND, label="Review comment", scopes=scopes, visible=visible, documents=documents
        )
    )
