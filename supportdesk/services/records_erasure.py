"""The team's own fields in a person's erasure (削除) and disclosure (開示), registered with services/erasure.py.

A customer's custom values are about them (a serial number of their device, their contract code): erased with the
person, not masked. A ticket's text values may mention them, like any text of the ticket: scrubbed in place.
"""

from sqlmodel import Session, col, select

from supportdesk.i18n import N_
from supportdesk.models import CustomField, CustomType, CustomValue
from supportdesk.services import erasure
from supportdesk.services.custom_fields import CustomKind, erase_values


def _fields(session: Session, kind: CustomKind) -> dict[int, CustomField]:
    query = select(CustomField).where(CustomField.kind == kind.value)
    return {f.id: f for f in session.exec(query).all() if f.id is not None}


def erase_custom_values(session: Session, work: erasure.Erasure) -> int:
    changed = erase_values(session, CustomKind.CUSTOMERS, work.customer_ids)
    texts = [i for i, f in _fields(session, CustomKind.TICKETS).items() if f.holds == CustomType.TEXT.value]
    if texts and work.ticket_ids:
        query = select(CustomValue).where(
            col(CustomValue.field_id).in_(texts), col(CustomValue.object_id).in_(work.ticket_ids)
        )
        for value in session.exec(query).all():
            scrubbed = work.scrub(value.value)
            if scrubbed != value.value:
                value.value = scrubbed or ""
                session.add(value)
                work.touched_tickets.add(value.object_id)
                changed += 1
    return changed


def disclose_custom_values(
    session: Session, customer_ids: tuple[int, ...], ticket_ids: tuple[int, ...]
) -> list[dict[str, object]]:
    """One record per custom value held on the person's record or their tickets."""
    records: list[dict[str, object]] = []
    for kind, ids in ((CustomKind.CUSTOMERS, customer_ids), (CustomKind.TICKETS, ticket_ids)):
        fields = _fields(session, kind)
        if not fields or not ids:
            continue
        query = select(CustomValue).where(
            col(CustomValue.field_id).in_(list(fields)), col(CustomValue.object_id).in_(ids)
        )
        for value in session.exec(query.order_by(col(CustomValue.object_id), col(CustomValue.field_id))).all():
            record: dict[str, object] = {N_("field"): fields[value.field_id].name, N_("value"): value.value}
            if kind == CustomKind.TICKETS:
                record = {N_("ticket_number"): value.object_id, **record}
            records.append(record)
    return records


erasure.register(N_("custom_fields"), erase_custom_values, disclose_custom_values, order=20)
