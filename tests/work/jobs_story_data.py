"""What is true before issue 9's "Done when" story starts: Carol's Acme brief, signed off, with
her notes attached to its request and a deadline four weeks ahead; and Dan, the designer,
already over-booked in the week the plan's art direction is due."""

from dataclasses import dataclass
from datetime import date, timedelta
from typing import Any

from django.utils import timezone

from accord.intake import services
from accord.intake.models import Brief
from accord.work import rules
from accord.work.models import PublicHoliday
from accord.work.services.templates import seed_job_templates
from tests.api.intake_data import advance, good_answers, social_template
from tests.intake.view_helpers import new_request
from tests.work.capacity_data import job_for, task

TEMPLATE = "Social campaign — 6 posts"
DAN_TASK = "Art direction: look and feel, moodboard"
CORA_TASK = "Write captions for the six posts"
FILE = "brief-notes.pdf"
# The art direction is due ten working days before the job's deadline (template_seeds.py).
DESIGN_DAYS_BEFORE = 10


@dataclass
class Story:
    brief: Brief
    deadline: date
    busy_week: date  # the Monday of the week Dan is over-booked in


def before_the_story(world: Any) -> Story:
    """Carol's signed-off brief with a file, and Dan's 38 hours of other design work in the
    week his new task will be due (capacity 37.5)."""
    services.seed_templates()  # brief templates (a transactional test starts empty)
    seed_job_templates()
    deadline = rules.week_of(timezone.localdate()) + timedelta(weeks=4, days=4)  # a Friday
    request = new_request(world)  # Carol's, with her notes as a PDF
    brief = services.start_brief(
        by=world.alice,
        client=world.acme,
        template=social_template(),
        title="Spring launch posts",
        request=request,
    )
    answers = {**good_answers(world), "deadline": deadline.isoformat()}
    services.save_answers(by=world.alice, brief=brief, answers=answers)
    advance(world, brief, to="signed_off")
    brief.refresh_from_db()

    closed = set(PublicHoliday.objects.values_list("on", flat=True))
    design_due = rules.working_days_before(deadline, DESIGN_DAYS_BEFORE, closed)
    other = job_for(world.acme, world.alice, title="Autumn menu")
    task(other, world.dan, 20, design_due, title="Menu layout", discipline="design")
    task(other, world.dan, 18, design_due, title="Menu photography", discipline="design")
    return Story(brief=brief, deadline=deadline, busy_week=rules.week_of(design_due))
