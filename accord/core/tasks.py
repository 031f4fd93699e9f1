from django_tasks import task

from accord.core import mail


@task()
def deliver_email(email_id: int) -> bool:
    """Deliver one stored email; safe to run twice."""
    return mail.deliver(email_id)
