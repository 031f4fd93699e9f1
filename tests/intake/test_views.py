"""Intake pages: the queue, requests and their attachments, templates, navigation and homes."""

from datetime import timedelta

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from django.utils import timezone

from accord.accounts.models import User
from accord.clients.models import Client, Contact
from accord.core.policy import ContactRole, Kind
from accord.intake import services
from accord.intake.models import Attachment, BriefTemplate, Request
from tests.intake.view_helpers import (
    EXE,
    draft_brief,
    job_of,
    new_request,
    pdf_file,
    signed_brief,
    submitted_brief,
    url,
)

# --- The intake queue ---------------------------------------------------------------------


@pytest.mark.parametrize(
    ("persona", "status"),
    [
        ("erin", 200),
        ("alice", 200),
        ("max", 200),
        ("dan", 403),
        ("cora", 403),
        ("sam", 403),
        ("carol", 403),  # as the API answers them
        ("ray", 403),
        ("gus", 403),
    ],
)
def test_queue_is_for_admins_and_account_managers(client, world, persona, status):
    client.force_login(world.persona(persona))
    assert client.get(url("queue")).status_code == status


def test_queue_needs_sign_in(client, db):
    response = client.get(url("queue"))
    assert response.status_code == 302
    assert response["Location"].startswith(reverse("accounts:login"))


def test_queue_shows_each_section_oldest_first_with_counts(client, world):
    older = new_request(world, title="Older request")
    Request.objects.filter(pk=older.pk).update(created_at=timezone.now() - timedelta(days=3))
    new_request(world, title="Newer request")
    new_request(world, title="Globex request", client=world.globex)
    waiting = draft_brief(world, title="Brief waiting on Acme")
    waiting.__class__.objects.filter(pk=waiting.pk).update(waiting_on="client")
    submitted_brief(world, title="Brief to propose")
    signed_brief(world, title="Brief to start")
    client.force_login(world.alice)
    page = client.get(url("queue")).text
    for heading in [
        "New requests",
        "Waiting on the client",
        "Ready for sign-off",
        "Signed off, ready to start",
    ]:
        assert heading in page
    assert page.index("Older request") < page.index("Newer request")
    assert "3\xa0days" in page
    assert "Globex request" not in page  # Max's client
    assert "Brief waiting on Acme" in page
    assert "Brief to propose" in page
    assert "Brief to start" in page
    assert f"{url('request_list')}?status=new" in page
    assert 'New requests <span class="badge">2</span>' in page


def test_queue_queries_do_not_grow(client, world, django_assert_max_num_queries):
    client.force_login(world.alice)
    new_request(world)
    submitted_brief(world)
    with django_assert_max_num_queries(12):
        client.get(url("queue"))
    for i in range(12):
        new_request(world, title=f"Request {i}")
        submitted_brief(world, title=f"Brief {i}")
        draft_brief(world, title=f"Draft {i}")
    with django_assert_max_num_queries(12):
        response = client.get(url("queue"))
    # Oldest first, ten a section on the page; "See all" leads to the rest.
    assert "Request 8" in response.text
    assert "Request 11" not in response.text
    assert "See all" in response.text


# --- Requests: who sees them --------------------------------------------------------------


@pytest.mark.parametrize(
    ("persona", "status", "sees"),
    [
        ("erin", 200, True),
        ("alice", 200, True),
        ("max", 200, False),
        ("dan", 403, False),  # as the API answers them
        ("cora", 403, False),
        ("carol", 200, True),
        ("ray", 200, True),
        ("gus", 200, False),
    ],
)
def test_request_list_by_persona(client, world, persona, status, sees):
    new_request(world, title="Spring launch posts")
    client.force_login(world.persona(persona))
    response = client.get(url("request_list"))
    assert response.status_code == status
    assert ("Spring launch posts" in response.text) is sees


@pytest.mark.parametrize(
    ("persona", "status"),
    [
        ("erin", 200),
        ("alice", 200),
        ("max", 404),
        ("dan", 404),
        ("cora", 404),
        ("sam", 404),
        ("carol", 200),
        ("ray", 200),
        ("gus", 404),
    ],
)
def test_request_detail_and_attachment_by_persona(client, world, persona, status):
    request = new_request(world)
    attachment = request.attachments.get()
    client.force_login(world.persona(persona))
    assert client.get(request.get_absolute_url()).status_code == status
    assert client.get(url("attachment", attachment_id=attachment.pk)).status_code == status


def test_request_list_filters_by_client_and_status(client, world):
    new_request(world, title="Kept")
    declined = new_request(world, title="Declined one")
    services.decide_request(
        by=world.alice,
        request=declined,
        decision="decline",
        reason="Thank you, but this is outside what we do for Acme.",
    )
    client.force_login(world.erin)
    page = client.get(url("request_list"), {"status": "declined", "client": world.acme.pk}).text
    assert "Declined one" in page
    assert "Kept" not in page
    htmx = client.get(url("request_list"), {"status": "new"}, headers={"HX-Request": "true"})
    assert 'id="results"' in htmx.text
    assert "<html" not in htmx.text


def test_request_list_queries_do_not_grow(client, world, django_assert_max_num_queries):
    client.force_login(world.erin)
    new_request(world)
    with django_assert_max_num_queries(8):
        client.get(url("request_list"))
    for i in range(30):
        new_request(world, title=f"Request {i:02d}")
    with django_assert_max_num_queries(8):
        response = client.get(url("request_list"))
    assert "Showing 1\u201325 of 31" in response.text


# --- Filing a request ---------------------------------------------------------------------


def test_carol_files_a_request_with_a_pdf(
    client, world, mailoutbox, django_capture_on_commit_callbacks
):
    client.force_login(world.carol)
    form = client.get(url("request_create")).text
    assert 'enctype="multipart/form-data"' in form
    assert "multiple" in form
    assert 'name="source"' not in form  # the portal records the source itself
    assert 'type="hidden" name="client"' in form  # Carol is a contact of one client only
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(
            url("request_create"),
            {
                "client": world.acme.pk,
                "title": "Spring launch posts",
                "what": "Posts for the plant-based launch.",
                "why": "New range in April.",
                "needed_by": (timezone.localdate() + timedelta(days=40)).isoformat(),
                "attachments": [pdf_file("notes.pdf"), pdf_file("stores.pdf")],
            },
        )
    request = Request.objects.get()
    assert response.status_code == 302
    assert response["Location"] == request.get_absolute_url()
    assert request.source == Request.Source.PORTAL
    assert request.requested_by == world.carol
    assert sorted(a.original_name for a in request.attachments.all()) == [
        "notes.pdf",
        "stores.pdf",
    ]
    assert mailoutbox[-1].to == ["alice@northwind.test"]
    page = client.get(request.get_absolute_url()).text
    assert "notes.pdf" in page
    attachment = request.attachments.get(original_name="notes.pdf")
    download = client.get(url("attachment", attachment_id=attachment.pk))
    assert download.status_code == 200
    assert b"".join(download.streaming_content).startswith(b"%PDF-1.4")
    assert 'attachment; filename="notes.pdf"' in download["Content-Disposition"]
    assert download["X-Content-Type-Options"] == "nosniff"
    assert "private" in download["Cache-Control"]


def test_an_exe_called_pdf_is_refused_naming_the_file_and_keeping_the_text(client, world):
    client.force_login(world.carol)
    response = client.post(
        url("request_create"),
        {
            "client": world.acme.pk,
            "title": "Spring launch posts",
            "what": "Posts for the plant-based launch, with <b>bold</b> ideas.",
            "attachments": [SimpleUploadedFile("invoice.pdf", EXE)],
        },
    )
    assert response.status_code == 422
    page = response.text
    assert "invoice.pdf" in page
    assert "not a file type we accept" in page
    assert 'value="Spring launch posts"' in page
    assert "with &lt;b&gt;bold&lt;/b&gt; ideas." in page
    assert "choose them again" in page
    assert not Request.objects.exists()
    assert not Attachment.objects.exists()


def test_viewers_cannot_file_requests(client, world):
    viewer = User.objects.create_user(
        "vic@acme.test", "x", name="Vic Acme", kind=Kind.CONTACT, staff_role=""
    )
    Contact.objects.create(client=world.acme, user=viewer, role=ContactRole.VIEWER)
    client.force_login(viewer)
    assert client.get(url("request_create")).status_code == 403
    assert client.post(url("request_create"), {"title": "x"}).status_code == 403
    assert client.get(url("request_list")).status_code == 200


def test_creatives_have_no_request_pages(client, world):
    client.force_login(world.dan)
    assert client.get(url("request_create")).status_code == 403


def test_a_contact_of_two_clients_chooses_the_client(client, world):
    Contact.objects.create(client=world.globex, user=world.carol, role=ContactRole.REVIEWER)
    client.force_login(world.carol)
    form = client.get(url("request_create")).text
    assert '<select name="client"' in form
    assert "Globex Bank" in form
    response = client.post(
        url("request_create"),
        {"client": world.globex.pk, "title": "Savings ads", "what": "Three display ads."},
    )
    assert response.status_code == 302
    assert Request.objects.get().client == world.globex


def test_alice_logs_a_phone_request_on_carols_behalf(client, world):
    carol_contact = Contact.objects.get(client=world.acme, user=world.carol)
    client.force_login(world.alice)
    form = client.get(url("request_create")).text
    assert "Log a request" in form
    assert "Carol Acme" in form
    assert "Gus" not in form  # Max's client's contacts are not offered
    response = client.post(
        url("request_create"),
        {
            "client": world.acme.pk,
            "source": "phone",
            "requested_by": carol_contact.pk,
            "title": "Summer menu flyer",
            "what": "An A5 flyer for the summer menu.",
        },
    )
    assert response.status_code == 302
    request = Request.objects.get()
    assert request.source == Request.Source.PHONE
    assert request.requested_by == world.carol
    assert request.logged_by == world.alice


def test_logging_a_request_needs_a_source_and_keeps_the_text(client, world):
    client.force_login(world.alice)
    response = client.post(
        url("request_create"),
        {"client": world.acme.pk, "title": "Summer menu flyer", "what": "An A5 flyer."},
    )
    assert response.status_code == 422
    assert 'value="Summer menu flyer"' in response.text
    assert "This field is required" in response.text


def test_alice_cannot_log_a_request_for_globex(client, world):
    client.force_login(world.alice)
    response = client.post(
        url("request_create"),
        {"client": world.globex.pk, "source": "email", "title": "x", "what": "y"},
    )
    assert response.status_code == 422  # not among her choices
    assert not Request.objects.exists()


# --- Deciding a request -------------------------------------------------------------------


def test_declining_needs_a_courteous_reason_and_the_client_reads_it(client, world):
    request = new_request(world)
    client.force_login(world.alice)
    page = client.get(request.get_absolute_url()).text
    assert "Start a brief" in page
    assert "placeholder=" in page
    short = client.post(
        url("request_decide", request_id=request.pk), {"decision": "decline", "reason": "No."}
    )
    assert short.status_code == 422
    assert "courteous reason" in short.text
    assert "No.</textarea>" in short.text
    reason = "Thank you for thinking of us. We can't take this on before the summer campaign."
    done = client.post(
        url("request_decide", request_id=request.pk), {"decision": "decline", "reason": reason}
    )
    assert done.status_code == 302
    client.force_login(world.carol)
    page = client.get(request.get_absolute_url()).text
    assert "Why we declined it" in page
    assert "We can&#x27;t take this on" in page
    assert "Reopen" not in page


def test_carol_cannot_decide_or_reopen(client, world):
    request = new_request(world)
    client.force_login(world.carol)
    assert (
        client.post(
            url("request_decide", request_id=request.pk),
            {"decision": "park", "reason": "A reason that is long enough to pass."},
        ).status_code
        == 403
    )
    assert client.post(url("request_reopen", request_id=request.pk)).status_code == 403


def test_reopen_a_parked_request(client, world):
    request = new_request(world)
    services.decide_request(
        by=world.alice,
        request=request,
        decision="park",
        reason="Let's pick this up after the summer campaign, in July.",
    )
    client.force_login(world.alice)
    assert client.post(url("request_reopen", request_id=request.pk)).status_code == 302
    request.refresh_from_db()
    assert request.status == Request.Status.NEW
    again = client.post(url("request_reopen", request_id=request.pk))
    assert again.status_code == 409
    assert "cannot be" in again.text


# --- Brief templates ----------------------------------------------------------------------


@pytest.mark.parametrize(
    ("persona", "status"),
    [("erin", 200), ("alice", 403), ("dan", 403), ("carol", 403), ("gus", 403)],
)
def test_template_pages_are_for_admins(client, world, persona, status):
    template = BriefTemplate.objects.first()
    client.force_login(world.persona(persona))
    assert client.get(url("template_list")).status_code == status
    assert client.get(url("template_create")).status_code == status
    assert client.get(url("template_edit", template_id=template.pk)).status_code == status


def _management(total: int, initial: int = 0) -> dict[str, str]:
    return {
        "questions-TOTAL_FORMS": str(total),
        "questions-INITIAL_FORMS": str(initial),
        "questions-MIN_NUM_FORMS": "0",
        "questions-MAX_NUM_FORMS": "1000",
    }


def test_erin_creates_a_template_with_questions(client, world):
    client.force_login(world.erin)
    data = {
        "name": "Podcast ad",
        "description": "A 30-second read for a podcast host.",
        "min_lead_days": "5",
        "is_active": "on",
        **_management(2),
        "questions-0-section": "The why",
        "questions-0-key": "objective",
        "questions-0-label": "What should it achieve?",
        "questions-0-kind": "long_text",
        "questions-0-required": "on",
        "questions-0-order": "20",
        "questions-1-section": "Practicalities",
        "questions-1-key": "deadline",
        "questions-1-label": "When does it air?",
        "questions-1-kind": "date",
        "questions-1-required": "on",
        "questions-1-order": "10",
    }
    more = client.post(url("template_create"), {**data, "add_question": "1"})
    assert more.status_code == 200
    assert 'name="questions-2-key"' in more.text
    assert 'value="When does it air?"' in more.text
    response = client.post(url("template_create"), data)
    assert response.status_code == 302
    template = BriefTemplate.objects.get(name="Podcast ad")
    assert [q.key for q in template.questions.all()] == ["deadline", "objective"]


def test_a_bad_template_key_is_refused_and_everything_kept(client, world):
    template = BriefTemplate.objects.get(name="Social campaign")
    client.force_login(world.erin)
    page = client.get(url("template_edit", template_id=template.pk)).text
    assert 'name="questions-0-key"' in page
    data = {
        "name": template.name,
        "description": template.description,
        "min_lead_days": str(template.min_lead_days),
        "is_active": "on",
        **_management(1, 1),
        "questions-0-section": "The why",
        "questions-0-key": "Not A Key",
        "questions-0-label": "What should this work achieve?",
        "questions-0-kind": "long_text",
    }
    response = client.post(url("template_edit", template_id=template.pk), data)
    assert response.status_code == 422
    assert "the key must be lower-case" in response.text
    assert 'value="Not A Key"' in response.text
    assert template.questions.count() > 1  # nothing was replaced


# --- Navigation, homes and the client page ------------------------------------------------


def test_navigation_by_role(client, world):
    client.force_login(world.alice)
    page = client.get(reverse("home:index")).text
    for name in ["queue", "request_list", "brief_list"]:
        assert f'href="{url(name)}"' in page
    assert f'href="{url("template_list")}"' not in page
    client.force_login(world.dan)
    page = client.get(reverse("home:index")).text
    assert f'href="{url("brief_list")}"' in page
    assert f'href="{url("queue")}"' not in page
    assert f'href="{url("request_list")}"' not in page
    client.force_login(world.carol)
    page = client.get(reverse("home:index")).text
    assert f'href="{url("request_list")}"' in page
    assert f'href="{url("brief_list")}"' in page
    assert f'href="{url("queue")}"' not in page
    client.force_login(world.erin)
    assert f'href="{url("template_list")}"' in client.get(reverse("home:index")).text


def test_am_home_summarises_intake(client, world):
    old = new_request(world, title="The oldest request")
    Request.objects.filter(pk=old.pk).update(created_at=timezone.now() - timedelta(days=9))
    submitted_brief(world, title="A brief to propose")
    client.force_login(world.alice)
    page = client.get(reverse("home:index")).text
    assert "Open the intake queue" in page
    assert "The oldest request" in page
    assert "A brief to propose" in page
    assert page.index("The oldest request") < page.index("A brief to propose")
    assert '<span class="stat__number">1</span> new request' in page


def test_contact_home_lists_briefs_waiting_on_them(client, world):
    brief = draft_brief(world, title="Fill me in")
    brief.__class__.objects.filter(pk=brief.pk).update(waiting_on="client")
    draft_brief(world, title="Globex brief", client=world.globex)
    client.force_login(world.carol)
    page = client.get(reverse("home:index")).text
    assert "Your answer is needed" in page
    assert "Fill me in" in page
    assert "Globex brief" not in page
    assert f'href="{url("request_create")}"' in page
    assert "No work started yet" in page


def test_home_queries_stay_bounded_with_intake(client, world, django_assert_max_num_queries):
    for i in range(8):
        new_request(world, title=f"Request {i}")
        submitted_brief(world, title=f"Brief {i}")
    for persona in ["erin", "alice", "carol", "dan"]:
        client.force_login(world.persona(persona))
        # Including the bell's unread count, the reviews waiting on the person and Today's
        # sections (a COUNT and a capped read each, conflicting feedback a read alone unless
        # full: see tests/home/test_views.py).
        with django_assert_max_num_queries(27):
            client.get(reverse("home:index"))


def test_client_page_shows_requests_and_briefs_to_those_who_may_see_them(client, world):
    new_request(world, title="Spring launch posts")
    draft_brief(world, title="Unsigned brief")
    signed_brief(world, title="Signed brief")
    job_of(world, title="Brief in work", team=(world.dan,))
    detail = reverse("clients:detail", kwargs={"client_id": world.acme.pk})
    client.force_login(world.alice)
    page = client.get(detail).text
    assert "Requests and briefs" in page
    assert "Spring launch posts" in page
    assert "Unsigned brief" in page
    client.force_login(world.carol)
    page = client.get(detail).text
    assert "Spring launch posts" in page
    assert "Signed brief" in page and "Brief in work" in page
    client.force_login(world.dan)  # on the job of one brief: that one only
    page = client.get(detail).text
    assert "Brief in work" in page
    assert "Signed brief" not in page
    assert "Unsigned brief" not in page
    assert "Spring launch posts" not in page


def test_pages_obey_the_csp(client, world):
    request = new_request(world)
    brief = draft_brief(world)
    client.force_login(world.alice)
    for page_url in [
        url("queue"),
        url("request_list"),
        url("request_create"),
        request.get_absolute_url(),
        url("brief_list"),
        url("brief_create"),
        brief.get_absolute_url(),
        url("brief_edit", brief_id=brief.pk),
    ]:
        page = client.get(page_url).text
        assert "style=" not in page, page_url
        assert "<script>" not in page, page_url
        assert " hx-on" not in page, page_url


def test_archived_clients_are_not_offered(client, world):
    Client.objects.filter(pk=world.acme.pk).update(status="archived")
    client.force_login(world.carol)
    response = client.get(url("request_create"))
    assert response.status_code == 422  # as the API answers a request for an archived client
    assert "Acme Foods is archived, so it takes no new work." in response.text


@pytest.mark.parametrize("adding", [True, False])
@pytest.mark.parametrize("total", ["x", "²", "9" * 5000, ""])
def test_a_garbled_question_count_is_a_clear_400(client, world, adding, total):
    client.force_login(world.erin)
    data = {
        "name": "Podcast ad",
        "min_lead_days": "5",
        **_management(1),
        "questions-TOTAL_FORMS": total,
        "questions-0-key": "objective",
        "questions-0-label": "What should it achieve?",
        "questions-0-kind": "long_text",
    }
    if adding:
        data["add_question"] = "1"
    response = client.post(url("template_create"), data)
    assert response.status_code == 400
    assert "arrived garbled" in response.text
    assert 'value="Podcast ad"' in response.text  # the template's own fields are kept
    assert not BriefTemplate.objects.filter(name="Podcast ad").exists()
