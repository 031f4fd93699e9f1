"""How the activity feed says what happened to requests, briefs and brief templates."""

from typing import Any

from accord.core import feed, verbs
from accord.core.policy import Audience
from accord.core.text import one_line
from accord.intake import rules
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


def _files_added(actor: str, data: dict[str, Any]) -> str:
    count = data.get("files") or 0
    files = "a file" if count == 1 else f"{count} files" if count else "files"
    return f"{actor} added {files} to {_named('request', data)}."


def _with_reason(sentence: str, data: dict[str, Any]) -> str:
    return f"{sentence}: {_quoted(data['reason'])}" if data.get("reason") else f"{sentence}."


def _changed(actor: str, data: dict[str, Any]) -> str:
    fields = [f"“{f}”" for f in data.get("fields", [])]  # labels end in "?" as often as not
    what = feed.listing(fields[:3] + ([f"{len(fields) - 3} more"] if len(fields) > 3 else []))
    source = (
        f" with {data['answered_by']}'s answer to question {data['question']}"
        if data.get("question") and data.get("answered_by")
        else ""
    )
    return f"{actor} changed {what or 'the brief'}{source}, making {_version(data)}."


def _submitted(actor: str, data: dict[str, Any]) -> str:
    done = f", {data['completeness']}% complete" if data.get("completeness") is not None else ""
    version = f"version {data['version']}" if data.get("version") else ""
    details = ", ".join(part for part in (version, done.removeprefix(", ")) if part)
    return f"{actor} sent {_named('brief', data)}" + (f" ({details})." if details else ".")


def _signed_off(actor: str, data: dict[str, Any]) -> str:
    fingerprint = (
        f" (fingerprint {rules.short_fingerprint(str(data['sha256']))})"
        if data.get("sha256")
        else ""
    )
    return f"{actor} signed off {_version(data)}{fingerprint}."


def _replanned(actor: str, data: dict[str, Any]) -> str:
    versions = (
        f" (v{data['signed_version']} → v{data['version']})" if data.get("signed_version") else ""
    )
    when = "after the work started" if data.get("in_work") else "after sign-off"
    brief = _named("brief", data)
    return _with_reason(f"{actor} changed the plan of {brief} {when}{versions}", data)


def _template_saved(actor: str, data: dict[str, Any]) -> str:
    return f"{actor} saved {_named('brief template', data, 'name')}."


# verb: (sentence, hashed payload fields). Every intake verb but the last two is client-audience.
VERBS: dict[str, tuple[verbs.Sentence, tuple[str, ...]]] = {
    "request.submitted": (_request_submitted, ("title", "source", "attachments")),
    "request.declined": (
        lambda a, d: _with_reason(f"{a} declined {_named('request', d)}", d),
        ("title", "reason"),
    ),
    "request.parked": (
        lambda a, d: _with_reason(f"{a} parked {_named('request', d)} for now", d),
        ("title", "reason"),
    ),
    "request.reopened": (lambda a, d: f"{a} reopened {_named('request', d)}.", ("title",)),
    "request.files_added": (_files_added, ("title", "files")),
    "brief.started": (
        lambda a, d: (
            f"{a} started {_named('brief', d)}"
            + (f" from the {d['template']} template." if d.get("template") else ".")
        ),
        ("title", "template", "filled_by"),
    ),
    "brief.changed": (_changed, ("title", "version", "fields", "question")),
    "brief.submitted": (_submitted, ("title", "version", "completeness")),
    "brief.question_asked": (
        lambda a, d: (
            f"{a} asked about {_named('brief', d)}: {_quoted(d['text'])}"
            if d.get("text")
            else f"{a} asked a question about {_named('brief', d)}."
        ),
        ("title", "question", "text"),
    ),
    "brief.question_answered": (
        lambda a, d: f"{a} answered a question on {_named('brief', d)}.",
        ("title", "question"),
    ),
    "brief.proposed": (
        lambda a, d: f"{a} asked the client to sign off {_version(d)}.",
        ("title", "version"),
    ),
    "brief.signed_off": (_signed_off, ("title", "version", "sha256", "sign_off")),
    "brief.changes_requested": (
        lambda a, d: f"{a} asked for changes to {_version(d)}: {_quoted(d.get('note'))}",
        ("title", "version", "note"),
    ),
    "brief.replanned": (
        _replanned,
        (
            "title",
            "reason",
            "signed_version",
            "version",
            "fields",
            "in_work",
            "question",
        ),
    ),
    "brief.cancelled": (
        lambda a, d: _with_reason(f"{a} cancelled {_named('brief', d)}", d),
        ("title", "reason", "request"),
    ),
    "brief.notes_changed": (
        lambda a, d: f"{a} updated the internal notes on {_named('brief', d)}.",
        ("title", "chars"),
    ),
    "brief_template.saved": (_template_saved, ("name", "questions")),
}
INTERNAL = {"brief.notes_changed", "brief_template.saved"}
# Names in a payload: kept outside the event's hash, so erasing the person keeps the chain.
PERSONAL = {"brief.changed": ("answered_by",), "brief.replanned": ("answered_by",)}

# Creatives read a brief once it is signed off, and never a request: of all this, only the
# sign-off is theirs to see in a client's feed. Contacts read every client-audience verb.
FOR_CREATIVES = {"brief.signed_off", "brief.replanned"}


def declare_verbs() -> None:
    """Intake's verbs (called from IntakeConfig.ready)."""
    for verb, (sentence, fields) in VERBS.items():
        internal = verb in INTERNAL
        verbs.declare(
            verb,
            app="intake",
            audience=Audience.INTERNAL if internal else Audience.CLIENT,
            fields=fields,
            personal=PERSONAL.get(verb, ()),
            contacts=not internal,
            creatives=verb in FOR_CREATIVES,
            sentence=sentence,
        )
