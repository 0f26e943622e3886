"""The audit log for administrators: who viewed or changed what, when. Read-only by construction."""

from datetime import date, datetime
from functools import partial
from typing import TypedDict

from textual import on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal
from textual.widgets import DataTable, Header, Input, Static

from screens.base import AppScreen
from screens.formatting import local
from screens.safe_text import SafeDataTable, SafeInput
from screens.widgets.key_bar import KeyBar
from screens.workers import fetch
from supportdesk import clock
from supportdesk.i18n import N_, t
from supportdesk.services.audit_display import action_label, detail_text, target_label
from supportdesk.services.audit_log import AuditView


class _Filters(TypedDict):
    """What the filter boxes ask for, read on the UI thread and handed to the worker."""

    customer_id: int | None
    login: str | None
    since: datetime | None
    action: str | None


class AuditScreen(AppScreen[None]):
    CSS_PATH = "audit.tcss"
    BINDINGS = [
        Binding("escape", "app.pop_screen", N_("Back"), id="audit.back"),
        Binding("ctrl+r", "reload", N_("Reload"), priority=True, id="audit.reload"),
    ]

    def compose(self) -> ComposeResult:
        yield Header()
        with Horizontal(id="audit-filters"):
            yield SafeInput(placeholder=t("Customer number"), id="a-customer", restrict=r"[0-9]*")
            yield SafeInput(placeholder=t("By login"), id="a-login")
            yield SafeInput(placeholder=t("Since (YYYY-MM-DD)"), id="a-since")
            yield SafeInput(placeholder=t("Action, e.g. auth. or customer.view"), id="a-action")
        yield SafeDataTable(id="events", cursor_type="row", zebra_stripes=True)
        yield Static("", id="audit-status")
        yield KeyBar()

    def on_mount(self) -> None:
        table = self.query_one("#events", DataTable)
        for label in (N_("When"), N_("Who"), N_("Action"), N_("Object"), N_("Detail")):
            table.add_column(t(label), key=label, width=60 if label == "Detail" else None)
        self.load(self._filters())

    def action_reload(self) -> None:
        self.load(self._filters())

    @on(Input.Submitted)
    def _filter(self) -> None:
        self.load(self._filters())

    def _filters(self) -> _Filters:
        customer = self.query_one("#a-customer", Input).value
        since_text = self.query_one("#a-since", Input).value.strip()
        since = None
        if since_text:
            try:
                since = clock.start_of_day(date.fromisoformat(since_text))
            except ValueError:
                self.notify(t("Since (YYYY-MM-DD)"), severity="warning")
        return {
            "customer_id": int(customer) if customer else None,
            "login": self.query_one("#a-login", Input).value.strip() or None,
            "since": since,
            "action": self.query_one("#a-action", Input).value.strip() or None,
        }

    def load(self, filters: _Filters) -> None:
        fetch(self, partial(self.desk.audit_events, **filters), self.show, group="audit")

    def show(self, events: list[AuditView]) -> None:
        table = self.query_one("#events", DataTable)
        table.clear()
        for e in events:
            target = target_label(e.object_type, e.object_id)
            detail = detail_text(e.detail)
            when = local(e.at, "%Y-%m-%d %H:%M:%S")
            table.add_row(when, e.actor, action_label(e.action), target, detail, key=str(e.id))
        self.query_one("#audit-status", Static).update(t("{count} events (newest first)", count=len(events)))
