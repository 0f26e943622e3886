"""Exporting the desk's records as CSV files that open in Excel and import back unchanged.

Every kind has the columns of its import (supportdesk/importing/columns.py), so export → import round-trips.
Tickets are written one row per thread entry, the ticket's columns repeated on each of its rows (a ticket without
entries is one row). Records keep their SupportDesk number (SupportDesk番号) and external id; the number lets a
re-import of an edited export update the same records, and an import into an empty desk keep ticket numbers.
Merged duplicates are not exported: their tickets, purchases and subscriptions belong to the surviving customer.
"""

import csv
from collections.abc import Iterator
from datetime import date, datetime
from enum import Enum
from pathlib import Path
from typing import Any, TextIO

from sqlmodel import Session, col, select

from supportdesk import clock
from supportdesk.config import open_private
from supportdesk.errors import Invalid
from supportdesk.fields import Kind, Use, names_of
from supportdesk.i18n import msg
from supportdesk.importing import guard
from supportdesk.importing.columns import column
from supportdesk.importing.values import text as text_parser
from supportdesk.models import (
    Company,
    Customer,
    EntryKind,
    Product,
    Purchase,
    StatusChange,
    Subscription,
    Ticket,
    TicketEntry,
    TicketTag,
    User,
)
from supportdesk.services import audit
from supportdesk.services.actor import Action, Actor, require
from supportdesk.services.datafiles import custom_columns

# The columns of each kind, in order: the registry's written fields (an import reads them back).
FIELDS: dict[Kind, tuple[str, ...]] = {kind: names_of(kind, Use.WRITE) for kind in Kind}


def headers(kind: Kind, language: str = "en") -> list[str]:
    """Column headers: field names (en), or each column's first Japanese name (ja) for people opening it in Excel."""
    if language not in ("en", "ja"):
        raise Invalid("headers", msg("en or ja"))
    return [name if language == "en" else column(kind, name).ja[0] for name in FIELDS[kind]]


def cell(value: Any, free_text: bool) -> str:
    if value is None:
        return ""
    if isinstance(value, bool):
        return "1" if value else "0"
    if isinstance(value, Enum):
        return str(value.value)
    if isinstance(value, datetime):
        # The desk's time with its offset, to the second: readable in Excel and read back to the same instant.
        return clock.csv_time(value)
    if isinstance(value, date):
        return value.isoformat()
    text = str(value)
    return guard(text) if free_text else text


# ---- the rows of each kind -----------------------------------------------------------------------------------


def _values(record: Any) -> dict[str, Any]:
    # Plain attribute reads: model_dump would warn about enum columns that the database hands back as strings.
    return {name: getattr(record, name) for name in type(record).model_fields}


def _customers_by_id(session: Session) -> dict[int, Customer]:
    return {c.id: c for c in session.exec(select(Customer)).all() if c.id is not None}


def _link(customers: dict[int, Customer], customer_id: int) -> dict[str, Any]:
    customer = customers[customer_id]
    return {
        "customer_ref": customer.external_ref,
        "customer_supportdesk_id": customer.id,
        "customer_name": customer.full_name,
    }


def _companies(session: Session) -> Iterator[dict[str, Any]]:
    for company in session.exec(select(Company).order_by(col(Company.id))).all():
        yield {**_values(company), "supportdesk_id": company.id}


def _customers(session: Session) -> Iterator[dict[str, Any]]:
    companies = {c.id: c for c in session.exec(select(Company)).all()}
    query = select(Customer).where(col(Customer.merged_into_id).is_(None)).order_by(col(Customer.id))
    for customer in session.exec(query).all():
        company = companies.get(customer.company_id) if customer.company_id else None
        yield {
            **_values(customer),
            "supportdesk_id": customer.id,
            "company_ref": company.external_ref if company else None,
            "company": company.name if company else None,
        }


def _products(session: Session) -> Iterator[dict[str, Any]]:
    for product in session.exec(select(Product).order_by(col(Product.sku))).all():
        yield _values(product)


def _purchases(session: Session) -> Iterator[dict[str, Any]]:
    customers = _customers_by_id(session)
    query = select(Purchase, Product).join(Product, col(Product.id) == Purchase.product_id).order_by(col(Purchase.id))
    for purchase, product in session.exec(query).all():
        yield {
            **_values(purchase),
            **_link(customers, purchase.customer_id),
            "supportdesk_id": purchase.id,
            "sku": product.sku,
            "product_name": product.name,
        }


def _subscriptions(session: Session) -> Iterator[dict[str, Any]]:
    customers = _customers_by_id(session)
    query = (
        select(Subscription, Product)
        .join(Product, col(Product.id) == Subscription.product_id)
        .order_by(col(Subscription.id))
    )
    for sub, product in session.exec(query).all():
        yield {
            **_values(sub),
            **_link(customers, sub.customer_id),
            "supportdesk_id": sub.id,
            "sku": product.sku,
            "product_name": product.name,
        }


def _tickets(session: Session) -> Iterator[dict[str, Any]]:
    customers = _customers_by_id(session)
    logins = {u.id: u.login for u in session.exec(select(User)).all()}
    purchases = {p.id: p.external_ref or f"#{p.id}" for p in session.exec(select(Purchase)).all()}
    tags: dict[int, list[str]] = {}
    for tag in session.exec(select(TicketTag).order_by(col(TicketTag.tag))).all():
        tags.setdefault(tag.ticket_id, []).append(tag.tag)
    for ticket in session.exec(select(Ticket).order_by(col(Ticket.id))).all():
        assert ticket.id is not None
        head = {
            **_values(ticket),
            **_link(customers, ticket.customer_id),
            "supportdesk_id": ticket.id,
            "assignee": logins.get(ticket.assignee_id) if ticket.assignee_id else None,
            "purchase_ref": purchases.get(ticket.purchase_id) if ticket.purchase_id else None,
            "tags": " ".join(tags.get(ticket.id, [])),
        }
        thread = session.exec(
            select(TicketEntry, StatusChange)
            .outerjoin(StatusChange, col(StatusChange.id) == TicketEntry.status_change_id)
            .where(TicketEntry.ticket_id == ticket.id)
            # Assignment, field-change and automation lines restate the ticket's columns and the audit log; the CSV
            # carries what an import can recreate, so they stay in the desk.
            .where(
                col(TicketEntry.kind).not_in(
                    [EntryKind.ASSIGNMENT.value, EntryKind.FIELD_CHANGE.value, EntryKind.AUTOMATION.value]
                )
            )
            .order_by(col(TicketEntry.created_at), col(TicketEntry.id))
        ).all()
        if not thread:
            yield head
        for entry, change in thread:
            yield {
                **head,
                "entry_kind": entry.kind,
                "entry_at": entry.created_at,
                "entry_author": logins.get(entry.author_id) if entry.author_id else None,
                "entry_body": entry.body,
                "call_seconds": entry.call_duration_seconds,
                "from_status": change.from_status if change else None,
                "to_status": change.to_status if change else None,
            }


_ROWS = {
    Kind.COMPANIES: _companies,
    Kind.CUSTOMERS: _customers,
    Kind.PRODUCTS: _products,
    Kind.PURCHASES: _purchases,
    Kind.SUBSCRIPTIONS: _subscriptions,
    Kind.TICKETS: _tickets,
}


# ---- writing -------------------------------------------------------------------------------------------------


def write_csv(
    session: Session,
    actor: Actor,
    kind: Kind | str,
    out: TextIO,
    *,
    language: str = "en",
    bom: bool = False,
    target: str = "-",
) -> int:
    """Write one kind as CSV to `out`; returns the number of data rows. The export is recorded in the audit log."""
    require(actor, Action.EXPORT_DATA)
    kind = Kind(kind)
    names = FIELDS[kind]
    free_text = {name for name in names if column(kind, name).parser is text_parser}
    writer = csv.writer(out, lineterminator="\r\n")
    if bom:
        out.write("\ufeff")  # Excel reads a UTF-8 file as Shift_JIS unless it starts with a byte-order mark
    own_headers, own_cells = custom_columns.export_values(session, kind)  # the team's own fields, after the rest
    writer.writerow(headers(kind, language) + own_headers)
    count = 0
    for record in _ROWS[kind](session):
        own = [cell(value, True) for value in own_cells(record.get("supportdesk_id"))]
        writer.writerow([cell(record.get(name), name in free_text) for name in names] + own)
        count += 1
    audit.record(session, actor, f"export.{kind}", str(kind), None, rows=count, file=target)
    session.commit()
    return count


def export_file(
    session: Session, actor: Actor, kind: Kind | str, path: Path, *, language: str = "en", bom: bool = False
) -> int:
    """Write one kind to a CSV file (UTF-8, created 0600: it holds personal data); returns the number of rows."""
    require(actor, Action.EXPORT_DATA)
    path = Path(path).expanduser()
    if path.is_dir():
        raise Invalid(
            "file", msg("{path} is a folder; give a file name such as {example}", path=path, example="customers.csv")
        )
    if not path.parent.exists():
        raise Invalid("file", msg("the folder {path} does not exist", path=path.parent))
    with open_private(path, newline="") as out:
        return write_csv(session, actor, kind, out, language=language, bom=bom, target=str(path))
