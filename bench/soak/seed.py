"""Run inside Django (`python -m bench.soak.seed OUT.json`): the briefs the simulated people
work on, made through Accord's own services, and who is who, written as JSON for the load."""

import json
import sys
from datetime import timedelta
from typing import Any

# Briefs that the account manager and the client fill in at once, per client.
COEDIT_BRIEFS = 4
TEXT_KINDS = ("text", "long_text")


def answer_for(question: dict[str, Any], approver_id: int, today: Any) -> str:
    kind = question.get("kind")
    if kind == "date":
        return (today + timedelta(days=120)).isoformat()
    if kind == "money":
        return "15000"
    if kind == "approver":
        return str(approver_id)
    return f"Soak answer for {question['key']}."


def seed() -> dict[str, Any]:
    from django.utils import timezone

    from accord.clients.models import Client, Contact
    from accord.core.policy import ContactRole
    from accord.intake import services
    from accord.intake.models import BriefTemplate

    template = BriefTemplate.objects.filter(is_active=True).order_by("pk").first()
    assert template is not None, "the demo agency has brief templates"
    out: dict[str, Any] = {"clients": [], "template_id": template.pk}
    for client in Client.objects.select_related("account_manager").order_by("name"):
        if client.archived_at is not None:
            continue
        contacts = list(Contact.objects.filter(client=client).select_related("user"))
        approvers = [c for c in contacts if c.role == ContactRole.APPROVER]
        if not approvers:
            continue
        am = client.account_manager
        coedit = []
        for n in range(COEDIT_BRIEFS):
            brief = services.start_brief(
                by=am, client=client, template=template, title=f"Soak co-edit {n + 1}"
            )
            step1 = [q for q in brief.questions if q["section"] == brief.questions[0]["section"]]
            coedit.append(
                {
                    "id": brief.pk,
                    "fields": [q["key"] for q in step1 if q.get("kind") in TEXT_KINDS],
                }
            )
        brief = services.start_brief(
            by=am,
            client=client,
            template=template,
            title=f"Soak sign-off for {client.name}",
            filled_by="agency",
        )
        today = timezone.localdate()
        answers = {
            q["key"]: answer_for(q, approvers[0].user_id, today)
            for q in brief.questions
            if q.get("required") or q.get("kind") in TEXT_KINDS
        }
        brief = services.save_answers(by=am, brief=brief, answers=answers)
        brief = services.submit_brief(by=am, brief=brief)
        out["clients"].append(
            {
                "id": client.pk,
                "name": client.name,
                "am": am.email,
                "contacts": [c.user.email for c in contacts if c.role != ContactRole.VIEWER],
                "approvers": [c.user.email for c in approvers],
                "coedit": coedit,
                "signoff": {
                    "id": brief.pk,
                    "title": brief.title,
                    "text_fields": [
                        q["key"] for q in brief.questions if q.get("kind") in TEXT_KINDS
                    ],
                },
            }
        )
    return out


def main() -> None:
    import django

    django.setup()
    with open(sys.argv[1], "w") as f:  # noqa: PTH123
        json.dump(seed(), f, indent=1)


if __name__ == "__main__":
    main()
