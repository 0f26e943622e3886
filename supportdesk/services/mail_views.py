"""Reading the mail behind thread entries, for the ticket screen, `ticket show` and exports."""

from dataclasses import replace
from typing import Any

import sqlalchemy as sa
from sqlmodel import Session, col, select

from supportdesk.models import Attachment, MailMessage
from supportdesk.services.attachments import by_entry
from supportdesk.services.masking import TicketMasking
from supportdesk.services.readmodels import EntryView, MailView


def mail_view(message: MailMessage) -> MailView:
    return MailView(
        direction=message.direction,
        kind=message.kind,
        message_id=message.message_id,
        from_address=message.from_address,
        from_name=message.from_name,
        to=message.to_addresses,
        subject=message.subject,
        state=message.state,
        server_answer=message.server_answer,
        attempts=message.attempts,
        sent_at=message.sent_at,
    )


def mail_and_files(ticket_id: Any) -> tuple[sa.Exists, sa.Exists]:
    """Whether a ticket has mail on its entries, and files, as two columns of the statement that reads the ticket
    (`ticket_id`: its id column): `with_mail` then skips the read of what it has not. Most tickets came by phone
    and carry neither, and on PostgreSQL each read is a round trip (issue 20)."""
    mail = sa.exists().where(col(MailMessage.ticket_id) == ticket_id, col(MailMessage.entry_id).is_not(None))
    files = sa.exists().where(col(Attachment.ticket_id) == ticket_id)
    return mail, files


def with_mail(
    session: Session, ticket_id: int, entries: tuple[EntryView, ...], *, mail: bool = True, files: bool = True
) -> tuple[EntryView, ...]:
    """The entries with their mail (sender, delivery state) and files filled in; `mail` / `files` False when the
    ticket is known to have none (`mail_and_files`)."""
    messages = (
        session.exec(
            select(MailMessage).where(MailMessage.ticket_id == ticket_id, col(MailMessage.entry_id).is_not(None))
        ).all()
        if mail
        else []
    )
    sent = {m.entry_id: mail_view(m) for m in messages}
    kept = by_entry(session, ticket_id) if files else {}
    if not sent and not kept:
        return entries
    return tuple(replace(e, mail=sent.get(e.id), attachments=tuple(kept.get(e.id, ()))) for e in entries)


def masked(entry: EntryView, masking: TicketMasking) -> EntryView:
    """An entry's mail and files as a trainer reads them: addresses gone, names and subjects masked like any text.

    The body is the caller's to mask (it knows the entry's author).
    """
    mail = entry.mail
    if mail is not None:
        mail = replace(
            mail,
            from_address="",
            from_name=masking.shown(mail.from_name) if mail.from_name else "",
            to="",
            subject=masking.shown(mail.subject),
            server_answer=masking.shown(mail.server_answer) if mail.server_answer else None,
        )
    files = tuple(replace(a, filename=masking.shown(a.filename)) for a in entry.attachments)
    return replace(entry, mail=mail, attachments=files)
