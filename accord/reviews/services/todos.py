"""To-dos for the creative, written by the AM in neutral words from the client's comments, and
ticked off against the version that answers them."""

from django.db import transaction
from django.db.models import Max
from django.utils import timezone

from accord.accounts.models import User
from accord.core import events
from accord.core.errors import InvalidInput
from accord.core.notify import notify
from accord.core.policy import Audience
from accord.reviews.models import Comment, Todo
from accord.reviews.services.common import deliverable_url
from accord.work.models import Deliverable, Task

MAX_TEXT = 300
MAX_PER_DELIVERABLE = 300
MAX_AT_ONCE = 50


@transaction.atomic
def add_todos(
    *, by: User, deliverable: Deliverable, items: list[tuple[str, list[int]]]
) -> list[Todo]:
    """Add to-dos (text, ids of the client comments each comes from) and tell the people
    doing the deliverable's work."""
    items = [(" ".join(text.split()), sources) for text, sources in items if text.strip()]
    if not items:
        raise InvalidInput("Write at least one to-do.", field="todos")
    if len(items) > MAX_AT_ONCE:
        raise InvalidInput(f"Add {MAX_AT_ONCE} to-dos at a time at most.", field="todos")
    if any(len(text) > MAX_TEXT for text, _ in items):
        raise InvalidInput(f"Keep each to-do under {MAX_TEXT} characters.", field="todos")
    Deliverable.objects.select_for_update().filter(pk=deliverable.pk).values_list("pk").get()
    count = Todo.objects.filter(deliverable=deliverable).count()
    if count + len(items) > MAX_PER_DELIVERABLE:
        raise InvalidInput(f"A deliverable keeps {MAX_PER_DELIVERABLE} to-dos at most.")
    wanted = {pk for _, sources in items for pk in sources}
    found = set(
        Comment.objects.filter(
            pk__in=wanted, deliverable=deliverable, audience=Audience.CLIENT
        ).values_list("pk", flat=True)
    )
    if wanted - found:
        raise InvalidInput(
            "A to-do can only point to the client's comments on this deliverable.",
            field="sources",
        )
    last = Todo.objects.filter(deliverable=deliverable).aggregate(m=Max("position"))["m"] or 0
    made = []
    for i, (text, sources) in enumerate(items, start=1):
        todo = Todo.objects.create(
            deliverable=deliverable, text=text, created_by=by, position=last + i
        )
        if sources:
            todo.sources.set(sorted(set(sources)))
        made.append(todo)
    events.record(
        actor=by,
        verb="todo.added",
        target=deliverable,
        client=deliverable.job.client_id,
        data={
            "deliverable": deliverable.pk,
            "title": deliverable.title,
            "todos": [t.pk for t in made],
            "sources": sorted(found),
        },
    )
    workers = set(
        Task.objects.filter(deliverable=deliverable, assignee__isnull=False).values_list(
            "assignee_id", flat=True
        )
    )
    people = list(User.objects.filter(pk__in=workers | {deliverable.owner_id} - {None}))
    notify(
        people=people,
        kind="review.todos",
        text=f"{len(made)} to-do{'s' if len(made) != 1 else ''} for “{deliverable.title}” "
        "from the client's review.",
        url=deliverable_url(deliverable.pk) + "#todos",
        actor=by,
        client_id=deliverable.job.client_id,
        details="\n".join(f"- {t.text}" for t in made),
    )
    return made


@transaction.atomic
def tick_todo(*, by: User, todo: Todo, done: bool) -> Todo:
    """Tick a to-do done (or not). It counts as answered by the first version after it was
    written: the latest if there is one already, else the next one uploaded."""
    locked = Todo.objects.select_for_update().get(pk=todo.pk)
    if bool(locked.done_at) == done:
        return locked
    if done:
        latest = locked.deliverable.versions.order_by("-number").first()
        answered = latest if latest and latest.created_at > locked.created_at else None
        locked.done_in, locked.done_by, locked.done_at = answered, by, timezone.now()
    else:
        locked.done_in = locked.done_by = locked.done_at = None
    locked.save(update_fields=["done_in", "done_by", "done_at"])
    events.record(
        actor=by,
        verb="todo.done" if done else "todo.reopened",
        target=locked.deliverable,
        client=locked.deliverable.job.client_id,
        data={"deliverable": locked.deliverable_id, "todo": locked.pk},
    )
    return locked


@transaction.atomic
def remove_todo(*, by: User, todo: Todo) -> None:
    deliverable = todo.deliverable
    Todo.objects.filter(pk=todo.pk).delete()
    events.record(
        actor=by,
        verb="todo.removed",
        target=deliverable,
        client=deliverable.job.client_id,
        data={"deliverable": deliverable.pk, "todo": todo.pk},
    )
