"""The keys of the screen underneath, as a list a person can read."""

from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Vertical
from textual.widgets import DataTable, Static

from screens.base import DeskModal
from screens.safe_text import SafeDataTable
from supportdesk.i18n import N_, t


class HelpScreen(DeskModal[None]):
    CSS_PATH = "dialogs/dialogs.tcss"
    DEFAULT_CLASSES = "dialog"
    BINDINGS = [
        Binding("escape,f1,question_mark,q", "dismiss", N_("Close"), id="help.close"),
    ]

    def __init__(self, keys: list[tuple[str, str]]) -> None:
        super().__init__()
        self.keys = keys

    def compose(self) -> ComposeResult:
        with Vertical():
            yield Static(t("Keys on this screen"), classes="title")
            yield SafeDataTable(id="keys", cursor_type="row", show_cursor=False)

    def on_mount(self) -> None:
        table = self.query_one("#keys", DataTable)
        table.add_columns(t("Keys"), "")
        for key, description in self.keys:
            table.add_row(key, description)

    async def action_dismiss(self, result: None = None) -> None:
        self.dismiss(result)
