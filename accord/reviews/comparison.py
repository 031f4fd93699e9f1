"""Two versions of a deliverable side by side, gathered for one person in a bounded number of
queries whatever the deliverable holds: the versions they may see (for the pickers, without
their copy), the two chosen in full, and the chosen page's previews of each.

Pictures (images, PDF pages) are compared in the browser (synchronised zoom and scroll, an
overlay, a CSS difference blend): nothing heavy runs here. Copy gets a word diff, bounded by
`diff.word_diff`.
"""

from dataclasses import dataclass
from typing import Any, Literal

from django.http import Http404
from django.utils.html import escape
from django.utils.safestring import SafeString, mark_safe

from accord.core import policy
from accord.reviews import access, diff
from accord.reviews.models import Version, VersionPage
from accord.reviews.services.previews import MAX_PAGES
from accord.work.models import Deliverable

Mode = Literal["side", "overlay", "difference"]
MODES: tuple[Mode, ...] = ("side", "overlay", "difference")
PICTURES = {Version.Kind.IMAGE, Version.Kind.PDF}
# What the pickers show of each version; the copy (up to 50,000 characters each) is read only
# for the two compared.
LISTED = ("pk", "deliverable_id", "number", "kind", "created_at", "sha256", "page_count")


@dataclass
class PageChoice:
    number: int
    only_in: int | None  # the version number that has this page when the other does not


@dataclass
class Side:
    version: Version
    page: VersionPage | None  # the chosen page's preview, if made
    pages: int  # how many pages it has (an image one, a PDF its real count)


@dataclass
class Comparison:
    deliverable: Deliverable
    versions: list[Version]  # newest first
    a: Side | None  # the older
    b: Side | None  # the newer
    mode: Mode
    page: int
    page_choices: list[PageChoice]
    copy_diff: list[diff.Piece]
    is_staff: bool

    @property
    def sides(self) -> list[Side]:
        return [s for s in (self.a, self.b) if s is not None]

    @property
    def same_kind(self) -> bool:
        return (
            self.a is not None and self.b is not None and self.a.version.kind == self.b.version.kind
        )

    @property
    def pictures(self) -> bool:
        """Both are images or PDFs: compared page by page, and overlaid."""
        return (
            self.a is not None
            and self.b is not None
            and {self.a.version.kind, self.b.version.kind} <= PICTURES
        )

    @property
    def kinds_differ(self) -> bool:
        return (
            self.a is not None and self.b is not None and not self.same_kind and not self.pictures
        )

    @property
    def copy_html(self) -> SafeString:
        return diff_html(self.copy_diff)

    @property
    def stacked(self) -> tuple[Side, Side] | None:
        """For the overlay: (under, over), the newer version on top."""
        if not self.pictures or self.a is None or self.b is None:
            return None
        if self.a.version.number > self.b.version.number:
            return self.b, self.a
        return self.a, self.b

    @property
    def previews_capped(self) -> bool:
        return any(s.pages > MAX_PAGES for s in self.sides)


def diff_html(pieces: list[diff.Piece]) -> SafeString:
    """The word diff as HTML, every piece escaped here (not a template loop per word)."""
    tags = {"insert": "ins", "delete": "del"}
    parts = []
    for piece in pieces:
        text = str(escape(piece.text))
        tag = tags.get(piece.op)
        parts.append(f"<{tag}>{text}</{tag}>" if tag else text)
    return mark_safe("".join(parts))  # noqa: S308 - every piece is escaped above


def kinds_differ(a: Version, b: Version) -> bool:
    """Not alike, nor both pictures (an image and a PDF page compare well enough)."""
    return a.kind != b.kind and not {a.kind, b.kind} <= PICTURES


def page_count(version: Version) -> int:
    if version.kind == Version.Kind.IMAGE:
        return 1
    return version.page_count if version.kind == Version.Kind.PDF else 0


def pick(versions: list[Version], a_id: int | None, b_id: int | None) -> tuple[Any, Any]:
    """The two versions to compare (`versions` newest first): those asked for, which must be
    among them (404 otherwise), else the latest and the one before it."""
    by_id = {v.pk: v for v in versions}
    if (a_id is not None and a_id not in by_id) or (b_id is not None and b_id not in by_id):
        raise Http404("No such version of this deliverable.")
    b = by_id[b_id] if b_id is not None else (versions[0] if versions else None)
    if a_id is not None:
        return by_id[a_id], b
    before = [v for v in versions if b is not None and v.number < b.number]
    return (before[0] if before else None), b


def page_choices(a: Side | None, b: Side | None) -> list[PageChoice]:
    """Pages to pick from (those with previews), each flagged when only one version has it."""
    if a is None or b is None:
        return []
    longest = min(max(a.pages, b.pages), MAX_PAGES)
    choices = []
    for number in range(1, longest + 1):
        only_in = None
        if number > a.pages:
            only_in = b.version.number
        elif number > b.pages:
            only_in = a.version.number
        choices.append(PageChoice(number, only_in))
    return choices


def chosen(
    user: Any, deliverable: Deliverable, a_id: int | None, b_id: int | None
) -> tuple[list[Version], Version | None, Version | None]:
    """The versions the person sees (newest first, without their copy) and the two to compare
    (see `pick`), read in full: two queries whatever the deliverable holds."""
    listed = list(access.versions_visible_to(user, deliverable).only(*LISTED).order_by("-number"))
    older, newer = pick(listed, a_id, b_id)
    wanted = {v.pk for v in (older, newer) if v is not None}
    full = {
        v.pk: v
        for v in access.versions_visible_to(user, deliverable)
        .select_related("uploaded_by")
        .filter(pk__in=wanted)
    }
    return (
        listed,
        full[older.pk] if older is not None else None,
        full[newer.pk] if newer is not None else None,
    )


def copy_diff(a: Version, b: Version) -> list[diff.Piece]:
    """The word diff of two versions of copy (none for other kinds)."""
    if a.kind == b.kind == Version.Kind.COPY:
        return diff.word_diff(a.copy_text, b.copy_text)
    return []


def build(
    user: Any,
    deliverable: Deliverable,
    *,
    a_id: int | None = None,
    b_id: int | None = None,
    page: int | None = None,
    mode: str = "side",
) -> Comparison:
    listed, older, newer = chosen(user, deliverable, a_id, b_id)
    a = Side(older, None, page_count(older)) if older is not None else None
    b = Side(newer, None, page_count(newer)) if newer is not None else None
    choices = page_choices(a, b)
    number = page if page is not None and 1 <= page <= len(choices) else 1
    pictures = [s for s in (a, b) if s is not None and s.version.kind in PICTURES]
    if pictures:
        previews = {
            p.version_id: p
            for p in VersionPage.objects.filter(
                version__in=[s.version for s in pictures], number=number
            )
        }
        for side in pictures:
            side.page = previews.get(side.version.pk)
    return Comparison(
        deliverable=deliverable,
        versions=listed,
        a=a,
        b=b,
        mode=next((m for m in MODES if m == mode), "side"),
        page=number,
        page_choices=choices,
        copy_diff=copy_diff(a.version, b.version) if a and b else [],
        is_staff=policy.is_staff_member(user),
    )
