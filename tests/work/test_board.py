"""The job board: who sees it, what a card says, moving cards by drop (JSON) or by the card's
own form (no script), refusals that put the card back, and two people moving the same card."""

import json
from datetime import timedelta

import pytest
from django.urls import reverse

from accord.work.models import Deliverable, Task
from tests.work.board_data import board_job, deliverable, fill, task, today


def board_url(job) -> str:
    return reverse("work:board", kwargs={"job_id": job.pk})


def move_task_url(t) -> str:
    return reverse("work:board_move_task", kwargs={"job_id": t.job_id, "task_id": t.pk})


def move_deliverable_url(d) -> str:
    return reverse(
        "work:board_move_deliverable", kwargs={"job_id": d.job_id, "deliverable_id": d.pk}
    )


def drop(client, url, **data):
    """What the board's script sends when a card is dropped on another column."""
    return client.post(url, data, headers={"Accept": "application/json"})


def to_internal_review(client, d):
    return drop(client, move_deliverable_url(d), to="internal_review", base_status="in_production")


@pytest.fixture
def job(world):
    return board_job(world)


@pytest.mark.parametrize(
    ("persona", "status"),
    [
        ("erin", 200),
        ("alice", 200),
        ("max", 404),
        ("dan", 200),  # on the job's team
        ("cora", 404),  # on Acme's team, not on this job
        ("sam", 404),
        ("carol", 404),  # contacts never see the board
        ("ray", 404),
        ("gus", 404),
    ],
)
def test_who_sees_the_board(client, world, job, persona, status):
    client.force_login(world.persona(persona))
    assert client.get(board_url(job)).status_code == status


def test_cards_show_title_who_due_late_and_estimate(client, world, job):
    task(
        job,
        "Shoot the dishes",
        assignee=world.dan,
        due_on=today() - timedelta(days=2),
        estimate_hours="6.5",
    )
    deliverable(
        job,
        "Launch post",
        status="in_production",
        owner=world.cora,
        due_on=today() + timedelta(days=3),
    )
    client.force_login(world.alice)
    page = client.get(board_url(job)).text
    assert "Shoot the dishes" in page and "Dan Northwind" in page and "6.5 h" in page
    assert "Launch post" in page and "Cora Northwind" in page
    assert page.count("board-card--late") == 1
    assert "style=" not in page
    assert "vendor/sortablejs/Sortable.min.js" in page


def test_columns_follow_the_workflow_with_on_hold_and_cancelled_collapsed_last(client, world, job):
    client.force_login(world.alice)
    page = client.get(board_url(job)).text
    places = [
        page.index(f'data-status="{s}" data-kind="deliverable"') for s in Deliverable.Status.values
    ]
    assert places == sorted(places)
    assert page.count("board__column--collapsed") == 2
    tasks_at = [page.index(f'data-status="{s}" data-kind="task"') for s in Task.Status.values]
    assert tasks_at == sorted(tasks_at)


def test_the_cards_form_moves_a_task_without_a_script(client, world, job):
    t = task(job, "Write the captions", assignee=world.cora)
    client.force_login(world.alice)
    response = client.post(move_task_url(t), {"to": "doing", "base_status": "todo"})
    assert response.status_code == 302
    assert response["Location"] == f"{board_url(job)}#task-{t.pk}"
    t.refresh_from_db()
    assert t.status == "doing"
    page = client.get(response["Location"]).text
    assert "“Write the captions” is now “Doing”." in page


def test_a_drop_answers_with_the_card_as_it_is_now(client, world, job):
    t = task(job, "Write the captions", assignee=world.dan)
    client.force_login(world.dan)
    response = drop(client, move_task_url(t), to="doing", base_status="todo")
    assert response.status_code == 200
    answer = response.json()
    assert answer["status"] == "doing"
    assert 'data-status="doing"' in answer["card"]
    assert '<option value="done">' in answer["card"]


def test_two_people_moving_the_same_card_the_second_gets_a_conflict(client, world, job):
    t = task(job, "Design the menu card", assignee=world.dan)
    alice, dan = client, type(client)()
    alice.force_login(world.alice)
    dan.force_login(world.dan)
    # Both read the board with the card in "To do"; Alice moves it first.
    assert drop(alice, move_task_url(t), to="doing", base_status="todo").status_code == 200
    second = drop(dan, move_task_url(t), to="done", base_status="todo")
    assert second.status_code == 409
    assert "was moved to “Doing” meanwhile" in second.json()["detail"]
    t.refresh_from_db()
    assert (t.status, t.revision) == ("doing", 2)
    # Without a script, the board comes back with the same message.
    page = dan.post(move_task_url(t), {"to": "done", "base_status": "todo"})
    assert page.status_code == 409
    assert "was moved to “Doing” meanwhile" in page.text


def test_two_people_moving_the_same_deliverable(client, world, job):
    d = deliverable(job, "Launch post", status="in_production")
    alice, dan = client, type(client)()
    alice.force_login(world.alice)
    dan.force_login(world.dan)
    assert to_internal_review(dan, d).status_code == 200
    second = drop(alice, move_deliverable_url(d), to="on_hold", base_status="in_production")
    assert second.status_code == 409
    assert "meanwhile" in second.json()["detail"]
    d.refresh_from_db()
    assert (d.status, d.held_from) == ("internal_review", "")


def test_blocking_takes_a_reason(client, world, job):
    t = task(job, "Shoot the dishes", assignee=world.dan)
    client.force_login(world.dan)
    refused = drop(client, move_task_url(t), to="blocked", base_status="todo")
    assert refused.status_code == 422
    assert refused.json() == {"detail": "Say what the task is blocked on.", "field": "reason"}
    moved = drop(
        client,
        move_task_url(t),
        to="blocked",
        base_status="todo",
        reason="  Waiting for   the photos ",
    )
    assert moved.status_code == 200
    t.refresh_from_db()
    assert (t.status, t.blocked_reason) == ("blocked", "Waiting for the photos")
    assert "Blocked: Waiting for the photos" in moved.json()["card"]


def test_a_refused_move_s_address_reloaded_leads_back_to_the_card(client, world, job):
    t = task(job, "Shoot the dishes", assignee=world.dan)
    client.force_login(world.dan)
    refused = client.post(move_task_url(t), {"to": "blocked", "base_status": "todo"})
    assert refused.status_code == 422 and "Say what the task is blocked on." in refused.text
    again = client.get(move_task_url(t))  # the browser's address after the refused form
    assert (again.status_code, again["Location"]) == (302, f"{board_url(job)}#task-{t.pk}")
    d = deliverable(job, "Launch post")
    assert client.get(move_deliverable_url(d))["Location"].endswith(f"#deliverable-{d.pk}")
    client.force_login(world.carol)
    assert client.get(move_task_url(t)).status_code == 404


def test_an_illegal_move_is_refused_with_the_reason(client, world, job):
    d = deliverable(job, "Launch post", status="approved")
    client.force_login(world.alice)
    response = drop(client, move_deliverable_url(d), to="in_production", base_status="approved")
    assert response.status_code == 409
    assert "only with a new version" in response.json()["detail"]
    d.refresh_from_db()
    assert d.status == "approved"


def test_a_move_without_its_base_is_refused(client, world, job):
    t = task(job, "Shoot", assignee=world.dan)
    client.force_login(world.alice)
    response = drop(client, move_task_url(t), to="doing")
    assert response.status_code == 422
    assert response.json()["field"] == "base_status"
    response = drop(client, move_task_url(t), to="sideways", base_status="todo")
    assert response.status_code == 422
    t.refresh_from_db()
    assert t.status == "todo"


def test_creatives_move_their_own_tasks_only(client, world, job):
    mine = task(job, "Mine", assignee=world.dan)
    theirs = task(job, "Theirs", assignee=world.cora)
    client.force_login(world.dan)
    assert drop(client, move_task_url(mine), to="doing", base_status="todo").status_code == 200
    assert drop(client, move_task_url(theirs), to="doing", base_status="todo").status_code == 403
    theirs.refresh_from_db()
    assert theirs.status == "todo"
    page = client.get(board_url(job)).text
    card = page[page.index(f'id="task-{theirs.pk}"') :]
    card = card[: card.index("</li>")]
    assert "<select" not in card and "board-card--movable" not in card


def test_creatives_move_deliverables_within_production_only(client, world, job):
    d = deliverable(job, "Launch post", status="in_production")
    client.force_login(world.dan)
    assert to_internal_review(client, d).status_code == 200
    card = drop(client, move_deliverable_url(d), to="client_review", base_status="internal_review")
    assert card.status_code == 403
    d.refresh_from_db()
    assert d.status == "internal_review"
    page = client.get(board_url(job)).text
    card_html = page[page.index(f'id="deliverable-{d.pk}"') :]
    card_html = card_html[: card_html.index("</li>")]
    assert 'value="in_production"' in card_html and 'value="client_review"' not in card_html


def test_contacts_and_outsiders_cannot_move_cards(client, world, job):
    t = task(job, "Shoot", assignee=world.dan)
    d = deliverable(job, "Post")
    for persona, status in (("carol", 404), ("sam", 404), ("max", 404), ("cora", 404)):
        client.force_login(world.persona(persona))
        assert drop(client, move_task_url(t), to="doing", base_status="todo").status_code == status
        assert (
            drop(
                client, move_deliverable_url(d), to="in_production", base_status="not_started"
            ).status_code
            == status
        )
    t.refresh_from_db()
    d.refresh_from_db()
    assert (t.status, d.status) == ("todo", "not_started")


def test_a_card_of_another_job_is_not_on_this_board(client, world, job):
    other = board_job(world, title="Other")
    t = task(other, "Elsewhere", assignee=world.dan)
    client.force_login(world.alice)
    url = reverse("work:board_move_task", kwargs={"job_id": job.pk, "task_id": t.pk})
    assert client.post(url, {"to": "doing", "base_status": "todo"}).status_code == 404


def test_a_done_job_refuses_moves(client, world, job):
    t = task(job, "Shoot", assignee=world.dan)
    job.status = "done"
    job.save(update_fields=["status"])
    client.force_login(world.alice)
    response = drop(client, move_task_url(t), to="doing", base_status="todo")
    assert response.status_code == 409
    assert "no longer changes" in response.json()["detail"]


def test_the_board_costs_the_same_queries_whatever_its_size(
    client, world, job, django_assert_max_num_queries
):
    client.force_login(world.alice)
    fill(job, deliverables=5, tasks=10, people=[world.dan, world.cora])
    with django_assert_max_num_queries(12) as small:
        assert client.get(board_url(job)).status_code == 200
    fill(job, deliverables=100, tasks=400, people=[world.dan, world.cora, world.sam])
    with django_assert_max_num_queries(len(small.captured_queries)):
        page = client.get(board_url(job))
    assert page.text.count("data-card ") == 105 + 410


def test_a_column_lists_a_bounded_number_of_cards(client, world, job):
    from accord.work import overview

    fill(job, deliverables=0, tasks=overview.COLUMN_LIMIT * 4 + 8, people=[world.dan])
    client.force_login(world.alice)
    page = client.get(board_url(job)).text
    assert page.count('data-kind="task" data-status="todo"') == overview.COLUMN_LIMIT
    assert "And 2 more" in page


def test_a_drop_of_a_task_with_json_body_is_not_needed(client, world, job):
    """The move endpoint takes the card's form fields; a JSON body is not a move."""
    t = task(job, "Shoot", assignee=world.dan)
    client.force_login(world.alice)
    response = client.post(
        move_task_url(t),
        json.dumps({"to": "doing", "base_status": "todo"}),
        content_type="application/json",
        headers={"Accept": "application/json"},
    )
    assert response.status_code == 422


def test_the_job_page_leads_staff_to_the_board_and_timeline(client, world, job):
    client.force_login(world.alice)
    page = client.get(reverse("work:job_detail", kwargs={"job_id": job.pk})).text
    assert f'href="{board_url(job)}"' in page
    assert f'href="{reverse("work:job_overview", kwargs={"job_id": job.pk})}"' in page
    client.force_login(world.carol)
    page = client.get(reverse("work:job_detail", kwargs={"job_id": job.pk})).text
    assert board_url(job) not in page


def test_a_refused_move_off_hold_names_where_it_can_go_back_to(client, world, job):
    d = deliverable(job, "Launch post", status="on_hold", held_from="internal_review")
    client.force_login(world.alice)
    response = drop(client, move_deliverable_url(d), to="client_review", base_status="on_hold")
    assert response.status_code == 409
    assert "it can go to: cancelled, internal review." in response.json()["detail"]
