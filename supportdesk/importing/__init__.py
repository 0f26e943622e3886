"""Reading CSV files from spreadsheets into typed rows: encodings, delimiters, column names and cell values.

Pure: no database and no UI. The services (services/datafiles/) turn rows into records with the desk's rules.
"""

from supportdesk.fields import Kind
from supportdesk.importing.columns import COLUMNS, REQUIRED, Column, ColumnMap, Mapping, load_mapping, map_columns
from supportdesk.importing.rows import Row, parse_rows
from supportdesk.importing.table import (
    MAX_IMPORT_BYTES,
    MAX_IMPORT_ROWS,
    Problem,
    RawRow,
    Table,
    check_size,
    guard,
    read_table,
)

__all__ = [
    "COLUMNS",
    "MAX_IMPORT_BYTES",
    "MAX_IMPORT_ROWS",
    "REQUIRED",
    "Column",
    "ColumnMap",
    "Kind",
    "Mapping",
    "Problem",
    "RawRow",
    "Row",
    "Table",
    "check_size",
    "guard",
    "load_mapping",
    "map_columns",
    "parse_rows",
    "read_table",
]
