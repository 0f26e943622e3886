"""Inquiries (問い合わせ), their append-only response history (対応履歴) and status history."""

from datetime import date, datetime
from typing import Any, Optional

from sqlalchemy import Column, Computed, Index, SmallInteger, Text, false, text
from sqlalchemy.orm import declared_attr
from sqlmodel import Field, Relationship, SQLModel, col
from sqlmodel.sql.sqltypes import UTCDateTime

from supportdesk.models.base import backend_index, created_field, enum_field, versioned
from supportdesk.models.enums import Channel, EntryKind, InquiryType, Priority, Status

# A ticket's priority as a rank, most important first (the priority sort). Stored as the database's own computed
# column: PostgreSQL keeps it in the row (STORED); SQLite, which can add only a VIRTUAL one to a table, computes it
# when a row is read and keeps it in the index (migration 0016).
PRIORITY_RANK_SQL = (
    "CASE priority WHEN 'urgent' THEN 0 WHEN 'high' THEN 1 WHEN 'normal' THEN 2 WHEN 'low' THEN 3 ELSE 4 END"
)

NEXT_DUE_SQL = (
    "CASE WHEN first_response_at IS NULL AND first_response_due IS NOT NULL"
    " AND (resolution_due IS NULL OR first_response_due < resolution_due)"
    " THEN first_response_due ELSE resolution_due END"
)


class Ticket(SQLModel, table=True):
    """One inquiry. Its `id` is the ticket number people quote (#123)."""

    __table_args__ = (
        Index("ix_ticket_status_updated", "status", "updated_at"),
        Index("ix_ticket_assignee_status", "assignee_id", "status"),
        # Open tickets per customer (caller lookup, customer 360): with customer_id alone the planner sometimes
        # counted them through the status index instead, reading every open ticket on the desk.
        Index("ix_ticket_customer_status", "customer_id", "status"),
        # Queue pages in the received, priority and due sorts read the sort key of every matching ticket (all 123k
        # open ones on the benchmark desk): these indexes hold it, so the page is chosen without reading the rows.
        # The second covers the due sort's expression (ticket_queries.next_due_sql) as well as the priority.
        Index("ix_ticket_status_received", "status", "received_at"),
        Index(
            "ix_ticket_status_priority_due",
            "status",
            "priority",
            "first_response_at",
            "first_response_due",
            "resolution_due",
        ),
        # The follow-up tab's count (pending tickets whose follow-up day has come): without it SQLite counted
        # through the priority/due index, reading every pending ticket (28 ms at 300k).
        Index("ix_ticket_status_follow_up", "status", "follow_up_on"),
    )

    id: int | None = Field(default=None, primary_key=True)
    customer_id: int = Field(foreign_key="customer.id")
    purchase_id: int | None = Field(default=None, foreign_key="purchase.id", index=True)
    channel: Channel = enum_field(Channel.PHONE)
    inquiry_type: InquiryType = enum_field(InquiryType.QUESTION, index=True)
    subject: str = Field(max_length=300)
    priority: Priority = enum_field(Priority.NORMAL)
    status: Status = enum_field(Status.NEW, index=True)
    assignee_id: int | None = Field(default=None, foreign_key="user.id")
    team: str | None = Field(default=None, max_length=100)
    follow_up_on: date | None = Field(default=None, index=True)
    received_at: datetime
    first_response_due: datetime | None = None
    resolution_due: datetime | None = None
    # Pending (waiting for the customer) pauses the resolution clock: when it started, and the total so far.
    pending_since: datetime | None = None
    sla_paused_seconds: int = Field(default=0, sa_column_kwargs={"server_default": "0"})
    first_response_at: datetime | None = None
    resolved_at: datetime | None = None
    closed_at: datetime | None = None
    resolution_note: str | None = Field(default=None, sa_type=Text)
    # A resolved case a lead or trainer holds up as the way to handle such an inquiry (模範事例).
    is_exemplary: bool = Field(default=False, sa_column_kwargs={"server_default": false()})
    exemplary_summary: str | None = Field(default=None, sa_type=Text)
    exemplary_by_id: int | None = Field(default=None, foreign_key="user.id")
    exemplary_at: datetime | None = None
    external_ref: str | None = Field(default=None, max_length=100, unique=True)
    # A ticket merged into another (the same inquiry twice) is closed and points at the one that carries on.
    merged_into_id: int | None = Field(default=None, foreign_key="ticket.id", index=True)

    created_at: datetime = created_field()
    updated_at: datetime = created_field()
    version: int = Field(default=1)

    @declared_attr.directive
    def __mapper_args__(cls) -> dict[str, object]:
        return versioned(cls)


# "Open tickets, latest first" on PostgreSQL: its indexes do not carry the row id as SQLite's carry the rowid, so the
# all-open queue by updated or received was a scan of every open ticket and a top-N sort (issue 20: 16 ms on SQLite,
# 71–77 ms on PostgreSQL at 300k tickets). These partial indexes hold the page order itself, tie-break included.
# The status list is copied from OPEN_STATUSES: an index must keep meaning what the migration made it mean.
_OPEN_LIST = "('new', 'on_hold', 'open', 'pending')"
_OPEN = text(f"status IN {_OPEN_LIST}")
# "Open" in a query, spelled as the partial indexes spell it: SQLite uses a partial index only when the query holds
# the index's own condition, which an IN over bound parameters never is; PostgreSQL then proves it at planning,
# whatever plan a prepared statement settles on. Constants of ours, never typed text (tests/.../test_query_plans.py
# checks the list is OPEN_STATUSES).
OPEN_TICKET = text(f"ticket.status IN {_OPEN_LIST}")
for _name, _column in (("updated", Ticket.updated_at), ("received", Ticket.received_at)):
    backend_index(
        "postgresql", f"ix_ticket_open_{_name}", col(_column).desc(), col(Ticket.id).desc(), postgresql_where=_OPEN
    )
    # An agent's own open tickets (and the unassigned ones) latest first, on both backends (migration 0018): the
    # home screen's first page read in order instead of every open ticket of the agent fetched and sorted.
    Index(
        f"ix_ticket_open_assignee_{_name}",
        col(Ticket.assignee_id),
        col(_column).desc(),
        col(Ticket.id).desc(),
        sqlite_where=_OPEN,
        postgresql_where=_OPEN,
    )
# The follow-up tab by number on PostgreSQL (migration 0019): its page is chosen from the numbers of every pending
# ticket due for follow-up, which (status, follow_up_on) gives SQLite with each entry's rowid but PostgreSQL only by
# visiting every row (17,873 at 300k: 10 of a page's 15 ms). With the id in the index the numbers come from it alone.
backend_index(
    "postgresql", "ix_ticket_status_follow_up_number", col(Ticket.status), col(Ticket.follow_up_on), col(Ticket.id)
)
# Urgent 0 … low 3, computed by the database from `priority` (migration 0016): the priority sort reads it from an
# index instead of ranking every open ticket (issue 20). A column of the table the ORM does not map: Python never
# sets it, and nothing reloads it after a flush.
PRIORITY_RANK = Column("priority_rank", SmallInteger, Computed(PRIORITY_RANK_SQL, persisted=True))
Ticket.__table__.append_column(PRIORITY_RANK)  # type: ignore[attr-defined]
# The due sort's key the same way: services/sla.next_due's rule (the first-response due while nobody has answered
# and it comes first, else the resolution due), computed by the database from the row's own columns.
NEXT_DUE: Column[datetime] = Column("next_due", UTCDateTime(), Computed(NEXT_DUE_SQL, persisted=True))
Ticket.__table__.append_column(NEXT_DUE)  # type: ignore[attr-defined]
# The open tickets, most important (or soonest due) first, newest first among equals: the priority and due sorts
# take their page off these indexes on both backends, the all-open queue off the first of each pair, "mine" and
# "unassigned" off the second (before: every open ticket's key read or computed, then all of them sorted). SQLite
# reads a partial index only for a query that names the same statuses as literals (OPEN_TICKET).
for _name, _key in (("priority", PRIORITY_RANK), ("due", NEXT_DUE)):
    Index(f"ix_ticket_open_{_name}", _key, col(Ticket.id).desc(), sqlite_where=_OPEN, postgresql_where=_OPEN)
    Index(
        f"ix_ticket_open_assignee_{_name}",
        col(Ticket.assignee_id),
        _key,
        col(Ticket.id).desc(),
        sqlite_where=_OPEN,
        postgresql_where=_OPEN,
    )


# The unassigned queue on PostgreSQL (migration 0022): from (assignee_id, key, id) PostgreSQL cannot read the
# unassigned tickets in key order, `assignee_id IS NULL` being no equality to it, so it took all 11,409 and sorted
# them (5.0 ms of a page's statement at 300k; 2.6 with these). SQLite reads IS NULL as an equality: it needs none.
_OPEN_UNASSIGNED = text(f"status IN {_OPEN_LIST} AND assignee_id IS NULL")
for _name, _order in (
    ("updated", (col(Ticket.updated_at).desc(), col(Ticket.id).desc())),
    ("received", (col(Ticket.received_at).desc(), col(Ticket.id).desc())),
    ("priority", (PRIORITY_RANK, col(Ticket.id).desc())),
    ("due", (NEXT_DUE, col(Ticket.id).desc())),
):
    backend_index("postgresql", f"ix_ticket_open_unassigned_{_name}", *_order, postgresql_where=_OPEN_UNASSIGNED)


# The follow-up tab (pending tickets whose follow-up day has come), page by page in each sort's order (migration
# 0021): SQLite, with no planner statistics, took every due ticket from (status, follow_up_on), read each row for
# its sort key and sorted them all (16,559 tickets, 31-47 ms a page at 300k, over 50 ms at p95 in some runs);
# PostgreSQL sorted them too (21-23 ms). Walking the pending tickets in page order, the follow-up day read from the
# index entry, stops after the page. SQLite is told the index (ticket_queries); a query names the status as a
# literal (PENDING_TICKET), which is what lets either database use a partial index.
_PENDING = text("status = 'pending'")
PENDING_TICKET = text("ticket.status = 'pending'")
FOLLOW_UP_PAGE_INDEXES: dict[str, tuple[Any, ...]] = {
    "updated": (col(Ticket.updated_at), col(Ticket.id)),
    "received": (col(Ticket.received_at), col(Ticket.id)),
    "priority": (PRIORITY_RANK, col(Ticket.id).desc()),
    "due": (NEXT_DUE, col(Ticket.id).desc()),
}
for _name, _order in FOLLOW_UP_PAGE_INDEXES.items():
    Index(
        f"ix_ticket_follow_up_{_name}",
        *_order,
        col(Ticket.follow_up_on),
        sqlite_where=_PENDING,
        postgresql_where=_PENDING,
    )


class TicketEntry(SQLModel, table=True):
    """One item of a ticket's thread. Append-only: a correction is a new entry."""

    __tablename__ = "ticket_entry"

    id: int | None = Field(default=None, primary_key=True)
    ticket_id: int = Field(foreign_key="ticket.id", index=True)
    kind: EntryKind = enum_field()
    # Who wrote it; for a customer message, the agent who recorded the customer's words (None when imported).
    author_id: int | None = Field(default=None, foreign_key="user.id")
    body: str = Field(default="", sa_type=Text)
    call_duration_seconds: int | None = None
    status_change_id: int | None = Field(default=None, foreign_key="status_change.id")
    # What an assignment or field-change entry changed, as JSON {"field": [before, after]} of stored values.
    details: str | None = Field(default=None, sa_type=Text)
    # A customer message entered by hand: how it reached us (letter, chat …) and when the customer sent it;
    # `created_at` stays the moment it was recorded.
    channel: Channel | None = enum_field(None, nullable=True)
    received_at: datetime | None = None
    # The ticket this entry was written on before a merge moved it here.
    merged_from_id: int | None = Field(default=None, foreign_key="ticket.id")
    # The trigger or macro that wrote this entry, by its name at the time (None: a person, directly).
    via_rule: str | None = Field(default=None, max_length=100)
    created_at: datetime = created_field()

    # Lets a service attach the thread line to a status change before either has an id (no early flush).
    status_change: Optional["StatusChange"] = Relationship()


class StatusChange(SQLModel, table=True):
    __tablename__ = "status_change"

    id: int | None = Field(default=None, primary_key=True)
    ticket_id: int = Field(foreign_key="ticket.id", index=True)
    from_status: Status | None = enum_field(None, nullable=True)
    to_status: Status = enum_field()
    actor_id: int | None = Field(default=None, foreign_key="user.id")
    reason: str | None = Field(default=None, max_length=500)
    at: datetime = created_field()


class TicketTag(SQLModel, table=True):
    """Free-form labels on a ticket (e.g. 初期不良, 法人), normalised (NFKC, lower case) when set."""

    __tablename__ = "ticket_tag"

    ticket_id: int = Field(foreign_key="ticket.id", primary_key=True)
    tag: str = Field(max_length=50, primary_key=True, index=True)


class SavedView(SQLModel, table=True):
    """A named set of ticket-list filters and sort; a lead may share it with the team."""

    __tablename__ = "saved_view"

    id: int | None = Field(default=None, primary_key=True)
    owner_id: int = Field(foreign_key="user.id", index=True)
    name: str = Field(max_length=100)
    filters: str = Field(default="{}", sa_type=Text)  # JSON of the list's filter fields
    sort: str = Field(default="updated", max_length=20)
    shared: bool = Field(default=False, sa_column_kwargs={"server_default": false()})
    team: str | None = Field(default=None, max_length=100)
    created_at: datetime = created_field()
