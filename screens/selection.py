"""Selecting tickets in a list and changing them in bulk: shared by the home queues and the dashboard's lists.

A screen mixes in `TicketSelection`, keeps the shown rows in `self.rows` and its ticket DataTable at
`TICKETS_TABLE` (with a column keyed "#"), and calls `selection_cell(row)` for that column. Space toggles a row,
`a` selects all or none, `b` opens the bulk change, `g` applies a macro to them (leads and admins only; the bindings
are hidden for others).
"""

from functools import partial
from typing import Any

from rich.text import Text
from textual import work
from textual.binding import Binding
from textual.widgets import DataTable

from screens.base import AppScreen
from screens.dialogs.bulk import BulkDialog, BulkResultDialog, ConfirmBulkDialog
from screens.dialogs.macros import MacroDialog
from screens.messages import TicketChanged
from screens.workers import fetch
from supportdesk import clock
from supportdesk.i18n import N_, t
from supportdesk.services.actor import Action, Actor, can
from supportdesk.services.automation.macros import MacroResult
from supportdesk.services.bulk import BulkChange, BulkPlan, BulkResult
from supportdesk.services.readmodels import TicketRow
from supportdesk.untrusted import visible

MARK = "✓"
SELECTION_ACTIONS = {"toggle_select", "select_all", "bulk", "bulk_macro"}


def selection_bindings(screen: str) -> list[Binding]:
    return [
        Binding("space", "toggle_select", N_("Select"), id=f"{screen}.select"),
        Binding("a", "select_all", N_("Select all"), show=False, id=f"{screen}.select_all"),
        Binding("b", "bulk", N_("Bulk change"), id=f"{screen}.bulk"),
        Binding("g", "bulk_macro", N_("Macro"), id=f"{screen}.macro"),
    ]


class TicketSelection(AppScreen[None]):
    TICKETS_TABLE = "#tickets"

    rows: list[TicketRow]

    def __init__(self) -> None:
        super().__init__()
        self.selected: set[int] = set()
        self._users: list[Actor] = []

    @property
    def may_bulk_change(self) -> bool:
        return can(self.desk.actor, Action.BULK_CHANGE)

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        if action in SELECTION_ACTIONS:
            return self.may_bulk_change
        return True

    def selection_cell(self, row: TicketRow) -> Text:
        if not self.may_bulk_change:
            return Text(f"#{row.number}", justify="right")
        chosen = row.number in self.selected
        return Text(f"{MARK if chosen else ' '} #{row.number}", justify="right", style="bold reverse" if chosen else "")

    def keep_selection(self) -> None:
        """After a reload, forget tickets that left the list."""
        self.selected &= {r.number for r in self.rows}

    def _table(self) -> DataTable[Any]:
        return self.query_one(self.TICKETS_TABLE, DataTable)

    def _redraw_marks(self) -> None:
        table = self._table()
        for row in self.rows:
            table.update_cell(str(row.number), "#", self.selection_cell(row))

    def action_toggle_select(self) -> None:
        table = self._table()
        if not self.rows or not 0 <= table.cursor_row < len(self.rows):
            return
        row = self.rows[table.cursor_row]
        self.selected ^= {row.number}
        table.update_cell(str(row.number), "#", self.selection_cell(row))
        if table.cursor_row < len(self.rows) - 1:
            table.move_cursor(row=table.cursor_row + 1)

    def action_select_all(self) -> None:
        everything = {r.number for r in self.rows}
        self.selected = set() if self.selected >= everything else everything
        self._redraw_marks()

    def action_bulk(self) -> None:
        if not self.selected:
            self.notify(t("Select tickets with space first."), severity="warning")
            return
        self._start_bulk()

    def _start_bulk(self) -> None:
        fetch(self, self.desk.users, self._bulk_dialog, group="bulk-users")

    def _bulk_dialog(self, users: list[Actor]) -> None:
        self._users = users
        self.app.push_screen(BulkDialog(len(self.selected), users, clock.today()), self._chosen)

    def _numbers(self) -> list[int]:
        return [r.number for r in self.rows if r.number in self.selected]

    def _chosen(self, change: BulkChange | None) -> None:
        if change is not None:
            self._plan(self._numbers(), change)

    @work(thread=True, exclusive=True, group="bulk", exit_on_error=False)
    def _plan(self, numbers: list[int], change: BulkChange) -> None:
        plan = self.desk.plan_bulk(numbers, change)
        self.app.call_from_thread(self._confirm, plan)

    def _confirm(self, plan: BulkPlan) -> None:
        def confirmed(ok: bool | None) -> None:
            if ok:
                # Every selected ticket goes in, so those the rules refuse are reported with the others.
                versions = {r.number: r.version for r in self.rows if r.number in self.selected}
                self._apply(versions, plan.change)

        self.app.push_screen(ConfirmBulkDialog(plan, self._users), confirmed)

    @work(thread=True, exclusive=True, group="bulk", exit_on_error=False)
    def _apply(self, versions: dict[int, int | None], change: BulkChange) -> None:
        result = self.desk.apply_bulk(versions, change, today=clock.today())
        self.app.call_from_thread(self._done, result)

    def _done(self, result: BulkResult) -> None:
        self.notify(t("{count} tickets changed.", count=len(result.changed)))
        if result.failed:
            self.app.push_screen(BulkResultDialog(result, self._users))
        if result.changed:
            self.post_message(TicketChanged(result.changed[0]))  # the app then brings the search index up to date
        self.selected -= {*result.changed, *result.unchanged}  # what failed stays selected, to try again
        self.reload_tickets()

    def action_bulk_macro(self) -> None:
        """Apply a macro to every selected ticket (each as the version on screen)."""
        if not self.selected:
            self.notify(t("Select tickets with space first."), severity="warning")
            return
        count = len(self.selected)
        pick = lambda found: self.app.push_screen(MacroDialog(found, count), self._macro_chosen)  # noqa: E731
        fetch(self, partial(self.desk.rules, "macro"), pick, group="bulk-macros")

    def _macro_chosen(self, rule_id: int | None) -> None:
        if rule_id is None:
            return
        versions = {r.number: r.version for r in self.rows if r.number in self.selected}
        call = partial(self.desk.apply_macro_bulk, rule_id, versions)
        fetch(self, call, self._macro_done, group="bulk")

    def _macro_done(self, result: MacroResult) -> None:
        self.notify(t("{count} tickets changed.", count=len(result.changed)))
        for failure in result.failed[:5]:
            line = f"#{failure.number}: {visible(failure.reason, one_line=True)}"
            self.notify(line, severity="warning", timeout=10, markup=False)
        if result.changed:
            self.post_message(TicketChanged(result.changed[0]))
        self.selected -= set(result.changed)
        self.reload_tickets()

    def reload_tickets(self) -> None:  # pragma: no cover - every screen overrides it
        raise NotImplementedError
