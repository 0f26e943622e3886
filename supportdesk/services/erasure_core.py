"""The desk's own kinds of per-customer data and how each is erased (registered with services/erasure.py).

The person's own rows are scrubbed of every value and form (services/personal_values.py, with the forms from the
masking package). Other people's tickets
and the rest of the audit log can mention them too (a referral, a colleague's note): those rows are found with a
database prefilter on the forms as stored and scrubbed of the strong identifiers only (full name and reading,
e-mail, phone, postal code and address), so that another 山田 keeps their name.

Append-only history (thread entries, status changes, audit events) is rewritten with plain SQL UPDATEs, the one
sanctioned rewrite; tickets keep their `updated_at`, so erasing a person does not move their cases in any list.
"""

from collections.abc import Iterable
from typing import Any

from sqlalchemy import ColumnElement, and_, delete, false, insert, or_, update
from sqlmodel import Session, col, select

from supportdesk.masking import Person
from supportdesk.models import (
    AuditEvent,
    Customer,
    CustomerRank,
    Purchase,
    SavedView,
    StatusChange,
    Subscription,
    Ticket,
    TicketEntry,
    TicketTag,
)
from supportdesk.models.base import utcnow
from supportdesk.services.customers import CUSTOMER_KEYS
from supportdesk.services.erasure import Erasure, register
from supportdesk.services.erasure import scrub_json as scrub_json_values
from supportdesk.services.personal_values import PersonalValues, date_forms
from supportdesk.services.reindex import queue_for_search

# Fields of the customer record that identify the person; all are cleared.
PERSONAL_FIELDS = (
    "name_kana", "email", "phone", "mobile", "postal_code", "address", "gender", "birth_date", "occupation",
    "notes", "department", "job_title", "external_ref", "consent_at",
)  # fmt: skip
# LIKE cannot use an index for '%…%': the prefilter is one scan per table, with every form in one condition.
_MAX_FORMS = 200


def values_of(customers: Iterable[Customer], *, strong_only: bool = False) -> PersonalValues:
    """Everything to remove for these records (the person and their merged duplicates); with `strong_only`, what
    names the person by itself (for rows about other people)."""
    people: list[Person] = []
    other: list[str | None] = []
    for c in customers:
        people.append(
            Person(
                c.full_name,
                c.name_kana,
                emails=tuple(e for e in (c.email,) if e),
                phones=tuple(p for p in (c.phone, c.mobile) if p),
                addresses=tuple(a for a in (c.address,) if a),
                postal_codes=tuple(p for p in (c.postal_code,) if p),
            )
        )
        other += (c.external_ref, *date_forms(c.birth_date))
    return PersonalValues(people, other, every_form=not strong_only)


def _mentions(column: Any, values: PersonalValues) -> ColumnElement[bool]:
    """Rows whose `column` contains one of the stored forms (a prefilter: the scrub decides)."""
    forms = sorted(values.surfaces, key=len, reverse=True)[:_MAX_FORMS]
    if not forms:
        return false()
    return or_(*(col(column).icontains(form, autoescape=True) for form in forms))


def _set(session: Session, model: Any, key: Any, key_value: Any, **values: Any) -> None:
    # Plain UPDATE: append-only models refuse ORM updates (models/__init__.py), and no version or date moves.
    session.exec(update(model).where(key == key_value).values(**values))


def _scrub_tickets(session: Session, erasure: Erasure, ticket_ids: Iterable[int], values: PersonalValues) -> int:
    changed = 0
    ids = sorted(set(ticket_ids))
    for ticket in session.exec(select(Ticket).where(col(Ticket.id).in_(ids))).all():
        fields = {
            name: values.scrub(getattr(ticket, name)) for name in ("subject", "resolution_note", "exemplary_summary")
        }
        fields = {name: value for name, value in fields.items() if value != getattr(ticket, name)}
        if fields:
            _set(session, Ticket, col(Ticket.id), ticket.id, **fields, version=ticket.version + 1)
            changed += 1
    for entry in session.exec(select(TicketEntry).where(col(TicketEntry.ticket_id).in_(ids))).all():
        body = values.scrub(entry.body)
        # A subject change in the thread keeps the old and new subject: they may name the person too.
        details = scrub_json_values(entry.details, values)
        if body != entry.body or details != entry.details:
            _set(session, TicketEntry, col(TicketEntry.id), entry.id, body=body, details=details)
            changed += 1
    for change in session.exec(select(StatusChange).where(col(StatusChange.ticket_id).in_(ids))).all():
        reason = values.scrub(change.reason)
        if reason != change.reason:
            _set(session, StatusChange, col(StatusChange.id), change.id, reason=reason)
            changed += 1
    for tag in session.exec(select(TicketTag).where(col(TicketTag.ticket_id).in_(ids))).all():
        new = values.scrub(tag.tag)
        if new != tag.tag:
            session.exec(
                delete(TicketTag).where(col(TicketTag.ticket_id) == tag.ticket_id, col(TicketTag.tag) == tag.tag)
            )
            taken = session.get(TicketTag, (tag.ticket_id, new))
            if new and taken is None:
                session.exec(insert(TicketTag).values(ticket_id=tag.ticket_id, tag=new))
            changed += 1
    session.expire_all()
    erasure.touched_tickets.update(ids)
    return changed


def erase_own_tickets(session: Session, erasure: Erasure) -> int:
    """The person's tickets: subjects, notes, summaries, every thread entry, status reasons and tags."""
    return _scrub_tickets(session, erasure, erasure.ticket_ids, erasure.values)


def erase_mentions(session: Session, erasure: Erasure) -> int:
    """Other people's tickets that name the person (full name, reading, e-mail, phone, address)."""
    strong = erasure.strong_values
    own = set(erasure.ticket_ids)
    found: set[int | None] = set()
    for column, ticket_column in (
        (Ticket.subject, Ticket.id),
        (Ticket.resolution_note, Ticket.id),
        (Ticket.exemplary_summary, Ticket.id),
        (TicketEntry.body, TicketEntry.ticket_id),
        (TicketEntry.details, TicketEntry.ticket_id),
        (StatusChange.reason, StatusChange.ticket_id),
        (TicketTag.tag, TicketTag.ticket_id),
    ):
        found.update(session.exec(select(ticket_column).where(_mentions(column, strong)).distinct()).all())
    others = {int(i) for i in found if i is not None} - own
    if not others:
        return 0
    changed = _scrub_tickets(session, erasure, others, strong)
    return changed


def erase_commerce(session: Session, erasure: Erasure) -> int:
    """Purchases and subscriptions stay for the statistics; their references to outside records go."""
    ids = list(erasure.customer_ids)
    changed = 0
    for purchase in session.exec(select(Purchase).where(col(Purchase.customer_id).in_(ids))).all():
        if purchase.order_ref is not None or purchase.external_ref is not None:
            _set(session, Purchase, col(Purchase.id), purchase.id, order_ref=None, external_ref=None)
            changed += 1
    for sub in session.exec(select(Subscription).where(col(Subscription.customer_id).in_(ids))).all():
        reason = erasure.scrub(sub.cancel_reason)
        if reason != sub.cancel_reason or sub.external_ref is not None:
            _set(session, Subscription, col(Subscription.id), sub.id, cancel_reason=reason, external_ref=None)
            changed += 1
    return changed


def _own_objects(session: Session, erasure: Erasure) -> ColumnElement[bool]:
    ids = list(erasure.customer_ids)
    purchases = select(Purchase.id).where(col(Purchase.customer_id).in_(ids))
    subscriptions = select(Subscription.id).where(col(Subscription.customer_id).in_(ids))
    return or_(
        and_(col(AuditEvent.object_type) == "customer", col(AuditEvent.object_id).in_(ids)),
        and_(col(AuditEvent.object_type) == "ticket", col(AuditEvent.object_id).in_(list(erasure.ticket_ids))),
        and_(col(AuditEvent.object_type) == "purchase", col(AuditEvent.object_id).in_(purchases)),
        and_(col(AuditEvent.object_type) == "subscription", col(AuditEvent.object_id).in_(subscriptions)),
    )


def erase_audit(session: Session, erasure: Erasure) -> int:
    """Audit details keep who did what to which record; the person's values in them are replaced."""
    changed = 0
    own = session.exec(select(AuditEvent.id, AuditEvent.detail).where(_own_objects(session, erasure))).all()
    mentioned = session.exec(
        select(AuditEvent.id, AuditEvent.detail).where(_mentions(AuditEvent.detail, erasure.strong_values))
    ).all()
    own_ids = {event_id for event_id, _ in own}
    for rows, scrub_json in ((own, erasure.scrub_json), (mentioned, erasure.scrub_strong_json)):
        for event_id, detail in rows:
            if rows is mentioned and event_id in own_ids:
                continue
            cleaned = scrub_json(detail)
            if cleaned != detail:
                _set(session, AuditEvent, col(AuditEvent.id), event_id, detail=cleaned)
                changed += 1
    return changed


def erase_saved_views(session: Session, erasure: Erasure) -> int:
    """A saved list view can hold a search for the person (their name or phone as a filter)."""
    changed = 0
    views = session.exec(
        select(SavedView).where(
            or_(_mentions(SavedView.filters, erasure.strong_values), _mentions(SavedView.name, erasure.strong_values))
        )
    ).all()
    for view in views:
        filters, name = erasure.scrub_strong_json(view.filters), erasure.strong_values.scrub(view.name)
        _set(session, SavedView, col(SavedView.id), view.id, filters=filters, name=name)
        changed += 1
    return changed


def erase_customer_records(session: Session, erasure: Erasure) -> int:
    """The person's record and every duplicate merged into it: cleared, unlinked from their company, rank reset."""
    now = utcnow()
    changed = 0
    for customer in session.exec(select(Customer).where(col(Customer.id).in_(list(erasure.customer_ids)))).all():
        values: dict[str, Any] = dict.fromkeys(PERSONAL_FIELDS)
        values.update(dict.fromkeys(CUSTOMER_KEYS, ""))
        values.update(
            full_name=f"匿名化済み顧客 #{customer.id}",
            company_id=None,
            is_decision_maker=False,
            rank=CustomerRank.NEW,
            contact_consent=False,
            anonymised_at=now,
            updated_at=now,
            version=customer.version + 1,
        )
        _set(session, Customer, col(Customer.id), customer.id, **values)
        changed += 1
    # The search documents carry the customer's name: every ticket of theirs is indexed again.
    queue_for_search(session, [*erasure.ticket_ids, *erasure.touched_tickets])
    session.expire_all()
    return changed


register("tickets", erase_own_tickets, order=10)
register("mentions", erase_mentions, order=20)
register("commerce", erase_commerce, order=30)
register("audit", erase_audit, order=40)
register("saved_views", erase_saved_views, order=40)
register("customer", erase_customer_records, order=90)
