"""Privacy requests for one person (開示・訂正・削除): export everything held, correct it, or anonymise it.

Each is an administrator's action, recorded in the audit log without the personal data itself. Anonymising keeps
the tickets, purchases and subscriptions (the statistics), with the person's details removed from the customer
record and masked in the ticket text.
"""

import json
from dataclasses import dataclass
from datetime import date, datetime
from pathlib import Path
from typing import Any

from sqlmodel import Session, col, select

from supportdesk.clock import At
from supportdesk.errors import Invalid, NotFound
from supportdesk.i18n import msg
from supportdesk.models import (
    AuditEvent,
    Company,
    Customer,
    Product,
    Purchase,
    SearchOutbox,
    StatusChange,
    Subscription,
    Ticket,
    TicketEntry,
)
from supportdesk.services import attachments, audit, erasure
from supportdesk.services.actor import Action, Actor, require
from supportdesk.services.customers import CUSTOMER_KEYS, update_customer
from supportdesk.services.disclosure import person_as_text
from supportdesk.services.erasure_core import PERSONAL_FIELDS, values_of
from supportdesk.services.unit import commit

__all__ = [
    "PERSONAL_FIELDS",
    "Anonymised",
    "anonymise_person",
    "correct_person",
    "export_person",
    "person_as_text",
    "person_document",
]
_KEYS = CUSTOMER_KEYS


def _customer(session: Session, customer_id: int) -> Customer:
    customer = session.get(Customer, customer_id)
    if customer is None:
        raise NotFound(msg("Customer {id} does not exist.", id=customer_id))
    return customer


def _plain(value: Any) -> Any:
    if isinstance(value, datetime | date):
        return value.isoformat()
    return str(value) if hasattr(value, "value") and isinstance(value, str) else value


def _row(model: Any, skip: tuple[str, ...] = ()) -> dict[str, Any]:
    # Columns the database computes (ticket.priority_rank) are derived from the others and not on the object.
    columns = (c for c in model.__table__.columns if c.computed is None and c.name not in skip)
    return {c.name: _plain(getattr(model, c.name)) for c in columns}


def save_person_files(session: Session, actor: Actor, customer_id: int, folder: Path) -> list[Path]:
    """The files the person's tickets hold, copied into `folder` for their 開示 request (audited: a count)."""
    require(actor, Action.PRIVACY_REQUESTS)
    _customer(session, customer_id)
    ticket_ids = [t for t in session.exec(select(Ticket.id).where(Ticket.customer_id == customer_id)).all() if t]
    written = attachments.save_person_files(session, actor, ticket_ids, folder)
    audit.record(session, actor, "privacy.export_files", "customer", customer_id, files=len(written))
    session.commit()  # an audit row only: nothing versioned can have moved
    return written


def export_person(session: Session, actor: Actor, customer_id: int) -> dict[str, Any]:
    """Everything the desk holds about one person, as plain JSON-ready data (開示)."""
    require(actor, Action.PRIVACY_REQUESTS)
    customer = _customer(session, customer_id)
    company = session.get(Company, customer.company_id) if customer.company_id else None
    purchases = session.exec(
        select(Purchase, Product.name).join(Product, col(Product.id) == Purchase.product_id)
        .where(Purchase.customer_id == customer_id).order_by(col(Purchase.purchased_on))
    ).all()  # fmt: skip
    subscriptions = session.exec(
        select(Subscription, Product.name).join(Product, col(Product.id) == Subscription.product_id)
        .where(Subscription.customer_id == customer_id)
    ).all()  # fmt: skip
    tickets = session.exec(select(Ticket).where(Ticket.customer_id == customer_id).order_by(col(Ticket.id))).all()
    ticket_ids = [t.id for t in tickets]
    entries = session.exec(
        select(TicketEntry).where(col(TicketEntry.ticket_id).in_(ticket_ids)).order_by(col(TicketEntry.id))
    ).all()
    changes = session.exec(
        select(StatusChange).where(col(StatusChange.ticket_id).in_(ticket_ids)).order_by(col(StatusChange.id))
    ).all()
    events = session.exec(
        select(AuditEvent)
        .where(
            ((col(AuditEvent.object_type) == "customer") & (col(AuditEvent.object_id) == customer_id))
            | ((col(AuditEvent.object_type) == "ticket") & col(AuditEvent.object_id).in_(ticket_ids))
        )
        .order_by(col(AuditEvent.id))
    ).all()
    data = {
        "customer": _row(customer, _KEYS),
        "company": {"id": company.id, "name": company.name} if company else None,
        "purchases": [{**_row(p), "product": name} for p, name in purchases],
        "subscriptions": [{**_row(s), "product": name} for s, name in subscriptions],
        "tickets": [
            {
                **_row(t),
                "entries": [_row(e) for e in entries if e.ticket_id == t.id],
                "status_changes": [_row(c) for c in changes if c.ticket_id == t.id],
            }
            for t in tickets
        ],
        "access_log": [
            {"at": e.at.isoformat(), "by": e.actor_login, "action": e.action, "object": e.object_type} for e in events
        ],
        # What other parts of the desk keep about the person (mail, …), from the erasure registry.
        "other": erasure.disclose(
            session,
            (customer_id, *(int(r.id) for r in merged_into(session, customer_id) if r.id is not None)),
            tuple(int(i) for i in ticket_ids if i is not None),
        ),
    }
    audit.record(session, actor, "privacy.export", "customer", customer_id, tickets=len(tickets))
    commit(session, lambda: msg("The export could not be recorded; try again."))
    return data


def person_document(data: dict[str, Any], readable: bool) -> str:
    """`export_person`'s data as a file's text: JSON, or the document of `person_as_text`."""
    return person_as_text(data) if readable else json.dumps(data, ensure_ascii=False, indent=2) + "\n"


def correct_person(
    session: Session, actor: Actor, customer_id: int, changes: dict[str, Any], expected_version: int | None = None
) -> int:
    """Correct a person's data on their request (訂正): the usual validation, plus a privacy audit entry."""
    require(actor, Action.PRIVACY_REQUESTS)
    version = update_customer(session, actor, customer_id, changes, expected_version=expected_version)
    audit.record(session, actor, "privacy.correct", "customer", customer_id, fields=sorted(changes))
    commit(session, lambda: msg("The correction could not be recorded; try again."))
    return version


@dataclass(frozen=True)
class Anonymised:
    """What an erasure changed: rows per kind of data, and the tickets whose search documents must be purged."""

    customer_id: int
    tickets: int
    merged_records: int
    rows: dict[str, int]
    index_purged: bool = False  # this machine's search index holds no old copy any more
    wal_cleared: bool = False  # the SQLite WAL (old page copies) is folded in and truncated


def merged_into(session: Session, customer_id: int) -> list[Customer]:
    """Every record merged into this customer, directly or through earlier merges."""
    found: list[Customer] = []
    frontier = [customer_id]
    while frontier:
        rows = session.exec(select(Customer).where(col(Customer.merged_into_id).in_(frontier))).all()
        rows = [r for r in rows if r.id not in {f.id for f in found} and r.id != customer_id]
        found += rows
        frontier = [int(r.id) for r in rows if r.id is not None]
    return found


def anonymise_person(session: Session, actor: Actor, customer_id: int, confirmation: str) -> Anonymised:
    """Erase a person (削除): every copy of their data, in every kind registered with services/erasure.py.

    Tickets, purchases and subscriptions stay (the statistics) with the person's values replaced wherever they
    were written, merged duplicates included; the audit log keeps who did what. `confirmation` must be the
    customer number, so a slip of the finger cannot anonymise the wrong person. The caller then purges the search
    index (the outbox rows are marked for it) and checkpoints the database (`Desk.anonymise_person`).
    """
    require(actor, Action.PRIVACY_REQUESTS)
    customer = _customer(session, customer_id)
    if confirmation.strip() != str(customer_id):
        raise Invalid("confirmation", msg("type the customer number {id} to confirm", id=customer_id))
    if customer.anonymised_at is not None:
        raise Invalid(
            "customer",
            msg(
                "customer {id} was already anonymised on {date}",
                id=customer_id,
                date=At(customer.anonymised_at, "%Y-%m-%d"),
            ),
        )
    if customer.merged_into_id is not None:
        raise Invalid(
            "customer",
            msg("customer {id} was merged into {into}; erase that one", id=customer_id, into=customer.merged_into_id),
        )
    records = [customer, *merged_into(session, customer_id)]
    ids = tuple(int(r.id) for r in records if r.id is not None)
    ticket_ids = tuple(session.exec(select(Ticket.id).where(col(Ticket.customer_id).in_(ids))).all())
    work = erasure.Erasure(
        customer_id,
        ids,
        tuple(int(t) for t in ticket_ids if t is not None),
        values_of(records),
        values_of(records, strong_only=True),
    )
    rows = erasure.erase(session, work)
    for row in session.exec(
        select(SearchOutbox).where(col(SearchOutbox.ticket_id).in_(sorted(work.touched_tickets | set(work.ticket_ids))))
    ).all():
        row.purge = True
        session.add(row)
    result = Anonymised(customer_id, len(work.ticket_ids), len(records) - 1, rows)
    audit.record(
        session, actor, "privacy.anonymise", "customer", customer_id,
        tickets=result.tickets, merged_records=result.merged_records, rows=rows,
    )  # fmt: skip
    commit(session, lambda: f"Customer {customer_id} was changed meanwhile; nothing was anonymised. Try again.")
    for path in work.files:
        path.unlink(missing_ok=True)
    return result
