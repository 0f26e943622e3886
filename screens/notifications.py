"""Notifications: the list (Enter opens the ticket and marks it read), and the bell that keeps the header's unread
count and shows a toast for each new one while the app is open."""

from functools import partial
from typing import TYPE_CHECKING

from rich.text import Text
from textual import on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.timer import Timer
from textual.widgets import DataTable, Header, Static

from screens.base import AppScreen
from screens.formatting import local
from screens.messages import OpenTicket
from screens.safe_text import SafeDataTable
from screens.widgets.key_bar import KeyBar
from screens.workers import fetch
from supportdesk.i18n import N_, t, tn, v
from supportdesk.services.notifications import PULSE_SECONDS, NotificationPulse, NotificationView, describe, kind_label
from supportdesk.untrusted import visible

if TYPE_CHECKING:
    from screens.app import SupportDeskApp

# The app's key for the list (screens/app.py). F12: F10 opens GNOME Terminal's menu and F11 makes most terminals
# full screen, so neither reaches the app; F12 does in GNOME Terminal, Konsole, xterm, Windows Terminal and iTerm2.
NOTIFICATIONS_KEY = "f12"
NOTIFICATIONS_BINDING = "app.notifications"
MAX_TOASTS = 3  # more new ones at once are summed up in one toast


def notifications_key(app: "SupportDeskApp") -> str:
    """The key that opens the list as the header names it: F12, or what the desk's [keymap] put in its place."""
    key = app.settings.keymap.get(NOTIFICATIONS_BINDING, NOTIFICATIONS_KEY).split(",")[0].strip()
    shown = app.get_key_display(Binding(key, "notifications"))
    return shown.upper() if shown[:1] == "f" and shown[1:].isdigit() else shown


def notification_text(note: NotificationView) -> str:
    """What happened, and the ticket's subject (text from people, made visible, one line)."""
    subject = visible(note.subject, one_line=True) if note.subject else ""
    return f"{describe(note)}  {subject}".rstrip()


class NotificationBell:
    """The app's pulse: every few seconds it says the user is signed in, puts the unread count in the header and
    shows a toast for each notification that arrived since the last pulse."""

    def __init__(self, app: "SupportDeskApp") -> None:
        self.app = app
        self.unread = 0
        self.since: int | None = None  # None until the first pulse: what is there already is not news
        self.timer: Timer | None = None

    def start(self) -> None:
        self.pulse()
        self.timer = self.app.set_interval(PULSE_SECONDS, self.pulse)

    def stop(self) -> None:
        if self.timer is not None:
            self.timer.stop()
            self.timer = None

    def pulse(self) -> None:
        desk = self.app.desk
        fetch(self.app, partial(desk.notification_pulse, self.since), self.show, group="notification-pulse")

    def show(self, pulse: NotificationPulse) -> None:
        self.unread = pulse.unread
        self.app.sub_title = self.heading()
        for note in pulse.new[:MAX_TOASTS]:
            self.app.notify(notification_text(note), title=t("Notification"), timeout=10, markup=False)
        if len(pulse.new) > MAX_TOASTS:
            more = len(pulse.new) - MAX_TOASTS
            self.app.notify(
                t("… and {count} more ({key})", count=more, key=notifications_key(self.app)),
                title=t("Notification"),
                markup=False,
            )
        self.since = pulse.latest_id
        if isinstance(self.app.screen, NotificationsScreen) and pulse.new:
            self.app.screen.load()

    def heading(self) -> str:
        """Who is signed in, and the unread count when there is any (with the key that lists them)."""
        actor = self.app.desk.actor
        who = f"{actor.name} ({v(actor.role)})"  # as the app's own heading says it (screens/app.py)
        if not self.unread:
            return who
        unread = tn(
            "{count} unread notification ({key})",
            "{count} unread notifications ({key})",
            self.unread,
            key=notifications_key(self.app),
        )
        return f"{who}  ·  {unread}"

    def read(self, count: int) -> None:
        """Some were just marked read on this screen: the header follows at once."""
        self.unread = max(0, self.unread - count)
        self.app.sub_title = self.heading()


class NotificationsScreen(AppScreen[None]):
    CSS_PATH = "notifications.tcss"
    BINDINGS = [
        Binding("escape", "app.pop_screen", N_("Back"), id="notifications.back"),
        Binding("enter", "open", N_("Open"), id="notifications.open"),
        Binding("r", "read", N_("Mark read"), id="notifications.read"),
        Binding("a", "read_all", N_("Mark all read"), id="notifications.read_all"),
        Binding("u", "toggle_unread", N_("Unread only"), id="notifications.unread"),
        Binding("ctrl+r", "reload", N_("Reload"), priority=True, show=False, id="notifications.reload"),
    ]

    def __init__(self) -> None:
        super().__init__()
        self.unread_only = False
        self.shown: dict[str, NotificationView] = {}

    def compose(self) -> ComposeResult:
        yield Header()
        yield Static("", id="notifications-title")
        yield SafeDataTable(id="notifications", cursor_type="row", zebra_stripes=True)
        yield KeyBar()

    def on_mount(self) -> None:
        table = self.query_one("#notifications", DataTable)
        for label in (N_("Unread"), N_("When"), N_("Kind"), N_("What happened"), N_("Subject")):
            table.add_column(t(label), key=label)
        self.load()

    def load(self) -> None:
        fetch(self, partial(self.desk.notifications, unread_only=self.unread_only), self.show, group="notifications")

    def show(self, notes: list[NotificationView]) -> None:
        table = self.query_one("#notifications", DataTable)
        keep = table.cursor_row
        table.clear()
        self.shown = {str(n.id): n for n in notes}
        for note in notes:
            table.add_row(
                "●" if note.unread else "",
                local(note.created_at),
                kind_label(note.kind),
                Text(describe(note)),
                Text(visible(note.subject or "", one_line=True)),
                key=str(note.id),
            )
        if notes:
            table.move_cursor(row=min(keep, len(notes) - 1))
        which = t("Unread notifications") if self.unread_only else t("All notifications")
        self.query_one("#notifications-title", Static).update(f"{which} ({len(notes)})")

    def _current(self) -> NotificationView | None:
        table = self.query_one("#notifications", DataTable)
        if not self.shown or table.cursor_row < 0:
            return None
        key = table.coordinate_to_cell_key(table.cursor_coordinate).row_key.value
        return self.shown.get(str(key))

    def _mark(self, ids: list[int] | None) -> None:
        def done(count: int) -> None:
            self.desk_app.notices.read(count)
            self.load()

        fetch(self, partial(self.desk.mark_notifications_read, ids), done, group="notifications-read")

    def action_open(self) -> None:
        note = self._current()
        if note is None:
            return
        if note.unread:
            self._mark([note.id])
        if note.ticket_id is not None:
            self.post_message(OpenTicket(note.ticket_id))

    @on(DataTable.RowSelected)
    def _selected(self) -> None:
        self.action_open()

    def action_read(self) -> None:
        note = self._current()
        if note is not None and note.unread:
            self._mark([note.id])

    def action_read_all(self) -> None:
        self._mark(None)

    def action_toggle_unread(self) -> None:
        self.unread_only = not self.unread_only
        self.load()

    def action_reload(self) -> None:
        self.load()
