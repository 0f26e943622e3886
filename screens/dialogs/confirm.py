"""A yes/no question before something that cannot be undone from here (quitting with unsent work)."""

from textual.app import ComposeResult
from textual.containers import Horizontal, Vertical
from textual.widgets import Button, Static

from screens.dialogs.base import Dialog
from screens.safe_text import data_content
from supportdesk.i18n import t


class ConfirmDialog(Dialog[bool]):
    """`message` is shown as text; Enter or ctrl+s confirms, Esc keeps the agent where they were."""

    def __init__(self, title: str, message: str, confirm: str) -> None:
        super().__init__()
        self.title_text = title
        self.message = message
        self.confirm = confirm

    def compose(self) -> ComposeResult:
        with Vertical():
            yield Static(data_content(self.title_text, one_line=True), classes="title")
            yield Static(data_content(self.message), id="message")
            yield Static("", classes="error")
            with Horizontal(classes="buttons"):
                yield Button(t("Cancel"), id="cancel")
                yield Button(data_content(self.confirm, one_line=True), id="ok", variant="warning")

    def on_mount(self) -> None:
        self.query_one("#cancel", Button).focus()

    def action_cancel(self) -> None:
        self.dismiss(False)

    def action_submit(self) -> None:
        self.dismiss(True)
