"""Command palette (ctrl+p): go to ticket #N, find a customer, new ticket, switch queue, show keys."""

import re
from functools import partial

from textual.command import DiscoveryHit, Hit, Hits, Provider
from textual.types import IgnoreReturnCallbackType

from screens.base import desk_app
from screens.messages import OpenTicket
from screens.safe_text import data_content
from supportdesk.i18n import t
from supportdesk.services.actor import Action, can

_NUMBER = re.compile(r"^\s*[#＃]?\s*(\d{1,9})\s*$")


class DeskCommands(Provider):
    """Commands that depend on what is typed and on the screen underneath."""

    def _commands(self) -> list[tuple[str, IgnoreReturnCallbackType, str]]:
        from screens.customer_360 import Customer360Screen
        from screens.customer_list import find_customers_by_field
        from screens.dialogs.company_form import CompanyForm
        from screens.dialogs.data_files import DataExportDialog
        from screens.home import QUEUE_LABELS, QUEUES, HomeScreen
        from screens.import_screen import ImportScreen
        from screens.merge import DuplicatesScreen
        from screens.renewals import RenewalsScreen

        app = desk_app(self)
        commands: list[tuple[str, IgnoreReturnCallbackType, str]] = []
        if not app.signed_in:  # the palette on the sign-in screen: only Textual's own commands (theme, quit, keys)
            return commands
        actor = app.desk.actor
        works_with_customers = can(actor, Action.VIEW_CUSTOMERS)
        home = next((s for s in app.screen_stack if isinstance(s, HomeScreen)), None)
        if home is not None:
            for queue in QUEUES:
                label = t("Queue: {name}", name=t(QUEUE_LABELS[queue]))
                commands.append((label, partial(app.go_home_queue, queue), label))
        screen = self.screen
        if isinstance(screen, Customer360Screen):
            commands.append((t("New ticket"), screen.action_new_ticket, t("New ticket")))
        if works_with_customers:
            commands.append((t("New customer"), app.action_new_customer, t("New customer")))
        if works_with_customers:
            hint = t("The customers whose own field holds a value (製造番号, 契約種別…)")
            commands.append((t("Customers by field"), partial(find_customers_by_field, app), hint))
        if can(actor, Action.EDIT_CUSTOMERS):
            commands.append((t("New company"), lambda: app.push_screen(CompanyForm()), t("A customer's company (B2B)")))
        commands.append((t("Search cases"), app.action_search, t("Search cases")))
        commands.append((t("Notifications"), app.action_notifications, t("Assigned to you, answers, mentions")))
        if can(actor, Action.MANAGE_RULES):
            commands.append((t("Rules: triggers and macros"), app.action_rules, t("What the desk does by itself")))
        if can(actor, Action.MANAGE_CANNED):
            commands.append(
                (t("Canned responses"), app.action_canned, t("The texts agents pick with F4 on a ticket (F4 here)"))
            )
        commands.append((t("Case library"), app.action_library, t("Case library")))
        if can(actor, Action.IMPORT_DATA):
            hint = t("CSV from a spreadsheet, previewed first")
            commands.append((t("Import data…"), lambda: app.push_screen(ImportScreen()), hint))
        if can(actor, Action.EXPORT_DATA):
            commands.append((t("Export data…"), lambda: app.push_screen(DataExportDialog()), t("CSV for Excel")))
        if works_with_customers:
            label = t("Find duplicate customers")
            commands.append((label, lambda: app.push_screen(DuplicatesScreen()), t("Same phone, e-mail, name or kana")))
        if can(actor, Action.VIEW_REPORTS):
            commands.append((t("Team dashboard"), app.action_dashboard, t("Dashboard")))
            hint = t("Upcoming renewals (30/60/90 days) and cancellations by reason")
            commands.append((t("Renewals and cancellations"), lambda: app.push_screen(RenewalsScreen()), hint))
        if can(actor, Action.READ_AUDIT):
            commands.append((t("Audit log"), app.action_audit, t("Audit log")))
        commands.append((t("Show the keys of this screen"), app.action_help, t("Keys")))
        return commands

    async def discover(self) -> Hits:
        for label, callback, help_text in self._commands():
            yield DiscoveryHit(label, callback, help=_help(label, help_text))

    async def search(self, query: str) -> Hits:
        if match := _NUMBER.match(query):
            number = int(match.group(1))
            label = t("Go to ticket #{number}", number=number)
            yield Hit(1.0, label, partial(self.app.post_message, OpenTicket(number)))
        elif query.strip():
            if can(desk_app(self).desk.actor, Action.VIEW_CUSTOMERS):
                # What was typed is shown as text: the palette reads a str prompt and every help as markup.
                label = t("Find customer {text!r}", text=query.strip())
                find = partial(desk_app(self).find_customer, query.strip())
                yield Hit(0.9, data_content(label, one_line=True), find, text=label, help=t("Find caller"))
            # Every word typed finds something, so Textual's own (English) "No matches found" never shows.
            label = t("Search past cases for {text!r}", text=query.strip())
            search = partial(desk_app(self).action_search, query.strip())
            yield Hit(0.05, data_content(label, one_line=True), search, text=label)
        matcher = self.matcher(query)
        for label, callback, help_text in self._commands():
            score = matcher.match(label)
            if score > 0:
                yield Hit(score, matcher.highlight(label), callback, help=_help(label, help_text))


def _help(label: str, help_text: str) -> str | None:
    """The line under a command, unless it would only say the command's name again."""
    return help_text if help_text != label else None
