"""Customers and companies: create, update, list a company's people and spot likely duplicates.

Finding the caller as they speak is services/caller_lookup.py.
"""

import re
from collections.abc import Mapping
from dataclasses import dataclass, fields
from datetime import date
from enum import StrEnum
from typing import Any

from sqlalchemy import ColumnElement, or_
from sqlmodel import Session, col, select

from supportdesk import clock
from supportdesk.errors import Conflict, Invalid, NotFound
from supportdesk.fields import FIELDS, Kind, Type
from supportdesk.i18n import N_, msg
from supportdesk.models import (
    AcquisitionChannel,
    Company,
    Customer,
    CustomerRank,
    Gender,
)
from supportdesk.models.base import utcnow
from supportdesk.normalize import (
    bank_kana_key,
    company_key,
    email_key,
    kana_key,
    name_key,
    phone_key,
    phone_tail,
)
from supportdesk.services import audit
from supportdesk.services.actor import Action, Actor, require
from supportdesk.services.custom_fields import CustomKind, set_values
from supportdesk.services.readmodels import CustomerSummary
from supportdesk.services.reindex import queue_customer_tickets
from supportdesk.services.summaries import customer_summaries
from supportdesk.services.summaries import summary as summary_of
from supportdesk.services.unit import commit, flush
from supportdesk.untrusted import model_text, shorten

_EMAIL = re.compile(r"^[^@\s]+@[^@\s]+\.[^@\s]+$")


@dataclass(frozen=True)
class CompanyCreate:
    name: str
    name_kana: str | None = None
    phone: str | None = None
    postal_code: str | None = None
    address: str | None = None
    industry: str | None = None
    business_description: str | None = None
    founded_on: date | None = None
    employees: int | None = None
    website: str | None = None
    social_accounts: str | None = None
    notes: str | None = None
    external_ref: str | None = None


@dataclass(frozen=True)
class CustomerCreate:
    full_name: str
    name_kana: str | None = None
    email: str | None = None
    phone: str | None = None
    mobile: str | None = None
    postal_code: str | None = None
    address: str | None = None
    gender: Gender | None = None
    birth_date: date | None = None
    occupation: str | None = None
    rank: CustomerRank = CustomerRank.NEW
    acquisition_channel: AcquisitionChannel | None = None
    contact_consent: bool = False
    notes: str | None = None
    company_id: int | None = None
    department: str | None = None
    job_title: str | None = None
    is_decision_maker: bool = False
    external_ref: str | None = None


CUSTOMER_FIELDS = frozenset(f.name for f in fields(CustomerCreate))
# What the rules below tidy as text or check against a vocabulary: by the registry's type of each field.
_TEXT_FIELDS = {f.name for f in FIELDS[Kind.CUSTOMERS] if f.holds is Type.TEXT} & CUSTOMER_FIELDS
_ENUM_FIELDS: dict[str, type[StrEnum]] = {
    f.name: f.choices for f in FIELDS[Kind.CUSTOMERS] if f.choices is not None and f.name in CUSTOMER_FIELDS
}


# How each text field is named when it is refused (translated by the catalog).
CUSTOMER_LABELS = {
    "full_name": N_("full name"),
    "name_kana": N_("name kana"),
    "email": N_("email"),
    "phone": N_("phone"),
    "mobile": N_("mobile"),
    "postal_code": N_("postal code"),
    "address": N_("address"),
    "occupation": N_("occupation"),
    "notes": N_("notes"),
    "external_ref": N_("external id"),
    "department": N_("department"),
    "job_title": N_("job title"),
}
COMPANY_LABELS = {
    "name": N_("company name"),
    "name_kana": N_("company name kana"),
    "postal_code": N_("postal code"),
    "address": N_("address"),
    "phone": N_("company phone"),
    "industry": N_("industry"),
    "business_description": N_("business description"),
    "website": N_("website"),
    "social_accounts": N_("social accounts"),
    "notes": N_("notes"),
    "external_ref": N_("external id"),
}


def check_phone(field: str, value: str | None) -> None:
    if value and not 6 <= len(phone_key(value)) <= 15:
        raise Invalid(field, msg("{value!r} does not look like a phone number", value=shorten(value)))


def clean_customer_values(values: dict[str, Any], today: date) -> dict[str, Any]:
    """Normalise and validate what a person typed; the user's spelling is kept, only tidied (NFKC, spaces).

    Only the fields given are checked, so an importer can check a row field by field and report every error.
    """
    out: dict[str, Any] = {}
    for key, value in values.items():
        if key in _TEXT_FIELDS:
            value = model_text(Customer, key, value, CUSTOMER_LABELS.get(key))
        elif key in _ENUM_FIELDS and value is not None:
            try:
                value = _ENUM_FIELDS[key](value)
            except ValueError:
                choices = ", ".join(str(v) for v in _ENUM_FIELDS[key])
                why = msg("{value!r} is not one of {choices}", value=shorten(str(value)), choices=choices)
                raise Invalid(key.replace("_", " "), why) from None
        out[key] = value
    if "full_name" in out and not out["full_name"]:
        raise Invalid("name", msg("a customer needs a name"))
    if out.get("email"):
        out["email"] = out["email"].replace(" ", "")
        if not _EMAIL.match(out["email"]):
            raise Invalid("email", msg("{value!r} is not an e-mail address", value=shorten(out["email"])))
    check_phone("phone", out.get("phone"))
    check_phone("mobile", out.get("mobile"))
    if out.get("birth_date") and out["birth_date"] > today:
        raise Invalid("date of birth", msg("cannot be in the future"))
    return out


# Every key column derived from a customer's personal data: set together, cleared together (anonymisation).
CUSTOMER_KEYS = (
    "name_key",
    "kana_key",
    "kana_bank_key",
    "email_key",
    "phone_key",
    "mobile_key",
    "phone_tail",
    "mobile_tail",
)


def set_customer_keys(customer: Customer) -> None:
    customer.name_key = name_key(customer.full_name)
    customer.kana_key = kana_key(customer.name_kana)
    customer.kana_bank_key = bank_kana_key(customer.name_kana)
    customer.email_key = email_key(customer.email)
    customer.phone_key = phone_key(customer.phone)
    customer.mobile_key = phone_key(customer.mobile)
    customer.phone_tail = phone_tail(customer.phone_key)
    customer.mobile_tail = phone_tail(customer.mobile_key)


def clean_company_values(values: dict[str, Any]) -> dict[str, Any]:
    """Normalise and validate a company's fields (only those given, like `clean_customer_values`)."""
    out: dict[str, Any] = {
        k: model_text(Company, k, v, COMPANY_LABELS.get(k)) if isinstance(v, str) else v for k, v in values.items()
    }
    if "name" in out and not out["name"]:
        raise Invalid("company name", msg("a company needs a name"))
    check_phone("company phone", out.get("phone"))
    if out.get("employees") is not None and out["employees"] < 0:
        raise Invalid("employees", msg("cannot be negative"))
    return out


def set_company_keys(company: Company) -> None:
    company.name_key = company_key(company.name)
    company.kana_key = kana_key(company.name_kana)
    company.kana_bank_key = bank_kana_key(company.name_kana)
    company.phone_key = phone_key(company.phone)


def create_company(session: Session, actor: Actor, data: CompanyCreate) -> int:
    require(actor, Action.EDIT_CUSTOMERS)
    company = Company(**clean_company_values({f.name: getattr(data, f.name) for f in fields(CompanyCreate)}))
    set_company_keys(company)
    session.add(company)
    flush(session, lambda: msg("The company could not be saved; try again."))
    audit.record(session, actor, "company.create", "company", company.id)
    commit(session, lambda: msg("The company could not be saved; try again."))
    assert company.id is not None
    return company.id


def create_customer(
    session: Session,
    actor: Actor,
    data: CustomerCreate,
    today: date | None = None,
    custom: Mapping[str, object] | None = None,
) -> int:
    """Create a person. Call `duplicate_candidates` first to warn about likely duplicates.

    `custom`: the team's own fields by name (services.custom_fields); required ones must be given.
    """
    require(actor, Action.EDIT_CUSTOMERS)
    values = clean_customer_values(
        {f.name: getattr(data, f.name) for f in fields(CustomerCreate)}, today or clock.today()
    )
    if values["company_id"] is not None and session.get(Company, values["company_id"]) is None:
        raise Invalid("company", msg("no company with id {id}", id=values["company_id"]))
    customer = Customer(**values)
    if customer.contact_consent:
        customer.consent_at = utcnow()
    set_customer_keys(customer)
    session.add(customer)
    flush(session, lambda: msg("The customer could not be saved; try again."))
    assert customer.id is not None
    set_values(session, actor, CustomKind.CUSTOMERS, customer.id, custom or {}, creating=True)
    audit.record(session, actor, "customer.create", "customer", customer.id)
    commit(session, lambda: msg("The customer could not be saved; try again."))
    assert customer.id is not None
    return customer.id


def update_customer(
    session: Session,
    actor: Actor,
    customer_id: int,
    changes: dict[str, Any],
    *,
    expected_version: int | None = None,
    today: date | None = None,
    custom: Mapping[str, object] | None = None,
) -> int:
    """Correct a customer's profile (訂正) and their custom fields; returns the new version. Stale edits raise
    Conflict."""
    require(actor, Action.EDIT_CUSTOMERS)
    unknown = set(changes) - CUSTOMER_FIELDS
    if unknown:
        names = ", ".join(sorted(unknown))
        raise Invalid(names, msg("not a customer field"))
    customer = session.get(Customer, customer_id, populate_existing=True)
    if customer is None:
        raise NotFound(msg("Customer {id} does not exist.", id=customer_id))
    stale = msg(
        "Customer {id} was changed by someone else after you opened it. Nothing was saved; reload.", id=customer_id
    )
    if expected_version is not None and customer.version != expected_version:
        raise Conflict(stale)
    values = clean_customer_values(changes, today or clock.today())
    if values.get("company_id") is not None and session.get(Company, values["company_id"]) is None:
        raise Invalid("company", msg("no company with id {id}", id=values["company_id"]))
    changed = {k: v for k, v in values.items() if getattr(customer, k) != v}
    own = set_values(session, actor, CustomKind.CUSTOMERS, customer_id, custom or {})
    if not changed and not own:
        return customer.version
    for key, value in changed.items():
        setattr(customer, key, value)
    if changed.get("contact_consent"):
        customer.consent_at = utcnow()
    set_customer_keys(customer)
    customer.updated_at = utcnow()
    session.add(customer)
    # The customer's name and company are indexed with each of their tickets.
    if {"full_name", "company_id"} & changed.keys():
        queue_customer_tickets(session, customer_id)
    audit.record(session, actor, "customer.update", "customer", customer_id, fields=sorted([*changed, *own]))
    commit(session, lambda: stale)
    return customer.version


@dataclass(frozen=True)
class DuplicateCandidate:
    customer: CustomerSummary
    reasons: tuple[str, ...]


def duplicate_candidates(
    session: Session, actor: Actor, data: CustomerCreate, exclude_id: int | None = None
) -> list[DuplicateCandidate]:
    """Existing customers that are probably the same person: same phone, same e-mail, or same name + company."""
    require(actor, Action.VIEW_CUSTOMERS)
    phones = {k for k in (phone_key(data.phone), phone_key(data.mobile)) if k}
    email = email_key(data.email)
    name = name_key(data.full_name)
    conditions: list[ColumnElement[bool]] = []
    if phones:
        conditions += [col(Customer.phone_key).in_(phones), col(Customer.mobile_key).in_(phones)]
    if email:
        conditions.append(col(Customer.email_key) == email)
    if name:
        company = col(Customer.company_id)
        same_company = company == data.company_id if data.company_id else company.is_(None)
        conditions.append((col(Customer.name_key) == name) & same_company)
    if not conditions:
        return []
    active = col(Customer.merged_into_id).is_(None)
    query = select(Customer).where(or_(*conditions), active).order_by(col(Customer.id)).limit(50)
    found = [c for c in session.exec(query).all() if c.id != exclude_id]
    candidates = []
    for customer, summary in zip(found, customer_summaries(session, found), strict=True):
        reasons = []
        if phones & {customer.phone_key, customer.mobile_key}:
            reasons.append("same phone")
        if email and customer.email_key == email:
            reasons.append("same e-mail")
        if name and customer.name_key == name and customer.company_id == data.company_id:
            reasons.append("same name and company" if data.company_id else "same name")
        candidates.append(DuplicateCandidate(summary, tuple(reasons)))
    return candidates


def company_members(session: Session, actor: Actor, company_id: int) -> list[CustomerSummary]:
    """The people recorded at one company, decision-makers first."""
    require(actor, Action.VIEW_CUSTOMERS)
    # The company's name joined in, not read by a second statement (a round trip on PostgreSQL, issue 20).
    query = (
        select(Customer, Company.name)
        .outerjoin(Company, col(Company.id) == Customer.company_id)
        .where(Customer.company_id == company_id, col(Customer.merged_into_id).is_(None))
        .order_by(col(Customer.is_decision_maker).desc(), col(Customer.kana_key), col(Customer.id))
    )
    return [summary_of(customer, name) for customer, name in session.exec(query).all()]
