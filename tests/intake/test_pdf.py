"""A brief on paper: the printable page and the PDF, offline and without internal notes."""

import socket
from datetime import timedelta
from typing import Any

import pytest
from django.core.files.base import ContentFile
from django.utils import timezone

from accord.clients.models import BrandProfile
from accord.core.errors import DomainError
from accord.intake import pdf, services
from accord.intake.models import Brief, BriefTemplate

# The smallest valid PNG: one transparent pixel.
PIXEL_PNG = bytes.fromhex(
    "89504e470d0a1a0a0000000d4948445200000001000000010806000000"
    "1f15c4890000000d49444154789c6360000002000154a24f5d0000000049454e44ae426082"
)


def _answers(world: Any) -> dict[str, str]:
    return {
        "background": "Spring launch of the plant-based range.\nForty stores in April.",
        "objective": "2,000 voucher redemptions in April.",
        "success_measure": "Redemptions counted at the till.",
        "audience": "Commuters aged 25-40 in Leeds who buy <b>coffee</b> on the way to work.",
        "key_message": "Tastes as good as the one you love.",
        "channels": "Instagram, TikTok",
        "deliverables": "8 posts, 12 stories",
        "budget": "12000",
        "deadline": (timezone.localdate() + timedelta(days=60)).isoformat(),
        "approver": str(world.carol.pk),
    }


@pytest.fixture
def signed_brief(world: Any) -> Brief:
    template = BriefTemplate.objects.get(name="Social campaign")
    brief = services.start_brief(
        by=world.alice, client=world.acme, template=template, title="Oat latte launch"
    )
    services.save_answers(by=world.alice, brief=brief, answers=_answers(world))
    services.submit_brief(by=world.alice, brief=brief)
    question = services.ask_question(by=world.alice, brief=brief, text="Which stores?")
    services.answer_question(by=world.carol, question=question, answer="Leeds and York.")
    services.propose_for_sign_off(by=world.alice, brief=brief)
    services.sign_off(by=world.carol, brief=brief, version_number=1)
    brief = Brief.objects.select_related("client", "template", "current_version").get(pk=brief.pk)
    brief.internal_notes = "Margin is thin on this one: keep to two rounds."
    brief.save(update_fields=["internal_notes"])
    return brief


def _text(document: Any) -> str:
    """All the text WeasyPrint laid out, page by page."""
    words = []
    for page in document.pages:
        words += [
            box.text for box in page._page_box.descendants() if hasattr(box, "text") and box.text
        ]
    return " ".join(words)


def test_print_page_shows_the_whole_brief(signed_brief, carol):
    html = pdf.render_print_html(brief=signed_brief, show_internal=False)
    version = signed_brief.current_version
    assert html.startswith("<!doctype html>")
    assert "Oat latte launch" in html
    assert "Acme Foods" in html and "Northwind Creative" in html
    assert "Signed off" in html and carol.name in html
    assert f"v{version.number}" in html and version.sha256 in html
    assert "Leeds and York." in html and "Which stores?" in html
    assert "Completeness:" in html
    # Line breaks kept, markup escaped, the approver named rather than numbered.
    assert "Spring launch of the plant-based range.\nForty stores in April." in html
    assert "&lt;b&gt;coffee&lt;/b&gt;" in html and "<b>coffee</b>" not in html
    assert "Who signs it off?" in html


def test_print_page_obeys_the_strict_csp(signed_brief):
    html = pdf.render_print_html(brief=signed_brief, show_internal=True)
    assert '<link rel="stylesheet" href="/static/accord/print.css">' in html
    assert "<style" not in html and "style=" not in html and "<script" not in html


def test_internal_notes_only_for_the_agency(signed_brief):
    assert "Margin is thin" not in pdf.render_print_html(brief=signed_brief, show_internal=False)
    assert "Margin is thin" in pdf.render_print_html(brief=signed_brief, show_internal=True)


def test_pdf_is_a_pdf_with_the_brief_in_it(signed_brief):
    data = pdf.brief_pdf(brief=signed_brief, show_internal=False)
    assert data.startswith(b"%PDF")
    document = pdf.render_document(brief=signed_brief, show_internal=False)
    text = _text(document)
    assert "Oat latte launch" in text
    assert "Leeds and York." in text
    assert "Commuters aged 25-40" in text
    assert "Page 1 of" in text  # the page footer from print.css
    assert "Margin is thin" not in text


def test_pdf_for_the_agency_carries_internal_notes(signed_brief):
    text = _text(pdf.render_document(brief=signed_brief, show_internal=True))
    assert "Margin is thin" in text


def test_pdf_page_is_a4(signed_brief):
    document = pdf.render_document(brief=signed_brief, show_internal=False)
    page = document.pages[0]
    # A4 is 210 × 297 mm; WeasyPrint measures in CSS pixels (96 per inch).
    assert round(page.width * 25.4 / 96) == 210
    assert round(page.height * 25.4 / 96) == 297


def test_long_brief_runs_over_several_numbered_pages(signed_brief, alice):
    long_answer = "\n".join(f"Store {n}: window display and till card." for n in range(150))
    brief = services.save_answers(
        by=alice,
        brief=signed_brief,
        answers={"mandatories": long_answer},
        reason="The legal team added mandatories.",
    )
    document = pdf.render_document(brief=brief, show_internal=False)
    pages = len(document.pages)
    assert pages > 1
    assert f"Page {pages} of {pages}" in _text(document)


def test_logo_is_read_from_storage_in_the_pdf_and_linked_in_the_page(signed_brief, acme):
    brand = BrandProfile.objects.get(client=acme)
    brand.logo.save("acme.png", ContentFile(PIXEL_PNG), save=False)
    brand.logo_display.save("acme.png", ContentFile(PIXEL_PNG), save=True)
    brief = Brief.objects.select_related("client__brand").get(pk=signed_brief.pk)
    page = pdf.render_print_html(brief=brief, show_internal=False)
    assert f'src="/clients/{acme.pk}/logo/?v=' in page and "data:" not in page
    context = pdf._context(brief=brief, show_internal=False, for_pdf=True)
    # The display copy, by a media address only the PDF's local fetcher answers.
    assert context["logo_src"].endswith(f"/media/{brand.logo_display.name}")
    assert pdf.brief_pdf(brief=brief, show_internal=False).startswith(b"%PDF")


def test_fetcher_refuses_the_network():
    weasyprint = pdf._weasyprint()
    fetcher = pdf.local_fetcher(weasyprint)
    for url in (
        "http://example.com/logo.png",
        "https://example.com/tracker.css",
        "ftp://example.com/x",
        "file:///etc/passwd",
        "http://127.0.0.1:8000/static/../../settings.py",
    ):
        with pytest.raises(pdf.FetchRefused):
            fetcher.fetch(url)
    assert len(fetcher.refused) == 5


def test_fetcher_serves_local_static_files_and_data_uris(settings):
    weasyprint = pdf._weasyprint()
    fetcher = pdf.local_fetcher(weasyprint)
    css = fetcher.fetch(f"{settings.BASE_URL}/static/accord/print.css")
    assert b"@page" in css.read()
    assert fetcher.fetch("data:text/plain;base64,aGk=").read() == b"hi"


def test_rendering_opens_no_connection(signed_brief, monkeypatch):
    """Even with an outside image in the page, nothing leaves the machine."""
    connections: list[Any] = []

    def no_network(*args: Any, **kwargs: Any) -> None:
        connections.append(args)
        raise OSError("network is off in this test")

    monkeypatch.setattr(socket, "create_connection", no_network)
    monkeypatch.setattr(socket.socket, "connect", no_network)
    weasyprint = pdf._weasyprint()
    fetcher = pdf.local_fetcher(weasyprint)
    html = '<p>Hello</p><img src="http://example.com/pixel.png"><link rel="stylesheet" href="https://example.com/x.css">'
    data = weasyprint.HTML(
        string=html, base_url="http://example.com/", url_fetcher=fetcher
    ).write_pdf()
    assert data.startswith(b"%PDF")
    assert connections == []
    assert "http://example.com/pixel.png" in fetcher.refused
    assert pdf.brief_pdf(brief=signed_brief, show_internal=False).startswith(b"%PDF")
    assert connections == []


def test_missing_pango_is_a_503_with_instructions(without_pango, signed_brief):
    with pytest.raises(pdf.PdfUnavailable) as missing:
        pdf.brief_pdf(brief=signed_brief, show_internal=False)
    assert isinstance(missing.value, DomainError)
    assert missing.value.status == 503
    assert "apt-get install libpango-1.0-0 libpangoft2-1.0-0" in missing.value.message
