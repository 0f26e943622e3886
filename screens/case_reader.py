"""A past case read as a clean document (masked for trainers), with the actions that fit a case."""

from functools import partial

from rich.text import Text
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import VerticalScroll
from textual.widgets import Header, Static

from screens.base import AppScreen
from screens.dialogs.exemplary import ExemplaryChoice, ExemplaryDialog
from screens.dialogs.export import ExportDialog
from screens.formatting import duration, local
from screens.safe_text import safe_text, shown
from screens.widgets.key_bar import KeyBar
from screens.widgets.thread_view import KIND_LABELS
from screens.workers import fetch
from supportdesk.i18n import N_, t, v
from supportdesk.services.case_library import CaseDocument
from supportdesk.services.entry_display import system_body


def case_text(case: CaseDocument) -> Text:
    """A past case as a document to read: headings and facts styled, every word from data shown as text.

    Not Markdown: a body holding `[text](https://…)` or `<https://…>` must not become a link someone clicks.
    """
    text = Text()
    text.append(f"#{case.number} {shown(case.subject, one_line=True)}\n", style="bold")
    facts = [
        (t("Type"), f"{v(case.inquiry_type)} · {v(case.channel)} · {v(case.status)}"),
        (t("Received"), local(case.received_at, "%Y-%m-%d %H:%M")),
        (t("Resolved"), local(case.resolved_at, "%Y-%m-%d %H:%M") if case.resolved_at else ""),
        (t("Customer"), case.customer + (f" ({case.company})" if case.company else "")),
        (t("Product"), case.product or ""),
        (t("Tags"), " ".join(f"#{tag}" for tag in case.tags)),
    ]
    for label, value in facts:
        if value:
            text.append(f"{label}: ", style="dim")
            text.append(shown(value, one_line=True) + "\n")
    if case.summary:
        text.append(f"\n{t('Summary')}\n", style="bold")
        text.append(shown(case.summary) + "\n")
    for entry in case.entries:
        heading = t(KIND_LABELS.get(entry.kind, entry.kind))
        if entry.call_duration_seconds:
            heading += f" {duration(entry.call_duration_seconds)}"
        author = shown(entry.author, one_line=True)
        text.append(f"\n{heading} · {author} · {local(entry.at, '%Y-%m-%d %H:%M')}\n", style="bold")
        body = system_body(entry.kind, entry.body)
        if body:
            text.append(shown(body) + "\n")
    if case.resolution_note:
        text.append(f"\n{t('Resolved')}\n", style="bold")
        text.append(shown(case.resolution_note) + "\n")
    return safe_text(text)


class CaseScreen(AppScreen[None]):
    CSS_PATH = "case_reader.tcss"
    BINDINGS = [
        Binding("escape", "app.pop_screen", N_("Back"), id="case.back"),
        Binding("x", "export", N_("Export"), id="case.export"),
        Binding("m", "mark", N_("Mark exemplary"), id="case.mark"),
    ]

    def __init__(self, number: int) -> None:
        super().__init__()
        self.number = number
        self.case: CaseDocument | None = None

    def compose(self) -> ComposeResult:
        yield Header()
        with VerticalScroll(id="case-scroll"):
            yield Static(t("Loading…"), id="case")
        yield KeyBar()

    def on_mount(self) -> None:
        self.load()

    def load(self) -> None:
        fetch(self, partial(self.desk.read_case, self.number), self.show, group="case")

    def show(self, case: CaseDocument) -> None:
        self.case = case
        self.sub_title = f"#{case.number}"
        self.query_one("#case", Static).update(case_text(case))
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
        call = partial(
            self.desk.mark_exemplary, self.number, None if kept else choice.summary, choice.tags, case.version
        )
        fetch(self, call, self._saved, group="mark")

    def _saved(self, _result: object) -> None:
        self.notify(t("Saved."), timeout=2)
        self.load()
