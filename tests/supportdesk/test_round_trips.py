"""How many statements the desk's busiest calls send: on PostgreSQL each one is a round trip (0.5–1 ms, issue 20).

The limits are what these calls send today. A change that adds a statement to one of them fails here; if it must,
raise the limit and say why. Every call reads the signed-in account again (a disabled account stops at once),
counted like the others: by a statement of its own, except where a read on PostgreSQL takes it in its first
statement (users.account_columns: a caller lookup, a tab count, opening a ticket or a 360; on SQLite, where a read
runs as any other call, the account still has its own). On
PostgreSQL the driver also sends BEGIN, COMMIT and ROLLBACK, which SQLAlchemy does not see as statements:
`round_trips` counts what crosses the wire.
"""

import re
import tempfile
from collections.abc import Callable, Iterator
from contextlib import ExitStack, contextmanager
from dataclasses import dataclass
from datetime import date
from typing import IO, Any

import pytest
from psycopg import pq
from sqlalchemy import Connection, Engine, event
from sqlmodel import Session

from supportdesk.db import RECORDS_A_LOOK, WriteInReadOnlyCall, reading_engine
from supportdesk.desk import Desk
from supportdesk.services.actor import Actor
from supportdesk.services.cases import set_tags
from supportdesk.services.commerce import add_product, add_subscription
from supportdesk.services.custom_fields import define_field, set_values
from supportdesk.services.mail_in import receive
from supportdesk.services.ticket_links import link_tickets
from supportdesk.services.views import base_filter
from tests.supportdesk import factories
from tests.supportdesk.engine_events import listening
from tests.supportdesk.mail.build import mail

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
    customer = factories.customer(session, agent, company_id=company, email="yamada@example.jp")
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

    with listening(engine, "before_cursor_execute", count):
        yield sent


@contextmanager
def listening_only(engine: Engine) -> Iterator[list[str]]:
    """The statements `engine` itself sends while the block runs (not its reading engine's)."""
    sent: list[str] = []

    def count(conn: Connection, cursor: Any, statement: str, *_: Any) -> None:
        sent.append(statement)

    event.listen(engine, "before_cursor_execute", count)
    try:
        yield sent
    finally:
        event.remove(engine, "before_cursor_execute", count)


@contextmanager
def round_trips(engine: Engine) -> Iterator[list[str]]:
    """What the client sends the PostgreSQL server while the block runs, one word per round trip: the statements,
    and the BEGIN, COMMIT or ROLLBACK psycopg sends on its own (read from libpq's protocol trace of every connection
    the block takes from the pool)."""
    sent: list[str] = []
    traced: list[tuple[Any, IO[str]]] = []

    with ExitStack() as files:

        def trace(dbapi_connection: Any, *_: Any) -> None:
            if all(traced_connection is not dbapi_connection for traced_connection, _file in traced):
                file = files.enter_context(tempfile.TemporaryFile("w+", encoding="utf-8"))
                dbapi_connection.pgconn.trace(file.fileno())
                dbapi_connection.pgconn.set_trace_flags(pq.Trace.SUPPRESS_TIMESTAMPS | pq.Trace.REGRESS_MODE)
                traced.append((dbapi_connection, file))

        try:
            with listening(engine, "checkout", trace, on_pools=True):
                yield sent
        finally:
            for dbapi_connection, file in traced:
                dbapi_connection.pgconn.untrace()  # flushes the trace
                file.seek(0)
                sent.extend(_exchanges(file.read().splitlines()))


_MESSAGE = re.compile(r"([FB])\t\d+\t(\w+)\t?(.*)")  # a protocol message's first line; SQL may go on below
CONTROL = ("BEGIN", "COMMIT", "ROLLBACK", "DEALLOCATE", "SET LOCAL synchronous_commit")


def _exchanges(trace: list[str]) -> Iterator[str]:
    """One word per round trip in a libpq trace (each ends with the server's ReadyForQuery): the first word of what
    the client sent, "SET LOCAL synchronous_commit" for that setting, "(prepared)" for a statement psycopg prepared
    earlier (it sends only its name) and "(prepare)" for psycopg preparing one, which it does on its own once a
    connection has run a statement five times (a round trip of its own)."""
    asked, bound, preparing = "", False, False
    for line in trace:
        found = _MESSAGE.match(line)
        if found is None:
            continue
        direction, message, rest = found.groups()
        if direction == "F" and message in ("Query", "Parse") and not asked:
            # Query "text"; Parse "name" "text" ...
            parts = rest.split('"', 4)
            text = parts[1 if message == "Query" else 3]
            asked = "SET LOCAL synchronous_commit" if "synchronous_commit" in text else text.split(None, 1)[0].upper()
            preparing = message == "Parse" and parts[1] != ""
        elif direction == "F" and message == "Bind":
            bound = True
        elif direction == "B" and message == "ReadyForQuery":
            yield "(prepare)" if asked and preparing and not bound else asked or "(prepared)"
            asked, bound, preparing = "", False, False


def calls_only(trips: list[str]) -> list[str]:
    """`trips` without psycopg's own preparing of statements (it depends on what the connection ran before)."""
    return [trip for trip in trips if trip != "(prepare)"]


def sent_by(engine: Engine, call: Callable[[], object]) -> list[str]:
    """What one call sends once warmed up (the first call of a process may read the schema)."""
    call()
    with statements(engine) as sent:
        call()
    return sent


def test_opening_a_customer_360_again_sends_at_most_5_statements(busy: Busy, engine: Engine) -> None:
    """The account (on PostgreSQL in the next statement); the customer with their company, ticket counts and
    purchase figures, whether this agent viewed them lately and whether they have subscriptions and the desk fields
    of its own; the colleagues; the tickets with their tags; the purchases. This customer has no subscription and
    the desk no fields: neither is asked for (the test below has both). Nothing to record: the agent looked a
    moment ago (the first look's record is below)."""
    sent = sent_by(engine, lambda: busy.desk.customer_360(busy.customer, TODAY))
    assert len(sent) <= (4 if engine.dialect.name == "postgresql" else 5), "\n".join(sent)
    assert engine.dialect.name == "sqlite" or ('"user"' in sent[0] and "FROM customer" in sent[0]), sent[0]
    assert not [s for s in sent if s.startswith("SELECT ticket_tag.")], "tags read with their tickets"
    assert len([s for s in sent if "FROM purchase" in s and "count(" in s]) == 1, "purchases counted once"
    assert not [s for s in sent if _reads(s) & {"subscription", "custom_field"}], "nothing there, nothing asked"


def test_opening_a_ticket_again_sends_at_most_3_statements(busy: Busy, engine: Engine) -> None:
    """The account (on PostgreSQL in the next statement); the ticket with its customer, company, assignee, purchase,
    tags, whether this agent viewed it lately and whether it has mail, files, links or merged tickets and the desk
    fields of its own; the thread. This ticket came by phone and has none of them: none is asked for."""
    sent = sent_by(engine, lambda: busy.desk.get_ticket(busy.ticket))
    assert len(sent) <= (2 if engine.dialect.name == "postgresql" else 3), "\n".join(sent)
    assert engine.dialect.name == "sqlite" or ('"user"' in sent[0] and "FROM ticket" in sent[0]), sent[0]
    assert not [s for s in sent if s.startswith("SELECT ticket_tag.")], "tags read with the ticket"
    asked = set().union(*(_reads(s) for s in sent))
    assert not asked & {"mail_message", "attachment", "ticket_link", "custom_field"}, asked


def test_what_a_ticket_and_its_customer_have_is_read_and_shown(
    session: Session, engine: Engine, agent: Actor, admin: Actor
) -> None:
    """A ticket that came by mail with a file, linked to another, with the desk's own field filled in; its customer
    with a subscription and a field of their own: each is read (one statement more apiece) and shown."""
    define_field(session, admin, "tickets", "品番", "text")
    define_field(session, admin, "customers", "会員番号", "text")
    got = receive(session, agent, mail(files=[("見積書.pdf", "application/pdf", b"%PDF-1.4 quote")]))
    assert got.ticket is not None and got.customer is not None
    number, customer = got.ticket, got.customer
    link_tickets(session, agent, number, factories.ticket(session, agent, customer, subject="前回の件"))
    set_values(session, agent, "tickets", number, {"品番": "A-100"})
    set_values(session, agent, "customers", customer, {"会員番号": "M-0042"})
    session.commit()
    product = add_product(session, agent, "SKU-SUB", "家計簿 年間プラン", 12000)
    add_subscription(session, agent, customer, product, date(2026, 4, 1))
    desk = Desk(engine=engine, actor=agent)

    ticket_sent = sent_by(engine, lambda: desk.get_ticket(number))
    asked = set().union(*(_reads(s) for s in ticket_sent))
    assert {"mail_message", "attachment", "ticket_link", "custom_field"} <= asked, asked
    ticket = desk.get_ticket(number)
    (first,) = ticket.entries[:1]
    assert first.mail is not None and first.mail.from_address == "taro@example.jp"
    assert [a.filename for a in first.attachments] == ["見積書.pdf"]
    assert [link.subject for link in ticket.links] == ["前回の件"]
    assert [(v.name, v.value) for v in ticket.custom] == [("品番", "A-100")]

    customer_sent = sent_by(engine, lambda: desk.customer_360(customer, TODAY))
    asked = set().union(*(_reads(s) for s in customer_sent))
    assert {"subscription", "custom_field"} <= asked, asked
    view = desk.customer_360(customer, TODAY)
    assert [s.product_name for s in view.subscriptions] == ["家計簿 年間プラン"]
    assert [(v.name, v.value) for v in view.custom] == [("会員番号", "M-0042")]


def _reads(statement: str) -> set[str]:
    """What a statement reads: the table of its first column (`SELECT mail_message.id, ...`), not the tables it only
    probes in a subquery (the ticket's statement asks whether mail exists)."""
    first = re.match(r'\s*SELECT\s+"?(\w+)"?\.', statement)
    return {first.group(1)} if first else set()


def test_a_first_look_adds_only_its_audit_row(busy: Busy, engine: Engine, lead: Actor) -> None:
    """The same reads, then the view's audit row."""
    as_lead = Desk(engine=engine, actor=lead)
    busy.desk.get_ticket(busy.ticket), busy.desk.customer_360(busy.customer, TODAY)  # compiled and cached
    with statements(engine) as ticket_first:
        as_lead.get_ticket(busy.ticket)
    with statements(engine) as customer_first:
        as_lead.customer_360(busy.customer, TODAY)
    reads = (2, 4) if engine.dialect.name == "postgresql" else (3, 5)
    assert len(ticket_first) <= reads[0] + 1, "\n".join(ticket_first)
    assert len(customer_first) <= reads[1] + 1, "\n".join(customer_first)
    assert [s.split()[0] for s in ticket_first + customer_first if not s.startswith("SELECT")] == ["INSERT"] * 2


def test_reopening_a_ticket_and_its_360_on_postgresql_is_no_transaction_and_a_first_look_one_insert_more(
    busy: Busy, engine: Engine, lead: Actor
) -> None:
    """On PostgreSQL both calls read outside a transaction (Desk._read_then_record): a reopen is its statements'
    round trips and nothing else (it was four more: BEGIN and ROLLBACK around the account check and again around the
    call). A first look then records its view by one INSERT, a transaction by itself (it was four round trips:
    BEGIN, the audit row, SET LOCAL synchronous_commit, COMMIT)."""
    if engine.dialect.name != "postgresql":
        pytest.skip("SQLite reads in-process: no round trips to count")
    as_lead = Desk(engine=engine, actor=lead)
    busy.desk.get_ticket(busy.ticket), busy.desk.customer_360(busy.customer, TODAY)  # compiled and cached
    with round_trips(engine) as trips:
        busy.desk.get_ticket(busy.ticket)
    ticket_again = calls_only(trips)
    with round_trips(engine) as trips:
        busy.desk.customer_360(busy.customer, TODAY)
    customer_again = calls_only(trips)
    assert (len(ticket_again), len(customer_again)) == (2, 4), (ticket_again, customer_again)
    assert not [w for w in ticket_again + customer_again if w in CONTROL]
    with round_trips(engine) as trips:
        as_lead.get_ticket(busy.ticket)
    ticket_first = calls_only(trips)
    with round_trips(engine) as trips:
        as_lead.customer_360(busy.customer, TODAY)
    customer_first = calls_only(trips)
    for first, reads in ((ticket_first, 2), (customer_first, 4)):
        assert len(first) == reads + 1, " ".join(first)  # the reads, then the audit row
        assert first[reads] in ("INSERT", "(prepared)"), first
        assert not [w for w in first if w in CONTROL], first


@pytest.mark.parametrize("typed", ["03-1234-5678", "03-9999-0000", "yamada@example.jp"])
def test_a_whole_phone_number_or_e_mail_is_looked_up_in_one_round_trip_on_postgresql(
    busy: Busy, engine: Engine, typed: str
) -> None:
    """The people the number or address names, with their companies' names, in the statement that also counts the
    other ways of matching (a company's main line) and reads the account; on SQLite the account is a statement
    before it. A second only when a company's main line is the number: 03-9999-0000 lists its two people."""
    sent = sent_by(engine, lambda: busy.desk.find_customers(typed, limit=30))
    on_postgresql = engine.dialect.name == "postgresql"
    company_line = typed == "03-9999-0000"
    assert len(sent) == (1 if on_postgresql else 2) + company_line, "\n".join(sent)
    if on_postgresql:
        assert '"user"' in sent[0] and "customer.full_name" in sent[0], sent[0]
        with round_trips(engine) as trips:
            found = busy.desk.find_customers(typed, limit=30)
        assert len(calls_only(trips)) == 1 + company_line, trips
        assert len(found) == (2 if company_line else 1)


def test_a_tab_count_on_its_own_is_one_statement_on_postgresql(busy: Busy, engine: Engine, agent: Actor) -> None:
    """The count, which also reads the account; on SQLite the account is a statement before it."""
    mine = base_filter("mine", agent.id, TODAY)
    sent = sent_by(engine, lambda: busy.desk.count_tickets(mine))
    assert len(sent) == (1 if engine.dialect.name == "postgresql" else 2), "\n".join(sent)


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
    commit): it goes through the reading connections, which do not wait for the disk; a change people made goes
    through the others, which still wait for their commit to reach it."""
    reader = reading_engine(engine)
    with statements(engine) as looked, listening_only(reader) as looked_on_reader:
        busy.desk.customer_360(busy.customer, TODAY)  # the first look: a view is recorded
    with listening_only(reader) as replied_on_reader:
        busy.desk.add_entry(busy.ticket, "internal_note", "折り返しました")
    assert [s for s in looked if s.startswith("INSERT INTO audit_event")], looked
    if reader is engine:
        return  # SQLite: one engine, synchronous=NORMAL for every commit
    assert [s for s in looked_on_reader if s.startswith("INSERT INTO audit_event")], looked_on_reader
    assert not [s for s in replied_on_reader if not s.startswith("SELECT")], replied_on_reader
    with reader.connect() as connection:
        assert connection.exec_driver_sql("SHOW synchronous_commit").scalar_one() == "off"
    with engine.connect() as connection:
        assert connection.exec_driver_sql("SHOW synchronous_commit").scalar_one() == "on"


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
        with pytest.raises(WriteInReadOnlyCall):
            connection.exec_driver_sql("INSERT INTO audit_event (action, object_type) VALUES ('x.view', 'x')")
    # The option that lets a look's record through lets nothing else through.
    with reader.connect() as connection, pytest.raises(WriteInReadOnlyCall):
        connection.execution_options(**{RECORDS_A_LOOK: True}).exec_driver_sql(
            "UPDATE customer SET notes = notes WHERE id = -1"
        )
    assert busy.desk.find_customers("03-1234-5678", limit=30)
    assert busy.desk.count_tickets() >= 2
    with engine.connect() as connection:
        assert not connection.connection.dbapi_connection.autocommit  # type: ignore[union-attr]


def test_reads_keep_their_prepared_statements_while_other_calls_roll_back(busy: Busy, engine: Engine) -> None:
    """psycopg prepares a statement after its fifth run on a connection and forgets them all at a ROLLBACK, which
    every call in a transaction ends its account check with. The reads' connections never roll back."""
    if engine.dialect.name != "postgresql":
        pytest.skip("SQLite prepares nothing on a server")
    for _ in range(6):
        assert busy.desk.find_customers("03-1234-5678", limit=30)
    busy.desk.ticket_tags(busy.ticket)  # a call in a transaction: its account check ends in ROLLBACK
    with reading_engine(engine).connect() as connection:
        prepared = connection.exec_driver_sql("SELECT count(*) FROM pg_prepared_statements").scalar_one()
    assert prepared > 0


def test_a_whole_number_or_e_mail_is_planned_once_for_every_caller(busy: Busy, engine: Engine) -> None:
    """A whole phone number or e-mail is looked up by equality, which PostgreSQL plans once and reuses for every
    caller. Asked as a range, its generic plan was costed at 500 rows a range and never chosen: every lookup was
    planned afresh, 0.2 ms of the 0.3 its statement took on the server (issue 20)."""
    if engine.dialect.name != "postgresql":
        pytest.skip("SQLite keeps no plans on a server")
    # 100,000 people, half of them with a mobile, as on the benchmark's desk: on a few thousand, the planner's
    # guess at a range (half a percent of the rows) costs little, and a generic plan was chosen for it anyway.
    with engine.begin() as connection:
        before = connection.exec_driver_sql("SELECT max(id) FROM customer").scalar_one()
        connection.exec_driver_sql(
            "INSERT INTO customer (full_name, rank, contact_consent, is_decision_maker, name_key, kana_key, email_key,"
            " phone_key, mobile_key, created_at, updated_at, version)"
            " SELECT 'c' || n, 'NEW', false, false, 'c' || n, '', 'c' || n || '@example.jp', '06' || lpad(n::text, 8,"
            " '0'), CASE WHEN mod(n, 2) = 0 THEN '090' || lpad(n::text, 8, '0') ELSE '' END, now(), now(), 1"
            " FROM generate_series(1, 100000) AS n"
        )
        connection.exec_driver_sql("ANALYZE customer")
    try:
        for n in range(12):
            busy.desk.find_customers(f"03-1234-{n:04d}", limit=30)
            busy.desk.find_customers(f"caller{n}@example.jp", limit=30)
        with reading_engine(engine).connect() as connection:
            plans = connection.exec_driver_sql(
                "SELECT left(statement, 30), generic_plans, custom_plans FROM pg_prepared_statements"
                " WHERE strpos(statement, 'one_row') > 0"
            ).all()
    finally:  # statistics of a small desk again, for the tests after this one
        with engine.begin() as connection:
            connection.exec_driver_sql(f"DELETE FROM customer WHERE id > {int(before)}")
            connection.exec_driver_sql("ANALYZE customer")
    assert len(plans) == 2, plans  # the phone number's statement and the e-mail's
    assert all(generic > 0 for _, generic, _ in plans), plans  # (statement, generic plans, custom plans)
