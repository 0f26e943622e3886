"""Everything an agent needs on screen about one caller, read in one session (顧客360)."""

from dataclasses import dataclass, fields
from datetime import date
from typing import Any, TypeVar

import sqlalchemy as sa
from sqlalchemy import func
from sqlmodel import Session, col, select

from supportdesk.errors import NotFound
from supportdesk.i18n import msg
from supportdesk.models import OPEN_STATUSES, Company, Customer, Subscription, Ticket
from supportdesk.services import audit, users
from supportdesk.services.actor import Action, Actor, require
from supportdesk.services.commerce import list_purchases, list_subscriptions
from supportdesk.services.custom_fields import CustomKind, custom_values, fields_exist
from supportdesk.services.customers import company_members
from supportdesk.services.readmodels import CustomerSummary, CustomValueView, PurchaseView, SubscriptionView, TicketRow
from supportdesk.services.rfm import Rfm, purchase_figures, rfm_of
from supportdesk.services.ticket_queries import TicketFilter, TicketSort, list_tickets

RENEWAL_SOON_DAYS = 30
# A customer of many years may have thousands of purchases and tickets: the 360 shows the latest of each.
TICKETS_SHOWN = 200
PURCHASES_SHOWN = 500


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
    # The lists above hold the latest TICKETS_SHOWN tickets and PURCHASES_SHOWN purchases; these count them all.
    ticket_count: int = 0
    open_ticket_count: int = 0
    purchase_count: int = 0
    purchase_total: int = 0  # yen, every purchase
    # The team's own customer fields (品番, 契約種別, …) in form order; a field not set has value None.
    custom: tuple[CustomValueView, ...] = ()

    def renewal_soon(self, sub: SubscriptionView) -> bool:
        """A live subscription renewing within 30 days: worth mentioning on the call."""
        return (
            sub.active and sub.renewal_on is not None and 0 <= (sub.renewal_on - self.today).days <= RENEWAL_SOON_DAYS
        )


_Profile = TypeVar("_Profile", CustomerProfile, CompanyProfile)


def copy_profile(target: type[_Profile], source: object) -> _Profile:
    return target(**{f.name: _plain(getattr(source, f.name)) for f in fields(target)})


def _plain(value: object) -> Any:  # a column's value, whatever its type
    # StrEnum columns come back as enum members or strings depending on the path; screens want plain strings.
    return str(value) if hasattr(value, "value") and isinstance(value, str) else value


def _customer_with_figures(actor: Actor, customer_id: int, today: date) -> sa.Select[Any]:
    """The customer, their company (or None), their ticket counts, their purchase figures, whether `actor`
    viewed them lately (`seen`), whether they have subscriptions and the desk fields of its own for customers
    (what is not there is not asked for), as one row.

    One statement: on PostgreSQL each is a round trip (issue 20). Each figure is an aggregate subquery over the
    customer's own index range, which gives exactly one row, so joining them to the customer keeps one row.
    """
    ticket_counts = (
        select(
            func.count().label("ticket_count"),
            func.count()
            .filter(col(Ticket.status).in_(sorted(str(s) for s in OPEN_STATUSES)))
            .label("open_ticket_count"),
        )
        .where(Ticket.customer_id == customer_id)
        .subquery("ticket_counts")
    )
    purchases = purchase_figures(customer_id, today)
    return (
        sa.select(
            Customer,
            Company,
            ticket_counts,
            purchases,
            audit.viewed_lately(actor, "customer", customer_id).label("seen"),
            sa.exists().where(col(Subscription.customer_id) == customer_id).label("has_subscriptions"),
            fields_exist(CustomKind.CUSTOMERS).label("has_fields"),
        )
        .outerjoin(Company, col(Company.id) == Customer.company_id)
        .join(ticket_counts, sa.true())
        .join(purchases, sa.true())
        .where(col(Customer.id) == customer_id)
    )


def customer_360(session: Session, actor: Actor, customer_id: int, today: date) -> Customer360:
    """Profile, company, RFM, purchases, subscriptions, tickets and colleagues of one customer.

    Viewing a profile is recorded in the audit log (who looked at whose personal data).
    """
    return audit.recorded(session, actor, read_customer_360(session, actor, customer_id, today))


def read_customer_360(session: Session, actor: Actor, customer_id: int, today: date) -> audit.Viewed[Customer360]:
    """`customer_360` without writing: the 360, and the look to record, if any. Sends only SELECTs, so the desk can
    read it outside a transaction (issue 20) and record the look afterwards."""
    require(actor, Action.VIEW_CUSTOMERS)
    account = users.account_columns(session)
    found = session.execute(_customer_with_figures(actor, customer_id, today).add_columns(*account)).first()
    if found is None:
        raise NotFound(msg("Customer {id} does not exist.", id=customer_id))
    users.settle_account(session, found[len(found) - len(account) :])
    customer, company = found.Customer, found.Company
    colleagues: tuple[CustomerSummary, ...] = ()
    if company is not None and company.id is not None:
        colleagues = tuple(c for c in company_members(session, actor, company.id) if c.id != customer_id)
    tickets = list_tickets(
        session, actor, TicketFilter(customer_id=customer_id), sort=TicketSort.UPDATED, limit=TICKETS_SHOWN
    )
    result = Customer360(
        profile=copy_profile(CustomerProfile, customer),
        company=copy_profile(CompanyProfile, company) if company else None,
        rfm=rfm_of(found, today),
        purchases=tuple(list_purchases(session, actor, customer_id, limit=PURCHASES_SHOWN)),
        subscriptions=tuple(list_subscriptions(session, actor, customer_id)) if found.has_subscriptions else (),
        tickets=tuple(tickets),
        colleagues=colleagues,
        today=today,
        ticket_count=int(found.ticket_count),
        open_ticket_count=int(found.open_ticket_count),
        purchase_count=int(found.purchase_count),
        purchase_total=int(found.purchase_total),
        custom=tuple(custom_values(session, actor, CustomKind.CUSTOMERS, customer_id)) if found.has_fields else (),
    )
    # Once per agent and customer per VIEW_WINDOW, as a ticket's views: a 360 opened again a minute later is the
    # same look, and each record is a transaction of its own (four round trips on PostgreSQL, issue 20).
    return audit.Viewed(result, audit.view_to_record("customer", customer_id, seen=bool(found.seen)))
