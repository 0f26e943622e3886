"""The SupportDesk application: assembles screens, app-wide bindings, the command palette and error reporting."""

from collections.abc import Iterable
from functools import partial
from typing import Any
from unittest.mock import patch

from rich.traceback import Traceback
from textual import on
from textual.app import App, SystemCommand
from textual.binding import Binding
from textual.command import CommandPalette
from textual.content import Content
from textual.notifications import SeverityLevel
from textual.screen import Screen
from textual.theme import Theme, ThemeProvider
from textual.timer import Timer
from textual.widgets import Input
from textual.worker import Worker, WorkerState

from screens.audit import AuditScreen
from screens.base import describe_error
from screens.case_reader import CaseScreen
from screens.commands import DeskCommands
from screens.customer_360 import Customer360Screen
from screens.dialogs.confirm import ConfirmDialog
from screens.help import HelpScreen
from screens.home import HomeScreen
from screens.kept_screens import KeptScreens
from screens.library import LibraryScreen
from screens.messages import OpenCase, OpenCustomer, OpenTicket, TicketChanged
from screens.notifications import NOTIFICATIONS_BINDING, NOTIFICATIONS_KEY, NotificationBell, NotificationsScreen
from screens.safe_text import shown
from screens.search import SearchScreen
from screens.sign_in import SignInScreen
from screens.ticket_view import TicketScreen
from screens.widgets.key_bar import declared_order
from screens.workers import fetch
from supportdesk import clock
from supportdesk.config import remember_setting
from supportdesk.desk import Desk, Entrance
from supportdesk.errors import SessionEnded
from supportdesk.i18n import N_, set_language, t, v
from supportdesk.i18n.catalog import JA
from supportdesk.services.actor import Action, can
from supportdesk.services.drafts import DraftView
from supportdesk.services.masking import masks_personal_data


def screen_keys(app: App[None], screen: Screen[object]) -> list[tuple[str, str]]:
    """The keys F1 lists: the screen's own first (in the order it declares them), then our widgets', then the
    app's, then the command palette's. Textual's own editing keys (TextArea, Input) are left out: they are not the
    screen's, and not ours to translate."""
    ranked: dict[tuple[str, str], tuple[int, int]] = {}
    for active in screen.active_bindings.values():
        binding, node = active.binding, active.node
        if not binding.description or not binding.id:  # ours all have an id (the keymap's name for them)
            continue
        if node is screen:
            rank = 0
        elif node is app:
            rank = 2
        elif type(node).__module__.startswith("screens."):
            rank = 1
        else:
            continue
        # Descriptions were fixed in the language screens/ was imported in; shown now in the user's language.
        description = t(binding.description) if binding.description in JA else binding.description
        key = (binding.key_display or app.get_key_display(binding), description)
        ranked.setdefault(key, (rank, declared_order(node, binding)))
    keys = [key for key, _ in sorted(ranked.items(), key=lambda item: item[1])]
    if app.ENABLE_COMMAND_PALETTE:
        keys.append((app.get_key_display(Binding(app.COMMAND_PALETTE_BINDING, "command_palette")), t("Commands")))
    return keys


class SupportDeskApp(App[None]):
    TITLE = "SupportDesk"
    COMMANDS = App.COMMANDS | {DeskCommands}
    BINDINGS = [
        Binding("ctrl+q", "quit", N_("Quit"), id="app.quit"),
        Binding("f1", "help", N_("Help"), id="app.help"),
        Binding("ctrl+f", "search", N_("Search cases"), id="app.search"),
        Binding("ctrl+b", "library", N_("Case library"), id="app.library"),
        Binding("f9", "dashboard", N_("Dashboard"), id="app.dashboard"),
        # F12 (screens/notifications.py says why not F10). Not in the footer: the header names the key when
        # something is unread (F1 and the palette list it too).
        Binding(NOTIFICATIONS_KEY, "notifications", N_("Notifications"), show=False, id=NOTIFICATIONS_BINDING),
        # F4 is the canned responses: on a ticket an agent picks one (the ticket screen's own F4), anywhere else a
        # lead or administrator keeps them.
        Binding("f4", "canned", N_("Canned responses"), show=False, id="app.canned"),
    ]
    INDEX_SYNC_SECONDS = 10

    def __init__(
        self,
        desk: Desk | None = None,
        *,
        entrance: Entrance | None = None,
        login: str | None = None,
        hint: str | None = None,
        lang: str | None = None,
    ) -> None:
        """Start on `desk`, or on the sign-in screen at `entrance` when nobody is signed in yet."""
        super().__init__()
        if entrance is None:
            if desk is None:
                raise ValueError("give a signed-in desk or an entrance to sign in at")
            entrance = Entrance.to(desk)
        self._desk = desk
        self.entrance = entrance
        self.settings = desk.settings if desk else entrance.settings
        self.login_hint = login
        self.sign_in_hint = hint
        if lang:
            set_language(lang)
        clock.set_desk_zone(self.settings.timezone)
        self._sync_timer: Timer | None = None
        self.kept = KeptScreens(self)  # one ticket screen, 360 and search, shown again and again
        self.notices = NotificationBell(self)
        if self.settings.keymap:
            self.set_keymap(self.settings.keymap)

    def notify(
        self,
        message: str,
        *,
        title: str = "",
        severity: SeverityLevel = "information",
        timeout: float | None = None,
        markup: bool = False,
    ) -> None:
        """Every notice is plain text: messages quote names, subjects and file cells (supportdesk/untrusted.py).

        Widgets and screens call this too (Screen.notify goes through the app), so no notice parses markup.
        """
        # `markup` is accepted for Textual's signature and ignored: App.notify parses markup unless told not to.
        super().notify(
            shown(message), title=shown(title, one_line=True), severity=severity, timeout=timeout, markup=False
        )

    def _fatal_error(self) -> None:
        # A bug stops the app with a traceback. Textual's shows every frame's local variables, and ours hold names,
        # phone numbers, subjects and bodies (a trainer would see them unmasked); the code and the line are enough.
        with patch("rich.traceback.Traceback", _TracebackWithoutLocals):
            super()._fatal_error()

    def format_title(self, title: str, sub_title: str) -> Content:
        # Screen titles carry subjects and names; Textual already shows them as text, this also marks controls.
        return super().format_title(shown(title, one_line=True), shown(sub_title, one_line=True))

    @property
    def desk(self) -> Desk:
        if self._desk is None:
            raise RuntimeError("nobody is signed in yet")
        return self._desk

    @property
    def signed_in(self) -> bool:
        return self._desk is not None

    def on_mount(self) -> None:
        if self.settings.theme:
            self.theme = self.settings.theme
        self.theme_changed_signal.subscribe(self, self._remember_theme)
        if self._desk is not None:
            self.start(self._desk)
            return
        # Whether the desk has anyone yet decides the sign-in screen's form: asked off the event loop.
        fetch(self, self.entrance.has_users, self._sign_in, group="has-users")

    def _sign_in(self, has_users: bool) -> None:
        self.push_screen(SignInScreen(self.entrance, self.login_hint, self.sign_in_hint, not has_users), self.start)

    def start(self, desk: Desk | None) -> None:
        if desk is None:
            return
        self._desk = desk
        actor = desk.actor
        self.sub_title = f"{actor.name} ({v(actor.role)})"
        if masks_personal_data(actor):
            # Trainers read cases (masked); they have no customer lookup or ticket workspace.
            self.push_screen(SearchScreen())
        else:
            self.push_screen(HomeScreen())
        self.sync_index()
        self._sync_timer = self.set_interval(self.INDEX_SYNC_SECONDS, self.sync_index)
        self.notices.start()

    def action_rules(self) -> None:
        from screens.rules import RulesScreen

        if not isinstance(self.screen, RulesScreen) and can(self.desk.actor, Action.MANAGE_RULES):
            self.push_screen(RulesScreen())

    def action_canned(self) -> None:
        from screens.canned_responses import CannedResponsesScreen

        if not isinstance(self.screen, CannedResponsesScreen) and can(self.desk.actor, Action.MANAGE_CANNED):
            self.push_screen(CannedResponsesScreen())

    def action_notifications(self) -> None:
        if not isinstance(self.screen, NotificationsScreen):
            self.push_screen(NotificationsScreen())

    def _remember_theme(self, theme: Theme) -> None:
        """A theme picked in the palette is the theme next time (kept in the config file, off the event loop)."""
        fetch(self, partial(remember_setting, "theme", theme.name), group="theme")

    async def action_quit(self) -> None:
        """Quit, but ask first when a draft is unsent (drafts are kept, yet a person may have meant to send it)."""
        if self._desk is None:
            self.exit()
            return
        open_tickets = [s for s in self.screen_stack if isinstance(s, TicketScreen)]
        for screen in open_tickets:
            screen.save_draft_now()
        on_screen = {s.number for s in open_tickets if s.has_unsent_draft}
        fetch(self, self._desk.list_drafts, partial(self._confirm_quit, on_screen), group="quit")

    def _confirm_quit(self, on_screen: set[int], saved: list[DraftView]) -> None:
        numbers = sorted(on_screen | {d.number for d in saved})
        if not numbers:
            self.run_worker(self._exit_when_saved(), group="exit")
            return
        message = t(
            "Unsent drafts on {tickets}. They are kept and come back when you open the ticket. Quit now?",
            tickets=", ".join(f"#{n}" for n in numbers),
        )

        def answered(quit_now: bool | None) -> None:
            if quit_now:
                self.run_worker(self._exit_when_saved(), group="exit")

        self.push_screen(ConfirmDialog(t("Quit"), message, t("Quit")), answered)

    async def _exit_when_saved(self) -> None:
        # Drafts being written as the ticket closed reach the database before the process ends.
        saving = [w for w in self.workers if (w.group or "").startswith("draft-")]
        if saving:
            await self.workers.wait_for_complete(saving)
        self.notices.stop()
        if self._desk is not None:  # no longer signed in: round-robin stops giving this person tickets
            await self.workers.wait_for_complete([fetch(self, self._desk.sign_off, group="sign-off")])
        self.exit()

    def session_ended(self, why: str) -> None:
        """The signed-in user was disabled or given another role: back to the sign-in screen, saying why."""
        if self._desk is None or isinstance(self.screen, SignInScreen):
            return
        # The ended desk stays until someone signs in (screens being closed may still ask it who is signed in);
        # every call on it is refused, since each one checks the account again.
        login = self._desk.actor.login
        if self._sync_timer is not None:
            self._sync_timer.stop()
            self._sync_timer = None
        self.notices.stop()
        self.workers.cancel_all()
        closing = set(self.screen_stack)
        while len(self.screen_stack) > 1:
            self.pop_screen()
        self.kept.drop(closing)  # the next person starts with nothing of this one's
        self.sub_title = ""
        self.push_screen(SignInScreen(self.entrance, login, why, False), self.start)
        self.notify(why, severity="warning", timeout=12)

    def sync_index(self) -> None:
        """Catch the search index up with the database (also after a crash or another instance's changes)."""
        if self._desk is not None:
            fetch(self, self._desk.sync_index, group="indexer")

    @on(TicketChanged)
    def _ticket_changed(self) -> None:
        self.sync_index()

    @on(OpenTicket)
    def open_ticket(self, message: OpenTicket) -> None:
        if masks_personal_data(self.desk.actor):
            self.push_screen(CaseScreen(message.number))
        else:
            number = message.number
            self.push_screen(self.kept.open(TicketScreen, lambda: TicketScreen(number), lambda s: s.reopen(number)))

    @on(OpenCase)
    def open_case(self, message: OpenCase) -> None:
        self.push_screen(CaseScreen(message.number))

    def action_search(self, query: str = "") -> None:
        if not isinstance(self.screen, SearchScreen):
            self.push_screen(self.kept.open(SearchScreen, lambda: SearchScreen(query), lambda s: s.reopen(query)))

    # ---- Textual's own palette and system commands, in the desk's language -----------------------------------

    def action_command_palette(self) -> None:
        # CommandPalette.is_open's own test, which its App[object] annotation keeps from taking this app.
        if self.use_command_palette and not self.screen.has_class("--textual-command-palette"):
            self.push_screen(CommandPalette(placeholder=t("Search for commands…"), id="--command-palette"))

    def search_themes(self) -> None:
        self.push_screen(CommandPalette(providers=[ThemeProvider], placeholder=t("Search for themes…")))

    def get_system_commands(self, screen: Screen[object]) -> Iterable[SystemCommand]:
        """Textual's commands (theme, quit, maximise), worded in the desk's language; keys open our F1 list."""
        yield SystemCommand(t("Theme"), t("Change the colours of the desk"), self.action_change_theme)
        yield SystemCommand(t("Quit"), t("Close SupportDesk"), self.action_quit)
        yield SystemCommand(t("Keys"), t("Show the keys of this screen"), self.action_help)
        if screen.maximized is not None:
            yield SystemCommand(t("Minimize"), t("Show the whole screen again"), screen.action_minimize)
        elif screen.focused is not None and screen.focused.allow_maximize:
            yield SystemCommand(t("Maximize"), t("Show the focused part on the whole screen"), screen.action_maximize)

    def action_audit(self) -> None:
        if not isinstance(self.screen, AuditScreen):
            self.push_screen(AuditScreen())

    def action_dashboard(self) -> None:
        from screens.dashboard import DashboardScreen

        if not isinstance(self.screen, DashboardScreen):
            self.push_screen(DashboardScreen())

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        desk = getattr(self, "_desk", None)  # None until someone has signed in
        if action == "dashboard":  # the team dashboard is for leads and admins
            return desk is not None and can(desk.actor, Action.VIEW_REPORTS)
        if action in ("notifications", "search", "library"):  # the cases are the desk's: shown once signed in
            return desk is not None
        if action == "rules":
            return desk is not None and can(desk.actor, Action.MANAGE_RULES)
        if action == "canned":
            return desk is not None and can(desk.actor, Action.MANAGE_CANNED)
        return True

    def action_library(self) -> None:
        if not isinstance(self.screen, LibraryScreen):
            self.push_screen(LibraryScreen())

    @on(OpenCustomer)
    def open_customer(self, message: OpenCustomer) -> None:
        if not can(self.desk.actor, Action.VIEW_CUSTOMERS):
            self.notify(t("Your role reads cases without customer profiles."), severity="warning")
            return
        cid = message.customer_id
        self.push_screen(self.kept.open(Customer360Screen, lambda: Customer360Screen(cid), lambda s: s.reopen(cid)))

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
        self.push_screen(HelpScreen(screen_keys(self, self.screen)))

    def on_worker_state_changed(self, event: Worker.StateChanged) -> None:
        """App-level workers' failures, shown in words rather than a traceback."""
        if event.state == WorkerState.ERROR and isinstance(event.worker.error, SessionEnded):
            self.session_ended(str(event.worker.error))
        elif event.state == WorkerState.ERROR:
            self.notify(describe_error(event.worker.error), severity="error", timeout=8)


class _TracebackWithoutLocals(Traceback):
    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **{**kwargs, "show_locals": False})
