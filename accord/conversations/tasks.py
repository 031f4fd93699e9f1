from django_tasks import task

from accord.conversations.services import inbound


@task()
def process_inbound_email(email_id: int) -> str:
    """Put one stored email where it belongs (thread, request, triage); safe to run twice."""
    return inbound.process(email_id=email_id)
