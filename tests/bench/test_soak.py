"""The soak's checks on a tiny made-up run, and its switchable mail server on loopback."""

import smtplib
import socket
from email.message import EmailMessage

import pytest

from bench.soak import checks
from bench.soak.smtp import MailServer


def write(kind, marker, *, acked=True, at=1.0, **data):
    return {
        "kind": kind,
        "marker": marker,
        "status": 302 if acked else 0,
        "acked": acked,
        "at": at,
        "data": data,
    }


def row(id, subject, text, *, to=("alice@northwind.test",), sent=True, message_id=""):
    return {
        "id": id,
        "message_id": message_id,
        "subject": subject,
        "to": list(to),
        "text": text,
        "sensitive": False,
        "sent": sent,
        "abandoned": False,
        "attempts": 1,
        "last_error": "",
    }


def got(subject, text, *, to=("alice@northwind.test",), message_id="<x@localhost>"):
    return {"message_id": message_id, "subject": subject, "to": list(to), "text": text}


def test_percentile_is_nearest_rank():
    values = [float(n) for n in range(1, 101)]
    assert checks.percentile(values, 50) == 50
    assert checks.percentile(values, 95) == 95
    assert checks.percentile(values, 99) == 99
    assert checks.percentile([], 95) == 0


def test_latency_counts_5xx_and_unanswered_apart():
    samples = [
        {"kind": "home", "status": 200, "seconds": 0.1, "at": 0},
        {"kind": "home", "status": 500, "seconds": 0.2, "at": 1},
        {"kind": "brief.autosave", "status": 0, "seconds": 30, "at": 2},
    ]
    load = checks.latency(samples, duration=2)
    assert load["server_errors"] == 1
    assert load["no_answer"] == 1
    assert load["per_second"] == 1.5
    assert load["kinds"]["home"]["statuses"] == {"200": 1, "500": 1}


def test_an_acknowledged_write_must_be_stored_exactly_once():
    writes = [
        write("request", "a"),
        write("request", "b"),
        write("request", "c", acked=False),
        write("request", "d", acked=False),
    ]
    result = checks.stored_once(writes, {"a": 1, "b": 0, "c": 0, "d": 2})
    assert result["checked"] == 4
    assert [(p["marker"], p["stored"]) for p in result["problems"]] == [("b", 0), ("d", 2)]


def test_a_field_overwritten_by_the_other_editor_is_lost():
    writes = [
        write("autosave", "m1", at=1, brief=8, key="objective"),
        write("autosave", "m2", at=2, brief=8, key="objective"),
        write("autosave", "m3", at=3, brief=8, key="background"),
    ]
    answers = {"8": {"objective": "Soak m1", "background": "Soak m3"}}
    result = checks.lost_updates(writes, [], answers)
    assert result["fields"] == 2
    assert [(lost["field"], lost["expected"]) for lost in result["lost"]] == [("objective", "m2")]


def test_mail_finds_missing_unsent_and_doubled_messages():
    request = "New request from Acme Foods: Soak request r1"
    question = "A question about your brief: Draft"
    rows = [
        row(1, request, "Acme Foods sent a new request.\n"),
        row(2, question, "Hello,\n\n- Soak question q1?\n", sent=False),
    ]
    writes = [write("request", "r1"), write("question", "q1"), write("question", "q2")]
    received = [
        # Folded on the way, with CRLF line ends: still the same message, received twice.
        got(
            " New request from Acme Foods:\n Soak request r1", "Acme Foods sent a new request.\r\n"
        ),
        got(request, "Acme Foods sent a new request.", message_id="<y@localhost>"),
    ]
    result = checks.mail(writes, {"r1": 1, "q1": 1, "q2": 1}, {}, rows, received)
    assert [m["marker"] for m in result["missing_rows"]] == ["q2"]
    assert [r["id"] for r in result["unsent"]] == [2]
    assert result["doubled"] == 1
    assert result["extra_copies"] == 1
    assert result["keyed_by"] == "subject+to+body"


def test_one_copy_again_with_the_same_message_id_is_a_resend_not_a_double():
    rows = [row(1, "Hello", "one", message_id="<1@accord>")]
    twice = [got("Hello", "one", message_id="<1@accord>")] * 2
    result = checks.mail([], {}, {}, rows, twice)
    assert (result["resent_same_id"], result["doubled"]) == (1, 0)
    thrice = [got("Hello", "one", message_id="<1@accord>")] * 3
    result = checks.mail([], {}, {}, rows, thrice)
    assert (result["resent_same_id"], result["doubled"]) == (0, 1)


def test_mail_keys_by_the_stored_message_id_when_there_is_one():
    rows = [
        row(1, "Hello", "one", message_id="<1@accord>"),
        row(2, "Hello", "one", message_id="<2@accord>"),
    ]
    received = [
        got("Hello", "one", message_id="<1@accord>"),
        got("Hello", "one", message_id="<2@accord>"),
    ]
    result = checks.mail([], {}, {}, rows, received)
    assert result["keyed_by"] == "Message-ID"
    assert result["doubled"] == 0
    assert result["sent_not_received"] == []


def test_sign_off_flow_invariants():
    flows = {
        "12": {"status": "proposed", "proposed_version": False, "versions": [1, 2, 4]},
        "13": {"status": "signed_off", "proposed_version": False, "versions": [1, 2]},
    }
    problems = checks.sign_off_flow(flows)
    assert [p["brief"] for p in problems] == [12, 12]


def _message() -> EmailMessage:
    message = EmailMessage()
    message["From"], message["To"], message["Subject"] = "a@x.test", "b@x.test", "Hi"
    message["Message-ID"] = "<soak-1@x.test>"
    message.set_content("Body")
    return message


def test_mail_server_receives_then_refuses_then_hangs():
    server = MailServer(slow_seconds=0.1)
    server.start()
    try:
        with smtplib.SMTP("127.0.0.1", server.port, timeout=5) as smtp:
            smtp.send_message(_message())
        assert [(m.message_id, m.text.strip()) for m in server.snapshot()] == [
            ("<soak-1@x.test>", "Body")
        ]

        server.switch("down")
        with pytest.raises(ConnectionRefusedError):
            smtplib.SMTP("127.0.0.1", server.port, timeout=5)

        server.switch("hung")
        with pytest.raises((socket.timeout, smtplib.SMTPServerDisconnected)):
            smtplib.SMTP("127.0.0.1", server.port, timeout=0.5)

        server.switch("slow")
        with smtplib.SMTP("127.0.0.1", server.port, timeout=5) as smtp:
            smtp.send_message(_message())
        assert len(server.snapshot()) == 2
    finally:
        server.stop()


def test_two_identical_messages_stored_twice_are_not_doubled():
    subject = "Please sign off the brief: Launch"  # proposed, revised, proposed again
    rows = [row(1, subject, "Please sign."), row(2, subject, "Please sign.")]
    received = [got(subject, "Please sign."), got(subject, "Please sign.")]
    assert checks.mail([], {}, {}, rows, received)["doubled"] == 0
    result = checks.mail([], {}, {}, rows, [*received, got(subject, "Please sign.")])
    assert (result["doubled"], result["extra_copies"]) == (1, 1)


def test_a_message_that_arrived_but_was_never_marked_sent_is_unsent_not_doubled():
    rows = [row(1, "Hello", "one", sent=False)]  # its worker was killed before the answer
    result = checks.mail([], {}, {}, rows, [got("Hello", "one")])
    assert result["doubled"] == 0
    assert [(r["id"], r["received_anyway"]) for r in result["unsent"]] == [(1, True)]
