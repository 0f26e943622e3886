"""What caller lookup ranks by — each customer's open tickets and last contact — follows every change to tickets and
threads, whoever makes it: the services, a merge, plain SQL. The columns are compared with what the tickets and
threads themselves say (factories.activity_from_history) after each step, on both backends."""

from datetime import UTC, datetime

from sqlalchemy import text
from sqlmodel import Session, select

from supportdesk.models import Customer, Status
from supportdesk.services.actor import Actor
from supportdesk.services.merge import merge_customers
from supportdesk.services.tickets import add_entry
from tests.supportdesk import factories
from tests.supportdesk.factories import activity_from_history, move, ticket_in


def _columns(session: Session) -> dict[int, tuple[int, datetime | None]]:
    """What the lookup reads. A record merged into another keeps the last contact it had (it is nobody to find
    any more; its history is not rewritten), so only its open tickets are compared."""
    session.expire_all()  # the triggers wrote behind the ORM's back
    return {
        c.id: (c.open_tickets, c.last_contact_at if c.merged_into_id is None else None)
        for c in session.exec(select(Customer)).all()
        if c.id
    }


def _agree(session: Session) -> None:
    truth = activity_from_history(session)
    columns = _columns(session)
    assert columns == {i: truth.get(i, (0, None)) for i in columns}


def test_a_new_customer_has_no_open_tickets_and_was_never_contacted(session: Session, agent: Actor) -> None:
    customer = factories.customer(session, agent)
    assert _columns(session)[customer] == (0, None)


def test_open_tickets_and_last_contact_follow_the_workflow(session: Session, agent: Actor, lead: Actor) -> None:
    yamada = factories.customer(session, agent)
    hanako = factories.customer(session, agent, "山田 花子", phone="06-2222-3333")
    first = ticket_in(session, agent, yamada, Status.OPEN)
    _agree(session)
    second = factories.ticket(session, agent, yamada, received_at=datetime(2026, 1, 5, tzinfo=UTC), body="")
    _agree(session)
    add_entry(session, agent, first, "reply", "確認いたします。")
    add_entry(session, agent, first, "internal_note", "倉庫に確認中")  # not a contact with the customer
    add_entry(session, agent, second, "call_log", "折り返し", call_duration_seconds=60)
    _agree(session)
    for target in (Status.PENDING, Status.ON_HOLD, Status.RESOLVED, Status.CLOSED):
        move(session, agent, first, target)
        _agree(session)
    move(session, agent, second, Status.RESOLVED)
    move(session, agent, second, Status.OPEN)  # reopened
    _agree(session)
    ticket_in(session, agent, hanako, Status.PENDING)
    merge_customers(session, lead, yamada, hanako)  # her tickets and her contacts move to him
    _agree(session)
    assert _columns(session)[yamada][0] == 2


def test_plain_sql_keeps_them_too(session: Session, agent: Actor) -> None:
    yamada = factories.customer(session, agent)
    numbers = [ticket_in(session, agent, yamada, Status.OPEN) for _ in range(3)]
    session.exec(text("UPDATE ticket SET status = 'closed' WHERE id = :n"), params={"n": numbers[0]})  # type: ignore[call-overload]
    session.exec(
        text("UPDATE ticket SET received_at = :at WHERE id = :n"),  # type: ignore[call-overload]
        params={"at": datetime(2030, 1, 1, tzinfo=UTC), "n": numbers[1]},
    )
    session.commit()
    _agree(session)
    for table in ("ticket_entry", "status_change", "audit_event"):
        column = "object_id" if table == "audit_event" else "ticket_id"
        if table != "audit_event":
            session.exec(text(f"DELETE FROM {table} WHERE {column} = :n"), params={"n": numbers[2]})  # type: ignore[call-overload]
    session.exec(text("DELETE FROM search_outbox WHERE ticket_id = :n"), params={"n": numbers[2]})  # type: ignore[call-overload]
    session.exec(text("DELETE FROM ticket WHERE id = :n"), params={"n": numbers[2]})  # type: ignore[call-overload]
    session.commit()
    _agree(session)
