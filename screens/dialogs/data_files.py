"""Choosing a CSV file to import, and exporting one kind of record to a file the user names."""

from collections.abc import Iterable
from pathlib import Path

from rich.text import Text
from textual import on, work
from textual.app import ComposeResult
from textual.containers import Horizontal, Vertical
from textual.widgets import Button, Checkbox, DirectoryTree, Input, Label, Select, Static
from textual.worker import Worker, WorkerState

from screens.dialogs.base import Dialog
from screens.safe_text import SafeInput, data_text, safe_text
from supportdesk.fields import KIND_LABELS, Kind
from supportdesk.i18n import language, t

DATA_SUFFIXES = (".csv", ".tsv", ".txt")


def kind_options() -> list[tuple[str, str]]:
    return [(t(KIND_LABELS[kind]), kind.value) for kind in KIND_LABELS]


class DataFileTree(DirectoryTree):
    """Folders and the files an import can read; dot-files and everything else stay out of the way."""

    def filter_paths(self, paths: Iterable[Path]) -> Iterable[Path]:
        return [p for p in paths if not p.name.startswith(".") and (p.is_dir() or p.suffix.lower() in DATA_SUFFIXES)]

    def process_label(self, label: str | Text) -> Text:
        # File names are data: a name may hold brackets or, on Linux, an escape character.
        return super().process_label(data_text(label) if isinstance(label, str) else safe_text(label, one_line=True))


class FilePickDialog(Dialog[Path | None]):
    """Browse to a CSV file; Enter on a file chooses it."""

    def __init__(self, start: Path) -> None:
        super().__init__()
        self.start = start if start.is_dir() else Path.cwd()

    def compose(self) -> ComposeResult:
        with Vertical(id="file-pick"):
            yield Static(t("Choose a CSV file"), classes="title")
            yield DataFileTree(self.start, id="tree")
            yield Static("", classes="error")
            with Horizontal(classes="buttons"):
                yield Button(t("Cancel"), id="cancel")

    def on_mount(self) -> None:
        self.query_one("#tree", DataFileTree).focus()

    @on(DirectoryTree.FileSelected)
    def _chosen(self, event: DirectoryTree.FileSelected) -> None:
        event.stop()
        self.dismiss(Path(event.path))

    def action_submit(self) -> None:
        node = self.query_one("#tree", DataFileTree).cursor_node
        if node is not None and node.data is not None and Path(node.data.path).is_file():
            self.dismiss(Path(node.data.path))


class DataExportDialog(Dialog[Path | None]):
    """Export every record of one kind as CSV (UTF-8, with a BOM for Excel unless unticked)."""

    def compose(self) -> ComposeResult:
        with Vertical():
            yield Static(t("Export data as CSV"), classes="title")
            yield Label(t("What"), classes="field-label")
            yield Select(kind_options(), value=Kind.CUSTOMERS.value, allow_blank=False, id="kind")
            yield Label(t("File"), classes="field-label")
            yield SafeInput(str(Path.cwd() / "customers.csv"), id="path")
            yield Checkbox(t("Byte-order mark, so Excel opens Japanese correctly"), value=True, id="bom")
            yield Checkbox(t("Japanese column headers"), value=language() == "ja", id="ja")
            yield Static("", classes="error")
            with Horizontal(classes="buttons"):
                yield Button(t("Cancel"), id="cancel")
                yield Button(t("Export") + " (ctrl+s)", id="ok", variant="primary")

    def on_mount(self) -> None:
        self.query_one("#path", Input).focus()

    @on(Select.Changed, "#kind")
    def _kind_changed(self, event: Select.Changed) -> None:
        # Follow the kind in the file name while the user has not named the file otherwise.
        path = Path(self.query_one("#path", Input).value)
        if path.stem in {k.value for k in Kind}:
            self.query_one("#path", Input).value = str(path.with_name(f"{event.value}.csv"))

    def on_input_submitted(self) -> None:
        self.action_submit()

    def action_submit(self) -> None:
        path = Path(self.query_one("#path", Input).value.strip()).expanduser()
        kind = str(self.query_one("#kind", Select).value)
        self.export(kind, path, self.query_one("#bom", Checkbox).value, self.query_one("#ja", Checkbox).value)

    @work(thread=True, exclusive=True, group="export", exit_on_error=False)
    def export(self, kind: str, path: Path, bom: bool, japanese: bool) -> tuple[Path, int]:
        count = self.desk.export_file(kind, path, language="ja" if japanese else "en", bom=bom)
        return path, count

    def on_worker_state_changed(self, event: Worker.StateChanged) -> None:
        if event.state == WorkerState.SUCCESS and event.worker.result is not None:
            path, count = event.worker.result
            self.app.notify(t("Exported {count} rows to {path}", count=count, path=path), timeout=6)
            self.dismiss(path)
        elif event.state == WorkerState.ERROR:
            self.show_error(event.worker.error)
