"""Small builders for test data, going through the real services."""

from datetime import date, datetime, timedelta

from sqlalchemy import func
from sqlmodel import Session, col, select

from supportdesk import clock
from supportdesk.models import (
    OPEN_STATUSES,
    AuditEvent,
    Channel,
    EntryKind,
    InquiryType,
    Priority,
    SearchOutbox,
    Status,
    StatusChange,
    Ticket,
    TicketEntry,
)
from supportdesk.services.actor import Actor
from supportdesk.services.commerce import PurchaseCreate, add_product, add_purchase
from supportdesk.services.customers import CompanyCreate, CustomerCreate, create_company, create_customer
from supportdesk.services.tickets import TicketCreate, change_status, create_ticket


def company(session: Session, actor: Actor, name: str = "株式会社さくら商事", **kw: object) -> int:
    return create_company(session, actor, CompanyCreate(name=name, **kw))  # type: ignore[arg-type]


def customer(session: Session, actor: Actor, full_name: str = "山田 太郎", **kw: object) -> int:
    kw.setdefault("name_kana", "ヤマダ タロウ")
    kw.setdefault("phone", "03-1234-5678")
    return create_customer(session, actor, CustomerCreate(full_name=full_name, **kw))  # type: ignore[arg-type]


def purchase(
    session: Session, actor: Actor, customer_id: int, *, on: date, price: int = 5_000, quantity: int = 1, sku: str = ""
) -> int:
    product_id = add_product(session, actor, sku or f"SKU-{on.isoformat()}-{price}", "スマート家計簿 Pro", price)
    return add_purchase(
        session,
        actor,
        PurchaseCreate(customer_id=customer_id, product_id=product_id, purchased_on=on, quantity=quantity),
    )


def ticket(session: Session, actor: Actor, customer_id: int, subject: str = "ログインできない", **kw: object) -> int:
    data = TicketCreate(
        customer_id=customer_id,
        subject=subject,
        inquiry_type=kw.pop("inquiry_type", InquiryType.FAULT),  # type: ignore[arg-type]
        channel=kw.pop("channel", Channel.PHONE),  # type: ignore[arg-type]
        priority=kw.pop("priority", Priority.NORMAL),  # type: ignore[arg-type]
        **kw,  # type: ignore[arg-type]
    )
    return create_ticket(session, actor, data)


def count(session: Session, model: type, **equal: object) -> int:
    """How many rows of `model` there are (with the given column values), read fresh from the database."""
    query = select(func.count()).select_from(model)
    for name, value in equal.items():
        query = query.where(getattr(model, name) == value)
    return int(session.exec(query).one())


def history_counts(session: Session) -> tuple[int, int, int, int]:
    """(entries, status changes, audit events, search outbox rows): what every ticket change writes."""
    return (
        count(session, TicketEntry),
        count(session, StatusChange),
        count(session, AuditEvent),
        count(session, SearchOutbox),
    )


def soon(days: int = 7) -> date:
    """A day `days` after the desk's today (its clock decides what is in the future, not the machine's)."""
    return clock.today() + timedelta(days=days)


# The shortest way from a new ticket to each status, with what each step needs.
_PATHS: dict[Status, tuple[Status, ...]] = {
    Status.NEW: (),
    Status.OPEN: (Status.OPEN,),
    Status.PENDING: (Status.PENDING,),
    Status.ON_HOLD: (Status.ON_HOLD,),
    Status.RESOLVED: (Status.RESOLVED,),
    Status.CLOSED: (Status.RESOLVED, Status.CLOSED),
}


def move(session: Session, actor: Actor, number: int, target: Status | str, **kw: object) -> int:
    """change_status with whatever the target needs (a follow-up date for pending, a note for resolved)."""
    target = Status(target)
    if target == Status.PENDING:
        kw.setdefault("follow_up_on", soon())
    if target == Status.RESOLVED:
        kw.setdefault("reason", "手順をご案内し解決")
    return change_status(session, actor, number, target, **kw)  # type: ignore[arg-type]


def ticket_in(session: Session, actor: Actor, customer_id: int, status: Status | str, **kw: object) -> int:
    """A ticket driven through the real workflow to `status`."""
    number = ticket(session, actor, customer_id, **kw)
    for step in _PATHS[Status(status)]:
        move(session, actor, number, step)
    return number


def history(session: Session, number: int) -> list[StatusChange]:
    """A ticket's status changes, oldest first, read fresh from the database."""
    session.expire_all()
    query = select(StatusChange).where(StatusChange.ticket_id == number).order_by(col(StatusChange.id))
    return list(session.exec(query).all())


CONTACT_KINDS = frozenset({EntryKind.CUSTOMER_MESSAGE, EntryKind.REPLY, EntryKind.CALL_LOG})


def activity_from_history(session: Session) -> dict[int, tuple[int, datetime | None]]:
    """Each customer's open tickets and last contact (a ticket received, their message, a reply, a call), worked
    out from the tickets and threads themselves: what customer.open_tickets / last_contact_at must say."""
    activity: dict[int, tuple[int, datetime | None]] = {}
    customer_of = {}
    for number, customer_id, status, received in session.exec(
        select(Ticket.id, Ticket.customer_id, Ticket.status, Ticket.received_at)
    ):
        customer_of[number] = customer_id
        count, last = activity.get(customer_id, (0, None))
        activity[customer_id] = (count + (Status(status) in OPEN_STATUSES), max(filter(None, (last, received))))
    for number, kind, at in session.exec(select(TicketEntry.ticket_id, TicketEntry.kind, TicketEntry.created_at)):
        if EntryKind(kind) in CONTACT_KINDS:
            count, last = activity[customer_of[number]]
            activity[customer_of[number]] = (count, max(filter(None, (last, at))))
    return activity
