"""Set a ticket's priority, inquiry type, linked purchase and the team's own fields."""

from dataclasses import dataclass, field

from textual.app import ComposeResult
from textual.containers import Horizontal, Vertical, VerticalScroll
from textual.widgets import Button, Label, Select, Static

from screens.dialogs.base import Dialog
from screens.formatting import yen
from screens.safe_text import data_text
from screens.widgets.custom_fields import CustomFieldInputs
from supportdesk.i18n import t, v
from supportdesk.models.enums import InquiryType, Priority
from supportdesk.services.readmodels import PurchaseView

NO_PURCHASE = -1


@dataclass(frozen=True)
class FieldsChoice:
    priority: str
    inquiry_type: str
    purchase_id: int | None
    custom: dict[str, str] = field(default_factory=dict)  # the team's own fields changed: {"custom:品番": "A-1"}


def purchase_label(p: PurchaseView) -> str:
    return f"{p.purchased_on} {p.product_name} ×{p.quantity} {yen(p.amount)}"


class FieldsDialog(Dialog[FieldsChoice | None]):
    def __init__(
        self,
        number: int,
        priority: str,
        inquiry_type: str,
        purchase_id: int | None,
        purchases: list[PurchaseView],
        *,
        initial: FieldsChoice | None = None,
        error: str = "",
    ) -> None:
        """`initial` and `error`: what the agent chose before the desk refused it, and why (shown again)."""
        super().__init__()
        self.number = number
        self.priority = initial.priority if initial else priority
        self.inquiry_type = initial.inquiry_type if initial else inquiry_type
        self.purchase_id = initial.purchase_id if initial else purchase_id
        self.purchases = purchases
        self.custom = initial.custom if initial else {}
        self.error = error

    def compose(self) -> ComposeResult:
        with Vertical():
            yield Static(t("Set priority, type and purchase") + f" #{self.number}", classes="title")
            with VerticalScroll(id="form"):
                yield Label(t("Priority"), classes="field-label")
                yield Select([(v(p), p.value) for p in Priority], value=self.priority, allow_blank=False, id="priority")
                yield Label(t("Type"), classes="field-label")
                yield Select(
                    [(v(i), i.value) for i in InquiryType], value=self.inquiry_type, allow_blank=False, id="type"
                )
                yield Label(t("Linked purchase"), classes="field-label")
                options = [(t("No purchase"), NO_PURCHASE)] + [
                    (data_text(purchase_label(p)), p.id) for p in self.purchases
                ]
                yield Select(options, value=self.purchase_id or NO_PURCHASE, allow_blank=False, id="purchase")
                yield CustomFieldInputs("tickets", self.number, self.custom, id="custom-fields")
            yield Static("", classes="error")
            with Horizontal(classes="buttons"):
                yield Button(t("Cancel"), id="cancel")
                yield Button(t("OK"), id="ok", variant="primary")

    def on_mount(self) -> None:
        self.query_one("#priority", Select).focus()
        if self.error:
            self.show_error(self.error)

    def action_submit(self) -> None:
        purchase = self.query_one("#purchase", Select).value
        self.dismiss(
            FieldsChoice(
                priority=str(self.query_one("#priority", Select).value),
                inquiry_type=str(self.query_one("#type", Select).value),
                purchase_id=purchase if isinstance(purchase, int) and purchase != NO_PURCHASE else None,
                custom=self.query_one(CustomFieldInputs).pairs(),
            )
        )
