"""How many statements the desk's busiest calls send: on PostgreSQL each one is a round trip (0.5–1 ms, issue 20).

The limits are what these calls send today. A change that adds a statement to one of them fails here; if it must,
raise the limit and say why. Every call starts by reading the signed-in account again (a disabled account stops
at once): that statement is counted like the others, and kept.
"""

from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from datetime import date
from typing import Any

import pytest
from sqlalchemy import Connection, Engine, event
from sqlmodel import Session

from supportdesk.db import WriteInReadOnlyCall, reading_engine
from supportdesk.desk import Desk
from supportdesk.services.actor import Actor
from supportdesk.services.cases import set_tags
from supportdesk.services.views import base_filter
from tests.supportdesk import factories

TODAY = date(2026, 12, 3)


@dataclass(frozen=True)
class Busy:
    """A customer at a company with a colleague, purchases and tickets (one about a purchase, tagged)."""

    desk: Desk
    customer: int
    ticket: int


@pytest.fixture
def busy(session: Session, engine: Engine, agent: Actor, lead: Actor) -> Busy:
    company = factories.company(session, agent, phone="03-9999-0000")
    customer = factories.customer(session, agent, company_id=company)
    factories.customer(session, agent, "山田 花子", company_id=company, phone="03-1234-0000")
    bought = [factories.purchase(session, lead, customer, on=date(2026, month, 1)) for month in (1, 6, 11)]
    number = factories.ticket(session, agent, customer, purchase_id=bought[-1])
    set_tags(session, agent, number, ["返品", "請求"])
    factories.ticket(session, agent, customer, subject="請求書の再発行")
    return Busy(Desk(engine=engine, actor=agent), customer, number)


@contextmanager
def statements(engine: Engine) -> Iterator[list[str]]:
    """The statements the engine sends while the block runs."""
    sent: list[str] = []

    def count(conn: Connection, cursor: Any, statement: str, *_: Any) -> None:
        sent.append(statement)

    event.listen(engine, "before_cursor_execute", count)
    try:
        yield sent
    finally:
        event.remove(engine, "before_cursor_execute", count)


def sent_by(engine: Engine, call: Callable[[], object]) -> list[str]:
    """What one call sends once warmed up (the first call of a process may read the schema)."""
    call()
    with statements(engine) as sent:
        call()
    return sent


def test_opening_a_customer_360_sends_at_most_9_statements(busy: Busy, engine: Engine) -> None:
    """The account; the customer with their company, ticket counts and purchase figures; the colleagues; the
    tickets and their tags; the purchases; the subscriptions; the custom fields; the audit row."""
    sent = sent_by(engine, lambda: busy.desk.customer_360(busy.customer, TODAY))
    assert len(sent) <= 9, "\n".join(sent)
    assert len([s for s in sent if "FROM purchase" in s and "count(" in s]) == 1, "purchases counted once"


def test_opening_a_ticket_sends_at_most_9_statements(busy: Busy, engine: Engine) -> None:
    """The account; the ticket with its customer, company, assignee, purchase and whether this agent viewed it
    lately; the thread; its mail; its files; its tags; its links; the tickets merged into it; the custom fields."""
    sent = sent_by(engine, lambda: busy.desk.get_ticket(busy.ticket))
    assert len(sent) <= 9, "\n".join(sent)


def test_a_phone_lookup_sends_at_most_3_statements(busy: Busy, engine: Engine) -> None:
    """The account; how many each way of matching finds; the people found with their companies' names."""
    sent = sent_by(engine, lambda: busy.desk.find_customers("03-1234-5678", limit=30))
    assert len(sent) <= 3, "\n".join(sent)


def test_the_home_queue_with_its_four_tab_counts_sends_at_most_5_statements(
    busy: Busy, engine: Engine, agent: Actor
) -> None:
    """The account; on SQLite the BEGIN of the snapshot the page and counts share; the page; its tags; the counts."""
    tabs = {q: base_filter(q, agent.id, TODAY) for q in ("mine", "unassigned", "follow_up", "all_open")}
    sent = sent_by(engine, lambda: busy.desk.queue_page(tabs["all_open"], tabs, limit=100))
    assert len(sent) <= 5, "\n".join(sent)
    assert len([s for s in sent if "count(" in s]) == 1, "the four tabs counted in one statement"


def test_a_first_look_is_recorded_without_waiting_for_the_disk_on_postgresql_but_a_reply_waits(
    busy: Busy, engine: Engine
) -> None:
    """A view's audit row is committed asynchronously on PostgreSQL (what SQLite's synchronous=NORMAL does for every
    commit); a change people made still waits for its commit to reach the disk."""
    with statements(engine) as looked:
        busy.desk.customer_360(busy.customer, TODAY)  # the first look: a view is recorded
    with statements(engine) as replied:
        busy.desk.add_entry(busy.ticket, "internal_note", "折り返しました")
    asynchronous = [s for s in looked if "synchronous_commit" in s]
    assert asynchronous == (["SET LOCAL synchronous_commit TO OFF"] if engine.dialect.name == "postgresql" else [])
    assert not [s for s in replied if "synchronous_commit" in s]
    assert any(s.startswith("INSERT INTO audit_event") for s in looked)


def test_lookups_and_queue_pages_read_outside_a_transaction_on_postgresql_and_may_not_write(
    busy: Busy, engine: Engine
) -> None:
    """No BEGIN and ROLLBACK around a call that only reads (four round trips of a lookup's seven); a statement that
    would change something is refused on that path, and the pooled connection goes back to transactions after."""
    reader = reading_engine(engine)
    if engine.dialect.name != "postgresql":
        assert reader is engine  # SQLite reads in-process: nothing to save
        return
    with reader.connect() as connection:
        assert connection.connection.dbapi_connection.autocommit  # type: ignore[union-attr]
        with pytest.raises(WriteInReadOnlyCall):
            connection.exec_driver_sql("UPDATE customer SET notes = notes WHERE id = -1")
    assert busy.desk.find_customers("03-1234-5678", limit=30)
    assert busy.desk.count_tickets() >= 2
    with engine.connect() as connection:
        assert not connection.connection.dbapi_connection.autocommit  # type: ignore[union-attr]
