"""Files through the API with only a bearer token: attachments, a client's logo, a brief's PDF.

Each is served to exactly the people who may see its parent (the request, the client, the
brief), with the same bytes and headers as the web app's own download.
"""

import io
from collections.abc import Callable
from typing import Any

import pytest
from django.core.files.base import ContentFile
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import Client as HttpClient
from django.urls import reverse
from django.utils import timezone
from PIL import Image

from accord.clients import services as client_services
from accord.clients.models import BrandProfile
from accord.intake import pdf
from accord.intake import services as intake
from accord.intake.models import Attachment, Brief, Request
from tests.api.conftest import API, Caller
from tests.api.intake_data import brief_at
from tests.work.helpers import start_job

Persona = Callable[[str], Caller]
NO_STORE = "private, no-store"
NOTES_PDF = b"%PDF-1.4\n1 0 obj << /Type /Catalog >> endobj\ntrailer << /Root 1 0 R >>\n%%EOF\n"


def _body(response: Any) -> bytes:
    assert response.status_code == 200, response.content
    return b"".join(response.streaming_content) if response.streaming else response.content


def _headers(response: Any) -> dict[str, str]:
    """The headers that say how a file is to be taken: type, name, sniffing and caching."""
    names = ("Content-Type", "Content-Disposition", "X-Content-Type-Options", "Cache-Control")
    return {name: response[name] for name in names}


def _path(url: str) -> str:
    """An absolute URL from the API, as a path under `/api/v1` for `Caller.get`."""
    return url.removeprefix(f"http://testserver{API}")


@pytest.fixture
def media(settings: Any, tmp_path: Any) -> None:
    settings.MEDIA_ROOT = tmp_path / "media"


# --- Attachments and the logo -------------------------------------------------------------


@pytest.fixture
def attachment(world: Any, media: None) -> Attachment:
    item = Request.objects.create(client=world.acme, title="Menu", what="A new menu.")
    attachment = Attachment(
        request=item,
        original_name="Old menu (v2).pdf",
        content_type="application/pdf",
        size=len(NOTES_PDF),
        uploaded_by=world.carol,
    )
    attachment.file.save("menu.pdf", ContentFile(NOTES_PDF), save=True)
    return attachment


def _png() -> bytes:
    buffer = io.BytesIO()
    Image.new("RGB", (8, 8), (67, 56, 202)).save(buffer, format="PNG")
    return buffer.getvalue()


@pytest.fixture
def acme_logo(world: Any, media: None) -> bytes:
    content = _png()
    logo = SimpleUploadedFile("acme.png", content, content_type="image/png")
    client_services.update_brand(by=world.alice, client=world.acme, logo=logo)
    return content


@pytest.fixture
def stored_files(world: Any, attachment: Attachment, acme_logo: bytes) -> dict[str, Any]:
    """Each kind of stored file the API serves: where, and the bytes in storage."""
    return {
        "attachment": (f"/attachments/{attachment.pk}", NOTES_PDF),
        "logo": (f"/clients/{world.acme.pk}/logo", acme_logo),
    }


SERVED_AS = {
    "attachment": ("application/pdf", 'attachment; filename="Old menu (v2).pdf"', NO_STORE),
    "logo": ("image/png", 'inline; filename="logo.png"', "private, max-age=3600"),
}


@pytest.mark.parametrize("persona", ["alice", "carol"])
@pytest.mark.parametrize("kind", sorted(SERVED_AS))
def test_attachments_and_logos_download_with_a_token(
    as_persona: Persona, stored_files: dict[str, Any], persona: str, kind: str
) -> None:
    path, stored = stored_files[kind]
    content_type, disposition, cache_control = SERVED_AS[kind]
    response = as_persona(persona).get(path)
    assert _body(response) == stored
    assert _headers(response) == {
        "Content-Type": content_type,
        "Content-Disposition": disposition,
        "X-Content-Type-Options": "nosniff",
        "Cache-Control": cache_control,
    }


# --- Attachments --------------------------------------------------------------------------


@pytest.mark.parametrize("persona", ["max", "gus", "dan"])
def test_an_attachment_is_not_found_for_who_cannot_see_the_request(
    as_persona: Persona, attachment: Attachment, persona: str
) -> None:
    response = as_persona(persona).get(f"/attachments/{attachment.pk}")
    assert response.status_code == 404
    assert response.json() == {"detail": "Not found."}


def test_an_attachment_no_longer_stored_is_not_found(
    as_persona: Persona, attachment: Attachment
) -> None:
    attachment.file.storage.delete(attachment.file.name)
    response = as_persona("alice").get(f"/attachments/{attachment.pk}")
    assert response.status_code == 404
    assert response.json() == {"detail": "Not found."}


def test_the_request_links_each_attachment_to_its_api_download(
    as_persona: Persona, attachment: Attachment
) -> None:
    carol = as_persona("carol")
    [listed] = carol.get(f"/requests/{attachment.request_id}").json()["attachments"]
    assert listed["download_url"] == f"http://testserver{API}/attachments/{attachment.pk}"
    assert _body(carol.get(_path(listed["download_url"]))) == NOTES_PDF


def test_the_api_and_the_web_page_send_the_same_attachment(
    as_persona: Persona, attachment: Attachment, world: Any
) -> None:
    web = HttpClient()
    web.force_login(world.carol)
    page = web.get(reverse("intake:attachment", kwargs={"attachment_id": attachment.pk}))
    api = as_persona("carol").get(f"/attachments/{attachment.pk}")
    assert _body(api) == _body(page)
    assert _headers(api) == _headers(page)


def test_an_attachment_download_takes_few_queries(
    as_persona: Persona, attachment: Attachment, django_assert_max_num_queries: Any
) -> None:
    alice = as_persona("alice")
    alice.get("/me")  # the token's first use is recorded once; leave it out of the count
    # the token, the attachment, its request (with the client)
    with django_assert_max_num_queries(3):
        assert _body(alice.get(f"/attachments/{attachment.pk}")) == NOTES_PDF


# --- The client's logo --------------------------------------------------------------------


@pytest.mark.parametrize("persona", ["max", "gus"])
def test_the_logo_is_not_found_for_another_clients_people(
    as_persona: Persona, world: Any, acme_logo: bytes, persona: str
) -> None:
    assert as_persona(persona).get(f"/clients/{world.acme.pk}/logo").status_code == 404


def test_a_client_without_a_logo_has_none_to_download(as_persona: Persona, world: Any) -> None:
    response = as_persona("carol").get(f"/clients/{world.acme.pk}/logo")
    assert response.status_code == 404
    assert response.json() == {"detail": "Not found."}


def test_logo_url_is_the_api_download_versioned_by_the_brand(
    as_persona: Persona, world: Any, acme_logo: bytes
) -> None:
    carol = as_persona("carol")
    url = carol.get(f"/clients/{world.acme.pk}").json()["brand"]["logo_url"]
    version = int(BrandProfile.objects.get(client=world.acme).updated_at.timestamp())
    assert url == f"http://testserver{API}/clients/{world.acme.pk}/logo?v={version}"
    assert _body(carol.get(_path(url))) == acme_logo


def test_a_logo_download_takes_few_queries(
    as_persona: Persona, world: Any, acme_logo: bytes, django_assert_max_num_queries: Any
) -> None:
    carol = as_persona("carol")
    carol.get("/me")
    with django_assert_max_num_queries(2):  # the token; the client with its brand and my role
        assert _body(carol.get(f"/clients/{world.acme.pk}/logo")) == acme_logo


# --- The brief's PDF ----------------------------------------------------------------------


def _weasyprint_or_skip() -> None:
    try:
        pdf._weasyprint()
    except pdf.PdfUnavailable:
        pytest.skip("WeasyPrint cannot load its system libraries (Pango) here.")


@pytest.fixture
def brief(world: Any) -> Brief:
    brief = brief_at(world, "signed_off", title="Oat latte launch")
    return intake.save_internal_notes(by=world.alice, brief=brief, notes="Margin is thin.")


@pytest.mark.parametrize("persona", ["alice", "carol"])
def test_the_brief_pdf_downloads_with_a_token(
    as_persona: Persona, brief: Brief, persona: str
) -> None:
    _weasyprint_or_skip()
    response = as_persona(persona).get(f"/briefs/{brief.pk}/pdf")
    assert _body(response).startswith(b"%PDF")
    disposition = f'attachment; filename="oat-latte-launch-{brief.pk}.pdf"'
    expected = ("application/pdf", disposition, "nosniff", NO_STORE)
    assert tuple(_headers(response).values()) == expected


@pytest.mark.parametrize("persona", ["max", "gus"])
def test_the_brief_pdf_is_not_found_for_another_clients_people(
    as_persona: Persona, brief: Brief, persona: str
) -> None:
    response = as_persona(persona).get(f"/briefs/{brief.pk}/pdf")
    assert response.status_code == 404
    assert response.json() == {"detail": "Not found."}


@pytest.fixture
def still_clock(monkeypatch: Any) -> None:
    """The clock stands still: a PDF says when it was printed, to the minute, and the fonts
    embedded in it carry the second they were cut to the glyphs used (unless told a moment)."""
    moment = timezone.now()
    monkeypatch.setattr(timezone, "now", lambda: moment)
    monkeypatch.setenv("SOURCE_DATE_EPOCH", str(int(moment.timestamp())))


def test_only_agency_staff_who_ask_get_a_pdf_with_the_internal_notes(
    as_persona: Persona, brief: Brief, world: Any, still_clock: None
) -> None:
    _weasyprint_or_skip()
    start_job(brief, team=(world.dan,))  # Dan designs for it
    brief = Brief.objects.get(pk=brief.pk)
    # Rendering is deterministic: the same brief at the same moment gives the same bytes.
    for_agency = pdf.brief_pdf(brief=brief, show_internal=True)
    for_client = pdf.brief_pdf(brief=brief, show_internal=False)
    assert for_agency != for_client
    for persona, query, expected in [
        ("carol", "", for_client),
        ("carol", "?internal=true", for_client),  # asking is not enough: never the notes
        ("ray", "?internal=true", for_client),
        ("alice", "", for_client),  # left out unless asked for
        ("alice", "?internal=true", for_agency),
        ("dan", "?internal=true", for_agency),
    ]:
        response = as_persona(persona).get(f"/briefs/{brief.pk}/pdf{query}")
        assert _body(response) == expected, (persona, query)


def test_the_api_and_the_web_page_send_the_same_pdf(
    as_persona: Persona, brief: Brief, world: Any, still_clock: None
) -> None:
    _weasyprint_or_skip()
    for persona in ("carol", "alice"):
        web = HttpClient()
        web.force_login(world.persona(persona))
        page = web.get(reverse("intake:brief_pdf", kwargs={"brief_id": brief.pk}))
        api = as_persona(persona).get(f"/briefs/{brief.pk}/pdf")
        assert _body(api) == _body(page)
        assert _headers(api) == _headers(page)


def test_the_brief_links_to_its_pdf(as_persona: Persona, brief: Brief) -> None:
    _weasyprint_or_skip()
    carol = as_persona("carol")
    url = carol.get(f"/briefs/{brief.pk}").json()["pdf_url"]
    assert url == f"http://testserver{API}/briefs/{brief.pk}/pdf"
    assert _body(carol.get(_path(url))).startswith(b"%PDF")


def test_without_pango_the_pdf_is_a_503_with_instructions(
    as_persona: Persona, brief: Brief, without_pango: None
) -> None:
    response = as_persona("carol").get(f"/briefs/{brief.pk}/pdf")
    assert response.status_code == 503
    assert response.json() == {"detail": pdf.INSTALL_HINT, "field": None}


def test_a_pdf_download_takes_few_queries(
    as_persona: Persona, brief: Brief, world: Any, django_assert_max_num_queries: Any
) -> None:
    _weasyprint_or_skip()
    carol = as_persona("carol")
    carol.get("/me")
    assert _body(carol.get(f"/briefs/{brief.pk}/pdf"))  # the worker makes it (here, at once)
    # the token; the brief with its client and role; what it prints (brand, questions,
    # sign-off), then the PDF already made of exactly that
    with django_assert_max_num_queries(7):
        assert _body(carol.get(f"/briefs/{brief.pk}/pdf"))
    for n in range(5):  # more questions, answers and versions: still the same queries
        intake.ask_question(by=world.alice, brief=brief, text=f"Question {n}?")
    assert _body(carol.get(f"/briefs/{brief.pk}/pdf"))
    with django_assert_max_num_queries(7):
        assert _body(carol.get(f"/briefs/{brief.pk}/pdf"))
