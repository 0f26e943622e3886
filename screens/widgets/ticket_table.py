"""One table for tickets wherever they are listed (home queues, the dashboard's lists): the same columns, the same
row rendering, widths that follow the terminal.

The subject takes the spare width. At narrow sizes the columns an agent can do without go first (age, type,
customer), so number, status, priority, due, follow-up and assignee never scroll off at 100 columns.

A table made `selectable` (for leads and admins, who may change tickets in bulk) owns its selection and the keys
for it, like Posting's PostingDataTable: space marks a row (the mark is in the "#" column), `a` marks all or none,
`b` asks for a bulk change and `g` for a macro over the marked tickets. The table posts typed messages and the
screen reacts: `Opened`, `NearEnd`, `SelectionChanged`, `BulkRequested`, `MacroRequested`
(screens/bulk_flow.py runs the dialogs of the last two).
"""

from collections.abc import Callable, Sequence
from dataclasses import dataclass
from datetime import UTC, datetime
from typing import cast

from rich.cells import cell_len
from rich.console import RenderableType
from rich.style import Style
from rich.text import Text
from textual import on
from textual._types import SegmentLines
from textual.binding import Binding
from textual.events import Resize
from textual.message import Message
from textual.widgets import DataTable
from textual.widgets._data_table import RowKey, RowRenderables

from screens.formatting import PRIORITY_STYLES, age, due_style, local
from screens.safe_text import SafeDataTable, data_text, safe_cell
from supportdesk.i18n import N_, t, v
from supportdesk.services import sla
from supportdesk.services.readmodels import TicketRow

Cell = str | Text
MARK = "✓"
SELECTION_ACTIONS = {"toggle_select", "select_all", "bulk", "bulk_macro"}


def _looks(cell: Cell) -> object:
    """What a cell shows, comparable (rich's Text equality ignores its style)."""
    if isinstance(cell, str):
        return cell
    return cell.plain, str(cell.style), cell.justify, tuple(cell.spans)


def _kept(cell: Cell) -> Cell:
    """A cell as the table keeps it: a string as given (drawn as text by `_drawn`), a Text made safe."""
    return cell if isinstance(cell, str) else safe_cell(cell)


def _drawn(cell: object) -> RenderableType:
    """A kept cell as DataTable draws it: a string is data, shown as text and never parsed as markup."""
    if cell is None:
        return Text("")
    if isinstance(cell, str):
        return data_text(cell)
    return cast(RenderableType, cell)  # a Text made safe when kept (`_kept`)


@dataclass(frozen=True)
class Column:
    key: str
    label: str  # N_() text, translated when shown
    width: int  # cells, before the label's own width is considered
    drop: int = 0  # 0: never dropped; higher numbers are dropped first when the table is narrow
    wide: int = 0  # shown only when the table has at least this many cells (0: always offered)


# Tags take room from the subject: a column only on a wide terminal (the ticket screen always shows them).
TAGS_FROM = 150

COLUMNS: tuple[Column, ...] = (
    Column("#", N_("#"), 8),
    Column("Status", N_("Status"), 8),
    Column("Priority", N_("Priority"), 6),
    Column("Type", N_("Type"), 12, drop=2),
    Column("Customer", N_("Customer"), 12, drop=1),
    Column("Subject", N_("Subject"), 0),
    Column("Tags", N_("Tags"), 18, wide=TAGS_FROM),
    Column("Age", N_("Age"), 4, drop=3),
    Column("Due", N_("Due"), 11),
    Column("Follow-up", N_("Follow-up"), 5),
    Column("Assignee", N_("Assignee"), 10),
)
# A customer's own tickets (the customer 360): no customer column; at narrow widths type, age and follow-up go
# first and the subject may get narrower, so number, status, priority, due and assignee stay in view in 68 cells.
CUSTOMER_COLUMNS: tuple[Column, ...] = (
    Column("#", N_("#"), 7),  # no selection mark here
    Column("Status", N_("Status"), 8),
    Column("Priority", N_("Priority"), 6),
    Column("Type", N_("Type"), 12, drop=3),
    Column("Subject", N_("Subject"), 0),
    Column("Tags", N_("Tags"), 16, wide=TAGS_FROM),
    Column("Age", N_("Age"), 4, drop=4),
    Column("Due", N_("Due"), 11),
    Column("Follow-up", N_("Follow-up"), 5, drop=2),
    Column("Assignee", N_("Assignee"), 10),
)
MIN_SUBJECT = 20
PADDING = 2  # DataTable's cell padding, one cell each side
SCROLLBAR = 2  # the vertical scrollbar a long list shows


def fit_columns(
    width: int, columns: Sequence[Column] = COLUMNS, min_subject: int = MIN_SUBJECT
) -> list[tuple[Column, int]]:
    """The columns shown at `width` cells and each one's width; the subject takes what is left."""
    kept = [c for c in columns if width >= c.wide]
    widths = {c.key: max(c.width, cell_len(t(c.label))) for c in kept}

    def spare() -> int:
        return width - SCROLLBAR - sum(widths[c.key] + PADDING for c in kept if c.key != "Subject") - PADDING

    for column in sorted((c for c in kept if c.drop), key=lambda c: -c.drop):
        if spare() >= min_subject:
            break
        kept.remove(column)
    widths["Subject"] = max(min_subject, spare())
    return [(c, widths[c.key]) for c in kept]


class TicketTable(SafeDataTable[Cell]):
    DEFAULT_CSS = """
    TicketTable {
        height: 1fr;
    }
    """
    BINDINGS = [
        Binding("space", "toggle_select", N_("Select"), id="tickets.select"),
        Binding("a", "select_all", N_("Select all"), show=False, id="tickets.select_all"),
        Binding("b", "bulk", N_("Bulk change"), id="tickets.bulk"),
        Binding("g", "bulk_macro", N_("Macro"), id="tickets.macro"),
    ]

    @dataclass
    class Opened(Message):
        """Enter (or a click) on a ticket."""

        table: "TicketTable"
        number: int

    @dataclass
    class NearEnd(Message):
        """The cursor reached the last row: the screen may load the next page."""

        table: "TicketTable"

    @dataclass
    class SelectionChanged(Message):
        """Tickets were marked or unmarked (by a key, or because they left the list)."""

        table: "TicketTable"
        numbers: frozenset[int]

    @dataclass
    class BulkRequested(Message):
        """`b` with tickets marked: change them all. Each ticket's version is the one on screen."""

        table: "TicketTable"
        versions: dict[int, int | None]

    @dataclass
    class MacroRequested(Message):
        """`g` with tickets marked: apply a macro to them all, each as the version on screen."""

        table: "TicketTable"
        versions: dict[int, int | None]

    def __init__(
        self,
        *,
        id: str | None = None,
        selectable: bool = False,
        columns: Sequence[Column] = COLUMNS,
        min_subject: int = MIN_SUBJECT,
    ) -> None:
        super().__init__(id=id, cursor_type="row", zebra_stripes=True)
        self.columns_offered = tuple(columns)
        self.min_subject = min_subject
        self.selectable = selectable
        self.selected: set[int] = set()
        self.rows_shown: list[TicketRow] = []
        self._looks: list[dict[str, object]] = []  # per row shown, per column key: what its cell shows
        self.soon_after: Callable[[datetime], datetime] = sla.soon_limit
        self._fitted_for = -1
        self._appended = 0  # how many times adding a row at the end raised DataTable's update count

    def add_row(self, *cells: object, height: int | None = 1, key: str | None = None, label: object = None) -> RowKey:
        row_key = super().add_row(*cells, height=height, key=key, label=label)
        self._appended += 1
        return row_key

    def _render_cell(
        self,
        row_index: int,
        column_index: int,
        base_style: Style,
        width: int,
        cursor: bool = False,
        hover: bool = False,
    ) -> SegmentLines:
        """DataTable keys each rendered cell on a count that every added row raises, so adding a page rendered every
        visible cell again: most of the time of the next page (bench/bench_app.py). Here rows are only added at the
        end, every column has its width and every row one line (fit_columns), so a row added below leaves the cells
        above as they were: they are looked up without the rows added since. Everything else that raises the count
        (a changed cell, a removed row, a resize) still renders them again, and clear() empties the cache."""
        counted = self._update_count
        self._update_count = counted - self._appended
        try:
            return super()._render_cell(row_index, column_index, base_style, width, cursor, hover)
        finally:
            self._update_count = counted

    def on_mount(self) -> None:
        self._fit(self.size.width or self.app.size.width)

    @on(Resize)
    def _resized(self, event: Resize) -> None:
        if event.size.width != self._fitted_for:
            self._fit(event.size.width)

    def _fit(self, width: int) -> None:
        """Columns for this width; the rows are put back (DataTable has no public way to resize a column)."""
        self._fitted_for = width
        keep = self.cursor_row
        self.clear(columns=True)
        self._looks = []
        self.columns_shown = fit_columns(width, self.columns_offered, self.min_subject)
        for column, column_width in self.columns_shown:
            self.add_column(t(column.label), key=column.key, width=column_width)
        self._add(self.rows_shown)
        if self.rows_shown:
            self.move_cursor(row=min(keep, len(self.rows_shown) - 1))

    def show_rows(self, rows: Sequence[TicketRow]) -> None:
        """Replace what the table shows, keeping the cursor on the same ticket when it is still there.

        When the same tickets come back in the same order (back from a ticket, a refresh with nothing new) only the
        cells that changed are redrawn: adding rows makes DataTable measure every cell of the table again, which
        took most of the time of a 500-row refresh (bench/bench_app.py).
        """
        keep = self.cursor_number
        rows = list(rows)
        if [r.number for r in rows] == [r.number for r in self.rows_shown] and self.row_count == len(rows):
            self._update_in_place(rows)  # the same tickets: the selection stays as it is
            if rows and self.cursor_row >= len(rows) - 1:
                self.post_message(self.NearEnd(self))  # still at the end: the screen may want the next page now
            return
        self.rows_shown = rows
        self._forget_gone()
        self.clear()
        self._looks = []
        self._add(self.rows_shown)
        numbers = [r.number for r in self.rows_shown]
        if keep in numbers:
            self.move_cursor(row=numbers.index(keep))

    def append_rows(self, rows: Sequence[TicketRow]) -> None:
        self.rows_shown = self.rows_shown + list(rows)
        self._add(rows)

    @property
    def cursor_number(self) -> int | None:
        if self.rows_shown and 0 <= self.cursor_row < len(self.rows_shown):
            return self.rows_shown[self.cursor_row].number
        return None

    def _keys(self) -> list[str]:
        return [column.key for column, _ in getattr(self, "columns_shown", [])]

    def _add(self, rows: Sequence[TicketRow]) -> None:
        now = datetime.now(UTC)
        soon = self.soon_after(now)
        keys = self._keys()
        for row in rows:
            cells = self._cells(row, now, soon)
            # DataTable's own add_row, not SafeDataTable's: string cells stay strings (fewer objects for the garbage
            # collector to walk), drawn as text by `_compute_row_renderables`.
            DataTable.add_row(self, *(_kept(cells[key]) for key in keys), key=str(row.number))
            self._appended += 1
            self._looks.append({key: _looks(cells[key]) for key in keys})

    def _update_in_place(self, rows: list[TicketRow]) -> None:
        now = datetime.now(UTC)
        soon = self.soon_after(now)
        keys = self._keys()
        for index, row in enumerate(rows):
            cells = self._cells(row, now, soon)
            looks = self._looks[index]
            for key in keys:
                if (shown := _looks(cells[key])) != looks.get(key):
                    self.update_cell(str(row.number), key, cells[key])  # columns have fixed widths
                    looks[key] = shown
        self.rows_shown = rows

    def _cells(self, row: TicketRow, now: datetime, soon: datetime) -> dict[str, Cell]:
        due = sla.next_due(row.status, row.first_response_at, row.first_response_due, row.resolution_due)
        style = due_style(row, now, soon)
        # Unstyled cells stay strings until drawn (`_compute_row_renderables`): a page of 500 rows then holds 3,500
        # fewer Text objects, which the garbage collector walked on every collection (bench/bench_app.py).
        return {
            "#": self._mark(row),
            "Status": v(row.status),
            "Priority": Text(v(row.priority), style=PRIORITY_STYLES.get(row.priority, "")),
            "Type": v(row.inquiry_type),
            "Customer": row.customer_name or "",
            "Subject": row.subject,
            "Tags": " ".join(f"#{tag}" for tag in row.tags),
            "Age": Text(age(row.received_at, now), justify="right", style=style),
            "Due": Text(local(due) if due else "—", style=style),
            "Follow-up": row.follow_up_on.strftime("%m-%d") if row.follow_up_on else "—",
            "Assignee": row.assignee_name or "—",
        }

    def _compute_row_renderables(self, row_index: int) -> RowRenderables:
        """A row as drawn: string cells (data, kept as given) become Text here, never markup (see `_cells`)."""
        row_key = self._row_locations.get_key(row_index) if row_index >= 0 else None
        if row_key is None or row_key not in self._data:
            return super()._compute_row_renderables(row_index)
        cells = self._data[row_key]
        return RowRenderables(None, [_drawn(cells.get(column.key)) for column in self.ordered_columns])

    # ---- selection ---------------------------------------------------------------------------------------------

    def _mark(self, row: TicketRow) -> Text:
        if not self.selectable:
            return Text(f"#{row.number}", justify="right")
        chosen = row.number in self.selected
        return Text(f"{MARK if chosen else ' '} #{row.number}", justify="right", style="bold reverse" if chosen else "")

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        if action in SELECTION_ACTIONS:
            return self.selectable  # not on a key, not in the footer for those who may not change tickets in bulk
        return super().check_action(action, parameters)

    def _selection_changed(self) -> None:
        self.post_message(self.SelectionChanged(self, frozenset(self.selected)))

    def _forget_gone(self) -> None:
        """Tickets that left the list are no longer selected."""
        kept = self.selected & {r.number for r in self.rows_shown}
        if kept != self.selected:
            self.selected = kept
            self._selection_changed()

    def _redraw_mark(self, index: int) -> None:
        row = self.rows_shown[index]
        if "#" in self._keys() and index < len(self._looks):
            mark = self._mark(row)
            self.update_cell(str(row.number), "#", mark)
            self._looks[index]["#"] = _looks(mark)

    def select(self, numbers: set[int]) -> None:
        """Mark these tickets (those listed) and no others."""
        before, self.selected = self.selected, numbers & {r.number for r in self.rows_shown}
        for index, row in enumerate(self.rows_shown):
            if (row.number in before) != (row.number in self.selected):
                self._redraw_mark(index)
        self._selection_changed()

    def deselect(self, numbers: set[int]) -> None:
        self.select(self.selected - numbers)

    def action_toggle_select(self) -> None:
        number = self.cursor_number
        if number is None:
            return
        self.selected ^= {number}
        self._redraw_mark(self.cursor_row)
        self._selection_changed()
        if self.cursor_row < len(self.rows_shown) - 1:
            self.move_cursor(row=self.cursor_row + 1)

    def action_select_all(self) -> None:
        everything = {r.number for r in self.rows_shown}
        self.select(set() if self.selected >= everything else everything)

    def _versions(self) -> dict[int, int | None] | None:
        """The marked tickets with the versions shown, or None (and a word) when nothing is marked."""
        if not self.selected:
            self.notify(t("Select tickets with space first."), severity="warning")
            return None
        return {r.number: r.version for r in self.rows_shown if r.number in self.selected}

    def action_bulk(self) -> None:
        if (versions := self._versions()) is not None:
            self.post_message(self.BulkRequested(self, versions))

    def action_bulk_macro(self) -> None:
        if (versions := self._versions()) is not None:
            self.post_message(self.MacroRequested(self, versions))

    # ---- opening and paging ----------------------------------------------------------------------------------

    @on(DataTable.RowSelected)
    def _selected(self, event: DataTable.RowSelected) -> None:
        event.stop()
        if event.row_key.value is not None:
            self.post_message(self.Opened(self, int(event.row_key.value)))

    @on(DataTable.RowHighlighted)
    def _highlighted(self, event: DataTable.RowHighlighted) -> None:
        if self.rows_shown and event.cursor_row >= len(self.rows_shown) - 1:
            self.post_message(self.NearEnd(self))
