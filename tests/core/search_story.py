"""The story the search tests share: briefs and review comments at Acme and Globex, each with
a word of its own, written through the services (so through the indexing they call).

Acme: a draft brief "Zephyr picnic" (only Acme's account side and contacts); a signed-off brief
"Kestrel launch" whose job Dan is on; on that job's deliverable, Dan's internal comment
"quokka", Alice's client comment "wombat" and Carol's own "platypus" (both on a version sent
to Acme). Globex: Max's brief "Zephyr savings".
"""

from dataclasses import dataclass
from typing import Any

from accord.intake import services as intake
from accord.intake.models import Brief
from accord.reviews.models import Comment
from accord.reviews.services import comments
from accord.work.models import Job
from tests.api.intake_data import advance, good_answers, social_template
from tests.reviews.helpers import sent
from tests.reviews.review_data import banner_job
from tests.work.helpers import start_job


@dataclass
class Story:
    draft: Brief
    signed: Brief
    globex_brief: Brief
    job: Job
    internal: Comment
    to_client: Comment
    carols: Comment


def tell(world: Any) -> Story:
    draft = intake.start_brief(
        by=world.alice, client=world.acme, template=social_template(), title="Zephyr picnic"
    )
    intake.save_answers(
        by=world.alice, brief=draft, answers={"background": "A zephyr of <b>summer</b> & fun."}
    )
    signed = intake.start_brief(
        by=world.alice, client=world.acme, template=social_template(), title="Kestrel launch"
    )
    intake.save_answers(by=world.alice, brief=signed, answers=good_answers(world))
    advance(world, signed, to="signed_off")
    job = start_job(signed, team=(world.dan,))
    globex_brief = intake.start_brief(
        by=world.max, client=world.globex, template=social_template(), title="Zephyr savings"
    )
    deliverable = banner_job(world)
    deliverable.job = job
    deliverable.save(update_fields=["job"])
    version, _ = sent(world, deliverable)
    internal = comments.add_comment(
        by=world.dan, version=version, body="The quokka mascot needs more contrast."
    )
    to_client = comments.add_comment(
        by=world.alice,
        version=version,
        body="Here is the wombat version you asked for.",
        audience="client",
        managing=True,
    )
    carols = comments.add_comment(by=world.carol, version=version, body="Our platypus is blue.")
    return Story(
        Brief.objects.get(pk=draft.pk),
        Brief.objects.get(pk=signed.pk),
        globex_brief,
        job,
        internal,
        to_client,
        carols,
    )
