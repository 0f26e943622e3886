"""Shared column helpers for the table models."""

from collections.abc import Callable
from datetime import UTC, datetime
from typing import Any

from sqlalchemy import Index, String, Table
from sqlmodel import Field


def utcnow() -> datetime:
    """The current time, timezone-aware UTC: the only kind of datetime the desk stores."""
    return datetime.now(UTC)


# Normalised lookup keys are compared byte-wise so that prefix ranges (key >= 'abc' AND key < 'abd') use the
# index on every backend; PostgreSQL's default collation would order them linguistically.
KEY_TYPE = String(200).with_variant(String(200, collation="C"), "postgresql")


def enum_field(default: Any = ..., *, index: bool = False, nullable: bool = False, **kwargs: Any) -> Any:
    """A StrEnum stored as VARCHAR(20) (stack notes: native PostgreSQL enums break downgrades)."""
    return Field(default=default, sa_type=String(20), index=index, nullable=nullable, **kwargs)


def key_field(**kwargs: Any) -> Any:
    """A normalised lookup key column, indexed, never NULL (empty string when the source is empty)."""
    return Field(default="", sa_type=KEY_TYPE, index=True, **kwargs)


def created_field(*, index: bool = False) -> Any:
    return Field(default_factory=utcnow, index=index)


def versioned(cls: object) -> dict[str, object]:
    """Mapper arguments for optimistic locking on the model's `version` column (see docs/ARCHITECTURE.md).

    Read from the class dictionary because SQLModel's type hints leave `__table__` out; declarative has set it by
    the time it asks for `__mapper_args__`.
    """
    table: Table = vars(cls)["__table__"]
    return {"version_id_col": table.c.version}


def backend_index(backend: str, name: str, *expressions: Any, **kwargs: Any) -> Index:
    """An index only one backend ("sqlite" or "postgresql") has, where the two need different shapes for the same
    query: PostgreSQL's `NULLS LAST` (SQLite's CREATE INDEX refuses it), or a partial index only one planner needs.

    The migration creates it on that backend alone; `on_backend` keeps the other backend's model-vs-database
    comparison from asking for it.
    """
    index = Index(name, *expressions, info={"backend": backend}, **kwargs)
    index.ddl_if(dialect=backend)
    return index


def on_backend(backend: str) -> Callable[[Any, str | None, str, bool, Any], bool]:
    """Alembic's `include_object` for a database of `backend`: the other backend's own indexes are left out."""

    def include(item: Any, name: str | None, type_: str, reflected: bool, compare_to: Any) -> bool:
        if type_ == "index" and not reflected:
            return bool(item.info.get("backend", backend) == backend)
        return True

    return include
