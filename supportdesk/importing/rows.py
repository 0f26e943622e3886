"""Rows of a table as typed values per field, with every unreadable cell reported."""

from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from typing import Any

from supportdesk.errors import Invalid
from supportdesk.fields import Kind
from supportdesk.i18n import Msg, Readable
from supportdesk.importing.columns import COLUMNS, Column, ColumnMap
from supportdesk.importing.table import Problem, RawRow
from supportdesk.untrusted import check


@dataclass
class Row:
    """One data row: typed values of the non-empty cells, the cells as written, and what is wrong with it."""

    row: int
    values: dict[str, Any]
    cells: dict[str, str]  # field -> cell text, for reports
    headers: dict[str, str]  # field -> header in the file
    problems: list[Problem] = field(default_factory=list)

    def get(self, name: str, default: Any = None) -> Any:
        return self.values.get(name, default)

    def has(self, name: str) -> bool:
        return name in self.values

    def column(self, name: str) -> str:
        return self.headers.get(name, name)

    def fail(self, name: str, reason: Readable, value: str | None = None) -> None:
        """Report a problem with field `name` (or the whole row when `name` is empty)."""
        cell = self.cells.get(name, "") if value is None else value
        self.problems.append(Problem(self.row, self.column(name) if name else "", cell, reason))


def parse_rows(kind: Kind, rows: Iterable[RawRow], columns: ColumnMap, extra: tuple[Column, ...] = ()) -> Iterator[Row]:
    """Each row's cells through its column's parser; empty cells are absent (a field left as it was).

    One row at a time, as the planner asks for them (the file is not held as rows in memory). `extra`: the
    desk's own columns (map_columns).
    """
    parsers = {c.field: c.parser for c in (*COLUMNS[kind], *extra)}
    for raw in rows:
        row = Row(raw.row, {}, {}, columns.header)
        for name, position in columns.index.items():
            cell = raw.cells[position]
            if not cell.strip():
                continue
            row.cells[name] = cell
            try:
                # The one rule for text from a file, as for hand input (supportdesk/untrusted.py).
                row.values[name] = parsers[name](check(name, cell))
            except Invalid as exc:
                row.fail(name, exc.why_msg)
            except ValueError as exc:
                # The parsers give their reason as a catalog message (importing/values.py).
                reason = exc.args[0] if exc.args and isinstance(exc.args[0], Msg) else str(exc)
                row.fail(name, reason)
        yield row
