"""Products, purchases over the last two years and subscriptions (購入履歴) of the demo desk. Money is integer yen."""

import itertools
from datetime import date, datetime, timedelta
from typing import NamedTuple

from supportdesk.demo.catalogue import CLOUD, PRODUCTS, SUPPLIES, SUPPORT, DemoProduct
from supportdesk.demo.context import Batch, DemoContext
from supportdesk.demo.vocab import CANCEL_REASONS
from supportdesk.models import CustomerRank

HISTORY_DAYS = 730
# Consumers rarely buy support plans or business software; companies buy everything, often several at once.
# Contracts are fewer than one-off sales: each customer signs a plan once, then renews it.
_B2C_CUM = tuple(itertools.accumulate((1 if p.business else 6) / (3 if p.term_months else 1) for p in PRODUCTS))
_B2B_CUM = tuple(itertools.accumulate((6 if p.business else 2) / (3 if p.term_months else 1) for p in PRODUCTS))


class PurchaseRef(NamedTuple):
    """A purchase as the ticket stage sees it (to link an inquiry to what it concerns)."""

    id: int
    on: date
    sku: str
    order_ref: str | None
    amount: int


def add_months(day: date, months: int) -> date:
    # Renewals fall on the same day of the month; days past the 28th move to the 28th so every month has one.
    index = day.year * 12 + day.month - 1 + months
    return date(index // 12, index % 12 + 1, min(day.day, 28))


def next_renewal(contract_on: date, term_months: int, today: date) -> date:
    renewal = add_months(contract_on, term_months)
    step = term_months
    while renewal < today:
        step += term_months
        renewal = add_months(contract_on, step)
    return renewal


def product_rows(ctx: DemoContext, batch: Batch) -> None:
    created = ctx.now - timedelta(days=HISTORY_DAYS + 200)
    for product in PRODUCTS:
        product_id = ctx.ids.next("product")
        ctx.product_ids[product.sku] = product_id
        batch.add(
            "product",
            {
                "id": product_id,
                "sku": product.sku,
                "name": product.name,
                "category": product.category,
                "unit_price": product.unit_price,
                "is_subscription": bool(product.term_months),
                "created_at": created,
            },
        )


def purchase(
    ctx: DemoContext,
    batch: Batch,
    customer_id: int,
    product: DemoProduct,
    on: date,
    quantity: int,
    order_ref: str | None,
    at: datetime,
) -> PurchaseRef:
    purchase_id = ctx.ids.next("purchase")
    batch.add(
        "purchase",
        {
            "id": purchase_id,
            "customer_id": customer_id,
            "product_id": ctx.product_ids[product.sku],
            "unit_price": product.unit_price,
            "quantity": quantity,
            "amount": product.unit_price * quantity,
            "purchased_on": on,
            "order_ref": order_ref,
            "created_at": at,
        },
    )
    return PurchaseRef(purchase_id, on, product.sku, order_ref, product.unit_price * quantity)


def subscription(
    ctx: DemoContext,
    batch: Batch,
    customer_id: int,
    product: DemoProduct,
    contract_on: date,
    at: datetime,
    *,
    cancelled_on: date | None = None,
    reason: str | None = None,
) -> None:
    batch.add(
        "subscription",
        {
            "id": ctx.ids.next("subscription"),
            "customer_id": customer_id,
            "product_id": ctx.product_ids[product.sku],
            "contract_on": contract_on,
            # A cancelled contract has no renewal ahead of it.
            "renewal_on": None if cancelled_on else next_renewal(contract_on, product.term_months, ctx.today),
            "cancelled_on": cancelled_on,
            "cancel_reason": reason,
            "created_at": at,
        },
    )


def order_ref(ctx: DemoContext, on: date) -> str:
    return f"SO-{on:%Y%m%d}-{ctx.ids.next('order'):06d}"


def _quantity(ctx: DemoContext, product: DemoProduct, b2b: bool) -> int:
    rng = ctx.rng
    if product.category in (CLOUD, SUPPORT) or product.unit_price >= 80_000:
        return 1 if not b2b or rng.random() < 0.8 else rng.randint(2, 3)
    if product.category == SUPPLIES:
        return rng.randint(1, 10 if b2b else 3)
    return rng.randint(1, 5) if b2b and rng.random() < 0.4 else 1


def buy_history(
    ctx: DemoContext, batch: Batch, customer_id: int, since: datetime, b2b: bool, buyer: bool
) -> list[PurchaseRef]:
    """Orders between the customer's registration (at most two years back) and today, with their subscriptions."""
    rng = ctx.rng
    first_day = max(since.date(), ctx.today - timedelta(days=HISTORY_DAYS))
    span = max(0, (ctx.today - first_day).days)
    if buyer:
        orders = rng.choices(range(2, 13), weights=(10, 12, 12, 10, 9, 8, 7, 6, 5, 4, 3))[0]
    else:
        orders = rng.choices(range(0, 9), weights=(18, 25, 18, 12, 9, 7, 5, 3, 3))[0]
    refs: list[PurchaseRef] = []
    subscribed: set[str] = set()
    for on in sorted(first_day + timedelta(days=rng.randint(0, span)) for _ in range(orders)):
        ref = order_ref(ctx, on) if rng.random() < 0.95 else None  # in-store sales have no order number
        hour = ctx.now.replace(microsecond=0) - timedelta(days=(ctx.today - on).days, hours=rng.randint(0, 9))
        at = max(hour, since)
        lines = 1 if rng.random() < 0.8 else rng.randint(2, 3)
        for _ in range(lines):
            product = rng.choices(PRODUCTS, cum_weights=_B2B_CUM if b2b else _B2C_CUM)[0]
            if product.term_months and product.sku in subscribed:
                continue
            refs.append(purchase(ctx, batch, customer_id, product, on, _quantity(ctx, product, b2b), ref, at))
            if product.term_months:
                subscribed.add(product.sku)
                cancelled = None
                reason = None
                if rng.random() < 0.18 and (ctx.today - on).days > 20:
                    cancelled = on + timedelta(days=rng.randint(14, (ctx.today - on).days))
                    reason = rng.choice(CANCEL_REASONS) if rng.random() < 0.9 else None
                subscription(ctx, batch, customer_id, product, on, at, cancelled_on=cancelled, reason=reason)
    return refs


def rank_for(refs: list[PurchaseRef], created: datetime, today: date) -> CustomerRank:
    """A rank an agent would agree with: VIPs spend a lot, dormant customers stopped buying a year ago."""
    last_year = [r for r in refs if (today - r.on).days <= 365]
    if sum(r.amount for r in last_year) >= 500_000 or len(last_year) >= 10:
        return CustomerRank.VIP
    if (today - created.date()).days <= 90:
        return CustomerRank.NEW
    if not last_year:
        return CustomerRank.DORMANT
    return CustomerRank.REGULAR
