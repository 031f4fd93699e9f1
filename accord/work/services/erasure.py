"""What the work app erases of a person (registered with accounts' erasure)."""

from accord.accounts.models import User
from accord.core.models import Notification
from accord.work.models import CalendarFeed, TimeEntry, TimeOff


def forget_person(person: User, by: User | None) -> None:
    """Their free text (time-off and time-entry notes), their calendar addresses, and the
    notifications that name them (theirs, and those their actions sent to others). The hours,
    dates and tasks stay: the work was done, by someone."""
    TimeOff.objects.filter(user=person).update(note="")
    TimeEntry.objects.filter(user=person).update(note="")
    CalendarFeed.objects.filter(user=person).delete()
    Notification.objects.filter(user=person).delete()
    Notification.objects.filter(actor=person).delete()
