"""The app starts on a real desk, lists its open tickets and opens one."""

from textual.widgets import DataTable, Tab

from screens.app import SupportDeskApp
from screens.home import HomeScreen
from screens.ticket_view import TicketScreen
from supportdesk.desk import Desk
from tests.screens.conftest import settle


async def test_app_starts_on_the_open_ticket_queue(desk: Desk) -> None:
    app = SupportDeskApp(desk)
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(pilot)
        assert isinstance(app.screen, HomeScreen)
        table = app.screen.query_one("#tickets", DataTable)
        assert table.row_count == 2
        subjects = {str(table.get_row_at(i)[table.get_column_index("Subject")]) for i in range(table.row_count)}
        assert subjects == {"請求が二重に引き落とされている", "返品したい"}
        assert str(app.screen.query_one("#mine", Tab).label) == "My open (2)"
        assert "佐藤 美咲" in app.sub_title


async def test_enter_opens_the_ticket_with_its_thread_in_order(desk: Desk) -> None:
    app = SupportDeskApp(desk)
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(pilot)
        table = app.screen.query_one("#tickets", DataTable)
        row = next(
            i for i in range(table.row_count) if "二重" in str(table.get_row_at(i)[table.get_column_index("Subject")])
        )
        table.move_cursor(row=row)
        table.focus()
        await pilot.press("enter")
        await pilot.pause()
        await settle(pilot)
        assert isinstance(app.screen, TicketScreen)
        entries = [str(w.render()) for w in app.screen.query(".entry")]
        assert "先月分が2回" in entries[0]
        assert "→ new" in entries[1]
        assert "返金手続き" in entries[2]
        assert "new → open" in entries[3]
        await pilot.press("escape")
        assert isinstance(app.screen, HomeScreen)


async def test_a_missing_ticket_is_reported_not_crashed(desk: Desk, monkeypatch) -> None:
    app = SupportDeskApp(desk)
    notices: list[str] = []
    original = app.notify
    monkeypatch.setattr(app, "notify", lambda message, **kw: notices.append(message) or original(message, **kw))
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(pilot)
        app.push_screen(TicketScreen(9999))
        await pilot.pause()
        await settle(pilot)
        assert any("#9999 does not exist" in n for n in notices)


async def test_app_starts_on_the_demo_desk_and_lists_its_tickets(engine) -> None:
    from supportdesk.demo import SHOWCASE_OPEN_SUBJECT, build_demo, demo_password

    build_demo(engine, customers=40, tickets=60)
    desk = Desk.open(str(engine.url.render_as_string(hide_password=False)), "sato", password=demo_password("sato"))
    app = SupportDeskApp(desk)
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(pilot)
        home = app.screen
        assert isinstance(home, HomeScreen)
        assert home.rows and all(r.assignee_login == "sato" for r in home.rows)
        assert SHOWCASE_OPEN_SUBJECT in {r.subject for r in home.rows}
        assert str(home.query_one("#mine", Tab).label) == f"My open ({len(home.rows)})"
