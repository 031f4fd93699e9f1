"""The conversations part of the access matrix (tests/test_access_matrix.py imports it).

On Acme's "Done" job (Dan on its team; Cora on Acme's team but not on the job): Carol asked
about the logo in a client thread and later sent a file in it; Alice's internal thread with Dan
holds her relay of Carol's question with a to-do for Dan. Who may do what:
- the client thread: Acme's contacts and its account side (Erin, Alice) read and write; a
  creative does not even see it (404) until the job is opened to its team;
- the internal thread: the agency's people on the job (Erin, Alice, Dan); never a contact (404);
- brokering (relays, replies, the court, the team's voice): Erin and Alice; others who see the
  thing 403; editing a message: its author (others who see it 403);
- Max, Sam and Gus see none of it (404).
An email from Carol to an address Accord does not know waits in the triage queue for Acme:
the queue is the account managers' desk (others 403); the email is for those who run Acme
(others 404). Gus's out-of-office reply in a Globex thread is kept for Globex: only Erin and Max
read it, raw included (Alice 404).
"""

from typing import Any

from tests.reviews.review_data import png
from tests.test_access_matrix import (
    OK,
    OPERATIONS,
    PAGES,
    SAME_SITUATION,
    Operation,
    Route,
    api_signed_in,
    signed_in,
)

CLIENT_SIDE = {"erin": OK, "alice": OK, "carol": OK, "ray": OK}
TEAM = {"erin": OK, "alice": OK, "dan": OK}
MANAGERS = {"erin": OK, "alice": OK}
CLIENT_READERS = signed_in("404", **CLIENT_SIDE)
TEAM_READERS = signed_in("404", **TEAM)
# Brokering a client message: the contacts see it, and are refused.
BROKERS_OF_CLIENT_MESSAGES = signed_in("404", **MANAGERS, carol="403", ray="403")
# Brokering the team's message: Dan sees it, and is refused.
BROKERS_OF_TEAM_MESSAGES = signed_in("404", **MANAGERS, dan="403")
CAROLS_OWN = signed_in("404", erin="403", alice="403", carol=OK, ray="403")
# Starting a client thread on the job: a creative on it sees the job, and is refused.
CLIENT_THREAD_STARTERS = signed_in("404", **CLIENT_SIDE, dan="403")
JOB_READERS = signed_in("404", **CLIENT_SIDE, dan=OK)
JOB_MANAGERS = signed_in("404", **MANAGERS, dan="403", carol="403", ray="403")
TRIAGE_DESK = signed_in("403", **MANAGERS, max=OK)
ACME_TRIAGE = signed_in("404", **MANAGERS)
GLOBEX_MAIL = signed_in("404", erin=OK, max=OK)


def add_conversations(w: Any) -> None:
    from accord.conversations.services import relays, threads
    from tests.conversations.talk import carol_asks, team_thread

    w.talk_client = carol_asks(w, w.acme_job)
    w.talk_question = w.talk_client.messages.get()
    w.talk_internal = team_thread(w, w.acme_job)
    w.talk_team_note = w.talk_internal.messages.get()
    w.talk_relay = relays.relay_to_team(
        by=w.alice,
        source=w.talk_question,
        body="Carol would like the logo larger.",
        todos=[relays.TodoLine(text="Logo larger", assignee=w.dan)],
        target=w.talk_internal,
    )
    w.talk_todo = w.talk_relay.todos.get()
    with_file = threads.post(
        by=w.carol, thread=w.talk_client, body="Our new logo.", attachments=[png("logo.png")]
    )
    w.talk_file = with_file.attachments.get()
    w.talk_triage = _received("carol@acme.test", "hello@reply.localhost", "Hi")
    assert w.talk_triage.status == w.talk_triage.Status.TRIAGE, w.talk_triage.reason
    w.talk_globex_auto = _globex_out_of_office(w)


def _received(sender: str, to: str, subject: str, **headers: str) -> Any:
    from email.message import EmailMessage

    from accord.conversations.services import inbound

    mail = EmailMessage()
    mail["From"], mail["To"], mail["Subject"] = sender, to, subject
    mail["Message-ID"] = f"<matrix-{subject.lower()}@{sender.rpartition('@')[2]}>"
    for name, value in headers.items():
        mail[name] = value
    mail.set_content("Is the logo ready?")
    email = inbound.store(raw=mail.as_bytes(), peer="127.0.0.1", mail_from=sender, rcpt_to=[to])
    inbound.process(email_id=email.pk)
    email.refresh_from_db()
    return email


def _globex_out_of_office(w: Any) -> Any:
    from accord.conversations import addresses
    from accord.conversations.services import threads

    thread = threads.start_thread(
        by=w.max, client=w.globex, audience="client", subject="Leaflets", body="Proofs?"
    )
    to = addresses.issue(thread=thread, user=w.gus, message_id="<matrix-g@accord.test>")
    email = _received("gus@globex.test", to, "Away", **{"Auto-Submitted": "auto-replied"})
    assert (email.status, email.client) == (email.Status.AUTOMATIC, w.globex), email.reason
    return email


def _client_thread(w: Any) -> dict[str, Any]:
    return {"thread_id": w.talk_client.pk}


def _internal_thread(w: Any) -> dict[str, Any]:
    return {"thread_id": w.talk_internal.pk}


def _question(w: Any) -> dict[str, Any]:
    return {"message_id": w.talk_question.pk}


def _team_note(w: Any) -> dict[str, Any]:
    return {"message_id": w.talk_team_note.pk}


def _todo(w: Any) -> dict[str, Any]:
    return {"todo_id": w.talk_todo.pk}


def _file(w: Any) -> dict[str, Any]:
    return {"attachment_id": w.talk_file.pk}


def _job(w: Any) -> dict[str, Any]:
    return {"job_id": w.acme_job.pk}


def _email(w: Any) -> dict[str, Any]:
    return {"email_id": w.talk_triage.pk}


def _globex_email(w: Any) -> dict[str, Any]:
    return {"email_id": w.talk_globex_auto.pk}


def _start_form(w: Any) -> dict[str, Any]:
    return {"job": w.acme_job.pk, "audience": "client", "subject": "Hello", "body": "Hi"}


def _relay_form(w: Any) -> dict[str, Any]:
    return {"body": "Carol asks again.", "todos": "Logo larger still", "assignee": w.dan.pk}


# fmt: off
PAGES += [
    Route("conversations:inbox", expect=signed_in(OK)),
    # The first route of a name is the one the page/API parity below compares.
    Route("conversations:start", "post", data=_start_form, expect=CLIENT_THREAD_STARTERS),
    Route("conversations:start", data=lambda w: {"job": w.acme_job.pk}, expect=JOB_READERS),
    Route("conversations:thread", kwargs=_internal_thread, expect=TEAM_READERS),
    Route("conversations:thread", kwargs=_client_thread, expect=CLIENT_READERS),
    Route("conversations:post", "post", kwargs=_client_thread, data={"body": "Thanks!"},
          expect=CLIENT_READERS),
    Route("conversations:post", "post", kwargs=_internal_thread, data={"body": "On it."},
          expect=TEAM_READERS),
    Route("conversations:clear_court", "post", kwargs=_client_thread,
          expect=BROKERS_OF_CLIENT_MESSAGES),
    Route("conversations:edit", "post", kwargs=_question, expect=CAROLS_OWN,
          data={"body": "Can the logo be much bigger?", "revision": 1}),
    # The edit form, like saving it, is the author's (others who read it: 403).
    Route("conversations:edit", kwargs=_question, expect=CAROLS_OWN),
    Route("conversations:relay", "post", kwargs=_question, data=_relay_form,
          expect=BROKERS_OF_CLIENT_MESSAGES),
    Route("conversations:relay", kwargs=_question, expect=BROKERS_OF_CLIENT_MESSAGES),
    Route("conversations:reply", "post", kwargs=_team_note, data={"body": "It is coming."},
          expect=BROKERS_OF_TEAM_MESSAGES),
    Route("conversations:reply", kwargs=_team_note, expect=BROKERS_OF_TEAM_MESSAGES),
    Route("conversations:tick_todo", "post", kwargs=_todo, data={"done": "1"},
          expect=TEAM_READERS),
    Route("conversations:attachment", kwargs=_file, expect=CLIENT_READERS),
    Route("conversations:team_voice", "post", kwargs=_job, data={"open": "1"},
          expect=JOB_MANAGERS),
    Route("conversations:triage", expect=TRIAGE_DESK),
    Route("conversations:triage_email", kwargs=_email, expect=ACME_TRIAGE),
    Route("conversations:triage_raw", kwargs=_email, expect=ACME_TRIAGE),
    Route("conversations:triage_email", kwargs=_globex_email, expect=GLOBEX_MAIL),
    Route("conversations:triage_raw", kwargs=_globex_email, expect=GLOBEX_MAIL),
    Route("conversations:triage_sort", "post", kwargs=_email, expect=ACME_TRIAGE,
          data={"action": "dismiss", "dismiss-reason": "Spam"}),
]


def _api(expect: dict[str, str]) -> dict[str, str]:
    return {**expect, "anon": "401"}


OPERATIONS.update({
    "list_threads": Operation(expect=api_signed_in(OK)),
    "start_thread": Operation(expect=_api(CLIENT_THREAD_STARTERS), body=lambda w: {
        "job_id": w.acme_job.pk, "subject": "Hello", "body": "Hi"}),
    "get_thread": Operation(_internal_thread, _api(TEAM_READERS)),
    "mark_thread_read": Operation(_internal_thread, _api(TEAM_READERS)),
    "list_messages": Operation(_client_thread, _api(CLIENT_READERS)),
    "post_message": Operation(_client_thread, _api(CLIENT_READERS),
                              body=lambda w: {"body": "Thanks!"}),
    "post_message_with_files": Operation(_internal_thread, _api(TEAM_READERS), files=lambda w: {
        "body": "The layout.", "attachments": png("layout.png")}),
    "edit_message": Operation(_question, _api(CAROLS_OWN), body=lambda w: {
        "body": "Can the logo be much bigger?", "revision": 1}),
    "download_message_file": Operation(_file, _api(CLIENT_READERS)),
    "relay_to_team": Operation(_question, _api(BROKERS_OF_CLIENT_MESSAGES), body=lambda w: {
        "body": "Carol asks again.", "todos": [{"text": "Larger", "assignee_id": w.dan.pk}]}),
    "reply_to_client": Operation(_team_note, _api(BROKERS_OF_TEAM_MESSAGES),
                                 body=lambda w: {"body": "It is coming."}),
    "tick_thread_todo": Operation(_todo, _api(TEAM_READERS), body=lambda w: {"done": True}),
    "clear_court": Operation(_client_thread, _api(BROKERS_OF_CLIENT_MESSAGES)),
    "set_team_voice": Operation(_job, _api(JOB_MANAGERS), body=lambda w: {"open": True}),
})

SAME_SITUATION += [
    ("conversations:start", "start_thread"),
    ("conversations:thread", "get_thread"),
    ("conversations:post", "post_message"),
    ("conversations:clear_court", "clear_court"),
    ("conversations:edit", "edit_message"),
    ("conversations:relay", "relay_to_team"),
    ("conversations:reply", "reply_to_client"),
    ("conversations:tick_todo", "tick_thread_todo"),
    ("conversations:attachment", "download_message_file"),
    ("conversations:team_voice", "set_team_voice"),
]
# fmt: on
