"""Typed errors raised by services. The UI shows them as notices, the CLI as one stderr line and an exit code.

Each carries its text as a catalog message (`supportdesk.i18n.msg`) with its values, rendered in the reader's
language when it is shown: `raise NotFound(msg("Ticket #{number} does not exist.", number=7))`.
"""

from datetime import datetime

from supportdesk.i18n import FieldName, Msg, Readable, msg, unmarked


class SupportDeskError(Exception):
    """Base of every error a person should see as a plain message."""

    exit_code = 1

    def __init__(self, message: Readable) -> None:
        super().__init__(message)
        self.msg = message

    def as_msg(self) -> Readable:
        """The whole message, to be rendered when shown (read models carry it to the screen or the CLI)."""
        return self.msg

    @property
    def message(self) -> str:
        """The text in the current language."""
        message = self.as_msg()
        return unmarked(message) if isinstance(message, str) else str(message)

    def __str__(self) -> str:
        return self.message

    @property
    def in_app(self) -> str:
        """The text the app shows: the same as `message` unless the words name a command to type (the CLI's way
        out), when the app says what to do in the app instead."""
        return self.message


class NotFound(SupportDeskError):
    exit_code = 3


class Invalid(SupportDeskError):
    """A value a person gave is not acceptable; `field` names it so a form can point at it.

    `field` is an identifier such as "subject" (shown through the catalog) or a place such as a file path or a
    column of someone's CSV (shown as it is).
    """

    exit_code = 2

    def __init__(self, field: str, why: Readable, app_why: Readable | None = None) -> None:
        super().__init__(why)
        self.field = field
        self.why_msg = why
        self.app_why = app_why  # what to do in the app, where `why` names a command

    @property
    def why(self) -> str:
        return unmarked(self.why_msg) if isinstance(self.why_msg, str) else str(self.why_msg)

    def as_msg(self) -> Msg:
        why = unmarked(self.why_msg) if isinstance(self.why_msg, str) else self.why_msg
        return msg("{field}: {why}", field=FieldName(self.field), why=why)

    @property
    def in_app(self) -> str:
        if self.app_why is None:
            return self.message
        why = unmarked(self.app_why) if isinstance(self.app_why, str) else self.app_why
        return str(msg("{field}: {why}", field=FieldName(self.field), why=why))


class NotAllowed(SupportDeskError):
    """The acting user's role does not permit the action, or the action is not allowed in this state."""

    exit_code = 4


class SessionEnded(NotAllowed):
    """The signed-in user was disabled or given another role since signing in: they must sign in again."""


class Conflict(SupportDeskError):
    """Someone else changed the record since it was read; nothing was written.

    `changed_by` (a person's name) and `changed_at` (aware UTC) say who it was, when known, so a screen can name
    the colleague in its own language and the user's local time.
    """

    exit_code = 5

    def __init__(self, message: Readable, changed_by: str | None = None, changed_at: datetime | None = None) -> None:
        super().__init__(message)
        self.changed_by = changed_by
        self.changed_at = changed_at


class StorageError(SupportDeskError):
    """The database could not be reached or used (locked, missing, wrong version)."""

    exit_code = 6


class MailServerError(SupportDeskError):
    """The IMAP or SMTP server could not be reached, refused the login, or dropped the connection."""

    exit_code = 7
