"""Closed vocabularies of the domain. Stored as short strings (VARCHAR), never as native database enums."""

from enum import StrEnum


class Role(StrEnum):
    AGENT = "agent"
    LEAD = "lead"
    TRAINER = "trainer"
    ADMIN = "admin"


class CustomerRank(StrEnum):
    NEW = "new"
    REGULAR = "regular"
    VIP = "vip"
    DORMANT = "dormant"


class AcquisitionChannel(StrEnum):
    WEB = "web"
    STORE = "store"
    REFERRAL = "referral"
    AD = "ad"
    LINE = "line"
    PHONE = "phone"
    EVENT = "event"
    OTHER = "other"


class Channel(StrEnum):
    """How an inquiry reached the desk."""

    PHONE = "phone"
    EMAIL = "email"
    CHAT = "chat"
    LINE = "line"
    WEB_FORM = "web_form"
    IN_PERSON = "in_person"
    LETTER = "letter"
    FAX = "fax"


class InquiryType(StrEnum):
    QUESTION = "question"
    COMPLAINT = "complaint"
    RETURN = "return"
    BILLING = "billing"
    FAULT = "fault"
    ORDER_CHANGE = "order_change"
    CANCELLATION = "cancellation"
    REQUEST = "request"


class Priority(StrEnum):
    LOW = "low"
    NORMAL = "normal"
    HIGH = "high"
    URGENT = "urgent"


class Status(StrEnum):
    NEW = "new"
    OPEN = "open"
    PENDING = "pending"  # waiting for the customer, with a follow-up date
    ON_HOLD = "on_hold"  # waiting for us (another team, a supplier)
    RESOLVED = "resolved"
    CLOSED = "closed"


OPEN_STATUSES: frozenset[Status] = frozenset({Status.NEW, Status.OPEN, Status.PENDING, Status.ON_HOLD})


class EntryKind(StrEnum):
    CUSTOMER_MESSAGE = "customer_message"
    REPLY = "reply"
    INTERNAL_NOTE = "internal_note"
    CALL_LOG = "call_log"
    STATUS_CHANGE = "status_change"
    # Written by the desk when a ticket is handed to someone (with the giver's optional note) or when its
    # priority, type, purchase, subject or tags change; `TicketEntry.details` holds what changed.
    ASSIGNMENT = "assignment"
    FIELD_CHANGE = "field_change"
    # Written by the desk service when a rule acted without changing a field (an acknowledgement or reminder mail
    # went out, a follow-up date was reached, nobody was signed in to take a ticket); the body is one of
    # tickets.SYSTEM_NOTES, shown in the reader's language, and `via_rule` names the rule.
    AUTOMATION = "automation"


SYSTEM_KINDS: frozenset[EntryKind] = frozenset(
    {EntryKind.STATUS_CHANGE, EntryKind.ASSIGNMENT, EntryKind.FIELD_CHANGE, EntryKind.AUTOMATION}
)


class Gender(StrEnum):
    FEMALE = "female"
    MALE = "male"
    OTHER = "other"
    UNSTATED = "unstated"


class CancelReason(StrEnum):
    """Why a subscription was cancelled (解約理由), as leads count them; the customer's words go beside it."""

    PRICE = "price"
    NOT_USED = "not_used"
    COMPETITOR = "competitor"
    DISSATISFIED = "dissatisfied"
    NO_LONGER_NEEDED = "no_longer_needed"
    MOVED = "moved"
    OTHER = "other"


class LinkKind(StrEnum):
    """How two tickets belong together: both about one thing, or one part of the other."""

    RELATED = "related"
    PARENT = "parent"  # the link's first ticket is the parent of the second


class CustomType(StrEnum):
    """What a team's own field holds."""

    TEXT = "text"
    NUMBER = "number"
    DATE = "date"
    CHOICE = "choice"
