"""The browser story of tests/browser/test_intake_as_agencies_use_it.py, through the API alone:
Carol's request with an image, changes requested, a sign-off, a job with Dan on it, a change of
plan; Dan opens the image from the job, and the PDF keeps the budget in pounds."""

import io
from collections.abc import Callable
from typing import Any

import pypdfium2
from django.test import Client as HttpClient
from PIL import Image

from accord.core.models import Event
from accord.work.models import Job
from tests.api.conftest import API, Caller
from tests.api.intake_data import good_answers, social_template
from tests.work.helpers import put_on_job

Persona = Callable[[str], Caller]
BUDGET = "£8,000–10,000"


def ok(response: Any, status: int = 200) -> Any:
    assert response.status_code == status, response.content
    return response.json()


def _png() -> bytes:
    buffer = io.BytesIO()
    Image.new("RGB", (900, 600), (122, 158, 126)).save(buffer, format="PNG")
    return buffer.getvalue()


def _upload(caller: Caller, request_id: int, name: str, content: bytes) -> Any:
    file = io.BytesIO(content)
    file.name = name
    return HttpClient().post(
        f"{API}/requests/{request_id}/attachments",
        {"attachments": [file]},
        headers={"Authorization": f"Bearer {caller.token}"},
    )


def _body(response: Any) -> bytes:
    assert response.status_code == 200, response.status_code
    return b"".join(response.streaming_content) if response.streaming else response.content


def test_the_story_through_the_api(as_persona: Persona, world: Any) -> None:
    carol, alice, dan = as_persona("carol"), as_persona("alice"), as_persona("dan")
    image = _png()

    # Carol files the request and sends her mood board with it.
    filed = ok(
        carol.post(
            "/requests",
            {"client_id": world.acme.pk, "title": "Spring launch posts", "what": "Posts."},
        ),
        201,
    )
    with_file = ok(_upload(carol, filed["id"], "mood-board.png", image), 201)
    assert [a["name"] for a in with_file["attachments"]] == ["mood-board.png"]

    # Alice starts the brief from it; Carol answers, budget in pounds, and sends it.
    brief = ok(
        alice.post(
            "/briefs",
            {
                "client_id": world.acme.pk,
                "template_id": social_template().pk,
                "request_id": filed["id"],
            },
        ),
        201,
    )
    path = f"/briefs/{brief['id']}"
    answered = ok(carol.patch(path, {"answers": {**good_answers(world), "budget": BUDGET}}))
    assert answered["facts"]["budget"] == {
        "low": "8000.00",
        "high": "10000.00",
        "currency": "GBP",
        "display": BUDGET,
    }
    ok(carol.post(f"{path}/submit"))
    assert [a["name"] for a in ok(alice.get(path))["attachments"]] == ["mood-board.png"]

    # Proposed; Carol asks for changes (a note is needed), then signs off version 2.
    ok(alice.post(f"{path}/propose"))
    assert carol.post(f"{path}/request-changes", {"version_number": 1, "note": ""}).status_code == (
        422
    )
    sent_back = ok(
        carol.post(f"{path}/request-changes", {"version_number": 1, "note": "Name the range."})
    )
    assert (sent_back["status"], sent_back["waiting_on"]) == ("submitted", "agency")
    ok(alice.patch(path, {"answers": {"key_message": "The new range."}, "base_version": 1}))
    ok(alice.post(f"{path}/propose"))
    assert ok(carol.post(f"{path}/sign-off", {"version_number": 2}))["status"] == "signed_off"
    assert ok(carol.get(f"/requests/{filed['id']}"))["status"] == "signed_off"

    # The job starts; then the plan changes, with a reason, and the job is flagged.
    job = ok(alice.post(f"{path}/convert"), 201)
    put_on_job(Job.objects.get(pk=job["id"]), world.dan)  # Alice puts Dan, the designer, on it
    assert ok(carol.get(f"/requests/{filed['id']}"))["status"] == "in_work"
    change = {"answers": {"channels": "Instagram only"}, "base_version": 2}
    assert carol.patch(path, change).status_code == 422
    ok(carol.patch(path, {**change, "reason": "Legal wants Instagram only."}))
    flagged = ok(alice.get(f"/jobs/{job['id']}"))
    assert flagged["brief_changed_at"] is not None
    assert (flagged["started_version"], flagged["brief_version"]) == (2, 3)
    assert "Instagram only" in str(ok(alice.get(f"{path}/compare", a=2, b=3)))

    # Dan opens Carol's image from the job.
    files = ok(dan.get(f"/jobs/{job['id']}"))["attachments"]
    assert [f["name"] for f in files] == ["mood-board.png"]
    url = files[0]["download_url"]
    got = HttpClient().get(url, headers={"Authorization": f"Bearer {dan.token}"})
    assert _body(got) == image
    # Gus, at another client, does not; nor does Cora, on Acme's team but not on this job.
    assert as_persona("gus").get(f"/jobs/{job['id']}").status_code == 404
    cora = as_persona("cora")
    assert cora.get(f"/jobs/{job['id']}").status_code == 404
    refused = HttpClient().get(url, headers={"Authorization": f"Bearer {cora.token}"})
    assert refused.status_code == 404

    # The PDF keeps the pound sign.
    pdf = _body(alice.get(f"{path}/pdf"))
    text = " ".join(p.get_textpage().get_text_range() for p in pypdfium2.PdfDocument(pdf))
    assert BUDGET in text
    verbs = list(Event.objects.order_by("id").values_list("verb", flat=True))
    assert verbs.index("brief.changes_requested") < verbs.index("brief.signed_off")
    assert verbs.index("brief.signed_off") < verbs.index("brief.replanned")
