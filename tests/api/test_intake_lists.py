"""Intake lists and the queue: scoped, filtered, paged, and a fixed number of queries."""

from collections.abc import Callable
from datetime import timedelta
from typing import Any

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from accord.intake import services
from accord.intake.models import Brief, ClarifyingQuestion, Request, WaitingOn
from tests.api.conftest import Caller
from tests.api.intake_data import good_answers, social_template

Persona = Callable[[str], Caller]


def add_intake(world: Any, n: int, *, client: Any = None) -> None:
    """`n` requests and `n` briefs in each state the queue shows, some with open questions."""
    client = client or world.acme
    template = social_template()
    questions = [dict(q) for q in services.briefs.snapshot_questions(template)]
    ago = timezone.now() - timedelta(days=3)
    requests = Request.objects.bulk_create(
        [
            Request(client=client, title=f"Request {i}", what="Posters.", requested_by=world.carol)
            for i in range(n)
        ]
    )
    states = [
        (Brief.Status.DRAFT, WaitingOn.CLIENT),
        (Brief.Status.SUBMITTED, WaitingOn.AGENCY),
        (Brief.Status.PROPOSED, WaitingOn.CLIENT),
        (Brief.Status.SIGNED_OFF, WaitingOn.AGENCY),
    ]
    briefs = Brief.objects.bulk_create(
        [
            Brief(
                client=client,
                template=template,
                title=f"Brief {i} {status}",
                questions=questions,
                answers=good_answers(world),
                status=status,
                waiting_on=waiting_on,
                waiting_since=ago,
                completeness=80,
                request=requests[i] if status == Brief.Status.DRAFT else None,
            )
            for i in range(n)
            for status, waiting_on in states
        ]
    )
    # A submitted brief with an open question waits on the client (as `ask_question` leaves
    # it), so only the other states get one here.
    ClarifyingQuestion.objects.bulk_create(
        [
            ClarifyingQuestion(brief=b, text="Which stores?")
            for b in briefs[::3]
            if b.status != Brief.Status.SUBMITTED
        ]
    )


def _queries(call: Callable[[], Any]) -> int:
    with CaptureQueriesContext(connection) as captured:
        response = call()
        assert response.status_code == 200, response.content
    return len(captured)


@pytest.mark.parametrize(
    ("persona", "path"),
    [
        ("alice", "/requests"),
        ("carol", "/requests"),
        ("erin", "/requests"),
        ("alice", "/briefs"),
        ("carol", "/briefs"),
        ("dan", "/briefs"),
        ("erin", "/briefs"),
        ("alice", "/intake/queue"),
        ("erin", "/intake/queue"),
    ],
)
def test_lists_take_the_same_queries_for_2_or_40_items(
    as_persona: Persona,
    world: Any,
    persona: str,
    path: str,
    django_assert_max_num_queries: Any,
) -> None:
    caller = as_persona(persona)
    caller.get("/me")  # the token's first use is recorded once; leave it out of the count
    add_intake(world, 2)
    few = _queries(lambda: caller.get(path, limit=100))
    add_intake(world, 38)
    add_intake(world, 5, client=world.globex)
    with django_assert_max_num_queries(few):
        response = caller.get(path, limit=100)
        assert response.status_code == 200
    # authentication, then a count and a page per list; the queue: the AM's client ids (none
    # for an admin), 2 counts, 4 sections and one count of open questions for the briefs shown
    assert few <= (9 if path == "/intake/queue" else 3)


def test_requests_are_filtered_and_paged(as_persona: Persona, world: Any) -> None:
    add_intake(world, 3)
    add_intake(world, 2, client=world.globex)
    Request.objects.filter(title="Request 0", client=world.acme).update(status="parked")
    erin = as_persona("erin")
    assert erin.get("/requests").json()["count"] == 5
    acme = erin.get("/requests", client_id=world.acme.pk).json()
    assert acme["count"] == 3
    assert {r["client"]["name"] for r in acme["items"]} == {"Acme Foods"}
    parked = erin.get("/requests", status="parked").json()["items"]
    assert [r["title"] for r in parked] == ["Request 0"]
    page = erin.get("/requests", limit=2, offset=4).json()
    assert (page["count"], len(page["items"])) == (5, 1)
    assert as_persona("alice").get("/requests").json()["count"] == 3
    assert as_persona("gus").get("/requests").json()["count"] == 2
    assert as_persona("dan").get("/requests").status_code == 403  # requests are account work


def test_briefs_are_filtered_with_their_court_and_open_questions(
    as_persona: Persona, world: Any
) -> None:
    add_intake(world, 3)
    alice = as_persona("alice")
    everything = alice.get("/briefs", limit=100).json()
    assert everything["count"] == 12
    assert sum(b["open_questions"] for b in everything["items"]) == 3
    proposed = alice.get("/briefs", status="proposed").json()["items"]
    assert {b["status"] for b in proposed} == {"proposed"}
    waiting = alice.get("/briefs", waiting_on="client", limit=100).json()
    assert waiting["count"] == 6
    first = waiting["items"][0]
    assert (first["completeness"], first["template"]["name"]) == (80, "Social campaign")
    assert "internal_notes" not in first
    assert alice.get("/briefs", waiting_on="everyone").status_code == 422


def test_the_queue_is_per_account_manager_oldest_first(as_persona: Persona, world: Any) -> None:
    add_intake(world, 30)
    add_intake(world, 2, client=world.globex)
    queue = as_persona("alice").get("/intake/queue").json()
    for section, count in [
        ("new_requests", 30),
        ("waiting_on_client", 60),
        ("ready_for_sign_off", 30),
        ("ready_for_work", 30),
    ]:
        assert queue[section]["count"] == count, section
        assert len(queue[section]["items"]) == 25, section
    ages = [b["age_seconds"] for b in queue["waiting_on_client"]["items"]]
    assert ages == sorted(ages, reverse=True)
    assert ages[0] >= 3 * 24 * 3600
    assert {b["client"]["name"] for b in queue["ready_for_work"]["items"]} == {"Acme Foods"}
    assert as_persona("max").get("/intake/queue").json()["ready_for_work"]["count"] == 2
    assert as_persona("erin").get("/intake/queue").json()["ready_for_work"]["count"] == 32


def test_the_queue_lists_drafts_the_agency_writes(as_persona: Persona, world: Any) -> None:
    from accord.intake import services as intake
    from tests.intake.view_helpers import social

    intake.start_brief(
        by=world.alice,
        client=world.acme,
        template=social(),
        title="Our own draft",
        filled_by="agency",
    )
    drafts = as_persona("alice").get("/intake/queue").json()["drafts_with_us"]
    assert drafts["count"] == 1
    assert [b["title"] for b in drafts["items"]] == ["Our own draft"]
    assert as_persona("max").get("/intake/queue").json()["drafts_with_us"]["count"] == 0
