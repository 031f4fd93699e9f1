"""How the activity feed says what happened to requests, briefs and brief templates."""

from typing import Any

from accord.core import feed
from accord.core.text import one_line
from accord.intake.models import Request

# How a logged request reached the agency, as the end of a sentence.
_HOW = {
    Request.Source.EMAIL: " (by email)",
    Request.Source.PHONE: " (by phone)",
    Request.Source.MEETING: " (in a meeting)",
}


def _quoted(text: Any, limit: int = 140) -> str:
    text = one_line(str(text or ""))
    return f"“{text[: limit - 1]}…”" if len(text) > limit else f"“{text}”"


def _named(kind: str, data: dict[str, Any], key: str = "title") -> str:
    return f"the {kind} {_quoted(data[key])}" if data.get(key) else f"a {kind}"


def _version(data: dict[str, Any]) -> str:
    """“version 2 of the brief “Spring launch”” as far as the event says."""
    brief = f"the brief {_quoted(data['title'])}" if data.get("title") else "the brief"
    return f"version {data['version']} of {brief}" if data.get("version") else brief


def _request_submitted(actor: str, data: dict[str, Any]) -> str:
    request = _named("request", data)
    if data.get("source", Request.Source.PORTAL) == Request.Source.PORTAL:
        return f"{actor} sent {request}."
    return f"{actor} logged {request}{_HOW.get(data['source'], '')}."


def _with_reason(sentence: str, data: dict[str, Any]) -> str:
    return f"{sentence}: {_quoted(data['reason'])}" if data.get("reason") else f"{sentence}."


def _changed(actor: str, data: dict[str, Any]) -> str:
    fields = [str(f) for f in data.get("fields", [])]
    what = feed.listing(fields[:3] + ([f"{len(fields) - 3} more"] if len(fields) > 3 else []))
    return f"{actor} changed {what or 'the brief'}, making {_version(data)}."


def _submitted(actor: str, data: dict[str, Any]) -> str:
    done = f", {data['completeness']}% complete" if data.get("completeness") is not None else ""
    version = f"version {data['version']}" if data.get("version") else ""
    details = ", ".join(part for part in (version, done.removeprefix(", ")) if part)
    return f"{actor} sent {_named('brief', data)}" + (f" ({details})." if details else ".")


def _signed_off(actor: str, data: dict[str, Any]) -> str:
    fingerprint = f" (fingerprint {str(data['sha256'])[:12]}…)" if data.get("sha256") else ""
    return f"{actor} signed off {_version(data)}{fingerprint}."


SENTENCES: dict[str, feed.Sentence] = {
    "request.submitted": _request_submitted,
    "request.declined": lambda a, d: _with_reason(f"{a} declined {_named('request', d)}", d),
    "request.parked": lambda a, d: _with_reason(f"{a} parked {_named('request', d)} for now", d),
    "request.reopened": lambda a, d: f"{a} reopened {_named('request', d)}.",
    "brief.started": lambda a, d: (
        f"{a} started {_named('brief', d)}"
        + (f" from the {d['template']} template." if d.get("template") else ".")
    ),
    "brief.changed": _changed,
    "brief.submitted": _submitted,
    "brief.question_asked": lambda a, d: (
        f"{a} asked about {_named('brief', d)}: {_quoted(d['text'])}"
        if d.get("text")
        else f"{a} asked a question about {_named('brief', d)}."
    ),
    "brief.question_answered": lambda a, d: f"{a} answered a question on {_named('brief', d)}.",
    "brief.proposed": lambda a, d: f"{a} asked the client to sign off {_version(d)}.",
    "brief.signed_off": _signed_off,
    "brief.notes_changed": lambda a, d: f"{a} updated the internal notes on {_named('brief', d)}.",
    "brief.cancelled": lambda a, d: _with_reason(f"{a} cancelled {_named('brief', d)}", d),
    "brief_template.saved": lambda a, d: f"{a} saved {_named('brief template', d, 'name')}.",
}


# Creatives read a brief once it is signed off, and never a request: of all this, only the
# sign-off is theirs to see in a client's feed.
FOR_CREATIVES = {"brief.signed_off"}


def register() -> None:
    for verb, sentence in SENTENCES.items():
        feed.register(verb, sentence, creatives=verb in FOR_CREATIVES)
