"""The tickets behind a number of the lead's dashboard: a list with due times, selection and bulk changes."""

from datetime import UTC, datetime

from rich.text import Text
from textual import on, work
from textual.app import ComposeResult
from textual.binding import Binding
from textual.widgets import DataTable, Footer, Header, Static

from screens.formatting import PRIORITY_STYLES, age, due_style, local
from screens.messages import OpenTicket
from screens.selection import TicketSelection, selection_bindings
from supportdesk.i18n import N_, t, v
from supportdesk.services import sla
from supportdesk.services.readmodels import TicketRow
from supportdesk.services.ticket_queries import TicketFilter, TicketSort

PAGE_SIZE = 500
COLUMNS = (
    N_("#"),
    N_("Status"),
    N_("Priority"),
    N_("Type"),
    N_("Customer"),
    N_("Subject"),
    N_("Age"),
    N_("Due"),
    N_("Assignee"),
)


class TicketListScreen(TicketSelection):
    CSS_PATH = "ticket_list.tcss"
    BINDINGS = [
        Binding("escape", "app.pop_screen", t("Back"), id="list.back"),
        Binding("r", "refresh", t("Refresh"), id="list.refresh"),
        *selection_bindings("list"),
    ]

    def __init__(self, title: str, flt: TicketFilter) -> None:
        super().__init__()
        self.title_text = title
        self.flt = flt
        self.rows: list[TicketRow] = []

    def compose(self) -> ComposeResult:
        yield Header()
        yield Static(self.title_text, id="list-title")
        yield DataTable(id="tickets", cursor_type="row", zebra_stripes=True)
        yield Static(t("Loading…"), id="list-empty")
        yield Footer()

    def on_mount(self) -> None:
        self.sub_title = self.title_text
        table = self.query_one("#tickets", DataTable)
        widths = {"Customer": 14, "Subject": 34}
        for label in COLUMNS:
            table.add_column(t(label), key=label, width=widths.get(label))
        table.focus()
        self.load()

    def action_refresh(self) -> None:
        self.load()

    def reload_tickets(self) -> None:
        self.load()

    def on_screen_resume(self) -> None:
        self.load()

    @work(thread=True, exclusive=True, group="list", exit_on_error=False)
    def load(self) -> None:
        rows = self.desk.list_tickets(self.flt, sort=TicketSort.DUE, descending=False, limit=PAGE_SIZE)
        self.app.call_from_thread(self.show, rows)

    def show(self, rows: list[TicketRow]) -> None:
        table = self.query_one("#tickets", DataTable)
        keep = table.cursor_row
        self.rows = rows
        self.keep_selection()
        table.clear()
        now = datetime.now(UTC)
        soon = sla.soon_limit(now, self.desk.settings.sla)
        for row in rows:
            style = due_style(row, now, soon)
            due = sla.next_due(row.status, row.first_response_at, row.first_response_due, row.resolution_due)
            table.add_row(
                self.selection_cell(row),
                v(row.status),
                Text(v(row.priority), style=PRIORITY_STYLES.get(row.priority, "")),
                v(row.inquiry_type),
                row.customer_name,
                row.subject,
                Text(age(row.received_at, now), justify="right"),
                Text(local(due) if due else "—", style=style),
                row.assignee_name or "—",
                key=str(row.number),
            )
        if rows:
            table.move_cursor(row=min(keep, len(rows) - 1))
        empty = self.query_one("#list-empty", Static)
        empty.update(t("No tickets in this list.") if not rows else "")
        empty.display = not rows
        self.query_one("#list-title", Static).update(f"{self.title_text} ({len(rows)})")

    @on(DataTable.RowSelected, "#tickets")
    def _open(self, event: DataTable.RowSelected) -> None:
        event.stop()
        if event.row_key.value is not None:
            self.post_message(OpenTicket(int(event.row_key.value)))
