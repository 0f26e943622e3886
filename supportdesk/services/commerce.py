"""Products, purchases and subscriptions (購入履歴). Money is integer yen, never float."""

from dataclasses import dataclass
from datetime import date

import sqlalchemy as sa
from sqlmodel import Session, col, select

from supportdesk.errors import Invalid
from supportdesk.i18n import N_, msg
from supportdesk.models import CancelReason, Customer, Product, Purchase, Subscription
from supportdesk.normalize import clean
from supportdesk.services import audit
from supportdesk.services.actor import Action, Actor, require
from supportdesk.services.readmodels import PurchaseView, SubscriptionView
from supportdesk.services.unit import commit, flush
from supportdesk.untrusted import model_text


@dataclass(frozen=True)
class PurchaseCreate:
    customer_id: int
    product_id: int
    purchased_on: date
    quantity: int = 1
    unit_price: int | None = None  # defaults to the catalogue price
    order_ref: str | None = None


def check_product(sku: str | None, name: str | None, unit_price: object) -> None:
    """The rules for a catalogue entry, shared by the product form and the importer."""
    if not model_text(Product, "sku", sku, N_("product code")) or not model_text(
        Product, "name", name, N_("product name")
    ):
        raise Invalid("product", msg("a product needs a code (SKU) and a name"))
    check_price(unit_price)


# Price × quantity must fit a 64-bit integer column (about 9.2 × 10^18) with room to spare.
MAX_PRICE = 10**11  # ¥100,000,000,000
MAX_QUANTITY = 1_000_000


def check_price(unit_price: object) -> None:
    if not isinstance(unit_price, int) or isinstance(unit_price, bool) or unit_price < 0:
        raise Invalid("unit price", msg("a whole, non-negative number of yen"))
    if unit_price > MAX_PRICE:
        raise Invalid("unit price", msg("at most {limit} yen", limit=f"{MAX_PRICE:,}"))


def check_quantity(quantity: object) -> None:
    if not isinstance(quantity, int) or isinstance(quantity, bool) or quantity <= 0:
        raise Invalid("quantity", msg("must be a whole number of at least 1"))
    if quantity > MAX_QUANTITY:
        raise Invalid("quantity", msg("at most {limit}", limit=f"{MAX_QUANTITY:,}"))


def check_subscription_dates(contract_on: date, renewal_on: date | None, cancelled_on: date | None = None) -> None:
    if renewal_on is not None and renewal_on < contract_on:
        raise Invalid("renewal date", msg("cannot be before the contract date"))
    if cancelled_on is not None and cancelled_on < contract_on:
        raise Invalid("cancellation date", msg("cannot be before the contract date"))


def add_product(
    session: Session,
    actor: Actor,
    sku: str,
    name: str,
    unit_price: int,
    *,
    category: str | None = None,
    is_subscription: bool = False,
) -> int:
    require(actor, Action.EDIT_PURCHASES)
    check_product(sku, name, unit_price)
    product = Product(
        sku=clean(sku),
        name=clean(name),
        unit_price=unit_price,
        category=model_text(Product, "category", category, N_("category")),
        is_subscription=is_subscription,
    )
    session.add(product)
    flush(session, lambda: msg("The product could not be saved."))
    audit.record(session, actor, "product.create", "product", product.id, sku=product.sku)
    commit(session, lambda: msg("The product could not be saved."))
    assert product.id is not None
    return product.id


def add_purchase(session: Session, actor: Actor, data: PurchaseCreate) -> int:
    require(actor, Action.EDIT_PURCHASES)
    if session.get(Customer, data.customer_id) is None:
        raise Invalid("customer", msg("no customer with id {id}", id=data.customer_id))
    product = session.get(Product, data.product_id)
    if product is None:
        raise Invalid("product", msg("no product with id {id}", id=data.product_id))
    check_quantity(data.quantity)
    unit_price = product.unit_price if data.unit_price is None else data.unit_price
    check_price(unit_price)
    purchase = Purchase(
        customer_id=data.customer_id,
        product_id=data.product_id,
        unit_price=unit_price,
        quantity=data.quantity,
        amount=unit_price * data.quantity,
        purchased_on=data.purchased_on,
        order_ref=model_text(Purchase, "order_ref", data.order_ref, N_("order number")),
    )
    session.add(purchase)
    flush(session, lambda: msg("The purchase could not be saved."))
    audit.record(session, actor, "purchase.create", "purchase", purchase.id, customer=data.customer_id)
    commit(session, lambda: msg("The purchase could not be saved."))
    assert purchase.id is not None
    return purchase.id


def list_purchases(session: Session, actor: Actor, customer_id: int, limit: int = 500) -> list[PurchaseView]:
    """A customer's purchases, newest first."""
    require(actor, Action.VIEW_CUSTOMERS)
    # The columns the view shows, not Purchase and Product objects: a long-standing customer's 500 purchases as ORM
    # objects took 36 of the 64 ms their 360 cost (issue 20).
    query = (
        sa.select(
            col(Purchase.id),
            col(Purchase.purchased_on),
            col(Product.id),
            col(Product.sku),
            col(Product.name),
            col(Purchase.unit_price),
            col(Purchase.quantity),
            col(Purchase.amount),
            col(Purchase.order_ref),
        )
        .join(Product, col(Product.id) == Purchase.product_id)
        .where(col(Purchase.customer_id) == customer_id)
        .order_by(col(Purchase.purchased_on).desc(), col(Purchase.id).desc())
        .limit(limit)
    )
    return [PurchaseView(*row) for row in session.execute(query).all()]


def add_subscription(
    session: Session,
    actor: Actor,
    customer_id: int,
    product_id: int,
    contract_on: date,
    renewal_on: date | None = None,
) -> int:
    require(actor, Action.EDIT_PURCHASES)
    if session.get(Customer, customer_id) is None:
        raise Invalid("customer", msg("no customer with id {id}", id=customer_id))
    if session.get(Product, product_id) is None:
        raise Invalid("product", msg("no product with id {id}", id=product_id))
    check_subscription_dates(contract_on, renewal_on)
    sub = Subscription(customer_id=customer_id, product_id=product_id, contract_on=contract_on, renewal_on=renewal_on)
    session.add(sub)
    flush(session, lambda: msg("The subscription could not be saved."))
    audit.record(session, actor, "subscription.create", "subscription", sub.id, customer=customer_id)
    commit(session, lambda: msg("The subscription could not be saved."))
    assert sub.id is not None
    return sub.id


def cancel_subscription(
    session: Session,
    actor: Actor,
    subscription_id: int,
    cancelled_on: date,
    reason: str = "",
    category: CancelReason | str | None = None,
) -> None:
    """Record a cancellation (解約): the day it takes effect, why as one of the reasons leads count, and the
    customer's own words. A reason of either kind is required."""
    require(actor, Action.EDIT_PURCHASES)
    sub = session.get(Subscription, subscription_id)
    if sub is None:
        raise Invalid("subscription", msg("no subscription with id {id}", id=subscription_id))
    if sub.cancelled_on is not None:
        raise Invalid("subscription", msg("already cancelled on {date}", date=sub.cancelled_on))
    check_subscription_dates(sub.contract_on, None, cancelled_on)
    why = model_text(Subscription, "cancel_reason", reason, N_("cancellation reason"))
    if category is not None:
        try:
            category = CancelReason(category)
        except ValueError:
            wrong, choices = str(category), ", ".join(CancelReason)
            raise Invalid("reason", msg("{value} is not one of {choices}", value=wrong, choices=choices)) from None
    if not why and category is None:
        raise Invalid("reason", msg("say why the customer cancelled"))
    sub.cancelled_on = cancelled_on
    sub.cancel_reason = why
    sub.cancel_category = category.value if category is not None else None
    session.add(sub)
    audit.record(
        session,
        actor,
        "subscription.cancel",
        "subscription",
        subscription_id,
        customer=sub.customer_id,
        category=sub.cancel_category,
        reason_chars=len(sub.cancel_reason or ""),
    )
    commit(session, lambda: msg("The subscription could not be saved."))


def list_subscriptions(session: Session, actor: Actor, customer_id: int) -> list[SubscriptionView]:
    require(actor, Action.VIEW_CUSTOMERS)
    query = (
        select(Subscription, Product.name)
        .join(Product, col(Product.id) == Subscription.product_id)
        .where(Subscription.customer_id == customer_id)
        .order_by(col(Subscription.contract_on).desc())
    )
    return [
        SubscriptionView(
            id=s.id or 0,
            product_name=name,
            contract_on=s.contract_on,
            renewal_on=s.renewal_on,
            cancelled_on=s.cancelled_on,
            cancel_reason=s.cancel_reason,
            cancel_category=s.cancel_category,
            product_id=s.product_id,
        )
        for s, name in session.exec(query).all()
    ]


@dataclass(frozen=True)
class ProductView:
    id: int
    sku: str
    name: str
    category: str | None
    unit_price: int
    is_subscription: bool


def list_products(session: Session, actor: Actor, text: str = "", limit: int = 200) -> list[ProductView]:
    """The catalogue (products whose code or name contains `text`), by code, for the purchase forms."""
    require(actor, Action.VIEW_CUSTOMERS)
    query = select(Product).order_by(col(Product.sku)).limit(limit)
    if text.strip():
        word = clean(text)
        query = query.where(
            col(Product.sku).contains(word, autoescape=True) | col(Product.name).contains(word, autoescape=True)
        )
    return [
        ProductView(p.id or 0, p.sku, p.name, p.category, p.unit_price, p.is_subscription)
        for p in session.exec(query).all()
    ]


def product_by_sku(session: Session, sku: str) -> Product:
    """A catalogue entry by its code, as written or in any width (ＳＫＵ-１ = SKU-1)."""
    product = session.exec(select(Product).where(Product.sku == clean(sku))).first()
    if product is None:
        raise Invalid("product", msg("no product with the code {sku}; add it first (product add)", sku=clean(sku)))
    return product
