"""Typed errors raised by services. The UI shows them as notices, the CLI as one stderr line and an exit code."""


class SupportDeskError(Exception):
    """Base of every error a person should see as a plain message."""

    exit_code = 1

    def __init__(self, message: str) -> None:
        super().__init__(message)
        self.message = message

    def __str__(self) -> str:
        return self.message


class NotFound(SupportDeskError):
    exit_code = 3


class Invalid(SupportDeskError):
    """A value a person gave is not acceptable; `field` names it so a form can point at it."""

    exit_code = 2

    def __init__(self, field: str, why: str) -> None:
        super().__init__(f"{field}: {why}")
        self.field = field
        self.why = why


class NotAllowed(SupportDeskError):
    """The acting user's role does not permit the action, or the action is not allowed in this state."""

    exit_code = 4


class SessionEnded(NotAllowed):
    """The signed-in user was disabled or given another role since signing in: they must sign in again."""


class Conflict(SupportDeskError):
    """Someone else changed the record since it was read; nothing was written."""

    exit_code = 5


class StorageError(SupportDeskError):
    """The database could not be reached or used (locked, missing, wrong version)."""

    exit_code = 6
