"""Subscriptions as a lead follows them: the renewals coming up (契約更新予定) and why customers cancel (解約理由).

The renewals list names customers, so reading it is audited (one event per read, with how many it listed). The
cancellation report counts subscriptions cancelled in a period by reason, with the same period rules as the other
reports (whole local days, first to last inclusive).
"""

from dataclasses import dataclass
from datetime import date, timedelta

from sqlalchemy import func
from sqlmodel import Session, col, select
from sqlmodel.sql.expression import Select

from supportdesk.errors import Invalid
from supportdesk.i18n import msg
from supportdesk.models import CancelReason, Company, Customer, Product, Subscription
from supportdesk.services import audit
from supportdesk.services.actor import Action, Actor, require
from supportdesk.services.reports import Period

HORIZONS = (30, 60, 90)
NOT_GIVEN = "not_given"  # a cancellation imported with words only, or none


@dataclass(frozen=True)
class RenewalRow:
    subscription_id: int
    customer_id: int
    customer_name: str
    company_name: str | None
    product_name: str
    contract_on: date
    renewal_on: date
    days_left: int


@dataclass(frozen=True)
class CancellationRow:
    reason: str  # a CancelReason value, or NOT_GIVEN
    count: int
    share_pct: float


@dataclass(frozen=True)
class CancellationReport:
    start: date
    end: date
    total: int
    rows: tuple[CancellationRow, ...]


_RenewalQuery = Select[Subscription, str, str | None, str]


def upcoming_renewals(session: Session, actor: Actor, days: int, today: date, *, limit: int = 1000) -> list[RenewalRow]:
    """Live subscriptions renewing from `today` to `days` days ahead, soonest first (leads and admins)."""
    require(actor, Action.VIEW_REPORTS)
    if not 1 <= days <= 366:
        raise Invalid("days", msg("between 1 and 366 days"))
    until = today + timedelta(days=days)
    query = (
        _RenewalQuery(Subscription, col(Customer.full_name), col(Company.name), col(Product.name))
        .join(Customer, col(Customer.id) == Subscription.customer_id)
        .outerjoin(Company, col(Company.id) == Customer.company_id)
        .join(Product, col(Product.id) == Subscription.product_id)
        .where(
            col(Subscription.cancelled_on).is_(None),
            col(Subscription.renewal_on) >= today,
            col(Subscription.renewal_on) <= until,
        )
        .order_by(col(Subscription.renewal_on), col(Subscription.id))
        .limit(limit)
    )
    rows = []
    for sub, name, company, product in session.exec(query).all():
        assert sub.id is not None and sub.renewal_on is not None
        rows.append(
            RenewalRow(
                subscription_id=sub.id,
                customer_id=sub.customer_id,
                customer_name=name,
                company_name=company,
                product_name=product,
                contract_on=sub.contract_on,
                renewal_on=sub.renewal_on,
                days_left=(sub.renewal_on - today).days,
            )
        )
    audit.record(session, actor, "report.renewals", "report", None, days=days, customers=len(rows))
    session.commit()
    return rows


def cancellations_by_reason(session: Session, actor: Actor, period: Period) -> CancellationReport:
    """Subscriptions cancelled in `period`, counted per reason (every reason listed, most first)."""
    require(actor, Action.VIEW_REPORTS)
    if period.end < period.start:
        raise Invalid("period", msg("{end} is before {start}", end=period.end, start=period.start))
    query = (
        select(Subscription.cancel_category, func.count())
        .where(col(Subscription.cancelled_on) >= period.start, col(Subscription.cancelled_on) <= period.end)
        .group_by(col(Subscription.cancel_category))
    )
    counts: dict[str, int] = {reason.value: 0 for reason in CancelReason}
    counts[NOT_GIVEN] = 0
    for category, count in session.exec(query).all():
        counts[category if category in counts else NOT_GIVEN] += int(count)
    total = sum(counts.values())
    order = [*CancelReason, NOT_GIVEN]
    rows = sorted(
        (
            CancellationRow(reason, count, round(100 * count / total, 1) if total else 0.0)
            for reason, count in counts.items()
        ),
        key=lambda row: (-row.count, order.index(row.reason)),
    )
    return CancellationReport(period.start, period.end, total, tuple(rows))
