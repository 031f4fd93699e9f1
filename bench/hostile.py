"""The worst input each bound of issue 7 accepts, made once per database through the services:
a brief whose every answer is as long as allowed, in three versions that share nothing; a
logo at the pixel limit; a template with the most questions, each with the longest guidance."""

import io
from collections.abc import Callable
from datetime import timedelta
from functools import cache
from typing import Any

from django.conf import settings
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from django.utils import timezone
from PIL import Image

from accord.clients import services as clients
from accord.intake import pdf, rules, services
from accord.intake.models import Brief, BriefTemplate
from accord.intake.services import briefs, clarifications
from accord.intake.services.templates import MAX_GUIDANCE, MAX_QUESTIONS
from bench.context import BenchContext

API = "/api/v1"
MAXIMAL_BRIEF = "Bench: every answer as long as allowed"
BIGGEST_TEMPLATE = "Bench: the most questions"
LETTERS = "abcdefghijklmnopqrstuvwxyz"


def _maximal_text(seed: int, limit: int) -> str:
    """As many words as fit in `limit` characters (one letter each: the most words, the most
    work for a word diff), different for each seed."""
    count = (limit + 1) // 2
    return " ".join(LETTERS[(i * i * seed + i) % 26] for i in range(count))


def _answers(brief: Brief, ctx: BenchContext, seed: int) -> dict[str, str]:
    """Every answer as long as its kind allows, until all of them reach the brief's limit."""
    answers, room = {}, briefs.MAX_ANSWERS_TOTAL - 200  # the formatted answers' share
    for question in brief.questions:
        kind = question.get("kind")
        if kind == "date":
            answers[question["key"]] = (timezone.localdate() + timedelta(days=90)).isoformat()
        elif kind == "money":
            answers[question["key"]] = f"{10_000 + seed}–{20_000 + seed}"
        elif kind == "approver":
            answers[question["key"]] = str(ctx.user("carol").pk)
        else:
            text = _maximal_text(seed, max(1, min(rules.max_length(kind), room)))
            answers[question["key"]], room = text, room - len(text)
    return answers


def maximal_brief(ctx: BenchContext) -> Brief:
    """Acme's brief with three versions, each answer as long as allowed and unlike the last."""
    found = Brief.objects.filter(client=ctx.acme, title=MAXIMAL_BRIEF).first()
    if found is not None:
        return found
    alice = ctx.user("alice")
    template = BriefTemplate.objects.get(name="Social campaign")
    brief = services.start_brief(by=alice, client=ctx.acme, template=template, title=MAXIMAL_BRIEF)
    services.save_answers(by=alice, brief=brief, answers=_answers(brief, ctx, 1))
    services.submit_brief(by=alice, brief=brief)
    for base, seed in ((1, 3), (2, 5)):
        services.save_answers(
            by=alice, brief=brief, answers=_answers(brief, ctx, seed), base_version=base
        )
    services.save_internal_notes(by=alice, brief=brief, notes=_maximal_text(7, briefs.MAX_ANSWER))
    for seed in range(clarifications.MAX_CLARIFICATIONS):
        question = services.ask_question(
            by=alice, brief=brief, text=_maximal_text(seed + 11, clarifications.MAX_CLARIFICATION)
        )
        services.answer_question(
            by=ctx.user("carol"),
            question=question,
            answer=_maximal_text(seed + 12, clarifications.MAX_CLARIFICATION),
        )
    return Brief.objects.get(pk=brief.pk)


def _versions(a: int, b: int) -> Callable[[BenchContext], str]:
    def path(ctx: BenchContext) -> str:
        page = reverse("intake:brief_versions", kwargs={"brief_id": maximal_brief(ctx).pk})
        return f"{page}?a={a}&b={b}"

    return path


versions_page = _versions(2, 3)  # consecutive: the diff stored with version 3
versions_page_far = _versions(1, 3)  # any two: worked out now, at the bounded cost


def compare_api(ctx: BenchContext) -> str:
    return f"{API}/briefs/{maximal_brief(ctx).pk}/compare?a=1&b=3"


# --- Logos and PDFs -------------------------------------------------------------------------


@cache
def _png_at_pixel_limit() -> bytes:
    side = int(settings.LOGO_MAX_PIXELS**0.5)
    image = Image.radial_gradient("L").resize((side, side)).convert("RGB")
    buffer = io.BytesIO()
    image.save(buffer, format="PNG")
    return buffer.getvalue()


def brand_page(ctx: BenchContext) -> str:
    return reverse("clients:brand", kwargs={"client_id": ctx.acme.pk})


def logo_at_pixel_limit(ctx: BenchContext) -> dict[str, Any]:
    """The brand form with the largest logo accepted: exactly at the pixel limit."""
    logo = SimpleUploadedFile("logo.png", _png_at_pixel_limit(), content_type="image/png")
    return {"voice_and_tone": "Warm, plain, never smug.", "colours": "#1A2B3C", "logo": logo}


def _with_largest_logo(ctx: BenchContext) -> None:
    brand = getattr(ctx.acme, "brand", None)
    if brand is None or not brand.logo_display:
        logo = logo_at_pixel_limit(ctx)["logo"]
        clients.update_brand(by=ctx.user("alice"), client=ctx.acme, logo=logo)


def pdf_job(ctx: BenchContext) -> Callable[[], bytes]:
    """What the worker does for the maximal brief's agency PDF (notes included) with the
    largest logo: lay out its stored HTML and write the PDF."""
    _with_largest_logo(ctx)
    brief = Brief.objects.select_related("client__brand").get(pk=maximal_brief(ctx).pk)
    source = pdf.pdf_source(brief=brief, show_internal=True)
    return lambda: pdf.pdf_from_source(source)


def _lines(seed: int, limit: int, breaks: int) -> str:
    """`breaks` one-letter lines (the most lines a PDF lays out), then words up to `limit`."""
    head = "x\n" * breaks
    return head + _maximal_text(seed, limit - len(head))


def _hostile_brief(ctx: BenchContext, title: str, make: Callable[[int, int, int], str]) -> Brief:
    """A brief whose every text is `make(seed, characters, line breaks)` as long as allowed:
    answers within their own and the brief's limits, internal notes, questions and answers."""
    found = Brief.objects.filter(client=ctx.acme, title=title).first()
    if found is not None:
        return found
    alice = ctx.user("alice")
    template = BriefTemplate.objects.get(name="Social campaign")
    brief = services.start_brief(by=alice, client=ctx.acme, template=template, title=title)
    answers = _answers(brief, ctx, 1)
    room, lines = briefs.MAX_ANSWERS_TOTAL - 200, rules.MAX_LINE_BREAKS_TOTAL
    for question in brief.questions:
        if question.get("kind") in ("text", "long_text"):
            kind = question["kind"]
            breaks = min(lines, rules.MAX_LINE_BREAKS.get(kind, rules.MAX_SHORT_LINE_BREAKS))
            text = make(1, max(1, min(rules.max_length(kind), room)), breaks)
            answers[question["key"]] = text
            room, lines = room - len(text), lines - text.count("\n")
    services.save_answers(by=alice, brief=brief, answers=answers)
    services.save_internal_notes(
        by=alice, brief=brief, notes=make(7, briefs.MAX_ANSWER, briefs.MAX_ANSWER // 2)
    )
    most = clarifications.MAX_CLARIFICATION
    for seed in range(clarifications.MAX_CLARIFICATIONS):
        question = services.ask_question(by=alice, brief=brief, text=make(seed, most, most // 2))
        services.answer_question(
            by=ctx.user("carol"), question=question, answer=make(seed, most, most // 2)
        )
    return Brief.objects.get(pk=brief.pk)


def _pdf_job_of(
    make: Callable[[int, int, int], str], title: str
) -> Callable[[BenchContext], Callable[[], bytes]]:
    def job(ctx: BenchContext) -> Callable[[], bytes]:
        _with_largest_logo(ctx)
        brief = _hostile_brief(ctx, title, make)
        source = pdf.pdf_source(brief=brief, show_internal=True)
        return lambda: pdf.pdf_from_source(source)

    return job


# The most line breaks each text takes (the printed copy keeps at most 200, or 20 for a
# question to the client, of any text stored before the limits); words too long for a line.
pdf_job_lines = _pdf_job_of(_lines, "Bench: as many lines as allowed")
pdf_job_unbroken = _pdf_job_of(lambda seed, limit, breaks: "x" * limit, "Bench: no spaces at all")


def pdf_page(ctx: BenchContext) -> str:
    """The PDF link of the maximal brief: the request only asks the worker (202)."""
    _with_largest_logo(ctx)
    return reverse("intake:brief_pdf", kwargs={"brief_id": maximal_brief(ctx).pk})


# --- The template editor ------------------------------------------------------------------


def _question(i: int) -> dict[str, Any]:
    return {
        "section": f"Section {i // 10}",
        "key": f"q{i}",
        "label": f"Question number {i}, worded at some length so the page has text to lay out?",
        "help_text": "h" * MAX_GUIDANCE,
        "example": "e" * MAX_GUIDANCE,
        "kind": "long_text",
        "required": True,
    }


def biggest_template(ctx: BenchContext) -> BriefTemplate:
    found = BriefTemplate.objects.filter(name=BIGGEST_TEMPLATE).first()
    if found is not None:
        return found
    return services.save_template(
        by=ctx.user("erin"),
        template=None,
        name=BIGGEST_TEMPLATE,
        is_active=False,  # not offered for new briefs
        questions=[_question(i) for i in range(MAX_QUESTIONS)],
    )


def template_editor(ctx: BenchContext) -> str:
    return reverse("intake:template_edit", kwargs={"template_id": biggest_template(ctx).pk})


def _management(total: int, initial: int) -> dict[str, str]:
    return {
        "name": BIGGEST_TEMPLATE,
        "description": "d" * MAX_GUIDANCE,
        "min_lead_days": "10",
        "questions-TOTAL_FORMS": str(total),
        "questions-INITIAL_FORMS": str(initial),
        "questions-MIN_NUM_FORMS": "0",
        "questions-MAX_NUM_FORMS": str(MAX_QUESTIONS),
    }


def template_with_max_questions(ctx: BenchContext) -> dict[str, Any]:
    """The editor saving the most questions, each with the longest guidance."""
    data = _management(MAX_QUESTIONS, MAX_QUESTIONS)
    for i in range(MAX_QUESTIONS):
        for field, value in _question(i).items():
            if field != "required":
                data[f"questions-{i}-{field}"] = value
        data[f"questions-{i}-required"] = "on"
        data[f"questions-{i}-order"] = str(i + 1)
    return data


def template_claiming_a_billion_questions(ctx: BenchContext) -> dict[str, Any]:
    """A page that says it sends 999,999,999 questions: refused as a form error (422)."""
    data = template_with_max_questions(ctx)
    data["questions-TOTAL_FORMS"] = "999999999"
    return data
