"""Import data: choose a file and what it holds, preview every row and problem, then import all or nothing."""

from collections.abc import Callable
from pathlib import Path

from rich.text import Text
from textual import on, work
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, Vertical
from textual.widgets import Button, DataTable, Header, Input, ProgressBar, Select, Static
from textual.worker import Worker

from screens.base import AppScreen, describe_error
from screens.dialogs.data_files import FilePickDialog, kind_options
from screens.safe_text import SafeDataTable, SafeInput, data_content
from screens.widgets.key_bar import KeyBar
from supportdesk.errors import Invalid
from supportdesk.i18n import N_, listing, msg, t
from supportdesk.importing import Kind, Mapping, check_size, load_mapping
from supportdesk.importing.encoding import delimiter_name
from supportdesk.services.datafiles.plan import ImportPlan, ImportSummary
from supportdesk.untrusted import shorten

OUTCOME_LABELS = {
    "create": N_("Create"),
    "update": N_("Update"),
    "unchanged": N_("Unchanged"),
    "skip": N_("Skip"),
    "error": N_("Problem"),
}
OUTCOME_STYLES = {"create": "green", "update": "yellow", "unchanged": "dim", "skip": "dim", "error": "bold red"}


def read_inputs(path_text: str, mapping_text: str) -> tuple[Path, bytes, Mapping | None]:
    """The file's bytes and the mapping file, or Invalid naming what is wrong (runs in a worker)."""
    path = Path(path_text.strip()).expanduser()
    if not path_text.strip():
        raise Invalid("file", msg("choose a CSV file first (ctrl+o)"))
    if not path.is_file():
        raise Invalid("file", msg("{path} is not a file", path=path))
    mapping = None
    if mapping_text.strip():
        mapping_path = Path(mapping_text.strip()).expanduser()
        if not mapping_path.is_file():
            raise Invalid("mapping file", msg("{path} is not a file", path=mapping_path))
        mapping = load_mapping(mapping_path.read_text(encoding="utf-8"), str(mapping_path))
    check_size(path.stat().st_size)  # a file larger than an import takes is refused before it is read
    return path, path.read_bytes(), mapping


class ImportScreen(AppScreen[None]):
    CSS_PATH = "import_screen.tcss"
    BINDINGS = [
        Binding("escape", "app.pop_screen", N_("Back"), id="import.back"),
        Binding("ctrl+o", "browse", N_("Choose file"), id="import.browse"),
        Binding("f5", "preview", N_("Preview"), id="import.preview"),
        Binding("ctrl+s", "run_import", N_("Import"), priority=True, id="import.run"),
    ]

    def __init__(self, path: Path | None = None, kind: Kind = Kind.CUSTOMERS) -> None:
        super().__init__()
        self.initial_path = path
        self.initial_kind = kind
        self.plan: ImportPlan | None = None

    def compose(self) -> ComposeResult:
        yield Header()
        with Vertical(id="import-form"):
            with Horizontal(classes="import-line"):
                yield Select(kind_options(), value=self.initial_kind.value, allow_blank=False, id="i-kind")
                yield SafeInput(str(self.initial_path or ""), placeholder=t("CSV file (ctrl+o to browse)"), id="i-path")
                yield Button(t("Choose…"), id="i-browse")
            with Horizontal(classes="import-line"):
                yield SafeInput(placeholder=t("Mapping file (TOML, optional)"), id="i-mapping")
                yield Button(t("Preview") + " (F5)", id="i-preview", variant="primary")
                yield Button(t("Import") + " (ctrl+s)", id="i-run", variant="warning", disabled=True)
        yield Static(
            t("Choose a file and what it holds, then preview it. Nothing is written before you import."), id="i-summary"
        )
        yield SafeDataTable(id="i-rows", cursor_type="row", zebra_stripes=True)
        yield Static(t("Problems"), classes="section", id="i-problems-title")
        yield SafeDataTable(id="i-problems", cursor_type="row")
        yield ProgressBar(id="i-progress", show_eta=False)
        yield KeyBar()

    def on_mount(self) -> None:
        rows = self.query_one("#i-rows", DataTable)
        for key, label, width in (("row", N_("Row"), 6), ("outcome", N_("Outcome"), 10), ("record", N_("Record"), 28)):
            rows.add_column(t(label), key=key, width=width)
        rows.add_column(t("Notes and likely duplicates"), key="notes")
        problems = self.query_one("#i-problems", DataTable)
        for key, label in (
            ("row", N_("Row")),
            ("column", N_("Column")),
            ("value", N_("Value")),
            ("reason", N_("Reason")),
        ):
            problems.add_column(t(label), key=key)
        self.query_one("#i-progress", ProgressBar).display = False
        self.query_one("#i-path", Input).focus()
        if self.initial_path is not None:
            self.action_preview()

    # ---- choosing ----------------------------------------------------------------------------------------------

    def action_browse(self) -> None:
        current = Path(self.query_one("#i-path", Input).value.strip() or Path.cwd()).expanduser()
        self.app.push_screen(FilePickDialog(current if current.is_dir() else current.parent), self._picked)

    def _picked(self, path: Path | None) -> None:
        if path is not None:
            self.query_one("#i-path", Input).value = str(path)
            self.action_preview()

    @on(Button.Pressed)
    def _button(self, event: Button.Pressed) -> None:
        actions = {"i-browse": self.action_browse, "i-preview": self.action_preview, "i-run": self.action_run_import}
        if event.button.id in actions:
            actions[event.button.id]()

    @on(Input.Submitted)
    @on(Select.Changed, "#i-kind")
    def _changed(self) -> None:
        if self.query_one("#i-path", Input).value.strip():
            self.action_preview()

    def _kind(self) -> str:
        return str(self.query_one("#i-kind", Select).value)

    # ---- preview -----------------------------------------------------------------------------------------------

    def action_preview(self) -> None:
        self.query_one("#i-run", Button).disabled = True
        self.query_one("#i-summary", Static).update(t("Reading the file…"))
        self._show_progress(0, None)
        self.preview(self._kind(), self.query_one("#i-path", Input).value, self.query_one("#i-mapping", Input).value)

    def _reporter(self, label: str) -> Callable[[int, int], None]:
        """A progress callback for a worker: the bar moves on the UI thread, every 50 rows and at the end."""

        def report(done: int, total: int) -> None:
            if done in (0, total) or done % 50 == 0:  # every row would flood the UI thread on a long file
                self.app.call_from_thread(self._show_progress, done, total, label)

        return report

    def _show_progress(self, done: int, total: int | None, label: str = "") -> None:
        bar = self.query_one("#i-progress", ProgressBar)
        bar.update(total=total, progress=done)
        bar.display = True
        if label and total:
            self.query_one("#i-summary", Static).update(t(label) + f" {done:,} / {total:,}")

    @work(thread=True, exclusive=True, group="import", exit_on_error=False)
    def preview(self, kind: str, path_text: str, mapping_text: str) -> None:
        path, data, mapping = read_inputs(path_text, mapping_text)
        checked = self._reporter(N_("Checking rows"))
        plan = self.desk.preview_import(kind, data, mapping, source=path.name, progress=checked)
        self.app.call_from_thread(self.show_plan, plan)

    def show_plan(self, plan: ImportPlan) -> None:
        self.plan = plan
        self.query_one("#i-progress", ProgressBar).display = False
        counts = plan.counts()
        summary = t(
            "{file}: {encoding}, {delimiter}-separated · {create} to create, {update} to update, "
            "{unchanged} unchanged, {skip} skipped, {error} with problems",
            file=plan.source,
            encoding=plan.encoding,
            delimiter=delimiter_name(plan.delimiter),
            **counts,
        )
        if plan.ignored:
            summary += "\n" + t("Ignored columns: {names}", names=listing(plan.ignored))
        if not plan.ok:
            summary += "\n" + t(
                "{count} problems: fix the file and preview again; nothing will be imported.", count=len(plan.problems)
            )
        # File names, column headers and cells are the file's text.
        self.query_one("#i-summary", Static).update(data_content(summary))
        rows = self.query_one("#i-rows", DataTable)
        rows.clear()
        for record in plan.records:
            notes = list(record.notes)
            if record.changes:
                notes.append(t("changes: {fields}", fields=listing(record.changes)))
            notes += [f"⚠ {d}" for d in record.duplicates]
            rows.add_row(
                str(record.row),
                Text(t(OUTCOME_LABELS[record.action]), style=OUTCOME_STYLES[record.action]),
                shorten(record.label, 60),
                "; ".join(str(note) for note in notes),
                key=f"r{record.row}",
            )
        problems = self.query_one("#i-problems", DataTable)
        problems.clear()
        for problem in plan.problems:
            # A cell can hold a whole pasted document: the row and column say where, its start says which.
            problems.add_row(str(problem.row), problem.column, shorten(problem.value, 60), str(problem.reason))
        self.query_one("#i-problems-title", Static).display = bool(plan.problems)
        problems.display = bool(plan.problems)
        self.query_one("#i-run", Button).disabled = not (plan.ok and (counts["create"] or counts["update"]))

    # ---- import ------------------------------------------------------------------------------------------------

    def action_run_import(self) -> None:
        if self.query_one("#i-run", Button).disabled:
            self.notify(t("Preview the file first; only a file without problems is imported."), severity="warning")
            return
        self.query_one("#i-run", Button).disabled = True
        self._show_progress(0, None)
        self.run_import(self._kind(), self.query_one("#i-path", Input).value, self.query_one("#i-mapping", Input).value)

    @work(thread=True, exclusive=True, group="import", exit_on_error=False)
    def run_import(self, kind: str, path_text: str, mapping_text: str) -> None:
        path, data, mapping = read_inputs(path_text, mapping_text)
        checked, written = self._reporter(N_("Checking rows")), self._reporter(N_("Importing"))
        summary = self.desk.run_import(kind, data, mapping, source=path.name, progress=written, checking=checked)
        self.app.call_from_thread(self.imported, summary)

    def imported(self, summary: ImportSummary) -> None:
        self.query_one("#i-progress", ProgressBar).display = False
        text = t(
            "Imported {file}: {created} created, {updated} updated, {unchanged} unchanged, {skipped} skipped.",
            file=summary.source,
            created=summary.created,
            updated=summary.updated,
            unchanged=summary.unchanged,
            skipped=summary.skipped,
        )
        self.query_one("#i-summary", Static).update(data_content(text))
        self.notify(text, timeout=8)

    def worker_failed(self, worker: Worker[object]) -> None:
        self.query_one("#i-progress", ProgressBar).display = False
        text = describe_error(worker.error)
        if worker.name == "run_import":
            text += "\n" + t("Nothing was imported.")
        self.query_one("#i-summary", Static).update(data_content(text))
        super().worker_failed(worker)
