"""A customer in one line (CustomerSummary), for lists: lookup results, a company's people, duplicates, a ticket."""

from collections.abc import Iterable

from sqlmodel import Session, col, select

from supportdesk.models import Company, Customer
from supportdesk.services.readmodels import CustomerSummary


def summary(customer: Customer, company_name: str | None) -> CustomerSummary:
    """A customer's summary with their company's name (read by the caller: see `customer_summaries`)."""
    assert customer.id is not None
    return CustomerSummary(
        id=customer.id,
        full_name=customer.full_name,
        name_kana=customer.name_kana,
        company_id=customer.company_id,
        company_name=company_name,
        department=customer.department,
        phone=customer.phone,
        mobile=customer.mobile,
        email=customer.email,
        rank=str(customer.rank),
        version=customer.version,
        is_decision_maker=customer.is_decision_maker,
    )


def customer_summary(session: Session, customer: Customer) -> CustomerSummary:
    """One customer's summary (their company read by primary key, or found in the session)."""
    company = session.get(Company, customer.company_id) if customer.company_id is not None else None
    return summary(customer, company.name if company else None)


def company_names(session: Session, company_ids: Iterable[int | None]) -> dict[int, str]:
    """The names of these companies in one query: a list of 30 people is not 30 round trips."""
    wanted = {i for i in company_ids if i is not None}
    if not wanted:
        return {}
    query = select(Company.id, Company.name).where(col(Company.id).in_(wanted))
    return {i: name for i, name in session.exec(query) if i is not None}


def customer_summaries(session: Session, customers: Iterable[Customer]) -> list[CustomerSummary]:
    """Summaries of many customers, their companies read in one query."""
    people = list(customers)
    names = company_names(session, (c.company_id for c in people))
    return [summary(c, names.get(c.company_id) if c.company_id is not None else None) for c in people]
