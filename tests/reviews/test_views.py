"""The review page's forms through Django's test client: a refusal keeps what was typed and
says why with a 4xx, files are served with their headers, and the page's query count does not
grow with the versions and comments on it."""

from typing import Any

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import Client
from django.urls import reverse

from accord.core.policy import Audience
from accord.reviews.models import Decision, Round, Version
from accord.reviews.services import comments, previews, rounds, todos, versions
from accord.work.models import Deliverable

from .helpers import approved_internally, sent
from .review_data import banner_job, internal_round, png, upload

# The review page, whatever the number of versions, comments and to-dos on it.
QUERIES = 40


@pytest.fixture
def media(settings: Any, tmp_path: Any) -> None:
    settings.MEDIA_ROOT = tmp_path / "media"


@pytest.fixture
def banner(world: Any, media: None) -> Deliverable:
    return banner_job(world)


def _page(deliverable: Deliverable) -> str:
    return reverse("reviews:deliverable", args=[deliverable.pk])


def _as(client: Client, person: Any) -> Client:
    client.force_login(person)
    return client


def test_changes_required_without_a_note_is_refused_on_the_note(client, world, banner):
    round = internal_round(world, upload(world, banner))
    answer = _as(client, world.alice).post(
        reverse("reviews:decide", args=[round.pk]), {"verdict": "changes_required", "note": "  "}
    )
    assert answer.status_code == 422
    form = answer.context["decision_form"]
    assert form.errors["note"] == ["Say what needs to change: a note is required."]
    assert form["verdict"].value() == "changes_required"
    assert "Say what needs to change" in answer.content.decode()
    assert not Decision.objects.exists()


def test_a_version_with_both_copy_and_a_link_is_refused_keeping_both(client, world, banner):
    typed = {"copy": "Fresh from the farm.", "link_url": "https://acme.test/spring", "note": "v1"}
    answer = _as(client, world.dan).post(reverse("reviews:version_add", args=[banner.pk]), typed)
    assert answer.status_code == 422
    form = answer.context["version_form"]
    assert form.errors["file"] == ["Give one of a file, the copy or a link."]
    page = answer.content.decode()
    assert "Fresh from the farm." in page and "https://acme.test/spring" in page
    assert not Version.objects.exists()


@pytest.mark.parametrize(
    ("name", "content"),
    [
        ("logo.svg", b'<svg xmlns="http://www.w3.org/2000/svg"><script>alert(1)</script></svg>'),
        ("banner.html", b"<!doctype html><html><body><script>alert(1)</script></body></html>"),
    ],
)
def test_an_svg_or_html_upload_is_refused_naming_the_file(client, world, banner, name, content):
    upload_ = SimpleUploadedFile(name, content, content_type="image/png")
    answer = _as(client, world.dan).post(
        reverse("reviews:version_add", args=[banner.pk]), {"file": upload_, "note": "As asked"}
    )
    assert answer.status_code == 422
    message = answer.context["version_form"].errors["file"][0]
    assert message.startswith(f"“{name}” is not a file type we review")
    assert "is not a file type we review" in answer.content.decode()
    assert answer.context["version_form"]["note"].value() == "As asked"
    assert not Version.objects.exists()


def _send(client: Client, deliverable: Deliverable, version: Version, **more: Any) -> Any:
    data = {
        "client-stage": "client",
        "client-version": version.pk,
        "client-approvers": [str(pk) for pk in more.pop("approvers")],
        "client-rule": "any",
        **more,
    }
    return client.post(reverse("reviews:round_open", args=[deliverable.pk, "client"]), data)


def test_sending_without_an_internal_approval_asks_for_the_reason(client, world, banner):
    version = upload(world, banner)
    answer = _send(_as(client, world.alice), banner, version, approvers=[world.carol.pk])
    assert answer.status_code == 422
    form = answer.context["client_form"]
    assert "has not been approved internally" in form.errors["reason"][0]
    assert form["approvers"].value() == [str(world.carol.pk)]
    assert 'name="client-reason"' in answer.content.decode()
    assert not Round.objects.filter(stage="client").exists()


def test_past_the_revision_allowance_sending_asks_to_confirm(client, world, banner):
    world.acme.revision_rounds_included = 0
    world.acme.save(update_fields=["revision_rounds_included"])
    _, first = sent(world, banner)
    rounds.decide(by=world.carol, round=first, verdict="changes_required", note="Bigger logo")
    v2 = upload(world, banner)
    approved_internally(world, v2)
    alice = _as(client, world.alice)

    answer = _send(alice, banner, v2, approvers=[world.carol.pk])
    assert answer.status_code == 409
    assert answer.context["needs_confirm"]
    page = answer.content.decode()
    assert "Send it anyway" in page and 'name="client-confirm" value="True"' in page
    assert "beyond them. Send it anyway?" in answer.context["client_form"].errors["confirm"][0]
    assert "beyond them. Send it anyway?" in page
    assert Round.objects.filter(stage="client").count() == 1

    answer = _send(alice, banner, v2, approvers=[world.carol.pk], **{"client-confirm": "True"})
    assert answer.status_code == 302
    assert Round.objects.filter(stage="client", version=v2).exists()


def test_a_decision_on_a_superseded_round_records_nothing(client, world, banner):
    old = internal_round(world, upload(world, banner))
    upload(world, banner)  # Dan's version 2 replaces it while Alice reads version 1
    answer = _as(client, world.alice).post(
        reverse("reviews:decide", args=[old.pk]),
        {"verdict": "approved_with_changes", "note": "Nudge the logo left"},
    )
    assert answer.status_code == 409
    page = answer.content.decode()
    assert "A newer version (version 2) replaced version 1" in page
    assert "Your note, not recorded: “Nudge the logo left”" in page  # nothing typed is lost
    assert not Decision.objects.exists()


def test_files_are_served_unsniffable_with_a_disposition(client, world, banner):
    version = upload(world, banner)
    previews.make(version.pk)
    dan = _as(client, world.dan)
    shown = dan.get(reverse("reviews:version_file", args=[version.pk]))
    kept = dan.get(reverse("reviews:version_file", args=[version.pk]) + "?download=1")
    page = dan.get(reverse("reviews:page_image", args=[version.pk, 1]))
    for answer in (shown, kept, page):
        assert answer.status_code == 200
        assert answer["X-Content-Type-Options"] == "nosniff"
        assert answer["Content-Disposition"]
    assert shown["Content-Disposition"].startswith("inline")
    assert kept["Content-Disposition"].startswith("attachment")
    assert shown["Content-Type"] == page["Content-Type"] == "image/png"


def _reviewed(world: Any, deliverable: Deliverable, *, count: int, notes: int) -> None:
    """`count` versions (copy, then a picture last), the last one sent to Acme with `notes`
    comments and replies from both sides, and to-dos made of them."""
    for number in range(1, count):
        versions.add_version(by=world.dan, deliverable=deliverable, copy_text=f"Draft {number}")
    version, _ = sent(world, deliverable)
    made = []
    for n in range(notes):
        by, audience = [
            (world.alice, Audience.INTERNAL),
            (world.ray, Audience.CLIENT),
            (world.alice, Audience.CLIENT),
        ][n % 3]
        parent = next((c for c in reversed(made) if c.parent_id is None), None)
        if n % 4 != 3:
            parent = None
        elif parent is not None:
            by = world.alice  # a reply from the agency, under the thread it answers
        made.append(
            comments.add_comment(
                by=by,
                version=version,
                body=f"Note {n}",
                audience=audience,
                parent=parent,
                anchor={"anchor": "point", "page": 1, "x": 0.5, "y": 0.5},
                managing=by == world.alice,
            )
        )
    client_notes = [c.pk for c in made if c.audience == Audience.CLIENT and c.parent_id is None]
    todos.add_todos(
        by=world.alice,
        deliverable=deliverable,
        items=[(f"Fix {pk}", [pk]) for pk in client_notes[:5]],
    )


@pytest.mark.parametrize(
    "case",
    [(persona, *size) for persona in ("alice", "dan", "carol") for size in ((2, 3), (20, 100))],
    ids=str,
)
def test_the_review_page_runs_a_bounded_number_of_queries(
    client, world, banner, django_assert_max_num_queries, case
):
    persona, count, notes = case
    _reviewed(world, banner, count=count, notes=notes)
    assert banner.versions.count() == count
    _as(client, getattr(world, persona))
    with django_assert_max_num_queries(QUERIES):
        answer = client.get(_page(banner))
    assert answer.status_code == 200
    assert ("Note 1" if persona == "carol" else "Note 0") in answer.content.decode()


def test_the_page_shows_the_new_version_form_as_typed_after_a_bad_link(client, world, banner):
    answer = _as(client, world.dan).post(
        reverse("reviews:version_add", args=[banner.pk]),
        {"link_url": "ftp://acme.test/banner", "note": "Link to the mock-up", "ask_review": "on"},
    )
    assert answer.status_code == 422
    form = answer.context["version_form"]
    assert form.errors["link_url"] == ["Give the full address of the work, starting with https://"]
    assert form["note"].value() == "Link to the mock-up"


def test_an_image_upload_goes_to_the_page_and_asks_alice(client, world, banner):
    answer = _as(client, world.dan).post(
        reverse("reviews:version_add", args=[banner.pk]), {"file": png(), "ask_review": "on"}
    )
    version = Version.objects.get(deliverable=banner)
    assert answer.status_code == 302
    assert answer["Location"] == f"{_page(banner)}?version={version.pk}#version-heading"
    assert Round.objects.get(version=version).reviewers.get().user == world.alice


def test_a_round_form_offers_only_who_may_sit_on_it(client, world, settings, tmp_path):
    """An id of someone outside the client (Gus) is refused as not a choice, never named."""
    from accord.reviews.services import rounds as round_services
    from tests.reviews.review_data import banner_job, internal_round, upload

    settings.MEDIA_ROOT = tmp_path
    deliverable = banner_job(world)
    v1 = upload(world, deliverable)
    round_services.decide(by=world.alice, round=internal_round(world, v1), verdict="approved")
    client.force_login(world.alice)
    response = client.post(
        f"/reviews/deliverables/{deliverable.pk}/rounds/client/",
        {
            "client-version": v1.pk,
            "client-stage": "client",
            "client-approvers": [world.gus.pk],
            "client-rule": "any",
        },
    )
    assert response.status_code == 422
    assert "Gus" not in response.content.decode()


def test_marking_passages_costs_lines_plus_passages(world):
    """A hostile copy (25,000 lines) with 2,000 overlapping passages is marked in one sweep of
    their union (the benchmark's bounds targets time it; the old marking took about a minute)."""
    from types import SimpleNamespace

    from accord.reviews.page import _paragraphs

    text = "a\n" * 24_999
    covering = [
        SimpleNamespace(comment=SimpleNamespace(anchor="range", start=0, end=len(text)), number=n)
        for n in range(2_000)
    ]
    lines = _paragraphs(text, covering)
    assert len(lines) == 25_000 and all(str(p.html) == "<mark>a</mark>" for p in lines[:-1])
