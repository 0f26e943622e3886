"""The tickets behind a number of the lead's dashboard: a list with due times, selection and bulk changes."""

from functools import partial

from textual import on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.widgets import Footer, Header, Static

from screens.messages import OpenTicket
from screens.safe_text import data_content
from screens.selection import TicketSelection, selection_bindings
from screens.widgets.ticket_table import TicketTable
from screens.workers import fetch
from supportdesk.i18n import N_, t
from supportdesk.services import sla
from supportdesk.services.readmodels import TicketRow
from supportdesk.services.ticket_queries import TicketFilter, TicketSort

PAGE_SIZE = 500


class TicketListScreen(TicketSelection):
    CSS_PATH = "ticket_list.tcss"
    BINDINGS = [
        Binding("escape", "app.pop_screen", N_("Back"), id="list.back"),
        Binding("r", "refresh", N_("Refresh"), id="list.refresh"),
        *selection_bindings("list"),
    ]

    def __init__(self, title: str, flt: TicketFilter) -> None:
        super().__init__()
        self.title_text = title
        self.flt = flt
        self.rows: list[TicketRow] = []

    def compose(self) -> ComposeResult:
        yield Header()
        yield Static(data_content(self.title_text), id="list-title")
        yield TicketTable(id="tickets", mark=self.selection_cell)
        yield Static(t("Loading…"), id="list-empty")
        yield Footer()

    def on_mount(self) -> None:
        self.sub_title = self.title_text
        table = self.query_one(TicketTable)
        policy = self.desk.settings.sla
        table.soon_after = lambda now: sla.soon_limit(now, policy)
        table.focus()
        self.load()

    def action_refresh(self) -> None:
        self.load()

    def reload_tickets(self) -> None:
        self.load()

    def on_screen_resume(self) -> None:
        self.load()

    def load(self) -> None:
        call = partial(self.desk.list_tickets, self.flt, sort=TicketSort.DUE, descending=False, limit=PAGE_SIZE)
        fetch(self, call, self.show, group="list")

    def show(self, rows: list[TicketRow]) -> None:
        self.rows = rows
        self.keep_selection()
        self.query_one(TicketTable).show_rows(rows)
        empty = self.query_one("#list-empty", Static)
        empty.update(t("No tickets in this list.") if not rows else "")
        empty.display = not rows
        self.query_one("#list-title", Static).update(data_content(f"{self.title_text} ({len(rows)})"))

    @on(TicketTable.Opened)
    def _open(self, event: TicketTable.Opened) -> None:
        self.post_message(OpenTicket(event.number))
