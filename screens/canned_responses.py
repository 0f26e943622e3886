"""Canned responses, for leads: the team's texts (and the desk-wide ones) with how often agents used each; add,
edit (with a preview filled with example values) and retire. Administrators keep every team's."""

from functools import partial

from rich.text import Text
from textual import on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, Vertical
from textual.widgets import DataTable, Header, Static

from screens.base import AppScreen
from screens.dialogs.canned import canned_title
from screens.dialogs.canned_edit import CannedEditDialog
from screens.safe_text import SafeDataTable, data_content, data_text
from screens.widgets.key_bar import KeyBar
from screens.workers import fetch
from supportdesk.i18n import N_, t
from supportdesk.services.canned import CannedResponse, preview

COLUMNS = (N_("Title"), N_("Team"), N_("Uses"), N_("State"))


class CannedResponsesScreen(AppScreen[None]):
    CSS_PATH = "canned_responses.tcss"
    BINDINGS = [
        Binding("escape", "back", N_("Back"), id="canned.back"),
        Binding("n", "new", N_("New"), id="canned.new"),
        Binding("e", "edit", N_("Edit"), id="canned.edit"),
        Binding("r", "retire", N_("Retire/restore"), id="canned.retire"),
    ]

    def __init__(self) -> None:
        super().__init__()
        self.responses: dict[str, CannedResponse] = {}

    def compose(self) -> ComposeResult:
        yield Header()
        with Horizontal(id="canned-body"):
            yield SafeDataTable(id="canned-list", cursor_type="row", zebra_stripes=True)
            with Vertical(id="canned-side"):
                yield Static("", id="canned-heading")
                yield Static("", id="canned-text")
                yield Static(t("Preview"), id="canned-preview-label")
                yield Static("", id="canned-preview")
        yield KeyBar()

    def on_mount(self) -> None:
        self.title = t("Canned responses")
        table = self.query_one("#canned-list", DataTable)
        for label in COLUMNS:
            table.add_column(t(label), key=label)
        self.load()

    def load(self, select: int | None = None) -> None:
        fetch(self, self.desk.manage_canned, partial(self.show, select), group="canned")

    def show(self, select: int | None, responses: list[CannedResponse]) -> None:
        table = self.query_one("#canned-list", DataTable)
        keep = table.cursor_row
        table.clear()
        # Offered ones first, the retired after them (their counts are history).
        ordered = [r for r in responses if not r.retired] + [r for r in responses if r.retired]
        self.responses = {str(r.id): r for r in ordered}
        for r in ordered:
            table.add_row(
                canned_title(r),
                data_text(r.team) if r.team is not None else t("Every team"),
                Text(str(r.uses), justify="right"),
                Text(t("retired"), "dim") if r.retired else "",
                key=str(r.id),
            )
        if not ordered:
            self._describe(None)
            return
        row = next((i for i, r in enumerate(ordered) if r.id == select), min(max(keep, 0), len(ordered) - 1))
        table.move_cursor(row=row)
        self._describe(ordered[row])

    def _describe(self, response: CannedResponse | None) -> None:
        heading = self.query_one("#canned-heading", Static)
        if response is None:
            heading.update(t("No canned responses yet: press n to write the first."))
            self.query_one("#canned-text", Static).update("")
            self.query_one("#canned-preview", Static).update("")
            return
        heading.update(data_content(response.title, one_line=True))
        self.query_one("#canned-text", Static).update(data_content(response.body))
        self.query_one("#canned-preview", Static).update(data_content(preview(response.body, self.desk.actor.name)))

    @on(DataTable.RowHighlighted, "#canned-list")
    def _highlighted(self, event: DataTable.RowHighlighted) -> None:
        self._describe(self.responses.get(str(event.row_key.value)))

    @on(DataTable.RowSelected, "#canned-list")
    def _selected(self) -> None:
        self.action_edit()

    def _current(self) -> CannedResponse | None:
        table = self.query_one("#canned-list", DataTable)
        if not self.responses or table.cursor_row < 0:
            return None
        key = table.coordinate_to_cell_key(table.cursor_coordinate).row_key
        return self.responses.get(str(key.value))

    def _teams(self) -> list[str]:
        return sorted({r.team for r in self.responses.values() if r.team is not None})

    def action_back(self) -> None:
        self.app.pop_screen()

    def action_new(self) -> None:
        self.app.push_screen(CannedEditDialog(None, self._teams()), self._saved)

    def action_edit(self) -> None:
        response = self._current()
        if response is not None:
            self.app.push_screen(CannedEditDialog(response, self._teams()), self._saved)

    def _saved(self, canned_id: int | None) -> None:
        if canned_id is not None:
            self.notify(t("Canned response saved."))
            self.load(select=canned_id)

    def action_retire(self) -> None:
        response = self._current()
        if response is None:
            return
        call = partial(self.desk.retire_canned, response.id, not response.retired)
        done = t("Offered to agents again.") if response.retired else t("Retired: agents no longer see it.")
        fetch(self, call, lambda _version: self._retired(response.id, done), group="canned-retire")

    def _retired(self, canned_id: int, done: str) -> None:
        self.notify(done)
        self.load(select=canned_id)
