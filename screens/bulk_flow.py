"""Changing the tickets marked in a TicketTable at once: what a screen does when the table posts `BulkRequested`
(`b`) or `MacroRequested` (`g`).

`change_in_bulk(screen, event, reload)` runs the bulk change from the dialog to its result: who may be assigned
(fetched), the change (BulkDialog), what it will do (planned by the desk), the confirmation, the change itself and
the tickets the rules refused (BulkResultDialog). `apply_macro(screen, event, reload)` picks a macro and applies
it to every marked ticket. Each ticket goes in as the version shown when the key was pressed, so a colleague's
change meanwhile is refused rather than overwritten. Tickets changed or left as they were are unmarked; those
refused stay marked, to try again. Dialogs are built here, on the UI thread; desk calls go through `fetch`.
"""

from collections.abc import Callable
from functools import partial
from typing import Any

from screens.base import AppScreen
from screens.dialogs.bulk import BulkDialog, BulkResultDialog, ConfirmBulkDialog
from screens.dialogs.macros import MacroDialog
from screens.messages import TicketChanged
from screens.widgets.ticket_table import TicketTable
from screens.workers import fetch
from supportdesk import clock
from supportdesk.i18n import t
from supportdesk.services.actor import Actor
from supportdesk.services.automation.macros import MacroResult
from supportdesk.services.automation.store import RuleView
from supportdesk.services.bulk import BulkChange, BulkPlan, BulkResult
from supportdesk.untrusted import visible


def _finish(screen: AppScreen[Any], table: TicketTable, changed: tuple[int, ...], settled: set[int]) -> None:
    screen.notify(t("{count} tickets changed.", count=len(changed)))
    if changed:
        screen.post_message(TicketChanged(changed[0]))  # the app then brings the search index up to date
    table.deselect(settled)


def change_in_bulk(screen: AppScreen[Any], request: TicketTable.BulkRequested, reload: Callable[[], None]) -> None:
    desk, versions = screen.desk, request.versions

    def ask(users: list[Actor]) -> None:
        screen.app.push_screen(BulkDialog(len(versions), users, clock.today()), partial(plan, users))

    def plan(users: list[Actor], change: BulkChange | None) -> None:
        if change is not None:
            fetch(screen, partial(desk.plan_bulk, list(versions), change), partial(confirm, users), group="bulk")

    def confirm(users: list[Actor], planned: BulkPlan) -> None:
        def confirmed(ok: bool | None) -> None:
            if ok:
                # Every marked ticket goes in, so those the rules refuse are reported with the others.
                call = partial(desk.apply_bulk, versions, planned.change, today=clock.today())
                fetch(screen, call, partial(done, users), group="bulk")

        screen.app.push_screen(ConfirmBulkDialog(planned, users), confirmed)

    def done(users: list[Actor], result: BulkResult) -> None:
        if result.failed:
            screen.app.push_screen(BulkResultDialog(result, users))
        _finish(screen, request.table, result.changed, {*result.changed, *result.unchanged})
        reload()

    fetch(screen, desk.users, ask, group="bulk-users")


def apply_macro(screen: AppScreen[Any], request: TicketTable.MacroRequested, reload: Callable[[], None]) -> None:
    desk, versions = screen.desk, request.versions

    def pick(macros: list[RuleView]) -> None:
        screen.app.push_screen(MacroDialog(macros, len(versions)), chosen)

    def chosen(rule_id: int | None) -> None:
        if rule_id is not None:
            fetch(screen, partial(desk.apply_macro_bulk, rule_id, versions), done, group="bulk")

    def done(result: MacroResult) -> None:
        for failure in result.failed[:5]:
            line = f"#{failure.number}: {visible(failure.reason, one_line=True)}"
            screen.notify(line, severity="warning", timeout=10)
        _finish(screen, request.table, result.changed, set(result.changed))
        reload()

    fetch(screen, partial(desk.rules, "macro"), pick, group="bulk-macros")
