"""Planning imports of the product catalogue, purchase lines and subscriptions (rules from services/commerce.py)."""

from collections.abc import Callable, Iterable
from datetime import date
from functools import partial
from typing import Any, TypeVar

from sqlmodel import SQLModel, col, select

from supportdesk.errors import Invalid
from supportdesk.i18n import N_, msg
from supportdesk.importing import Row
from supportdesk.models import Customer, Product, Purchase, Subscription
from supportdesk.normalize import clean
from supportdesk.services.commerce import check_price, check_product, check_quantity, check_subscription_dates
from supportdesk.services.datafiles.people import find_customer_for
from supportdesk.services.datafiles.plan import (
    UNCHANGED,
    UPDATE,
    Context,
    Step,
    changed_fields,
    claim_id,
    flush_for_id,
    locate,
    one_per_key,
)
from supportdesk.untrusted import model_text

T = TypeVar("T")


def _rule(row: Row, name: str, check: Callable[[], T]) -> T | None:
    """Run one service rule on a cell; a refusal is reported on the row (and None returned)."""
    try:
        return check()
    except Invalid as exc:
        row.fail(name, exc.why_msg)
        return None


def _plan_write(
    ctx: Context, step: Step, model: type[SQLModel], values: dict[str, Any], existing: Any, keep_id: int | None
) -> None:
    """Create the record, or update the fields that differ, or nothing when the row matches what is stored."""
    if existing is None:

        def create() -> int:
            record = model(**values)
            claim_id(ctx, str(model.__tablename__), record, keep_id)
            return flush_for_id(ctx.session, record)

        step.write = create
        return
    step.target_id = existing.id
    changes = changed_fields(existing, values)
    if not changes:
        step.action = UNCHANGED
        return
    step.action, step.changes = UPDATE, tuple(sorted(changes))

    def update() -> int:
        for name, value in changes.items():
            setattr(existing, name, value)
        ctx.session.add(existing)
        return int(existing.id)

    step.write = update


def _product(ctx: Context, row: Row, cache: dict[str, Product | None]) -> Product | None:
    sku = clean(row.get("sku"))
    if not sku:
        row.fail("sku", msg("a product code (商品コード) is needed"))
        return None
    if sku not in cache:
        cache[sku] = ctx.session.exec(select(Product).where(Product.sku == sku)).first()
    if cache[sku] is None:
        row.fail("sku", msg("no product has this code; import the products first"))
    return cache[sku]


# ---- products ------------------------------------------------------------------------------------------------


def plan_products(ctx: Context, rows: Iterable[Row]) -> list[Step]:
    seen: dict[Any, int] = {}
    return [_plan_product(ctx, row, seen) for row in ctx.each(rows)]


def _plan_product(ctx: Context, row: Row, seen: dict[Any, int]) -> Step:
    sku, name = clean(row.get("sku")), clean(row.get("name"))
    step = Step(row.row, f"{sku} {name}".strip())
    one_per_key(seen, sku, row, "sku", N_("product code"))
    existing = ctx.session.exec(select(Product).where(Product.sku == sku)).first() if sku else None
    values: dict[str, Any] = {"sku": sku}
    for field in ("name", "category"):
        if row.has(field):
            values[field] = _rule(row, field, partial(model_text, Product, field, row.get(field)))
    for field in ("unit_price", "is_subscription"):
        if row.has(field):
            values[field] = row.get(field)
    if existing is None:
        price = values.setdefault("unit_price", 0)
        blamed = "sku" if not sku else "name" if not name else "unit_price"
        _rule(row, blamed, lambda: check_product(sku, name, price))
    elif "unit_price" in values:
        _rule(row, "unit_price", lambda: check_price(values["unit_price"]))
    step.problems = row.problems
    if not row.problems:
        _plan_write(ctx, step, Product, values, existing, None)
    return step


# ---- purchases -----------------------------------------------------------------------------------------------


def _label(customer: Customer | None, row: Row, when: str) -> str:
    return " ".join(p for p in (customer.full_name if customer else "", row.cells.get("sku"), row.cells.get(when)) if p)


def plan_purchases(ctx: Context, rows: Iterable[Row]) -> list[Step]:
    seen: dict[Any, int] = {}
    products: dict[str, Product | None] = {}
    return [_plan_purchase(ctx, row, seen, products) for row in ctx.each(rows)]


def _plan_purchase(ctx: Context, row: Row, seen: dict[Any, int], products: dict[str, Product | None]) -> Step:
    customer = find_customer_for(ctx, row)
    product = _product(ctx, row, products)
    step = Step(row.row, _label(customer, row, "purchased_on"))
    quantity = row.get("quantity", 1)
    _rule(row, "quantity", lambda: check_quantity(quantity))
    unit_price = row.get("unit_price", product.unit_price if product else 0)
    _rule(row, "unit_price", lambda: check_price(unit_price))
    if row.has("amount") and isinstance(quantity, int) and row.get("amount") != unit_price * quantity:
        row.fail(
            "amount",
            msg(
                "is not unit price × quantity ({price:,} × {quantity:,} = {total:,})",
                price=unit_price,
                quantity=quantity,
                total=unit_price * quantity,
            ),
        )
    if "purchased_on" not in row.cells:
        row.fail("purchased_on", msg("a purchase needs a date"))
    step.problems = row.problems
    if row.problems or customer is None or product is None:
        return step
    values = {
        "customer_id": customer.id,
        "product_id": product.id,
        "unit_price": unit_price,
        "quantity": quantity,
        "amount": unit_price * quantity,
        "purchased_on": row.get("purchased_on"),
        "order_ref": _rule(
            row, "order_ref", lambda: model_text(Purchase, "order_ref", row.get("order_ref"), N_("order number"))
        ),
    }
    natural = (customer.id, product.id, values["purchased_on"], quantity, unit_price, values["order_ref"])
    if not one_per_key(seen, row.get("external_ref") or natural, row, "external_ref", N_("purchase line")):
        return step
    existing, keep_id = locate(
        ctx,
        Purchase,
        row,
        agrees=lambda p: p.customer_id == customer.id and p.product_id == product.id,
        natural=lambda unreferenced: _purchase_like(ctx, values, unreferenced),
        describe=lambda p: msg("purchase #{id} of customer #{customer}", id=p.id, customer=p.customer_id),
    )
    if row.get("external_ref"):
        values["external_ref"] = row.get("external_ref")
    if not row.problems:
        _plan_write(ctx, step, Purchase, values, existing, keep_id)
    return step


def _purchase_like(ctx: Context, values: dict[str, Any], unreferenced: bool) -> Purchase | None:
    query = select(Purchase).where(
        Purchase.customer_id == values["customer_id"],
        Purchase.product_id == values["product_id"],
        Purchase.purchased_on == values["purchased_on"],
        Purchase.quantity == values["quantity"],
        Purchase.unit_price == values["unit_price"],
        Purchase.order_ref == values["order_ref"],
    )
    if unreferenced:
        query = query.where(col(Purchase.external_ref).is_(None))
    return ctx.session.exec(query).first()


# ---- subscriptions -------------------------------------------------------------------------------------------


def plan_subscriptions(ctx: Context, rows: Iterable[Row]) -> list[Step]:
    seen: dict[Any, int] = {}
    products: dict[str, Product | None] = {}
    return [_plan_subscription(ctx, row, seen, products) for row in ctx.each(rows)]


def _plan_subscription(ctx: Context, row: Row, seen: dict[Any, int], products: dict[str, Product | None]) -> Step:
    customer = find_customer_for(ctx, row)
    product = _product(ctx, row, products)
    contract_on: date | None = row.get("contract_on")
    step = Step(row.row, _label(customer, row, "contract_on"))
    if "contract_on" not in row.cells:
        row.fail("contract_on", msg("a subscription needs a contract date"))
    if contract_on is not None and row.has("renewal_on"):
        _rule(row, "renewal_on", lambda: check_subscription_dates(contract_on, row.get("renewal_on")))
    if contract_on is not None and row.has("cancelled_on"):
        _rule(row, "cancelled_on", lambda: check_subscription_dates(contract_on, None, row.get("cancelled_on")))
    step.problems = row.problems
    if row.problems or customer is None or product is None:
        return step
    values: dict[str, Any] = {"customer_id": customer.id, "product_id": product.id, "contract_on": contract_on}
    for name in ("renewal_on", "cancelled_on"):
        if row.has(name):
            values[name] = row.get(name)
    if row.has("cancel_reason"):
        values["cancel_reason"] = _rule(
            row,
            "cancel_reason",
            lambda: model_text(Subscription, "cancel_reason", row.get("cancel_reason"), N_("cancellation reason")),
        )
    if not one_per_key(
        seen, row.get("external_ref") or (customer.id, product.id, contract_on), row, "external_ref", N_("subscription")
    ):
        return step
    existing, keep_id = locate(
        ctx,
        Subscription,
        row,
        agrees=lambda s: s.customer_id == customer.id and s.product_id == product.id,
        natural=lambda unreferenced: _subscription_like(ctx, values, unreferenced),
        describe=lambda s: msg("subscription #{id} of customer #{customer}", id=s.id, customer=s.customer_id),
    )
    if row.get("external_ref"):
        values["external_ref"] = row.get("external_ref")
    if not row.problems:
        _plan_write(ctx, step, Subscription, values, existing, keep_id)
    return step


def _subscription_like(ctx: Context, values: dict[str, Any], unreferenced: bool) -> Subscription | None:
    query = select(Subscription).where(
        Subscription.customer_id == values["customer_id"],
        Subscription.product_id == values["product_id"],
        Subscription.contract_on == values["contract_on"],
    )
    if unreferenced:
        query = query.where(col(Subscription.external_ref).is_(None))
    return ctx.session.exec(query).first()
