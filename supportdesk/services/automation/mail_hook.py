"""The `Mailer` rules use, on the desk's outbound mail queue (services/mail_out.py): the sender delivers what the
rules queue like any other mail, with its retries, its loop guard and its record of what was sent."""

from sqlmodel import Session

from supportdesk.mail.settings import MailSettings
from supportdesk.models import Ticket
from supportdesk.services.mail_out import queue_automatic, queue_internal, reply_address


class QueueMailer:
    """Rules' mail through the outbound queue, for a desk whose [mail] settings have an address."""

    def __init__(self, settings: MailSettings) -> None:
        self.settings = settings

    def to_customer(self, session: Session, ticket_id: int, body: str, entry_id: int | None) -> bool:
        ticket = session.get(Ticket, ticket_id)
        if ticket is None:
            return False
        to = reply_address(session, ticket)
        return bool(to) and queue_automatic(session, ticket, to, body, self.settings, entry_id=entry_id)

    def to_address(self, session: Session, address: str, subject: str, body: str) -> bool:
        return queue_internal(session, address, subject, body, self.settings)


def mailer_for(settings: MailSettings) -> QueueMailer | None:
    """The rules' mailer, or None when the desk has no mail address (rules that would mail count what they could
    not send)."""
    return QueueMailer(settings) if settings.address else None
