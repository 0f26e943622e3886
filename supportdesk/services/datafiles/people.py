"""Planning imports of companies and customers, with the rules of the hand-input forms (services/customers.py)."""

from collections.abc import Iterable
from dataclasses import fields
from typing import Any

from sqlalchemy import ColumnElement, or_
from sqlmodel import col, select

from supportdesk.errors import Invalid
from supportdesk.fields import Kind, Use, names_of
from supportdesk.i18n import N_, Msg, msg, texts
from supportdesk.importing import Row
from supportdesk.models import Company, Customer
from supportdesk.models.base import utcnow
from supportdesk.normalize import company_key, email_key, kana_fold, name_key, phone_key
from supportdesk.services.customers import (
    CUSTOMER_FIELDS,
    CompanyCreate,
    CustomerCreate,
    clean_company_values,
    clean_customer_values,
    duplicate_candidates,
    set_company_keys,
    set_customer_keys,
)
from supportdesk.services.datafiles.plan import (
    SKIP,
    UNCHANGED,
    UPDATE,
    Context,
    Step,
    by_ref,
    changed_fields,
    claim_id,
    flush_for_id,
    locate,
    one_per_key,
)
from supportdesk.services.reindex import queue_customer_tickets

COMPANY_FIELDS = tuple(f.name for f in fields(CompanyCreate))
# Customer fields a file may set (the company arrives as a name or a company id and becomes company_id).
_CUSTOMER_FILE_FIELDS = tuple(sorted(set(names_of(Kind.CUSTOMERS, Use.READ)) & CUSTOMER_FIELDS))


def _checked(row: Row, names: tuple[str, ...], check: Any) -> dict[str, Any]:
    """Run the service's rule on each field alone, so every bad cell of the row is reported, not just the first."""
    values: dict[str, Any] = {}
    for name in names:
        if not row.has(name):
            continue
        try:
            values.update(check({name: row.get(name)}))
        except Invalid as exc:
            row.fail(name, exc.why_msg)
    return values


# ---- companies -----------------------------------------------------------------------------------------------


def _company_label(company: Company) -> Msg:
    return msg("company #{id} {name}", id=company.id, name=company.name)


def plan_companies(ctx: Context, rows: Iterable[Row]) -> list[Step]:
    seen: dict[Any, int] = {}
    return [_plan_company(ctx, row, seen) for row in ctx.each(rows)]


def _plan_company(ctx: Context, row: Row, seen: dict[Any, int]) -> Step:
    values = _checked(row, COMPANY_FIELDS, clean_company_values)
    step = Step(row.row, values.get("name") or row.cells.get("name", ""))
    step.problems = row.problems
    key = row.get("external_ref") or company_key(values.get("name"))
    if not one_per_key(seen, key, row, "external_ref" if row.has("external_ref") else "name", N_("company")):
        return step
    existing, keep_id = locate(
        ctx,
        Company,
        row,
        agrees=lambda c: c.name_key == company_key(values.get("name")) or _same_phone(c.phone_key, values),
        natural=lambda unreferenced: _company_by_name(ctx, values.get("name"), unreferenced),
        describe=_company_label,
    )
    if existing is None and "name" not in values and "name" not in row.cells:
        row.fail("name", msg("a company needs a name"))
    if row.problems:
        return step
    if existing is None:
        for other in _companies_like(ctx, values):
            step.duplicates.append(
                msg("likely the same as {record} (same name or phone)", record=_company_label(other))
            )
        step.write = _writer(ctx, Company, values, keep_id, set_company_keys, "company")
    else:
        _plan_update(step, existing, values, set_company_keys)
    return step


def _same_phone(key: str, values: dict[str, Any]) -> bool:
    return bool(key) and key == phone_key(values.get("phone"))


def _company_by_name(ctx: Context, name: str | None, unreferenced: bool) -> Company | None:
    query = select(Company).where(Company.name_key == company_key(name))
    if unreferenced:
        query = query.where(col(Company.external_ref).is_(None))
    found = list(ctx.session.exec(query.limit(2)).all())
    return found[0] if len(found) == 1 else None


def _companies_like(ctx: Context, values: dict[str, Any]) -> list[Company]:
    conditions = [col(Company.name_key) == company_key(values.get("name"))]
    if phone := phone_key(values.get("phone")):
        conditions.append(col(Company.phone_key) == phone)
    return list(ctx.session.exec(select(Company).where(or_(*conditions)).limit(3)).all())


def _writer(ctx: Context, model: type, values: dict[str, Any], keep_id: int | None, keys: Any, table: str) -> Any:
    def write() -> int:
        record = model(**values)
        claim_id(ctx, table, record, keep_id)
        keys(record)
        return flush_for_id(ctx.session, record)

    return write


def _plan_update(step: Step, record: Any, values: dict[str, Any], keys: Any) -> None:
    step.target_id = record.id
    changes = changed_fields(record, values)
    if not changes:
        step.action = UNCHANGED
        return
    step.action, step.changes = UPDATE, tuple(sorted(changes))

    def write() -> int:
        for name, value in changes.items():
            setattr(record, name, value)
        keys(record)
        record.updated_at = utcnow()
        return int(record.id)

    step.write = write


# ---- customers -----------------------------------------------------------------------------------------------


def _joined(row: Row, whole: str, family: str, given: str) -> None:
    """姓 and 名 in two columns become one name, as people write it (山田 太郎)."""
    if not row.has(whole) and (row.has(family) or row.has(given)):
        row.values[whole] = " ".join(p for p in (row.get(family), row.get(given)) if p)
        row.cells[whole] = row.values[whole]
        row.headers = {**row.headers, whole: row.column(family if row.has(family) else given)}


def _customer_record(customer: Customer) -> Msg:
    return msg("customer #{id} {name}", id=customer.id, name=customer.full_name)


def _agrees(customer: Customer, values: dict[str, Any]) -> bool:
    phones = {phone_key(values.get("phone")), phone_key(values.get("mobile"))} - {""}
    return (
        customer.name_key == name_key(values.get("full_name"))
        or (bool(customer.email_key) and customer.email_key == email_key(values.get("email")))
        or bool(phones & {customer.phone_key, customer.mobile_key})
    )


def _customer_by_identity(ctx: Context, values: dict[str, Any], unreferenced: bool) -> Customer | None:
    """An existing customer with the same name and the same phone or e-mail: the same person, for re-imports."""
    name = name_key(values.get("full_name"))
    phones = {phone_key(values.get("phone")), phone_key(values.get("mobile"))} - {""}
    email = email_key(values.get("email"))
    contact: list[ColumnElement[bool]] = []
    if phones:
        contact += [col(Customer.phone_key).in_(phones), col(Customer.mobile_key).in_(phones)]
    if email:
        contact.append(col(Customer.email_key) == email)
    if not name:
        return None
    # Without a phone or e-mail, the name at the same company (or at none) is all there is to go by.
    same = or_(*contact) if contact else Customer.company_id == values.get("company_id")
    query = select(Customer).where(Customer.name_key == name, same, col(Customer.merged_into_id).is_(None))
    if unreferenced:
        query = query.where(col(Customer.external_ref).is_(None))
    found = list(ctx.session.exec(query.limit(2)).all())
    return found[0] if len(found) == 1 else None


class _Companies:
    """Companies named on customer rows: found by company id or name, or created once for all the rows naming it."""

    def __init__(self, ctx: Context) -> None:
        self.ctx = ctx
        self.new: dict[str, Company] = {}

    def resolve(self, row: Row, step: Step) -> tuple[int | None, str | None]:
        """(existing company id, or None with the key of a company to create)."""
        if ref := row.get("company_ref"):
            found = by_ref(self.ctx.session, Company, ref)
            if found is None and not row.has("company"):
                row.fail("company_ref", msg("no company has this id; import the companies first"))
            if found is not None:
                return found.id, None
        name = row.get("company")
        if not name:
            return None, None
        key = company_key(name)
        matches = list(self.ctx.session.exec(select(Company).where(Company.name_key == key).limit(2)).all())
        if len(matches) > 1:
            row.fail("company", msg("more than one company has this name; give the company id (会社ID) instead"))
            return None, None
        if matches:
            return matches[0].id, None
        if key not in self.new:
            step.notes.append(msg("creates company {name}", name=name))
            self.new[key] = Company(name=name, external_ref=row.get("company_ref"))
        return None, key

    def id_of(self, key: str) -> int:
        company = self.new[key]
        if company.id is None:
            values = clean_company_values({"name": company.name})
            company.name = values["name"]
            set_company_keys(company)
            flush_for_id(self.ctx.session, company)
        assert company.id is not None
        return company.id


def plan_customers(ctx: Context, rows: Iterable[Row]) -> list[Step]:
    seen: dict[Any, int] = {}
    companies = _Companies(ctx)
    planned: dict[tuple[str, str], int] = {}  # (evidence, key) -> row, for likely duplicates inside the file
    return [_plan_customer(ctx, row, seen, companies, planned) for row in ctx.each(rows)]


def _plan_customer(
    ctx: Context, row: Row, seen: dict[Any, int], companies: "_Companies", planned: dict[tuple[str, str], int]
) -> Step:
    _joined(row, "full_name", "family_name", "given_name")
    _joined(row, "name_kana", "family_kana", "given_kana")
    values = _checked(row, _CUSTOMER_FILE_FIELDS, lambda v: clean_customer_values(v, ctx.today))
    if row.has("consent_at"):
        values["consent_at"] = row.get("consent_at")
    step = Step(row.row, values.get("full_name") or row.cells.get("full_name", ""))
    step.problems = row.problems
    company_id, new_company = companies.resolve(row, step)
    if company_id is not None:
        values["company_id"] = company_id
    identity = row.get("external_ref") or (
        name_key(values.get("full_name")),
        email_key(values.get("email")) or phone_key(values.get("phone") or values.get("mobile")),
    )
    column = "external_ref" if row.has("external_ref") else "full_name"
    if identity[0] and not one_per_key(seen, identity, row, column, N_("person")):
        return step
    for name in ("phone", "mobile"):
        digits = phone_key(values.get(name))
        if len(digits) in (9, 10) and not digits.startswith("0"):
            step.notes.append(
                msg(
                    "{column} {value} has no leading 0: did Excel drop it?", column=row.column(name), value=values[name]
                )
            )
    existing, keep_id = locate(
        ctx,
        Customer,
        row,
        agrees=lambda c: _agrees(c, values),
        natural=lambda unreferenced: _customer_by_identity(ctx, values, unreferenced),
        describe=_customer_record,
    )
    # A name cell that was there but refused is reported already.
    if existing is None and "full_name" not in values and "full_name" not in row.cells:
        row.fail("full_name", msg("a customer needs a name"))
    if row.problems:
        return step
    if existing is not None and existing.merged_into_id is not None:
        step.action, step.target_id = SKIP, existing.id
        step.notes.append(msg("merged into #{id}; edit that customer instead", id=existing.merged_into_id))
        return step
    if existing is None:
        _note_duplicates(ctx, step, row, values, planned)
        step.write = _customer_writer(ctx, values, keep_id, companies, new_company)
        return step
    _plan_customer_update(ctx, step, existing, values, companies, new_company)
    return step


def _note_duplicates(
    ctx: Context, step: Step, row: Row, values: dict[str, Any], planned: dict[tuple[str, str], int]
) -> None:
    data = CustomerCreate(**{k: v for k, v in values.items() if k in CUSTOMER_FIELDS})
    for found in duplicate_candidates(ctx.session, ctx.actor, data):
        step.duplicates.append(
            msg(
                "likely the same as #{id} {name} ({evidence})",
                id=found.customer.id,
                name=found.customer.full_name,
                evidence=texts(found.reasons),
            )
        )
    evidence = [
        (N_("same phone"), phone_key(values.get("phone"))),
        (N_("same phone"), phone_key(values.get("mobile"))),
        (N_("same e-mail"), email_key(values.get("email"))),
        (N_("similar kana"), kana_fold(values.get("name_kana"))),
    ]
    for why, key in evidence:
        if not key:
            continue
        earlier = planned.setdefault((why, key), row.row)
        if earlier != row.row:
            step.duplicates.append(msg("likely the same as row {row} ({evidence})", row=earlier, evidence=texts([why])))


def _customer_writer(
    ctx: Context, values: dict[str, Any], keep_id: int | None, companies: _Companies, new_company: str | None
) -> Any:
    def write() -> int:
        customer = Customer(**values)
        if new_company:
            customer.company_id = companies.id_of(new_company)
        if customer.contact_consent and customer.consent_at is None:
            customer.consent_at = utcnow()
        claim_id(ctx, "customer", customer, keep_id)
        set_customer_keys(customer)
        return flush_for_id(ctx.session, customer)

    return write


def _plan_customer_update(
    ctx: Context, step: Step, customer: Customer, values: dict[str, Any], companies: _Companies, new_company: str | None
) -> None:
    changes = changed_fields(customer, values)
    step.target_id = customer.id
    if not changes and not new_company:
        step.action = UNCHANGED
        return
    step.action, step.changes = UPDATE, tuple(sorted(set(changes) | ({"company_id"} if new_company else set())))

    def write() -> int:
        for name, value in changes.items():
            setattr(customer, name, value)
        if new_company:
            customer.company_id = companies.id_of(new_company)
        if changes.get("contact_consent") and "consent_at" not in changes:
            customer.consent_at = utcnow()
        set_customer_keys(customer)
        customer.updated_at = utcnow()
        assert customer.id is not None
        # The customer's name and company are indexed with each of their tickets (as services/customers.py does).
        if {"full_name", "company_id"} & set(step.changes):
            queue_customer_tickets(ctx.session, customer.id)
        return customer.id

    step.write = write


# ---- the customer a purchase, subscription or ticket row names -------------------------------------------------


def find_customer_for(ctx: Context, row: Row) -> Customer | None:
    session = ctx.session
    found: Customer | None = None
    if ref := row.get("customer_ref"):
        found = by_ref(session, Customer, ref)
        if found is None:
            row.fail("customer_ref", msg("no customer has this id; import the customers first"))
            return None
    elif (number := row.get("customer_supportdesk_id")) is not None:
        found = session.get(Customer, number)
        if found is None:
            row.fail("customer_supportdesk_id", msg("no customer has this number"))
            return None
        named = row.get("customer_name")
        if named and name_key(named) != found.name_key and found.merged_into_id is None:
            row.fail(
                "customer_supportdesk_id",
                msg("is #{id} {name} on this desk, not {named}", id=found.id, name=found.full_name, named=named),
            )
            return None
    else:
        for name, column, key in (
            ("customer_email", Customer.email_key, email_key),
            ("customer_phone", Customer.phone_key, phone_key),
            ("customer_name", Customer.name_key, name_key),
        ):
            if not row.get(name):
                continue
            query = select(Customer).where(column == key(row.get(name)), col(Customer.merged_into_id).is_(None))
            matches = list(session.exec(query.limit(2)).all())
            if len(matches) == 1:
                found = matches[0]
                break
            if matches:
                row.fail(name, msg("more than one customer matches; give the customer id (顧客ID)"))
            else:
                row.fail(name, msg("no such customer"))
            return None
        else:
            row.fail("", msg("the row does not say whose it is (顧客ID, e-mail, phone or name)"))
            return None
    # A row naming a merged duplicate belongs to the customer it was merged into.
    while found is not None and found.merged_into_id is not None:
        found = session.get(Customer, found.merged_into_id)
    return found
