"""Open a ticket for a customer: channel phone by default, optionally about one of their purchases."""

from textual import work
from textual.app import ComposeResult
from textual.containers import Horizontal, Vertical, VerticalScroll
from textual.widgets import Button, Input, Label, Select, Static, TextArea
from textual.worker import Worker, WorkerState

from screens.dialogs.base import Dialog
from screens.dialogs.fields import NO_PURCHASE, purchase_label
from screens.safe_text import SafeInput, SafeTextArea, data_content, data_text
from screens.widgets.custom_fields import CustomFieldInputs
from supportdesk.i18n import t, v
from supportdesk.models.enums import Channel, InquiryType, Priority
from supportdesk.services.readmodels import PurchaseView
from supportdesk.services.tickets import TicketCreate


class NewTicketDialog(Dialog[int | None]):
    """Dismisses with the new ticket's number."""

    def __init__(self, customer_id: int, customer_name: str, purchases: list[PurchaseView]) -> None:
        super().__init__()
        self.customer_id = customer_id
        self.customer_name = customer_name
        self.purchases = purchases

    def compose(self) -> ComposeResult:
        with Vertical():
            yield Static(data_content(t("New ticket") + f": {self.customer_name}"), classes="title")
            with VerticalScroll(id="form"):
                yield Label(t("Subject"), classes="field-label")
                yield SafeInput(id="subject")
                with Horizontal(classes="row"):
                    yield Select(
                        [(v(i), i.value) for i in InquiryType],
                        value=InquiryType.QUESTION.value,
                        allow_blank=False,
                        id="type",
                    )
                    yield Select(
                        [(v(c), c.value) for c in Channel], value=Channel.PHONE.value, allow_blank=False, id="channel"
                    )
                    yield Select(
                        [(v(p), p.value) for p in Priority],
                        value=Priority.NORMAL.value,
                        allow_blank=False,
                        id="priority",
                    )
                yield Label(t("Linked purchase"), classes="field-label")
                options = [(t("No purchase"), NO_PURCHASE)] + [
                    (data_text(purchase_label(p)), p.id) for p in self.purchases
                ]
                yield Select(options, value=NO_PURCHASE, allow_blank=False, id="purchase")
                yield Label(t("Customer message"), classes="field-label")
                yield SafeTextArea(id="body", placeholder=t("What the customer said…"))
                yield CustomFieldInputs("tickets", id="custom-fields")
            yield Static("", classes="error")
            with Horizontal(classes="buttons"):
                yield Button(t("Cancel"), id="cancel")
                yield Button(t("Create") + " (ctrl+s)", id="ok", variant="primary")

    def on_mount(self) -> None:
        self.query_one("#subject", Input).focus()

    def on_input_submitted(self) -> None:
        self.query_one("#type", Select).focus()

    def action_submit(self) -> None:
        purchase = self.query_one("#purchase", Select).value
        data = TicketCreate(
            customer_id=self.customer_id,
            subject=self.query_one("#subject", Input).value,
            inquiry_type=InquiryType(str(self.query_one("#type", Select).value)),
            channel=Channel(str(self.query_one("#channel", Select).value)),
            priority=Priority(str(self.query_one("#priority", Select).value)),
            purchase_id=purchase if isinstance(purchase, int) and purchase != NO_PURCHASE else None,
            body=self.query_one("#body", TextArea).text,
            custom=self.query_one(CustomFieldInputs).pairs(),
        )
        self.create(data)

    @work(thread=True, exclusive=True, group="create", exit_on_error=False)
    def create(self, data: TicketCreate) -> int:
        return self.desk.create_ticket(data)

    def on_worker_state_changed(self, event: Worker.StateChanged) -> None:
        if event.state == WorkerState.SUCCESS:
            self.dismiss(event.worker.result)
        elif event.state == WorkerState.ERROR:
            self.show_error(event.worker.error)
