"""A brief on paper: a print-optimised HTML page, and the same page as a PDF (WeasyPrint).

The browser page obeys the strict CSP (no inline styles or scripts; `print.css` is linked).
The PDF is rendered offline: the stylesheet is read from the static files, the client's logo
is inlined as a data: URI, and the URL fetcher refuses anything that is not a local file.
"""

import mimetypes
from dataclasses import dataclass
from datetime import date
from typing import Any

from django.conf import settings
from django.contrib.staticfiles import finders
from django.core.files.storage import default_storage
from django.template.loader import render_to_string
from django.utils import timezone

from accord.accounts.models import User
from accord.clients.models import BrandProfile
from accord.core import money
from accord.core.errors import DomainError
from accord.intake import coach, rules
from accord.intake.models import Attachment, Brief, ClarifyingQuestion, SignOff
from accord.intake.services.signoff import current_sign_off

PRINT_CSS = "accord/print.css"
# Where the time of printing goes in a PDF's source (user text is escaped: it cannot hold it).
PRINTED_MARK = "<!--accord:printed-->"
TEMPLATE = "intake/print/brief.html"
# Answers longer than this may break across pages; shorter ones are kept on one page.
LONG_ANSWER_LINES = 25
LONG_ANSWER_CHARS = 2_000
INSTALL_HINT = (
    "PDF export needs the Pango text libraries on the server. Ask whoever runs Accord to "
    "install them (on Debian or Ubuntu: apt-get install libpango-1.0-0 libpangoft2-1.0-0) "
    "and restart it. The printable page still works: use your browser's Print."
)


class PdfUnavailable(DomainError):
    """WeasyPrint's system libraries are missing: a server problem, not the user's."""

    status = 503


class FetchRefused(ValueError):
    """The PDF asked for something that is not a local static or media file."""


@dataclass(frozen=True)
class PrintedAnswer:
    key: str
    label: str
    answer: str
    required: bool

    @property
    def is_long(self) -> bool:
        """Too long to keep on one page: it may break, rather than leave a page blank."""
        return self.answer.count("\n") >= LONG_ANSWER_LINES or len(self.answer) > LONG_ANSWER_CHARS


@dataclass(frozen=True)
class PrintedSection:
    title: str
    answers: list[PrintedAnswer]


def _is_id(value: str) -> bool:
    return value.isascii() and value.isdigit() and len(value) < 16


def _shown(question: dict[str, Any], raw: str, people: dict[int, str], currency: str) -> str:
    """An answer as a reader wants to see it: dates spelled out, approvers by name, budgets
    with their currency."""
    value = (raw or "").strip()
    kind = question.get("kind")
    if kind == "date" and (day := rules.parse_date(value)):
        return f"{day.day} {day:%B %Y}"
    if kind == "money" and value:
        return money.shown(value, default_currency=currency)
    if kind == "approver" and _is_id(value):
        return people.get(int(value), value)
    return value


def _sections(brief: Brief) -> list[PrintedSection]:
    ids = [
        int(v)
        for q in brief.questions
        if q.get("kind") == "approver" and _is_id(v := rules.answered(brief.answers, q["key"]))
    ]
    people = {u.pk: u.name or u.email for u in User.objects.filter(pk__in=ids)} if ids else {}
    sections: list[PrintedSection] = []
    for question in brief.questions:
        title = question.get("section") or "Questions"
        if not sections or sections[-1].title != title:
            sections.append(PrintedSection(title, []))
        sections[-1].answers.append(
            PrintedAnswer(
                key=question["key"],
                label=question["label"],
                answer=_shown(
                    question,
                    rules.answered(brief.answers, question["key"]),
                    people,
                    brief.client.currency,
                ),
                required=bool(question.get("required")),
            )
        )
    return sections


def _brand(brief: Brief) -> BrandProfile | None:
    try:
        brand: BrandProfile = brief.client.brand
    except BrandProfile.DoesNotExist:
        return None
    # Only the display copy is printed: never decode an original of unknown size here.
    return brand if brand.logo_display and brand.logo_display.name else None


def _media_address(file: Any) -> str:
    """A stored file by its media address, which `local_fetcher` reads from storage. The
    address names the file (a new logo has a new name), so it belongs in a PDF's fingerprint."""
    return f"{settings.BASE_URL}/{settings.MEDIA_URL.strip('/')}/{file.name}"


def _context(*, brief: Brief, show_internal: bool, for_pdf: bool) -> dict[str, Any]:
    brand = _brand(brief)
    logo_src = ""
    if brand is not None:  # the browser asks the access-checked logo view; the PDF reads it
        logo_src = _media_address(brand.logo_display) if for_pdf else brand.logo_url or ""
    signed: SignOff | None = current_sign_off(brief)
    clarifications = list(
        ClarifyingQuestion.objects.filter(brief=brief).select_related("asked_by", "answered_by")
    )
    # Listed, not embedded: name, kind and size of each file sent with the request.
    files = (
        list(
            Attachment.objects.filter(request_id=brief.request_id)
            .only("original_name", "content_type", "size")
            .order_by("created_at", "pk")
        )
        if brief.request_id
        else []
    )
    today: date = timezone.localdate()
    result = coach.of_brief(brief, today=today)
    return {
        "agency_name": settings.AGENCY_NAME,
        "brief": brief,
        "client": brief.client,
        "logo_src": logo_src,
        "version": brief.current_version,
        "sign_off": signed,
        "sections": _sections(brief),
        "clarifications": clarifications,
        "files": files,
        "completeness": result,
        "show_internal": show_internal,
        "for_pdf": for_pdf,
        # A PDF's source must not change by the minute: the worker writes the time in.
        "printed_at": None if for_pdf else timezone.now(),
        "printed_mark": PRINTED_MARK,
    }


def render_print_html(*, brief: Brief, show_internal: bool) -> str:
    """The brief as a self-contained printable page for the browser (links `print.css`)."""
    return render_to_string(
        TEMPLATE, _context(brief=brief, show_internal=show_internal, for_pdf=False)
    )


def _weasyprint() -> Any:
    try:
        import weasyprint
    except (ImportError, OSError) as exc:  # OSError: a system library could not be loaded
        raise PdfUnavailable(INSTALL_HINT) from exc
    return weasyprint


def local_fetcher(weasyprint: Any) -> Any:
    """A URL fetcher that serves data: URIs and Accord's own static and media files only."""

    class LocalOnlyFetcher(weasyprint.urls.URLFetcher):
        def __init__(self) -> None:
            super().__init__(allowed_protocols=["data"], allow_redirects=False)
            self.refused: list[str] = []

        def fetch(self, url: str, headers: Any = None) -> Any:
            if url.startswith("data:"):
                return super().fetch(url, headers)
            for prefix, read in (
                (f"{settings.BASE_URL}/{settings.STATIC_URL.strip('/')}/", _read_static),
                (f"{settings.BASE_URL}/{settings.MEDIA_URL.strip('/')}/", _read_media),
            ):
                if url.startswith(prefix):
                    body = read(url.removeprefix(prefix).split("?")[0].split("#")[0])
                    if body is not None:
                        content_type = mimetypes.guess_type(url)[0] or "application/octet-stream"
                        return weasyprint.urls.URLFetcherResponse(
                            url, body, {"Content-Type": content_type}
                        )
            self.refused.append(url)
            raise FetchRefused(f"Accord's PDFs load no outside resources ({url[:200]}).")

    return LocalOnlyFetcher()


def _read_static(path: str) -> bytes | None:
    if ".." in path.split("/"):
        return None
    found = finders.find(path)
    if not found or isinstance(found, list):
        return None
    with open(found, "rb") as handle:  # noqa: PTH123 (finders return plain strings)
        return handle.read()


def _read_media(path: str) -> bytes | None:
    if ".." in path.split("/"):
        return None
    try:
        with default_storage.open(path, "rb") as handle:
            content: bytes = handle.read()
    except (OSError, ValueError):  # missing, or outside the media root
        return None
    return content


def pdf_source(*, brief: Brief, show_internal: bool) -> str:
    """The HTML a PDF of the brief is made from: cheap to make, and the same until something
    printed changes (its SHA-256 names the PDF). The logo is referred to, not inlined."""
    return render_to_string(
        TEMPLATE, _context(brief=brief, show_internal=show_internal, for_pdf=True)
    )


def render_source(source: str) -> Any:
    """`source` laid out in pages by WeasyPrint (a `weasyprint.Document`), printed now."""
    weasyprint = _weasyprint()
    now = timezone.localtime()
    printed = f"{now.day} {now:%B %Y, %H:%M}"
    html = source.replace(PRINTED_MARK, printed)
    fetcher = local_fetcher(weasyprint)
    stylesheet = weasyprint.CSS(filename=finders.find(PRINT_CSS), url_fetcher=fetcher)
    page = weasyprint.HTML(string=html, base_url=f"{settings.BASE_URL}/", url_fetcher=fetcher)
    return page.render(stylesheets=[stylesheet])


def render_document(*, brief: Brief, show_internal: bool) -> Any:
    """The brief laid out in pages by WeasyPrint (a `weasyprint.Document`)."""
    return render_source(pdf_source(brief=brief, show_internal=show_internal))


def pdf_from_source(source: str) -> bytes:
    """The PDF of `pdf_source`'s HTML (A4, page numbers), rendered without network access."""
    pdf: bytes = render_source(source).write_pdf()
    return pdf


def brief_pdf(*, brief: Brief, show_internal: bool) -> bytes:
    """The brief as a PDF (A4, page numbers), rendered without any network access."""
    pdf: bytes = render_document(brief=brief, show_internal=show_internal).write_pdf()
    return pdf
