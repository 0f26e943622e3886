"""An administrator handles a person's privacy request: export what is held, or anonymise them."""

from pathlib import Path

from textual import work
from textual.app import ComposeResult
from textual.containers import Horizontal, Vertical
from textual.widgets import Button, Input, Label, Static
from textual.worker import Worker, WorkerState

from screens.dialogs.base import Dialog
from screens.safe_text import SafeInput, data_content
from supportdesk.i18n import t


class ExportPersonDialog(Dialog[Path | None]):
    """Write everything held about one person to a file (JSON, or a readable document for .md/.txt)."""

    def __init__(self, customer_id: int, name: str) -> None:
        super().__init__()
        self.customer_id = customer_id
        self.person = name

    def compose(self) -> ComposeResult:
        with Vertical():
            yield Static(data_content(t("Export everything held about {name}", name=self.person)), classes="title")
            yield Label(t("File (.json, or .md for a readable document)"), classes="field-label")
            yield SafeInput(str(Path.cwd() / f"person-{self.customer_id}.json"), id="path")
            yield Static("", classes="error")
            with Horizontal(classes="buttons"):
                yield Button(t("Cancel"), id="cancel")
                yield Button(t("Export") + " (ctrl+s)", id="ok", variant="primary")

    def on_mount(self) -> None:
        self.query_one("#path", Input).focus()

    def on_input_submitted(self) -> None:
        self.action_submit()

    def action_submit(self) -> None:
        self.export(self.customer_id, Path(self.query_one("#path", Input).value.strip()).expanduser())

    @work(thread=True, exclusive=True, group="export", exit_on_error=False)
    def export(self, customer_id: int, path: Path) -> Path:
        self.desk.export_person(customer_id, path)
        return path

    def on_worker_state_changed(self, event: Worker.StateChanged) -> None:
        if event.state == WorkerState.SUCCESS:
            self.app.notify(t("Exported to {path}", path=event.worker.result), timeout=6)
            self.dismiss(event.worker.result)
        elif event.state == WorkerState.ERROR:
            self.show_error(event.worker.error)


class AnonymiseDialog(Dialog[bool | None]):
    """Confirm by typing the customer number: anonymising cannot be undone."""

    def __init__(self, customer_id: int, name: str) -> None:
        super().__init__()
        self.customer_id = customer_id
        self.person = name

    def compose(self) -> ComposeResult:
        with Vertical():
            yield Static(data_content(t("Anonymise {name}? This cannot be undone.", name=self.person)), classes="title")
            yield Static(
                t("Their record is cleared and they are masked in ticket text; tickets and purchases stay for "
                  "statistics.")
            )  # fmt: skip
            yield Label(t("Type the customer number ({number}) to confirm", number=self.customer_id),
                        classes="field-label")  # fmt: skip
            yield SafeInput(id="confirmation", restrict=r"[0-9]*")
            yield Static("", classes="error")
            with Horizontal(classes="buttons"):
                yield Button(t("Cancel"), id="cancel")
                yield Button(t("Anonymise"), id="ok", variant="error")

    def on_mount(self) -> None:
        self.query_one("#confirmation", Input).focus()

    def on_input_submitted(self) -> None:
        self.action_submit()

    def action_submit(self) -> None:
        self.anonymise(self.customer_id, self.query_one("#confirmation", Input).value)

    @work(thread=True, exclusive=True, group="anonymise", exit_on_error=False)
    def anonymise(self, customer_id: int, confirmation: str) -> bool:
        self.desk.anonymise_person(customer_id, confirmation)
        return True

    def on_worker_state_changed(self, event: Worker.StateChanged) -> None:
        if event.state == WorkerState.SUCCESS:
            self.dismiss(True)
        elif event.state == WorkerState.ERROR:
            self.show_error(event.worker.error)
