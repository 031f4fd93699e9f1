"""The tone check in the API: what a client could take badly in a text, why, and a gentler
way to say it. For the agency's people (contacts 403). English only; text past
`tone.MAX_CHARS` is checked up to there and the answer says so."""

from typing import Any, Literal

from django.core.exceptions import PermissionDenied
from ninja import Field, Router, Schema
from pydantic import BaseModel, ConfigDict

from accord.core.api_support import BODY_ERRORS, AuthedRequest, Text
from accord.insights import tone
from accord.insights.tone_context import context_for
from accord.insights.views_tone import MAX_DISMISSED, MAX_KEY, may_check

router = Router(tags=["insights"])

# Bodies larger than this are refused (413 by the API's size limit is far above).
MAX_TEXT = 50_000


class ToneIn(BaseModel):
    model_config = ConfigDict(extra="forbid", strict=True)

    text: Text = Field(..., max_length=MAX_TEXT, description="What you are about to send.")
    about: Literal["message", "new_thread", "reply", "decline", "question", "comment"] | None = (
        Field(
            None,
            description="What it is: a message in a thread, a reply to the client, a "
            "request declined, a question on a brief, a comment on a deliverable.",
        )
    )
    subject_id: int | None = Field(
        None,
        ge=1,
        le=2**53,
        description="The thread, team message, request, brief or "
        "deliverable it is about: its dates and terms let the check judge promises.",
    )
    dismissed: list[str] = Field(
        default_factory=list,
        max_length=MAX_DISMISSED,
        description="Keys of findings you dismissed: they are left out.",
    )


class ToneFindingOut(Schema):
    start: int = Field(..., description="Where the phrase starts in `text` (characters).")
    end: int
    phrase: str
    kind: str = Field(
        ..., description="blame, condescension, absolute, shouting, command, sarcasm or promise"
    )
    label: str
    why: str
    rewrite: str = Field(..., description='What to write instead of the phrase ("": leave it out).')
    key: str = Field(..., description="Send it back in `dismissed` to leave this finding out.")


class ToneOut(Schema):
    flagged: bool
    score: float = Field(..., description="−1 harsh … +1 warm.")
    findings: list[ToneFindingOut]
    rewrite: str = Field(..., description="The whole text with every suggestion applied.")
    checked_chars: int
    truncated: bool
    english: bool = Field(..., description="False: not English; the check covers English only.")
    notice: str


@router.post("/tone", response={200: ToneOut, **BODY_ERRORS}, operation_id="check_tone")
def check_tone(request: AuthedRequest, payload: ToneIn) -> dict[str, Any]:
    """Check the tone of a text before sending it to a client."""
    if not may_check(request.user):
        raise PermissionDenied("The tone check is for the agency's people.")
    context = context_for(request.user, payload.about or "", payload.subject_id)
    dismissed = frozenset(key[:MAX_KEY] for key in payload.dismissed)
    report = tone.assess(payload.text, context, dismissed=dismissed)
    return {
        "flagged": report.flagged,
        "score": report.score,
        "findings": [
            {
                "start": f.start,
                "end": f.end,
                "phrase": payload.text[f.start : f.end],
                "kind": f.kind,
                "label": tone.KINDS.get(f.kind, f.kind),
                "why": f.why,
                "rewrite": f.rewrite,
                "key": f.key,
            }
            for f in report.findings
        ],
        "rewrite": report.rewrite,
        "checked_chars": report.checked_chars,
        "truncated": report.truncated,
        "english": report.english,
        "notice": report.notice,
    }
