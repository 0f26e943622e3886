"""What an import plans, and the helpers the per-kind planners (people, commerce, tickets) share.

A planner turns each row of the file into a `Step`: the record it stands for (`locate`: external id, then the desk
number of an export, then a natural key), the action (create, update, unchanged, skip), every problem found, and
a `write` that makes the change. The preview shows the steps as `RowPlan`s; the import runs their writes.
"""

from collections import Counter
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, field
from datetime import date, datetime
from typing import Any, Protocol, TypeVar

from sqlmodel import Session, select

from supportdesk.config import SlaPolicy
from supportdesk.i18n import Msg, Readable, Texts, msg
from supportdesk.importing import Problem, Row
from supportdesk.importing.table import clipped
from supportdesk.services.actor import Actor
from supportdesk.services.unit import flush

CREATE, UPDATE, UNCHANGED, SKIP, ERROR = "create", "update", "unchanged", "skip", "error"


class _Referenced(Protocol):
    """A record a file can name by its external id (顧客ID, 購入ID …)."""

    external_ref: str | None


M = TypeVar("M", bound=_Referenced)


@dataclass(frozen=True)
class RowPlan:
    """What one record of the file would do. Tickets span several rows (one per thread entry): `rows` has them."""

    row: int
    action: str
    label: str
    target_id: int | None = None
    changes: tuple[str, ...] = ()
    problems: tuple[Problem, ...] = ()
    duplicates: tuple[Readable, ...] = ()  # messages, rendered in the reader's language when shown
    notes: tuple[Readable, ...] = ()
    rows: tuple[int, ...] = ()


@dataclass(frozen=True)
class ImportPlan:
    kind: str
    source: str
    encoding: str
    delimiter: str
    columns: tuple[tuple[str, str], ...]  # (header in the file, field)
    ignored: tuple[str, ...]
    file_problems: tuple[Problem, ...]
    records: tuple[RowPlan, ...]

    @property
    def problems(self) -> tuple[Problem, ...]:
        return self.file_problems + tuple(p for r in self.records for p in r.problems)

    @property
    def ok(self) -> bool:
        return not self.problems

    def counts(self) -> dict[str, int]:
        found = Counter(r.action for r in self.records)
        return {a: found.get(a, 0) for a in (CREATE, UPDATE, UNCHANGED, SKIP, ERROR)}


@dataclass(frozen=True)
class ImportSummary:
    kind: str
    source: str
    created: int
    updated: int
    unchanged: int
    skipped: int


@dataclass
class Step:
    """A planned record: what the preview shows, and how to write it."""

    row: int
    label: str
    action: str = CREATE
    target_id: int | None = None
    changes: tuple[str, ...] = ()
    problems: list[Problem] = field(default_factory=list)
    duplicates: list[Readable] = field(default_factory=list)
    notes: list[Readable] = field(default_factory=list)
    rows: tuple[int, ...] = ()
    write: Callable[[], int] | None = None  # creates or updates the record; returns its id

    def plan(self) -> RowPlan:
        action = ERROR if self.problems else self.action
        return RowPlan(
            self.row,
            action,
            clipped(self.label),
            self.target_id,
            self.changes,
            tuple(self.problems),
            tuple(self.duplicates),
            tuple(self.notes),
            self.rows or (self.row,),
        )


@dataclass
class Context:
    session: Session
    actor: Actor
    today: date
    policy: SlaPolicy | None = None
    explicit_ids: set[str] = field(default_factory=set)  # tables given ids from the file (PostgreSQL sequences)
    # Rows checked so far and the file's rows, for a progress bar: checking is most of an import's time.
    progress: Callable[[int, int], None] | None = None
    total_rows: int = 0
    checked_rows: int = 0

    def advance(self, rows: int = 1) -> None:
        self.checked_rows += rows
        if self.progress is not None:
            self.progress(self.checked_rows, self.total_rows)

    def each(self, rows: Iterable[Row]) -> Iterator[Row]:
        """The rows, counting each one checked (planners that plan a row at a time)."""
        for row in rows:
            yield row
            self.advance()


Planner = Callable[[Context, Iterable[Row]], list[Step]]


def changed_fields(record: Any, values: dict[str, Any]) -> dict[str, Any]:
    """The values that differ from the record's (aware datetimes compared to the second, as files keep them)."""
    out = {}
    for name, value in values.items():
        current = getattr(record, name)
        if isinstance(value, datetime) and isinstance(current, datetime):
            if value.replace(microsecond=0) == current.replace(microsecond=0):
                continue
        elif current == value:
            continue
        out[name] = value
    return out


def by_ref(session: Session, model: type[M], ref: str | None) -> M | None:
    if not ref:
        return None
    return session.exec(select(model).where(model.external_ref == ref)).first()


def locate(
    ctx: Context,
    model: type[M],
    row: Row,
    agrees: Callable[[M], bool],
    natural: Callable[[bool], M | None],
    describe: Callable[[M], Msg],
) -> tuple[M | None, int | None]:
    """The existing record a row stands for, and the id a new record keeps when the file gives a free one.

    External id first; then the desk number (SupportDesk番号) of an export, trusted only when the record it names
    looks like the row (a file from another desk must not overwrite whatever has that number here); then the
    natural key (`natural(unreferenced_only)`).
    """
    ref = row.get("external_ref")
    number = row.get("supportdesk_id")
    if (found := by_ref(ctx.session, model, ref)) is not None:
        return found, None
    keep_id = None
    if number is not None:
        found = ctx.session.get(model, number)
        if found is None:
            keep_id = number
        elif getattr(found, "external_ref", None) in (None, ref) and agrees(found):
            return found, None
        elif not ref:
            row.fail(
                "supportdesk_id", msg("is {record} on this desk; a file from another desk?", record=describe(found))
            )
            return None, None
    return natural(bool(ref)), keep_id


def claim_id(ctx: Context, table: str, record: Any, keep_id: int | None) -> None:
    if keep_id is not None:
        record.id = keep_id
        ctx.explicit_ids.add(table)


def one_per_key(steps: dict[Any, int], key: Any, row: Row, column: str, what: str) -> bool:
    """Refuse a second row for the same record (re-importing could not tell them apart); True when first."""
    if key in steps:
        row.fail(column, msg("the same {what} as row {row}", what=Texts((what,)), row=steps[key]))
        return False
    steps[key] = row.row
    return True


def flush_for_id(session: Session, record: Any) -> int:
    session.add(record)
    flush(session, lambda: "The import could not be saved.")
    assert record.id is not None
    return int(record.id)
