"""Purchases and subscriptions entered from the customer 360: a purchase, a subscription, a cancellation (解約).

Dates, amounts and quantities are read as a spreadsheet's cells are (2026/12/1, ¥1,200, 1,000); a value that
cannot be read is said beside the form and nothing is lost. The services check the rest (prices, dates in order).
"""

from collections.abc import Callable, Sequence
from datetime import date
from functools import partial
from typing import Any

from textual.app import ComposeResult
from textual.containers import Horizontal, Vertical, VerticalScroll
from textual.widgets import Button, Input, Label, Select, Static
from textual.worker import Worker, WorkerState

from screens.dialogs.base import Dialog
from screens.formatting import yen
from screens.safe_text import SafeInput, data_content, data_text
from screens.workers import fetch
from supportdesk.i18n import N_, t, v
from supportdesk.importing import values as cells
from supportdesk.models.enums import CancelReason
from supportdesk.services.commerce import ProductView, PurchaseCreate
from supportdesk.services.readmodels import SubscriptionView


class Unreadable(ValueError):
    """A value typed in a form that cannot be read; the message names the field for the person."""


def read(label: str, text: str, parse: Callable[[str], Any], *, required: bool = True) -> Any:
    """`text` read by `parse`, or None when it may stay empty; Unreadable names the field otherwise."""
    if not text.strip():
        if required:
            raise Unreadable(t("{field}: required", field=t(label)))
        return None
    try:
        return parse(text)
    except ValueError:
        raise Unreadable(t("{field}: {value} cannot be read", field=t(label), value=text.strip())) from None


def product_options(products: Sequence[ProductView]) -> list[tuple[Any, int]]:
    return [(data_text(f"{p.sku}  {p.name}  {yen(p.unit_price)}"), p.id) for p in products]


class _RecordDialog(Dialog[int | None]):
    """What the three dialogs share: a title, fields, an error line, Cancel and Save (ctrl+s), a save in a worker."""

    title_text = ""

    def fields(self) -> ComposeResult:
        raise NotImplementedError

    def compose(self) -> ComposeResult:
        with Vertical():
            yield Static(data_content(self.title_text), classes="title")
            with VerticalScroll(classes="form"):
                yield from self.fields()
            yield Static("", classes="error")
            with Horizontal(classes="buttons"):
                yield Button(t("Cancel"), id="cancel")
                yield Button(t("Save") + " (ctrl+s)", id="ok", variant="primary")

    def on_mount(self) -> None:
        selects = self.query(Select)
        (selects.first() if selects else self.query(Input).first()).focus()

    def entry(self, name: str) -> str:
        return self.query_one(f"#{name}", Input).value

    def chosen(self, name: str) -> Any:
        value = self.query_one(f"#{name}", Select).value
        return None if value is Select.NULL else value

    def call(self) -> Callable[[], int]:
        raise NotImplementedError

    def action_submit(self) -> None:
        try:
            call = self.call()
        except Unreadable as exc:
            self.show_error(str(exc))
            return
        fetch(self, call, self.dismiss, group="save")

    def on_worker_state_changed(self, event: Worker.StateChanged) -> None:
        if event.state == WorkerState.ERROR:
            self.show_error(event.worker.error)


def _label(text: str) -> Label:
    return Label(t(text), classes="field-label")


class PurchaseDialog(_RecordDialog):
    """A purchase line: product, date, quantity, unit price (the catalogue's unless typed), order number."""

    def __init__(self, customer_id: int, name: str, products: Sequence[ProductView], today: date) -> None:
        super().__init__()
        self.customer_id, self.products, self.today = customer_id, list(products), today
        self.title_text = t("New purchase") + f": {name}"

    def fields(self) -> ComposeResult:
        yield _label(N_("Product"))
        yield Select(product_options(self.products), prompt="—", id="product")
        yield _label(N_("Date"))
        yield SafeInput(self.today.isoformat(), id="purchased_on", placeholder="YYYY-MM-DD")
        yield _label(N_("Quantity"))
        yield SafeInput("1", id="quantity")
        yield _label(N_("Unit price (empty: the catalogue's)"))
        yield SafeInput("", id="unit_price", placeholder="¥")
        yield _label(N_("Order number"))
        yield SafeInput("", id="order_ref")

    def call(self) -> Callable[[], int]:
        product = self.chosen("product")
        if product is None:
            raise Unreadable(t("{field}: required", field=t("Product")))
        data = PurchaseCreate(
            customer_id=self.customer_id,
            product_id=int(product),
            purchased_on=read(N_("Date"), self.entry("purchased_on"), cells.day),
            quantity=read(N_("Quantity"), self.entry("quantity"), cells.integer),
            unit_price=read(N_("Unit price"), self.entry("unit_price"), cells.yen, required=False),
            order_ref=self.entry("order_ref").strip() or None,
        )
        return partial(self.desk.add_purchase, data)


class SubscriptionDialog(_RecordDialog):
    """A subscription: product, contract date, next renewal (契約更新予定日, may be empty)."""

    def __init__(self, customer_id: int, name: str, products: Sequence[ProductView], today: date) -> None:
        super().__init__()
        # Subscription products first: they are what a contract is usually for.
        self.customer_id, self.today = customer_id, today
        self.products = sorted(products, key=lambda p: not p.is_subscription)
        self.title_text = t("New subscription") + f": {name}"

    def fields(self) -> ComposeResult:
        yield _label(N_("Product"))
        yield Select(product_options(self.products), prompt="—", id="product")
        yield _label(N_("Contract date"))
        yield SafeInput(self.today.isoformat(), id="contract_on", placeholder="YYYY-MM-DD")
        yield _label(N_("Renewal date"))
        yield SafeInput("", id="renewal_on", placeholder="YYYY-MM-DD")

    def call(self) -> Callable[[], int]:
        product = self.chosen("product")
        if product is None:
            raise Unreadable(t("{field}: required", field=t("Product")))
        contract = read(N_("Contract date"), self.entry("contract_on"), cells.day)
        renewal = read(N_("Renewal date"), self.entry("renewal_on"), cells.day, required=False)
        return partial(self.desk.add_subscription, self.customer_id, int(product), contract, renewal)


class CancelSubscriptionDialog(_RecordDialog):
    """A cancellation (解約): the day it takes effect, the reason leads count and the customer's own words."""

    def __init__(self, subscription: SubscriptionView, today: date) -> None:
        super().__init__()
        self.subscription, self.today = subscription, today
        self.title_text = t("Cancel the subscription") + f": {subscription.product_name}"

    def fields(self) -> ComposeResult:
        yield _label(N_("Reason"))
        yield Select([(v(reason), reason.value) for reason in CancelReason], prompt="—", id="category")
        yield _label(N_("In the customer's words"))
        yield SafeInput("", id="reason")
        yield _label(N_("Cancellation date"))
        yield SafeInput(self.today.isoformat(), id="cancelled_on", placeholder="YYYY-MM-DD")

    def call(self) -> Callable[[], int]:
        cancelled = read(N_("Cancellation date"), self.entry("cancelled_on"), cells.day)
        category, words, number = self.chosen("category"), self.entry("reason"), self.subscription.id
        desk = self.desk

        def cancel() -> int:
            desk.cancel_subscription(number, cancelled, words, category)
            return number

        return cancel
