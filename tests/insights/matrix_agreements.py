"""The agreements part of the insights access matrix. Alice's notes of a call with Acme wait
for Acme's answer. Acme's record of what was agreed and its notes are read by Acme's account
side (Erin, Alice) and its people (Carol, Ray); everyone else gets 404, Acme's creatives too
(Dan, Cora: what a client agreed reaches them as briefs and to-dos). Erin and Alice record,
withdraw and revise notes (Carol and Ray see them, and are refused: 403); Carol and Ray confirm
or correct them (Erin and Alice see them, and are refused: 403). Globex's record is Globex's."""

from datetime import timedelta
from typing import Any

from django.utils import timezone

from tests.test_access_matrix import (
    OK,
    OPERATIONS,
    PAGES,
    SAME_SITUATION,
    Operation,
    Route,
    signed_in,
)

ACME_RECORD = signed_in("404", erin=OK, alice=OK, carol=OK, ray=OK)
GLOBEX_RECORD = signed_in("404", erin=OK, max=OK, gus=OK)
ACME_NOTE_TAKERS = signed_in("404", erin=OK, alice=OK, carol="403", ray="403")
ACME_ANSWERERS = signed_in("404", erin="403", alice="403", carol=OK, ray=OK)


def add(w: Any) -> None:
    """Alice's notes of a call with Acme, waiting for Carol's or Ray's answer."""
    from tests.insights.agreements_data import kickoff

    w.agreed_note = kickoff(w)


def _acme(w: Any) -> dict[str, Any]:
    return {"client_id": w.acme.pk}


def _globex(w: Any) -> dict[str, Any]:
    return {"client_id": w.globex.pk}


def _note(w: Any) -> dict[str, Any]:
    return {"note_id": w.agreed_note.pk}


def _notes(title: str = "Kick-off, revised") -> dict[str, Any]:
    day = (timezone.localdate() - timedelta(days=1)).isoformat()
    return {"title": title, "held_on": day, "attendees": "Carol", "body": "Launch on 14 April."}


def _confirmation(w: Any) -> dict[str, Any]:
    return {"sha256": w.agreed_note.sha256}


def _api(expect: dict[str, str]) -> dict[str, str]:
    return {**expect, "anon": "401"}


# fmt: off
PAGES += [
    Route("insights:agreed", kwargs=_acme, expect=ACME_RECORD),
    Route("insights:agreed", kwargs=_globex, expect=GLOBEX_RECORD),
    Route("insights:agreed_pdf", kwargs=_acme, expect=ACME_RECORD),
    # The first route of a name is the one the page/API parity below compares.
    Route("insights:note_new", "post", kwargs=_acme, data=_notes("Kick-off"),
          expect=ACME_NOTE_TAKERS),
    Route("insights:note_new", kwargs=_acme, expect=ACME_NOTE_TAKERS),
    Route("insights:note", kwargs=_note, expect=ACME_RECORD),
    Route("insights:note_confirm", "post", kwargs=_note, data=_confirmation,
          expect=ACME_ANSWERERS),
    Route("insights:note_correct", "post", kwargs=_note, data={"text": "Ray was there too."},
          expect=ACME_ANSWERERS),
    Route("insights:note_withdraw", "post", kwargs=_note, expect=ACME_NOTE_TAKERS),
    Route("insights:note_revise", "post", kwargs=_note, data=_notes(),
          expect=ACME_NOTE_TAKERS),
    Route("insights:note_revise", kwargs=_note, expect=ACME_NOTE_TAKERS),
]

OPERATIONS.update({
    "list_agreements": Operation(_acme, _api(ACME_RECORD)),
    "export_agreements_pdf": Operation(_acme, _api(ACME_RECORD)),
    "record_meeting_note": Operation(_acme, _api(ACME_NOTE_TAKERS),
                                     body=lambda w: _notes("Kick-off")),
    "get_meeting_note": Operation(_note, _api(ACME_RECORD)),
    "confirm_meeting_note": Operation(_note, _api(ACME_ANSWERERS), body=_confirmation),
    "correct_meeting_note": Operation(_note, _api(ACME_ANSWERERS),
                                      body=lambda w: {"text": "Ray was there too."}),
    "withdraw_meeting_note": Operation(_note, _api(ACME_NOTE_TAKERS)),
    "revise_meeting_note": Operation(_note, _api(ACME_NOTE_TAKERS), body=lambda w: _notes()),
})

SAME_SITUATION += [
    ("insights:agreed", "list_agreements"),
    ("insights:agreed_pdf", "export_agreements_pdf"),
    ("insights:note_new", "record_meeting_note"),
    ("insights:note", "get_meeting_note"),
    ("insights:note_confirm", "confirm_meeting_note"),
    ("insights:note_correct", "correct_meeting_note"),
    ("insights:note_withdraw", "withdraw_meeting_note"),
    ("insights:note_revise", "revise_meeting_note"),
]
# fmt: on
