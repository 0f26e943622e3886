"""What the desk tells each person (notifications), how they want to hear it, and who is signed in right now."""

from datetime import date, datetime

from sqlalchemy import Index, Text, false
from sqlmodel import Field, SQLModel

from supportdesk.models.base import created_field


class Notification(SQLModel, table=True):
    """One thing one person should know about (assigned to you, the customer answered, a warning …).

    It holds ids and values, never text people wrote: the ticket's subject is read when the list is shown, so an
    erasure has nothing to rewrite here and the reader's role decides what they see.
    """

    __table_args__ = (Index("ix_notification_user_read", "user_id", "read_at"),)

    id: int | None = Field(default=None, primary_key=True)
    user_id: int = Field(foreign_key="user.id")
    kind: str = Field(max_length=30)
    ticket_id: int | None = Field(default=None, foreign_key="ticket.id", index=True)
    actor_id: int | None = Field(default=None, foreign_key="user.id")  # who caused it; None: the desk itself
    rule: str | None = Field(default=None, max_length=100)  # the rule's name when a rule acted
    detail: str | None = Field(default=None, sa_type=Text)  # JSON of the values the message needs
    created_at: datetime = created_field(index=True)
    read_at: datetime | None = None
    mailed_at: datetime | None = None  # went out in a daily digest


class NotificationSetting(SQLModel, table=True):
    """A person's choice of a daily digest by mail, and where to send it."""

    __tablename__ = "notification_setting"

    user_id: int = Field(foreign_key="user.id", primary_key=True)
    email: str = Field(default="", max_length=254)
    digest: bool = Field(default=False, sa_column_kwargs={"server_default": false()})
    digest_sent_on: date | None = None


class Online(SQLModel, table=True):
    """A person with the app open, kept alive by the app's heartbeat: "signed in" for round-robin assignment."""

    user_id: int = Field(foreign_key="user.id", primary_key=True)
    seen_at: datetime = created_field(index=True)
