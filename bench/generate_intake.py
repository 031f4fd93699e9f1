"""Requests and briefs for every generated client, in every state, inserted in bulk."""

import random
from datetime import datetime, timedelta
from decimal import Decimal

from accord.accounts.models import User
from accord.clients.models import Client, Contact
from accord.core.events import content_sha256
from accord.core.policy import ContactRole
from accord.intake import coach, rules
from accord.intake.models import (
    Brief,
    BriefTemplate,
    BriefVersion,
    ClarifyingQuestion,
    Request,
    SignOff,
    WaitingOn,
)
from accord.intake.services.briefs import snapshot_questions

BATCH = 1000
S = Brief.Status
# Per client: one brief in each state a queue or list shows.
BRIEF_STATES = [S.DRAFT, S.SUBMITTED, S.PROPOSED, S.SIGNED_OFF]
REQUEST_STATES = [
    Request.Status.NEW,
    Request.Status.NEW,
    Request.Status.PARKED,
    Request.Status.DECLINED,
]
ANSWER = (
    "We want more people in the North to try the range in its first month, with "
    "2,000 voucher redemptions by the end of April as the measure of success."
)


def make_intake(clients: list[Client], *, rng: random.Random, now: datetime) -> dict[str, int]:
    templates = list(BriefTemplate.objects.prefetch_related("questions"))
    questions = {t.pk: snapshot_questions(t) for t in templates}
    approvers = dict(
        Contact.objects.filter(role=ContactRole.APPROVER).values_list("client_id", "user_id")
    )
    requests, briefs = [], []
    for client in clients:
        contact_id = approvers.get(client.pk)
        for n, status in enumerate(REQUEST_STATES):
            requests.append(
                Request(
                    client=client,
                    title=f"{client.name}: request {n + 1}",
                    what=ANSWER,
                    why="Launch season.",
                    status=status,
                    requested_by_id=contact_id,
                    status_reason="Let's revisit this after the spring launch, thank you."
                    if status != Request.Status.NEW
                    else "",
                    created_at=now - timedelta(days=rng.uniform(0, 60)),
                )
            )
        for n, status in enumerate(BRIEF_STATES):
            template = templates[(client.pk + n) % len(templates)]
            qs = questions[template.pk]
            answers = {q["key"]: ANSWER for q in qs if q["kind"] == "long_text"}
            deadline = (now + timedelta(days=rng.uniform(-10, 60))).date()
            answers["deadline"] = deadline.isoformat()
            answers["budget"] = "£12,000"
            if contact_id:
                answers["approver"] = str(contact_id)
            answers = {k: v for k, v in answers.items() if k in {q["key"] for q in qs}}
            score = coach.completeness(
                questions=qs,
                answers=answers,
                today=now.date(),
                min_lead_days=template.min_lead_days,
            ).score
            waiting = WaitingOn.CLIENT if status in (S.DRAFT, S.PROPOSED) else WaitingOn.AGENCY
            briefs.append(
                Brief(
                    client=client,
                    template=template,
                    title=f"{client.name}: {template.name}",
                    questions=qs,
                    answers=answers,
                    status=status,
                    waiting_on=waiting,
                    waiting_since=now - timedelta(days=rng.uniform(0, 20)),
                    completeness=score,
                    deadline=deadline,
                    budget_low=Decimal(12000),
                    budget_high=Decimal(12000),
                    budget_currency="GBP",
                    min_lead_days=template.min_lead_days,
                    created_at=now - timedelta(days=30),
                    updated_at=now - timedelta(days=rng.uniform(0, 20)),
                    submitted_at=None if status == S.DRAFT else now - timedelta(days=10),
                )
            )
    Request.objects.bulk_create(requests, batch_size=BATCH)
    Brief.objects.bulk_create(briefs, batch_size=BATCH)
    submitted = list(Brief.objects.exclude(status=S.DRAFT).order_by("pk"))
    versions = []
    for brief in submitted:
        for number in (1, 2):
            content = rules.version_content(
                title=brief.title, questions=brief.questions, answers=brief.answers
            )
            versions.append(
                BriefVersion(
                    brief=brief,
                    number=number,
                    title=brief.title,
                    questions=brief.questions,
                    answers=brief.answers,
                    sha256=content_sha256(content),
                    created_at=now - timedelta(days=5 - number),
                )
            )
    BriefVersion.objects.bulk_create(versions, batch_size=BATCH)
    latest = {v.brief_id: v for v in BriefVersion.objects.filter(number=2)}
    for brief in submitted:
        brief.current_version = latest[brief.pk]
        if brief.status in (S.PROPOSED, S.SIGNED_OFF):
            brief.proposed_version = latest[brief.pk]
    Brief.objects.bulk_update(submitted, ["current_version", "proposed_version"], batch_size=BATCH)
    signers = {c: User(pk=u) for c, u in approvers.items()}
    sign_offs = [
        SignOff(
            brief=b,
            version=latest[b.pk],
            signed_by=signers[b.client_id],
            sha256=latest[b.pk].sha256,
        )
        for b in submitted
        if b.status == S.SIGNED_OFF and b.client_id in signers
    ]
    SignOff.objects.bulk_create(sign_offs, batch_size=BATCH)
    clarifications = [
        ClarifyingQuestion(
            brief=b,
            text="Which stores are in the launch?",
            asked_at=now,
            answer="All forty." if i % 2 else "",
            answered_at=now if i % 2 else None,
        )
        for b in submitted
        for i in range(3)
    ]
    ClarifyingQuestion.objects.bulk_create(clarifications, batch_size=BATCH)
    return {
        "requests": len(requests),
        "briefs": len(briefs),
        "brief_versions": len(versions),
        "clarifying_questions": len(clarifications),
        "sign_offs": len(sign_offs),
    }
