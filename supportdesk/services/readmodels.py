"""Plain, immutable views the services return: safe to hand to another thread, a screen or JSON."""

from dataclasses import Field, dataclass, field, fields
from datetime import date, datetime
from typing import Any

from supportdesk.clock import At
from supportdesk.i18n import LAZY, N_

# Metadata of a field that is for screens (the list behind a report's number), not data: JSON, CSV and text
# output leave it out.
NOT_DATA = {"data": False}


def data_fields(value: Any) -> list[Field[Any]]:
    """A dataclass view's fields that are data (NOT_DATA ones left out)."""
    return [f for f in fields(value) if f.metadata.get("data", True)]


def data_values(value: Any) -> dict[str, Any]:
    return {f.name: getattr(value, f.name) for f in data_fields(value)}


def to_jsonable(value: Any) -> Any:
    """Dataclass views to JSON-ready dicts (dates as ISO 8601, messages as text in the chosen language)."""
    if isinstance(value, (*LAZY, At)):
        return str(value)
    if hasattr(value, "__dataclass_fields__") and not isinstance(value, type):
        return {f.name: to_jsonable(getattr(value, f.name)) for f in data_fields(value)}
    if isinstance(value, dict):
        return {k: to_jsonable(v) for k, v in value.items()}
    if isinstance(value, list | tuple):
        return [to_jsonable(v) for v in value]
    if isinstance(value, datetime | date):
        return value.isoformat()
    return value


@dataclass(frozen=True)
class TicketRow:
    """One line of a queue."""

    number: int
    status: str
    priority: str
    inquiry_type: str
    channel: str
    subject: str
    customer_id: int
    customer_name: str
    company_name: str | None
    assignee_login: str | None
    assignee_name: str | None
    team: str | None
    received_at: datetime
    updated_at: datetime
    follow_up_on: date | None
    first_response_due: datetime | None
    resolution_due: datetime | None
    version: int
    first_response_at: datetime | None = None
    tags: tuple[str, ...] = ()

    def age_days(self, now: datetime) -> float:
        return (now - self.received_at).total_seconds() / 86400


@dataclass(frozen=True)
class EntryChange:
    """One field an assignment or field-change entry changed. Values are as stored (priority `high`, type
    `billing`) for the UI to translate, except people and purchases, which are given by name."""

    field: str  # assignee, team, priority, inquiry_type, purchase, subject, tags
    before: str | None
    after: str | None


@dataclass(frozen=True)
class AttachmentView:
    """A file on a thread entry. `kept` is False when it was over the size limit (only its name was recorded)."""

    id: int
    entry_id: int | None
    filename: str
    content_type: str
    size: int
    kept: bool
    inline: bool = False
    undecodable: bool = False
    trainer_safe: bool = False


@dataclass(frozen=True)
class MailView:
    """The mail behind a thread entry: who sent it to whom, and for the desk's own mail, how delivery went.

    `state` (outbound only): queued, sending, handing_over, sent, failed, unconfirmed or bounced;
    `server_answer` is the mail server's last word (the reason for failed and bounced).
    """

    direction: str  # "in" or "out"
    kind: str  # in: person, auto_reply, bounce; out: reply, automatic
    message_id: str
    from_address: str
    from_name: str
    to: str
    subject: str
    state: str | None = None
    server_answer: str | None = None
    attempts: int = 0
    sent_at: datetime | None = None


@dataclass(frozen=True)
class EntryView:
    id: int
    kind: str
    author_login: str | None
    author_name: str | None
    body: str
    created_at: datetime
    call_duration_seconds: int | None = None
    from_status: str | None = None
    to_status: str | None = None
    changes: tuple[EntryChange, ...] = ()
    mail: MailView | None = None
    attachments: tuple[AttachmentView, ...] = ()
    # A customer's message entered by hand: how it came and when the customer sent it.
    channel: str | None = None
    received_at: datetime | None = None
    merged_from: int | None = None  # the ticket it was written on, before a merge moved it here
    rule: str | None = None  # the trigger or macro that wrote it


@dataclass(frozen=True)
class LinkView:
    """Another ticket as seen from this one: `relation` is related, parent, child, merged_into or merged_from."""

    number: int
    relation: str
    subject: str
    status: str


# How the other ticket is named beside a ticket's heading (catalog texts; t(RELATION_LABELS[link.relation])).
RELATION_LABELS = {
    "related": N_("related"),
    "parent": N_("parent"),
    "child": N_("child"),
    "merged_into": N_("merged into"),
    "merged_from": N_("merged from"),
}


@dataclass(frozen=True)
class CustomValueView:
    """A team's own field on a record: its name, what it holds, and the value shown (empty when not set)."""

    field_id: int
    name: str
    holds: str
    value: str | None
    required: bool = False
    choices: tuple[str, ...] = ()


@dataclass(frozen=True)
class PurchaseView:
    id: int
    purchased_on: date
    product_id: int
    product_sku: str
    product_name: str
    unit_price: int
    quantity: int
    amount: int
    order_ref: str | None


@dataclass(frozen=True)
class SubscriptionView:
    id: int
    product_name: str
    contract_on: date
    renewal_on: date | None
    cancelled_on: date | None
    cancel_reason: str | None
    cancel_category: str | None = None
    product_id: int = 0

    @property
    def active(self) -> bool:
        return self.cancelled_on is None


@dataclass(frozen=True)
class CustomerSummary:
    id: int
    full_name: str
    name_kana: str | None
    company_id: int | None
    company_name: str | None
    department: str | None
    phone: str | None
    mobile: str | None
    email: str | None
    rank: str
    version: int
    is_decision_maker: bool = False


@dataclass(frozen=True)
class CustomerMatch:
    """A caller-lookup result. `match` says why it was found (phone, email, name, kana, company)."""

    customer: CustomerSummary
    match: str
    score: int
    open_tickets: int


@dataclass(frozen=True)
class TicketDetail:
    row: TicketRow
    customer: CustomerSummary
    purchase: PurchaseView | None
    resolution_note: str | None
    first_response_at: datetime | None
    resolved_at: datetime | None
    closed_at: datetime | None
    entries: tuple[EntryView, ...] = field(default_factory=tuple)
    allowed_next: tuple[str, ...] = ()
    tags: tuple[str, ...] = ()
    links: tuple[LinkView, ...] = ()
    merged_into: int | None = None
    custom: tuple[CustomValueView, ...] = ()

    @property
    def number(self) -> int:
        return self.row.number

    @property
    def version(self) -> int:
        return self.row.version
