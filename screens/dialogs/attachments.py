"""Pick one of a ticket's files to save; it is written to the Downloads folder under a safe name (0600)."""

from pathlib import Path

import platformdirs
from rich.text import Text
from textual import on
from textual.app import ComposeResult
from textual.containers import Vertical
from textual.widgets import OptionList, Static
from textual.widgets.option_list import Option

from screens.dialogs.base import Dialog
from screens.safe_text import data_content
from supportdesk.i18n import t
from supportdesk.services.mail_display import attachment_line
from supportdesk.services.readmodels import AttachmentView
from supportdesk.untrusted import visible


def downloads_folder() -> Path:
    """Where saved files go: the user's Downloads folder, else the home folder."""
    folder = platformdirs.user_downloads_path()
    return folder if folder.is_dir() else Path.home()


class AttachmentDialog(Dialog[int | None]):
    def __init__(self, files: list[AttachmentView]) -> None:
        super().__init__()
        self.files = files

    def compose(self) -> ComposeResult:
        with Vertical():
            # A folder's name is text too (brackets are legal in paths).
            yield Static(data_content(t("Save a file to {folder}", folder=str(downloads_folder()))), classes="title")
            yield OptionList(
                *(Option(Text(visible(attachment_line(f), one_line=True)), id=str(f.id)) for f in self.files),
                id="files",
            )
            yield Static("", classes="error")

    def on_mount(self) -> None:
        files = self.query_one("#files", OptionList)
        files.highlighted = 0
        files.focus()

    @on(OptionList.OptionSelected)
    def _picked(self) -> None:
        self.action_submit()

    def action_submit(self) -> None:
        index = self.query_one("#files", OptionList).highlighted
        if index is not None:
            self.dismiss(self.files[index].id)
