"""Charts for the lead: new vs resolved per day, time to first response and resolution per agent, types per week.

Drawn with textual-plotext from services/trends.py and the agents report of services/reports.py. Plotext counts
every character as one column, so labels inside the plots stay ASCII (logins, type codes, MM-DD); the titles
above them are in the UI language, and in Japanese a key under each title says what the codes are (new = 新規).
"""

from datetime import datetime
from functools import partial

from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Grid, Vertical
from textual.widgets import Header, Static
from textual_plotext import PlotextPlot

from screens.base import AppScreen
from screens.safe_text import data_content, shown
from screens.widgets.key_bar import KeyBar
from screens.workers import fetch
from supportdesk.i18n import N_, language, t, v
from supportdesk.services.lead_view import Charts
from supportdesk.services.reports import AgentRow, Period, Report
from supportdesk.services.trends import Flow, WeeklyTypes

PERIODS = (30, 90)
CHARTS = {
    "flow": N_("New and resolved tickets per day"),
    "first-response": N_("Time to first response per agent (business hours)"),
    "resolution": N_("Time to resolution per agent (business hours)"),
    "types": N_("Tickets per inquiry type per week"),
}


class ChartsScreen(AppScreen[None]):
    CSS_PATH = "charts.tcss"
    BINDINGS = [
        Binding("escape", "app.pop_screen", N_("Back"), id="charts.back"),
        Binding("p", "period", N_("30 / 90 days"), id="charts.period"),
    ]

    def __init__(self, now: datetime | None = None, days: int = PERIODS[0]) -> None:
        super().__init__()
        self.fixed_now = now
        self.days = days if days in PERIODS else PERIODS[0]

    def compose(self) -> ComposeResult:
        yield Header()
        yield Static("", id="charts-heading")
        with Grid(id="charts"):
            for chart_id, title in CHARTS.items():
                with Vertical(classes="chart"):
                    yield Static(t(title), classes="chart-title")
                    yield Static("", id=f"{chart_id}-key", classes="chart-key")
                    yield PlotextPlot(id=chart_id)
        yield KeyBar()

    def on_mount(self) -> None:
        self.load()

    def action_period(self) -> None:
        self.days = PERIODS[(PERIODS.index(self.days) + 1) % len(PERIODS)]
        self.load()

    def load(self) -> None:
        fetch(self, partial(self.desk.charts, self.days, now=self.fixed_now), self._show_charts, group="charts")

    def _show_charts(self, charts: Charts) -> None:
        self.show(charts.period, charts.flow, charts.agents, charts.weekly)

    def show(self, period: Period, flow: Flow, agents: Report, weekly: WeeklyTypes) -> None:
        heading = t("Last {days} days: {start} – {end}  (p: 30 / 90 days)", days=self.days, **vars(period))
        self.query_one("#charts-heading", Static).update(heading)
        self._flow(flow)
        rows = [r for r in agents.rows if isinstance(r, AgentRow) and r.login != "-"]
        self._agent_bars("first-response", rows, "first_response_median_h", "first_response_p90_h")
        self._agent_bars("resolution", rows, "resolution_median_h", "resolution_p90_h")
        self._types(weekly)
        self._keys(flow, rows, weekly)

    def _keys(self, flow: Flow, rows: list[AgentRow], weekly: WeeklyTypes) -> None:
        """What the ASCII labels inside the plots stand for, in a Japanese desk (English reads them as they are)."""
        if language() != "ja":
            for key in self.query(".chart-key").results(Static):
                key.display = False
            return
        people = [f"{r.login} = {r.name}" for r in rows]
        median, p90 = t("median"), t("90th percentile")
        keys = {
            "flow": [f"{code} = {v(code)}" for code in ("new", "resolved")],
            "first-response": [f"median = {median}", f"p90 = {p90}", *people],
            "resolution": [f"median = {median}", f"p90 = {p90}", *people],
            "types": [f"{code} = {v(code)}" for code, counts in weekly.counts.items() if any(counts)],
        }
        for chart_id, parts in keys.items():
            self.query_one(f"#{chart_id}-key", Static).update(data_content("  ".join(parts)))  # names are data

    def _flow(self, flow: Flow) -> None:
        plot = self.query_one("#flow", PlotextPlot)
        plt = plot.plt
        plt.clear_data()
        plt.clear_figure()
        xs: list[float] = list(range(len(flow.days)))
        plt.plot(xs, list(flow.new), label="new", marker="braille")
        plt.plot(xs, list(flow.resolved), label="resolved", marker="braille")
        step = max(1, len(xs) // 6)
        plt.xticks(xs[::step], [d.strftime("%m-%d") for d in flow.days[::step]])
        plot.refresh()

    def _agent_bars(self, chart_id: str, rows: list[AgentRow], median: str, p90: str) -> None:
        plot = self.query_one(f"#{chart_id}", PlotextPlot)
        plt = plot.plt
        plt.clear_data()
        plt.clear_figure()
        if rows:
            medians = [getattr(r, median) or 0.0 for r in rows]
            tails = [getattr(r, p90) or 0.0 for r in rows]
            # Plotext's output is read back as ANSI (Text.from_ansi): a login must not carry an escape of its own.
            logins = [shown(r.login, one_line=True) for r in rows]
            # plotext 5 takes labels=; textual-plotext's stub still names it label=.
            plt.multiple_bar(logins, [medians, tails], labels=["median", "p90"])  # type: ignore[call-arg]
        plot.refresh()

    def _types(self, weekly: WeeklyTypes) -> None:
        plot = self.query_one("#types", PlotextPlot)
        plt = plot.plt
        plt.clear_data()
        plt.clear_figure()
        kinds = [k for k, counts in weekly.counts.items() if any(counts)]
        if kinds and weekly.weeks:
            labels = [w.strftime("%m-%d") for w in weekly.weeks]
            plt.stacked_bar(labels, [list(weekly.counts[k]) for k in kinds], labels=kinds)  # type: ignore[call-arg]
        plot.refresh()
