"""A CSV file as a table of text cells, with its broken rows reported rather than fatal."""

import csv
import io
from dataclasses import dataclass

from supportdesk.errors import Invalid
from supportdesk.importing.encoding import DELIMITERS, decode, sniff_delimiter

# Formula-looking cells are written with a leading apostrophe so that Excel shows them as text instead of running
# them (CSV injection); reading strips that apostrophe again, so an export imports back unchanged.
FORMULA_START = ("=", "+", "-", "@", "\t", "\r")


@dataclass(frozen=True)
class Problem:
    """What is wrong with one cell (or one row, when `column` is empty), as the person should read it."""

    row: int  # numbered as Excel numbers it: the header is row 1
    column: str
    value: str
    reason: str


@dataclass(frozen=True)
class RawRow:
    row: int
    cells: tuple[str, ...]


@dataclass(frozen=True)
class Table:
    headers: tuple[str, ...]
    rows: tuple[RawRow, ...]
    problems: tuple[Problem, ...]
    encoding: str
    delimiter: str


def unguard(cell: str) -> str:
    """Undo the export's protection against formulas ('=SUM… → =SUM…)."""
    if cell.startswith("'") and cell[1:2] and cell[1] in FORMULA_START:
        return cell[1:]
    return cell


def guard(cell: str) -> str:
    return "'" + cell if cell.startswith(FORMULA_START) else cell


def read_table(data: bytes, encoding: str | None = None, delimiter: str | None = None) -> Table:
    """Decode and split a CSV file. Rows whose quoting is broken are reported, and reading goes on."""
    text, used = decode(data, encoding)
    if delimiter is not None and delimiter not in DELIMITERS:
        raise Invalid("delimiter", f"{delimiter!r} is not comma or tab")
    sep = DELIMITERS[delimiter] if delimiter else sniff_delimiter(text)
    reader = csv.reader(io.StringIO(text, newline=""), delimiter=sep, strict=True)
    headers: tuple[str, ...] | None = None
    rows: list[RawRow] = []
    problems: list[Problem] = []
    number = 0
    while True:
        started = reader.line_num + 1
        try:
            record = next(reader)
        except StopIteration:
            break
        except csv.Error as exc:
            number += 1
            lines = f"line {started}" if started == reader.line_num else f"lines {started}-{reader.line_num}"
            reason = f"broken quoting on {lines} ({exc}); a quote inside a value must be doubled"
            problems.append(Problem(number, "", "", reason))
            continue
        number += 1
        if headers is None:
            headers = tuple(h.strip() for h in record)
            if not any(headers):
                raise Invalid("file", "the first row should name the columns, and it is empty")
            continue
        if not any(cell.strip() for cell in record):
            continue  # Excel leaves empty rows (",,,,") below the data
        if len(record) > len(headers) and any(c.strip() for c in record[len(headers) :]):
            extra = ", ".join(c for c in record[len(headers) :] if c.strip())
            reason = f"{len(record)} cells but {len(headers)} columns; a value with a comma needs quotes"
            problems.append(Problem(number, "", extra, reason))
            continue
        cells = tuple(unguard(c) for c in record[: len(headers)]) + ("",) * (len(headers) - len(record))
        rows.append(RawRow(number, cells))
    if headers is None:
        raise Invalid("file", "the file is empty")
    return Table(headers, tuple(rows), tuple(problems), used, sep)
