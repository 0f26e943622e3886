"""Subscriptions as a lead follows them: the renewals coming up (契約更新予定, 30/60/90 days) and why customers
cancelled (解約理由) in the last 30 or 90 days. Enter on a renewal opens the customer's 360."""

from dataclasses import dataclass
from datetime import datetime
from functools import partial
from typing import TYPE_CHECKING

from rich.text import Text
from textual import on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Vertical
from textual.widgets import DataTable, Header, Static

from screens.base import AppScreen
from screens.messages import OpenCustomer
from screens.safe_text import SafeDataTable
from screens.tables import fill_table
from screens.widgets.key_bar import KeyBar
from screens.workers import fetch
from supportdesk.i18n import N_, t, v
from supportdesk.services import sla
from supportdesk.services.renewals import HORIZONS, NOT_GIVEN, CancellationReport, RenewalRow
from supportdesk.services.reports import Period

if TYPE_CHECKING:
    from supportdesk.desk import Desk

PERIODS = (30, 90)


@dataclass(frozen=True)
class Subscriptions:
    renewals: list[RenewalRow]
    cancellations: CancellationReport


def read(desk: "Desk", horizon: int, days: int, now: datetime | None) -> Subscriptions:
    today = sla.local_today(desk.settings.sla, now)
    return Subscriptions(desk.upcoming_renewals(horizon, today), desk.cancellations(Period.last_days(days, today)))


class RenewalsScreen(AppScreen[None]):
    CSS_PATH = "renewals.tcss"
    BINDINGS = [
        Binding("escape", "app.pop_screen", N_("Back"), id="renewals.back"),
        Binding("h", "horizon", N_("30 / 60 / 90 days ahead"), id="renewals.horizon"),
        Binding("p", "period", N_("30 / 90 days back"), id="renewals.period"),
        Binding("r", "refresh", N_("Refresh"), id="renewals.refresh"),
    ]

    def __init__(self, now: datetime | None = None) -> None:
        super().__init__()
        self.fixed_now = now  # tests freeze the moment; otherwise each load is "today"
        self.horizon = HORIZONS[0]
        self.days = PERIODS[0]

    def compose(self) -> ComposeResult:
        yield Header()
        with Vertical(classes="panel", id="panel-renewals"):
            yield Static(t("Loading…"), classes="panel-title", id="renewals-title")
            yield SafeDataTable(id="renewals", cursor_type="row")
        with Vertical(classes="panel", id="panel-cancellations"):
            yield Static("", classes="panel-title", id="cancellations-title")
            yield SafeDataTable(id="cancellations", cursor_type="row")
        yield KeyBar()

    def on_mount(self) -> None:
        self.sub_title = t("Renewals and cancellations")
        self.query_one("#renewals", DataTable).focus()
        self.load()

    def action_refresh(self) -> None:
        self.load()

    def action_horizon(self) -> None:
        self.horizon = HORIZONS[(HORIZONS.index(self.horizon) + 1) % len(HORIZONS)]
        self.load()

    def action_period(self) -> None:
        self.days = PERIODS[(PERIODS.index(self.days) + 1) % len(PERIODS)]
        self.load()

    def load(self) -> None:
        fetch(self, partial(read, self.desk, self.horizon, self.days, self.fixed_now), self.show, group="renewals")

    def show(self, found: Subscriptions) -> None:
        renewals, report = found.renewals, found.cancellations
        title = t("Renewals in the next {days} days: {count}", days=self.horizon, count=len(renewals))
        self.query_one("#renewals-title", Static).update(title)
        fill_table(
            self.query_one("#renewals", DataTable),
            [
                (t("Renewal"), "Renewal", None),
                (t("In"), "In", None),
                (t("Customer"), "Customer", 16),
                (t("Company"), "Company", 20),
                (t("Product"), "Product", 24),
                (t("Contract"), "Contract", None),
            ],
            (
                (
                    (
                        row.renewal_on.isoformat(),
                        Text(t("{days} d", days=row.days_left), justify="right"),
                        row.customer_name,
                        row.company_name or "",
                        row.product_name,
                        row.contract_on.isoformat(),
                    ),
                    str(row.customer_id) + ":" + str(row.subscription_id),
                )
                for row in renewals
            ),
        )
        heading = t("Cancellations {start} – {end}: {count}", start=report.start, end=report.end, count=report.total)
        self.query_one("#cancellations-title", Static).update(heading)
        fill_table(
            self.query_one("#cancellations", DataTable),
            [(t("Reason"), "Reason", None), (t("Subscriptions"), "Count", None), ("%", "Share", None)],
            (
                (
                    (
                        t("not given") if row.reason == NOT_GIVEN else v(row.reason),
                        Text(str(row.count), justify="right", style="" if row.count else "dim"),
                        Text(f"{row.share_pct:.1f}", justify="right"),
                    ),
                    row.reason,
                )
                for row in report.rows
            ),
        )

    @on(DataTable.RowSelected, "#renewals")
    def _open_customer(self, event: DataTable.RowSelected) -> None:
        event.stop()
        if event.row_key.value is not None:
            self.post_message(OpenCustomer(int(event.row_key.value.split(":")[0])))
