"""Customers and companies entered by hand, in the app's forms and with `customer`/`company add|show|edit`.

Values arrive as people type them (`FIELD=VALUE`, the field named as the registry or a spreadsheet names it) and
go through the same rules as every other path (services.customers, services.custom_fields). A customer's company
is given by its number or its name (however its legal form is written: (株)さくら = 株式会社さくら).
"""

from collections.abc import Mapping
from dataclasses import dataclass, fields
from datetime import date
from typing import Any

from sqlmodel import Session, col, select

from supportdesk.errors import Conflict, Invalid, NotFound
from supportdesk.fields import Kind
from supportdesk.i18n import msg
from supportdesk.importing.assignments import read_assignments
from supportdesk.models import Company, Customer, Ticket
from supportdesk.models.base import utcnow
from supportdesk.normalize import company_key
from supportdesk.services import audit
from supportdesk.services.actor import Action, Actor, require
from supportdesk.services.custom_fields import CustomKind, active_fields, custom_values, filter_value, value_filter
from supportdesk.services.customer_360 import CompanyProfile, CustomerProfile, copy_profile
from supportdesk.services.customers import (
    CUSTOMER_FIELDS,
    CompanyCreate,
    CustomerCreate,
    clean_company_values,
    company_members,
    create_company,
    create_customer,
    set_company_keys,
    update_customer,
)
from supportdesk.services.readmodels import CustomerSummary, CustomValueView
from supportdesk.services.reindex import queue_for_search
from supportdesk.services.summaries import customer_summary
from supportdesk.services.unit import commit
from supportdesk.untrusted import shorten

COMPANY_FIELDS = frozenset(f.name for f in fields(CompanyCreate))
# What a person may set on a customer: the registry's customer fields the services keep, and the company by name.
CUSTOMER_INPUT = (CUSTOMER_FIELDS | {"company"}) - {"company_id"}


@dataclass(frozen=True)
class CustomerRecord:
    """One customer as `customer show` prints it: the profile, their company, the team's own fields."""

    profile: CustomerProfile
    company: CompanyProfile | None
    custom: tuple[CustomValueView, ...]


@dataclass(frozen=True)
class CompanyRecord:
    profile: CompanyProfile
    version: int
    people: tuple[CustomerSummary, ...]  # decision-makers (決裁権者) first


def find_company(session: Session, given: object) -> int | None:
    """A company by its number or its name however its legal form is written; None for an empty value."""
    if given is None or given == "":
        return None
    if isinstance(given, int) or (isinstance(given, str) and given.strip().isdigit()):
        number = int(str(given).strip())
        if session.get(Company, number) is None:
            raise Invalid("company", msg("no company with number {number}", number=number))
        return number
    name = shorten(str(given))
    key = company_key(str(given))
    found = session.exec(select(Company.id).where(Company.name_key == key).limit(2)).all()
    if not found:
        raise Invalid(
            "company",
            msg("no company called {name}; add it first (company add)", name=name),
            app_why=msg(
                "no company called {name}; type its whole name or its number, or create it first: New company in "
                "the commands (ctrl+p)",
                name=name,
            ),
        )
    if len(found) > 1:
        raise Invalid("company", msg("more than one company is called {name}; give its number", name=name))
    return found[0]


def _customer_values(session: Session, given: Mapping[str, str]) -> tuple[dict[str, Any], dict[str, str | None]]:
    names = [f.name for f in active_fields(session, CustomKind.CUSTOMERS)]
    values, custom = read_assignments(Kind.CUSTOMERS, given, CUSTOMER_INPUT, names)
    if "company" in values:
        values["company_id"] = find_company(session, values.pop("company"))
    return values, custom


def add_customer(session: Session, actor: Actor, given: Mapping[str, str], today: date | None = None) -> int:
    """A new customer from FIELD=VALUE pairs (full_name / 氏名 required); returns their number."""
    require(actor, Action.EDIT_CUSTOMERS)
    values, custom = _customer_values(session, given)
    if not values.get("full_name"):
        raise Invalid("name", msg("a customer needs a name"))
    known = {name: value for name, value in values.items() if value is not None}
    return create_customer(session, actor, CustomerCreate(**known), today, custom=custom)


def edit_customer(
    session: Session,
    actor: Actor,
    customer_id: int,
    given: Mapping[str, str],
    expected_version: int | None = None,
    today: date | None = None,
) -> int:
    """Change the fields given (an empty value clears one); returns the record's new version."""
    require(actor, Action.EDIT_CUSTOMERS)
    values, custom = _customer_values(session, given)
    return update_customer(
        session, actor, customer_id, values, expected_version=expected_version, today=today, custom=custom
    )


def customer_record(session: Session, actor: Actor, customer_id: int) -> CustomerRecord:
    """One customer's profile, company and own fields; reading it is audited like the 360."""
    require(actor, Action.VIEW_CUSTOMERS)
    customer = session.get(Customer, customer_id)
    if customer is None:
        raise NotFound(msg("Customer {id} does not exist.", id=customer_id))
    company = session.get(Company, customer.company_id) if customer.company_id else None
    record = CustomerRecord(
        profile=copy_profile(CustomerProfile, customer),
        company=copy_profile(CompanyProfile, company) if company else None,
        custom=tuple(custom_values(session, actor, CustomKind.CUSTOMERS, customer_id)),
    )
    audit.record_view(session, actor, "customer", customer_id)
    return record


# ---- companies ------------------------------------------------------------------------------------------------


def _company_values(given: Mapping[str, str]) -> dict[str, Any]:
    values, _custom = read_assignments(Kind.COMPANIES, given, COMPANY_FIELDS)
    return values


def add_company(session: Session, actor: Actor, given: Mapping[str, str]) -> int:
    """A new company from FIELD=VALUE pairs (name / 会社名 required); returns its number."""
    require(actor, Action.EDIT_CUSTOMERS)
    values = _company_values(given)
    if not values.get("name"):
        raise Invalid("company name", msg("a company needs a name"))
    return create_company(session, actor, CompanyCreate(**{k: v for k, v in values.items() if v is not None}))


def edit_company(
    session: Session,
    actor: Actor,
    company_id: int,
    given: Mapping[str, str] | Mapping[str, Any],
    expected_version: int | None = None,
    *,
    parsed: bool = False,
) -> int:
    """Change a company's fields (an empty value clears one; the name cannot be cleared); returns its version.

    `parsed`: the values are already typed (a form's date and number inputs), not text to read.
    """
    require(actor, Action.EDIT_CUSTOMERS)
    company = session.get(Company, company_id, populate_existing=True)
    if company is None:
        raise NotFound(msg("Company {id} does not exist.", id=company_id))
    stale = f"Company {company_id} was changed by someone else after you opened it. Nothing was saved; reload."
    if expected_version is not None and company.version != expected_version:
        raise Conflict(stale)
    raw = dict(given) if parsed else _company_values(given)
    if unknown := set(raw) - COMPANY_FIELDS:
        raise Invalid(sorted(unknown)[0], msg("not a company field"))
    values = clean_company_values(raw)
    changed = {k: v for k, v in values.items() if getattr(company, k) != v}
    if not changed:
        return company.version
    for name, value in changed.items():
        setattr(company, name, value)
    set_company_keys(company)
    company.updated_at = utcnow()
    session.add(company)
    if "name" in changed:
        # The company's name is indexed with each ticket of its people.
        people = select(Customer.id).where(Customer.company_id == company_id)
        tickets = session.exec(select(Ticket.id).where(col(Ticket.customer_id).in_(people))).all()
        queue_for_search(session, [t for t in tickets if t is not None])
    audit.record(session, actor, "company.update", "company", company_id, fields=sorted(changed))
    commit(session, lambda: stale)
    return company.version


def company_record(session: Session, actor: Actor, company_id: int) -> CompanyRecord:
    """A company with its people (decision-makers first); reading it is audited (it lists people)."""
    require(actor, Action.VIEW_CUSTOMERS)
    company = session.get(Company, company_id)
    if company is None:
        raise NotFound(msg("Company {id} does not exist.", id=company_id))
    record = CompanyRecord(
        profile=copy_profile(CompanyProfile, company),
        version=company.version,
        people=tuple(company_members(session, actor, company_id)),
    )
    audit.record_view(session, actor, "company", company_id)
    return record


def find_companies(session: Session, actor: Actor, text: str, limit: int = 20) -> list[CompanyProfile]:
    """Companies whose name starts like `text` (however the legal form is written), for a form's picker."""
    require(actor, Action.VIEW_CUSTOMERS)
    key = company_key(text)
    query = select(Company).order_by(col(Company.name_key)).limit(limit)
    if key:
        query = query.where(col(Company.name_key).startswith(key, autoescape=True))
    return [copy_profile(CompanyProfile, c) for c in session.exec(query).all()]


def list_customers(session: Session, actor: Actor, limit: int = 200) -> list[CustomerSummary]:
    """Customers in kana order (a merged one only as the customer it became), for `customer list` without a filter."""
    require(actor, Action.VIEW_CUSTOMERS)
    query = (
        select(Customer)
        .where(col(Customer.merged_into_id).is_(None))
        .order_by(col(Customer.kana_key) == "", col(Customer.kana_key), col(Customer.id))  # no kana: last
        .limit(limit)
    )
    return [customer_summary(session, c) for c in session.exec(query).all()]


def customers_by_field(
    session: Session, actor: Actor, name: str, value: str, limit: int = 200, contains: bool = False
) -> list[CustomerSummary]:
    """Customers whose own field `name` holds `value` (as the field reads it: 2027/3/31 finds 2027-03-31), or
    whose text field holds it anywhere (`contains`)."""
    require(actor, Action.VIEW_CUSTOMERS)
    field_id, canonical = filter_value(session, CustomKind.CUSTOMERS, name, value, contains)
    query = (
        select(Customer)
        .where(value_filter(CustomKind.CUSTOMERS, field_id, canonical, Customer.id, contains))
        .where(col(Customer.merged_into_id).is_(None))
        .order_by(col(Customer.kana_key), col(Customer.id))
        .limit(limit)
    )
    return [customer_summary(session, c) for c in session.exec(query).all()]
