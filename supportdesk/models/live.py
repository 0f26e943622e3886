"""What agents are doing right now: who has a ticket open (presence) and what they have not sent yet (drafts)."""

from datetime import datetime

from sqlalchemy import Text
from sqlmodel import Field, SQLModel

from supportdesk.models.base import created_field, enum_field
from supportdesk.models.enums import EntryKind


class Presence(SQLModel, table=True):
    """One agent with one ticket open, kept alive by a heartbeat; a row not renewed within the time-to-live is
    read as gone and removed by the next heartbeat, so a crashed app leaves no one "viewing" for long."""

    ticket_id: int = Field(foreign_key="ticket.id", primary_key=True)
    user_id: int = Field(foreign_key="user.id", primary_key=True)
    seen_at: datetime = created_field(index=True)
    typing_at: datetime | None = None  # the last heartbeat that said the agent was typing


class Draft(SQLModel, table=True):
    """An agent's unsent entry on one ticket: kept across restarts, removed when it is sent or discarded."""

    user_id: int = Field(foreign_key="user.id", primary_key=True)
    ticket_id: int = Field(foreign_key="ticket.id", primary_key=True)
    kind: EntryKind = enum_field(EntryKind.REPLY)
    body: str = Field(default="", sa_type=Text)
    call_seconds: int | None = None
    updated_at: datetime = created_field()
