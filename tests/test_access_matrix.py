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
from accord.work.models import Job
from accord.work.services import start_job_from_brief
from tests.api.intake_data import advance, brief_at, good_answers, social_template
from tests.conftest import PERSONAS, World
from tests.intake import view_helpers as views_data

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
    data: dict[str, Any] = field(default_factory=dict)
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
    return world


def _add_intake(w: Any) -> None:
    """Acme's intake: a new request; a fully answered draft brief with an open question
    (`prepare` hooks move it on inside each savepoint); and a job from a signed-off brief."""
    w.acme_request = Request.objects.create(client=w.acme, title="Leaflets", what="Leaflets.")
    w.acme_brief = brief_at(w, "draft")
    w.acme_question = intake.ask_question(by=w.alice, brief=w.acme_brief, text="Which stores?")
    w.acme_job = start_job_from_brief(by=w.alice, brief=brief_at(w, "signed_off", title="Done"))
    # The job's brief came from a request with a file: Acme's creatives open it (on the job).
    w.acme_job_request = Request.objects.create(
        client=w.acme, title="Done", what="Done.", status=Request.Status.IN_WORK
    )
    Brief.objects.filter(pk=w.acme_job.brief_id).update(request=w.acme_job_request)
    w.template_id = social_template().pk
    g = w.globex
    w.globex_request = Request.objects.create(client=g, title="Leaflets", what="Leaflets.")
    w.globex_draft = views_data.draft_brief(w, client=g)
    w.globex_proposed = views_data.proposed_brief(w, client=g, title="Autumn")
    w.globex_signed = views_data.signed_brief(w, client=g, title="Winter")
    w.globex_job = views_data.job_of(w, client=g, title="Done")


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
        return http.get(url)
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
            response = _call(http, route.method, url, route.data)
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
    query: str = ""
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


def _thumbnailed(w: Any) -> dict[str, Any]:
    attachment = _attachment(w)
    attachment.thumbnail.save("thumb.png", ContentFile(_png()), save=False)
    attachment.thumbnail_state = attachment.Thumbnail.READY
    attachment.save(update_fields=["thumbnail", "thumbnail_state"])
    return {"attachment_id": attachment.pk}


def _job(w: Any) -> dict[str, Any]:
    return {"job_id": w.acme_job.pk}


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
    Route("intake:attachment", kwargs=_job_file, expect=acme_viewers()),
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
    Route("work:start_job", "post", kwargs=_brief, expect=acme_managers(),
          prepare=_signed_off),
    Route("intake:brief_notes", "post", kwargs=_brief, expect=acme_account_managers(),
          data={"notes": "Carol prefers calls to email."}),
    Route("intake:brief_cancel", "post", kwargs=_brief, expect=acme_account_managers()),
    Route("intake:template_list", expect=admin_only_staff()),
    Route("intake:template_create", expect=admin_only_staff()),
    Route("intake:template_edit", kwargs=lambda w: {"template_id": w.template_id},
          expect=admin_only_staff()),
    Route("work:job_detail", kwargs=lambda w: {"job_id": w.acme_job.pk}, expect=acme_viewers()),
    Route("work:finish_job", "post", kwargs=_job, expect=acme_managers()),
    Route("work:acknowledge_brief_change", "post", kwargs=lambda w: {"job_id": w.acme_job.pk},
          expect=acme_managers(), prepare=_brief_changed_in_work),
]
# fmt: on


# Globex's objects: Max runs Globex, Cora and Sam are on its team, Gus approves for it; Alice,
# Dan, Carol and Ray must not even learn they exist (404).
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
    Route("intake:brief_detail", kwargs=_g_signed, expect=globex_viewers()),
    Route("work:start_job", "post", kwargs=_g_signed, expect=globex_managers()),
    Route("work:job_detail", kwargs=lambda w: {"job_id": w.globex_job.pk},
          expect=globex_viewers()),
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
    ("convert_brief", Operation(_g_signed, API_GLOBEX_MANAGERS)),
    ("get_job", Operation(lambda w: {"job_id": w.globex_job.pk}, API_GLOBEX_VIEWERS)),
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
    "get_brief": Operation(_brief, API_ACME_VIEWERS, prepare=_signed_off),
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
    "convert_brief": Operation(_brief, API_ACME_MANAGERS, prepare=_signed_off),
    "intake_queue": Operation(expect=API_INTAKE_DESK),
    # Work
    "get_job": Operation(lambda w: {"job_id": w.acme_job.pk}, API_ACME_VIEWERS),
    "finish_job": Operation(_job, API_ACME_MANAGERS),
    "acknowledge_brief_change": Operation(lambda w: {"job_id": w.acme_job.pk}, API_ACME_MANAGERS,
                                          prepare=_brief_changed_in_work),
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
    Route("work:board", kwargs=lambda w: {"job_id": w.globex_job.pk},
          expect=signed_in("404", erin=OK, max=OK)),
]
OPERATIONS.update({
    "get_job_board": Operation(_board, {**on_the_board(), "anon": "401"}),
    "get_job_timeline": Operation(_board, {**on_the_board(), "anon": "401"}),
    "get_job_overview": Operation(_board, {**on_the_board(), "dan": "403", "anon": "401"}),
    "get_work_overview": Operation(expect={**AM_DESK, "anon": "401"}),
})
GLOBEX_OPERATIONS += [
    ("get_job_board", Operation(lambda w: {"job_id": w.globex_job.pk},
                                api_signed_in("404", erin=OK, max=OK))),
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


@pytest.mark.parametrize("operation_id", sorted(OPERATIONS))
def test_api_access(operation_id: str, matrix_world: World) -> None:
    _check_operation(operation_id, OPERATIONS[operation_id], matrix_world)


@pytest.mark.parametrize(
    ("operation_id", "operation"), GLOBEX_OPERATIONS, ids=[o for o, _ in GLOBEX_OPERATIONS]
)
def test_api_access_to_globex(operation_id: str, operation: Operation, matrix_world: World) -> None:
    _check_operation(operation_id, operation, matrix_world)


def _check_operation(operation_id: str, operation: Operation, matrix_world: World) -> None:
    method, template = _schema_operations()[operation_id]
    path = "/api/v1" + template.removeprefix("/api/v1").format(**operation.path(matrix_world))
    path += operation.query
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
]
SAME_SITUATION += [
    ("work:board", "get_job_board"),
    ("work:timeline", "get_job_timeline"),
    ("work:job_overview", "get_job_overview"),
    ("work:overview", "get_work_overview"),
]
REFUSALS = {"403", "404"}


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
