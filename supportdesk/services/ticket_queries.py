"""Reading tickets: queues and one ticket with its thread."""

import json
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, replace
from datetime import date, datetime
from enum import StrEnum
from typing import Any, TypeVar

import sqlalchemy as sa
from sqlalchemy import and_, case, func, or_
from sqlalchemy.orm import aliased
from sqlmodel import Session, col, select
from sqlmodel.sql.expression import Select
from sqlmodel.sql.sqltypes import UTCDateTime

from supportdesk.errors import NotFound
from supportdesk.i18n import msg
from supportdesk.models import (
    Company,
    Customer,
    Priority,
    Product,
    Purchase,
    Status,
    StatusChange,
    Subscription,
    Ticket,
    TicketEntry,
    TicketTag,
    User,
)
from supportdesk.models.tickets import NEXT_DUE, OPEN_TICKET, PENDING_TICKET, PRIORITY_RANK
from supportdesk.services import audit, sql_json, users
from supportdesk.services.actor import Action, Actor, require
from supportdesk.services.cases import visible_tags
from supportdesk.services.custom_fields import CustomKind, custom_values, fields_exist, value_filter
from supportdesk.services.mail_views import mail_and_files, with_mail
from supportdesk.services.mail_views import masked as masked_entry
from supportdesk.services.masking import (
    TicketMasking,
    company_label,
    masks_personal_data,
    name_label,
    ticket_masking,
)
from supportdesk.services.readmodels import (
    EntryChange,
    EntryView,
    PurchaseView,
    TicketDetail,
    TicketRow,
)
from supportdesk.services.summaries import summary as customer_summary
from supportdesk.services.ticket_links import links_exist, ticket_links
from supportdesk.services.transitions import allowed_next
from supportdesk.services.unit import read_snapshot


class TicketSort(StrEnum):
    UPDATED = "updated"
    RECEIVED = "received"
    PRIORITY = "priority"
    DUE = "due"
    NUMBER = "number"


@dataclass(frozen=True)
class TicketFilter:
    """What a queue shows. Empty tuples mean 'any'."""

    statuses: tuple[Status, ...] = ()
    open_only: bool = False
    priorities: tuple[Priority, ...] = ()
    inquiry_types: tuple[str, ...] = ()
    assignee_id: int | None = None
    unassigned: bool = False
    follow_up_due_by: date | None = None
    customer_id: int | None = None
    # Received in [received_from, received_before): the age buckets of the lead's dashboard.
    received_from: datetime | None = None
    received_before: datetime | None = None
    # Clock running and next due time (services/sla.py) in [due_from, due_before): overdue, due soon.
    due_from: datetime | None = None
    due_before: datetime | None = None
    # The customer has a live subscription renewing within [renewal_from, renewal_to].
    renewal_from: date | None = None
    renewal_to: date | None = None
    # The team's own fields: (field id, value in its canonical form) that must all hold (custom_fields.filter_value).
    custom: tuple[tuple[int, str], ...] = ()
    # The same for text fields holding the value anywhere (品番 contains "A-1"): (field id, part of the text).
    custom_contains: tuple[tuple[int, str], ...] = ()


# The all-open queue by priority or due on SQLite: the page named by its index. A desk's SQLite file has no planner
# statistics (nothing runs ANALYZE), and without them SQLite prefers reading the four statuses through any status
# index and sorting every open ticket (25-45 ms at 100k tickets) to the partial index that holds the page in order
# (0.3 ms). PostgreSQL has statistics and picks that index by itself. Filters beyond "open" go the general way (an
# index walk filtered by something else could read every open ticket).
ALL_OPEN = TicketFilter(open_only=True)


def _sqlite_page(key: str, index: str, key_type: Any, where: str, direction: str = "ASC") -> sa.TextualSelect:
    """A page's numbers and keys read off `index` in page order (`key` in `direction`, the newest first among
    equals); :limit and :offset, and whatever `where` binds, are bound by the caller."""
    return sa.text(
        f"SELECT id AS page_id, {key} AS sort_key FROM ticket INDEXED BY {index}"
        f" WHERE {where} ORDER BY {key} {direction}, id DESC LIMIT :limit OFFSET :offset"
    ).columns(sa.column("page_id", sa.Integer), sa.column("sort_key", key_type))


_SQLITE_OPEN_PAGES = {
    TicketSort.PRIORITY: _sqlite_page("priority_rank", "ix_ticket_open_priority", sa.Integer(), OPEN_TICKET.text),
    TicketSort.DUE: _sqlite_page("next_due", "ix_ticket_open_due", NEXT_DUE.type, OPEN_TICKET.text),
}


# The follow-up tab on SQLite the same way, each sort's default direction: the pending tickets walked in page order
# (models/tickets.FOLLOW_UP_PAGE_INDEXES), the follow-up day read from the index entry, instead of every due ticket
# read and sorted (31-47 ms at 300k, over 50 at p95 in some runs). Keyed (sort, ascending), as `list_tickets` asks.
def _sqlite_follow_up_page(key: str, key_type: Any, direction: str, name: str) -> sa.TextualSelect:
    where = f"{PENDING_TICKET.text} AND follow_up_on <= :due_by"
    page = _sqlite_page(key, f"ix_ticket_follow_up_{name}", key_type, where, direction)
    return page.bindparams(sa.bindparam("due_by", type_=sa.Date()))


_SQLITE_FOLLOW_UP_PAGES = {
    (TicketSort.UPDATED, False): _sqlite_follow_up_page("updated_at", UTCDateTime(), "DESC", "updated"),
    (TicketSort.RECEIVED, False): _sqlite_follow_up_page("received_at", UTCDateTime(), "DESC", "received"),
    (TicketSort.PRIORITY, True): _sqlite_follow_up_page("priority_rank", sa.Integer(), "ASC", "priority"),
    (TicketSort.DUE, True): _sqlite_follow_up_page("next_due", UTCDateTime(), "ASC", "due"),
}


# The same rule as services/sla.next_due, in SQL: the first-response due while nobody has answered (when it comes
# first), else the resolution due. The due sort reads it for every ticket in the queue: its columns are in the index
# ix_ticket_status_priority_due (models/tickets.py) so the rows need not be read; a new column belongs there too.
next_due_sql = case(
    (
        and_(
            col(Ticket.first_response_at).is_(None),
            col(Ticket.first_response_due).is_not(None),
            or_(col(Ticket.resolution_due).is_(None), col(Ticket.first_response_due) < col(Ticket.resolution_due)),
        ),
        Ticket.first_response_due,
    ),
    else_=Ticket.resolution_due,
)
CLOCK_RUNNING = (Status.NEW.value, Status.OPEN.value, Status.ON_HOLD.value)


# Any select of tickets (a page of ids, a count): the filters only add WHERE clauses.
_Query = TypeVar("_Query", bound=sa.Select[*tuple[Any, ...]])


def _apply_sla_filter(query: _Query, flt: TicketFilter) -> _Query:
    if flt.received_from is not None:
        query = query.where(col(Ticket.received_at) >= flt.received_from)
    if flt.received_before is not None:
        query = query.where(col(Ticket.received_at) < flt.received_before)
    if flt.due_from is not None or flt.due_before is not None:
        query = query.where(col(Ticket.status).in_(CLOCK_RUNNING), next_due_sql.is_not(None))
    if flt.due_from is not None:
        query = query.where(next_due_sql >= flt.due_from)
    if flt.due_before is not None:
        query = query.where(next_due_sql < flt.due_before)
    if flt.renewal_from is not None or flt.renewal_to is not None:
        renewing = select(Subscription.customer_id).where(
            col(Subscription.cancelled_on).is_(None), col(Subscription.renewal_on).is_not(None)
        )
        if flt.renewal_from is not None:
            renewing = renewing.where(col(Subscription.renewal_on) >= flt.renewal_from)
        if flt.renewal_to is not None:
            renewing = renewing.where(col(Subscription.renewal_on) <= flt.renewal_to)
        query = query.where(col(Ticket.customer_id).in_(renewing))
    return query


def _apply_filter(query: _Query, flt: TicketFilter) -> _Query:
    if flt.statuses:
        query = query.where(col(Ticket.status).in_([str(s) for s in flt.statuses]))
    if flt.open_only:
        query = query.where(OPEN_TICKET)
    if flt.priorities:
        query = query.where(col(Ticket.priority).in_([str(p) for p in flt.priorities]))
    if flt.inquiry_types:
        query = query.where(col(Ticket.inquiry_type).in_(flt.inquiry_types))
    if flt.assignee_id is not None:
        query = query.where(col(Ticket.assignee_id) == flt.assignee_id)
    if flt.unassigned:
        query = query.where(col(Ticket.assignee_id).is_(None))
    if flt.follow_up_due_by is not None:
        # A literal, as the follow-up indexes name it (models/tickets.py): a bound status is no proof to either planner.
        query = query.where(PENDING_TICKET)
        query = query.where(col(Ticket.follow_up_on) <= flt.follow_up_due_by)
    if flt.customer_id is not None:
        query = query.where(col(Ticket.customer_id) == flt.customer_id)
    for field_id, value in flt.custom:
        query = query.where(value_filter(CustomKind.TICKETS, field_id, value, Ticket.id))
    for field_id, part in flt.custom_contains:
        query = query.where(value_filter(CustomKind.TICKETS, field_id, part, Ticket.id, contains=True))
    return _apply_sla_filter(query, flt)


# The ticket's assignee, joined as an alias (the account check reads "user" in the same statement). Made once: an
# alias made per call is a reference cycle of SQLAlchemy objects (AliasedClass and its inspection) left to the
# collector, and opening a ticket made hundreds of such objects (bench_pauses: a young collection freeing 49k).
_ASSIGNEE = aliased(User)


def _row_query(dialect: str) -> sa.Select[*tuple[Any, ...]]:
    """A queue line's columns, in TicketRow's order: the ticket's, its customer's and company's names, the assignee,
    and its tags as one JSON array.

    Columns, not Ticket objects: a whole ticket (its resolution note, the exemplary summary…) built as an ORM
    object cost more than the rest of a queue page, and a busy customer's 360 (issue 20). The tags come in the
    same statement: asked after the page, by the page's 500 numbers, they were a round trip and a statement of 500
    parameters more on PostgreSQL (issue 20).
    """
    tags = _tags_column(dialect)
    return (
        sa.select(
            col(Ticket.id),
            col(Ticket.status),
            col(Ticket.priority),
            col(Ticket.inquiry_type),
            col(Ticket.channel),
            col(Ticket.subject),
            col(Ticket.customer_id),
            col(Customer.full_name),
            col(Company.name),
            col(_ASSIGNEE.login),
            col(_ASSIGNEE.name),
            col(Ticket.team),
            col(Ticket.received_at),
            col(Ticket.updated_at),
            col(Ticket.follow_up_on),
            col(Ticket.first_response_due),
            col(Ticket.resolution_due),
            col(Ticket.version),
            col(Ticket.first_response_at),
            tags,
        )
        .join(Customer, col(Customer.id) == Ticket.customer_id)
        .outerjoin(Company, col(Company.id) == Customer.company_id)
        .outerjoin(_ASSIGNEE, col(_ASSIGNEE.id) == Ticket.assignee_id)
    )


def _tags_column(dialect: str) -> Any:
    """The ticket's tags as one JSON array, a column of a statement that reads tickets (read back by `_tags`)."""
    return (
        sa.select(sql_json.group_array(dialect)(col(TicketTag.tag)))
        .where(col(TicketTag.ticket_id) == Ticket.id)
        .scalar_subquery()
    )


def _tags(value: Any) -> list[str]:
    """A `_tags_column` as read: sorted by code point, as cases.ticket_tags lists them."""
    return sorted(sql_json.decoded(value) or ())


def _line(row: Sequence[Any]) -> TicketRow:
    """A row of _row_query as a queue line (the vocabularies as plain strings, as _to_row gives them; the tags
    sorted by code point, as the ticket lists them: cases.ticket_tags)."""
    number, status, priority, inquiry_type, channel, *rest, tags = row
    # `rest` is the 14 columns from the subject to the first response, never the tags: mypy cannot count them.
    return TicketRow(  # type: ignore[misc]
        number, str(status), str(priority), str(inquiry_type), str(channel), *rest, tags=tuple(_tags(tags))
    )


def _to_row(ticket: Ticket, customer_name: str, company: str | None, login: str | None, name: str | None) -> TicketRow:
    assert ticket.id is not None
    return TicketRow(
        number=ticket.id,
        status=str(ticket.status),
        priority=str(ticket.priority),
        inquiry_type=str(ticket.inquiry_type),
        channel=str(ticket.channel),
        subject=ticket.subject,
        customer_id=ticket.customer_id,
        customer_name=customer_name,
        company_name=company,
        assignee_login=login,
        assignee_name=name,
        team=ticket.team,
        received_at=ticket.received_at,
        updated_at=ticket.updated_at,
        follow_up_on=ticket.follow_up_on,
        first_response_due=ticket.first_response_due,
        resolution_due=ticket.resolution_due,
        version=ticket.version,
        first_response_at=ticket.first_response_at,
    )


def list_tickets(
    session: Session,
    actor: Actor,
    flt: TicketFilter = TicketFilter(),
    *,
    sort: TicketSort = TicketSort.UPDATED,
    descending: bool = True,
    limit: int = 200,
    offset: int = 0,
) -> list[TicketRow]:
    """One page of a queue. Pages keep a 100k-ticket desk from loading everything at once."""
    require(actor, Action.VIEW_TICKETS)
    order: sa.SQLColumnExpression[Any] = {
        TicketSort.UPDATED: col(Ticket.updated_at),
        TicketSort.RECEIVED: col(Ticket.received_at),
        TicketSort.PRIORITY: PRIORITY_RANK,
        TicketSort.DUE: NEXT_DUE,
        TicketSort.NUMBER: col(Ticket.id),
    }[TicketSort(sort)]
    # Priority ranks urgent as 0, so "descending" (most important first) sorts the rank ascending.
    ascending = not descending if sort != TicketSort.PRIORITY else descending
    # The page is chosen from the ticket table alone, then joined to customers and agents: joining first made the
    # database carry every matching row, customer and company included, into the sort (all 123k open tickets of
    # the benchmark desk for one page of 500).
    key: sa.Label[Any] = order.label("sort_key")
    page: sa.Subquery = (
        _apply_filter(select(col(Ticket.id).label("page_id"), key), flt)
        .order_by(key.asc() if ascending else key.desc(), col(Ticket.id).desc())
        .offset(offset)
        .limit(limit)
        .subquery()
    )
    dialect = session.get_bind().dialect.name
    by_index = _SQLITE_OPEN_PAGES.get(TicketSort(sort))
    if by_index is not None and ascending and flt == ALL_OPEN and dialect == "sqlite":
        page = by_index.bindparams(limit=limit, offset=offset).subquery()
    follow_up = _SQLITE_FOLLOW_UP_PAGES.get((TicketSort(sort), ascending)) if dialect == "sqlite" else None
    due_by = flt.follow_up_due_by
    if follow_up is not None and due_by is not None and flt == TicketFilter(follow_up_due_by=due_by):
        page = follow_up.bindparams(due_by=due_by, limit=limit, offset=offset).subquery()
    query = _row_query(dialect).join(page, page.c.page_id == Ticket.id)
    query = query.order_by(page.c.sort_key.asc() if ascending else page.c.sort_key.desc(), col(Ticket.id).desc())
    rows = [_line(row) for row in session.execute(query).all()]
    return _masked_rows(session, rows) if masks_personal_data(actor) else rows


def _masked_rows(session: Session, rows: list[TicketRow]) -> list[TicketRow]:
    """Rows as a trainer sees them: subjects and tags masked whole (before any column cuts them), no names or
    companies."""
    maskings = ticket_masking(session, [r.number for r in rows])
    return [
        replace(
            r,
            subject=maskings[r.number].shown(r.subject) if r.number in maskings else "",
            customer_name=name_label(),
            company_name=company_label() if r.company_name else None,
            tags=tuple(maskings[r.number].shown(tag) for tag in r.tags) if r.number in maskings else (),
        )
        for r in rows
    ]


def count_tickets(session: Session, actor: Actor, flt: TicketFilter = TicketFilter()) -> int:
    """How many tickets `flt` matches; the one statement also checks the account when the Desk asked for it."""
    require(actor, Action.VIEW_TICKETS)
    query = _apply_filter(sa.select(func.count(), *users.account_columns(session)).select_from(Ticket), flt)
    found = session.execute(query).one()
    users.settle_account(session, found[1:])
    return int(found[0])


@dataclass(frozen=True)
class QueuePage:
    """A queue's first tickets and the counts shown beside it (its tab and the others), read as one snapshot."""

    rows: tuple[TicketRow, ...]
    counts: dict[str, int]


def queue_page(
    session: Session,
    actor: Actor,
    flt: TicketFilter,
    counts: Mapping[str, TicketFilter],
    *,
    sort: TicketSort = TicketSort.UPDATED,
    descending: bool = True,
    limit: int = 200,
) -> QueuePage:
    """The first `limit` tickets matching `flt` and how many match each of `counts`, all as of one moment."""
    require(actor, Action.VIEW_TICKETS)
    read_snapshot(session)
    rows = list_tickets(session, actor, flt, sort=sort, descending=descending, limit=limit)
    return QueuePage(tuple(rows), dict(zip(counts, _count_each(session, list(counts.values())), strict=True)))


def _count_each(session: Session, filters: list[TicketFilter]) -> list[int]:
    """How many tickets each filter matches, in one statement: each count a subquery of its own, so each is
    answered by its own index as `count_tickets` would be, in one round trip instead of one per tab (issue 20)."""
    if not filters:  # SQLite refuses a SELECT of nothing
        return []
    counts = [_apply_filter(select(func.count()).select_from(Ticket), f).scalar_subquery() for f in filters]
    return [int(n) for n in session.execute(sa.select(*counts)).one()]


def purchase_view(purchase: Purchase, product: Product) -> PurchaseView:
    assert purchase.id is not None and product.id is not None
    return PurchaseView(
        id=purchase.id,
        purchased_on=purchase.purchased_on,
        product_id=product.id,
        product_sku=product.sku,
        product_name=product.name,
        unit_price=purchase.unit_price,
        quantity=purchase.quantity,
        amount=purchase.amount,
        order_ref=purchase.order_ref,
    )


# History lines of links and merges hold the other ticket's number.
LINK_FIELDS = frozenset({"related", "parent", "child", "merged_into", "merged_from"})


# An entry with its author's login and name and, for a status change, the statuses (outer joins: all may be None).
_EntryQuery = Select[TicketEntry, str | None, str | None, Status | None, Status | None]


def _change_names(session: Session, details: list[dict[str, list[object]]]) -> dict[tuple[str, object], str]:
    """Names for the people and purchases that history entries refer to by id, in two queries at most."""
    users = {v for d in details for v in d.get("assignee", []) if v is not None}
    purchases = {v for d in details for v in d.get("purchase_id", []) if v is not None}
    names: dict[tuple[str, object], str] = {}
    if users:
        for user_id, name in session.exec(select(User.id, User.name).where(col(User.id).in_(users))).all():
            names["assignee", user_id] = name
    if purchases:
        query = (
            select(col(Purchase.id), col(Purchase.purchased_on), col(Product.name))
            .join(Product, col(Product.id) == Purchase.product_id)
            .where(col(Purchase.id).in_(purchases))
        )
        for purchase_id, on, product in session.exec(query).all():
            names["purchase_id", purchase_id] = f"{product} ({on})"
    return names


def _changes(details: dict[str, list[object]], names: dict[tuple[str, object], str]) -> tuple[EntryChange, ...]:
    def shown(name: str, value: object) -> str | None:
        if value is None:
            return None
        if name in LINK_FIELDS:
            return f"#{value}"
        if isinstance(value, list):
            return " ".join(f"#{tag}" for tag in value) or None
        return names.get((name, value), str(value))

    return tuple(
        EntryChange(
            field="purchase" if name == "purchase_id" else name,
            before=shown(name, values[0]),
            after=shown(name, values[1]),
        )
        for name, values in details.items()
    )


def _entries(session: Session, ticket_id: int) -> tuple[EntryView, ...]:
    query = (
        _EntryQuery(
            TicketEntry,
            col(User.login),
            col(User.name),
            col(StatusChange.from_status),
            col(StatusChange.to_status),
        )
        .outerjoin(User, col(User.id) == TicketEntry.author_id)
        .outerjoin(StatusChange, col(StatusChange.id) == TicketEntry.status_change_id)
        .where(TicketEntry.ticket_id == ticket_id)
        .order_by(col(TicketEntry.created_at), col(TicketEntry.id))
    )
    found = session.exec(query).all()
    details = {row[0].id: json.loads(row[0].details) for row in found if row[0].details}
    names = _change_names(session, list(details.values())) if details else {}
    views = []
    for entry, login, name, from_status, to_status in found:
        assert entry.id is not None
        views.append(
            EntryView(
                id=entry.id,
                kind=str(entry.kind),
                author_login=login,
                author_name=name,
                body=entry.body,
                created_at=entry.created_at,
                call_duration_seconds=entry.call_duration_seconds,
                from_status=str(from_status) if from_status else None,
                to_status=str(to_status) if to_status else None,
                changes=_changes(details[entry.id], names) if entry.id in details else (),
                channel=str(entry.channel) if entry.channel else None,
                received_at=entry.received_at,
                merged_from=entry.merged_from_id,
                rule=entry.via_rule,
            )
        )
    return tuple(views)


def _masked(value: str | None, masking: TicketMasking) -> str | None:
    return None if value is None else masking.shown(value)


def get_ticket(session: Session, actor: Actor, number: int) -> TicketDetail:
    """A ticket with its customer, linked purchase and whole thread in order (masked for trainers).

    The look is recorded in the audit log (`ticket.view`, once per agent and ticket per VIEW_WINDOW)."""
    return audit.recorded(session, actor, read_ticket(session, actor, number))


def read_ticket(session: Session, actor: Actor, number: int) -> audit.Viewed[TicketDetail]:
    """`get_ticket` without writing: the ticket, and the look to record, if any. Sends only SELECTs, so the desk
    can read it outside a transaction (issue 20) and record the look afterwards."""
    require(actor, Action.VIEW_TICKETS)
    # The ticket, its customer and company, the assignee, the purchase it is about, its tags, whether this agent
    # viewed it lately, whether it has mail, files, links and fields of the desk's own (what it lacks is not asked
    # for) and the account when the desk asked for it, in one statement: on PostgreSQL each statement is a round
    # trip (issue 20).
    found = session.execute(
        sa.select(
            Ticket,
            Customer,
            col(Company.name),
            col(_ASSIGNEE.login),
            col(_ASSIGNEE.name),
            Purchase,
            Product,
            _tags_column(session.get_bind().dialect.name),
            audit.viewed_lately(actor, "ticket", number),
            *mail_and_files(Ticket.id),
            links_exist(Ticket.id),
            fields_exist(CustomKind.TICKETS),
            *users.account_columns(session),
        )
        .join(Customer, col(Customer.id) == Ticket.customer_id)
        .outerjoin(Company, col(Company.id) == Customer.company_id)
        .outerjoin(_ASSIGNEE, col(_ASSIGNEE.id) == Ticket.assignee_id)
        .outerjoin(Purchase, col(Purchase.id) == Ticket.purchase_id)
        .outerjoin(Product, col(Product.id) == Purchase.product_id)
        .where(col(Ticket.id) == number)
    ).first()
    if found is None:
        raise NotFound(msg("Ticket #{number} does not exist.", number=number))
    users.settle_account(session, found[13:])
    ticket, customer, company_name, login, name, bought, product, tags, seen = found[:9]
    has_mail, has_files, has_links, has_fields = found[9:13]
    # A ticket shows the customer's phone, e-mail and words: reading it is audited like a customer profile.
    view = audit.view_to_record("ticket", number, seen=bool(seen))
    row = _to_row(ticket, customer.full_name, company_name, login, name)
    purchase = purchase_view(bought, product) if bought is not None and product is not None else None
    summary = customer_summary(customer, company_name)
    entries = with_mail(session, number, _entries(session, number), mail=bool(has_mail), files=bool(has_files))
    resolution_note = ticket.resolution_note
    if masks_personal_data(actor):
        masking = ticket_masking(session, [number])[number]
        summary = replace(
            summary,
            full_name=name_label(),
            name_kana=None,
            phone=None,
            mobile=None,
            email=None,
            company_name=company_label() if summary.company_name else None,
        )
        authors = _entry_authors(session, number)
        entries = tuple(
            replace(
                masked_entry(e, masking),
                body=masking.entry(e.kind, authors.get(e.id), e.body),
                changes=tuple(
                    replace(c, before=_masked(c.before, masking), after=_masked(c.after, masking)) for c in e.changes
                ),
            )
            for e in entries
        )
        (row,) = _masked_rows(session, [row])
        resolution_note = masking.shown(resolution_note) or None
    detail = TicketDetail(
        row=row,
        customer=summary,
        purchase=purchase,
        resolution_note=resolution_note,
        first_response_at=ticket.first_response_at,
        resolved_at=ticket.resolved_at,
        closed_at=ticket.closed_at,
        entries=entries,
        allowed_next=tuple(str(s) for s in allowed_next(ticket.status)) if ticket.merged_into_id is None else (),
        tags=tuple(visible_tags(session, actor, number, _tags(tags))),
        links=tuple(ticket_links(session, actor, number)) if has_links or ticket.merged_into_id else (),
        merged_into=ticket.merged_into_id,
        custom=tuple(custom_values(session, actor, CustomKind.TICKETS, number)) if has_fields else (),
    )
    return audit.Viewed(detail, view)


def _entry_authors(session: Session, number: int) -> dict[int, int | None]:
    query = select(TicketEntry.id, TicketEntry.author_id).where(TicketEntry.ticket_id == number)
    return {entry_id: author for entry_id, author in session.exec(query) if entry_id is not None}
