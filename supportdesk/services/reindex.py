"""Keeping search in step with a change: the one place that touches a ticket and queues tickets for indexing.

A change to what search shows of a ticket (its text, status, tags, or the name of its customer or company) adds a
SearchOutbox row in the same transaction as the change, so the index applies it once the change is committed and
never sees a change that was rolled back (services/search.py applies the outbox).
"""

from collections.abc import Iterable

from sqlmodel import Session, col
from sqlmodel.sql.expression import SelectOfScalar

from supportdesk.models import SearchOutbox, Ticket
from supportdesk.models.base import utcnow


def queue_for_search(session: Session, ticket_ids: Iterable[int]) -> None:
    """Index these tickets again once this transaction commits (each once, whatever the repeats)."""
    session.add_all(SearchOutbox(ticket_id=ticket_id) for ticket_id in sorted(set(ticket_ids)))


def touch(session: Session, ticket: Ticket) -> None:
    """Something happened on the ticket: it moves up the queues (updated_at) and search indexes it again."""
    assert ticket.id is not None
    ticket.updated_at = utcnow()
    session.add(ticket)
    queue_for_search(session, [ticket.id])


def customer_ticket_ids(session: Session, customer_id: int) -> list[int]:
    """The customer's tickets, read without flushing pending changes (a stale edit is found at commit)."""
    with session.no_autoflush:
        query = SelectOfScalar[int](col(Ticket.id)).where(col(Ticket.customer_id) == customer_id)
        return list(session.exec(query).all())


def queue_customer_tickets(session: Session, customer_id: int) -> None:
    """Every ticket of the customer: their name and company are indexed with each of them."""
    queue_for_search(session, customer_ticket_ids(session, customer_id))
