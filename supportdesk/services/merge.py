"""Duplicate customers: finding likely pairs with their evidence, and merging one into the other.

A merge keeps the surviving record (A) with the field values the person picked from either side, moves the other
record's (B's) tickets, purchases and subscriptions to A, and leaves B as a tombstone (`merged_into_id`) that the
audit trail can still point at but no lookup, duplicate check or export shows. It is one transaction and one
audit event.
"""

from collections import defaultdict
from dataclasses import dataclass
from datetime import date
from typing import Any, TypeVar

from sqlalchemy import func
from sqlmodel import Session, col, select
from sqlmodel.sql.expression import Select

from supportdesk import clock
from supportdesk.errors import Conflict, Invalid, NotFound
from supportdesk.fields import Kind, Use, names_of
from supportdesk.i18n import msg
from supportdesk.models import Company, Customer, Purchase, Subscription, Ticket
from supportdesk.models.base import utcnow
from supportdesk.normalize import kana_fold
from supportdesk.services import audit
from supportdesk.services.actor import Action, Actor, require
from supportdesk.services.customers import clean_customer_values, set_customer_keys
from supportdesk.services.readmodels import CustomerSummary
from supportdesk.services.reindex import customer_ticket_ids, queue_for_search
from supportdesk.services.summaries import customer_summary
from supportdesk.services.unit import commit

# The fields a person picks from A or B, in the order the merge screen shows them (the registry's MERGE fields).
# The external id is not among them: each record keeps its own, so a re-import naming B's id still finds B and
# follows it to A.
MERGE_FIELDS: tuple[str, ...] = names_of(Kind.CUSTOMERS, Use.MERGE)

# The records that belong to a customer and move with a merge.
_Owned = TypeVar("_Owned", Ticket, Purchase, Subscription)
# Evidence weights: a shared phone or e-mail says more than a shared reading.
_WEIGHTS = {
    "same phone": 4,
    "same e-mail": 4,
    "same name and company": 3,
    "same name": 2,
    "same kana": 1,
    "similar kana": 1,
}
# A phone or reading shared by more people than this is a switchboard or a common name, not evidence.
_CROWD = 12


@dataclass(frozen=True)
class DuplicatePair:
    a: CustomerSummary
    b: CustomerSummary
    evidence: tuple[str, ...]
    score: int


def find_duplicates(session: Session, actor: Actor, limit: int = 200) -> list[DuplicatePair]:
    """Pairs of active customers that are probably one person, strongest evidence first.

    Same phone (or mobile) or same e-mail; same name at the same company (or both without one); same or similar
    kana reading (voicing marks, small kana and long vowels ignored). A phone that is the company's own number
    is shared by colleagues and does not count.
    """
    require(actor, Action.VIEW_CUSTOMERS)
    company_phones = dict(session.exec(Select[int, str](col(Company.id), col(Company.phone_key))).all())
    groups: dict[tuple[str, Any], list[int]] = defaultdict(list)
    kana_of: dict[int, str] = {}
    query = Select[int, str, str, str, str, str, int | None](
        *(col(c) for c in (Customer.id, Customer.name_key, Customer.kana_key, Customer.email_key)),
        *(col(c) for c in (Customer.phone_key, Customer.mobile_key, Customer.company_id)),
    ).where(col(Customer.merged_into_id).is_(None))
    for cid, name, kana, email, phone, mobile, company in session.exec(query).all():
        for number in {phone, mobile} - {"", company_phones.get(company) if company else None}:
            groups[("same phone", number)].append(cid)
        if email:
            groups[("same e-mail", email)].append(cid)
        if name:
            groups[("same name and company" if company else "same name", (name, company))].append(cid)
        if folded := kana_fold(kana):
            groups[("similar kana", folded)].append(cid)
            kana_of[cid] = kana
    evidence: dict[tuple[int, int], set[str]] = defaultdict(set)
    for (why, _), ids in groups.items():
        if len(ids) > _CROWD:
            continue
        for i, first in enumerate(ids):
            for second in ids[i + 1 :]:
                pair = (min(first, second), max(first, second))
                same_kana = why == "similar kana" and kana_of[first] == kana_of[second]
                evidence[pair].add("same kana" if same_kana else why)
    ranked = sorted(evidence.items(), key=lambda item: (-sum(_WEIGHTS[w] for w in item[1]), item[0]))[:limit]
    wanted = {cid for pair, _ in ranked for cid in pair}
    customers = {c.id: c for c in session.exec(select(Customer).where(col(Customer.id).in_(wanted))).all()}
    return [
        DuplicatePair(
            customer_summary(session, customers[a]),
            customer_summary(session, customers[b]),
            tuple(sorted(why, key=lambda w: -_WEIGHTS[w])),
            sum(_WEIGHTS[w] for w in why),
        )
        for (a, b), why in ranked
    ]


@dataclass(frozen=True)
class MergeField:
    name: str
    a: Any
    b: Any
    pick: str  # "A" or "B": what the merge takes unless told otherwise


@dataclass(frozen=True)
class MergePreview:
    a: CustomerSummary
    b: CustomerSummary
    fields: tuple[MergeField, ...]
    a_counts: tuple[int, int, int]  # tickets, purchases, subscriptions
    b_counts: tuple[int, int, int]
    company_names: dict[int, str]


@dataclass(frozen=True)
class MergeResult:
    survivor: int
    merged: int
    tickets: int
    purchases: int
    subscriptions: int
    from_b: tuple[str, ...]


def _load(session: Session, customer_id: int) -> Customer:
    customer = session.get(Customer, customer_id, populate_existing=True)
    if customer is None:
        raise NotFound(msg("Customer {id} does not exist.", id=customer_id))
    if customer.merged_into_id is not None:
        raise Invalid(
            "customer", msg("#{id} was already merged into #{into}", id=customer_id, into=customer.merged_into_id)
        )
    return customer


def _empty(value: Any) -> bool:
    return value is None or value == ""


def _counts(session: Session, customer_id: int) -> tuple[int, int, int]:
    """How many tickets, purchases and subscriptions the customer has."""
    return (
        _count(session, Ticket, customer_id),
        _count(session, Purchase, customer_id),
        _count(session, Subscription, customer_id),
    )


def _count(session: Session, model: type[_Owned], customer_id: int) -> int:
    return int(session.exec(select(func.count()).select_from(model).where(col(model.customer_id) == customer_id)).one())


def default_picks(a: Customer, b: Customer) -> dict[str, str]:
    """A's value, except where A has none and B has one: a merge should not lose what only B knew."""
    return {name: "B" if _empty(getattr(a, name)) and not _empty(getattr(b, name)) else "A" for name in MERGE_FIELDS}


def merge_preview(session: Session, actor: Actor, keep_id: int, other_id: int) -> MergePreview:
    """Both records side by side, with the default pick per field and what each has attached."""
    require(actor, Action.MERGE_CUSTOMERS)
    if keep_id == other_id:
        raise Invalid("customer", msg("choose two different customers"))
    a, b = _load(session, keep_id), _load(session, other_id)
    picks = default_picks(a, b)
    company_ids = {c.company_id for c in (a, b) if c.company_id}
    companies = session.exec(select(Company).where(col(Company.id).in_(company_ids))).all() if company_ids else []
    return MergePreview(
        a=customer_summary(session, a),
        b=customer_summary(session, b),
        fields=tuple(MergeField(n, getattr(a, n), getattr(b, n), picks[n]) for n in MERGE_FIELDS),
        a_counts=_counts(session, keep_id),
        b_counts=_counts(session, other_id),
        company_names={c.id: c.name for c in companies if c.id is not None},
    )


def _move_rows(session: Session, model: type[_Owned], from_id: int, to_id: int) -> list[int]:
    """Give customer `from_id`'s rows of `model` to `to_id`; returns their ids."""
    rows = session.exec(select(model).where(col(model.customer_id) == from_id)).all()
    for row in rows:
        row.customer_id = to_id  # tickets are versioned: an agent holding one sees the change as a conflict
        session.add(row)
    return sorted(row.id for row in rows if row.id is not None)


def merge_customers(
    session: Session,
    actor: Actor,
    keep_id: int,
    other_id: int,
    picks: dict[str, str] | None = None,
    *,
    expected_versions: tuple[int | None, int | None] = (None, None),
    today: date | None = None,
) -> MergeResult:
    """Merge customer B (`other_id`) into A (`keep_id`); `picks` says which fields to take from B ("B")."""
    require(actor, Action.MERGE_CUSTOMERS)
    if keep_id == other_id:
        raise Invalid("customer", msg("choose two different customers"))
    a, b = _load(session, keep_id), _load(session, other_id)
    for customer, expected in zip((a, b), expected_versions, strict=True):
        if expected is not None and customer.version != expected:
            raise Conflict(
                msg("Customer {id} was changed by someone else; nothing was merged. Look again.", id=customer.id)
            )
    chosen = default_picks(a, b)
    for name, side in (picks or {}).items():
        if name not in MERGE_FIELDS:
            raise Invalid(name, msg("not a field a merge can pick; one of {choices}", choices=", ".join(MERGE_FIELDS)))
        if str(side).upper() not in ("A", "B"):
            raise Invalid(name, msg("pick A (keep #{a}) or B (#{b}), not {given!r}", a=keep_id, b=other_id, given=side))
        chosen[name] = str(side).upper()
    from_b = tuple(n for n in MERGE_FIELDS if chosen[n] == "B" and getattr(a, n) != getattr(b, n))
    values = clean_customer_values({n: getattr(b, n) for n in from_b}, today or clock.today())
    if values.get("company_id") is not None and session.get(Company, values["company_id"]) is None:
        raise Invalid("company", msg("no company with id {id}", id=values["company_id"]))
    for name, value in values.items():
        setattr(a, name, value)
    if "contact_consent" in from_b:
        a.consent_at = b.consent_at
    set_customer_keys(a)
    a.updated_at = utcnow()
    moved: dict[str, list[int]] = {}
    moved["tickets"] = _move_rows(session, Ticket, other_id, keep_id)
    moved["purchases"] = _move_rows(session, Purchase, other_id, keep_id)
    moved["subscriptions"] = _move_rows(session, Subscription, other_id, keep_id)
    # Earlier merges into B now point at A, so every tombstone names a customer that still exists as itself.
    for earlier in session.exec(select(Customer).where(Customer.merged_into_id == other_id)).all():
        earlier.merged_into_id = keep_id
        session.add(earlier)
    b.merged_into_id = keep_id
    b.updated_at = utcnow()
    session.add_all([a, b])
    # Search indexes the customer's name with each ticket: B's moved tickets, and A's if A's name changed.
    queue_for_search(session, [*customer_ticket_ids(session, keep_id), *moved["tickets"]])
    audit.record(
        session, actor, "customer.merge", "customer", keep_id, merged=other_id, fields_from_merged=list(from_b), **moved
    )
    commit(session, lambda: msg("One of the customers or their tickets was changed meanwhile; nothing was merged."))
    return MergeResult(
        keep_id, other_id, len(moved["tickets"]), len(moved["purchases"]), len(moved["subscriptions"]), from_b
    )
