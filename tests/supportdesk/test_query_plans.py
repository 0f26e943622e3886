"""The statements issue 20 measured are answered by the indexes made for them, on whichever backend the suite runs.

Each test runs the real service call, catches the SQL it sent and asks the database how it would run it. A test
desk is tiny, so the planner would rather read the table; PostgreSQL is told to avoid table scans and sorts where
it can, which leaves the index only when its columns, order and condition really fit the statement: an index that
lost the id tie-break, or a status list the partial index does not cover, fails here.
"""

from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import replace
from datetime import date, timedelta
from typing import Any

import pytest
from sqlalchemy import Connection, Engine
from sqlmodel import Session

from supportdesk import clock
from supportdesk.models import OPEN_STATUSES
from supportdesk.models.tickets import OPEN_TICKET
from supportdesk.services import caller_lookup
from supportdesk.services.actor import Actor
from supportdesk.services.caller_lookup import find_customers
from supportdesk.services.rfm import customer_rfm
from supportdesk.services.ticket_queries import TicketFilter, TicketSort, count_tickets, get_ticket, list_tickets
from supportdesk.services.views import base_filter
from tests.supportdesk import factories
from tests.supportdesk.engine_events import listening

TODAY = date(2026, 12, 3)


@contextmanager
def sent(engine: Engine) -> Iterator[list[tuple[str, Any]]]:
    """The statements (with their parameters) the engine sends while the block runs."""
    seen: list[tuple[str, Any]] = []

    def capture(conn: Connection, cursor: Any, statement: str, parameters: Any, *_: Any) -> None:
        seen.append((statement, parameters))

    with listening(engine, "before_cursor_execute", capture):
        yield seen


def plan(engine: Engine, statement: str, parameters: Any, sorting: bool = False) -> str:
    """How the database would run `statement`, as one text naming the indexes it reads."""
    with engine.connect() as connection:
        if engine.dialect.name == "postgresql":
            # Statistics of this test's rows, not whatever an earlier test on the shared database left behind (a
            # stale estimate of 270 purchases chose another index in a fresh-clone run).
            connection.exec_driver_sql("ANALYZE")
            connection.exec_driver_sql("SET enable_seqscan = off")
            if not sorting:
                connection.exec_driver_sql("SET enable_sort = off")
            rows = connection.exec_driver_sql("EXPLAIN " + statement, parameters).all()
        else:
            rows = connection.exec_driver_sql("EXPLAIN QUERY PLAN " + statement, parameters).all()
        connection.rollback()
    return "\n".join(str(row[-1]) for row in rows)


def the_one(seen: list[tuple[str, Any]], *words: str) -> tuple[str, Any]:
    [found] = [(s, p) for s, p in seen if all(w in s for w in words)]
    return found


def _desk_with_open_tickets(session: Session, agent: Actor) -> None:
    customer = factories.customer(session, agent)
    for status in ("new", "open", "pending", "on_hold", "resolved"):
        factories.ticket_in(session, agent, customer, status)


def test_the_all_open_queue_by_updated_or_received_reads_its_page_from_an_index(
    session: Session, agent: Actor, engine: Engine
) -> None:
    _desk_with_open_tickets(session, agent)
    for sort, index in ((TicketSort.UPDATED, "updated"), (TicketSort.RECEIVED, "received")):
        with sent(engine) as seen:
            rows = list_tickets(session, agent, base_filter("all_open", agent.id, TODAY), sort=sort, limit=50)
        assert len(rows) == 4
        how = plan(engine, *the_one(seen, "sort_key", "LIMIT"))
        if engine.dialect.name == "postgresql":
            # Not a sort of every open ticket: the page comes off the partial index, already in order.
            lines = how.splitlines()
            under_limit = lines[next(i for i, line in enumerate(lines) if "Limit" in line) + 1]
            assert f"using ix_ticket_open_{index}" in under_limit
        else:
            assert f"ix_ticket_status_{index}" in how


def test_the_follow_up_count_reads_only_pending_tickets_due_for_follow_up(
    session: Session, agent: Actor, engine: Engine
) -> None:
    customer = factories.customer(session, agent)
    today = clock.today()  # the desk's date: a follow-up date may not be in the past on the desk's clock
    for day in (today, today + timedelta(days=30)):
        factories.move(session, agent, factories.ticket(session, agent, customer), "pending", follow_up_on=day)
    with sent(engine) as seen:
        assert count_tickets(session, agent, base_filter("follow_up", agent.id, today)) == 1
    assert "ix_ticket_status_follow_up" in plan(engine, *the_one(seen, "count(", "follow_up_on"))


def test_a_customers_last_purchase_is_read_from_the_end_of_their_own_purchases(
    session: Session, agent: Actor, lead: Actor, engine: Engine
) -> None:
    busy, other = factories.customer(session, agent), factories.customer(session, agent, "佐藤 花子")
    for n in range(1, 6):
        factories.purchase(session, lead, busy, on=date(2026, n, 1))
        factories.purchase(session, lead, other, on=date(2026, n, 2))
    with sent(engine) as seen:
        assert customer_rfm(session, agent, busy, TODAY).recency_days == (TODAY - date(2026, 5, 1)).days
    assert "ix_purchase_customer_purchased" in plan(engine, *the_one(seen, "max(", "purchased_on"))


def test_opening_a_ticket_reads_its_customer_and_company_with_it_not_again(
    session: Session, agent: Actor, lead: Actor, engine: Engine
) -> None:
    company = factories.company(session, agent)
    customer = factories.customer(session, agent, company_id=company)
    bought = factories.purchase(session, lead, customer, on=date(2026, 11, 1))
    number = factories.ticket(session, agent, customer, purchase_id=bought)
    session.expunge_all()  # nothing left in the session from setting up: every read goes to the database
    with sent(engine) as seen:
        detail = get_ticket(session, agent, number)
    assert detail.customer.company_name == "株式会社さくら商事" and detail.purchase is not None
    reads = [s for s, _ in seen if s.lstrip().upper().startswith("SELECT")]
    # One statement names the customer, the company and the purchase with its product (joined to the ticket).
    assert len([s for s in reads if "FROM customer" in s or "JOIN customer" in s]) == 1
    assert len([s for s in reads if "company" in s]) == 1
    of_purchases = ("FROM purchase", "JOIN purchase", "FROM product", "JOIN product")
    assert len([s for s in reads if any(words in s for words in of_purchases)]) == 1


def test_the_priority_and_due_sorts_take_their_page_off_the_stored_keys(
    session: Session, agent: Actor, engine: Engine
) -> None:
    """Urgent (or soonest due) first, newest first among equals, from the open tickets' indexes on the computed
    columns, on both backends: for the whole desk and for one agent's queue (before migration 0016 every open
    ticket's key was computed and all of them sorted)."""
    customer = factories.customer(session, agent)
    for priority in ("low", "urgent", "normal", "high", "urgent"):
        factories.ticket(session, agent, customer, priority=priority)
    factories.ticket_in(session, agent, customer, "resolved")
    for queue, mine in (("all_open", ""), ("mine", "assignee_")):
        with sent(engine) as seen:
            rows = list_tickets(session, agent, base_filter(queue, agent.id, TODAY), sort=TicketSort.PRIORITY)
        assert [r.priority for r in rows] == ["urgent", "urgent", "high", "normal", "low"]
        assert rows[0].number > rows[1].number
        _assert_page_off(engine, seen, f"ix_ticket_open_{mine}priority")
        with sent(engine) as seen:
            rows = list_tickets(
                session, agent, base_filter(queue, agent.id, TODAY), sort=TicketSort.DUE, descending=False
            )
        dues = [r.first_response_due for r in rows]  # nobody has answered: the first-response due comes first
        assert len(rows) == 5 and dues == sorted(dues)
        _assert_page_off(engine, seen, f"ix_ticket_open_{mine}due")


def _assert_page_off(engine: Engine, seen: list[tuple[str, Any]], index: str) -> None:
    how = plan(engine, *the_one(seen, "sort_key", "LIMIT"))
    assert index in how, how
    if engine.dialect.name == "sqlite":  # the index's order is the page's: nothing sorted before the page
        lines = how.splitlines()
        assert "TEMP B-TREE" not in lines[next(i for i, line in enumerate(lines) if index in line) + 1]


def test_open_in_a_query_is_the_same_statuses_as_open_in_the_models() -> None:
    """The partial indexes and the queries spell "open" as literals; they must stay the statuses the desk means."""
    spelled = OPEN_TICKET.text.split(" IN ", 1)[1]
    assert set(spelled.strip("()").replace("'", "").split(", ")) == {str(s) for s in OPEN_STATUSES}


def test_has_this_agent_viewed_this_ticket_lately_is_asked_of_the_object_index(
    session: Session, agent: Actor, lead: Actor, engine: Engine
) -> None:
    """Every ticket opened asks whether the agent viewed it within the view window before recording the view: from
    the audit trail's index by object (migration 0017), not by walking every view of every ticket."""
    customer = factories.customer(session, agent)
    numbers = [factories.ticket(session, agent, customer) for _ in range(3)]
    for number in numbers:
        get_ticket(session, lead, number)  # other views in the trail
    with sent(engine) as seen:
        get_ticket(session, agent, numbers[1])
    check = the_one(seen, "FROM audit_event", "object_id")
    assert "ix_audit_event_object" in plan(engine, *check)


def test_an_agents_own_open_tickets_latest_first_come_off_their_index(
    session: Session, agent: Actor, engine: Engine
) -> None:
    """The home screen opens on "mine", latest update first: the page is read in order from the open tickets per
    assignee (migration 0018), not every open ticket of the agent fetched and sorted (95 ms at 100k before)."""
    customer = factories.customer(session, agent)
    numbers = [factories.ticket(session, agent, customer) for _ in range(4)]
    factories.ticket_in(session, agent, customer, "resolved")
    for queue in ("mine", "unassigned"):
        for sort, name in ((TicketSort.UPDATED, "updated"), (TicketSort.RECEIVED, "received")):
            with sent(engine) as seen:
                rows = list_tickets(session, agent, base_filter(queue, agent.id, TODAY), sort=sort)
            if queue == "mine":
                assert sorted(r.number for r in rows) == numbers
            elif engine.dialect.name == "postgresql":
                continue  # none unassigned here: PostgreSQL may walk the all-open index instead, also in order
            _assert_page_off(engine, seen, f"ix_ticket_open_assignee_{name}")


@pytest.mark.parametrize("sort", [TicketSort.UPDATED, TicketSort.RECEIVED, TicketSort.PRIORITY, TicketSort.DUE])
def test_the_unassigned_queue_takes_its_page_off_an_index_in_page_order(
    session: Session, agent: Actor, engine: Engine, sort: TicketSort
) -> None:
    """SQLite walks (assignee_id, key, id) with `assignee_id IS NULL` as an equality. PostgreSQL cannot read that
    index in key order for IS NULL: it took every unassigned ticket and sorted them (11,409 at 300k); its own
    partial indexes of the open unassigned tickets hold the page order (migration 0022)."""
    customer = factories.customer(session, agent)
    for n in range(6):
        factories.ticket(session, agent, customer, assign_to_me=n % 2 == 0)
    factories.ticket_in(session, agent, customer, "resolved", assign_to_me=False)
    descending = sort != TicketSort.DUE  # as the home screen asks
    unassigned = base_filter("unassigned", agent.id, TODAY)
    with sent(engine) as seen:
        rows = list_tickets(session, agent, unassigned, sort=sort, descending=descending)
    assert len(rows) == 3
    index = "ix_ticket_open_unassigned_" if engine.dialect.name == "postgresql" else "ix_ticket_open_assignee_"
    _assert_page_off(engine, seen, index + sort.value)


def test_a_lookup_counts_a_companys_people_from_the_companies_and_walks_the_ranking_index(
    session: Session, agent: Actor, engine: Engine, monkeypatch: pytest.MonkeyPatch
) -> None:
    """PostgreSQL merge-joined every customer in company order to count the people of the companies whose number
    starts with what was typed (41k rows for 08), and compared each person walked with every 吉田 of a name's nine
    spellings (a semi-join): each company's people are read by their index, each person walked is tested alone."""
    monkeypatch.setattr(caller_lookup, "WALK_ABOVE", 0)  # every probe with a match walks the ranking index
    company = factories.company(session, agent, "株式会社吉田商事", phone="03-5555-0000")
    for name in ("𠮷田 茂", "吉田 優"):
        factories.customer(session, agent, name, name_kana=None, phone=None, company_id=company)
    with sent(engine) as seen:
        assert len(find_customers(session, agent, "03-5555")) == 2
        assert len(find_customers(session, agent, "吉田")) == 2
    count = plan(engine, *the_one(seen, "count(", "company.phone_key"))
    walk = plan(engine, *the_one(seen, "coalesce(customer.id, customer.id) IN", "LIMIT"))
    if engine.dialect.name == "postgresql":
        # From the matching companies, each one's first people (a Limit per company), not a join of everyone.
        assert "Merge Join" not in count and "Limit" in count.split("Nested Loop", 1)[1]
        assert "Semi Join" not in walk and "hashed SubPlan" in walk
    assert "ix_customer_activity" in walk


def test_a_lookup_reads_the_people_of_a_few_companies_company_by_company_and_sorts_them(
    session: Session, agent: Actor, engine: Engine
) -> None:
    """A company probe matching no more than WALK_ABOVE people: PostgreSQL, asked for their best 20 as
    `company_id IN (…)` in ranking order, walked the ranking index and looked up each person's company until it had
    20 (3,700 people walked for 高橋's 519, 10 ms at 100k). It now reads each matching company's people by their
    index and sorts those; SQLite already read `IN (…)` company by company."""
    company = factories.company(session, agent, "株式会社吉田商事")
    for name in ("𠮷田 茂", "佐藤 優"):
        factories.customer(session, agent, name, name_kana=None, phone=None, company_id=company)
    factories.customer(session, agent, "鈴木 一郎", name_kana=None, phone=None)
    with sent(engine) as seen:
        found = find_customers(session, agent, "吉田商事")
    assert sorted(m.customer.full_name for m in found) == ["佐藤 優", "𠮷田 茂"]
    on_postgresql = engine.dialect.name == "postgresql"
    words = ("LATERAL", "AS score") if on_postgresql else ("customer.company_id IN", "AS score")
    how = plan(engine, *the_one(seen, *words), sorting=True)
    assert "ix_customer_company_id" in how and "ix_customer_activity" not in how, how


def test_a_lookup_counts_the_people_of_a_name_reading_or_company_from_the_active_peoples_indexes(
    session: Session, agent: Actor, engine: Engine
) -> None:
    """Counting a family name's 2,001 people, PostgreSQL read each from the table to see it was not merged away
    (1,464 pages for 伊藤); the active people's partial indexes (migration 0020) hold only those, and on a desk whose
    pages are all-visible (vacuumed) answer the count by themselves. Which scan reads them depends on visibility,
    which other connections of a full suite run hold back, so the test asks for the indexes, not the scan. SQLite
    counts from its key indexes, whose entries carry the rowid."""
    # 小林 has one spelling: its count is one key range. (Of several, on a desk this small, the planner may read
    # any index of the active people whole and test the ranges on each row, as it did in a full suite run.)
    company = factories.company(session, agent, "小林商事株式会社")
    for name in ("小林 太郎", "小林 花子"):
        factories.customer(session, agent, name, name_kana="こばやし たろう", phone=None, company_id=company)
    # Others, so that on a desk this small any index read whole and filtered is not as cheap as the right one.
    for n in range(150):
        factories.customer(session, agent, f"鈴木 {n}", name_kana=f"すずき {n}", phone=None)
    with sent(engine) as seen:
        assert len(find_customers(session, agent, "こばやし")) == 2
        assert len(find_customers(session, agent, "小林")) == 2
    counts = [plan(engine, *found) for found in seen if found[0].startswith("SELECT (SELECT count(")]
    assert len(counts) == 2
    if engine.dialect.name != "postgresql":
        assert "ix_customer_kana_bank_key" in counts[0] and "ix_customer_name_key" in counts[1], counts
        return
    for how, index in ((counts[0], "kana_bank_key"), (counts[1], "name_key"), (counts[1], "company_id")):
        assert f"on ix_customer_{index}_active" in how or f"using ix_customer_{index}_active" in how, how


def test_a_name_of_many_spellings_is_asked_by_one_text_on_postgresql_each_spelling_read_from_the_index(
    session: Session, agent: Actor, engine: Engine
) -> None:
    """吉田 has 9 spellings, 松田 18, 株式会社吉田製作所 32. As a union of that many key ranges, PostgreSQL spent 1-2 ms
    planning each statement of each lookup, as long as running it. The ranges now go as two arrays: one statement
    text whatever their number (planned cheaply, and prepared once per connection), each range an index search."""
    for name in ("吉田 茂", "松田 優"):
        factories.customer(session, agent, name, name_kana=None, phone=None)
    with sent(engine) as nine:
        assert [m.customer.full_name for m in find_customers(session, agent, "吉田")] == ["吉田 茂"]
    with sent(engine) as eighteen:
        assert [m.customer.full_name for m in find_customers(session, agent, "松田")] == ["松田 優"]
    if engine.dialect.name != "postgresql":
        return  # SQLite plans a union in microseconds: it keeps one
    assert [statement for statement, _ in nine] == [statement for statement, _ in eighteen]
    count = plan(engine, *the_one(nine, "count(", "unnest("))
    # Each range its own search of the name index, its bounds taken from the arrays.
    assert "ix_customer_name_key" in count, count
    assert any("Index Cond" in line and "key_range.low" in line for line in count.splitlines()), count


def _numbers(session: Session, agent: Actor, flt: Any, sort: TicketSort, descending: bool, offset: int) -> list[int]:
    return [
        r.number for r in list_tickets(session, agent, flt, sort=sort, descending=descending, limit=5, offset=offset)
    ]


def _pending_tickets_due_and_not(session: Session, agent: Actor) -> date:
    """24 pending tickets of all priorities, half due for follow-up by the day returned, a few resolved."""
    customer = factories.customer(session, agent)
    today = clock.today()
    priorities = ("urgent", "high", "normal", "low")
    for n in range(24):
        number = factories.ticket(session, agent, customer, priority=priorities[n % 4])
        day = today + timedelta(days=n % 3) if n % 2 else today + timedelta(days=3 + n % 5)
        factories.move(session, agent, number, "pending", follow_up_on=day)
    for _ in range(3):
        factories.ticket_in(session, agent, customer, "resolved")
    return today + timedelta(days=2)


@pytest.mark.parametrize("sort", [TicketSort.UPDATED, TicketSort.RECEIVED, TicketSort.PRIORITY, TicketSort.DUE])
def test_the_follow_up_tab_is_walked_in_page_order_on_sqlite_and_lists_what_the_general_query_lists(
    session: Session, agent: Actor, engine: Engine, sort: TicketSort
) -> None:
    """With no planner statistics SQLite took every due ticket from (status, follow_up_on), read each row and sorted
    them all (16,559 at 300k: 31-47 ms a page). The tab's pages in each sort's own direction now walk the pending
    tickets in page order (migration 0021). The same tickets in the same order as the general query, page by page;
    the other direction, or any other filter, goes the general way."""
    due_by = _pending_tickets_due_and_not(session, agent)
    follow_up = TicketFilter(follow_up_due_by=due_by)  # the tab's own filter (views.base_filter), two days on
    general = replace(follow_up, statuses=("pending",))  # the same tickets, not the tab's own filter
    for descending in (True, False):
        pages = []
        for flt in (follow_up, general):
            with sent(engine) as seen:
                pages.append([_numbers(session, agent, flt, sort, descending, offset) for offset in (0, 5, 10)])
            if flt is follow_up:
                walked = [s for s, _ in seen if "INDEXED BY ix_ticket_follow_up_" in s]
                pages_sent = [(s, p) for s, p in seen if "ticket.status = 'pending'" in s and "LIMIT" in s]
        assert pages[0] == pages[1] and sum(len(page) for page in pages[0]) == 12, pages
        # Latest, most important first (the priority sort's "descending"), soonest due first.
        in_its_own_direction = descending != (sort == TicketSort.DUE)
        assert bool(walked) == (in_its_own_direction and engine.dialect.name == "sqlite"), walked
        if in_its_own_direction and engine.dialect.name == "postgresql":
            # The status as a literal lets PostgreSQL prove the partial index holds the page (it chooses it itself).
            page = pages_sent[0]
            with engine.connect().execution_options(isolation_level="AUTOCOMMIT") as connection:
                connection.exec_driver_sql("VACUUM ticket")
            assert f"ix_ticket_follow_up_{sort.value}" in plan(engine, *page), plan(engine, *page)


def test_the_follow_up_tab_by_number_takes_its_numbers_from_an_index(
    session: Session, agent: Actor, engine: Engine
) -> None:
    """The page's numbers come from the index of pending tickets by follow-up day, without reading each ticket:
    SQLite's (status, follow_up_on) entries carry the number; PostgreSQL's carry it since migration 0019. (Sorting
    is allowed here: walking the numbers backwards needs none, and on a small desk would always win without.)"""
    customer = factories.customer(session, agent)
    today = clock.today()
    for n in range(60):
        number = factories.ticket(session, agent, customer)
        if n % 20 == 0:
            factories.move(session, agent, number, "pending", follow_up_on=today)
    with sent(engine) as seen:
        rows = list_tickets(session, agent, base_filter("follow_up", agent.id, today), sort=TicketSort.NUMBER)
    assert len(rows) == 3 and [r.number for r in rows] == sorted((r.number for r in rows), reverse=True)
    if engine.dialect.name == "postgresql":  # an index-only scan needs the pages marked all-visible, as on a desk
        with engine.connect().execution_options(isolation_level="AUTOCOMMIT") as connection:
            connection.exec_driver_sql("VACUUM ticket")
    how = plan(engine, *the_one(seen, "sort_key", "LIMIT"), sorting=True)
    if engine.dialect.name == "postgresql":
        assert "Index Only Scan using ix_ticket_status_follow_up_number" in how, how
    else:
        assert "ix_ticket_status_follow_up" in how, how
