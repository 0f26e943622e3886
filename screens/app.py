"""The SupportDesk application: assembles screens, app-wide bindings, the command palette and error reporting."""

from textual import on
from textual.app import App
from textual.binding import Binding
from textual.worker import Worker, WorkerState

from screens.base import describe_error
from screens.commands import DeskCommands
from screens.customer_360 import Customer360Screen
from screens.help import HelpScreen
from screens.home import HomeScreen
from screens.i18n import set_language, t
from screens.messages import OpenCustomer, OpenTicket
from screens.ticket_view import TicketScreen
from supportdesk.desk import Desk


class SupportDeskApp(App[None]):
    TITLE = "SupportDesk"
    COMMANDS = App.COMMANDS | {DeskCommands}
    BINDINGS = [
        Binding("ctrl+q", "quit", t("Quit"), id="app.quit"),
        Binding("f1", "help", t("Help"), id="app.help"),
    ]

    def __init__(self, desk: Desk, lang: str | None = None) -> None:
        super().__init__()
        self.desk = desk
        if lang:
            set_language(lang)
        # Unsent text per ticket number: a reload, a conflict or leaving the ticket never loses a draft.
        self.drafts: dict[int, str] = {}
        if desk.settings.keymap:
            self.set_keymap(desk.settings.keymap)

    def on_mount(self) -> None:
        actor = self.desk.actor
        self.sub_title = f"{actor.name} ({actor.role})"
        if self.desk.settings.theme:
            self.theme = self.desk.settings.theme
        self.push_screen(HomeScreen())

    @on(OpenTicket)
    def open_ticket(self, message: OpenTicket) -> None:
        self.push_screen(TicketScreen(message.number))

    @on(OpenCustomer)
    def open_customer(self, message: OpenCustomer) -> None:
        self.push_screen(Customer360Screen(message.customer_id))

    def _home(self) -> HomeScreen:
        while not isinstance(self.screen, HomeScreen):
            self.pop_screen()
        return self.screen

    def go_home_queue(self, queue: str) -> None:
        home = self._home()
        home.query_one("#lookup").value = ""  # type: ignore[attr-defined]
        home.action_queue(queue)

    def find_customer(self, text: str) -> None:
        home = self._home()
        lookup = home.query_one("#lookup")
        lookup.value = text  # type: ignore[attr-defined]
        lookup.focus()

    def action_new_customer(self) -> None:
        self._home().action_new_customer()

    def action_help(self) -> None:
        if isinstance(self.screen, HelpScreen):
            return
        keys = []
        for active in self.screen.active_bindings.values():
            binding = active.binding
            if binding.description:
                keys.append((binding.key_display or self.get_key_display(binding), binding.description))
        self.push_screen(HelpScreen(sorted(set(keys), key=lambda k: k[1])))

    def on_worker_state_changed(self, event: Worker.StateChanged) -> None:
        """App-level workers' failures, shown in words rather than a traceback."""
        if event.state == WorkerState.ERROR:
            self.notify(describe_error(event.worker.error), severity="error", timeout=8)
