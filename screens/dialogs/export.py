"""Export cases as a Markdown manual to a file the user chooses."""

from pathlib import Path

from textual import work
from textual.app import ComposeResult
from textual.containers import Horizontal, Vertical
from textual.widgets import Button, Input, Label, Static
from textual.worker import Worker, WorkerState

from screens.dialogs.base import Dialog
from screens.safe_text import SafeInput
from supportdesk.i18n import t
from supportdesk.services.case_library import MANUAL_TITLE


class ExportDialog(Dialog[Path | None]):
    def __init__(self, numbers: list[int], filename: str) -> None:
        super().__init__()
        self.numbers = numbers
        self.filename = filename

    def compose(self) -> ComposeResult:
        with Vertical():
            yield Static(t("Export {count} cases as a Markdown manual", count=len(self.numbers)), classes="title")
            yield Label(t("File"), classes="field-label")
            yield SafeInput(str(Path.cwd() / self.filename), id="path")
            yield Label(t("Title"), classes="field-label")
            yield SafeInput(t(MANUAL_TITLE), id="title")
            yield Static("", classes="error")
            with Horizontal(classes="buttons"):
                yield Button(t("Cancel"), id="cancel")
                yield Button(t("Export") + " (ctrl+s)", id="ok", variant="primary")

    def on_mount(self) -> None:
        self.query_one("#path", Input).focus()

    def on_input_submitted(self) -> None:
        self.action_submit()

    def action_submit(self) -> None:
        path = Path(self.query_one("#path", Input).value.strip()).expanduser()
        self.export(self.numbers, path, self.query_one("#title", Input).value.strip() or t(MANUAL_TITLE))

    @work(thread=True, exclusive=True, group="export", exit_on_error=False)
    def export(self, numbers: list[int], path: Path, title: str) -> Path:
        self.desk.export_manual(numbers, path, title)
        return path

    def on_worker_state_changed(self, event: Worker.StateChanged) -> None:
        if event.state == WorkerState.SUCCESS:
            self.app.notify(t("Exported to {path}", path=event.worker.result), timeout=6)
            self.dismiss(event.worker.result)
        elif event.state == WorkerState.ERROR:
            self.show_error(event.worker.error)
