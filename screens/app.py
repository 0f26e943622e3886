"""The SupportDesk application: assembles screens, app-wide bindings and worker error reporting."""

from textual import on
from textual.app import App
from textual.binding import Binding
from textual.worker import Worker, WorkerState

from screens.base import describe_error
from screens.messages import OpenTicket
from screens.queue import QueueScreen
from screens.ticket_view import TicketScreen
from supportdesk.desk import Desk


class SupportDeskApp(App[None]):
    TITLE = "SupportDesk"
    BINDINGS = [
        Binding("q", "quit", "Quit", id="app.quit"),
    ]

    def __init__(self, desk: Desk, lang: str | None = None) -> None:
        super().__init__()
        self.desk = desk
        self.lang = lang
        if desk.settings.keymap:
            self.set_keymap(desk.settings.keymap)

    def on_mount(self) -> None:
        actor = self.desk.actor
        self.sub_title = f"{actor.name} ({actor.role})"
        if self.desk.settings.theme:
            self.theme = self.desk.settings.theme
        self.push_screen(QueueScreen())

    @on(OpenTicket)
    def open_ticket(self, message: OpenTicket) -> None:
        self.push_screen(TicketScreen(message.number))

    def on_worker_state_changed(self, event: Worker.StateChanged) -> None:
        """One place that shows failed background work to the user, in words rather than a traceback."""
        if event.state != WorkerState.ERROR:
            return
        self.notify(describe_error(event.worker.error), severity="error", timeout=8)
