"""On a large-ish desk the screens open without loading everything: queues come a page at a time, a customer's
history shows its latest tickets and purchases with totals counted by the database.

A demo desk of 3,000 tickets (about 1,200 open) crosses two pages of the home queue; a desk of 100k behaves the
same, since no screen asks for more than a page.
"""

from dataclasses import dataclass, field
from datetime import date, timedelta

import pytest
from sqlalchemy import Engine, func, insert
from sqlmodel import select
from textual.widgets import DataTable, Static, Tab

from screens.app import SupportDeskApp
from screens.customer_360 import Customer360Screen
from screens.home import PAGE_SIZE, HomeScreen
from supportdesk.demo import SHOWCASE_CUSTOMER_ID, build_demo
from supportdesk.desk import Desk
from supportdesk.models import Product, Purchase, Ticket
from supportdesk.services.customer_360 import PURCHASES_SHOWN, TICKETS_SHOWN
from supportdesk.services.tickets import TicketCreate, create_ticket
from supportdesk.services.users import resolve_actor
from tests.screens.conftest import settle


@dataclass
class Fetches:
    """Every call a screen made for ticket rows: (limit, offset, rows returned)."""

    calls: list[tuple[int, int, int]] = field(default_factory=list)

    @property
    def rows(self) -> int:
        return sum(n for _, _, n in self.calls)


@pytest.fixture
def large_desk(engine: Engine, session, monkeypatch: pytest.MonkeyPatch) -> tuple[Desk, Fetches]:
    build_demo(engine, customers=1_000, tickets=3_000)
    desk = Desk(engine=engine, actor=resolve_actor(session, "takahashi"))  # a lead: every queue, any ticket
    fetches = Fetches()
    real = desk.list_tickets

    def list_tickets(flt=None, **kwargs):  # type: ignore[no-untyped-def]
        rows = real(flt, **kwargs) if flt is not None else real(**kwargs)
        fetches.calls.append((kwargs.get("limit", 200), kwargs.get("offset", 0), len(rows)))
        return rows

    real_page = desk.queue_page

    def queue_page(flt, counts, **kwargs):  # type: ignore[no-untyped-def]
        page = real_page(flt, counts, **kwargs)
        fetches.calls.append((kwargs.get("limit", 200), 0, len(page.rows)))
        return page

    monkeypatch.setattr(desk, "list_tickets", list_tickets)
    monkeypatch.setattr(desk, "queue_page", queue_page)
    # Indexing 3,000 tickets on start is not what this test is about (and takes longer than the rest).
    monkeypatch.setattr(desk, "sync_index", lambda: 0)
    return desk, fetches


async def test_all_open_tickets_of_a_large_desk_come_a_page_at_a_time(large_desk) -> None:
    desk, fetches = large_desk
    app = SupportDeskApp(desk)
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(pilot)
        screen = app.screen
        assert isinstance(screen, HomeScreen)
        await pilot.press("escape", "4")  # out of the lookup box, then the "all open" queue
        await settle(pilot)
        total = desk.count_tickets(screen._filter())
        assert total > 2 * PAGE_SIZE, "the desk is larger than two pages"
        table = screen.query_one("#tickets", DataTable)
        assert table.row_count == PAGE_SIZE
        assert str(screen.query_one("#all_open", Tab).label).endswith(f"({total})"), "the tab still counts them all"
        assert all(limit <= PAGE_SIZE for limit, _, _ in fetches.calls), "no screen asked for more than a page"

        # The cursor at the last row brings the next page, once.
        fetches.calls.clear()
        table.focus()
        table.move_cursor(row=table.row_count - 1)
        await settle(pilot)
        assert fetches.calls == [(PAGE_SIZE, PAGE_SIZE, PAGE_SIZE)]
        assert table.row_count == 2 * PAGE_SIZE
        assert len({r.number for r in screen.rows}) == 2 * PAGE_SIZE

        # A refresh keeps the pages already seen and the cursor where it was.
        where = screen.rows[table.cursor_row].number
        fetches.calls.clear()
        await pilot.press("r")
        await settle(pilot)
        assert fetches.calls == [(2 * PAGE_SIZE, 0, 2 * PAGE_SIZE)]
        assert screen.rows[table.cursor_row].number == where

        # Another queue starts again from its first page.
        fetches.calls.clear()
        await pilot.press("2")
        await settle(pilot)
        assert [limit for limit, _, _ in fetches.calls] == [PAGE_SIZE]
        assert fetches.rows <= PAGE_SIZE


async def test_a_customer_with_years_of_history_opens_with_the_latest_and_true_totals(
    engine: Engine, session, monkeypatch: pytest.MonkeyPatch
) -> None:
    build_demo(engine, customers=40, tickets=60)
    lead = resolve_actor(session, "takahashi")
    desk = Desk(engine=engine, actor=lead)
    monkeypatch.setattr(desk, "sync_index", lambda: 0)
    customer = SHOWCASE_CUSTOMER_ID
    product = session.exec(select(Product.id)).first()
    rows = [
        {"customer_id": customer, "product_id": product, "unit_price": 1_000, "quantity": 1, "amount": 1_000}
        | {"purchased_on": date(2026, 1, 1) - timedelta(days=i)}
        for i in range(PURCHASES_SHOWN + 40)
    ]
    session.execute(insert(Purchase), rows)
    session.commit()
    for i in range(TICKETS_SHOWN + 10):
        create_ticket(session, lead, TicketCreate(customer_id=customer, subject=f"問い合わせ {i}"))
    view = desk.customer_360(customer, date(2026, 11, 23))
    purchases, total = session.exec(
        select(func.count(), func.sum(Purchase.amount)).where(Purchase.customer_id == customer)
    ).one()
    tickets = session.exec(select(func.count()).select_from(Ticket).where(Ticket.customer_id == customer)).one()
    assert (len(view.purchases), view.purchase_count, view.purchase_total) == (PURCHASES_SHOWN, purchases, total)
    assert (len(view.tickets), view.ticket_count) == (TICKETS_SHOWN, tickets)

    app = SupportDeskApp(desk)
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(pilot)
        app.push_screen(Customer360Screen(customer, date(2026, 11, 23)))
        await settle(pilot)
        screen = app.screen
        assert screen.query_one("#c-purchases", DataTable).row_count == PURCHASES_SHOWN
        assert screen.query_one("#c-tickets", DataTable).row_count == TICKETS_SHOWN
        assert f"({purchases})" in str(screen.query_one("#purchases-title", Static).render())
        assert f"{tickets}" in str(screen.query_one("#tickets-title", Static).render())
