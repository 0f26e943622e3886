"""The SupportDesk application: assembles screens, app-wide bindings, the command palette and error reporting."""

from sqlalchemy import Engine
from textual import on, work
from textual.app import App
from textual.binding import Binding
from textual.timer import Timer
from textual.widgets import Input
from textual.worker import Worker, WorkerState

from screens.audit import AuditScreen
from screens.base import describe_error
from screens.case_reader import CaseScreen
from screens.commands import DeskCommands
from screens.customer_360 import Customer360Screen
from screens.help import HelpScreen
from screens.home import HomeScreen
from screens.library import LibraryScreen
from screens.messages import OpenCase, OpenCustomer, OpenTicket, TicketChanged
from screens.search import SearchScreen
from screens.sign_in import SignInScreen
from screens.ticket_view import TicketScreen
from supportdesk.config import Settings
from supportdesk.desk import Desk
from supportdesk.errors import SessionEnded
from supportdesk.i18n import set_language, t
from supportdesk.services.actor import Action, can
from supportdesk.services.masking import masks_personal_data


class SupportDeskApp(App[None]):
    TITLE = "SupportDesk"
    COMMANDS = App.COMMANDS | {DeskCommands}
    BINDINGS = [
        Binding("ctrl+q", "quit", t("Quit"), id="app.quit"),
        Binding("f1", "help", t("Help"), id="app.help"),
        Binding("ctrl+f", "search", t("Search cases"), id="app.search"),
        Binding("ctrl+b", "library", t("Case library"), id="app.library"),
        Binding("f9", "dashboard", t("Dashboard"), id="app.dashboard"),
    ]
    INDEX_SYNC_SECONDS = 10

    def __init__(
        self,
        desk: Desk | None = None,
        *,
        engine: Engine | None = None,
        settings: Settings | None = None,
        login: str | None = None,
        hint: str | None = None,
        lang: str | None = None,
    ) -> None:
        """Start on `desk`, or on the sign-in screen for `engine` when nobody is signed in yet."""
        super().__init__()
        if desk is None and engine is None:
            raise ValueError("give a signed-in desk or an engine to sign in to")
        self._desk = desk
        self.engine = engine or (desk.engine if desk else None)
        self.settings = desk.settings if desk else settings or Settings()
        self.login_hint = login
        self.sign_in_hint = hint
        if lang:
            set_language(lang)
        # Unsent text per ticket number: a reload, a conflict or leaving the ticket never loses a draft.
        self.drafts: dict[int, str] = {}
        self._sync_timer: Timer | None = None
        if self.settings.keymap:
            self.set_keymap(self.settings.keymap)

    @property
    def desk(self) -> Desk:
        if self._desk is None:
            raise RuntimeError("nobody is signed in yet")
        return self._desk

    def on_mount(self) -> None:
        if self.settings.theme:
            self.theme = self.settings.theme
        if self._desk is not None:
            self.start(self._desk)
            return
        assert self.engine is not None
        first = not Desk.has_users(self.engine)
        self.push_screen(
            SignInScreen(self.engine, self.settings, self.login_hint, self.sign_in_hint, first), self.start
        )

    def start(self, desk: Desk | None) -> None:
        if desk is None:
            return
        self._desk = desk
        actor = desk.actor
        self.sub_title = f"{actor.name} ({actor.role})"
        if masks_personal_data(actor):
            # Trainers read cases (masked); they have no customer lookup or ticket workspace.
            self.push_screen(SearchScreen())
        else:
            self.push_screen(HomeScreen())
        self.sync_index()
        self._sync_timer = self.set_interval(self.INDEX_SYNC_SECONDS, self.sync_index)

    def session_ended(self, why: str) -> None:
        """The signed-in user was disabled or given another role: back to the sign-in screen, saying why."""
        if self._desk is None or self.engine is None or isinstance(self.screen, SignInScreen):
            return
        # The ended desk stays until someone signs in (screens being closed may still ask it who is signed in);
        # every call on it is refused, since each one checks the account again.
        login = self._desk.actor.login
        if self._sync_timer is not None:
            self._sync_timer.stop()
            self._sync_timer = None
        self.workers.cancel_all()
        self.drafts.clear()
        while len(self.screen_stack) > 1:
            self.pop_screen()
        self.sub_title = ""
        self.push_screen(SignInScreen(self.engine, self.settings, login, why, False), self.start)
        self.notify(why, severity="warning", timeout=12)

    @work(thread=True, exclusive=True, group="indexer", exit_on_error=False)
    def sync_index(self) -> None:
        """Catch the search index up with the database (also after a crash or another instance's changes)."""
        desk = self._desk
        if desk is not None:
            desk.sync_index()

    @on(TicketChanged)
    def _ticket_changed(self) -> None:
        self.sync_index()

    @on(OpenTicket)
    def open_ticket(self, message: OpenTicket) -> None:
        if masks_personal_data(self.desk.actor):
            self.push_screen(CaseScreen(message.number))
        else:
            self.push_screen(TicketScreen(message.number))

    @on(OpenCase)
    def open_case(self, message: OpenCase) -> None:
        self.push_screen(CaseScreen(message.number))

    def action_search(self) -> None:
        if not isinstance(self.screen, SearchScreen):
            self.push_screen(SearchScreen())

    def action_audit(self) -> None:
        if not isinstance(self.screen, AuditScreen):
            self.push_screen(AuditScreen())

    def action_dashboard(self) -> None:
        from screens.dashboard import DashboardScreen

        if not isinstance(self.screen, DashboardScreen):
            self.push_screen(DashboardScreen())

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        if action == "dashboard":  # the team dashboard is for leads and admins
            desk = getattr(self, "_desk", None)  # None until someone has signed in
            return desk is not None and can(desk.actor, Action.VIEW_REPORTS)
        return True

    def action_library(self) -> None:
        if not isinstance(self.screen, LibraryScreen):
            self.push_screen(LibraryScreen())

    @on(OpenCustomer)
    def open_customer(self, message: OpenCustomer) -> None:
        if not can(self.desk.actor, Action.VIEW_CUSTOMERS):
            self.notify(t("Your role reads cases without customer profiles."), severity="warning")
            return
        self.push_screen(Customer360Screen(message.customer_id))

    def _home(self) -> HomeScreen:
        while not isinstance(self.screen, HomeScreen) and len(self.screen_stack) > 2:
            self.pop_screen()
        if isinstance(self.screen, HomeScreen):
            return self.screen
        home = HomeScreen()
        self.push_screen(home)
        return home

    def go_home_queue(self, queue: str) -> None:
        home = self._home()
        home.query_one("#lookup", Input).value = ""
        home.action_queue(queue)

    def find_customer(self, text: str) -> None:
        home = self._home()
        lookup = home.query_one("#lookup", Input)
        lookup.value = text
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
        if event.state == WorkerState.ERROR and isinstance(event.worker.error, SessionEnded):
            self.session_ended(str(event.worker.error))
        elif event.state == WorkerState.ERROR:
            self.notify(describe_error(event.worker.error), severity="error", timeout=8)
