"""To-dos from the client's comments: where they may come from, who hears of them, and how
ticking one off ties it to the version that answers it."""

import pytest

from accord.core.errors import InvalidInput
from accord.core.models import Event
from accord.reviews.models import Todo, Version
from accord.reviews.services import comments, rounds, todos

from .helpers import notified, sent
from .review_data import banner_job, upload


@pytest.fixture
def banner(world):
    return banner_job(world)


@pytest.fixture
def asked(world, banner):
    """Version 1 sent to Acme; Ray's comment on it; Carol asked for changes."""
    version, made = sent(world, banner)
    said = comments.add_comment(by=world.ray, version=version, body="Logo bigger, please")
    rounds.decide(by=world.carol, round=made, verdict="changes_required", note="See Ray's note")
    return version, said


def _write(world, banner, *items):
    return todos.add_todos(by=world.alice, deliverable=banner, items=list(items))


def test_todos_come_from_the_clients_comments(world, banner, asked):
    _, said = asked
    todo, other = _write(world, banner, ("  Make the   logo larger ", [said.pk]), ("Check", []))
    assert todo.text == "Make the logo larger"
    assert list(todo.sources.all()) == [said]
    assert other.position == todo.position + 1
    added = Event.objects.get(verb="todo.added")
    assert added.data["todos"] == [todo.pk, other.pk] and added.data["sources"] == [said.pk]


def test_an_internal_comment_is_no_source(world, banner, asked):
    version, _ = asked
    note = comments.add_comment(by=world.dan, version=version, body="Logo is vector")
    with pytest.raises(InvalidInput, match="only point to the client's comments") as refused:
        _write(world, banner, ("Make the logo larger", [note.pk]))
    assert refused.value.field == "sources"
    assert not Todo.objects.exists()


def test_a_comment_on_another_deliverable_is_no_source(world, banner, asked):
    _, said = asked
    other = banner_job(world)
    with pytest.raises(InvalidInput, match="only point to the client's comments"):
        _write(world, other, ("Make the logo larger", [said.pk]))
    with pytest.raises(InvalidInput, match="only point to the client's comments"):
        _write(world, banner, ("Make the logo larger", [said.pk + 1000]))


def test_todo_limits(world, banner):
    with pytest.raises(InvalidInput, match="Write at least one to-do"):
        _write(world, banner, ("  ", []))
    with pytest.raises(InvalidInput, match="under 300 characters"):
        _write(world, banner, ("x" * 301, []))
    with pytest.raises(InvalidInput, match="50 to-dos at a time"):
        _write(world, banner, *[(f"Item {n}", []) for n in range(51)])


def test_the_people_doing_the_work_hear_of_todos(world, banner, asked):
    _write(world, banner, ("Make the logo larger", []))
    assert notified(world.dan, "review.todos") == 1  # the deliverable is his
    assert notified(world.alice, "review.todos") == 0  # she wrote them
    assert notified(world.carol, "review.todos") == 0


def test_ticked_before_the_next_version_the_todo_goes_with_it(world, banner, asked):
    (todo,) = _write(world, banner, ("Make the logo larger", []))
    ticked = todos.tick_todo(by=world.dan, todo=todo, done=True)
    assert ticked.done_at is not None and ticked.done_in is None  # version 1 is older
    v2 = upload(world, banner)
    todo.refresh_from_db()
    assert todo.done_in == v2 and todo.done_by == world.dan
    added = Event.objects.filter(verb="version.added").order_by("id").last()
    assert added.data["answers"] == [todo.pk]
    upload(world, banner)
    todo.refresh_from_db()
    assert todo.done_in == v2  # answered once, by the first version after it


def test_ticked_after_a_newer_version_the_todo_goes_with_that_one(world, banner, asked):
    (todo,) = _write(world, banner, ("Make the logo larger", []))
    v2 = upload(world, banner)
    assert todos.tick_todo(by=world.dan, todo=todo, done=True).done_in == v2


def test_unticked_it_is_open_again(world, banner, asked):
    (todo,) = _write(world, banner, ("Make the logo larger", []))
    todos.tick_todo(by=world.dan, todo=todo, done=True)
    again = todos.tick_todo(by=world.dan, todo=todo, done=False)
    assert (again.done_at, again.done_in, again.done_by) == (None, None, None)
    upload(world, banner)
    todo.refresh_from_db()
    assert todo.done_in is None
    verbs = list(Event.objects.filter(verb__startswith="todo.").order_by("id"))
    assert [e.verb for e in verbs] == ["todo.added", "todo.done", "todo.reopened"]


def test_a_version_answers_the_todos_it_names(world, banner, asked):
    first, second = _write(world, banner, ("Logo larger", []), ("Warmer orange", []))
    v2 = upload(world, banner, answers=[first.pk])
    first.refresh_from_db()
    second.refresh_from_db()
    assert (first.done_in, first.done_by) == (v2, world.dan)
    assert second.done_in is None and second.done_at is None


def test_a_version_cannot_answer_todos_that_are_not_open_here(world, banner, asked):
    (todo,) = _write(world, banner, ("Logo larger", []))
    upload(world, banner, answers=[todo.pk])
    with pytest.raises(InvalidInput, match="not open on this deliverable") as refused:
        upload(world, banner, answers=[todo.pk])
    assert refused.value.field == "answers"
    other = banner_job(world)
    (theirs,) = todos.add_todos(by=world.alice, deliverable=other, items=[("Elsewhere", [])])
    with pytest.raises(InvalidInput, match="not open on this deliverable"):
        upload(world, banner, answers=[theirs.pk])
    assert Version.objects.filter(deliverable=banner).count() == 2  # the refused ones rolled back


def test_removing_a_todo_is_recorded(world, banner, asked):
    (todo,) = _write(world, banner, ("Logo larger", []))
    todos.remove_todo(by=world.alice, todo=todo)
    assert not Todo.objects.exists()
    assert Event.objects.filter(verb="todo.removed").count() == 1
