"""Replies by mail: the reply entry and its queued message commit together; a sender delivers the queue.

Never sent twice. Each message moves queued → sending (claimed by one sender) → handing_over (committed just
before the message data goes to the server) → sent. A sender killed while handing over cannot know whether the
server took the message, so that message becomes `unconfirmed` and is never sent again by itself: an agent
checks and resends it (`supportdesk mail resend`). Anything that failed before the hand-over is safe to retry,
with backoff; a permanent refusal (5xx) is `failed` with the server's answer.
"""

import os
import socket
from dataclasses import dataclass
from datetime import datetime, timedelta
from typing import Any, cast

from sqlalchemy import CursorResult, func, update
from sqlmodel import Session, col, select

from supportdesk import clock
from supportdesk.config import SlaPolicy
from supportdesk.errors import Invalid, NotAllowed, NotFound
from supportdesk.i18n import msg
from supportdesk.mail.compose import Outgoing, compose, quoted
from supportdesk.mail.settings import MailSettings
from supportdesk.mail.subjects import strip_prefixes
from supportdesk.models import Customer, EntryKind, MailMessage, Ticket
from supportdesk.models.base import utcnow
from supportdesk.services import audit
from supportdesk.services.actor import Action, Actor, require
from supportdesk.services.attachments import add_attachment, store_blob
from supportdesk.services.tickets import load_for_change, record_entry, save_change
from supportdesk.untrusted import check_block

# Seconds to wait after the 1st, 2nd, … failed attempt (then the last one again).
BACKOFF = (60, 300, 900, 3600, 3 * 3600, 6 * 3600)
# A claim older than this belongs to a sender that died on another machine.
LEASE = timedelta(minutes=15)


@dataclass(frozen=True)
class QueuedReply:
    version: int
    message_id: str
    to: str


def sender_id() -> str:
    return f"{socket.gethostname()}:{os.getpid()}"


def reply_address(session: Session, ticket: Ticket) -> str:
    """Where a reply goes: the address the customer last wrote from, else their address on record."""
    last = session.exec(
        select(MailMessage.from_address)
        .where(MailMessage.ticket_id == ticket.id, MailMessage.direction == "in", MailMessage.kind == "person")
        .order_by(col(MailMessage.id).desc())
    ).first()
    if last:
        return last
    customer = session.get(Customer, ticket.customer_id)
    return customer.email if customer is not None and customer.email else ""


def _last_inbound(session: Session, ticket_id: int) -> MailMessage | None:
    return session.exec(
        select(MailMessage)
        .where(MailMessage.ticket_id == ticket_id, MailMessage.direction == "in", MailMessage.kind == "person")
        .order_by(col(MailMessage.id).desc())
    ).first()


def _thread_ids(session: Session, ticket_id: int) -> tuple[str, tuple[str, ...]]:
    """(In-Reply-To, References) for the next mail on a ticket: the customer's last message and its ancestors."""
    last = _last_inbound(session, ticket_id)
    if last is not None:
        return last.message_id, (*last.references.split(), last.message_id)
    sent = session.exec(
        select(MailMessage.message_id)
        .where(MailMessage.ticket_id == ticket_id, MailMessage.direction == "out")
        .order_by(col(MailMessage.id))
    ).all()
    return (sent[-1] if sent else ""), tuple(sent)


def reply_subject(ticket: Ticket) -> str:
    subject = strip_prefixes(ticket.subject)
    tag = f"[#{ticket.id}]"
    return f"Re: {subject}" if tag in subject else f"Re: {tag} {subject}"


def _quote(session: Session, ticket_id: int) -> str:
    from supportdesk.models import TicketEntry

    last = _last_inbound(session, ticket_id)
    if last is None or last.entry_id is None:
        return ""
    entry = session.get(TicketEntry, last.entry_id)
    if entry is None or not entry.body:
        return ""
    when = clock.when(last.date_header or last.created_at, "%Y/%m/%d %H:%M")
    who = f"{last.from_name} <{last.from_address}>" if last.from_name else last.from_address
    return quoted(entry.body, when, who)


def queue_reply(
    session: Session,
    actor: Actor,
    number: int,
    body: str,
    settings: MailSettings,
    *,
    files: tuple[tuple[str, str, bytes], ...] = (),
    expected_version: int | None = None,
    policy: SlaPolicy | None = None,
) -> QueuedReply:
    """Record a reply and queue it as a mail to the customer, in one transaction."""
    require(actor, Action.WORK_TICKETS)
    if not settings.address:
        raise NotAllowed(msg('No desk address is set: add [mail] address = "…" to the config file to reply by mail.'))
    text = check_block("body", body)
    if not text:
        raise Invalid("body", msg("write something first"))
    ticket = load_for_change(session, number, expected_version)
    to = reply_address(session, ticket)
    if not to:
        raise Invalid("recipient", msg("the customer of ticket #{number} has no e-mail address", number=number))
    for name, _kind, data in files:
        if len(data) > settings.max_attachment_bytes:
            raise Invalid(
                "attachment", msg("{name} is over the {limit} MB limit", name=name, limit=settings.max_attachment_mb)
            )
    entry = record_entry(session, actor, ticket, EntryKind.REPLY, text, policy=policy)
    session.flush()
    assert entry.id is not None
    signature = settings.signature(ticket.team)
    quote = _quote(session, number)
    mail_body = "\n\n".join(part for part in (text, signature and f"--\n{signature}", quote) if part)
    in_reply_to, references = _thread_ids(session, number)
    message_id, raw = compose(
        Outgoing(
            from_address=settings.address,
            from_name=actor.name or settings.name,
            to=(to,),
            subject=reply_subject(ticket),
            body=mail_body,
            date=utcnow(),
            in_reply_to=in_reply_to,
            references=references,
            charset=settings.charset,
            ticket=number,
            files=files,
        )
    )
    for name, kind, data in files:
        add_attachment(session, number, entry.id, name, kind, data, limit=settings.max_attachment_bytes)
    record = MailMessage(
        direction="out",
        kind="reply",
        message_id=message_id,
        ticket_id=number,
        entry_id=entry.id,
        from_address=settings.address,
        from_name=actor.name,
        to_addresses=to,
        subject=reply_subject(ticket),
        in_reply_to=in_reply_to,
        references=" ".join(references),
        raw_sha256=store_blob(session, raw),
        state="queued",
        next_attempt_at=utcnow(),
    )
    session.add(record)
    audit.record(session, actor, "mail.queue", "ticket", number, entry=entry.id)
    save_change(session, ticket, expected_version)
    return QueuedReply(ticket.version, message_id, to)


def automatic_allowed(session: Session, address: str, settings: MailSettings, now: datetime | None = None) -> bool:
    """The loop guard: at most `auto_per_hour` automatic mails to one address in any hour."""
    since = (now or utcnow()) - timedelta(hours=1)
    sent = session.exec(
        select(func.count())
        .select_from(MailMessage)
        .where(
            MailMessage.direction == "out",
            col(MailMessage.automatic).is_(True),
            MailMessage.to_addresses == address,
            MailMessage.created_at >= since,
        )
    ).one()
    return int(sent) < settings.auto_per_hour


def queue_acknowledgement(session: Session, ticket: Ticket, to: str, settings: MailSettings) -> bool:
    """The automatic "we received your inquiry" for a new mail ticket; False when the loop guard holds it back.

    Uncommitted: it is part of the transaction that takes the customer's message in.
    """
    body = settings.acknowledgement.replace("{number}", str(ticket.id))
    return queue_automatic(session, ticket, to, body, settings)


def queue_automatic(
    session: Session, ticket: Ticket, to: str, body: str, settings: MailSettings, *, entry_id: int | None = None
) -> bool:
    """An automatic mail to a ticket's customer (an acknowledgement, a rule's mail, a reminder), threaded with the
    ticket's mail and marked Auto-Submitted; False when there is no desk address or the loop guard holds it back.
    Uncommitted: it commits with the change that sends it (`entry_id`: the thread entry that records it)."""
    if not settings.address or not to or to == settings.address.lower():
        return False
    if not automatic_allowed(session, to, settings):
        return False
    assert ticket.id is not None
    in_reply_to, references = _thread_ids(session, ticket.id)
    subject = f"[#{ticket.id}] {strip_prefixes(ticket.subject)}"
    _queue_from_desk(
        session,
        settings,
        to,
        subject,
        body,
        ticket_id=ticket.id,
        entry_id=entry_id,
        in_reply_to=in_reply_to,
        references=references,
    )
    return True


def queue_internal(session: Session, to: str, subject: str, body: str, settings: MailSettings) -> bool:
    """A mail from the desk to one of its own people (the daily digest), on no ticket; uncommitted."""
    if not settings.address or not to:
        return False
    _queue_from_desk(session, settings, to, subject, body)
    return True


def _queue_from_desk(
    session: Session,
    settings: MailSettings,
    to: str,
    subject: str,
    body: str,
    *,
    ticket_id: int | None = None,
    entry_id: int | None = None,
    in_reply_to: str = "",
    references: tuple[str, ...] = (),
) -> None:
    """A mail the desk writes by itself (marked Auto-Submitted), composed and queued for the sender."""
    message_id, raw = compose(
        Outgoing(
            from_address=settings.address,
            from_name=settings.name,
            to=(to,),
            subject=subject,
            body=body,
            date=utcnow(),
            in_reply_to=in_reply_to,
            references=references,
            automatic=True,
            charset=settings.charset,
            ticket=ticket_id,
        )
    )
    session.add(
        MailMessage(
            direction="out",
            kind="automatic",
            automatic=True,
            message_id=message_id,
            ticket_id=ticket_id,
            entry_id=entry_id,
            from_address=settings.address,
            from_name=settings.name,
            to_addresses=to,
            subject=subject,
            in_reply_to=in_reply_to,
            references=" ".join(references),
            raw_sha256=store_blob(session, raw),
            state="queued",
            next_attempt_at=utcnow(),
        )
    )


def _alive(claimer: str | None) -> bool:
    if not claimer:
        return False
    host, _colon, pid = claimer.rpartition(":")
    if host != socket.gethostname() or not pid.isdigit():
        return True  # another machine's sender: only its lease tells
    try:
        os.kill(int(pid), 0)
    except ProcessLookupError:
        return False
    except PermissionError:
        return True
    return True


def recover(session: Session, now: datetime | None = None) -> int:
    """Claims of senders that died: before the hand-over back to the queue, during it `unconfirmed`."""
    now = now or utcnow()
    stuck = session.exec(
        select(MailMessage).where(
            MailMessage.direction == "out", col(MailMessage.state).in_(("sending", "handing_over"))
        )
    ).all()
    moved = 0
    for message in stuck:
        expired = message.claimed_at is None or message.claimed_at < now - LEASE
        if _alive(message.claimed_by) and not expired:
            continue
        if message.state == "sending":
            message.state = "queued"
        else:
            message.state = "unconfirmed"
            message.server_answer = "the sender stopped while the server was answering; it may have been delivered"
        message.claimed_by = None
        session.add(message)
        moved += 1
    session.commit()
    return moved


def claim(session: Session, me: str, limit: int = 20, now: datetime | None = None) -> list[int]:
    """Take up to `limit` due messages for this sender; a message is claimed by one sender only."""
    now = now or utcnow()
    due = session.exec(
        select(MailMessage.id)
        .where(
            MailMessage.direction == "out",
            MailMessage.state == "queued",
            col(MailMessage.next_attempt_at) <= now,
        )
        .order_by(col(MailMessage.id))
        .limit(limit)
    ).all()
    mine = []
    for message_id in due:
        taken = session.execute(
            update(MailMessage)
            .where(col(MailMessage.id) == message_id, col(MailMessage.state) == "queued")
            .values(state="sending", claimed_by=me, claimed_at=now)
        )
        if cast("CursorResult[Any]", taken).rowcount == 1 and message_id is not None:
            mine.append(message_id)
    session.commit()
    return mine


def set_state(session: Session, message_id: int, state: str, answer: str | None = None, **values: object) -> None:
    session.execute(
        update(MailMessage).where(col(MailMessage.id) == message_id).values(state=state, server_answer=answer, **values)
    )
    session.commit()


def retry_later(session: Session, message_id: int, answer: str, settings: MailSettings, now: datetime) -> str:
    """A temporary failure before the hand-over: queued again after a backoff, or failed after the last try."""
    message = session.get(MailMessage, message_id)
    assert message is not None
    attempts = message.attempts + 1
    if attempts >= settings.retries:
        set_state(session, message_id, "failed", answer, attempts=attempts, claimed_by=None)
        return "failed"
    wait = BACKOFF[min(attempts - 1, len(BACKOFF) - 1)]
    set_state(
        session,
        message_id,
        "queued",
        answer,
        attempts=attempts,
        claimed_by=None,
        next_attempt_at=now + timedelta(seconds=wait),
    )
    return "queued"


def resend(session: Session, actor: Actor, message_row: int) -> None:
    """Put an unconfirmed or failed mail back in the queue, after a person checked it did not arrive."""
    require(actor, Action.WORK_TICKETS)
    message = session.get(MailMessage, message_row)
    if message is None or message.direction != "out":
        raise NotFound(msg("There is no outgoing mail {mail}.", mail=message_row))
    if message.state not in ("unconfirmed", "failed", "bounced"):
        raise Invalid(
            "mail",
            msg(
                "mail {mail} is {state}; only unconfirmed, failed or bounced mail is sent again",
                mail=message_row,
                state=message.state,
            ),
        )
    message.state = "queued"
    message.next_attempt_at = utcnow()
    message.attempts = 0
    session.add(message)
    audit.record(session, actor, "mail.resend", "ticket", message.ticket_id, mail=message_row)
    session.commit()
