"""The open-ticket queue: what the desk sees first."""

from datetime import UTC, datetime

from rich.text import Text
from textual import on, work
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Vertical
from textual.widgets import DataTable, Footer, Header, Static

from screens.base import DeskScreen
from screens.formatting import PRIORITY_STYLES, age
from screens.messages import OpenTicket
from supportdesk.services.readmodels import TicketRow
from supportdesk.services.ticket_queries import TicketFilter, TicketSort

COLUMNS = ("#", "Status", "Priority", "Type", "Customer", "Subject", "Age", "Assignee")
PAGE_SIZE = 500


class QueueScreen(DeskScreen[None]):
    CSS_PATH = "queue.tcss"
    BINDINGS = [
        Binding("enter", "open_ticket", "Open", id="queue.open"),
        Binding("r", "refresh", "Refresh", id="queue.refresh"),
    ]

    def __init__(self) -> None:
        super().__init__()
        self.rows: list[TicketRow] = []

    def compose(self) -> ComposeResult:
        yield Header()
        with Vertical(id="queue"):
            yield Static("Open tickets", id="queue-title")
            yield DataTable(id="tickets", cursor_type="row", zebra_stripes=True)
            yield Static("Loading…", id="queue-empty")
        yield Footer()

    def on_mount(self) -> None:
        table = self.query_one("#tickets", DataTable)
        for label in COLUMNS:
            table.add_column(label, key=label)
        self.action_refresh()

    def action_refresh(self) -> None:
        self.load_rows()

    @work(thread=True, exclusive=True, group="queue", exit_on_error=False)
    def load_rows(self) -> None:
        desk = self.desk
        flt = TicketFilter(open_only=True)
        rows = desk.list_tickets(flt, sort=TicketSort.UPDATED, limit=PAGE_SIZE)
        total = desk.count_tickets(flt)
        self.app.call_from_thread(self.show_rows, rows, total)

    def show_rows(self, rows: list[TicketRow], total: int) -> None:
        table = self.query_one("#tickets", DataTable)
        keep = table.cursor_row
        current = self.rows[keep].number if self.rows and 0 <= keep < len(self.rows) else None
        self.rows = rows
        table.clear()
        now = datetime.now(UTC)
        for row in rows:
            table.add_row(
                Text(f"#{row.number}", justify="right"),
                Text(row.status),
                Text(row.priority, style=PRIORITY_STYLES.get(row.priority, "").replace("$", "")),
                row.inquiry_type,
                row.customer_name,
                row.subject,
                Text(age(row.received_at, now), justify="right"),
                row.assignee_name or "—",
                key=str(row.number),
            )
        shown = f"{len(rows)} of {total}" if total > len(rows) else str(total)
        self.query_one("#queue-title", Static).update(f"Open tickets ({shown})")
        empty = self.query_one("#queue-empty", Static)
        empty.update("No open tickets. Nice work." if not rows else "")
        empty.display = not rows
        if current is not None:
            numbers = [r.number for r in rows]
            if current in numbers:
                table.move_cursor(row=numbers.index(current))
        table.focus()

    def action_open_ticket(self) -> None:
        table = self.query_one("#tickets", DataTable)
        if self.rows and 0 <= table.cursor_row < len(self.rows):
            self.post_message(OpenTicket(self.rows[table.cursor_row].number))

    @on(DataTable.RowSelected)
    def _row_selected(self, event: DataTable.RowSelected) -> None:
        event.stop()
        if event.row_key.value is not None:
            self.post_message(OpenTicket(int(event.row_key.value)))
