"""The access matrix: every URL and every API operation, called as every persona.

A route or operation missing from the tables below fails the test, so the matrix grows with the
product. Every status is exact: OK stands for the route's own success (200 for a page, 302 for
a form that redirects, or what the route says; for the API the 2xx its OpenAPI declares), LOGIN
for an anonymous visitor sent to sign in, and 401, 403, 404, 409, 422 for the refusals. A page
and an API operation refusing the same person the same thing answer the same status (the
parity test below). Acme's objects are matched by Globex's, so visibility is tested both ways.
Every call runs in a savepoint that is rolled back, so one persona's write never changes what
the next one sees.
"""

import io
import json
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import date
from typing import Any

import pytest
from django.core.files.base import ContentFile
from django.db import transaction
from django.test import Client as HttpClient
from django.urls import URLPattern, URLResolver, get_resolver, reverse
from django.utils import timezone
from PIL import Image

from accord.accounts import services as people
from accord.api import api
from accord.intake import services as intake
from accord.intake.models import Brief, ClarifyingQuestion, Request
from accord.work.models import Job, JobMember, JobTemplate, PublicHoliday, TimeOff
from tests.api.intake_data import advance, brief_at, good_answers, social_template
from tests.conftest import PERSONAS, World
from tests.intake import view_helpers as views_data
from tests.work.helpers import give_task, start_job, take_off_job

OK, LOGIN = "ok", "login"
EVERYONE = ["anon", *PERSONAS]
STAFF = ["erin", "alice", "max", "dan", "cora", "sam"]
CONTACTS = ["carol", "ray", "gus"]


def outcome(*, default: str, **by_persona: str) -> dict[str, str]:
    result = dict.fromkeys(EVERYONE, default)
    for name, expected in by_persona.items():
        result[name] = expected
    return result


def signed_in(default: str, **by_persona: str) -> dict[str, str]:
    """Anonymous visitors are sent to sign in; everyone else as given."""
    return outcome(default=default, anon=LOGIN, **by_persona)


def everyone_ok() -> dict[str, str]:
    return outcome(default=OK)


def acme_viewers() -> dict[str, str]:
    return signed_in(OK, max="404", sam="404", gus="404")


def globex_viewers() -> dict[str, str]:
    return signed_in(OK, alice="404", dan="404", carol="404", ray="404")


def acme_managers() -> dict[str, str]:
    """Erin and Alice manage Acme; its team and contacts may look but not change (403)."""
    return signed_in("403", erin=OK, alice=OK, max="404", sam="404", gus="404")


def admin_only_staff() -> dict[str, str]:
    return signed_in("403", erin=OK)


def staff_only() -> dict[str, str]:
    return signed_in(OK, carol="403", ray="403", gus="403")


@dataclass
class Route:
    name: str
    method: str = "get"
    kwargs: Callable[[World], dict[str, Any]] = field(default=lambda w: {})
    expect: dict[str, str] = field(default_factory=everyone_ok)
    # The form posted: as given, or made from the world (for ids that differ per run).
    # Form data (a POST) or query parameters (a GET); a function of the world if it needs ids.
    # A form's fields, or a function of the world for fields that name its objects.
    data: dict[str, Any] | Callable[[World], dict[str, Any]] = field(default_factory=dict)
    prepare: Callable[[World], Any] = field(default=lambda w: None)
    ok: str = ""  # the success status: 200 for a GET, 302 for a POST unless given

    def expected(self) -> dict[str, str]:
        success = self.ok or ("200" if self.method == "get" else "302")
        return {who: success if seen == OK else seen for who, seen in self.expect.items()}


ACME = {"kwargs": lambda w: {"client_id": w.acme.pk}}


def _archive_acme(w: World) -> None:
    w.acme.__class__.objects.filter(pk=w.acme.pk).update(status="archived")


def _dan_never_set_a_password(w: World) -> None:
    # On the instance too: Dan's own session is checked against the password he has now.
    w.dan.set_unusable_password()
    w.dan.save(update_fields=["password"])


def _ray_never_set_a_password(w: World) -> None:
    w.ray.set_unusable_password()
    w.ray.save(update_fields=["password"])


# fmt: off
PAGES: list[Route] = [
    Route("healthz"),
    Route("home:index", expect=signed_in(OK)),
    Route("home:today", expect=signed_in(OK)),
    Route("accounts:login", expect=outcome(default="302", anon=OK)),  # signed in: sent on
    Route("accounts:logout", "post", ok="200"),
    Route("accounts:password_reset"),
    Route("accounts:password_reset_done"),
    Route("accounts:password_reset_complete"),
    Route("accounts:password_reset_confirm",
          kwargs=lambda w: {"uidb64": "MQ", "token": "set-password"}),
    Route("accounts:accept_invitation", kwargs=lambda w: {"uidb64": "MQ", "token": "bad-token"},
          expect=outcome(default="400")),
    Route("accounts:magic_link_request"),
    Route("accounts:magic_link", kwargs=lambda w: {"token": "ml_not-a-real-token"},
          expect=outcome(default="400")),
    Route("accounts:profile", expect=signed_in(OK)),
    Route("accounts:password_change", expect=signed_in(OK)),
    Route("accounts:token_create", "post", expect=signed_in(OK), data={"name": "CI"}, ok="201"),
    Route("accounts:token_revoke", "post", kwargs=lambda w: {"token_id": w.erin_token_id},
          expect=signed_in("404", erin=OK)),
    Route("accounts:team", expect=staff_only()),
    Route("accounts:staff_invite", expect=admin_only_staff()),
    Route("accounts:staff_detail", kwargs=lambda w: {"staff_id": w.dan.pk},
          expect=staff_only()),
    Route("accounts:staff_edit", kwargs=lambda w: {"staff_id": w.dan.pk},
          expect=admin_only_staff()),
    Route("accounts:staff_resend_invitation", "post", kwargs=lambda w: {"staff_id": w.dan.pk},
          expect=admin_only_staff(), prepare=_dan_never_set_a_password),
    Route("accounts:person_erase", kwargs=lambda w: {"person_id": w.ray.pk},
          expect=admin_only_staff()),
    Route("accounts:person_erase", "post", kwargs=lambda w: {"person_id": w.ray.pk},
          expect=admin_only_staff()),
    Route("clients:list", expect=signed_in(OK, carol="302", ray="302", gus="302")),  # portal
    Route("clients:create", expect=signed_in("403", erin=OK, alice=OK, max=OK)),
    Route("clients:detail", **ACME, expect=acme_viewers()),
    Route("clients:detail", kwargs=lambda w: {"client_id": w.globex.pk}, expect=globex_viewers()),
    Route("clients:edit", **ACME, expect=acme_managers()),
    Route("clients:archive", "post", **ACME, expect=acme_managers()),
    Route("clients:restore", "post", **ACME, expect=acme_managers(), prepare=_archive_acme),
    Route("clients:brand", **ACME, expect=acme_managers()),
    Route("clients:logo", **ACME, expect=acme_viewers()),
    Route("clients:team", **ACME, expect=acme_managers()),
    Route("clients:team_remove", "post", kwargs=lambda w: {"client_id": w.acme.pk,
                                                           "user_id": w.dan.pk},
          expect=acme_managers()),
    Route("clients:contacts", **ACME, expect=acme_managers()),
    Route("clients:contact_edit", "post",
          kwargs=lambda w: {"client_id": w.acme.pk, "contact_id": w.ray_contact_id},
          expect=acme_managers(), data={"role": "viewer"}),
    Route("clients:contact_resend_invitation", "post",
          kwargs=lambda w: {"client_id": w.acme.pk, "contact_id": w.ray_contact_id},
          expect=acme_managers(), prepare=_ray_never_set_a_password),
    Route("clients:contact_remove", "post",
          kwargs=lambda w: {"client_id": w.acme.pk, "contact_id": w.ray_contact_id},
          expect=acme_managers()),
    Route("clients:activity", **ACME, expect=acme_viewers()),
    Route("clients:activity", kwargs=lambda w: {"client_id": w.globex.pk},
          expect=globex_viewers()),
]
# fmt: on

# Routes served by a library, outside the matrix: the API (checked operation by operation
# below), its docs and schema (public, no data). Nothing else: every other route has a name.
UNLISTED_PREFIXES = ("api:",)


def _pattern_names(patterns: list[Any], namespace: str = "") -> set[str]:
    names: set[str] = set()
    for pattern in patterns:
        if isinstance(pattern, URLResolver):
            inner = f"{namespace}{pattern.namespace}:" if pattern.namespace else namespace
            names |= _pattern_names(pattern.url_patterns, inner)
        elif isinstance(pattern, URLPattern) and pattern.name:
            names.add(f"{namespace}{pattern.name}")
    return names


def _unnamed_routes(patterns: list[Any], prefix: str = "") -> list[str]:
    """Routes without a name, which the matrix could not list (the API's include aside)."""
    unnamed: list[str] = []
    for pattern in patterns:
        route = f"{prefix}{pattern.pattern}"
        if isinstance(pattern, URLResolver):
            if pattern.namespace != "api":
                unnamed += _unnamed_routes(pattern.url_patterns, route)
        elif not pattern.name:
            unnamed.append(route)
    return unnamed


def _status_outcome(response: Any, *, anonymous: bool) -> str:
    code = response.status_code
    if anonymous and code == 302 and "/login/" in response.headers.get("Location", ""):
        return LOGIN
    return str(code)


def _png() -> bytes:
    buffer = io.BytesIO()
    Image.new("RGB", (4, 4), (200, 30, 30)).save(buffer, format="PNG")
    return buffer.getvalue()


@pytest.fixture
def matrix_world(world: World, settings: Any, tmp_path: Any) -> World:
    settings.MEDIA_ROOT = tmp_path / "media"
    for brand in (world.acme.brand, world.globex.brand):  # the original and its display copy
        brand.logo.save("logo.png", ContentFile(_png()), save=False)
        brand.logo_display.save("logo.png", ContentFile(_png()), save=True)
    token, _ = people.create_api_token(user=world.erin, name="matrix")
    world.erin_token_id = token.pk  # type: ignore[attr-defined]
    world.ray_contact_id = world.acme.contacts.get(user=world.ray).pk  # type: ignore[attr-defined]
    _add_intake(world)
    _add_work(world)
    _add_my_work(world)
    add_reviews(world)
    add_review_pages(world)
    add_conversations(world)
    add_insights(world)
    return world


def _add_intake(w: Any) -> None:
    """Acme's intake: a new request; a fully answered draft brief with an open question
    (`prepare` hooks move it on inside each savepoint); a job from a signed-off brief with Dan
    on its team, and another Acme job nobody from the studio is on. Cora, on Acme's team, is on
    neither; Sam, on Globex's team, has a task on Globex's job and Cora none."""
    w.acme_request = Request.objects.create(client=w.acme, title="Leaflets", what="Leaflets.")
    w.acme_brief = brief_at(w, "draft")
    w.acme_question = intake.ask_question(by=w.alice, brief=w.acme_brief, text="Which stores?")
    w.acme_job = start_job(brief_at(w, "signed_off", title="Done"), team=(w.dan,))
    w.acme_other_job = start_job(brief_at(w, "signed_off", title="Other"))
    # The job's brief came from a request with a file: Dan opens it (he is on the job).
    w.acme_job_request = Request.objects.create(
        client=w.acme, title="Done", what="Done.", status=Request.Status.IN_WORK
    )
    Brief.objects.filter(pk=w.acme_job.brief_id).update(request=w.acme_job_request)
    w.acme_other_request = Request.objects.create(
        client=w.acme, title="Other", what="Other.", status=Request.Status.IN_WORK
    )
    Brief.objects.filter(pk=w.acme_other_job.brief_id).update(request=w.acme_other_request)
    w.template_id = social_template().pk
    g = w.globex
    w.globex_request = Request.objects.create(client=g, title="Leaflets", what="Leaflets.")
    w.globex_draft = views_data.draft_brief(w, client=g)
    w.globex_proposed = views_data.proposed_brief(w, client=g, title="Autumn")
    w.globex_signed = views_data.signed_brief(w, client=g, title="Winter")
    w.globex_job = views_data.job_of(w, client=g, title="Done")
    give_task(w.globex_job, w.sam)


def test_every_url_is_in_the_matrix() -> None:
    declared = {route.name for route in PAGES}
    served = {
        name
        for name in _pattern_names(get_resolver().url_patterns)
        if not name.startswith(UNLISTED_PREFIXES)
    }
    assert served - declared == set(), "add these routes to the access matrix"
    assert declared - served == set(), "these matrix routes no longer exist"


def test_every_route_has_a_name_so_none_escapes_the_matrix() -> None:
    assert _unnamed_routes(get_resolver().url_patterns) == [], "name these routes"


def _call(http: HttpClient, method: str, url: str, data: dict[str, Any]) -> Any:
    if method == "get":
        return http.get(url, data)
    return http.post(url, data)


@pytest.mark.parametrize("route", PAGES, ids=lambda r: f"{r.method}:{r.name}")
def test_page_access(route: Route, matrix_world: World) -> None:
    url = reverse(route.name, kwargs=route.kwargs(matrix_world))
    seen: dict[str, str] = {}
    for persona in EVERYONE:
        http = HttpClient()
        with transaction.atomic():
            route.prepare(matrix_world)
            if persona != "anon":
                http.force_login(matrix_world.persona(persona))
            data = route.data(matrix_world) if callable(route.data) else route.data
            response = _call(http, route.method, url, data)
            transaction.set_rollback(True)
        seen[persona] = _status_outcome(response, anonymous=persona == "anon")
    assert seen == route.expected()


# --- API ---------------------------------------------------------------------------------


def api_signed_in(default: str, **by_persona: str) -> dict[str, str]:
    return outcome(default=default, anon="401", **by_persona)


@dataclass
class Operation:
    path: Callable[[World], dict[str, Any]] = field(default=lambda w: {})
    expect: dict[str, str] = field(default_factory=lambda: api_signed_in(OK))
    body: Callable[[World], dict[str, Any]] | None = None
    prepare: Callable[[World], Any] = field(default=lambda w: None)
    query: str | Callable[[World], str] = ""
    files: Callable[[World], dict[str, Any]] | None = None  # a multipart body, made per call


def _acme(w: World) -> dict[str, Any]:
    return {"client_id": w.acme.pk}


API_ACME_VIEWERS = {**acme_viewers(), "anon": "401"}
API_ACME_MANAGERS = {**acme_managers(), "anon": "401"}
API_STAFF_ONLY = api_signed_in(OK, carol="403", ray="403", gus="403")
API_ADMIN_ONLY = api_signed_in("403", erin=OK)

# Intake. Requests, and briefs until signed off, are between Acme's account side (Erin, Alice)
# and its contacts (Carol approves, Ray reviews): Acme's creatives (Dan, Cora) get a 404.
NOT_ACME_CREATIVES = {"dan": "404", "cora": "404"}
API_ACME_ACCOUNT_VIEWERS = {**API_ACME_VIEWERS, **NOT_ACME_CREATIVES}
API_ACME_ACCOUNT_MANAGERS = {**API_ACME_MANAGERS, **NOT_ACME_CREATIVES}
API_ACME_CONTRIBUTORS = API_ACME_ACCOUNT_VIEWERS  # managers, approvers and reviewers edit
API_ACME_FILERS = {**API_ACME_VIEWERS, "dan": "403", "cora": "403"}  # creatives see Acme
API_ACME_ANSWERERS = {**API_ACME_ACCOUNT_VIEWERS, "erin": "403", "alice": "403"}
API_ACME_APPROVER = {**API_ACME_ANSWERERS, "ray": "403"}
API_INTAKE_DESK = api_signed_in("403", erin=OK, alice=OK, max=OK)
# Work: Dan is on Acme's job, Cora (on Acme's team) is not.
API_ACME_JOB_VIEWERS = {**API_ACME_VIEWERS, "cora": "404"}
API_ACME_JOB_MANAGERS = {**API_ACME_MANAGERS, "cora": "404"}


def _request(w: Any) -> dict[str, Any]:
    return {"request_id": w.acme_request.pk}


def _brief(w: Any) -> dict[str, Any]:
    return {"brief_id": w.acme_brief.pk}


def _park_request(w: Any) -> None:
    Request.objects.filter(pk=w.acme_request.pk).update(status=Request.Status.PARKED)


def _submitted(w: Any) -> None:
    advance(w, w.acme_brief, to="submitted")


def _ready_to_propose(w: Any) -> None:
    _submitted(w)
    intake.answer_question(by=w.carol, question=w.acme_question, answer="Leeds and York.")


def _answered_about_tone(w: Any) -> None:
    _submitted(w)
    ClarifyingQuestion.objects.filter(pk=w.acme_question.pk).update(field_key="tone")
    intake.answer_question(by=w.carol, question=w.acme_question, answer="Warm and witty.")


def _proposed(w: Any) -> None:
    _ready_to_propose(w)
    advance(w, w.acme_brief, since="submitted", to="proposed")


def _signed_off(w: Any) -> None:
    _proposed(w)
    advance(w, w.acme_brief, since="proposed", to="signed_off")


def _two_versions(w: Any) -> None:
    _submitted(w)
    intake.save_answers(by=w.alice, brief=w.acme_brief, answers={"tone": "Bolder."})


def _brief_changed_in_work(w: Any) -> None:
    Job.objects.filter(pk=w.acme_job.pk).update(brief_changed_at=timezone.now())


def acme_account_viewers() -> dict[str, str]:
    """Acme's account side and contacts; Acme's creatives don't see requests or unsigned briefs."""
    return {**acme_viewers(), "dan": "404", "cora": "404"}


def acme_account_managers() -> dict[str, str]:
    return {**acme_managers(), "dan": "404", "cora": "404"}


def acme_job_viewers() -> dict[str, str]:
    """Acme's job that Dan is on: its account side, its contacts and Dan; Cora, on Acme's
    team but not on the job, does not see it (404)."""
    return {**acme_viewers(), "cora": "404"}


def acme_job_managers() -> dict[str, str]:
    """Erin and Alice run the job; Dan and Acme's contacts see it but may not (403)."""
    return {**acme_managers(), "cora": "404"}


def _attachment(w: Any, request: Any = None) -> Any:
    from accord.intake.models import Attachment

    attachment = Attachment(
        request=request or w.acme_request,
        original_name="notes.pdf",
        content_type="application/pdf",
        size=20,
        uploaded_by=w.carol,
    )
    attachment.file.save("attachment.pdf", ContentFile(b"%PDF-1.4\n%%EOF\n"), save=True)
    return attachment


def _job_file(w: Any) -> dict[str, Any]:
    return {"attachment_id": _attachment(w, request=w.acme_job_request).pk}


def _other_job_file(w: Any) -> dict[str, Any]:
    return {"attachment_id": _attachment(w, request=w.acme_other_request).pk}


def _dan_off_every_job(w: Any) -> None:
    take_off_job(w.acme_job, w.dan)


def _thumbnailed(w: Any) -> dict[str, Any]:
    attachment = _attachment(w)
    attachment.thumbnail.save("thumb.png", ContentFile(_png()), save=False)
    attachment.thumbnail_state = attachment.Thumbnail.READY
    attachment.save(update_fields=["thumbnail", "thumbnail_state"])
    return {"attachment_id": attachment.pk}


def _job(w: Any) -> dict[str, Any]:
    return {"job_id": w.acme_job.pk}


def _job_brief(w: Any) -> dict[str, Any]:
    return {"brief_id": w.acme_job.brief_id}


def _other_job(w: Any) -> dict[str, Any]:
    return {"job_id": w.acme_other_job.pk}


def _other_job_brief(w: Any) -> dict[str, Any]:
    return {"brief_id": w.acme_other_job.brief_id}


def _job_template_id() -> int:
    return JobTemplate.objects.get(name="Social campaign — 6 posts").pk


def _job_template_body(w: Any) -> dict[str, Any]:
    return {
        "name": "Podcast",
        "deliverables": [{"title": "Episode"}],
        "tasks": [
            {"title": "Script", "discipline": "copywriting", "estimate_hours": 4},
            {"title": "Edit", "deliverable": 0, "depends_on": 0},
        ],
    }


def _soon(days: int) -> str:
    """A day this many days from today: capacity queries refuse dates over two years away."""
    return (timezone.localdate() + timezone.timedelta(days=days)).isoformat()


def _candidates_query(w: Any) -> dict[str, Any]:
    return {"job": w.acme_job.pk, "discipline": "design", "due_on": _soon(24), "estimate": "6"}


def _creatives_on_the_job(w: Any) -> None:
    for person in (w.dan, w.cora):
        JobMember.objects.get_or_create(job=w.acme_job, user=person)


def _dans_time_off(w: Any) -> dict[str, Any]:
    off, _ = TimeOff.objects.get_or_create(
        user=w.dan, starts_on=date(2030, 1, 7), ends_on=date(2030, 1, 8)
    )
    return {"time_off_id": off.pk}


def _a_holiday(w: Any) -> dict[str, Any]:
    found, _ = PublicHoliday.objects.get_or_create(on=date(2030, 1, 1), defaults={"name": "NYD"})
    return {"holiday_id": found.pk}


# fmt: off
PAGES += [
    # Intake pages. Requests, and briefs until signed off, are between Acme's account side
    # (Erin, Alice) and its contacts (Carol approves, Ray reviews): Acme's creatives get a 404.
    Route("intake:queue", expect=signed_in("403", erin=OK, alice=OK, max=OK)),
    Route("intake:request_list", expect=signed_in(OK, dan="403", cora="403", sam="403")),
    Route("intake:request_create", expect=signed_in(OK, dan="403", cora="403", sam="403")),
    Route("intake:request_detail", kwargs=_request, expect=acme_account_viewers()),
    Route("intake:request_decide", "post", kwargs=_request, expect=acme_account_managers(),
          data={"decision": "park", "reason": "Not this quarter, sorry: let's revisit it in May."}),
    Route("intake:request_reopen", "post", kwargs=_request, expect=acme_account_managers(),
          prepare=_park_request),
    Route("intake:attachment", kwargs=lambda w: {"attachment_id": _attachment(w).pk},
          expect=acme_account_viewers()),
    Route("intake:attachment", kwargs=_job_file, expect=acme_job_viewers()),
    Route("intake:attachment_thumbnail", kwargs=_thumbnailed, expect=acme_account_viewers()),
    Route("intake:request_attach", kwargs=_request, expect=acme_account_viewers()),
    Route("intake:brief_list", expect=signed_in(OK)),
    Route("intake:brief_create", expect=signed_in(OK, dan="403", cora="403", sam="403")),
    Route("intake:brief_detail", kwargs=_brief, expect=acme_account_viewers()),
    Route("intake:brief_edit", kwargs=_brief, expect=acme_account_viewers()),
    Route("intake:brief_autosave", "post", kwargs=_brief, expect=acme_account_viewers(),
          data={"q_tone": "Bolder."}, ok="200"),
    Route("intake:brief_submit", "post", kwargs=_brief, expect=acme_account_viewers()),
    Route("intake:brief_ask", "post", kwargs=_brief, expect=acme_account_managers(),
          data={"text": "Which stores?"}),
    Route("intake:question_answer", "post", kwargs=lambda w: {"question_id": w.acme_question.pk},
          expect={**acme_account_viewers(), "erin": "403", "alice": "403"},
          data={"answer": "Leeds and York."}, prepare=_submitted),
    Route("intake:question_apply", "post", kwargs=lambda w: {"question_id": w.acme_question.pk},
          expect=acme_account_managers(), prepare=_answered_about_tone),
    Route("intake:brief_propose", "post", kwargs=_brief, expect=acme_account_managers(),
          prepare=_ready_to_propose),
    # Approvers sign off; reviewers read what is up for sign-off and may request changes.
    Route("intake:brief_sign_off", kwargs=_brief, prepare=_proposed,
          expect={**acme_account_viewers(), "erin": "403", "alice": "403"}),
    Route("intake:brief_request_changes", "post", kwargs=_brief, prepare=_proposed,
          expect={**acme_account_viewers(), "erin": "403", "alice": "403"},
          data={"version_number": "1", "note": "Make the tone bolder."}),
    Route("intake:brief_versions", kwargs=_brief, expect=acme_account_viewers(),
          prepare=_two_versions),
    Route("intake:brief_print", kwargs=_brief, expect=acme_account_viewers()),
    Route("intake:brief_pdf", kwargs=_brief, expect=acme_account_viewers()),
    # Signed off but not yet a job: no creative is on it.
    # A signed-off brief with no job yet is on no creative's job: they don't reach it (404).
    Route("work:start_job", "post", kwargs=_brief, expect=acme_account_managers(),
          prepare=_signed_off),
    Route("intake:brief_notes", "post", kwargs=_brief, expect=acme_account_managers(),
          data={"notes": "Carol prefers calls to email."}),
    Route("intake:brief_cancel", "post", kwargs=_brief, expect=acme_account_managers()),
    Route("intake:template_list", expect=admin_only_staff()),
    Route("intake:template_create", expect=admin_only_staff()),
    Route("intake:template_edit", kwargs=lambda w: {"template_id": w.template_id},
          expect=admin_only_staff()),
    Route("work:job_detail", kwargs=lambda w: {"job_id": w.acme_job.pk},
          expect=acme_job_viewers()),
    Route("intake:brief_detail", kwargs=_job_brief, expect=acme_job_viewers()),
    Route("work:finish_job", "post", kwargs=_job, expect=acme_job_managers()),
    Route("work:acknowledge_brief_change", "post", kwargs=lambda w: {"job_id": w.acme_job.pk},
          expect=acme_job_managers(), prepare=_brief_changed_in_work),
    # Acme's other job: Dan is on Acme's team but not on this job, so neither it, its brief
    # nor its refusals exist for him (404), while Acme's overview and brand stay his to read.
    Route("work:job_detail", kwargs=_other_job, expect=acme_account_viewers()),
    Route("intake:brief_detail", kwargs=_other_job_brief, expect=acme_account_viewers()),
    Route("work:finish_job", "post", kwargs=_other_job, expect=acme_account_managers()),
    Route("intake:attachment", kwargs=_other_job_file, expect=acme_account_viewers()),
    Route("clients:detail", **ACME, expect=acme_viewers(), prepare=_dan_off_every_job),
    Route("clients:logo", **ACME, expect=acme_viewers(), prepare=_dan_off_every_job),
    # Jobs: the list for everyone (each sees their own), set up and run by the client's AM and
    # admins; job templates read by staff, edited by admins.
    Route("work:job_list", expect=signed_in(OK)),
    Route("work:job_create", expect=signed_in("403", erin=OK, alice=OK, max=OK)),
    Route("work:job_edit", kwargs=_job, expect=acme_job_managers()),
    Route("work:job_move", "post", kwargs=_job, expect=acme_job_managers(),
          data={"to": "on_hold", "was": "open"}),
    Route("work:job_member_add", "post", kwargs=_job, expect=acme_job_managers(),
          data=lambda w: {"user": w.sam.pk}),
    Route("work:job_member_remove", "post",
          kwargs=lambda w: {"job_id": w.acme_job.pk, "user_id": w.dan.pk},
          expect=acme_job_managers()),
    Route("work:job_plan", "post", kwargs=_job, expect=acme_job_managers(),
          data=lambda w: {"template": _job_template_id()}),
    Route("work:job_template_list", expect=staff_only()),
    Route("work:job_template_create", expect=admin_only_staff()),
    Route("work:job_template_detail", kwargs=lambda w: {"template_id": _job_template_id()},
          expect=staff_only()),
    Route("work:job_template_edit", kwargs=lambda w: {"template_id": _job_template_id()},
          expect=admin_only_staff()),
    Route("work:job_template_deactivate", "post",
          kwargs=lambda w: {"template_id": _job_template_id()}, expect=admin_only_staff()),
]
# fmt: on


# Deliverables and tasks on an Acme job of their own (so Cora's task here does not put her on
# the job the intake rows above keep her off): Dan designs the post, Cora writes its caption (so
# both are on the job); Sam is not on it. Contacts read deliverables (in client words) but tasks
# do not exist for them (404). Dan moves his own task and its checklist; Cora may not (403).
def _add_work(w: Any) -> None:
    from accord.work.services import deliverables, tasks

    w.acme_work_job = start_job(brief_at(w, "signed_off", title="Work"))
    w.acme_post = deliverables.add_deliverable(by=w.alice, job=w.acme_work_job, title="Post")
    w.dan_task = tasks.add_task(
        by=w.alice,
        job=w.acme_work_job,
        title="Design",
        assignee=w.dan,
        deliverable=w.acme_post,
        checklist=["Export"],
    )
    w.dan_item_id = w.dan_task.checklist.get().pk
    tasks.add_task(by=w.alice, job=w.acme_work_job, title="Copy", assignee=w.cora)


def _work_job(w: Any) -> dict[str, Any]:
    return {"job_id": w.acme_work_job.pk}


def _post(w: Any) -> dict[str, Any]:
    return {"deliverable_id": w.acme_post.pk}


def _dan_task(w: Any) -> dict[str, Any]:
    return {"task_id": w.dan_task.pk}


def _dan_item(w: Any) -> dict[str, Any]:
    return {"item_id": w.dan_item_id}


NOT_ON_THE_JOB = {"max": "404", "sam": "404", "gus": "404"}
NO_TASKS_FOR_CONTACTS = {"carol": "404", "ray": "404"}
# Creatives on the job move a deliverable within production; contacts see it, change nothing.
DELIVERABLE_MOVERS = signed_in(OK, carol="403", ray="403", **NOT_ON_THE_JOB)
TASK_READERS = signed_in(OK, **NOT_ON_THE_JOB, **NO_TASKS_FOR_CONTACTS)
TASK_PLANNERS = signed_in("403", erin=OK, alice=OK, **NOT_ON_THE_JOB, **NO_TASKS_FOR_CONTACTS)
DANS_TASK = {**TASK_PLANNERS, "dan": OK}  # its assignee and the job's managers

# fmt: off
PAGES += [
    Route("work:deliverable_add", "post", kwargs=_work_job, expect=acme_managers(),
          data={"title": "Poster", "kind": "other"}),
    Route("work:deliverable_edit", kwargs=_post, expect=acme_managers()),
    Route("work:deliverable_move", "post", kwargs=_post, expect=DELIVERABLE_MOVERS,
          data={"to": "in_production", "base_status": "not_started"}),
    Route("work:task_add", "post", kwargs=_work_job, expect=TASK_PLANNERS,
          data={"title": "Storyboard", "estimate_hours": "1", "priority": "2"}),
    Route("work:task_detail", kwargs=_dan_task, expect=TASK_READERS),
    Route("work:task_edit", "post", kwargs=_dan_task, expect=TASK_PLANNERS,
          data={"title": "Design", "estimate_hours": "2", "priority": "2", "base_revision": "1"}),
    Route("work:task_assign", "post", kwargs=_dan_task, expect=TASK_PLANNERS,
          data={"base_revision": "1"}),
    Route("work:task_dependency", "post", kwargs=_dan_task, expect=TASK_PLANNERS,
          data={"base_revision": "1"}),
    Route("work:task_move", "post", kwargs=_dan_task, expect=DANS_TASK,
          data={"to": "doing", "base_status": "todo"}),
    Route("work:checklist_add", "post", kwargs=_dan_task, expect=DANS_TASK,
          data={"text": "Crop for stories"}),
    Route("work:checklist_tick", "post", kwargs=_dan_item, expect=DANS_TASK, data={"done": "1"}),
    Route("work:checklist_remove", "post", kwargs=_dan_item, expect=DANS_TASK),
    # Capacity: the workload is the agency's; a creative sees only their own weeks and time off
    Route("work:workload", expect=staff_only()),
    Route("work:workload_cell", data=lambda w: {"person": w.dan.pk, "week": _soon(21)},
          expect={**staff_only(), "cora": "404", "sam": "404"}),
    Route("work:candidates", data=_candidates_query, prepare=_creatives_on_the_job,
          expect={**acme_managers(), "gus": "403"}),
    Route("work:time_off", expect=staff_only()),
    Route("work:time_off", "post", expect=staff_only(),
          data={"starts_on": "2030-02-04", "ends_on": "2030-02-05", "kind": "holiday"}),
    Route("work:time_off_delete", "post", kwargs=_dans_time_off,
          expect={**staff_only(), "cora": "404", "sam": "404"}),
    Route("work:holidays", expect=admin_only_staff()),
    Route("work:holidays", "post", expect=admin_only_staff(),
          data={"on": "2030-05-06", "name": "Early May bank holiday"}),
    Route("work:holiday_delete", "post", kwargs=_a_holiday, expect=admin_only_staff()),
]
# fmt: on


# Globex's objects: Max runs Globex, Cora and Sam are on its team, Gus approves for it; Alice,
# Dan, Carol and Ray must not even learn they exist (404). Of the creatives only Sam, with a task
# on Globex's job, sees the job and its brief; a signed-off brief with no job yet, nobody.
NOT_GLOBEX = {"alice": "404", "dan": "404", "carol": "404", "ray": "404"}
NOT_GLOBEX_CREATIVES = {"cora": "404", "sam": "404"}


def globex_managers() -> dict[str, str]:
    return signed_in("403", erin=OK, max=OK, **NOT_GLOBEX)


def globex_account_viewers() -> dict[str, str]:
    return {**globex_viewers(), **NOT_GLOBEX_CREATIVES}


def globex_account_managers() -> dict[str, str]:
    return {**globex_managers(), **NOT_GLOBEX_CREATIVES}


def globex_approver() -> dict[str, str]:
    return {**globex_account_viewers(), "erin": "403", "max": "403"}


def globex_job_viewers() -> dict[str, str]:
    """Globex's job: Sam has a task on it; Cora, on Globex's team but not on the job, not."""
    return {**globex_viewers(), "cora": "404"}


def globex_job_managers() -> dict[str, str]:
    """Erin and Max run Globex's job; Sam (with a task) sees it but may not change it (403)."""
    return {**globex_managers(), "cora": "404"}


GLOBEX = {"kwargs": lambda w: {"client_id": w.globex.pk}}


def _g_request(w: Any) -> dict[str, Any]:
    return {"request_id": w.globex_request.pk}


def _g_draft(w: Any) -> dict[str, Any]:
    return {"brief_id": w.globex_draft.pk}


def _g_proposed(w: Any) -> dict[str, Any]:
    return {"brief_id": w.globex_proposed.pk}


def _g_signed(w: Any) -> dict[str, Any]:
    return {"brief_id": w.globex_signed.pk}


# fmt: off
PAGES += [
    Route("clients:edit", **GLOBEX, expect=globex_managers()),
    Route("clients:brand", **GLOBEX, expect=globex_managers()),
    Route("clients:team", **GLOBEX, expect=globex_managers()),
    Route("clients:contacts", **GLOBEX, expect=globex_managers()),
    Route("clients:logo", **GLOBEX, expect=globex_viewers()),
    Route("intake:request_detail", kwargs=_g_request, expect=globex_account_viewers()),
    Route("intake:request_attach", kwargs=_g_request, expect=globex_account_viewers()),
    Route("intake:request_decide", "post", kwargs=_g_request, expect=globex_account_managers(),
          data={"decision": "park", "reason": "Not this quarter, sorry: let's revisit it in May."}),
    Route("intake:brief_detail", kwargs=_g_draft, expect=globex_account_viewers()),
    Route("intake:brief_edit", kwargs=_g_draft, expect=globex_account_viewers()),
    Route("intake:brief_sign_off", kwargs=_g_proposed, expect=globex_approver()),
    Route("intake:brief_detail", kwargs=_g_signed, expect=globex_account_viewers()),
    Route("work:start_job", "post", kwargs=_g_signed, expect=globex_account_managers()),
    Route("work:job_detail", kwargs=lambda w: {"job_id": w.globex_job.pk},
          expect=globex_job_viewers()),
    Route("intake:brief_detail", kwargs=lambda w: {"brief_id": w.globex_job.brief_id},
          expect=globex_job_viewers()),
    Route("work:job_edit", kwargs=lambda w: {"job_id": w.globex_job.pk},
          expect=globex_job_managers()),
]

API_GLOBEX_VIEWERS = {**globex_viewers(), "anon": "401"}
API_GLOBEX_MANAGERS = {**globex_managers(), "anon": "401"}
API_GLOBEX_ACCOUNT_VIEWERS = {**globex_account_viewers(), "anon": "401"}
API_GLOBEX_ACCOUNT_MANAGERS = {**globex_account_managers(), "anon": "401"}
GLOBEX_OPERATIONS: list[tuple[str, Operation]] = [
    ("get_client", Operation(lambda w: {"client_id": w.globex.pk}, API_GLOBEX_VIEWERS)),
    ("update_client", Operation(lambda w: {"client_id": w.globex.pk}, API_GLOBEX_MANAGERS,
                                body=lambda w: {"industry": "Banking"})),
    ("list_contacts", Operation(lambda w: {"client_id": w.globex.pk}, API_GLOBEX_VIEWERS)),
    ("create_request", Operation(
        expect={**API_GLOBEX_VIEWERS, "cora": "403", "sam": "403"},
        body=lambda w: {"client_id": w.globex.pk, "title": "Posters", "what": "Posters.",
                        "source": "phone"})),
    ("get_request", Operation(_g_request, API_GLOBEX_ACCOUNT_VIEWERS)),
    ("add_request_attachments", Operation(
        _g_request, API_GLOBEX_ACCOUNT_VIEWERS,
        files=lambda w: {"attachments": [views_data.pdf_file()]})),
    ("decide_request", Operation(_g_request, API_GLOBEX_ACCOUNT_MANAGERS, body=lambda w: {
        "decision": "park", "reason": "Not this quarter, sorry: let's revisit it in May."})),
    ("get_brief", Operation(_g_draft, API_GLOBEX_ACCOUNT_VIEWERS)),
    ("update_brief_answers", Operation(_g_draft, API_GLOBEX_ACCOUNT_VIEWERS,
                                       body=lambda w: {"answers": {"tone": "Calm."}})),
    ("sign_off_brief", Operation(_g_proposed, {**globex_approver(), "anon": "401"},
                                 body=lambda w: {"version_number": 1})),
    ("convert_brief", Operation(_g_signed, API_GLOBEX_ACCOUNT_MANAGERS)),
    ("get_job", Operation(lambda w: {"job_id": w.globex_job.pk},
                          {**globex_job_viewers(), "anon": "401"})),
    ("get_brief", Operation(lambda w: {"brief_id": w.globex_job.brief_id},
                            {**globex_job_viewers(), "anon": "401"})),
    ("list_job_members", Operation(lambda w: {"job_id": w.globex_job.pk},
                                   {**globex_job_viewers(), "anon": "401", "gus": "403"})),
    ("update_job", Operation(lambda w: {"job_id": w.globex_job.pk},
                             {**globex_job_managers(), "anon": "401"},
                             body=lambda w: {"revision": w.globex_job.revision})),
]
# fmt: on


def _template_body(name: str) -> Callable[[Any], dict[str, Any]]:
    return lambda w: {"name": name, "questions": [{"key": "objective", "label": "Why?"}]}


# fmt: off
OPERATIONS: dict[str, Operation] = {
    "me": Operation(),
    "list_staff": Operation(expect=API_STAFF_ONLY),
    "get_staff": Operation(lambda w: {"staff_id": w.dan.pk}, API_STAFF_ONLY),
    "invite_staff": Operation(expect=API_ADMIN_ONLY, body=lambda w: {
        "email": "new.designer@northwind.test", "name": "New Designer",
        "staff_role": "creative", "disciplines": ["design"]}),
    "update_staff": Operation(lambda w: {"staff_id": w.dan.pk}, API_ADMIN_ONLY,
                              body=lambda w: {"job_title": "Lead designer"}),
    "resend_invitation": Operation(lambda w: {"staff_id": w.dan.pk}, API_ADMIN_ONLY,
                                   prepare=_dan_never_set_a_password),
    "list_tokens": Operation(),
    "create_token": Operation(body=lambda w: {"name": "matrix"}),
    "revoke_token": Operation(lambda w: {"token_id": w.erin_token_id},
                              api_signed_in("404", erin=OK)),
    "list_clients": Operation(),
    "get_client": Operation(_acme, API_ACME_VIEWERS),
    "create_client": Operation(expect=api_signed_in("403", erin=OK, alice=OK, max=OK),
                               body=lambda w: {"name": "Matrix Motors"}),
    "update_client": Operation(_acme, API_ACME_MANAGERS, body=lambda w: {"industry": "Food"}),
    "archive_client": Operation(_acme, API_ACME_MANAGERS),
    "restore_client": Operation(_acme, API_ACME_MANAGERS, prepare=_archive_acme),
    "update_brand": Operation(_acme, API_ACME_MANAGERS,
                              body=lambda w: {"voice_and_tone": "Friendly."}),
    "list_contacts": Operation(_acme, API_ACME_VIEWERS),
    "invite_contact": Operation(_acme, API_ACME_MANAGERS, body=lambda w: {
        "email": "new.person@acme.test", "name": "New Person", "role": "viewer"}),
    "update_contact": Operation(lambda w: {"client_id": w.acme.pk,
                                           "contact_id": w.ray_contact_id},
                                API_ACME_MANAGERS, body=lambda w: {"role": "viewer"}),
    "remove_contact": Operation(lambda w: {"client_id": w.acme.pk,
                                           "contact_id": w.ray_contact_id}, API_ACME_MANAGERS),
    "list_team": Operation(_acme, {**API_ACME_VIEWERS, "carol": "403", "ray": "403"}),
    "add_team_member": Operation(_acme, API_ACME_MANAGERS,
                                 body=lambda w: {"user_id": w.sam.pk}),
    "remove_team_member": Operation(lambda w: {"client_id": w.acme.pk, "user_id": w.dan.pk},
                                    API_ACME_MANAGERS),
    "client_activity": Operation(_acme, API_ACME_VIEWERS),
    "download_client_logo": Operation(_acme, API_ACME_VIEWERS),
    # Intake: requests
    "list_requests": Operation(expect=api_signed_in(OK, dan="403", cora="403", sam="403")),
    "get_request": Operation(_request, API_ACME_ACCOUNT_VIEWERS),
    "create_request": Operation(expect=API_ACME_FILERS, body=lambda w: {
        "client_id": w.acme.pk, "title": "Posters", "what": "Posters.", "source": "phone"}),
    "decide_request": Operation(_request, API_ACME_ACCOUNT_MANAGERS, body=lambda w: {
        "decision": "park", "reason": "Not this quarter, sorry: let's revisit it in May."}),
    "reopen_request": Operation(_request, API_ACME_ACCOUNT_MANAGERS, prepare=_park_request),
    "download_attachment": Operation(lambda w: {"attachment_id": _attachment(w).pk},
                                     API_ACME_ACCOUNT_VIEWERS),
    "download_attachment_thumbnail": Operation(_thumbnailed, API_ACME_ACCOUNT_VIEWERS),
    "add_request_attachments": Operation(_request, API_ACME_CONTRIBUTORS, files=lambda w: {
        "attachments": [views_data.pdf_file("stores.pdf")]}),
    # Intake: brief templates
    "list_brief_templates": Operation(),
    "get_brief_template": Operation(lambda w: {"template_id": w.template_id}),
    "create_brief_template": Operation(expect=API_ADMIN_ONLY, body=_template_body("Podcast")),
    "update_brief_template": Operation(lambda w: {"template_id": w.template_id}, API_ADMIN_ONLY,
                                       body=_template_body("Social")),
    # Intake: briefs, each in the state the operation needs (a draft unless prepared)
    "list_briefs": Operation(),
    "get_brief": Operation(_brief, API_ACME_ACCOUNT_VIEWERS, prepare=_signed_off),  # no job
    "create_brief": Operation(expect=API_ACME_FILERS, body=lambda w: {
        "client_id": w.acme.pk, "template_id": w.template_id}),
    "update_brief_answers": Operation(_brief, API_ACME_CONTRIBUTORS,
                                      body=lambda w: {"answers": good_answers(w)}),
    "submit_brief": Operation(_brief, API_ACME_CONTRIBUTORS),
    "download_brief_pdf": Operation(_brief, API_ACME_ACCOUNT_VIEWERS),
    "list_brief_versions": Operation(_brief, API_ACME_ACCOUNT_VIEWERS, prepare=_submitted),
    "compare_brief_versions": Operation(_brief, API_ACME_ACCOUNT_VIEWERS, prepare=_two_versions,
                                        query="?a=1&b=2"),
    "ask_brief_question": Operation(_brief, API_ACME_ACCOUNT_MANAGERS,
                                    body=lambda w: {"text": "Which stores?"}),
    "answer_brief_question": Operation(lambda w: {"question_id": w.acme_question.pk},
                                       API_ACME_ANSWERERS, body=lambda w: {"answer": "Leeds."}),
    "apply_brief_answer": Operation(lambda w: {"question_id": w.acme_question.pk},
                                    API_ACME_ACCOUNT_MANAGERS, prepare=_answered_about_tone,
                                    body=lambda w: {}),
    "propose_brief": Operation(_brief, API_ACME_ACCOUNT_MANAGERS, prepare=_ready_to_propose),
    "sign_off_brief": Operation(_brief, API_ACME_APPROVER, prepare=_proposed,
                                body=lambda w: {"version_number": 1}),
    "request_brief_changes": Operation(_brief, API_ACME_ANSWERERS, prepare=_proposed,
                                       body=lambda w: {"version_number": 1, "note": "Bolder."}),
    "cancel_brief": Operation(_brief, API_ACME_ACCOUNT_MANAGERS, body=lambda w: {}),
    "update_brief_notes": Operation(_brief, API_ACME_ACCOUNT_MANAGERS,
                                    body=lambda w: {"notes": "Carol prefers calls to email."}),
    "convert_brief": Operation(_brief, API_ACME_ACCOUNT_MANAGERS, prepare=_signed_off),
    "intake_queue": Operation(expect=API_INTAKE_DESK),
    # Work
    "get_job": Operation(lambda w: {"job_id": w.acme_job.pk}, API_ACME_JOB_VIEWERS),
    "finish_job": Operation(_job, API_ACME_JOB_MANAGERS),
    "acknowledge_brief_change": Operation(lambda w: {"job_id": w.acme_job.pk},
                                          API_ACME_JOB_MANAGERS, prepare=_brief_changed_in_work),
    # Jobs and job templates
    "list_jobs": Operation(),
    "create_job": Operation(expect=api_signed_in("403", erin=OK, alice=OK, max="404"),
                            body=lambda w: {"client_id": w.acme.pk, "title": "Posters"}),
    "update_job": Operation(_job, API_ACME_JOB_MANAGERS,
                            body=lambda w: {"revision": w.acme_job.revision, "title": "Posters"}),
    "move_job": Operation(_job, API_ACME_JOB_MANAGERS, body=lambda w: {"to": "on_hold",
                                                                   "was": "open"}),
    "list_job_members": Operation(_job, {**API_ACME_JOB_VIEWERS, "carol": "403", "ray": "403"}),
    "add_job_member": Operation(_job, API_ACME_JOB_MANAGERS, body=lambda w: {"user_id": w.sam.pk}),
    "remove_job_member": Operation(lambda w: {"job_id": w.acme_job.pk, "user_id": w.dan.pk},
                                   API_ACME_JOB_MANAGERS),
    "plan_job": Operation(_job, API_ACME_JOB_MANAGERS,
                          body=lambda w: {"template_id": _job_template_id()}),
    "list_job_templates": Operation(expect=API_STAFF_ONLY),
    "get_job_template": Operation(lambda w: {"template_id": _job_template_id()}, API_STAFF_ONLY),
    "create_job_template": Operation(expect=API_ADMIN_ONLY, body=_job_template_body),
    "update_job_template": Operation(
        lambda w: {"template_id": _job_template_id()}, API_ADMIN_ONLY,
        body=lambda w: {**_job_template_body(w), "revision": 1}),
    "deactivate_job_template": Operation(lambda w: {"template_id": _job_template_id()},
                                         API_ADMIN_ONLY),
}

# Acme's work as Dan reaches it: the brief of his job; the other job, its brief and files not.
ACME_WORK_OPERATIONS: list[tuple[str, Operation]] = [
    ("get_brief", Operation(_job_brief, API_ACME_JOB_VIEWERS)),
    ("download_attachment", Operation(_job_file, API_ACME_JOB_VIEWERS)),
    ("get_job", Operation(_other_job, API_ACME_ACCOUNT_VIEWERS)),
    ("get_brief", Operation(_other_job_brief, API_ACME_ACCOUNT_VIEWERS)),
    ("finish_job", Operation(_other_job, API_ACME_ACCOUNT_MANAGERS)),
    ("download_attachment", Operation(_other_job_file, API_ACME_ACCOUNT_VIEWERS)),
    # …while Acme's overview and brand stay his (and Cora's, on Acme's team with no job).
    ("get_client", Operation(_acme, API_ACME_VIEWERS, prepare=_dan_off_every_job)),
    ("download_client_logo", Operation(_acme, API_ACME_VIEWERS, prepare=_dan_off_every_job)),
]
API_TASK_READERS = {**TASK_READERS, "anon": "401"}
OPERATIONS |= {
    "list_job_deliverables": Operation(_work_job, API_ACME_VIEWERS),
    "create_deliverable": Operation(_work_job, API_ACME_MANAGERS,
                                    body=lambda w: {"title": "Poster"}),
    "update_deliverable": Operation(_post, API_ACME_MANAGERS,
                                    body=lambda w: {"base_revision": 1, "title": "Poster"}),
    "move_deliverable": Operation(_post, {**DELIVERABLE_MOVERS, "anon": "401"}, body=lambda w: {
        "to": "in_production", "base_status": "not_started"}),
    "list_job_tasks": Operation(_work_job, API_TASK_READERS),
    "get_task": Operation(_dan_task, API_TASK_READERS),
    "create_task": Operation(_work_job, {**TASK_PLANNERS, "anon": "401"},
                             body=lambda w: {"title": "Storyboard"}),
    "update_task": Operation(_dan_task, {**TASK_PLANNERS, "anon": "401"},
                             body=lambda w: {"base_revision": 1, "estimate_hours": "2"}),
    "assign_task": Operation(_dan_task, {**TASK_PLANNERS, "anon": "401"},
                             body=lambda w: {"assignee_id": None, "base_revision": 1}),
    "set_task_dependency": Operation(_dan_task, {**TASK_PLANNERS, "anon": "401"},
                                     body=lambda w: {"depends_on_id": None, "base_revision": 1}),
    "move_task": Operation(_dan_task, {**DANS_TASK, "anon": "401"},
                           body=lambda w: {"to": "doing", "base_status": "todo"}),
    "add_checklist_item": Operation(_dan_task, {**DANS_TASK, "anon": "401"},
                                    body=lambda w: {"text": "Crop for stories"}),
    "tick_checklist_item": Operation(_dan_item, {**DANS_TASK, "anon": "401"},
                                     body=lambda w: {"done": True}),
    "remove_checklist_item": Operation(_dan_item, {**DANS_TASK, "anon": "401"}),
    # Capacity
    "workload": Operation(expect=API_STAFF_ONLY),
    "task_candidates": Operation(expect={**API_ACME_MANAGERS, "gus": "403"},
                                 prepare=_creatives_on_the_job, query=lambda w: "?" + "&".join(
        f"{k}={v}" for k, v in _candidates_query(w).items())),
    "list_time_off": Operation(expect=API_STAFF_ONLY),
    "record_time_off": Operation(expect=API_STAFF_ONLY, body=lambda w: {
        "starts_on": "2030-02-04", "ends_on": "2030-02-05", "kind": "training"}),
    "delete_time_off": Operation(_dans_time_off, {**API_STAFF_ONLY, "cora": "404", "sam": "404"}),
    "list_public_holidays": Operation(expect=API_STAFF_ONLY),
    "add_public_holiday": Operation(expect=API_ADMIN_ONLY,
                                    body=lambda w: {"on": "2030-05-06", "name": "May Day"}),
    "remove_public_holiday": Operation(_a_holiday, API_ADMIN_ONLY),
    "set_weekly_hours": Operation(lambda w: {"staff_id": w.dan.pk}, API_ADMIN_ONLY,
                                  body=lambda w: {"weekly_hours": 30}),
}
# fmt: on


# --- Job board, timeline and overview (issue 9) ------------------------------------------
# On Acme's job: Dan is on its team with a task; Cora (on Acme's team, not on this job) and
# the contacts never see the board, the timeline or the overview (404).


def _board_job(w: Any) -> Any:
    """Dan on the Acme job's team, with a task of his and a deliverable (made once)."""
    from accord.work.models import Deliverable, JobMember, Task

    if not hasattr(w, "board_task"):
        JobMember.objects.get_or_create(job=w.acme_job, user=w.dan)
        w.board_task = Task.objects.create(job=w.acme_job, title="Shoot", assignee=w.dan)
        w.board_deliverable = Deliverable.objects.create(job=w.acme_job, title="Post")
    return w.acme_job


def _board(w: Any) -> dict[str, Any]:
    return {"job_id": _board_job(w).pk}


def _board_task(w: Any) -> dict[str, Any]:
    return {"job_id": _board_job(w).pk, "task_id": w.board_task.pk}


def _board_deliverable(w: Any) -> dict[str, Any]:
    return {"job_id": _board_job(w).pk, "deliverable_id": w.board_deliverable.pk}


def on_the_board() -> dict[str, str]:
    return signed_in("404", erin=OK, alice=OK, dan=OK)


AM_DESK = signed_in("403", erin=OK, alice=OK, max=OK)

# fmt: off
PAGES += [
    Route("work:board", kwargs=_board, expect=on_the_board()),
    Route("work:board_move_task", "post", kwargs=_board_task, expect=on_the_board(),
          data={"to": "doing", "base_status": "todo"}),
    Route("work:board_move_deliverable", "post", kwargs=_board_deliverable,
          expect=on_the_board(), data={"to": "in_production", "base_status": "not_started"}),
    Route("work:timeline", kwargs=_board, expect=on_the_board()),
    Route("work:job_overview", kwargs=_board, expect={**on_the_board(), "dan": "403"}),
    Route("work:overview", expect=AM_DESK),
    # Sam has a task on Globex's job, so its board is his to see; Cora (team only) is not.
    Route("work:board", kwargs=lambda w: {"job_id": w.globex_job.pk},
          expect=signed_in("404", erin=OK, max=OK, sam=OK)),
]
OPERATIONS.update({
    "get_job_board": Operation(_board, {**on_the_board(), "anon": "401"}),
    "get_job_timeline": Operation(_board, {**on_the_board(), "anon": "401"}),
    "get_job_overview": Operation(_board, {**on_the_board(), "dan": "403", "anon": "401"}),
    "get_work_overview": Operation(expect={**AM_DESK, "anon": "401"}),
})
GLOBEX_OPERATIONS += [
    ("get_job_board", Operation(lambda w: {"job_id": w.globex_job.pk},
                                api_signed_in("404", erin=OK, max=OK, sam=OK))),
]
# fmt: on


def _success_status(operation_id: str) -> str:
    """The 2xx status the operation's OpenAPI declares; of several (a brief's PDF: 200 when
    ready, 202 while the worker prepares it), the first, as the test worker runs tasks at once."""
    for methods in api.get_openapi_schema()["paths"].values():
        for spec in methods.values():
            if spec["operationId"] == operation_id:
                return min(str(code) for code in spec["responses"] if 200 <= int(code) < 300)
    raise LookupError(operation_id)


def _schema_operations() -> dict[str, tuple[str, str]]:
    schema = api.get_openapi_schema()
    found = {}
    for path, methods in schema["paths"].items():
        for method, spec in methods.items():
            found[spec["operationId"]] = (method, path)
    return found


def test_every_api_operation_is_in_the_matrix() -> None:
    served = set(_schema_operations())
    assert served - set(OPERATIONS) == set(), "add these operations to the access matrix"
    assert set(OPERATIONS) - served == set(), "these matrix operations no longer exist"


# Parametrized at the end of the module, once every table (and each app's part) is complete.
def test_api_access(operation_id: str, matrix_world: World) -> None:
    _check_operation(operation_id, OPERATIONS[operation_id], matrix_world)


@pytest.mark.parametrize(
    ("operation_id", "operation"), GLOBEX_OPERATIONS, ids=[o for o, _ in GLOBEX_OPERATIONS]
)
def test_api_access_to_globex(operation_id: str, operation: Operation, matrix_world: World) -> None:
    _check_operation(operation_id, operation, matrix_world)


@pytest.mark.parametrize(
    ("operation_id", "operation"),
    ACME_WORK_OPERATIONS,
    ids=[f"{o}{n}" for n, (o, _) in enumerate(ACME_WORK_OPERATIONS)],
)
def test_api_access_to_acme_work(
    operation_id: str, operation: Operation, matrix_world: World
) -> None:
    _check_operation(operation_id, operation, matrix_world)


def _check_operation(operation_id: str, operation: Operation, matrix_world: World) -> None:
    method, template = _schema_operations()[operation_id]
    path = "/api/v1" + template.removeprefix("/api/v1").format(**operation.path(matrix_world))
    path += operation.query(matrix_world) if callable(operation.query) else operation.query
    tokens = {
        persona: people.create_api_token(user=matrix_world.persona(persona), name="matrix")[1]
        for persona in PERSONAS
    }
    body = operation.body(matrix_world) if operation.body else None
    seen: dict[str, str] = {}
    for persona in EVERYONE:
        headers = {} if persona == "anon" else {"Authorization": f"Bearer {tokens[persona]}"}
        http = HttpClient()
        with transaction.atomic():
            operation.prepare(matrix_world)
            if operation.files is not None:
                response = http.post(path, data=operation.files(matrix_world), headers=headers)
            else:
                response = http.generic(
                    method.upper(),
                    path,
                    data=json.dumps(body) if body is not None else "",
                    content_type="application/json",
                    headers=headers,
                )
            transaction.set_rollback(True)
        seen[persona] = str(response.status_code)
    success = _success_status(operation_id)
    assert seen == {who: success if code == OK else code for who, code in operation.expect.items()}


# --- My work: tasks, timer, time, calendar feed, notifications ---------------------------------
# A job of Acme's with a task of Dan's (so Dan is on it; Cora and Sam are not), an entry and a
# calendar feed of Dan's, and a notification for Dan. Time is staff only (contacts: 403); a
# person's own entries, feeds and notifications are 404 to anyone else.


def _add_my_work(w: Any) -> None:
    from accord.core.notify import notify
    from accord.work.models import Task, TimeEntry
    from accord.work.services import calendar

    w.mywork_job = Job.objects.create(client=w.acme, title="Matrix work", owner=w.alice)
    w.dan_mywork_task = Task.objects.create(job=w.mywork_job, title="Key visual", assignee=w.dan)
    w.dan_entry = TimeEntry.objects.create(
        user=w.dan, job=w.mywork_job, task=w.dan_mywork_task, on=timezone.localdate(), hours=1
    )
    made = calendar.create_feed(by=w.dan)
    w.dan_feed, w.dan_feed_token = made.feed, made.token
    w.dan_notification = notify(
        people=[w.dan], kind="task.assigned", text="Hello", url="/", email=False
    )[0]


def _timers_running(w: Any) -> None:
    from accord.work.models import TimeEntry

    started = timezone.now() - timezone.timedelta(minutes=5)
    TimeEntry.objects.bulk_create(
        TimeEntry(
            user=w.persona(name), job=w.mywork_job, on=timezone.localdate(), started_at=started
        )
        for name in STAFF
    )


def _dan_mywork_task(w: Any) -> dict[str, Any]:
    return {"task_id": w.dan_mywork_task.pk}


def _dan_entry(w: Any) -> dict[str, Any]:
    return {"entry_id": w.dan_entry.pk}


def _entry_body(w: Any) -> dict[str, Any]:
    from accord.work.services.time import version_of

    return {
        "version": version_of(w.dan_entry),
        "on": timezone.localdate().isoformat(),
        "hours": "2",
        "billable": True,
    }


def _dans_own() -> dict[str, str]:
    """Dan's own thing: Dan, and nobody else (404; contacts: 403, time is not theirs)."""
    return signed_in("404", dan=OK, carol="403", ray="403", gus="403")


def _on_dans_job() -> dict[str, str]:
    """Acme's account side and Dan (on the job); other staff 404; contacts 403."""
    return signed_in("404", erin=OK, alice=OK, dan=OK, carol="403", ray="403", gus="403")


# fmt: off
PAGES += [
    Route("work:my_work", expect=staff_only()),
    Route("work:timer_start", "post", kwargs=_dan_mywork_task, expect=_on_dans_job()),
    Route("work:timer_stop", "post", expect=staff_only(), prepare=_timers_running),
    # Max, Cora and Sam cannot choose a job they are not on: the form refuses it (422).
    Route("work:time_log", "post", expect={**_on_dans_job(), "max": "422", "cora": "422",
                                           "sam": "422"},
          data=lambda w: {"on": timezone.localdate().isoformat(), "hours": "1",
                          "job": w.mywork_job.pk, "billable": "on"}),
    Route("work:time_edit", kwargs=_dan_entry, expect=_dans_own()),
    # The form posts the entry's version as read; without it, Dan's delete is a conflict.
    Route("work:time_delete", "post", kwargs=_dan_entry, expect={**_dans_own(), "dan": "409"}),
    Route("work:calendar_feed_create", "post", expect=staff_only(), ok="201"),
    Route("work:calendar_feed_revoke", "post", kwargs=lambda w: {"feed_id": w.dan_feed.pk},
          expect=_dans_own()),
    # The token in the address is the key: no sign-in; an unknown token is 404 for anyone.
    Route("work:calendar_ics", kwargs=lambda w: {"token": w.dan_feed_token},
          expect=everyone_ok()),
    Route("work:calendar_ics", kwargs=lambda w: {"token": "cal_unknown"},
          expect=outcome(default="404")),
    Route("notifications:list", expect=signed_in(OK)),
    Route("notifications:open", kwargs=lambda w: {"notification_id": w.dan_notification.pk},
          expect=signed_in("404", dan=OK), ok="302"),
    Route("notifications:read", "post",
          kwargs=lambda w: {"notification_id": w.dan_notification.pk},
          expect=signed_in("404", dan=OK)),
    Route("notifications:read_all", "post", expect=signed_in(OK)),
]

API_ON_DANS_JOB = {**_on_dans_job(), "anon": "401"}
API_DANS_OWN = {**_dans_own(), "anon": "401"}
OPERATIONS.update({
    "my_work": Operation(expect=API_STAFF_ONLY),
    "list_time_entries": Operation(expect=API_STAFF_ONLY),
    "list_job_time_entries": Operation(lambda w: {"job_id": w.mywork_job.pk},
                                       {**API_ON_DANS_JOB, "dan": "403"}),
    "create_time_entry": Operation(expect=API_ON_DANS_JOB, body=lambda w: {
        "job_id": w.mywork_job.pk, "on": timezone.localdate().isoformat(), "hours": 1}),
    "update_time_entry": Operation(_dan_entry, API_DANS_OWN, body=_entry_body),
    "delete_time_entry": Operation(_dan_entry, {**API_DANS_OWN, "dan": "409"},
                                   query="?version=not-as-read"),
    "start_timer": Operation(expect=API_ON_DANS_JOB,
                             body=lambda w: {"task_id": w.dan_mywork_task.pk}),
    "stop_timer": Operation(expect=API_STAFF_ONLY, body=lambda w: {}, prepare=_timers_running),
    "create_calendar_feed": Operation(expect=API_STAFF_ONLY),
    "revoke_calendar_feed": Operation(lambda w: {"feed_id": w.dan_feed.pk}, API_DANS_OWN),
    "list_notifications": Operation(),
    "mark_notifications_read": Operation(),
    "mark_notification_read": Operation(
        lambda w: {"notification_id": w.dan_notification.pk}, api_signed_in("404", dan=OK)),
})
# fmt: on


# --- Parity: a page and an API operation doing the same thing refuse the same people alike ---

# (page route name, API operation id) on the same Acme object; every refusal (403, 404) one of
# them gives a signed-in persona, the other gives too, with the same status.
SAME_SITUATION = [
    ("accounts:team", "list_staff"),
    ("accounts:staff_detail", "get_staff"),
    ("accounts:staff_invite", "invite_staff"),
    ("accounts:staff_edit", "update_staff"),
    ("accounts:staff_resend_invitation", "resend_invitation"),
    ("accounts:token_revoke", "revoke_token"),
    ("clients:create", "create_client"),
    ("clients:edit", "update_client"),
    ("clients:archive", "archive_client"),
    ("clients:restore", "restore_client"),
    ("clients:brand", "update_brand"),
    ("clients:logo", "download_client_logo"),
    ("clients:team_remove", "remove_team_member"),
    ("clients:contacts", "invite_contact"),
    ("clients:contact_edit", "update_contact"),
    ("clients:contact_remove", "remove_contact"),
    ("clients:activity", "client_activity"),
    ("intake:queue", "intake_queue"),
    ("intake:request_list", "list_requests"),
    ("intake:request_detail", "get_request"),
    ("intake:request_decide", "decide_request"),
    ("intake:request_reopen", "reopen_request"),
    ("intake:attachment", "download_attachment"),
    ("intake:attachment_thumbnail", "download_attachment_thumbnail"),
    ("intake:request_attach", "add_request_attachments"),
    ("intake:brief_edit", "update_brief_answers"),
    ("intake:brief_submit", "submit_brief"),
    ("intake:brief_ask", "ask_brief_question"),
    ("intake:question_answer", "answer_brief_question"),
    ("intake:question_apply", "apply_brief_answer"),
    ("intake:brief_propose", "propose_brief"),
    ("intake:brief_request_changes", "request_brief_changes"),
    ("intake:brief_versions", "list_brief_versions"),
    ("intake:brief_pdf", "download_brief_pdf"),
    ("intake:brief_notes", "update_brief_notes"),
    ("intake:brief_cancel", "cancel_brief"),
    ("intake:template_create", "create_brief_template"),
    ("intake:template_edit", "update_brief_template"),
    ("work:start_job", "convert_brief"),
    ("work:job_detail", "get_job"),
    ("work:finish_job", "finish_job"),
    ("work:acknowledge_brief_change", "acknowledge_brief_change"),
    ("work:job_list", "list_jobs"),
    ("work:job_edit", "update_job"),
    ("work:job_move", "move_job"),
    ("work:job_member_add", "add_job_member"),
    ("work:job_member_remove", "remove_job_member"),
    ("work:job_plan", "plan_job"),
    ("work:job_template_list", "list_job_templates"),
    ("work:job_template_detail", "get_job_template"),
    ("work:job_template_create", "create_job_template"),
    ("work:job_template_edit", "update_job_template"),
    ("work:job_template_deactivate", "deactivate_job_template"),
    ("work:deliverable_add", "create_deliverable"),
    ("work:deliverable_edit", "update_deliverable"),
    ("work:deliverable_move", "move_deliverable"),
    ("work:task_add", "create_task"),
    ("work:task_detail", "get_task"),
    ("work:task_edit", "update_task"),
    ("work:task_assign", "assign_task"),
    ("work:task_dependency", "set_task_dependency"),
    ("work:task_move", "move_task"),
    ("work:checklist_add", "add_checklist_item"),
    ("work:checklist_tick", "tick_checklist_item"),
    ("work:checklist_remove", "remove_checklist_item"),
    ("work:workload", "workload"),
    ("work:candidates", "task_candidates"),
    ("work:time_off", "list_time_off"),
    ("work:time_off_delete", "delete_time_off"),
    ("work:holidays", "add_public_holiday"),
    ("work:holiday_delete", "remove_public_holiday"),
    ("work:my_work", "my_work"),
    ("work:timer_start", "start_timer"),
    ("work:timer_stop", "stop_timer"),
    ("work:time_edit", "update_time_entry"),
    ("work:time_delete", "delete_time_entry"),
    ("work:calendar_feed_create", "create_calendar_feed"),
    ("work:calendar_feed_revoke", "revoke_calendar_feed"),
    ("notifications:list", "list_notifications"),
    ("notifications:read", "mark_notification_read"),
    ("notifications:read_all", "mark_notifications_read"),
]
SAME_SITUATION += [
    ("work:board", "get_job_board"),
    ("work:timeline", "get_job_timeline"),
    ("work:job_overview", "get_job_overview"),
    ("work:overview", "get_work_overview"),
]
REFUSALS = {"403", "404"}

import tests.core.matrix_notifications  # noqa: E402 - and so does this
import tests.core.matrix_search  # noqa: E402 - and so does this
import tests.reviews.matrix_compare  # noqa: E402 - and so does this
import tests.reviews.matrix_waiting  # noqa: E402, F401 - and so does this
from tests.conversations.matrix import add_conversations  # noqa: E402 - and so does this
from tests.insights.matrix import add_insights  # noqa: E402 - and so does this
from tests.reviews.matrix import add_reviews  # noqa: E402 - extends the tables above
from tests.reviews.matrix_pages import add_review_pages  # noqa: E402 - and so does this


def _first_route(name: str) -> Route:
    return next(route for route in PAGES if route.name == name)


@pytest.mark.parametrize(("page", "operation_id"), SAME_SITUATION)
def test_a_page_and_its_api_operation_refuse_alike(page: str, operation_id: str) -> None:
    on_page = _first_route(page).expect
    in_api = OPERATIONS[operation_id].expect
    differing = {
        persona: (on_page[persona], in_api[persona])
        for persona in PERSONAS
        if REFUSALS & {on_page[persona], in_api[persona]} and on_page[persona] != in_api[persona]
    }
    assert differing == {}


# Every operation, including those the tables after `test_api_access` and the apps' parts add:
# parametrized where it is defined, the list would stop at the operations declared before it.
pytest.mark.parametrize("operation_id", sorted(OPERATIONS))(test_api_access)
