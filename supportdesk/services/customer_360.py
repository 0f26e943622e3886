"""Everything an agent needs on screen about one caller, read in one session (顧客360)."""

from dataclasses import dataclass, fields
from datetime import date

from sqlmodel import Session

from supportdesk.errors import NotFound
from supportdesk.models import Company, Customer
from supportdesk.services import audit
from supportdesk.services.actor import Action, Actor, require
from supportdesk.services.commerce import list_purchases, list_subscriptions
from supportdesk.services.customers import company_members
from supportdesk.services.readmodels import CustomerSummary, PurchaseView, SubscriptionView, TicketRow
from supportdesk.services.rfm import Rfm, customer_rfm
from supportdesk.services.ticket_queries import TicketFilter, TicketSort, list_tickets

RENEWAL_SOON_DAYS = 30


@dataclass(frozen=True)
class CompanyProfile:
    id: int
    name: str
    name_kana: str | None
    postal_code: str | None
    address: str | None
    phone: str | None
    industry: str | None
    business_description: str | None
    founded_on: date | None
    employees: int | None
    website: str | None
    social_accounts: str | None
    notes: str | None


@dataclass(frozen=True)
class CustomerProfile:
    id: int
    full_name: str
    name_kana: str | None
    email: str | None
    phone: str | None
    mobile: str | None
    postal_code: str | None
    address: str | None
    gender: str | None
    birth_date: date | None
    occupation: str | None
    rank: str
    acquisition_channel: str | None
    contact_consent: bool
    notes: str | None
    company_id: int | None
    department: str | None
    job_title: str | None
    is_decision_maker: bool
    version: int


@dataclass(frozen=True)
class Customer360:
    profile: CustomerProfile
    company: CompanyProfile | None
    rfm: Rfm
    purchases: tuple[PurchaseView, ...]
    subscriptions: tuple[SubscriptionView, ...]
    tickets: tuple[TicketRow, ...]
    colleagues: tuple[CustomerSummary, ...]
    today: date

    @property
    def purchase_total(self) -> int:
        return sum(p.amount for p in self.purchases)

    def renewal_soon(self, sub: SubscriptionView) -> bool:
        """A live subscription renewing within 30 days: worth mentioning on the call."""
        return (
            sub.active and sub.renewal_on is not None and 0 <= (sub.renewal_on - self.today).days <= RENEWAL_SOON_DAYS
        )


def _copy(target: type, source: object) -> object:
    return target(**{f.name: _plain(getattr(source, f.name)) for f in fields(target)})


def _plain(value: object) -> object:
    # StrEnum columns come back as enum members or strings depending on the path; screens want plain strings.
    return str(value) if hasattr(value, "value") and isinstance(value, str) else value


def customer_360(session: Session, actor: Actor, customer_id: int, today: date) -> Customer360:
    """Profile, company, RFM, purchases, subscriptions, tickets and colleagues of one customer.

    Viewing a profile is recorded in the audit log (who looked at whose personal data).
    """
    require(actor, Action.VIEW_CUSTOMERS)
    customer = session.get(Customer, customer_id)
    if customer is None:
        raise NotFound(f"Customer {customer_id} does not exist.")
    company = session.get(Company, customer.company_id) if customer.company_id else None
    colleagues: tuple[CustomerSummary, ...] = ()
    if company is not None and company.id is not None:
        colleagues = tuple(c for c in company_members(session, actor, company.id) if c.id != customer_id)
    tickets = list_tickets(session, actor, TicketFilter(customer_id=customer_id), sort=TicketSort.UPDATED, limit=200)
    result = Customer360(
        profile=_copy(CustomerProfile, customer),  # type: ignore[arg-type]
        company=_copy(CompanyProfile, company) if company else None,  # type: ignore[arg-type]
        rfm=customer_rfm(session, actor, customer_id, today),
        purchases=tuple(list_purchases(session, actor, customer_id)),
        subscriptions=tuple(list_subscriptions(session, actor, customer_id)),
        tickets=tuple(tickets),
        colleagues=colleagues,
        today=today,
    )
    audit.record(session, actor, "customer.view", "customer", customer_id)
    session.commit()
    return result
