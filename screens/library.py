"""The trainer's case library: exemplary cases by inquiry type and tag; read one; export a selection as a manual."""

from functools import partial

from textual import on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, Vertical
from textual.widgets import DataTable, Header, OptionList, Select, Static
from textual.widgets.option_list import Option

from screens.base import AppScreen
from screens.dialogs.export import ExportDialog
from screens.messages import OpenTicket
from screens.safe_text import SafeDataTable, data_text
from screens.widgets.key_bar import KeyBar
from screens.workers import fetch
from supportdesk.i18n import N_, t, v
from supportdesk.models.enums import InquiryType
from supportdesk.services.case_library import CaseRow

ALL_TAGS = "__all__"


class LibraryScreen(AppScreen[None]):
    CSS_PATH = "library.tcss"
    BINDINGS = [
        Binding("escape", "app.pop_screen", N_("Back"), id="library.back"),
        Binding("space", "toggle_pick", N_("Select"), id="library.pick"),
        Binding("x", "export", N_("Export"), id="library.export"),
        Binding("r", "reload", N_("Reload"), id="library.reload"),
    ]

    def __init__(self) -> None:
        super().__init__()
        self.rows: list[CaseRow] = []
        self.picked: set[int] = set()

    def compose(self) -> ComposeResult:
        yield Header()
        with Horizontal(id="library"):
            with Vertical(id="library-side"):
                yield Select([(v(i), i.value) for i in InquiryType], prompt=t("Any type"), id="l-type")
                yield Static(t("Tags"), classes="section")
                yield OptionList(id="l-tags")
            with Vertical(id="library-main"):
                yield Static("", id="library-title")
                yield SafeDataTable(id="cases", cursor_type="row", zebra_stripes=True)
                yield Static("", id="library-empty")
        yield KeyBar()

    def on_mount(self) -> None:
        table = self.query_one("#cases", DataTable)
        table.add_column("✓", key="pick")
        table.add_column(t("#"), key="#")
        table.add_column(t("Type"), key="type")
        table.add_column(t("Subject"), key="subject", width=34)
        table.add_column(t("Summary"), key="summary", width=40)
        table.add_column(t("Tags"), key="tags")
        self.load_tags()
        self.load()

    def action_reload(self) -> None:
        self.load_tags()
        self.load()

    def load_tags(self) -> None:
        fetch(self, self.desk.library_tags, self._show_tags, group="tags")

    def _show_tags(self, tags: list[tuple[str, int]]) -> None:
        options = self.query_one("#l-tags", OptionList)
        options.clear_options()
        options.add_options(
            [Option(t("All tags"), id=ALL_TAGS)] + [Option(data_text(f"#{tag} ({n})"), id=tag) for tag, n in tags]
        )

    def _filters(self) -> tuple[str | None, str | None]:
        inquiry_type = self.query_one("#l-type", Select).value
        options = self.query_one("#l-tags", OptionList)
        tag = None
        if options.highlighted is not None and options.option_count:
            chosen = options.get_option_at_index(options.highlighted).id
            tag = None if chosen == ALL_TAGS else chosen
        return (inquiry_type if isinstance(inquiry_type, str) else None), tag

    @on(Select.Changed, "#l-type")
    @on(OptionList.OptionHighlighted, "#l-tags")
    def _refilter(self) -> None:
        self.load()

    def load(self) -> None:
        inquiry_type, tag = self._filters()
        fetch(self, partial(self.desk.list_exemplary, inquiry_type, tag), self.show, group="library")

    def show(self, rows: list[CaseRow]) -> None:
        self.rows = rows
        table = self.query_one("#cases", DataTable)
        table.clear()
        for r in rows:
            table.add_row(
                "✓" if r.number in self.picked else "",
                f"#{r.number}",
                v(r.inquiry_type),
                r.subject,
                r.summary,
                " ".join(f"#{x}" for x in r.tags),
                key=str(r.number),
            )
        self.query_one("#library-title", Static).update(
            t("Exemplary cases ({count}) · space selects, x exports the selection", count=len(rows))
        )
        empty = self.query_one("#library-empty", Static)
        empty.update(
            t("No exemplary cases yet. Leads and trainers mark resolved cases from the case view.") if not rows else ""
        )
        empty.display = not rows

    def action_toggle_pick(self) -> None:
        table = self.query_one("#cases", DataTable)
        if not self.rows or not 0 <= table.cursor_row < len(self.rows):
            return
        number = self.rows[table.cursor_row].number
        self.picked.symmetric_difference_update({number})
        table.update_cell(str(number), "pick", "✓" if number in self.picked else "")

    def action_export(self) -> None:
        numbers = sorted(self.picked) or [r.number for r in self.rows]
        if numbers:
            self.app.push_screen(ExportDialog(numbers, "case-manual.md"))

    @on(DataTable.RowSelected, "#cases")
    def _open(self, event: DataTable.RowSelected) -> None:
        event.stop()
        if event.row_key.value is not None:
            self.post_message(OpenTicket(int(event.row_key.value)))
