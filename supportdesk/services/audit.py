"""Writing to the append-only audit log. Callers add the event in the same transaction as the change; a look at
personal data, which changes nothing, is recorded in a transaction of its own (`commit_view`)."""

import json
from dataclasses import dataclass
from datetime import timedelta
from typing import Any, Generic, TypeVar

import sqlalchemy as sa
from sqlalchemy import ColumnElement
from sqlmodel import Session, col, select

from supportdesk.db import RECORDS_A_LOOK
from supportdesk.models import AuditEvent
from supportdesk.models.base import utcnow
from supportdesk.services.actor import Actor

# A screen that reloads (after each change, every few seconds) is one look, not many: one view event per person,
# record and window.
VIEW_WINDOW = timedelta(minutes=5)

T = TypeVar("T")


@dataclass(frozen=True)
class View:
    """A look at an object holding personal data, to be recorded as `<object_type>.view`."""

    object_type: str
    object_id: int


@dataclass(frozen=True)
class Viewed(Generic[T]):
    """What a read found, and the look it still has to record (None: this person looked within VIEW_WINDOW).

    A read returns this instead of writing, so that it can run outside a transaction on PostgreSQL (issue 20) and
    the rare look that must be recorded is written afterwards, in a short transaction of its own."""

    found: T
    view: View | None


def record(
    session: Session,
    actor: Actor | None,
    action: str,
    object_type: str,
    object_id: int | None,
    **detail: Any,
) -> AuditEvent:
    event = _event(actor, action, object_type, object_id, detail)
    session.add(event)
    return event


# What a record's INSERT sets (the id is the database's).
_INSERTED = ("actor_id", "actor_login", "action", "object_type", "object_id", "detail", "at")


def _event(
    actor: Actor | None, action: str, object_type: str, object_id: int | None, detail: dict[str, Any]
) -> AuditEvent:
    return AuditEvent(
        actor_id=actor.id if actor else None,
        actor_login=actor.login if actor else "system",
        action=action,
        object_type=object_type,
        object_id=object_id,
        detail=json.dumps(detail, ensure_ascii=False, default=str) if detail else None,
    )


def viewed_lately(actor: Actor, object_type: str, object_id: Any) -> ColumnElement[bool]:
    """Whether `actor` viewed the object within VIEW_WINDOW, as a column to read with the object itself (one
    statement instead of two on every open: a round trip on PostgreSQL, issue 20). `object_id`: its id column."""
    return (
        select(AuditEvent.id)
        .where(
            col(AuditEvent.actor_id) == actor.id,
            col(AuditEvent.action) == f"{object_type}.view",
            col(AuditEvent.object_type) == object_type,
            col(AuditEvent.object_id) == object_id,
            col(AuditEvent.at) >= utcnow() - VIEW_WINDOW,
        )
        .exists()
    )


def view_to_record(object_type: str, object_id: int, *, seen: bool) -> View | None:
    """The look to record, unless this person viewed the object within VIEW_WINDOW (`seen`, read as
    `viewed_lately` with the object)."""
    return None if seen else View(object_type, object_id)


def record_view(session: Session, actor: Actor, object_type: str, object_id: int, *, seen: bool | None = None) -> None:
    """Record that `actor` read an object holding personal data (`<type>.view`), and commit it.

    Reads are audited so that `audit --customer N` answers who looked at this person's data. The detail holds
    nothing but the ids. A second look within VIEW_WINDOW is not recorded again: `seen` is `viewed_lately` as read
    with the object, or None to ask now.
    """
    if seen is None:
        seen = bool(session.execute(sa.select(viewed_lately(actor, object_type, object_id))).scalar_one())
    view = view_to_record(object_type, object_id, seen=seen)
    if view is not None:
        commit_view(session, actor, view)


def commit_view(session: Session, actor: Actor, view: View) -> None:
    """Write the record of `view` and commit. Whatever else `session` holds is committed with it, so it follows
    reads only: on PostgreSQL the desk gives it a session of its own, a transaction of one INSERT."""
    record(session, actor, f"{view.object_type}.view", view.object_type, view.object_id)
    if session.get_bind().dialect.name == "postgresql":
        # A record of a read does not wait for its WAL to reach the disk (PostgreSQL still writes it within
        # wal_writer_delay; a server crash in between may lose it, never corrupt anything). The embedded desk
        # makes that trade for every commit (SQLite WAL with synchronous=NORMAL); changes to tickets and people
        # keep waiting. The wait was a millisecond or more of every first open on a team desk (issue 20).
        session.execute(sa.text("SET LOCAL synchronous_commit TO OFF"))
    session.commit()


def insert_view(session: Session, actor: Actor, view: View) -> None:
    """Write the record of `view` on the reading path (`db.reading_engine`, PostgreSQL): one INSERT outside a
    transaction, which commits it. Its commit does not wait for the disk (what `commit_view` asks per transaction
    is set on those connections). A transaction of one row was four round trips: BEGIN, the row, SET LOCAL,
    COMMIT (issue 20)."""
    row = _event(actor, f"{view.object_type}.view", view.object_type, view.object_id, {})
    statement = (
        sa.insert(AuditEvent)
        .values({name: getattr(row, name) for name in _INSERTED})
        .execution_options(**{RECORDS_A_LOOK: True})
    )
    session.execute(statement)


def recorded(session: Session, actor: Actor, viewed: Viewed[T]) -> T:
    """What `viewed` found, once its look is recorded in `session` (a read and its record in one session)."""
    if viewed.view is not None:
        commit_view(session, actor, viewed.view)
    return viewed.found
