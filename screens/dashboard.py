"""The team lead's dashboard: open tickets now, who is overloaded, what is overdue, and the period's SLA figures.

Every number is a cell of a DataTable: Enter (or a click) on it opens the list of tickets behind it, where they
can be selected and changed in bulk. The figures come from services/reports.py, the same service as
`supportdesk report`, so the screen and the command always agree.
"""

from datetime import datetime

from rich.text import Text
from textual import on, work
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, Vertical
from textual.widgets import DataTable, Footer, Header, Static

from screens.base import AppScreen
from screens.formatting import local
from screens.safe_text import SafeDataTable
from supportdesk.i18n import N_, pN_, t, v
from supportdesk.models.enums import Priority, Status
from supportdesk.services import sla
from supportdesk.services.dashboard import Cell, Dashboard
from supportdesk.services.reports import AgentRow, Period, Report, SlaRow, TypeRow, period_filter
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
# Column key → heading (t() at mount). Hours are business hours.
AGENT_COLUMNS = {
    "Agent": N_("Agent"),
    OPEN: OPEN,
    "Overdue": N_("Overdue"),
    "Due soon": N_("Due soon"),
    "Received": N_("Received"),
    "Resolved": N_("Resolved"),
    "fr_median": N_("1st response median h"),
    "fr_p90": N_("p90"),
    "res_median": N_("Resolution median h"),
    "res_p90": N_("p90"),
}
SLA_COLUMNS = (
    N_("Priority"),
    N_("Received"),
    N_("1st response met"),
    N_("Resolved"),
    N_("Resolution met"),
    OPEN,
    N_("Overdue"),
    N_("Due soon"),
)
TYPE_COLUMNS = (N_("Type"), OPEN, N_("Overdue"), N_("Received"), N_("Resolved"))
RESOLVED = (Status.RESOLVED, Status.CLOSED)


def number(value: int, style: str = "") -> Text:
    return Text(str(value), justify="right", style=style if value else "dim")


def figure(value: float | None, suffix: str = "") -> Text:
    return Text("—" if value is None else f"{value:.1f}{suffix}", justify="right")


class DashboardScreen(AppScreen[None]):
    CSS_PATH = "dashboard.tcss"
    BINDINGS = [
        Binding("escape", "app.pop_screen", N_("Back"), id="dashboard.back"),
        Binding("r", "refresh", N_("Refresh"), id="dashboard.refresh"),
        Binding("p", "period", N_("30 / 90 days"), id="dashboard.period"),
        Binding("c", "charts", N_("Charts"), id="dashboard.charts"),
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
        yield Footer()

    def _panel(self, panel: str, title: str) -> ComposeResult:
        with Vertical(classes="panel", id=f"panel-{panel}"):
            yield Static(title, classes="panel-title")
            yield SafeDataTable(id=panel, cursor_type="cell")

    def on_mount(self) -> None:
        columns: dict[str, dict[str, str]] = {
            "attention": {"Item": N_("Item"), "Tickets": N_("Tickets")},
            "by-status": {"Status": N_("Status"), OPEN: OPEN},
            "by-age": {"Age": N_("Age"), OPEN: OPEN},
            "by-type": {c: c for c in TYPE_COLUMNS},
            "agents": AGENT_COLUMNS,
            "sla": {c: c for c in SLA_COLUMNS},
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

    def period(self, now: datetime) -> Period:
        return Period.last_days(self.days, sla.local_today(self.desk.settings.sla, now))

    @work(thread=True, exclusive=True, group="dashboard", exit_on_error=False)
    def load(self) -> None:
        view = self.desk.overview(self.days, now=self.fixed_now)
        self.app.call_from_thread(self.show, view.dashboard, view.reports)

    # ---- showing ------------------------------------------------------------------------------------------

    def show(self, board: Dashboard, reports: dict[str, Report]) -> None:
        self.board, self.reports = board, reports
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
        self._fill_types(board, reports["types"], period)
        self._fill_agents(board, reports["agents"], period)
        self._fill_sla(reports["sla"], period)

    def _link(self, table: str, row: str, column: str, title: str, flt: TicketFilter) -> None:
        self.links[(table, row, column)] = (title, flt)

    def _fill_pairs(self, table_id: str, cells: list[tuple[Cell, str]], styles: dict[str, str] | None = None) -> None:
        table = self.query_one(f"#{table_id}", DataTable)
        table.clear()
        columns = [str(c.key.value) for c in table.columns.values()]
        for cell, label in cells:
            style = (styles or {}).get(cell.key, "")
            table.add_row(label, number(cell.count, style), key=cell.key)
            for column in columns:
                self._link(table_id, cell.key, column, label, cell.filter)

    def _fill_types(self, board: Dashboard, rep: Report, period: Period) -> None:
        table = self.query_one("#by-type", DataTable)
        table.clear()
        policy = self.desk.settings.sla
        rows: dict[str, TypeRow] = {r.inquiry_type: r for r in rep.rows if isinstance(r, TypeRow)}
        for cell in board.by_type:
            row, label = rows[cell.key], v(cell.key)
            overdue = TicketFilter(due_before=board.now, inquiry_types=(cell.key,))
            received = period_filter(period, policy, TicketFilter(inquiry_types=(cell.key,)))
            resolved = period_filter(period, policy, TicketFilter(inquiry_types=(cell.key,), statuses=RESOLVED))
            table.add_row(
                label,
                number(cell.count),
                number(row.overdue_now, "bold red"),
                number(row.received),
                number(row.resolved),
                key=cell.key,
            )
            for column, flt in zip(TYPE_COLUMNS, (cell.filter, cell.filter, overdue, received, resolved), strict=True):
                self._link("by-type", cell.key, column, f"{label}: {t(column)}", flt)

    def _fill_agents(self, board: Dashboard, rep: Report, period: Period) -> None:
        table = self.query_one("#agents", DataTable)
        table.clear()
        policy = self.desk.settings.sla
        ids = {load.login: load.user_id for load in board.by_agent}
        for row in (r for r in rep.rows if isinstance(r, AgentRow)):
            user_id = ids.get(row.login)
            mine = TicketFilter(assignee_id=user_id) if user_id else TicketFilter(unassigned=True)
            name = row.name if user_id else t("Unassigned")
            table.add_row(
                name,
                number(row.open_now),
                number(row.overdue_now, "bold red"),
                number(row.due_soon_now, "yellow"),
                number(row.received),
                number(row.resolved),
                figure(row.first_response_median_h),
                figure(row.first_response_p90_h),
                figure(row.resolution_median_h),
                figure(row.resolution_p90_h),
                key=row.login,
            )
            filters = {
                "Agent": TicketFilter(open_only=True, assignee_id=mine.assignee_id, unassigned=mine.unassigned),
                OPEN: TicketFilter(open_only=True, assignee_id=mine.assignee_id, unassigned=mine.unassigned),
                "Overdue": TicketFilter(due_before=board.now, assignee_id=mine.assignee_id, unassigned=mine.unassigned),
                "Due soon": TicketFilter(
                    due_from=board.now, due_before=board.soon, assignee_id=mine.assignee_id, unassigned=mine.unassigned
                ),
                "Received": period_filter(period, policy, mine),
                "Resolved": period_filter(
                    period,
                    policy,
                    TicketFilter(statuses=RESOLVED, assignee_id=mine.assignee_id, unassigned=mine.unassigned),
                ),
            }
            for column, flt in filters.items():
                self._link("agents", row.login, column, f"{name}: {t(column)}", flt)

    def _fill_sla(self, rep: Report, period: Period) -> None:
        table = self.query_one("#sla", DataTable)
        table.clear()
        policy = self.desk.settings.sla
        assert self.board is not None
        now, soon = self.board.now, self.board.soon
        for row in (r for r in rep.rows if isinstance(r, SlaRow)):
            label = v(row.priority) if row.priority != "all" else t("All")
            table.add_row(
                label,
                number(row.received),
                figure(row.first_response_met_pct, "%"),
                number(row.resolved),
                figure(row.resolution_met_pct, "%"),
                number(row.open_now),
                number(row.overdue_now, "bold red"),
                number(row.due_soon_now, "yellow"),
                key=row.priority,
            )
            only = TicketFilter(priorities=(Priority(row.priority),)) if row.priority != "all" else TicketFilter()
            filters = {
                "Received": period_filter(period, policy, only),
                "Resolved": period_filter(period, policy, TicketFilter(priorities=only.priorities, statuses=RESOLVED)),
                OPEN: TicketFilter(open_only=True, priorities=only.priorities),
                "Overdue": TicketFilter(due_before=now, priorities=only.priorities),
                "Due soon": TicketFilter(due_from=now, due_before=soon, priorities=only.priorities),
            }
            for column, flt in filters.items():
                self._link("sla", row.priority, column, f"{label}: {t(column)}", flt)

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
