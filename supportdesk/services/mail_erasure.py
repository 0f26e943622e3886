"""Mail and attachments in a person's erasure (削除) and disclosure (開示), registered with services/erasure.py.

Files, photos and raw messages name the person in ways text masking cannot reach, so they are removed, not
masked: the file rows stay as "(erased)" so the thread still shows a file was there, the bytes go (a blob another
customer's ticket also holds stays for them), and the headers of the person's mail are blanked.
"""

from sqlmodel import Session, col, select

from supportdesk.i18n import N_
from supportdesk.models import MailMessage
from supportdesk.services import erasure
from supportdesk.services.attachments import erase_ticket_files, export_ticket_files, export_ticket_mail


def erase_mail(session: Session, work: erasure.Erasure) -> int:
    changed = erase_ticket_files(session, list(work.ticket_ids))
    work.touched_tickets.update(work.ticket_ids)  # file names were part of the tickets' search text
    # Automatic replies and bounces from the person that matched no ticket: their headers name them too.
    loose = session.exec(
        select(MailMessage).where(col(MailMessage.ticket_id).is_(None), MailMessage.direction == "in")
    ).all()
    for message in loose:
        if work.scrub(message.from_address) != message.from_address or work.scrub(message.subject) != message.subject:
            message.from_address = message.from_name = message.to_addresses = message.cc_addresses = ""
            message.subject = ""
            message.raw_sha256 = None
            session.add(message)
            changed += 1
    return changed


def disclose_mail(
    session: Session, customer_ids: tuple[int, ...], ticket_ids: tuple[int, ...]
) -> list[dict[str, object]]:
    """One flat record per mail sent or received and per file held, for the 開示 export and its document.

    The files' bytes are not in the document; `privacy export --files DIR` copies them out beside it.
    """
    mail = export_ticket_mail(session, list(ticket_ids))
    files = export_ticket_files(session, list(ticket_ids))
    records: list[dict[str, object]] = []
    for ticket in ticket_ids:
        for m in mail.get(ticket, []):
            records.append(
                {
                    N_("ticket_number"): ticket,
                    N_("direction"): m["direction"],
                    N_("sender"): m["from"],
                    N_("recipient"): m["to"],
                    N_("subject"): m["subject"],
                    N_("mail_date"): m["date"],
                    N_("delivery"): m["state"],
                }
            )
        for f in files.get(ticket, []):
            records.append(
                {
                    N_("ticket_number"): ticket,
                    N_("file"): f["filename"],
                    N_("content_type"): f["content_type"],
                    N_("size"): f["size"],
                    N_("sha256"): f["sha256"],
                }
            )
    return records


erasure.register("mail", erase_mail, disclose_mail, order=15)
