"""What every dialog shares: look, Esc to cancel, ctrl+s to confirm, inline errors."""

from typing import TYPE_CHECKING, Generic, TypeVar

from textual.binding import Binding
from textual.widgets import Button, Static

from screens.base import DeskModal, describe_error, desk_app
from screens.safe_text import data_content
from supportdesk.i18n import N_

if TYPE_CHECKING:
    from screens.app import SupportDeskApp
    from supportdesk.desk import Desk

R = TypeVar("R")


class Dialog(DeskModal[R], Generic[R]):
    CSS_PATH = "dialogs.tcss"
    DEFAULT_CLASSES = "dialog"
    BINDINGS = [
        Binding("escape", "cancel", N_("Cancel"), id="dialog.cancel"),
        Binding("ctrl+s", "submit", N_("OK"), priority=True, id="dialog.submit"),
    ]

    @property
    def desk_app(self) -> "SupportDeskApp":
        return desk_app(self)

    @property
    def desk(self) -> "Desk":
        return desk_app(self).desk

    def action_cancel(self) -> None:
        self.dismiss(None)

    def action_submit(self) -> None:  # pragma: no cover - every dialog overrides it
        raise NotImplementedError

    def on_button_pressed(self, event: Button.Pressed) -> None:
        if event.button.id == "ok":
            self.action_submit()
        elif event.button.id == "cancel":
            self.action_cancel()

    def show_error(self, error: BaseException | str | None) -> None:
        text = error if isinstance(error, str) else describe_error(error)
        self.query_one(".error", Static).update(data_content(text))  # errors quote what was typed
