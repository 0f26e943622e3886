"""JSON built by the database on either backend, for a statement that carries a row or a group as one column
(issue 20: one statement where there were several), and read back as Python values.

SQLite and PostgreSQL name the functions differently; both keep the values' JSON types (true, "agent", null)."""

import json
from typing import Any

from sqlalchemy import func


def array_of(dialect: str) -> Any:
    """The function that makes one JSON array of a row's values: json_array on SQLite, json_build_array else."""
    return func.json_array if dialect == "sqlite" else func.json_build_array


def group_array(dialect: str) -> Any:
    """The aggregate that makes one JSON array of a group's values: json_group_array on SQLite (`[]` for no rows),
    json_agg else (NULL for no rows)."""
    return func.json_group_array if dialect == "sqlite" else func.json_agg


def decoded(value: Any) -> Any:
    """A JSON column as read: SQLite returns its text, psycopg has already decoded it."""
    return json.loads(value) if isinstance(value, str) else value
