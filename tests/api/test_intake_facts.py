"""Key facts through the API: structured on the brief, in lists, on templates and clients."""

from collections.abc import Callable
from datetime import timedelta
from typing import Any

from django.utils import timezone

from accord.intake.models import Brief
from tests.api.conftest import Caller
from tests.api.intake_data import brief_at, social_template

Persona = Callable[[str], Caller]


def ok(response: Any, status: int = 200) -> Any:
    assert response.status_code == status, response.content
    return response.json()


def test_a_brief_carries_its_key_facts_structured(as_persona: Persona, world: Any) -> None:
    brief = brief_at(world, "draft")
    alice = as_persona("alice")
    saved = ok(alice.patch(f"/briefs/{brief.pk}", {"answers": {"budget": "£8,000–10,000"}}))
    assert saved["answers"]["budget"] == "£8,000–10,000"
    facts = saved["facts"]
    assert facts["budget"] == {
        "low": "8000.00",
        "high": "10000.00",
        "currency": "GBP",
        "display": "£8,000–10,000",
    }
    assert facts["approver"] == {"id": world.carol.pk, "name": "Carol Acme"}
    assert facts["deadline"] == Brief.objects.get(pk=brief.pk).deadline.isoformat()
    assert (facts["channel"], facts["format"], facts["overdue"]) == (
        "Instagram, TikTok",
        "8 posts, 12 stories",
        False,
    )
    # The client reads the same facts.
    assert ok(as_persona("carol").get(f"/briefs/{brief.pk}"))["facts"] == facts
    assert {q["key"]: q["fact"] for q in saved["questions"]}["deliverables"] == "format"


def test_an_unknown_currency_is_a_422_naming_the_accepted_form(
    as_persona: Persona, world: Any
) -> None:
    brief = brief_at(world, "draft")
    refused = as_persona("carol").patch(f"/briefs/{brief.pk}", {"answers": {"budget": "15000 XYZ"}})
    assert refused.status_code == 422
    body = refused.json()
    assert body["field"] == "budget"
    assert "(XYZ)" in body["detail"] and "ISO 4217" in body["detail"]
    assert Brief.objects.get(pk=brief.pk).answers["budget"] == "£12,000"


def test_findings_say_their_kind_and_an_example(as_persona: Persona, world: Any) -> None:
    brief = brief_at(world, "draft")
    detail = ok(
        as_persona("alice").patch(f"/briefs/{brief.pk}", {"answers": {"key_message": "Soup"}})
    )
    (finding,) = [f for f in detail["findings"] if f["key"] == "key_message"]
    assert finding["code"] == "key_message_too_short"
    assert finding["example"] and finding["example"].rstrip(".") in finding["message"]


def test_the_list_gives_deadlines_and_sorts_by_them(as_persona: Persona, world: Any) -> None:
    today = timezone.localdate()
    later, sooner, undated = (brief_at(world, "draft", title=t) for t in ("Later", "Sooner", "No"))
    Brief.objects.filter(pk=later.pk).update(deadline=today + timedelta(days=40))
    Brief.objects.filter(pk=sooner.pk).update(deadline=today - timedelta(days=1))
    Brief.objects.filter(pk=undated.pk).update(deadline=None)
    alice = as_persona("alice")
    items = ok(alice.get("/briefs", sort="deadline"))["items"]
    assert [b["title"] for b in items] == ["Sooner", "Later", "No"]
    assert [b["overdue"] for b in items] == [True, False, False]
    assert items[0]["deadline"] == (today - timedelta(days=1)).isoformat()
    assert alice.get("/briefs", sort="deadline; drop").status_code == 422


def test_templates_map_questions_to_facts(as_persona: Persona, world: Any) -> None:
    erin = as_persona("erin")
    shown = ok(erin.get(f"/brief-templates/{social_template().pk}"))
    assert {q["key"]: q["fact"] for q in shown["questions"]}["budget"] == "budget"
    body = {
        "name": "Podcast ad",
        "questions": [
            {"key": "air_date", "label": "When does it air?", "kind": "text", "fact": "deadline"}
        ],
    }
    refused = erin.post("/brief-templates", body)
    assert refused.status_code == 422
    assert "needs a question of the kind" in refused.json()["detail"]
    body["questions"][0]["kind"] = "date"
    made = ok(erin.post("/brief-templates", body), 201)
    assert made["questions"][0]["fact"] == "deadline"


def test_a_client_s_currency_is_part_of_its_terms(as_persona: Persona, world: Any) -> None:
    alice = as_persona("alice")
    assert ok(alice.get(f"/clients/{world.acme.pk}"))["currency"] == "GBP"
    assert ok(alice.patch(f"/clients/{world.acme.pk}", {"currency": "eur"}))["currency"] == "EUR"
    refused = alice.patch(f"/clients/{world.acme.pk}", {"currency": "XYZ"})
    assert refused.status_code == 422 and refused.json()["field"] == "currency"
    assert ok(as_persona("carol").get(f"/clients/{world.acme.pk}"))["currency"] == "EUR"
