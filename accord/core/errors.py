"""Errors a user can cause. Each carries a human message; none becomes a 500."""


class DomainError(Exception):
    """A rule of the domain was broken; the message says which, in plain words."""

    status = 409

    def __init__(self, message: str, *, field: str | None = None) -> None:
        super().__init__(message)
        self.message = message
        self.field = field


class InvalidInput(DomainError):
    """The input is well-formed but not acceptable (duplicate name, bad file…)."""

    status = 422


class IllegalTransition(DomainError):
    """A workflow object was asked to move to a state it cannot reach from where it is."""

    status = 409


class NotAllowed(DomainError):
    """The person may see the object but not do this to it (a rule only a service can judge)."""

    status = 403


class Unavailable(DomainError):
    """Something Accord relies on (the file store) did not answer; nothing was changed."""

    status = 503


class Conflict(DomainError):
    """Someone else changed the object since the person's page (or request) read it; nothing
    was overwritten. The message says what it is now."""

    status = 409


class NeedsConfirmation(DomainError):
    """Allowed, but unusual enough to ask first (a due date after the deadline, a timer left
    running overnight): sending the same again with `confirm` set goes ahead."""

    status = 409

    def __init__(self, message: str) -> None:
        super().__init__(message, field="confirm")
