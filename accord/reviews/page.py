"""The review page of a deliverable, gathered for one person in a bounded number of queries:
its versions, the one shown with its pages, its rounds, the comments they may read, the to-dos
and the revision ledger."""

from dataclasses import dataclass, field
from types import SimpleNamespace
from typing import Any

from django.db.models import Prefetch, QuerySet
from django.urls import reverse
from django.utils import timezone
from django.utils.html import escape
from django.utils.safestring import SafeString, mark_safe

from accord.accounts.models import User
from accord.clients.models import Contact
from accord.core import policy
from accord.core.links import url_pattern
from accord.core.policy import Audience
from accord.reviews import access, rules
from accord.reviews.models import Comment, Decision, Guest, Reviewer, Round, Todo, Version
from accord.work import rules as work_rules
from accord.work.models import Deliverable, JobMember, Task

VERSION_FIELDS = ("pk", "number", "kind", "created_at", "sha256", "deliverable_id")
THREAD_FIELDS = (
    "pk",
    "parent_id",
    "author_id",
    "guest_id",
    "audience",
    "body",
    "anchor",
    "page",
    "x",
    "y",
    "at_seconds",
    "start",
    "end",
    "quote",
    "created_at",
    "resolved_at",
    "revision",
    "version_id",
)


@dataclass
class Thread:
    comment: Comment
    number: int
    replies: list[Comment] = field(default_factory=list)


@dataclass
class Paragraph:
    start: int
    html: SafeString


@dataclass(frozen=True)
class Links:
    """Where the page's files and forms go: the signed-in routes, or a guest's own (which carry
    their link's secret). Patterns take an id with `str.format`."""

    file: str  # version id
    page: str  # version id, page number
    viewer: str  # version id
    comment: str  # version id
    resolve: str  # comment id
    decide: str  # round id
    page_url: str  # the review page itself

    @classmethod
    def signed_in(cls, deliverable_id: int) -> "Links":
        return cls(
            page_url=reverse("reviews:deliverable", args=[deliverable_id]),
            file=url_pattern("reviews:version_file", "version_id"),
            page=reverse("reviews:page_image", kwargs={"version_id": 1, "number": 2}).replace(
                "/1/pages/2/", "/{}/pages/{}/"
            ),
            viewer=url_pattern("reviews:viewer", "version_id"),
            comment=url_pattern("reviews:comment_add", "version_id"),
            resolve=url_pattern("reviews:comment_resolve", "comment_id"),
            decide=url_pattern("reviews:decide", "round_id"),
        )

    @classmethod
    def for_guest(cls, token: str) -> "Links":
        base = reverse("reviews:guest", kwargs={"token": token})
        return cls(
            page_url=base,
            file=base + "versions/{}/file/",
            page=base + "versions/{}/pages/{}/",
            viewer=base + "versions/{}/viewer/",
            comment=base + "versions/{}/comments/",
            resolve="",
            decide=base + "rounds/{}/decide/",
        )


@dataclass
class ReviewPage:
    deliverable: Deliverable
    versions: list[Version]
    version: Version | None
    latest: Version | None
    pages: list[Any]
    rounds: list[Round]
    threads: list[Thread]
    todos: list[Todo]
    answers: list[Todo]
    ledger: rules.Ledger | None
    managing: bool
    is_staff: bool
    is_contact: bool
    status_label: str
    my_seats: dict[int, Reviewer]  # round id → the person's seat on it
    paragraphs: list[Paragraph]
    client_comments: list[tuple[int, str]]
    open_stages: set[str]
    internally_approved: bool
    links: Links
    earlier_html: SafeString
    sent: bool  # the version shown was put to the client (a round not withdrawn)
    decided_by_client: bool  # …and the client decided on it
    guest: Guest | None = None

    @property
    def reads_client_words(self) -> bool:
        """The account manager and the client read the client's own words; creatives get them
        as the account manager's to-dos."""
        return self.managing or self.is_contact

    @property
    def status_badge(self) -> str:
        return BADGES.get(self.deliverable.status, "badge--muted")

    @property
    def page_url(self) -> str:
        return self.links.page_url

    @property
    def file_url(self) -> str:
        return self.links.file.format(self.version.pk) if self.version else ""

    @property
    def viewer_url(self) -> str:
        return self.links.viewer.format(self.version.pk) if self.version else ""

    @property
    def comment_url(self) -> str:
        return self.links.comment.format(self.version.pk) if self.version else ""

    @property
    def may_upload(self) -> bool:
        return self.is_staff and self.deliverable.status not in work_rules.FINISHED - {
            work_rules.APPROVED
        }

    @property
    def may_ask_internal(self) -> bool:
        return (
            self.is_staff
            and self.version is not None
            and self.version == self.latest
            and rules.INTERNAL not in self.open_stages
            and not self.internally_approved
            and not self.sent
        )

    @property
    def may_send(self) -> bool:
        return (
            self.managing
            and self.version is not None
            and self.version == self.latest
            and rules.CLIENT not in self.open_stages
            and not self.decided_by_client
        )


def _paragraphs(text: str, threads: list[Thread]) -> list[Paragraph]:
    """The copy's lines, with the commented passages marked (numbered as their threads), written
    here rather than by a template per line."""
    spans = sorted(
        (t.comment.start, t.comment.end)
        for t in threads
        if t.comment.anchor == Comment.Anchor.RANGE
        and t.comment.start is not None
        and t.comment.end is not None
    )
    # The passages' union, as disjoint spans: each line then looks only at the spans that
    # reach into it, so the cost is lines + spans, however many comments overlap.
    merged: list[list[int]] = []
    for a, b in spans:
        if merged and a <= merged[-1][1]:
            merged[-1][1] = max(merged[-1][1], b)
        else:
            merged.append([a, b])
    out = []
    offset = 0
    first = 0  # merged[first:] end after the lines written so far
    for line in text.split("\n"):
        start, end = offset, offset + len(line)
        while first < len(merged) and merged[first][1] <= start:
            first += 1
        parts = []
        at = start
        j = first
        while j < len(merged) and merged[j][0] < end:
            a, b = max(merged[j][0], start), min(merged[j][1], end)
            if a > at:
                parts.append(str(escape(text[at:a])))
            if b > a:
                parts.append(f"<mark>{escape(text[a:b])}</mark>")
            at = max(at, b)
            j += 1
        if at < end:
            parts.append(str(escape(text[at:end])))
        out.append(Paragraph(start, mark_safe("".join(parts) or "&nbsp;")))  # noqa: S308
        offset = end + 1
    return out


def _short(text: str, limit: int = 100) -> str:
    line = " ".join(text.split())
    return line if len(line) <= limit else line[: limit - 1] + "…"


def who(person: Any, guest: Any) -> str:
    """The name a comment or a seat shows: the person's, or the guest's email."""
    if person is not None:
        return str(person.name or person.email)
    return str(guest.name or guest.email) if guest is not None else "Someone"


STATUS_WORDS = dict(Round.Status.choices)

BADGES = {
    "approved": "badge--success",
    "delivered": "badge--success",
    "published": "badge--success",
    "changes_requested": "badge--danger",
    "client_review": "badge--info",
    "internal_review": "badge--info",
}


def _earlier_html(rows: list[Any], page_url: str, *, is_contact: bool) -> SafeString:
    """One line per earlier round (its version links to it), written here: a deliverable of
    many versions has as many rounds."""
    out = []
    for r in rows:
        stage = "" if is_contact else ("Client · " if r["stage"] == rules.CLIENT else "Internal · ")
        out.append(
            f'<li><a href="{page_url}?version={r["version_id"]}">v{r["version__number"]}</a> '
            f'<span class="muted">{stage}{STATUS_WORDS.get(r["status"], r["status"])} · '
            f"{timezone.localtime(r['opened_at']):%-d %b %Y}</span></li>"
        )
    return mark_safe("".join(out))  # noqa: S308 - numbers, our words and a date


def _threads(comments: QuerySet[Comment], *, resolve: str, may_resolve: Any) -> list[Thread]:
    """Top-level comments numbered in order, with their replies; each knows who wrote it and,
    if the person may resolve it (`may_resolve(comment)`), where to. Plain rows, not model
    instances: a version may carry hundreds of comments."""
    threads: dict[int, Thread] = {}
    replies: list[Any] = []
    names = ("author__name", "author__email", "author__kind", "guest__name", "guest__email")
    for row in comments.order_by("created_at", "pk").values(*THREAD_FIELDS, *names):
        comment = SimpleNamespace(**row)
        comment.who = (
            row["author__name"]
            or row["author__email"]
            or row["guest__name"]
            or row["guest__email"]
            or "Someone"
        )
        comment.resolve_url = resolve.format(comment.pk) if resolve and may_resolve(comment) else ""
        if comment.parent_id is None:
            threads[comment.pk] = Thread(comment, len(threads) + 1)  # type: ignore[arg-type]
        else:
            replies.append(comment)
    for reply in replies:
        if reply.parent_id in threads:
            threads[reply.parent_id].replies.append(reply)
    return list(threads.values())


def staff_choices(deliverable: Deliverable) -> list[tuple[int, str]]:
    """The agency people who may review internally: the job's team, those with tasks on it,
    its owner and the client's account manager."""
    job = deliverable.job
    ids: set[int | None] = set(JobMember.objects.filter(job=job).values_list("user_id", flat=True))
    ids |= set(
        Task.objects.filter(job=job, assignee__isnull=False).values_list("assignee_id", flat=True)
    )
    ids |= {job.owner_id, job.client.account_manager_id} - {None}
    people = User.objects.filter(pk__in=ids, is_active=True, kind="staff").order_by("name")
    return [(p.pk, p.name or p.email) for p in people.only("pk", "name", "email")]


def contact_choices(deliverable: Deliverable) -> list[tuple[int, str]]:
    contacts = (
        Contact.objects.filter(
            client_id=deliverable.job.client_id,
            role__in=("approver", "reviewer"),
            user__is_active=True,
        )
        .select_related("user")
        .order_by("user__name")
    )
    return [
        (c.user_id, f"{c.user.name or c.user.email} ({c.get_role_display().lower()})")
        for c in contacts
    ]


def build(
    user: Any,
    deliverable: Deliverable,
    version_id: int | None,
    *,
    guest: Guest | None = None,
    token: str = "",
) -> ReviewPage:
    """The page for `user` (signed in), or for `guest` (who sees what a client contact sees of
    this one deliverable, through the links of their `token`)."""
    managing = deliverable.managing and guest is None
    is_contact = guest is not None or policy.is_contact(user)
    is_staff = guest is None and policy.is_staff_member(user)
    links = Links.for_guest(token) if guest is not None else Links.signed_in(deliverable.pk)
    if guest is not None:
        visible_versions = access.sent_versions(deliverable)
        visible_rounds = Round.objects.filter(deliverable=deliverable, stage=rules.CLIENT)
        comments = Comment.objects.filter(deliverable=deliverable, audience=Audience.CLIENT)
    else:
        visible_versions = access.versions_visible_to(user, deliverable)
        visible_rounds = access.rounds_of(user, deliverable)
        comments = access.comments_visible_to(user, deliverable)
    versions = list(visible_versions.select_related("uploaded_by").order_by("-number"))
    latest = versions[0] if versions else None
    version = next((v for v in versions if v.pk == version_id), latest)
    pages = list(version.pages.all()) if version else []
    for p in pages:
        p.url = links.page.format(version.pk, p.number)  # type: ignore[union-attr,attr-defined]
    # Every round in brief (for the ledger and the earlier rounds' list); in full only those of
    # the version shown and any still open: 20 versions make 20 rounds, the page shows one or two.
    every_round = list(
        visible_rounds.order_by("-opened_at", "-pk").values(
            "pk", "stage", "status", "version_id", "version__number", "opened_at"
        )
    )
    shown_ids = [
        r["pk"]
        for r in every_round
        if r["status"] == rules.OPEN or (version is not None and r["version_id"] == version.pk)
    ]
    rounds = (
        list(
            Round.objects.filter(pk__in=shown_ids)
            .select_related("version", "opened_by", "final_approver")
            .prefetch_related(
                Prefetch(
                    "reviewers",
                    queryset=Reviewer.objects.select_related("user", "guest", "decision"),
                )
            )
            .order_by("-opened_at", "-pk")
        )
        if shown_ids
        else []
    )
    earlier = [r for r in every_round if r["pk"] not in set(shown_ids)]
    for r in rounds:
        r.decide_url = links.decide.format(r.pk)  # type: ignore[attr-defined]
        for seat in r.reviewers.all():
            seat.who = who(seat.user, seat.guest)  # type: ignore[attr-defined]
    if guest is not None:
        mine = lambda seat: seat.guest_id == guest.pk  # noqa: E731
    else:
        mine = lambda seat: seat.user_id is not None and seat.user_id == user.pk  # noqa: E731
    my_seats = {r.pk: seat for r in rounds for seat in r.reviewers.all() if mine(seat)}
    threads: list[Thread] = []
    if version is not None:
        threads = _threads(
            comments.filter(version=version),
            resolve=links.resolve,
            # The agency resolves any comment it reads; a contact their own.
            may_resolve=lambda c: is_staff or (c.author_id is not None and c.author_id == user.pk),
        )
    todos: list[Todo] = []
    answers: list[Todo] = []
    if is_staff:
        todos = list(
            Todo.objects.filter(deliverable=deliverable)
            .select_related("done_in", "done_by")
            .prefetch_related(
                Prefetch("sources", queryset=Comment.objects.select_related("author"))
            )
        )
        answers = [t for t in todos if version and t.done_in_id == version.pk]
    client_comments = []
    if managing and version is not None:
        # The client's own comments (its contacts' and guests'), not the agency's replies.
        client_comments = [
            (t.comment.pk, f"#{t.number} {getattr(t.comment, 'who', '')}: {_short(t.comment.body)}")
            for t in threads
            if t.comment.guest_id or getattr(t.comment, "author__kind", "") == "contact"
        ]
    open_stages = {r["stage"] for r in every_round if r["status"] == rules.OPEN}
    internally_approved = any(
        r["stage"] == rules.INTERNAL
        and r["version_id"] == (version.pk if version else None)
        and r["status"] in (rules.APPROVED, rules.APPROVED_WITH_CHANGES)
        for r in every_round
    )
    ledger = None
    if is_staff:
        statuses = [r["status"] for r in every_round if r["stage"] == rules.CLIENT]
        ledger = rules.ledger(statuses, deliverable.job.client.revision_rounds_included)
    status_label = (
        work_rules.client_status(deliverable.status)
        if is_contact
        else deliverable.get_status_display()
    )
    return ReviewPage(
        deliverable=deliverable,
        versions=versions,
        version=version,
        latest=latest,
        pages=pages,
        rounds=rounds,
        threads=threads,
        todos=todos,
        answers=answers,
        ledger=ledger,
        managing=managing,
        is_staff=is_staff,
        is_contact=is_contact,
        status_label=str(status_label),
        my_seats=my_seats,
        paragraphs=_paragraphs(version.copy_text, threads) if version and version.copy_text else [],
        client_comments=client_comments,
        open_stages=open_stages,
        internally_approved=internally_approved,
        sent=any(
            r["stage"] == rules.CLIENT
            and r["status"] not in (rules.CANCELLED,)
            and version is not None
            and r["version_id"] == version.pk
            for r in every_round
        ),
        decided_by_client=any(
            r["stage"] == rules.CLIENT
            and r["status"] in rules.OUTCOMES
            and version is not None
            and r["version_id"] == version.pk
            for r in every_round
        ),
        earlier_html=_earlier_html(earlier, links.page_url, is_contact=is_contact),
        links=links,
        guest=guest,
    )


def decisions_of(round: Round) -> list[Decision]:
    return [seat.decision for seat in round.reviewers.all() if hasattr(seat, "decision")]
