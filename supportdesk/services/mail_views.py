"""Reading the mail behind thread entries, for the ticket screen, `ticket show` and exports."""

from dataclasses import replace

from sqlmodel import Session, col, select

from supportdesk.models import MailMessage
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


def with_mail(session: Session, ticket_id: int, entries: tuple[EntryView, ...]) -> tuple[EntryView, ...]:
    """The entries with their mail (sender, delivery state) and files filled in."""
    messages = session.exec(
        select(MailMessage).where(MailMessage.ticket_id == ticket_id, col(MailMessage.entry_id).is_not(None))
    ).all()
    mail = {m.entry_id: mail_view(m) for m in messages}
    files = by_entry(session, ticket_id)
    if not mail and not files:
        return entries
    return tuple(replace(e, mail=mail.get(e.id), attachments=tuple(files.get(e.id, ()))) for e in entries)


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
