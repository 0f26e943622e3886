"""A past case read as a clean document (masked for trainers), with the actions that fit a case."""

from functools import partial

from textual import work
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import VerticalScroll
from textual.widgets import Footer, Header, Markdown

from screens.base import AppScreen
from screens.dialogs.exemplary import ExemplaryChoice, ExemplaryDialog
from screens.dialogs.export import ExportDialog
from supportdesk.i18n import t
from supportdesk.services.case_library import CaseDocument, case_markdown


class CaseScreen(AppScreen[None]):
    CSS_PATH = "case_reader.tcss"
    BINDINGS = [
        Binding("escape", "app.pop_screen", t("Back"), id="case.back"),
        Binding("x", "export", t("Export"), id="case.export"),
        Binding("m", "mark", t("Mark exemplary"), id="case.mark"),
    ]

    def __init__(self, number: int) -> None:
        super().__init__()
        self.number = number
        self.case: CaseDocument | None = None

    def compose(self) -> ComposeResult:
        yield Header()
        with VerticalScroll(id="case-scroll"):
            yield Markdown(t("Loading…"), id="case")
        yield Footer()

    def on_mount(self) -> None:
        self.load()

    @work(thread=True, exclusive=True, group="case", exit_on_error=False)
    def load(self) -> None:
        case = self.desk.read_case(self.number)
        self.app.call_from_thread(self.show, case)

    def show(self, case: CaseDocument) -> None:
        self.case = case
        self.sub_title = f"#{case.number}"
        self.query_one("#case", Markdown).update(case_markdown(case))
        self.query_one("#case-scroll").focus()

    def action_export(self) -> None:
        self.app.push_screen(ExportDialog([self.number], f"case-{self.number}.md"))

    def action_mark(self) -> None:
        if self.case is None:
            return  # still loading
        # The version of the case as shown: if someone changed the ticket since, saving is refused (Conflict).
        dialog = ExemplaryDialog(self.number, self.case.summary)
        self.app.push_screen(dialog, partial(self._marked, self.case))

    def _marked(self, case: CaseDocument, choice: ExemplaryChoice | None) -> None:
        if choice is None:
            return
        # A trainer reads the summary masked: left as it was, the stored words stay (None), never the masked copy.
        kept = case.masked and choice.summary == case.summary.strip()
        self.mark(None if kept else choice.summary, choice.tags, case.version)

    @work(thread=True, exclusive=True, group="mark", exit_on_error=False)
    def mark(self, summary: str | None, tags: list[str], seen: int) -> None:
        self.desk.mark_exemplary(self.number, summary, tags, seen)
        self.app.call_from_thread(self.notify, t("Saved."), timeout=2)
        self.load()
