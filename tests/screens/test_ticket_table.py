"""The ticket table a lead marks tickets in (space, a) and asks for a bulk change (b) or a macro (g) over them, with
the versions on screen; the table an agent comes back to: a refresh that brings the same tickets redraws only what
changed (the cursor stays, nothing is rebuilt — rebuilding a 500-row queue was most of the time of coming back from
a ticket), a refresh that brings other tickets shows them, and a customer's tickets fit the customer 360 at 100
columns."""

from dataclasses import replace
from datetime import UTC, datetime, timedelta

from textual import on
from textual.app import App, ComposeResult
from textual.message import Message

from screens.app import SupportDeskApp
from screens.customer_360 import Customer360Screen
from screens.widgets.ticket_table import TicketTable
from supportdesk.desk import Desk
from supportdesk.i18n import v
from supportdesk.services.readmodels import TicketRow
from tests.screens.conftest import settle

NOW = datetime.now(UTC)


def row(number: int, status: str = "open", subject: str = "") -> TicketRow:
    return TicketRow(
        number=number,
        status=status,
        priority="normal",
        inquiry_type="question",
        channel="phone",
        subject=subject or f"件名 {number}",
        customer_id=1,
        customer_name="山田 太郎",
        company_name=None,
        assignee_login="sato",
        assignee_name="佐藤 美咲",
        team=None,
        received_at=NOW - timedelta(hours=number),
        updated_at=NOW,
        follow_up_on=None,
        first_response_due=None,
        resolution_due=None,
        version=1,
    )


class Queue(App[None]):
    def __init__(self, selectable: bool = False) -> None:
        super().__init__()
        self.selectable = selectable
        self.near_end = 0
        self.heard: list[Message] = []

    def compose(self) -> ComposeResult:
        yield TicketTable(id="tickets", selectable=self.selectable)

    def on_ticket_table_near_end(self) -> None:
        self.near_end += 1

    @on(TicketTable.SelectionChanged)
    @on(TicketTable.BulkRequested)
    @on(TicketTable.MacroRequested)
    def _heard(self, message: Message) -> None:
        self.heard.append(message)


def cell(table: TicketTable, number: int, column: str) -> str:
    return str(table.get_cell(str(number), column))


async def test_a_refresh_with_the_same_tickets_changes_only_the_changed_cells() -> None:
    app = Queue()
    async with app.run_test(size=(120, 30)) as pilot:
        table = app.query_one(TicketTable)
        rows = [row(n) for n in range(1, 301)]
        table.show_rows(rows)
        table.move_cursor(row=120)
        await pilot.pause()
        added: list[object] = []
        real_add_row = table.add_row
        table.add_row = lambda *a, **k: added.append(a) or real_add_row(*a, **k)  # type: ignore[method-assign]

        changed = [*rows[:120], replace(rows[120], status="pending", subject="返金済み"), *rows[121:]]
        table.show_rows(changed)
        await pilot.pause()

        assert added == []  # nothing rebuilt
        assert cell(table, 121, "Status") == v("pending") and cell(table, 121, "Subject") == "返金済み"
        assert cell(table, 120, "Status") == v("open")
        assert table.cursor_number == 121 and table.rows_shown == changed


async def test_at_the_last_row_a_refresh_asks_again_for_the_next_page() -> None:
    # The screen drops a page that arrives after a refresh; the agent still at the end must get it without moving.
    app = Queue()
    async with app.run_test(size=(120, 30)) as pilot:
        table = app.query_one(TicketTable)
        rows = [row(n) for n in range(1, 11)]
        table.show_rows(rows)
        table.move_cursor(row=9)
        await pilot.pause()
        asked = app.near_end
        assert asked >= 1
        table.show_rows(rows)  # the same tickets: redrawn in place, the cursor does not move
        await pilot.pause()
        assert app.near_end == asked + 1


async def test_a_refresh_with_other_tickets_shows_them_and_keeps_the_cursor_on_its_ticket() -> None:
    app = Queue()
    async with app.run_test(size=(120, 30)) as pilot:
        table = app.query_one(TicketTable)
        table.show_rows([row(n) for n in range(1, 11)])
        table.move_cursor(row=4)  # ticket 5
        await pilot.pause()
        table.show_rows([row(99, subject="新しい問い合わせ"), *(row(n) for n in range(1, 11))])
        await pilot.pause()
        assert table.row_count == 11
        assert cell(table, 99, "Subject") == "新しい問い合わせ"
        assert table.cursor_number == 5


async def test_a_customers_tickets_keep_number_status_priority_due_and_assignee_in_view_at_100_columns(
    desk: Desk,
) -> None:
    taro = desk.find_customers("taro.yamada@sakura-shoji.example.jp")[0].customer.id
    app = SupportDeskApp(desk)
    async with app.run_test(size=(100, 30)) as pilot:
        await settle(pilot)
        app.push_screen(Customer360Screen(taro))
        await settle(pilot)
        table = app.screen.query_one("#c-tickets", TicketTable)
        shown = [column.key for column, _ in table.columns_shown]
        assert {"#", "Status", "Priority", "Due", "Assignee"} <= set(shown)
        assert "Customer" not in shown  # it is this customer's list
        used = sum(column.get_render_width(table) for column in table.columns.values())
        assert used <= table.scrollable_content_region.width  # nothing scrolls off to the right
        assert table.row_count == 1 and "請求" in str(table.get_cell_at((0, shown.index("Subject"))))


async def test_a_lead_marks_tickets_and_asks_for_a_bulk_change_with_the_versions_on_screen() -> None:
    app = Queue(selectable=True)
    async with app.run_test(size=(120, 30)) as pilot:
        table = app.query_one(TicketTable)
        table.show_rows([row(1), replace(row(2), version=7), row(3)])
        table.focus()
        await pilot.press("b")  # nothing marked yet: a word, no request
        await pilot.press("space", "space")
        await pilot.pause()
        assert table.selected == {1, 2} and cell(table, 1, "#") == "✓ #1" and cell(table, 3, "#") == "  #3"
        assert [m.numbers for m in app.heard if isinstance(m, TicketTable.SelectionChanged)] == [{1}, {1, 2}]
        await pilot.press("b", "g")
        await pilot.pause()
        bulk, macro = [m for m in app.heard if not isinstance(m, TicketTable.SelectionChanged)]
        assert isinstance(bulk, TicketTable.BulkRequested) and bulk.versions == {1: 1, 2: 7}
        assert isinstance(macro, TicketTable.MacroRequested) and macro.versions == {1: 1, 2: 7}

        table.show_rows([row(2), row(3), row(4)])  # ticket 1 left the list: it is no longer marked
        await pilot.press("a")
        await pilot.pause()
        assert table.selected == {2, 3, 4}
        await pilot.press("a")  # all marked: a marks none
        await pilot.pause()
        assert table.selected == set() and cell(table, 2, "#") == "  #2"


async def test_without_bulk_rights_the_table_shows_no_marks_and_no_selection_keys() -> None:
    app = Queue(selectable=False)
    async with app.run_test(size=(120, 30)) as pilot:
        table = app.query_one(TicketTable)
        table.show_rows([row(1), row(2)])
        table.focus()
        await pilot.press("space", "a", "b", "g")
        await pilot.pause()
        assert table.selected == set() and app.heard == [] and cell(table, 1, "#") == "#1"
        shown = {b.binding.action for b in app.screen.active_bindings.values()}
        assert not {"toggle_select", "select_all", "bulk", "bulk_macro"} & shown


async def test_a_next_page_draws_only_its_new_rows_and_a_changed_cell_is_drawn_again(monkeypatch) -> None:
    app = Queue()
    async with app.run_test(size=(120, 30)) as pilot:
        table = app.query_one(TicketTable)
        table.show_rows([row(n) for n in range(1, 31)])
        await pilot.pause()
        drawn: list[int] = []
        real = table._get_row_renderables

        def counted(row_index: int):  # type: ignore[no-untyped-def]
            drawn.append(row_index)
            return real(row_index)

        monkeypatch.setattr(table, "_get_row_renderables", counted)
        table.append_rows([row(n) for n in range(31, 61)])  # below the screen
        await pilot.pause()
        assert not [i for i in drawn if i < 30]  # the rows on screen were not rendered again

        changed = [row(n, subject="件名が変わった" if n == 1 else "") for n in range(1, 61)]
        table.show_rows(changed)  # the same tickets, one subject changed: redrawn in place
        await pilot.pause()
        assert 0 in drawn
        assert cell(table, 1, "Subject") == "件名が変わった"
        line = "".join(segment.text for segment in table.render_line(1))  # row 0, below the header
        assert "件名が変わった" in line


async def test_markup_and_escape_codes_in_a_next_page_are_drawn_as_text() -> None:
    # Unstyled cells are kept as strings until drawn: drawing must never parse them as markup.
    hostile = "[/bold][@click=app.quit]押す[/] \x1b[2J"
    app = Queue()
    async with app.run_test(size=(160, 30)) as pilot:
        table = app.query_one(TicketTable)
        table.show_rows([row(1, subject=hostile)])
        table.append_rows(
            [replace(row(n, subject=hostile), customer_name=hostile, assignee_name=hostile) for n in (2, 3)]
        )
        await pilot.pause()
        lines = ["".join(segment.text for segment in table.render_line(y)) for y in (1, 2, 3)]
        assert all("[/bold][@click=app.quit]押す" in line for line in lines)
        assert not any("\x1b" in line for line in lines) and all("␛" in line for line in lines)
        assert app.is_running
