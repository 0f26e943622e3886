"""A CSV file as a table of text cells, with its broken rows reported rather than fatal.

The file is read as a stream, twice: once to check it (its size, its rows, broken quoting) and count its rows, so
that a file too large is refused at once and the import can report progress against a known total; then row by
row as the planner asks (`Table.rows`). Neither pass holds the decoded text or all the rows at once.
"""

import csv
import io
from collections.abc import Iterator
from dataclasses import dataclass

from supportdesk.errors import Invalid
from supportdesk.i18n import Readable, msg
from supportdesk.importing.encoding import DELIMITERS, detect, sniff_delimiter

# What one import takes. Every row is checked against the desk before anything is written, and the import is one
# transaction: about 10 ms a row on a quiet two-core machine (docs/PERFORMANCE.md), so 50,000 rows is a preview
# of several minutes. Larger files are split and imported one after the other (docs/IMPORT.md).
MAX_IMPORT_BYTES = 20 * 1024 * 1024
MAX_IMPORT_ROWS = 50_000

# Formula-looking cells are written with a leading apostrophe so that Excel shows them as text instead of running
# them (CSV injection); reading strips that apostrophe again, so an export imports back unchanged.
FORMULA_START = ("=", "+", "-", "@", "\t", "\r")
PROBLEM_VALUE_CHARS = 200


@dataclass(frozen=True)
class Problem:
    """What is wrong with one cell (or one row, when `column` is empty), as the person should read it."""

    row: int  # numbered as Excel numbers it: the header is row 1
    column: str
    value: str
    reason: Readable  # rendered in the reader's language when shown

    def __post_init__(self) -> None:
        # The cell as far as a person needs it to find it: a cell can hold a whole pasted document, and every
        # report of the problem (screen, --json, log) would carry it all.
        object.__setattr__(self, "value", clipped(self.value))


def clipped(text: str) -> str:
    """A cell as far as a person needs it to recognise it in a report (at most PROBLEM_VALUE_CHARS)."""
    return text if len(text) <= PROBLEM_VALUE_CHARS else text[: PROBLEM_VALUE_CHARS - 1] + "…"


@dataclass(frozen=True)
class RawRow:
    row: int
    cells: tuple[str, ...]


@dataclass(frozen=True)
class Table:
    headers: tuple[str, ...]
    problems: tuple[Problem, ...]
    encoding: str
    delimiter: str
    row_count: int  # data rows that will be read (broken and empty rows left out)
    data: bytes

    def rows(self) -> Iterator[RawRow]:
        """The data rows, read from the file one at a time."""
        for kind, item in _records(self.data, self.encoding, self.delimiter):
            if kind == _ROW:
                assert isinstance(item, RawRow)
                yield item


def unguard(cell: str) -> str:
    """Undo the export's protection against formulas ('=SUM… → =SUM…)."""
    if cell.startswith("'") and cell[1:2] and cell[1] in FORMULA_START:
        return cell[1:]
    return cell


def guard(cell: str) -> str:
    return "'" + cell if cell.startswith(FORMULA_START) else cell


def check_size(size: int) -> None:
    """Refuse a file larger than an import takes, before it is read."""
    if size > MAX_IMPORT_BYTES:
        raise Invalid(
            "file",
            msg(
                "is {size} MB; an import takes at most {limit} MB. Split it into smaller files and import them "
                "one after the other",
                size=f"{size / 1_048_576:.1f}",
                limit=MAX_IMPORT_BYTES // 1_048_576,
            ),
        )


def _text(data: bytes, codec: str) -> io.TextIOWrapper:
    return io.TextIOWrapper(io.BytesIO(data), encoding=codec, newline="")


_HEADERS, _ROW, _PROBLEM = "headers", "row", "problem"


def _records(data: bytes, codec: str, sep: str) -> Iterator[tuple[str, RawRow | Problem]]:
    """The headers (the first row that reads), the data rows and the broken rows' problems, in file order."""
    # Python's csv refuses a cell over 131,072 characters as an error that reads like broken quoting; a cell can
    # be as large as the file, and its field's own limit then names the row, the column and the sizes.
    csv.field_size_limit(max(csv.field_size_limit(), MAX_IMPORT_BYTES))
    reader = csv.reader(_text(data, codec), delimiter=sep, strict=True)
    width: int | None = None
    number = 0
    while True:
        started = reader.line_num + 1
        try:
            record = next(reader)
        except StopIteration:
            return
        except csv.Error as exc:
            number += 1
            lines = f"{started}" if started == reader.line_num else f"{started}-{reader.line_num}"
            reason = msg(
                "broken quoting on line {lines} ({detail}); a quote inside a value must be doubled",
                lines=lines,
                detail=exc,
            )
            yield _PROBLEM, Problem(number, "", "", reason)
            continue
        number += 1
        if width is None:
            headers = tuple(h.strip() for h in record)
            width = len(headers)
            yield _HEADERS, RawRow(number, headers)
            continue
        if not any(cell.strip() for cell in record):
            continue  # Excel leaves empty rows (",,,,") below the data
        if len(record) > width and any(c.strip() for c in record[width:]):
            extra = ", ".join(c for c in record[width:] if c.strip())
            reason = msg(
                "{cells} cells but {columns} columns; a value with a comma needs quotes",
                cells=len(record),
                columns=width,
            )
            yield _PROBLEM, Problem(number, "", extra, reason)
            continue
        yield _ROW, RawRow(number, tuple(unguard(c) for c in record[:width]) + ("",) * (width - len(record)))


def read_table(data: bytes, encoding: str | None = None, delimiter: str | None = None) -> Table:
    """Check a CSV file and count its rows (see the module docstring). Broken rows are reported, not fatal."""
    check_size(len(data))
    codec = detect(data, encoding)
    if delimiter is not None and delimiter not in DELIMITERS:
        raise Invalid("delimiter", msg("{value!r} is not comma or tab", value=delimiter))
    with _text(data, codec) as text:
        first_lines = "".join(line for _, line in zip(range(5), text, strict=False))
    sep = DELIMITERS[delimiter] if delimiter else sniff_delimiter(first_lines)
    headers: tuple[str, ...] | None = None
    problems: list[Problem] = []
    count = 0
    for kind, item in _records(data, codec, sep):
        if isinstance(item, Problem):
            problems.append(item)
        elif kind == _HEADERS:
            headers = item.cells
            if not any(headers):
                raise Invalid("file", msg("the first row should name the columns, and it is empty"))
        else:
            count += 1
            if count > MAX_IMPORT_ROWS:
                raise Invalid(
                    "file",
                    msg(
                        "has more than {limit} rows; an import takes at most {limit}. Split it into smaller files "
                        "and import them one after the other",
                        limit=f"{MAX_IMPORT_ROWS:,}",
                    ),
                )
    if headers is None:
        raise Invalid("file", msg("the file is empty"))
    return Table(headers, tuple(problems), codec, sep, count, data)
