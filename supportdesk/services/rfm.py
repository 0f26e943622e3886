"""RFM (recency, frequency, monetary) scores, 1–5 each, and the segment an agent sees at a glance.

Pure scoring functions plus one query. Thresholds are fixed yen/day bands rather than quantiles of the customer
base, so a customer's segment does not move when other customers buy, and an agent can explain it on the phone.
"""

from dataclasses import dataclass
from datetime import date, timedelta
from enum import StrEnum
from typing import Any

import sqlalchemy as sa
from sqlalchemy import Row, Subquery, func
from sqlmodel import Session, col

from supportdesk.i18n import pN_
from supportdesk.models import Purchase
from supportdesk.services.actor import Action, Actor, require

WINDOW_DAYS = 365
RECENCY_DAYS = (30, 90, 180, 365)  # at most this many days since the last purchase scores 5, 4, 3, 2
FREQUENCY_COUNTS = (2, 3, 5, 10)  # at least this many purchases in the window scores 2, 3, 4, 5
MONETARY_YEN = (10_000, 50_000, 150_000, 500_000)  # at least this much in the window scores 2, 3, 4, 5


class Segment(StrEnum):
    CHAMPION = "champion"
    LOYAL = "loyal"
    NEW = "new"
    PROMISING = "promising"
    AT_RISK = "at_risk"
    LAPSED = "lapsed"
    NEEDS_ATTENTION = "needs_attention"
    NO_PURCHASES = "no_purchases"


# What an agent reads for each segment (t(SEGMENT_LABELS[segment]); Japanese in the catalog: 優良顧客 …).
SEGMENT_LABELS: dict[Segment, str] = {
    Segment.CHAMPION: pN_("segment", "Champion"),
    Segment.LOYAL: pN_("segment", "Loyal"),
    Segment.NEW: pN_("segment", "New"),
    Segment.PROMISING: pN_("segment", "Promising"),
    Segment.AT_RISK: pN_("segment", "At risk"),
    Segment.LAPSED: pN_("segment", "Lapsed"),
    Segment.NEEDS_ATTENTION: pN_("segment", "Needs attention"),
    Segment.NO_PURCHASES: pN_("segment", "No purchases"),
}


@dataclass(frozen=True)
class Rfm:
    recency_days: int | None
    frequency: int
    monetary: int
    r: int
    f: int
    m: int
    segment: Segment

    @property
    def code(self) -> str:
        return f"R{self.r}F{self.f}M{self.m}"


def score_recency(days: int | None) -> int:
    if days is None:
        return 1
    return 5 - sum(days > limit for limit in RECENCY_DAYS)


def score_frequency(count: int) -> int:
    return 1 + sum(count >= limit for limit in FREQUENCY_COUNTS)


def score_monetary(yen: int) -> int:
    return 1 + sum(yen >= limit for limit in MONETARY_YEN)


def segment(r: int, f: int, m: int, has_purchases: bool = True) -> Segment:
    if not has_purchases:
        return Segment.NO_PURCHASES
    if r >= 4 and f >= 4 and m >= 4:
        return Segment.CHAMPION
    if r >= 3 and f >= 4:
        return Segment.LOYAL
    if r >= 4 and f == 1:
        return Segment.NEW
    if r >= 4:
        return Segment.PROMISING
    if r <= 2 and f >= 3:
        return Segment.AT_RISK
    if r == 1:
        return Segment.LAPSED
    return Segment.NEEDS_ATTENTION


def score(last_purchase: date | None, count: int, total_yen: int, today: date) -> Rfm:
    days = (today - last_purchase).days if last_purchase else None
    r, f, m = score_recency(days), score_frequency(count), score_monetary(total_yen)
    return Rfm(days, count, total_yen, r, f, m, segment(r, f, m, has_purchases=last_purchase is not None))


def purchase_figures(customer_id: int, today: date) -> Subquery:
    """One row of a customer's purchase figures: `purchase_count` and `purchase_total` of all purchases, the
    `last_purchase` date, and `window_count` and `window_total` over the RFM window (the last WINDOW_DAYS days).

    One statement where there were three: the 360 counted all purchases, RFM read the last date and the window
    (each statement is a round trip on PostgreSQL, issue 20). The rows are the customer's own index range either way.
    """
    in_window = col(Purchase.purchased_on) > today - timedelta(days=WINDOW_DAYS)
    return (
        sa.select(
            func.count().label("purchase_count"),
            func.coalesce(func.sum(Purchase.amount), 0).label("purchase_total"),
            func.max(Purchase.purchased_on).label("last_purchase"),
            func.count().filter(in_window).label("window_count"),
            func.coalesce(func.sum(Purchase.amount).filter(in_window), 0).label("window_total"),
        )
        .where(col(Purchase.customer_id) == customer_id)
        .subquery("purchase_figures")
    )


def rfm_of(figures: Row[Any], today: date) -> Rfm:
    """RFM from a row of `purchase_figures`: recency from the last purchase ever, the rest over the window."""
    return score(figures.last_purchase, int(figures.window_count), int(figures.window_total), today)


def customer_rfm(session: Session, actor: Actor, customer_id: int, today: date) -> Rfm:
    """RFM of one customer: recency from the last purchase ever, frequency and money over the last year."""
    require(actor, Action.VIEW_CUSTOMERS)
    return rfm_of(session.execute(sa.select(purchase_figures(customer_id, today))).one(), today)
