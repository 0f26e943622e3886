"""The team lead's dashboard: open tickets now, who is overloaded, what is overdue, and the period's SLA figures.

Every number is a cell of a DataTable: Enter (or a click) on it opens the list of tickets behind it, where they
can be selected and changed in bulk. The figures come from services/reports.py, the same service as
`supportdesk report`, so the screen and the command always agree.
"""

from collections.abc import Callable, Sequence
from datetime import datetime
from typing import Any

from rich.text import Text
from textual import on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, Vertical
from textual.widgets import DataTable, Header, Static

from screens.base import AppScreen
from screens.formatting import local
from screens.safe_text import SafeDataTable
from screens.tables import Cell as TableCell
from screens.tables import refill_rows
from screens.widgets.handle_time import HandleTimePanel
from screens.widgets.key_bar import KeyBar
from screens.workers import fetch
from supportdesk.i18n import N_, pN_, t, v
from supportdesk.services import sla
from supportdesk.services.dashboard import Cell, Dashboard
from supportdesk.services.handle_time import HandleTime
from supportdesk.services.lead_view import Overview
from supportdesk.services.reports import UNASSIGNED, AgentRow, Period, Report, SlaRow, TypeRow
from supportdesk.services.ticket_queries import TicketFilter

PERIODS = (30, 90)
OPEN = pN_("column", "Open")  # how many are open (未完了), not the action "Open" (開く)
ATTENTION_LABELS = {
    "overdue": N_("Overdue"),
    "due_soon": N_("Due soon"),
    "unassigned": N_("Unassigned"),
    "follow_up_today": N_("Follow-ups due today"),
    "renewing": N_("Renewing within 30 days"),
}
AGE_LABELS = {"lt1d": N_("< 1 day"), "1-3d": N_("1–3 days"), "3-7d": N_("3–7 days"), "gt7d": N_("> 7 days")}
# Column key → heading (t() at mount). A report table's keys are its row's field names, so each number opens the
# list its row carries for it (`row.lists`, services/report_lists.py); the first column, the row's name, opens its
# open tickets. Hours are business hours.
LABEL = "label"
LABEL_OPENS = "open_now"
AGENT_COLUMNS = {
    LABEL: N_("Agent"),
    "open_now": OPEN,
    "overdue_now": N_("Overdue"),
    "due_soon_now": N_("Due soon"),
    "received": N_("Received"),
    "resolved": N_("Resolved"),
    "first_response_median_h": N_("1st response median h"),
    "first_response_p90_h": N_("p90"),
    "resolution_median_h": N_("Resolution median h"),
    "resolution_p90_h": N_("p90"),
}
SLA_COLUMNS = {
    LABEL: N_("Priority"),
    "received": N_("Received"),
    "first_response_met_pct": N_("1st response met"),
    "resolved": N_("Resolved"),
    "resolution_met_pct": N_("Resolution met"),
    "open_now": OPEN,
    "overdue_now": N_("Overdue"),
    "due_soon_now": N_("Due soon"),
}
TYPE_COLUMNS = {
    LABEL: N_("Type"),
    "open_now": OPEN,
    "overdue_now": N_("Overdue"),
    "received": N_("Received"),
    "resolved": N_("Resolved"),
}
STYLES = {"overdue_now": "bold red", "due_soon_now": "yellow"}
ReportRow = SlaRow | AgentRow | TypeRow


def number(value: int, style: str = "") -> Text:
    return Text(str(value), justify="right", style=style if value else "dim")


def figure(value: float | None, suffix: str = "") -> Text:
    return Text("—" if value is None else f"{value:.1f}{suffix}", justify="right")


def shown(row: ReportRow, key: str) -> Text:
    """A report figure as its cell: counts as numbers, hours and shares with one decimal."""
    value = getattr(row, key)
    if isinstance(value, int):
        return number(value, STYLES.get(key, ""))
    return figure(value, "%" if key.endswith("_pct") else "")


def _row_key(row: ReportRow) -> str:
    if isinstance(row, AgentRow):
        return row.login
    return row.inquiry_type if isinstance(row, TypeRow) else row.priority


class DashboardScreen(AppScreen[None]):
    CSS_PATH = "dashboard.tcss"
    BINDINGS = [
        Binding("escape", "app.pop_screen", N_("Back"), id="dashboard.back"),
        Binding("r", "refresh", N_("Refresh"), id="dashboard.refresh"),
        Binding("p", "period", N_("30 / 90 days"), id="dashboard.period"),
        Binding("c", "charts", N_("Charts"), id="dashboard.charts"),
        Binding("u", "renewals", N_("Renewals"), id="dashboard.renewals"),
    ]

    def __init__(self, now: datetime | None = None, days: int = PERIODS[0]) -> None:
        super().__init__()
        self.fixed_now = now  # tests and screenshots freeze the moment; otherwise each load is "now"
        self.days = days
        self.board: Dashboard | None = None
        self.reports: dict[str, Report] = {}
        self.links: dict[tuple[str, str, str], tuple[str, TicketFilter]] = {}

    def compose(self) -> ComposeResult:
        yield Header()
        yield Static(t("Loading…"), id="dash-heading")
        with Horizontal(id="dash-top"):
            yield from self._panel("attention", t("Needs attention"))
            with Vertical(id="dash-stack"):
                yield from self._panel("by-status", t("By status"))
                yield from self._panel("by-age", t("By age"))
            yield from self._panel("by-type", t("By inquiry type"))
        with Vertical(classes="panel", id="panel-agents"):
            yield Static("", classes="panel-title", id="agents-title")
            yield SafeDataTable(id="agents", cursor_type="cell")
        with Vertical(classes="panel", id="panel-sla"):
            yield Static("", classes="panel-title", id="sla-title")
            yield SafeDataTable(id="sla", cursor_type="cell")
        yield HandleTimePanel(classes="panel", id="panel-handle")
        yield KeyBar()

    def _panel(self, panel: str, title: str) -> ComposeResult:
        with Vertical(classes="panel", id=f"panel-{panel}"):
            yield Static(title, classes="panel-title")
            yield SafeDataTable(id=panel, cursor_type="cell")

    def on_mount(self) -> None:
        columns: dict[str, dict[str, str]] = {
            "attention": {"Item": N_("Item"), "Tickets": N_("Tickets")},
            "by-status": {"Status": N_("Status"), OPEN: OPEN},
            "by-age": {"Age": N_("Age"), OPEN: OPEN},
            "by-type": TYPE_COLUMNS,
            "agents": AGENT_COLUMNS,
            "sla": SLA_COLUMNS,
        }
        for table_id, labels in columns.items():
            table = self.query_one(f"#{table_id}", DataTable)
            for key, label in labels.items():
                table.add_column(t(label), key=key)
        self.query_one("#attention", DataTable).focus()
        self.load()

    def action_refresh(self) -> None:
        self.load()

    def action_period(self) -> None:
        self.days = PERIODS[(PERIODS.index(self.days) + 1) % len(PERIODS)] if self.days in PERIODS else PERIODS[0]
        self.load()

    def action_charts(self) -> None:
        from screens.charts import ChartsScreen

        self.app.push_screen(ChartsScreen(self.fixed_now, self.days))

    def action_renewals(self) -> None:
        from screens.renewals import RenewalsScreen

        self.app.push_screen(RenewalsScreen(self.fixed_now))

    def period(self, now: datetime) -> Period:
        return Period.last_days(self.days, sla.local_today(self.desk.settings.sla, now))

    def load(self) -> None:
        desk, days, now = self.desk, self.days, self.fixed_now

        def read() -> tuple[Overview, HandleTime]:
            view = desk.overview(days, now=now)
            period = Period(view.reports["sla"].start, view.reports["sla"].end)
            return view, desk.handle_time(period, now)

        fetch(self, read, lambda got: self.show(got[0].dashboard, got[0].reports, got[1]), group="dashboard")

    # ---- showing ------------------------------------------------------------------------------------------

    def show(self, board: Dashboard, reports: dict[str, Report], handle: HandleTime | None = None) -> None:
        self.board, self.reports = board, reports
        if handle is not None:
            self.query_one(HandleTimePanel).show(handle)
        self.links.clear()
        period = Period(reports["sla"].start, reports["sla"].end)
        heading = t("Open tickets at {moment}", moment=local(board.now, "%Y-%m-%d %H:%M"))
        self.query_one("#dash-heading", Static).update(heading)
        days = {"days": self.days, "start": period.start, "end": period.end}
        self.query_one("#agents-title", Static).update(t("By agent: now, and tickets received {start} – {end}", **days))
        self.query_one("#sla-title", Static).update(t("SLA by priority: tickets received {start} – {end}", **days))
        attention = [(c, t(ATTENTION_LABELS[c.key])) for c in board.attention]
        renewing = board.cell("renewing")
        attention[-1] = (renewing, t("Renewals ≤30 d ({count} contracts)", count=board.renewing_subscriptions))
        self._fill_pairs("attention", attention, {"overdue": "bold red", "due_soon": "yellow"})
        self._fill_pairs("by-status", [(c, v(c.key)) for c in board.by_status])
        self._fill_pairs("by-age", [(c, t(AGE_LABELS[c.key])) for c in board.by_age])
        self._fill_report("by-type", reports["types"], lambda row: v(row.inquiry_type))
        self._fill_report("agents", reports["agents"], self._agent_name)
        self._fill_report("sla", reports["sla"], lambda row: v(row.priority) if row.priority != "all" else t("All"))

    def _link(self, table: str, row: str, column: str, title: str, flt: TicketFilter) -> None:
        self.links[(table, row, column)] = (title, flt)

    def _fill_pairs(self, table_id: str, cells: list[tuple[Cell, str]], styles: dict[str, str] | None = None) -> None:
        table = self.query_one(f"#{table_id}", DataTable)
        columns = [str(c.key.value) for c in table.columns.values()]
        rows: list[tuple[Sequence[TableCell], str]] = []
        for cell, label in cells:
            style = (styles or {}).get(cell.key, "")
            rows.append(([label, number(cell.count, style)], str(cell.key)))
            for column in columns:
                self._link(table_id, cell.key, column, label, cell.filter)
        refill_rows(table, rows)

    @staticmethod
    def _agent_name(row: ReportRow) -> str:
        assert isinstance(row, AgentRow)
        return t("Unassigned") if row.login == UNASSIGNED else row.name

    def _fill_report(self, table_id: str, rep: Report, label_of: Callable[[Any], str]) -> None:
        """One row per report row; each number opens the list the row carries for it."""
        table = self.query_one(f"#{table_id}", DataTable)
        columns = [str(c.key.value) for c in table.columns.values()]
        headings = {str(c.key.value): str(c.label) for c in table.columns.values()}
        rows: list[tuple[Sequence[TableCell], str]] = []
        for row in rep.rows:
            key, label = _row_key(row), label_of(row)
            rows.append(([label, *(shown(row, column) for column in columns[1:])], key))
            for column in columns:
                opens = LABEL_OPENS if column == LABEL else column
                if opens in row.lists:
                    self._link(table_id, key, column, f"{label}: {headings[opens]}", row.lists[opens])
        refill_rows(table, rows)

    @on(DataTable.CellSelected)
    def _open_list(self, event: DataTable.CellSelected) -> None:
        event.stop()
        table_id = event.data_table.id or ""
        key = (table_id, str(event.cell_key.row_key.value), str(event.cell_key.column_key.value))
        if key not in self.links:
            return
        from screens.ticket_list import TicketListScreen

        title, flt = self.links[key]
        self.app.push_screen(TicketListScreen(title, flt))
