"""Briefs and requests at each stage, made through the services, for the page tests."""

from datetime import timedelta
from typing import Any

from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from django.utils import timezone

from accord.intake import services
from accord.intake.models import Brief, BriefTemplate, Request
from accord.work.models import Job
from tests.work.helpers import start_job

PDF = b"%PDF-1.4\n1 0 obj << /Type /Catalog >> endobj\ntrailer << /Root 1 0 R >>\n%%EOF\n"
EXE = b"MZ\x90\x00\x03\x00\x00\x00\x04\x00\x00\x00\xff\xff\x00\x00" + bytes(64) + b"PE\x00\x00"


def url(name: str, **kwargs: Any) -> str:
    return reverse(f"intake:{name}", kwargs=kwargs)


def social() -> BriefTemplate:
    return BriefTemplate.objects.get(name="Social campaign")


def good_answers(world: Any) -> dict[str, str]:
    return {
        "background": "Spring launch of the plant-based range in 40 stores.",
        "objective": "2,000 voucher redemptions in April.",
        "success_measure": "Redemptions counted at the till.",
        "audience": "Commuters aged 25-40 in Leeds who buy coffee on the way to work.",
        "key_message": "Tastes as good as the one you love.",
        "channels": "Instagram, TikTok",
        "deliverables": "8 posts, 12 stories",
        "budget": "£12,000",
        "deadline": (timezone.localdate() + timedelta(days=60)).isoformat(),
        "approver": str(world.carol.pk),
    }


def as_fields(answers: dict[str, str]) -> dict[str, str]:
    return {f"q_{key}": value for key, value in answers.items()}


def pdf_file(name: str = "brief-notes.pdf") -> SimpleUploadedFile:
    return SimpleUploadedFile(name, PDF, content_type="application/pdf")


def new_request(world: Any, *, title: str = "Spring launch posts", client: Any = None) -> Request:
    return services.submit_request(
        by=world.carol if client is None else world.gus,
        client=client or world.acme,
        title=title,
        what="Posts for the plant-based launch.",
        why="New range in April.",
        attachments=[pdf_file()],
    )


def draft_brief(world: Any, *, title: str = "Spring launch", client: Any = None) -> Brief:
    by = world.alice if client is None else world.max
    return services.start_brief(by=by, client=client or world.acme, template=social(), title=title)


def submitted_brief(world: Any, **kwargs: Any) -> Brief:
    brief = draft_brief(world, **kwargs)
    by = world.alice if brief.client_id == world.acme.pk else world.max
    answers = good_answers(world)
    if brief.client_id != world.acme.pk:
        answers["approver"] = str(world.gus.pk)
    services.save_answers(by=by, brief=brief, answers=answers)
    return services.submit_brief(by=by, brief=brief)


def proposed_brief(world: Any, **kwargs: Any) -> Brief:
    brief = submitted_brief(world, **kwargs)
    by = world.alice if brief.client_id == world.acme.pk else world.max
    return services.propose_for_sign_off(by=by, brief=brief)


def signed_brief(world: Any, **kwargs: Any) -> Brief:
    brief = proposed_brief(world, **kwargs)
    approver = world.carol if brief.client_id == world.acme.pk else world.gus
    services.sign_off(by=approver, brief=brief, version_number=1)
    return Brief.objects.get(pk=brief.pk)


def job_of(world: Any, *, team: tuple[Any, ...] = (), **kwargs: Any) -> Job:
    """A job from a newly signed-off brief, with these people on its team."""
    return start_job(signed_brief(world, **kwargs), team=team)
