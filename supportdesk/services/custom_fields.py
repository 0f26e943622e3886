"""Fields teams add to their tickets and customers without a migration (品番, 製造番号, 保証期限).

An administrator defines a field (text, number, date or choice; required or not); its values are kept one row per
record and field, in a canonical form (a date as 2026-12-01, a number without separators, a choice as defined), so
lists and files compare them exactly. Every value is checked here, by the same rules for a form, the shell and a
file. Each field is also a field of the registry (`supportdesk.fields.custom_field`), which gives it its import and
export column.
"""

import json
import re
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from decimal import Decimal, InvalidOperation
from enum import StrEnum

from sqlalchemy import ColumnElement, delete, func
from sqlmodel import Session, col, select

from supportdesk.errors import Conflict, Invalid, NotAllowed, NotFound
from supportdesk.fields import Field as RegistryField
from supportdesk.fields import Kind, custom_field
from supportdesk.i18n import msg, term
from supportdesk.importing.values import day
from supportdesk.models import CustomField, CustomType, CustomValue
from supportdesk.models.base import utcnow
from supportdesk.normalize import clean
from supportdesk.services import audit
from supportdesk.services.actor import Action, Actor, require
from supportdesk.services.masking import masks_personal_data, ticket_masking
from supportdesk.services.readmodels import CustomValueView
from supportdesk.services.unit import commit, flush
from supportdesk.untrusted import check_line, shorten

MAX_NAME = 50
MAX_VALUE = 500
MAX_CHOICES = 100
MAX_FIELDS = 50  # per kind: a form longer than this is a spreadsheet again


class CustomKind(StrEnum):
    TICKETS = "tickets"
    CUSTOMERS = "customers"


@dataclass(frozen=True)
class FieldDefinition:
    id: int
    kind: str
    name: str
    holds: str
    choices: tuple[str, ...]
    required: bool
    retired: bool
    position: int
    version: int

    def registry_field(self) -> RegistryField:
        """This field as the field registry knows fields: its file column and form input."""
        return custom_field(Kind(self.kind), self.name, self.holds, self.choices)


def name_key(name: str) -> str:
    """One field per name however it is typed: NFKC, lower case, no spaces (品番 = 品 番, SKU = ｓｋｕ)."""
    return "".join(clean(name).lower().split())


def _definition(field: CustomField) -> FieldDefinition:
    assert field.id is not None
    return FieldDefinition(
        id=field.id,
        kind=field.kind,
        name=field.name,
        holds=field.holds,
        choices=tuple(json.loads(field.choices)) if field.choices else (),
        required=field.required,
        retired=field.retired_at is not None,
        position=field.position,
        version=field.version,
    )


def _kind(kind: CustomKind | str) -> CustomKind:
    try:
        return CustomKind(kind)
    except ValueError:
        raise Invalid("kind", msg("{value} is not one of tickets, customers", value=shorten(str(kind)))) from None


def _holds(holds: CustomType | str) -> CustomType:
    try:
        return CustomType(holds)
    except ValueError:
        wrong = shorten(str(holds))
        raise Invalid("type", msg("{value} is not one of text, number, date, choice", value=wrong)) from None


def _clean_name(name: str) -> str:
    cleaned = check_line("field name", name, MAX_NAME)
    if not cleaned:
        raise Invalid("field name", msg("a field needs a name"))
    if cleaned.startswith("custom:") or "=" in cleaned:
        raise Invalid("field name", msg("a field's name cannot contain '=' or start with 'custom:'"))
    return cleaned


def _clean_choices(holds: CustomType, choices: Iterable[str]) -> tuple[str, ...]:
    cleaned = tuple(dict.fromkeys(c for c in (check_line("choices", raw, MAX_VALUE) for raw in choices) if c))
    if holds == CustomType.CHOICE and not cleaned:
        raise Invalid("choices", msg("a choice field needs at least one choice"))
    if holds != CustomType.CHOICE and cleaned:
        raise Invalid("choices", msg("only a choice field has choices"))
    if len(cleaned) > MAX_CHOICES:
        raise Invalid("choices", msg("at most {limit} choices", limit=MAX_CHOICES))
    return cleaned


def define_field(
    session: Session,
    actor: Actor,
    kind: CustomKind | str,
    name: str,
    holds: CustomType | str,
    *,
    choices: Iterable[str] = (),
    required: bool = False,
) -> int:
    """Add a field to every ticket or customer (administrators); returns its id."""
    require(actor, Action.DEFINE_FIELDS)
    kind, holds = _kind(kind), _holds(holds)
    cleaned = _clean_name(name)
    options = _clean_choices(holds, choices)
    existing = session.exec(select(CustomField).where(CustomField.kind == kind.value)).all()
    if any(f.name_key == name_key(cleaned) for f in existing):
        raise Invalid("field name", msg("{kind} already have a field {name}", kind=term(kind.value), name=cleaned))
    if sum(1 for f in existing if f.retired_at is None) >= MAX_FIELDS:
        raise Invalid("field name", msg("at most {limit} fields per kind of record", limit=MAX_FIELDS))
    field = CustomField(
        kind=kind.value,
        name=cleaned,
        name_key=name_key(cleaned),
        holds=holds.value,
        choices=json.dumps(list(options), ensure_ascii=False) if options else None,
        required=required,
        position=max((f.position for f in existing), default=0) + 1,
    )
    session.add(field)
    flush(session, lambda: "The field could not be saved; try again.")
    audit.record(session, actor, "custom_field.create", "custom_field", field.id, kind=kind.value, holds=holds.value)
    commit(session, lambda: "The field could not be saved; try again.")
    assert field.id is not None
    return field.id


def change_field(
    session: Session,
    actor: Actor,
    field_id: int,
    *,
    name: str | None = None,
    choices: Iterable[str] | None = None,
    required: bool | None = None,
    retired: bool | None = None,
    expected_version: int | None = None,
) -> int:
    """Rename a field, change its choices or whether it is required, retire or restore it; returns its version.

    A choice still held by a record cannot be taken away (the record would hold a value nobody may choose). A
    retired field keeps its values, which come back when it is restored.
    """
    require(actor, Action.DEFINE_FIELDS)
    field = session.get(CustomField, field_id, populate_existing=True)
    if field is None:
        raise NotFound(msg("There is no custom field {id}.", id=field_id))
    stale = "The field was changed by someone else meanwhile. Nothing was saved; reload."
    if expected_version is not None and field.version != expected_version:
        raise Conflict(stale)
    changed: list[str] = []
    if name is not None:
        cleaned = _clean_name(name)
        others = session.exec(
            select(CustomField.name_key).where(CustomField.kind == field.kind, col(CustomField.id) != field_id)
        ).all()
        if name_key(cleaned) in others:
            raise Invalid("field name", msg("{kind} already have a field {name}", kind=term(field.kind), name=cleaned))
        if cleaned != field.name:
            field.name, field.name_key = cleaned, name_key(cleaned)
            changed.append("name")
    if choices is not None:
        options = _clean_choices(CustomType(field.holds), choices)
        held = session.exec(select(CustomValue.value).where(CustomValue.field_id == field_id).distinct()).all()
        if dropped := sorted(set(held) - set(options)):
            raise Invalid("choices", msg("{value} is still chosen on some records", value=shorten(dropped[0])))
        field.choices = json.dumps(list(options), ensure_ascii=False) if options else None
        changed.append("choices")
    if required is not None and required != field.required:
        field.required = required
        changed.append("required")
    if retired is not None and retired != (field.retired_at is not None):
        field.retired_at = utcnow() if retired else None
        changed.append("retired" if retired else "restored")
    if not changed:
        return field.version
    session.add(field)
    audit.record(session, actor, "custom_field.update", "custom_field", field_id, changed=changed)
    commit(session, lambda: stale)
    return field.version


def list_fields(
    session: Session, actor: Actor, kind: CustomKind | str | None = None, *, include_retired: bool = False
) -> list[FieldDefinition]:
    """The defined fields (of one kind), in the order forms show them. Definitions hold no personal data."""
    require(actor, Action.VIEW_TICKETS)
    return active_fields(session, kind, include_retired=include_retired)


def fields_exist(kind: CustomKind) -> ColumnElement[bool]:
    """Whether the desk has active fields of its own for `kind`, as a column of a statement that reads a record:
    most desks have none, and a record's screen then need not ask for them (a round trip on PostgreSQL, issue 20)."""
    return select(CustomField.id).where(CustomField.kind == kind.value, col(CustomField.retired_at).is_(None)).exists()


def active_fields(
    session: Session, kind: CustomKind | str | None = None, *, include_retired: bool = False
) -> list[FieldDefinition]:
    """The fields without a permission check, for services that already checked theirs (imports, exports)."""
    query = select(CustomField)
    if kind is not None:
        query = query.where(CustomField.kind == _kind(kind).value)
    if not include_retired:
        query = query.where(col(CustomField.retired_at).is_(None))
    fields = session.exec(query.order_by(col(CustomField.kind), col(CustomField.position), col(CustomField.id)))
    return [_definition(f) for f in fields.all()]


# ---- values ---------------------------------------------------------------------------------------------------


def clean_value(field: FieldDefinition, raw: object) -> str | None:
    """A value as a person typed it (or a file held it), in the field's canonical form; None when empty.

    Numbers take full-width digits and thousands separators (１，２００.５ → 1200.5); dates the forms people write
    (2026/12/1, 2026年12月1日); a choice matches whatever its width or case.
    """
    if raw is None:
        return None
    text = check_line(field.name, str(raw), MAX_VALUE)
    if not text:
        return None
    if field.holds == CustomType.NUMBER:
        body = clean(text).replace(",", "").replace(" ", "")
        try:
            number = Decimal(body)
        except InvalidOperation:
            raise Invalid(field.name, msg("{value} is not a number", value=shorten(text))) from None
        if not number.is_finite() or abs(number) >= Decimal(10) ** 15:
            raise Invalid(field.name, msg("{value} is not a number", value=shorten(text)))
        normal = number.normalize()
        return f"{normal:f}" if normal != normal.to_integral() else str(int(normal))
    if field.holds == CustomType.DATE:
        try:
            return day(text).isoformat()
        except ValueError:
            raise Invalid(field.name, msg("{value} is not a date like 2026-12-01", value=shorten(text))) from None
    if field.holds == CustomType.CHOICE:
        wanted = name_key(text)
        for choice in field.choices:
            if name_key(choice) == wanted:
                return choice
        raise Invalid(
            field.name, msg("{value} is not one of {choices}", value=shorten(text), choices=", ".join(field.choices))
        )
    return text


def _by_name(fields: list[FieldDefinition], name: str) -> FieldDefinition:
    key = name_key(name.removeprefix("custom:"))
    for field in fields:
        if name_key(field.name) == key:
            return field
    known = ", ".join(f.name for f in fields) or "—"
    raise Invalid(name, msg("not a field of these records; known: {known}", known=known))


def is_custom(session: Session, kind: CustomKind | str, name: str) -> bool:
    """Whether `name` names one of the kind's active custom fields."""
    key = name_key(name.removeprefix("custom:"))
    return any(name_key(f.name) == key for f in active_fields(session, kind))


def set_values(
    session: Session,
    actor: Actor,
    kind: CustomKind | str,
    object_id: int,
    values: Mapping[str, object],
    *,
    creating: bool = False,
) -> dict[str, tuple[str | None, str | None]]:
    """Check and write custom values of one record, uncommitted; returns each changed field's (before, after).

    `values` maps a field's name (however written) to the new value; None or "" clears it. A required field must
    have a value when a record is created by hand, and cannot be cleared later. The caller checked the permission
    to change the record and commits with it.
    """
    kind = _kind(kind)
    fields = active_fields(session, kind)
    chosen = {(field := _by_name(fields, name)).id: (field, clean_value(field, raw)) for name, raw in values.items()}
    with session.no_autoflush:
        held = {
            v.field_id: v
            for v in session.exec(select(CustomValue).where(CustomValue.object_id == object_id)).all()
            if v.field_id in {f.id for f in fields}
        }
    for field in fields:
        if not field.required:
            continue
        value = chosen[field.id][1] if field.id in chosen else (held[field.id].value if field.id in held else None)
        if value is None and (creating or field.id in chosen):
            raise Invalid(field.name, msg("a value is required"))
    changed: dict[str, tuple[str | None, str | None]] = {}
    for field_id, (field, value) in chosen.items():
        row = held.get(field_id)
        before = row.value if row is not None else None
        if value is None and row is not None:
            session.delete(row)
        elif value is not None and row is None:
            session.add(CustomValue(field_id=field_id, object_id=object_id, value=value))
        elif value is not None and row is not None and row.value != value:
            row.value = value
            session.add(row)
        else:
            continue
        changed[field.name] = (before, value)
    return changed


def values_of(session: Session, kind: CustomKind | str, object_ids: Iterable[int]) -> dict[int, dict[int, str]]:
    """object id → field id → value, for many records at once (exports, lists)."""
    ids = list(object_ids)
    found: dict[int, dict[int, str]] = {}
    if not ids:
        return found
    kinds = select(CustomField.id).where(CustomField.kind == _kind(kind).value)
    query = select(CustomValue).where(col(CustomValue.object_id).in_(ids), col(CustomValue.field_id).in_(kinds))
    for value in session.exec(query).all():
        found.setdefault(value.object_id, {})[value.field_id] = value.value
    return found


def custom_values(session: Session, actor: Actor, kind: CustomKind | str, object_id: int) -> list[CustomValueView]:
    """The record's active custom fields with their values (None when not set), in form order.

    Trainers read a ticket's text values masked, like every other text of the ticket; they never read customers.
    """
    kind = _kind(kind)
    require(actor, Action.VIEW_TICKETS if kind == CustomKind.TICKETS else Action.VIEW_CUSTOMERS)
    fields = active_fields(session, kind)
    if not fields:
        return []
    held = values_of(session, kind, [object_id]).get(object_id, {})
    masking = ticket_masking(session, [object_id]).get(object_id) if masks_personal_data(actor) else None
    views = []
    for field in fields:
        value = held.get(field.id)
        if masking is not None and value is not None and field.holds == CustomType.TEXT:
            value = masking.shown(value)
        views.append(CustomValueView(field.id, field.name, field.holds, value, field.required, field.choices))
    return views


def value_filter(
    kind: CustomKind | str, field_id: int, value: str, id_column: object, contains: bool = False
) -> ColumnElement[bool]:
    """`id_column` (Ticket.id or Customer.id) among the records whose field holds `value` (canonical form), or a
    text holding it anywhere (`contains`, in any letter case)."""
    _kind(kind)
    held = col(CustomValue.value)
    matches = held.icontains(value, autoescape=True) if contains else held == value
    holding = select(CustomValue.object_id).where(CustomValue.field_id == field_id, matches)
    return col(id_column).in_(holding)


def filter_value(
    session: Session, kind: CustomKind | str, name: str, raw: str, contains: bool = False
) -> tuple[int, str]:
    """A list filter `name=value` as (field id, canonical value), checked like an entry of the field.

    `contains` (part of a text) is for text fields: a number, date or choice is found by its whole value.
    """
    field = _by_name(active_fields(session, kind), name)
    if contains and field.holds != CustomType.TEXT:
        raise Invalid(field.name, msg("only a text field is searched for part of its value"))
    value = clean_value(field, raw)
    if value is None:
        raise Invalid(field.name, msg("give a value to filter by"))
    return field.id, value


def list_filter(
    session: Session, actor: Actor, kind: CustomKind | str, name: str, raw: str, contains: bool = False
) -> tuple[int, str]:
    """`name=value` for a list of tickets or customers (`ticket list --field 品番=A-100`), checked like an entry.

    Trainers filter tickets by numbers, dates and choices only, as in search: a text value may be a name.
    """
    kind = _kind(kind)
    require(actor, Action.VIEW_TICKETS if kind == CustomKind.TICKETS else Action.VIEW_CUSTOMERS)
    field = _by_name(active_fields(session, kind), name)
    if masks_personal_data(actor) and field.holds == CustomType.TEXT:
        raise NotAllowed(msg("Trainers cannot search by the text of {name}.", name=field.name))
    return filter_value(session, kind, name, raw, contains)


def erase_values(session: Session, kind: CustomKind | str, object_ids: Iterable[int]) -> int:
    """Delete every custom value of these records (erasure); returns how many rows went."""
    ids = list(object_ids)
    if not ids:
        return 0
    kinds = select(CustomField.id).where(CustomField.kind == _kind(kind).value)
    count = session.exec(
        select(func.count())
        .select_from(CustomValue)
        .where(col(CustomValue.object_id).in_(ids), col(CustomValue.field_id).in_(kinds))
    ).one()
    session.exec(delete(CustomValue).where(col(CustomValue.object_id).in_(ids), col(CustomValue.field_id).in_(kinds)))
    return int(count)


# A team's field in a search query: 品番:A-100 or 保証期限:"2027-03-31" (the name as defined, any width).
_QUERY_FILTER = re.compile(r'(?<!\S)([^\s:"()\-][^\s:"()]*)[:：]("([^"]*)"|([^\s"()]+))')


def custom_filter(session: Session, query: str, masked: bool = False) -> tuple[str, set[int] | None]:
    """The query without its custom-field filters, and the tickets those allow (None: no such filter).

    Several filters must all hold. Trainers may filter by numbers, dates and choices, not by text values (a text
    field may hold a name or an address, which trainers never search for).
    """
    fields = {name_key(f.name): f for f in active_fields(session, CustomKind.TICKETS)}
    if not fields:
        return query, None
    allowed: set[int] | None = None
    rest: list[str] = []
    last = 0
    for found in _QUERY_FILTER.finditer(query):
        field = fields.get(name_key(found[1]))
        if field is None:
            continue
        if masked and field.holds == CustomType.TEXT:
            raise NotAllowed(msg("Trainers cannot search by the text of {name}.", name=field.name))
        value = clean_value(field, found[3] if found[3] is not None else found[4])
        holding = select(CustomValue.object_id).where(CustomValue.field_id == field.id, CustomValue.value == value)
        ids = set(session.exec(holding).all())
        allowed = ids if allowed is None else allowed & ids
        rest.append(query[last : found.start()])
        last = found.end()
    if allowed is None:
        return query, None
    rest.append(query[last:])
    return " ".join(part.strip() for part in rest if part.strip()), allowed
