"""Importing CSV files: a preview that writes nothing, then the real import, all or nothing, in one transaction.

Both run the same planner over the file (services/import_people.py, import_commerce.py, import_tickets.py), so
the preview shows exactly what the import will do: per row create, update, unchanged or skip, with every problem
(row, column, value, reason) and the likely duplicates. A file with any problem imports nothing.

Rows are matched to existing records by external id (顧客ID, 購入ID …), then by the desk's own number when the
file came from a SupportDesk export, then by a normalised natural key (a customer's name with their phone or
e-mail; a product's code). Matching this way makes a second import of the same file change nothing.
"""

from collections import Counter
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import date, datetime
from typing import Any, Protocol, TypeVar

from sqlalchemy import text
from sqlmodel import Session, select

from supportdesk.config import SlaPolicy
from supportdesk.errors import Invalid
from supportdesk.importing import Kind, Mapping, Problem, Row, map_columns, parse_rows, read_table
from supportdesk.models import Customer
from supportdesk.models.base import utcnow
from supportdesk.services import audit
from supportdesk.services.actor import Action, Actor, require
from supportdesk.services.unit import commit, flush

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
    duplicates: tuple[str, ...] = ()
    notes: tuple[str, ...] = ()
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
    duplicates: list[str] = field(default_factory=list)
    notes: list[str] = field(default_factory=list)
    rows: tuple[int, ...] = ()
    write: Callable[[], int] | None = None  # creates or updates the record; returns its id

    def plan(self) -> RowPlan:
        action = ERROR if self.problems else self.action
        return RowPlan(
            self.row,
            action,
            self.label,
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


Planner = Callable[[Context, list[Row]], list[Step]]


def _planners() -> dict[Kind, Planner]:
    from supportdesk.services import import_commerce, import_people, import_tickets

    return {
        Kind.COMPANIES: import_people.plan_companies,
        Kind.CUSTOMERS: import_people.plan_customers,
        Kind.PRODUCTS: import_commerce.plan_products,
        Kind.PURCHASES: import_commerce.plan_purchases,
        Kind.SUBSCRIPTIONS: import_commerce.plan_subscriptions,
        Kind.TICKETS: import_tickets.plan_tickets,
    }


def _plan(ctx: Context, kind: Kind, data: bytes, mapping: Mapping | None, source: str) -> tuple[ImportPlan, list[Step]]:
    if mapping is not None and mapping.kind is not None and mapping.kind != kind:
        raise Invalid("mapping file", f"it is for {mapping.kind}, not {kind}")
    table = read_table(data, mapping.encoding if mapping else None, mapping.delimiter if mapping else None)
    columns = map_columns(kind, table.headers, mapping)
    file_problems = list(table.problems) + [Problem(1, "", "", reason) for reason in columns.problems]
    steps: list[Step] = []
    if not columns.problems:
        steps = _planners()[kind](ctx, parse_rows(kind, table.rows, columns))
    plan = ImportPlan(
        kind=str(kind),
        source=source,
        encoding=table.encoding,
        delimiter="tab" if table.delimiter == "\t" else "comma",
        columns=tuple((columns.header[f], f) for f in columns.index),
        ignored=columns.ignored,
        file_problems=tuple(sorted(file_problems, key=lambda p: p.row)),
        records=tuple(step.plan() for step in steps),
    )
    return plan, steps


def preview_import(
    session: Session,
    actor: Actor,
    kind: Kind | str,
    data: bytes,
    *,
    mapping: Mapping | None = None,
    source: str = "",
    today: date | None = None,
    policy: SlaPolicy | None = None,
) -> ImportPlan:
    """What importing `data` would do, row by row; nothing is written."""
    require(actor, Action.IMPORT_DATA)
    ctx = Context(session, actor, today or utcnow().date(), policy)
    try:
        plan, _ = _plan(ctx, Kind(kind), data, mapping, source)
    finally:
        session.rollback()
    return plan


def run_import(
    session: Session,
    actor: Actor,
    kind: Kind | str,
    data: bytes,
    *,
    mapping: Mapping | None = None,
    source: str = "",
    today: date | None = None,
    policy: SlaPolicy | None = None,
    progress: Callable[[int, int], None] | None = None,
) -> ImportSummary:
    """Import `data` in one transaction; any problem in the file refuses the whole import (Invalid)."""
    require(actor, Action.IMPORT_DATA)
    kind = Kind(kind)
    ctx = Context(session, actor, today or utcnow().date(), policy)
    plan, steps = _plan(ctx, kind, data, mapping, source)
    if not plan.ok:
        session.rollback()
        first = plan.problems[0]
        where = f"row {first.row}" + (f", {first.column}" if first.column else "")
        raise Invalid(
            "file",
            f"{len(plan.problems)} problem(s), nothing was imported; first: {where}: {first.reason}. "
            "Preview the file (--dry-run) to see them all.",
        )
    todo = [s for s in steps if s.write is not None and s.action in (CREATE, UPDATE)]
    written: dict[str, list[int]] = {CREATE: [], UPDATE: []}
    for done, step in enumerate(todo, start=1):
        assert step.write is not None
        written[step.action].append(step.write())
        if progress is not None:
            progress(done, len(todo))
    _advance_sequences(session, ctx.explicit_ids)
    counts = plan.counts()
    audit.record(
        session,
        actor,
        f"import.{kind}",
        str(kind),
        None,
        source=source,
        encoding=plan.encoding,
        created=written[CREATE],
        updated=written[UPDATE],
        unchanged=counts[UNCHANGED],
        skipped=counts[SKIP],
    )
    commit(session, lambda: "A record in the file was changed by someone else during the import; nothing was saved.")
    return ImportSummary(str(kind), source, len(written[CREATE]), len(written[UPDATE]), counts[UNCHANGED], counts[SKIP])


def _advance_sequences(session: Session, tables: set[str]) -> None:
    """PostgreSQL hands out ids from sequences that explicit ids do not move: move them past the imported rows."""
    if not tables or session.get_bind().dialect.name != "postgresql":
        return
    flush(session, lambda: "The import could not be saved.")
    for table in sorted(tables):
        session.execute(
            text(f"SELECT setval(pg_get_serial_sequence(:name, 'id'), (SELECT max(id) FROM \"{table}\"))"),
            {"name": f'"{table}"'},
        )


# ---- helpers the per-kind planners share ---------------------------------------------------------------------


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
    describe: Callable[[M], str],
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
            row.fail("supportdesk_id", f"is {describe(found)} on this desk; a file from another desk?")
            return None, None
    return natural(bool(ref)), keep_id


def claim_id(ctx: Context, table: str, record: Any, keep_id: int | None) -> None:
    if keep_id is not None:
        record.id = keep_id
        ctx.explicit_ids.add(table)


def one_per_key(steps: dict[Any, int], key: Any, row: Row, column: str, what: str) -> bool:
    """Refuse a second row for the same record (re-importing could not tell them apart); True when first."""
    if key in steps:
        row.fail(column, f"the same {what} as row {steps[key]}")
        return False
    steps[key] = row.row
    return True


def customer_of(ctx: Context, row: Row) -> Customer | None:
    """The customer a purchase, subscription or ticket row belongs to: by 顧客ID, desk number, e-mail, phone or
    name, in that order. A merged customer's rows go to the customer it was merged into."""
    from supportdesk.services.import_people import find_customer_for

    return find_customer_for(ctx, row)


def flush_for_id(session: Session, record: Any) -> int:
    session.add(record)
    flush(session, lambda: "The import could not be saved.")
    assert record.id is not None
    return int(record.id)
