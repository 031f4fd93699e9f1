"""Issue 11's story through the JSON API and a real SMTP session to `accord mail-in`.

Carol replies by email to a notification and it lands in the right thread; Alice relays it to
Dan as to-dos; Dan answers internally; Alice replies to Carol, whose email and API never show
the internal exchange. Alice's Today shows each step as it happens.
"""

import smtplib
import socket
from email.message import EmailMessage

import pytest
from django.test import Client as HttpClient
from django.urls import reverse

from accord.accounts.services import create_api_token
from accord.conversations import mailin
from accord.core.models import OutboundEmail
from accord.work.models import Job, JobMember
from tests.conftest import build_world


def _port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


@pytest.fixture
def w(transactional_db):  # the listener stores mail on its own connection: commit for real
    return build_world()


@pytest.fixture
def listening(w):
    controller = mailin.listener(host="127.0.0.1", port=_port())
    controller.start()
    yield controller.port
    mailin.stop(controller)


def api(person) -> HttpClient:
    _, token = create_api_token(user=person, name="story")
    return HttpClient(headers={"authorization": f"Bearer {token}"})


def today_of(person) -> str:
    http = HttpClient()
    http.force_login(person)
    return http.get(reverse("home:today")).content.decode()


def test_the_story_through_the_api(w, listening):
    job = Job.objects.create(client=w.acme, title="Spring posters", owner=w.alice)
    JobMember.objects.create(job=job, user=w.dan, added_by=w.alice)
    alice, dan, carol = api(w.alice), api(w.dan), api(w.carol)

    started = alice.post(
        "/api/v1/threads",
        {
            "job_id": job.pk,
            "audience": "client",
            "subject": "First look at the spring posters",
            "body": "Hi Carol, the first drafts are ready. Thoughts on the logo?",
            "people": [w.carol.pk],
        },
        content_type="application/json",
    )
    assert started.status_code == 201, started.content
    thread_id = started.json()["id"]

    # Carol answers the notification from her mail program.
    notification = OutboundEmail.objects.filter(to=["carol@acme.test"]).latest("id")
    reply = EmailMessage()
    reply["From"] = "Carol Acme <carol@acme.test>"
    reply["To"] = notification.reply_to
    reply["Subject"] = f"Re: {notification.subject}"
    reply["In-Reply-To"] = notification.message_id
    reply.set_content(
        "Love them! Could the logo be a bit bigger?\n\n"
        "On Tue, 1 Dec 2026 at 10:02, Alice wrote:\n> Hi Carol, the first drafts are ready.\n"
    )
    with smtplib.SMTP("127.0.0.1", listening, timeout=10) as smtp:
        smtp.send_message(reply, from_addr="carol@acme.test", to_addrs=[notification.reply_to])
    messages = alice.get(f"/api/v1/threads/{thread_id}/messages").json()["items"]
    newest = messages[0]
    assert newest["author"]["id"] == w.carol.pk and newest["via"] == "email"
    assert newest["body"] == "Love them! Could the logo be a bit bigger?"
    assert "First look at the spring posters" in today_of(w.alice)

    # Alice relays it to Dan as to-dos.
    relayed = alice.post(
        f"/api/v1/messages/{newest['id']}/relay",
        {
            "body": "Carol likes the drafts and would like the logo larger.",
            "todos": [{"text": "Make the logo 20% bigger", "assignee_id": w.dan.pk}],
        },
        content_type="application/json",
    )
    assert relayed.status_code == 201, relayed.content
    internal_id = relayed.json()["message"]["thread_id"]
    assert [t["assignee"]["id"] for t in relayed.json()["todos"]] == [w.dan.pk]
    assert "Make the logo 20% bigger" in today_of(w.dan)

    # Dan answers in the team's thread.
    answer = dan.post(
        f"/api/v1/threads/{internal_id}/messages",
        {"body": "Done: logo at 120%. The client is being picky!"},
        content_type="application/json",
    )
    assert answer.status_code == 201, answer.content
    assert "From the team" in today_of(w.alice)

    # Alice answers Carol in her own words; Carol's email has none of the team's.
    sent = alice.post(
        f"/api/v1/messages/{answer.json()['id']}/reply",
        {"body": "Hi Carol, the logo is now larger in the new version."},
        content_type="application/json",
    )
    assert sent.status_code == 201, sent.content
    assert sent.json()["thread_id"] == thread_id
    email = OutboundEmail.objects.filter(to=["carol@acme.test"]).latest("id")
    assert "the logo is now larger" in email.text
    assert "picky" not in email.text + email.html and "120%" not in email.text + email.html
    assert "First look at the spring posters" not in today_of(w.alice)

    # Carol's API: her thread, its messages without a trace of the internal side.
    listed = carol.get("/api/v1/threads").json()
    assert [t["id"] for t in listed["items"]] == [thread_id]
    assert carol.get(f"/api/v1/threads/{internal_id}").status_code == 404
    assert carol.get(f"/api/v1/threads/{internal_id}/messages").status_code == 404
    page = carol.get(f"/api/v1/threads/{thread_id}/messages").content.decode()
    assert "picky" not in page and "relayed_from" not in page and "Make the logo" not in page
