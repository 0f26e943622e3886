"""The team's own fields (品番, 製造番号, 保証期限) as columns of customer and ticket files.

An export writes one column per active field, headed by its name in both languages, after the registry's columns;
an import reads a column headed by a field's name (or custom:NAME) and checks each cell as the forms do
(services.custom_fields.clean_value: 2027/3/31 is kept as 2027-03-31, a choice must be one of the field's). An
empty cell leaves the value as it was, like any other column. Values are written with their record, in the
import's one transaction; a refused cell is a problem of its row, and then nothing is imported.
"""

from collections.abc import Callable, Iterable, Iterator

from sqlmodel import Session, col, select

from supportdesk.errors import Invalid
from supportdesk.fields import CUSTOM_PREFIX, Kind
from supportdesk.importing import values as parse
from supportdesk.importing.columns import Column
from supportdesk.importing.rows import Row
from supportdesk.models import CustomValue
from supportdesk.services.custom_fields import FieldDefinition, active_fields, clean_value, set_values, values_of
from supportdesk.services.datafiles.plan import CREATE, SKIP, UPDATE, Context, Step

KINDS = (Kind.CUSTOMERS, Kind.TICKETS)


def fields_for(session: Session, kind: Kind) -> list[FieldDefinition]:
    return active_fields(session, kind.value) if kind in KINDS else []


def columns_for(session: Session, kind: Kind) -> tuple[Column, ...]:
    """The kind's own fields as file columns: read as text here, checked by the field's rules when planned."""
    return tuple(Column(CUSTOM_PREFIX + f.name, parse.text, (f.name,), (f.name,)) for f in fields_for(session, kind))


def export_values(session: Session, kind: Kind) -> tuple[list[str], Callable[[int | None], list[str | None]]]:
    """The headers of the kind's own columns, and the cells of one record (by id) under them."""
    fields = fields_for(session, kind)
    if not fields:
        return [], lambda _id: []
    held = _all_values(session, {f.id for f in fields})

    def cells(object_id: int | None) -> list[str | None]:
        own = held.get(object_id, {}) if object_id is not None else {}
        return [own.get(f.id) for f in fields]

    return [f.name for f in fields], cells


def _all_values(session: Session, field_ids: set[int]) -> dict[int, dict[int, str]]:
    """object id → field id → value for every record, in one query (an export reads them all)."""
    found: dict[int, dict[int, str]] = {}
    for value in session.exec(select(CustomValue).where(col(CustomValue.field_id).in_(field_ids))).all():
        found.setdefault(value.object_id, {})[value.field_id] = value.value
    return found


class CustomCells:
    """Takes the own fields' cells out of each row as the planner reads it (checked, or a problem of the row),
    then makes each planned record write them."""

    def __init__(self, ctx: Context, kind: Kind) -> None:
        self.ctx = ctx
        self.kind = kind
        self.fields = {CUSTOM_PREFIX + f.name: f for f in fields_for(ctx.session, kind)}
        self.by_row: dict[int, dict[str, str | None]] = {}

    def rows(self, rows: Iterable[Row]) -> Iterator[Row]:
        for row in rows:
            own: dict[str, str | None] = {}
            for name in [n for n in row.values if n in self.fields]:
                field = self.fields[name]
                raw = row.values.pop(name)
                try:
                    own[field.name] = clean_value(field, raw)
                except Invalid as exc:
                    row.fail(name, exc.why_msg)
            if own:
                self.by_row[row.row] = own
            yield row

    def attach(self, steps: list[Step]) -> list[Step]:
        for step in steps:
            own: dict[str, str | None] = {}
            for number in step.rows or (step.row,):
                own.update(self.by_row.get(number, {}))
            if own and not step.problems and step.action != SKIP:
                self._write_with(step, own)
        return steps

    def _write_with(self, step: Step, own: dict[str, str | None]) -> None:
        ctx, kind = self.ctx, self.kind.value
        if step.action != CREATE:
            if step.target_id is None:
                return
            held = values_of(ctx.session, kind, [step.target_id]).get(step.target_id, {})
            by_name = {f.name: f for f in self.fields.values()}
            own = {name: value for name, value in own.items() if held.get(by_name[name].id) != value}
            if not own:
                return
            step.changes = (*step.changes, *own)
            target = step.target_id
            step.write = step.write or (lambda: target)
            step.action = UPDATE
        write = step.write
        if write is None:
            return

        def write_with_fields() -> int:
            object_id = write()
            set_values(ctx.session, ctx.actor, kind, object_id, own)
            return object_id

        step.write = write_with_fields
