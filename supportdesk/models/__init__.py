"""The desk's tables. Import from here so every table is registered on SQLModel.metadata."""

from sqlalchemy import event
from sqlalchemy.orm import Mapper

from supportdesk.models.automation import (
    AssignmentTurn,
    AutomationRule,
    FeedCursor,
    RuleFiring,
    RuleRevision,
    TimedMark,
)
from supportdesk.models.commerce import Product, Purchase, Subscription
from supportdesk.models.enums import (
    OPEN_STATUSES,
    AcquisitionChannel,
    CancelReason,
    Channel,
    CustomerRank,
    CustomType,
    EntryKind,
    Gender,
    InquiryType,
    LinkKind,
    Priority,
    Role,
    Status,
)
from supportdesk.models.live import Draft, Presence
from supportdesk.models.mail import Attachment, AttachmentBlob, MailFetchRun, MailMessage, MailSeen
from supportdesk.models.notifications import Notification, NotificationSetting, Online
from supportdesk.models.outbox import SearchOutbox
from supportdesk.models.people import Company, Customer
from supportdesk.models.records import CannedResponse, CustomField, CustomValue, TicketLink
from supportdesk.models.service import ServiceJob, ServiceNode
from supportdesk.models.tickets import SavedView, StatusChange, Ticket, TicketEntry, TicketTag
from supportdesk.models.users import AuditEvent, SignInThrottle, User

__all__ = [
    "OPEN_STATUSES",
    "AcquisitionChannel",
    "AssignmentTurn",
    "Attachment",
    "AttachmentBlob",
    "AuditEvent",
    "AutomationRule",
    "CancelReason",
    "CannedResponse",
    "Channel",
    "Company",
    "CustomField",
    "CustomType",
    "CustomValue",
    "Customer",
    "CustomerRank",
    "Draft",
    "EntryKind",
    "FeedCursor",
    "Gender",
    "InquiryType",
    "LinkKind",
    "MailFetchRun",
    "MailMessage",
    "MailSeen",
    "Notification",
    "NotificationSetting",
    "Online",
    "Presence",
    "Priority",
    "Product",
    "Purchase",
    "Role",
    "RuleFiring",
    "RuleRevision",
    "SavedView",
    "SearchOutbox",
    "ServiceJob",
    "ServiceNode",
    "SignInThrottle",
    "Status",
    "StatusChange",
    "Subscription",
    "Ticket",
    "TicketEntry",
    "TicketLink",
    "TicketTag",
    "TimedMark",
    "User",
]


class AppendOnlyViolation(RuntimeError):
    """Raised when code tries to change history that must stay as evidence."""


def _refuse_change(mapper: Mapper[object], connection: object, target: object) -> None:
    raise AppendOnlyViolation(f"{type(target).__name__} rows are append-only; write a new entry instead")


# The thread, the status history and the audit log are evidence in a dispute: the ORM refuses to rewrite them.
for _model in (TicketEntry, StatusChange, AuditEvent, RuleRevision):
    event.listen(_model, "before_update", _refuse_change)
    event.listen(_model, "before_delete", _refuse_change)
