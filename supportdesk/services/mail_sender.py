"""The sender: deliver what is due in the outbound queue over SMTP, recording every answer as it comes.

Each state change commits on its own before the next network step, so whatever moment the process dies at, the
queue says truthfully what may have happened (see services/mail_out.py for the states).
"""

import smtplib
from collections import Counter
from dataclasses import dataclass, field

from sqlmodel import Session

from supportdesk.mail.settings import MailSettings
from supportdesk.mail.transport import open_smtp
from supportdesk.models import AttachmentBlob, MailMessage
from supportdesk.models.base import utcnow
from supportdesk.services.mail_out import claim, recover, retry_later, sender_id, set_state


@dataclass
class DeliveryReport:
    counts: Counter[str] = field(default_factory=Counter)
    answers: list[str] = field(default_factory=list)


def _answer(exc: BaseException) -> str:
    if isinstance(exc, smtplib.SMTPResponseException):
        text = exc.smtp_error.decode("utf-8", "replace") if isinstance(exc.smtp_error, bytes) else str(exc.smtp_error)
        return f"{exc.smtp_code} {text}"
    if isinstance(exc, smtplib.SMTPRecipientsRefused):
        return "; ".join(f"{code} {text.decode('utf-8', 'replace')}" for code, text in exc.recipients.values())
    return f"{type(exc).__name__}: {exc}" if str(exc) else type(exc).__name__


def _permanent(exc: BaseException) -> bool:
    if isinstance(exc, smtplib.SMTPResponseException):
        return 500 <= exc.smtp_code < 600
    if isinstance(exc, smtplib.SMTPRecipientsRefused):
        return all(500 <= code < 600 for code, _text in exc.recipients.values())
    return False


def _refused(session: Session, message_id: int, exc: BaseException, settings: MailSettings) -> str:
    """The server said no (or could not be reached) before taking the data: nothing was sent."""
    if _permanent(exc):
        set_state(session, message_id, "failed", _answer(exc), claimed_by=None)
        return "failed"
    return retry_later(session, message_id, _answer(exc), settings, utcnow())


def _hand_over(session: Session, link: smtplib.SMTP, message: MailMessage, settings: MailSettings) -> str:
    assert message.id is not None and message.raw_sha256 is not None
    blob = session.get(AttachmentBlob, message.raw_sha256)
    assert blob is not None
    raw = bytes(blob.data)
    recipients = [a.strip() for a in message.to_addresses.split(",") if a.strip()]
    code, text = link.mail(settings.address)
    if code >= 400:
        raise smtplib.SMTPSenderRefused(code, text, settings.address)
    refused = {}
    for address in recipients:
        code, text = link.rcpt(address)
        if code >= 400:
            refused[address] = (code, text)
    if len(refused) == len(recipients):
        raise smtplib.SMTPRecipientsRefused(refused)
    # From here the server may take the message at any moment: commit that before handing it over.
    set_state(session, message.id, "handing_over", None)
    try:
        code, text = link.data(raw)
        if not 200 <= code < 300:
            # smtplib returns the answer to the end of the data instead of raising: a definite no.
            raise smtplib.SMTPDataError(code, text)
    except smtplib.SMTPResponseException as exc:
        # A definite "no" to the data: the server did not take it, so a retry cannot send it twice.
        link.rset()
        return _refused(session, message.id, exc, settings)
    except (OSError, smtplib.SMTPServerDisconnected) as exc:
        set_state(session, message.id, "unconfirmed", f"no answer after the data ({_answer(exc)})", claimed_by=None)
        raise
    set_state(
        session,
        message.id,
        "sent",
        f"{code} {text.decode('utf-8', 'replace')}",
        sent_at=utcnow(),
        claimed_by=None,
        attempts=message.attempts + 1,
    )
    return "sent"


def deliver_due(session: Session, settings: MailSettings, password: str | None, limit: int = 20) -> DeliveryReport:
    """Send what is due now; returns what happened to each message taken."""
    report = DeliveryReport()
    recover(session)
    mine = claim(session, sender_id(), limit)
    if not mine:
        return report
    link: smtplib.SMTP | None = None
    for message_id in mine:
        message = session.get(MailMessage, message_id, populate_existing=True)
        assert message is not None
        try:
            if link is None:
                link = open_smtp(settings, password)
            outcome = _hand_over(session, link, message, settings)
        except (OSError, smtplib.SMTPException) as exc:
            current = session.get(MailMessage, message_id, populate_existing=True)
            unconfirmed = current is not None and current.state == "unconfirmed"
            outcome = "unconfirmed" if unconfirmed else _refused(session, message_id, exc, settings)
            report.answers.append(_answer(exc))
            if link is not None and not isinstance(exc, smtplib.SMTPResponseException):
                link.close()
                link = None  # the connection is gone; the next message opens a new one
        report.counts[outcome] += 1
    if link is not None:
        try:
            link.quit()
        except (OSError, smtplib.SMTPException):
            link.close()
    return report
