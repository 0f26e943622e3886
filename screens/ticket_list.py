"""The tickets behind a number of the lead's dashboard: a list with due times, selection and bulk changes."""

from dataclasses import replace
from functools import partial

from textual import on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.widgets import Header, Static

from screens.base import AppScreen
from screens.bulk_flow import apply_macro, change_in_bulk
from screens.dialogs.field_filter import FieldChoice, ask_ticket_field
from screens.messages import OpenTicket
from screens.safe_text import data_content
from screens.widgets.key_bar import KeyBar
from screens.widgets.ticket_table import TicketTable
from screens.workers import fetch
from supportdesk.i18n import N_, t, tn
from supportdesk.services import sla
from supportdesk.services.actor import Action, can
from supportdesk.services.readmodels import TicketRow
from supportdesk.services.ticket_queries import TicketFilter, TicketSort

PAGE_SIZE = 500


class TicketListScreen(AppScreen[None]):
    CSS_PATH = "ticket_list.tcss"
    BINDINGS = [
        Binding("escape", "app.pop_screen", N_("Back"), id="list.back"),
        Binding("r", "refresh", N_("Refresh"), id="list.refresh"),
        Binding("f", "field_filter", N_("Filter by field"), id="list.field_filter"),
        Binding("x", "clear_filters", N_("Clear filters"), show=False, id="list.clear_filters"),
    ]

    def __init__(self, title: str, flt: TicketFilter) -> None:
        super().__init__()
        self.title_text = title
        self.flt = flt
        self.rows: list[TicketRow] = []
        self.field_choices: tuple[FieldChoice, ...] = ()  # the team's own fields narrowing the list

    def compose(self) -> ComposeResult:
        yield Header()
        yield Static(data_content(self.title_text), id="list-title")
        yield TicketTable(id="tickets", selectable=can(self.desk.actor, Action.BULK_CHANGE))
        yield Static(t("Loading…"), id="list-empty")
        yield KeyBar()

    def on_mount(self) -> None:
        self.sub_title = self.title_text
        table = self.query_one(TicketTable)
        policy = self.desk.settings.sla
        table.soon_after = lambda now: sla.soon_limit(now, policy)
        table.focus()
        self.load()

    def action_refresh(self) -> None:
        self.load()

    @on(TicketTable.BulkRequested)
    def _bulk(self, event: TicketTable.BulkRequested) -> None:
        change_in_bulk(self, event, self.load)

    @on(TicketTable.MacroRequested)
    def _macro(self, event: TicketTable.MacroRequested) -> None:
        apply_macro(self, event, self.load)

    def came_back(self) -> None:
        self.load()

    def load(self) -> None:
        flt = replace(
            self.flt,
            custom=self.flt.custom + tuple((c.field_id, c.value) for c in self.field_choices if not c.contains),
            custom_contains=self.flt.custom_contains
            + tuple((c.field_id, c.value) for c in self.field_choices if c.contains),
        )
        call = partial(self.desk.list_tickets, flt, sort=TicketSort.DUE, descending=False, limit=PAGE_SIZE)
        fetch(self, call, self.show, group="list")

    def show(self, rows: list[TicketRow]) -> None:
        self.rows = rows
        self.query_one(TicketTable).show_rows(rows)
        empty = self.query_one("#list-empty", Static)
        empty.update(t("No tickets in this list.") if not rows else "")
        empty.display = not rows
        self._show_title()

    def _show_title(self) -> None:
        title = f"{self.title_text} ({len(self.rows)})"
        if self.field_choices:
            title += "  · " + " · ".join(c.label() for c in self.field_choices)
        if marked := len(self.query_one(TicketTable).selected):
            title += "  · " + tn("{count} ticket selected", "{count} tickets selected", marked)
        self.query_one("#list-title", Static).update(data_content(title))

    @on(TicketTable.SelectionChanged)
    def _selection_changed(self) -> None:
        self._show_title()

    @on(TicketTable.Opened)
    def _open(self, event: TicketTable.Opened) -> None:
        self.post_message(OpenTicket(event.number))

    def action_field_filter(self) -> None:
        ask_ticket_field(self, self._fielded)

    def _fielded(self, choice: FieldChoice | None) -> None:
        if choice is not None:
            self.field_choices = (*(c for c in self.field_choices if c.field_id != choice.field_id), choice)
            self.load()

    def action_clear_filters(self) -> None:
        if self.field_choices:
            self.field_choices = ()
            self.load()
