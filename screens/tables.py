"""Filling DataTables with column widths fixed from their content.

An unfocused DataTable that is cleared and refilled can keep painting its old auto widths until something else
repaints it (seen on the customer 360 and in snapshots). Widths computed here, before the rows go in, make the
first paint right on every backend and timing.
"""

from collections.abc import Iterable, Sequence
from typing import Any

from rich.cells import cell_len
from rich.text import Text
from textual.widgets import DataTable

from screens.safe_text import safe_cell

Cell = str | Text
Column = tuple[str, str, int | None]  # label, key, widest allowed (None: as wide as the content)


def _plain(cell: Cell) -> str:
    return cell.plain if isinstance(cell, Text) else str(cell)


def fill_table(table: DataTable[Any], columns: Sequence[Column], rows: Iterable[tuple[Sequence[Cell], str]]) -> None:
    # Cells come from data: shown as text (never markup), widths measured on what is shown.
    rows = [([safe_cell(cell) for cell in cells], key) for cells, key in rows]
    table.clear(columns=True)
    for index, (label, key, cap) in enumerate(columns):
        width = max([cell_len(label), *(cell_len(_plain(cells[index])) for cells, _ in rows)])
        table.add_column(label, key=key, width=min(width, cap) if cap else width)
    for cells, key in rows:
        table.add_row(*cells, key=key)


def refill_rows(table: DataTable[Any], rows: Iterable[tuple[Sequence[Cell], str]]) -> None:
    """Replace the rows of a table whose columns stay, with the columns' widths fixed from the new content (as
    `fill_table` does): a header painted before the new rows were measured would keep its old widths."""
    columns = [(str(column.label), str(column.key.value), None) for column in table.columns.values()]
    fill_table(table, columns, rows)
