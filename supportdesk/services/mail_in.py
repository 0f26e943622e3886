"""A received message becomes a ticket, or a customer's message on the ticket it answers — exactly once.

Everything one message causes (customer, ticket, thread entry, files, the raw message, the record that it was
seen in its folder) is written in one transaction, so a fetch killed at any moment either took the message or
did not, and the next fetch takes each message it missed, once.

Threading, in order: In-Reply-To / References against every Message-ID the desk received or sent; then the ticket
tag `[#123]` in the subject (from a stranger: an internal note on it); never the subject text alone.
Automatic replies and bounces never create a customer or a ticket: a bounce of the desk's own mail marks that
mail undelivered with the server's reason.
"""

import hashlib
from dataclasses import dataclass
from datetime import datetime, timedelta

from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm.exc import StaleDataError
from sqlmodel import Session, col, select

from supportdesk.config import SlaPolicy
from supportdesk.errors import Invalid, StorageError
from supportdesk.i18n import msg
from supportdesk.mail.classify import Kind
from supportdesk.mail.parse import ParsedMail, parse_message
from supportdesk.mail.settings import MailSettings
from supportdesk.mail.subjects import ticket_tag
from supportdesk.models import Channel, Customer, EntryKind, MailMessage, MailSeen, Status, Ticket
from supportdesk.models.base import utcnow
from supportdesk.normalize import email_key
from supportdesk.services import audit
from supportdesk.services.actor import Action, Actor, require
from supportdesk.services.attachments import add_attachment, store_blob
from supportdesk.services.customers import clean_customer_values, set_customer_keys
from supportdesk.services.mail_out import queue_acknowledgement
from supportdesk.services.tickets import MAX_SUBJECT, TicketCreate, carried_on, insert_ticket, record_entry
from supportdesk.untrusted import MAX_BODY

# A help-desk message is short; a longer text part (a pasted log) is cut here and kept whole as a file.
MAX_TEXT = MAX_BODY - 2
NO_SUBJECT = "(件名なし)"


@dataclass(frozen=True)
class SeenKey:
    """Where a fetched message sat: mailbox (user@host/folder), the folder's UIDVALIDITY, and its UID."""

    mailbox: str
    uidvalidity: int
    uid: int


@dataclass(frozen=True)
class Received:
    """What one message did: 'ticket' (new), 'entry' (on an existing ticket), 'duplicate', 'auto_reply',
    'bounce' (of the desk's mail, or unmatched)."""

    outcome: str
    ticket: int | None = None
    customer: int | None = None
    message_id: str = ""
    exact: bool = True


def message_id_of(mail: ParsedMail, raw: bytes) -> str:
    """The message's id, or one made from its bytes when it has none (so a re-feed is still recognised)."""
    if mail.message_id and len(mail.message_id) <= 490:
        return mail.message_id
    return f"sha256-{hashlib.sha256(raw).hexdigest()}@supportdesk.invalid"


def _known(session: Session, message_id: str) -> MailMessage | None:
    return session.exec(select(MailMessage).where(MailMessage.message_id == message_id)).first()


def _seen(session: Session, key: SeenKey | None) -> bool:
    return key is not None and session.get(MailSeen, (key.mailbox, key.uidvalidity, key.uid)) is not None


def _thread(session: Session, mail: ParsedMail) -> tuple[Ticket | None, bool]:
    """The ticket the mail answers, and whether its sender may speak on it.

    A mail answering one the desk sent or received (its Message-ID) may. A ticket tag `[#12]` is easy to type, so
    a mail carrying only the tag may speak on the ticket only if it comes from one of the ticket's people;
    anyone else's is kept on the ticket as an internal note for the agent to judge, never as the customer's word.
    """
    ids = list(mail.thread_ids)
    if ids:
        rows = session.exec(
            select(MailMessage.message_id, MailMessage.ticket_id).where(
                col(MailMessage.message_id).in_(ids), col(MailMessage.ticket_id).is_not(None)
            )
        ).all()
        by_id = dict(rows)
        for message_id in ids:  # the nearest ancestor the desk knows wins
            if by_id.get(message_id) is not None:
                return carried_on(session, session.get(Ticket, by_id[message_id])), True
    number = ticket_tag(mail.subject)
    tagged = session.get(Ticket, number) if number is not None else None
    if tagged is None:
        return None, True
    # A ticket merged into another answers as the one it was merged into.
    return carried_on(session, tagged), _writes_on(session, tagged, mail.from_address)


def _writes_on(session: Session, ticket: Ticket, address: str) -> bool:
    """Whether the sender is someone the ticket is about: its customer, a colleague at the customer's company,
    or an address the ticket's mail already came from or went to."""
    key = email_key(address)
    if not key:
        return False
    customer = session.get(Customer, ticket.customer_id)
    if customer is not None:
        if customer.email_key == key:
            return True
        if customer.company_id is not None:
            colleague = session.exec(
                select(Customer.id).where(Customer.company_id == customer.company_id, Customer.email_key == key)
            ).first()
            if colleague is not None:
                return True
    rows = session.exec(
        select(MailMessage.from_address, MailMessage.to_addresses, MailMessage.cc_addresses).where(
            MailMessage.ticket_id == ticket.id
        )
    ).all()
    for sender, to, cc in rows:
        if key in {email_key(one) for one in (sender, *to.split(","), *cc.split(",")) if one.strip()}:
            return True
    return False


def _customer_for(session: Session, actor: Actor, mail: ParsedMail) -> int:
    """The customer with this address (normalised), else a new one named from the display name."""
    key = email_key(mail.from_address)
    if key:
        found = session.exec(
            select(Customer.id)
            .where(Customer.email_key == key, col(Customer.merged_into_id).is_(None))
            .order_by(col(Customer.id))
        ).first()
        if found is not None:
            return found
    require(actor, Action.EDIT_CUSTOMERS)
    name = mail.from_name or mail.from_address.split("@", 1)[0] or mail.from_address
    try:
        values = clean_customer_values({"full_name": name[:200], "email": mail.from_address or None}, utcnow().date())
    except Invalid:
        values = clean_customer_values({"full_name": name[:200] or "?"}, utcnow().date())
    customer = Customer(**values)
    set_customer_keys(customer)
    session.add(customer)
    session.flush()
    audit.record(session, actor, "customer.create", "customer", customer.id, source="mail")
    assert customer.id is not None
    return customer.id


def _received_at(mail: ParsedMail) -> datetime:
    now = utcnow()
    if mail.date is None or mail.date > now + timedelta(days=1):
        return now  # a missing or future Date header: the arrival is the better time
    return mail.date


def _subject(mail: ParsedMail) -> str:
    subject = mail.subject.strip()
    if not subject:
        first = next((line.strip() for line in mail.text.splitlines() if line.strip()), "")
        subject = first[:60] or NO_SUBJECT
    return subject[:MAX_SUBJECT]


def _body(mail: ParsedMail) -> tuple[str, bytes | None]:
    """The text for the thread, and the whole text as a file when it had to be cut."""
    text = mail.text.strip()
    if len(text) <= MAX_TEXT:
        return text, None
    return text[:MAX_TEXT] + "\n…", mail.text.encode("utf-8")


def _record(
    session: Session,
    mail: ParsedMail,
    message_id: str,
    raw: bytes,
    ticket: int | None,
    entry: int | None,
    limit: int,
) -> MailMessage:
    record = MailMessage(
        direction="in",
        kind=str(mail.kind),
        message_id=message_id,
        ticket_id=ticket,
        entry_id=entry,
        from_address=mail.from_address[:254],
        from_name=mail.from_name[:200],
        to_addresses=", ".join(mail.to),
        cc_addresses=", ".join(mail.cc),
        subject=mail.subject,
        date_header=mail.date,
        in_reply_to=" ".join(mail.in_reply_to),
        references=" ".join(mail.references),
        raw_sha256=store_blob(session, raw) if len(raw) <= limit * 2 else None,
        exact=mail.exact,
    )
    session.add(record)
    return record


def _files(session: Session, mail: ParsedMail, ticket_id: int, entry_id: int | None, limit: int) -> None:
    for part in mail.attachments:
        add_attachment(
            session,
            ticket_id,
            entry_id,
            part.name,
            part.content_type,
            part.data,
            limit=limit,
            inline=part.inline,
            undecodable=part.undecodable,
        )


def _mark_bounced(session: Session, actor: Actor, mail: ParsedMail) -> int | None:
    """A bounce of the desk's own mail: that mail is marked undelivered with the reason; returns its ticket."""
    if not mail.bounced_ids:
        return None
    ours = session.exec(
        select(MailMessage).where(col(MailMessage.message_id).in_(mail.bounced_ids), MailMessage.direction == "out")
    ).first()
    if ours is None or ours.ticket_id is None:
        return None
    ours.state = "bounced"
    ours.server_answer = mail.bounce_reason or mail.subject or "returned by the mail server"
    session.add(ours)
    ticket = session.get(Ticket, ours.ticket_id)
    assert ticket is not None
    # An internal note puts the failure in the thread where the agent reads it, without reopening anything.
    record_entry(session, actor, ticket, EntryKind.INTERNAL_NOTE, mail.text.strip()[:MAX_TEXT] or ours.server_answer,
                 by_actor=False)  # fmt: skip
    return ours.ticket_id


def receive(
    session: Session,
    actor: Actor,
    raw: bytes,
    *,
    seen: SeenKey | None = None,
    settings: MailSettings | None = None,
    policy: SlaPolicy | None = None,
) -> Received:
    """Take one message (its bytes as received) into the desk; committed when this returns."""
    require(actor, Action.WORK_TICKETS)
    settings = settings or MailSettings()
    if _seen(session, seen):
        return Received("duplicate")
    mail = parse_message(raw)
    message_id = message_id_of(mail, raw)
    for attempt in range(3):
        try:
            result = _take(session, actor, mail, message_id, raw, seen, settings, policy)
            session.commit()
            return result
        except IntegrityError:
            # Another fetcher took the same message (same id or UID) between our check and our commit.
            session.rollback()
            return Received("duplicate", message_id=message_id)
        except StaleDataError:
            # An agent changed the ticket meanwhile: read it again and add the message to what is there now.
            session.rollback()
            if attempt == 2:
                raise StorageError(msg("The ticket kept changing while a mail was added to it; fetch again.")) from None
        except BaseException:
            session.rollback()
            raise
    raise AssertionError("unreachable")


def _note_seen(session: Session, seen: SeenKey | None, record_id: int | None) -> None:
    if seen is not None:
        session.add(MailSeen(mailbox=seen.mailbox, uidvalidity=seen.uidvalidity, uid=seen.uid,
                             mail_message_id=record_id))  # fmt: skip


def _take(
    session: Session,
    actor: Actor,
    mail: ParsedMail,
    message_id: str,
    raw: bytes,
    seen: SeenKey | None,
    settings: MailSettings,
    policy: SlaPolicy | None,
) -> Received:
    known = _known(session, message_id)
    if known is not None:
        _note_seen(session, seen, known.id)
        return Received("duplicate", ticket=known.ticket_id, message_id=message_id)
    limit = settings.max_attachment_bytes
    if mail.kind == Kind.BOUNCE:
        ticket_id = _mark_bounced(session, actor, mail)
        record = _record(session, mail, message_id, raw, ticket_id, None, limit)
        session.flush()
        _note_seen(session, seen, record.id)
        return Received("bounce", ticket=ticket_id, message_id=message_id)
    ticket, known_sender = _thread(session, mail)
    if mail.kind == Kind.AUTO_REPLY or (settings.address and mail.from_address == settings.address.lower()):
        # The desk's own address writing to itself is a loop in the making, never a customer.
        entry_id = None
        if ticket is not None:
            # An out-of-office answer to our reply: worth a line in the thread, never a reopened ticket.
            body, _whole = _body(mail)
            entry = record_entry(session, actor, ticket, EntryKind.INTERNAL_NOTE, body or mail.subject, by_actor=False)
            session.flush()
            entry_id = entry.id
        record = _record(session, mail, message_id, raw, ticket.id if ticket else None, entry_id, limit)
        session.flush()
        _note_seen(session, seen, record.id)
        return Received("auto_reply", ticket=ticket.id if ticket else None, message_id=message_id)
    body, whole = _body(mail)
    customer_id: int | None
    if ticket is not None and ticket.status != Status.CLOSED and not known_sender:
        # Someone the ticket is not about wrote with its tag: the agent reads it (the mail shows who sent it); it
        # reopens nothing and is not the customer's message.
        entry = record_entry(session, actor, ticket, EntryKind.INTERNAL_NOTE, body or _subject(mail), by_actor=False)
        session.flush()
        outcome, customer_id = "entry", None
    elif ticket is not None and ticket.status != Status.CLOSED:
        entry = record_entry(session, actor, ticket, EntryKind.CUSTOMER_MESSAGE, body, by_actor=False, policy=policy)
        session.flush()
        outcome, customer_id = "entry", ticket.customer_id
    else:
        # New inquiry (or an answer to a closed ticket, which stays closed: a new ticket carries it).
        customer_id = _customer_for(session, actor, mail)
        data = TicketCreate(
            customer_id=customer_id,
            subject="",
            channel=Channel.EMAIL,
            body=body,
            assign_to_me=False,
            received_at=_received_at(mail),
        )
        ticket, first = insert_ticket(session, actor, data, policy, subject=_subject(mail), message_by_actor=False)
        # A mail with only files has an empty message: still an entry, for the files to hang on.
        entry = first or record_entry(session, actor, ticket, EntryKind.CUSTOMER_MESSAGE, "", by_actor=False)
        session.flush()
        outcome = "ticket"
    assert ticket.id is not None and entry.id is not None
    _files(session, mail, ticket.id, entry.id, limit)
    if whole is not None:
        add_attachment(session, ticket.id, entry.id, "message.txt", "text/plain", whole, limit=limit)
    record = _record(session, mail, message_id, raw, ticket.id, entry.id, limit)
    session.flush()
    _note_seen(session, seen, record.id)
    if outcome == "ticket" and settings.acknowledge:
        queue_acknowledgement(session, ticket, mail.from_address, settings)
    audit.record(session, actor, "mail.receive", "ticket", ticket.id, mail=record.id)
    return Received(outcome, ticket=ticket.id, customer=customer_id, message_id=message_id, exact=mail.exact)
