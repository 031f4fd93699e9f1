"""Work for the workload page: a job per client and, for every creative, open tasks due over
the next ten weeks (some spread from a start date), finished ones, time off and the agency's
public holidays, inserted in bulk."""

import random
from datetime import date, datetime, timedelta
from decimal import Decimal

from accord.accounts.models import User
from accord.clients.models import Client
from accord.core.policy import StaffRole
from accord.work.models import Job, PublicHoliday, Task, TimeOff

BATCH = 1000
OPEN_TASKS_PER_CREATIVE = 40
DONE_TASKS_PER_CREATIVE = 20
OPEN = [Task.Status.TODO, Task.Status.TODO, Task.Status.DOING, Task.Status.BLOCKED]


def make_capacity(clients: list[Client], *, rng: random.Random, now: datetime) -> dict[str, int]:
    today = now.date()
    creatives = list(User.objects.filter(staff_role=StaffRole.CREATIVE).order_by("pk"))
    jobs = Job.objects.bulk_create(
        [
            Job(client=c, title=f"{c.name}: campaign", owner_id=c.account_manager_id)
            for c in clients
        ],
        batch_size=BATCH,
    )
    tasks = []
    for person in creatives:
        for n in range(OPEN_TASKS_PER_CREATIVE + DONE_TASKS_PER_CREATIVE):
            due = today + timedelta(days=rng.randint(-5, 70))
            spread = rng.random() < 0.3
            tasks.append(
                Task(
                    job=rng.choice(jobs),
                    title=f"Task {n + 1}",
                    discipline=(person.disciplines or [""])[0],
                    assignee=person,
                    estimate_hours=Decimal(rng.choice([1, 2, 3, 4, 6, 8])),
                    due_on=due,
                    starts_on=due - timedelta(days=rng.randint(2, 9)) if spread else None,
                    status=rng.choice(OPEN) if n < OPEN_TASKS_PER_CREATIVE else Task.Status.DONE,
                )
            )
    Task.objects.bulk_create(tasks, batch_size=BATCH)
    time_off = []
    for person in creatives[::3]:
        start = today + timedelta(days=rng.randint(0, 50))
        time_off.append(
            TimeOff(user=person, starts_on=start, ends_on=start + timedelta(days=rng.randint(0, 6)))
        )
    TimeOff.objects.bulk_create(time_off, batch_size=BATCH)
    holidays = [date(today.year, 12, 25), date(today.year, 12, 26), date(today.year + 1, 1, 1)]
    holidays += [today + timedelta(days=23)]
    PublicHoliday.objects.bulk_create(
        [PublicHoliday(on=d, name="Holiday") for d in sorted(set(holidays))], batch_size=BATCH
    )
    return {"jobs": len(jobs), "tasks": len(tasks), "time_off": len(time_off)}
