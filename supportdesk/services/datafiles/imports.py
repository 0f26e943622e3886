"""Importing CSV files: a preview that writes nothing, then the real import, all or nothing, in one transaction.

Both run the same planner over the file (people.py, commerce.py, tickets.py beside this module), so the preview
shows exactly what the import will do: per row create, update, unchanged or skip, with every problem (row, column,
value, reason) and the likely duplicates. A file with any problem imports nothing.

Rows are matched to existing records by external id (顧客ID, 購入ID …), then by the desk's own number when the
file came from a SupportDesk export, then by a normalised natural key (a customer's name with their phone or
e-mail; a product's code). Matching this way makes a second import of the same file change nothing.
"""

from collections.abc import Callable
from datetime import date

from sqlalchemy import text
from sqlmodel import Session

from supportdesk import clock
from supportdesk.config import SlaPolicy
from supportdesk.errors import Invalid
from supportdesk.i18n import msg, msgn
from supportdesk.importing import Kind, Mapping, Problem, map_columns, parse_rows, read_table
from supportdesk.services import audit
from supportdesk.services.actor import Action, Actor, require
from supportdesk.services.datafiles import commerce, custom_columns, people, tickets
from supportdesk.services.datafiles.plan import (
    CREATE,
    SKIP,
    UNCHANGED,
    UPDATE,
    Context,
    ImportPlan,
    ImportSummary,
    Planner,
    Step,
)
from supportdesk.services.unit import commit, flush

PLANNERS: dict[Kind, Planner] = {
    Kind.COMPANIES: people.plan_companies,
    Kind.CUSTOMERS: people.plan_customers,
    Kind.PRODUCTS: commerce.plan_products,
    Kind.PURCHASES: commerce.plan_purchases,
    Kind.SUBSCRIPTIONS: commerce.plan_subscriptions,
    Kind.TICKETS: tickets.plan_tickets,
}


def _plan(ctx: Context, kind: Kind, data: bytes, mapping: Mapping | None, source: str) -> tuple[ImportPlan, list[Step]]:
    if mapping is not None and mapping.kind is not None and mapping.kind != kind:
        raise Invalid("mapping file", msg("it is for {mapping}, not {kind}", mapping=mapping.kind, kind=kind))
    table = read_table(data, mapping.encoding if mapping else None, mapping.delimiter if mapping else None)
    extra = custom_columns.columns_for(ctx.session, kind)
    columns = map_columns(kind, table.headers, mapping, extra)
    file_problems = list(table.problems) + [Problem(1, "", "", reason) for reason in columns.problems]
    steps: list[Step] = []
    if not columns.problems:
        ctx.total_rows = table.row_count
        ctx.advance(0)  # the total is known: a progress bar can show it before the first row is checked
        own = custom_columns.CustomCells(ctx, kind)
        steps = own.attach(PLANNERS[kind](ctx, own.rows(parse_rows(kind, table.rows(), columns, extra))))
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
    progress: Callable[[int, int], None] | None = None,
) -> ImportPlan:
    """What importing `data` would do, row by row; nothing is written.

    `progress(checked, total)` is called as rows are checked against the desk (most of the time a preview takes).
    """
    require(actor, Action.IMPORT_DATA)
    ctx = Context(session, actor, today or clock.today(), policy, progress=progress)
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
    checking: Callable[[int, int], None] | None = None,
) -> ImportSummary:
    """Import `data` in one transaction; any problem in the file refuses the whole import (Invalid).

    `checking(checked, total)` reports the rows checked (as the preview does), `progress(written, total)` the
    records written after that.
    """
    require(actor, Action.IMPORT_DATA)
    kind = Kind(kind)
    ctx = Context(session, actor, today or clock.today(), policy, progress=checking)
    plan, steps = _plan(ctx, kind, data, mapping, source)
    if not plan.ok:
        session.rollback()
        first = plan.problems[0]
        where = (
            msg("row {row}", row=first.row)
            if not first.column
            else msg("row {row}, {column}", row=first.row, column=first.column)
        )
        raise Invalid(
            "file",
            msgn(
                "{count} problem, nothing was imported: {where}: {reason}. Preview the file (--dry-run) to see it.",
                "{count} problems, nothing was imported; first: {where}: {reason}. "
                "Preview the file (--dry-run) to see them all.",
                len(plan.problems),
                where=where,
                reason=first.reason,
            ),
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
