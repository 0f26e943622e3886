"""The desk's changes as the service reads them: new thread entries in id order, one `Change` per ticket.

Every change to a ticket writes a thread entry (a message, a note, a status change, an assignment, a field change),
so reading entries past a cursor sees every change once. The cursor is kept in the database (`feed_cursor`) and
moves in the same transaction as the notifications about what it read, so nothing is told twice or missed. As
with the search outbox (services/search.py), an id missing below the newest one read may belong to a transaction
that has not committed yet (PostgreSQL numbers rows before they commit): it is looked for again for a while.
"""

import json
import time
from collections.abc import Iterable
from dataclasses import dataclass, field
from datetime import datetime, timedelta

from sqlalchemy import ColumnElement, func, or_
from sqlmodel import Session, col, select
from sqlmodel.sql.expression import Select

from supportdesk.models import EntryKind, FeedCursor, Status, StatusChange, TicketEntry
from supportdesk.models.base import utcnow
from supportdesk.services.datafiles.tickets import REASON_IMPORTED

FEED = "changes"
BATCH = 500
GAP_WAIT = timedelta(minutes=10)
_MAX_GAPS = 10_000


@dataclass(frozen=True)
class EntryFact:
    id: int
    kind: str
    author_id: int | None
    via_rule: str | None
    body: str
    details: dict[str, list[object]]
    from_status: str | None
    to_status: str | None
    created_at: datetime


@dataclass(frozen=True)
class Change:
    """What happened to one ticket since the service last looked (one or more thread entries)."""

    ticket_id: int
    entries: tuple[EntryFact, ...]

    @property
    def change_id(self) -> int:
        """The change's name (a rule answers each change once): its first entry, which stays the same when the
        change is read again from the same cursor after a restart, whatever was written since."""
        return self.entries[0].id

    @property
    def at(self) -> datetime:
        return self.entries[0].created_at

    @property
    def created_by(self) -> int | None:
        """The entry that opened the ticket, when the change opened it (its first message comes just before)."""
        return next((e.id for e in self.entries if e.kind == EntryKind.STATUS_CHANGE and e.from_status is None), None)

    @property
    def created(self) -> bool:
        return self.created_by is not None

    def replies(self) -> list["EntryFact"]:
        """The customer's messages that answer the ticket (not the words it was opened with)."""
        opened = self.created_by or 0
        return [e for e in self.entries if e.kind == EntryKind.CUSTOMER_MESSAGE and e.id > opened]

    @property
    def imported(self) -> bool:
        """Written by an import: history, not news."""
        return any(e.kind == EntryKind.STATUS_CHANGE and e.body == REASON_IMPORTED for e in self.entries)

    @property
    def customer_replied(self) -> bool:
        return bool(self.replies())

    def events(self) -> set[str]:
        found = {"created"} if self.created else {"updated"}
        return found | {"updated", "customer_replied"} if self.customer_replied else found

    def automatic(self, desk_account: int) -> bool:
        """Only the desk itself acted (rules, timed rules): triggers never answer these, so rules cannot loop.
        The customer's words are never automatic, even when the desk took them in from a mail."""
        return all(e.author_id == desk_account and e.kind != EntryKind.CUSTOMER_MESSAGE for e in self.entries)

    def customer_words(self) -> str:
        return "\n".join(e.body for e in self.entries if e.kind == EntryKind.CUSTOMER_MESSAGE)

    def reopened(self) -> bool:
        return any(e.to_status == Status.OPEN and e.from_status in ("resolved", "closed") for e in self.entries)


@dataclass
class Cursor:
    upto: int = 0
    gaps: dict[int, float] = field(default_factory=dict)  # missing id -> when it was first missed (epoch seconds)

    @classmethod
    def load(cls, session: Session, name: str = FEED) -> "Cursor":
        row = session.get(FeedCursor, name, populate_existing=True)
        if row is None:
            # A service started on a desk with a past: what happened before it ran is history, not news.
            newest = session.exec(select(func.max(TicketEntry.id))).one()
            return cls(int(newest or 0))
        try:
            gaps = {int(k): float(v) for k, v in json.loads(row.gaps).items()}
        except (TypeError, ValueError):
            gaps = {}
        return cls(row.upto, gaps)

    def save(self, session: Session, name: str = FEED) -> None:
        """Uncommitted: it moves with what was done about the entries read."""
        row = session.get(FeedCursor, name) or FeedCursor(name=name)
        row.upto = self.upto
        row.gaps = json.dumps({str(k): v for k, v in self.gaps.items()})
        row.updated_at = utcnow()
        session.add(row)

    def pending(self) -> ColumnElement[bool]:
        waiting = col(TicketEntry.id) > self.upto
        return or_(waiting, col(TicketEntry.id).in_(sorted(self.gaps))) if self.gaps else waiting

    def advanced(self, ids: Iterable[int], now: float | None = None) -> "Cursor":
        now = time.time() if now is None else now
        seen = set(ids)
        if not seen:
            return Cursor(self.upto, {g: t for g, t in self.gaps.items() if now - t < GAP_WAIT.total_seconds()})
        upto = max(self.upto, *seen)
        gaps = {g: t for g, t in self.gaps.items() if g not in seen and now - t < GAP_WAIT.total_seconds()}
        gaps |= {i: now for i in range(max(self.upto + 1, upto - _MAX_GAPS), upto) if i not in seen}
        return Cursor(upto, gaps)


_Row = Select[TicketEntry, str | None, str | None]


def read_changes(session: Session, cursor: Cursor, limit: int = BATCH) -> tuple[list[Change], list[int]]:
    """The next changes past `cursor` (at most `limit` entries), one per ticket in the order they first appear,
    and the ids read (for `cursor.advanced`)."""
    query = (
        _Row(TicketEntry, col(StatusChange.from_status), col(StatusChange.to_status))
        .outerjoin(StatusChange, col(StatusChange.id) == TicketEntry.status_change_id)
        .where(cursor.pending())
        .order_by(col(TicketEntry.id))
        .limit(limit)
    )
    by_ticket: dict[int, list[EntryFact]] = {}
    ids = []
    for entry, from_status, to_status in session.exec(query).all():
        assert entry.id is not None
        ids.append(entry.id)
        fact = EntryFact(
            id=entry.id,
            kind=str(entry.kind),
            author_id=entry.author_id,
            via_rule=entry.via_rule,
            body=entry.body,
            details=json.loads(entry.details) if entry.details else {},
            from_status=str(from_status) if from_status else None,
            to_status=str(to_status) if to_status else None,
            created_at=entry.created_at,
        )
        by_ticket.setdefault(entry.ticket_id, []).append(fact)
    return [Change(ticket, tuple(facts)) for ticket, facts in by_ticket.items()], ids
