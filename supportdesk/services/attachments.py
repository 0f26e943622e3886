"""Files on thread entries: kept once per content in the database, listed on their entry, saved safely.

The bytes live in `attachment_blob` keyed by sha256, so the same PDF sent twice (or forwarded back) is stored once,
and a PostgreSQL team desk serves every machine the same files. Names are the sender's, shown as text; saving
makes a safe local name and writes 0600 inside the chosen folder only.
"""

import hashlib
import mimetypes
import os
import unicodedata
from collections import defaultdict
from collections.abc import Iterable
from pathlib import Path

from sqlalchemy import delete, insert
from sqlalchemy.dialects.postgresql import insert as pg_insert
from sqlalchemy.dialects.sqlite import insert as sqlite_insert
from sqlmodel import Session, col, select

from supportdesk.errors import Invalid, NotAllowed, NotFound
from supportdesk.i18n import msg
from supportdesk.mail.charsets import decode
from supportdesk.mail.text import mail_text
from supportdesk.models import Attachment, AttachmentBlob, MailMessage
from supportdesk.models.base import utcnow
from supportdesk.models.enums import Role
from supportdesk.services import audit
from supportdesk.services.actor import Action, Actor, require
from supportdesk.services.readmodels import AttachmentView

MAX_NAME = 255


def store_blob(session: Session, data: bytes) -> str:
    """Keep `data` once; returns its sha256. Safe when two fetchers store the same file at the same moment."""
    digest = hashlib.sha256(data).hexdigest()
    values = {"sha256": digest, "size": len(data), "data": data, "created_at": utcnow()}
    dialect = session.get_bind().dialect.name
    if dialect == "postgresql":
        session.execute(pg_insert(AttachmentBlob).values(**values).on_conflict_do_nothing(index_elements=["sha256"]))
    elif dialect == "sqlite":
        session.execute(
            sqlite_insert(AttachmentBlob).values(**values).on_conflict_do_nothing(index_elements=["sha256"])
        )
    elif session.get(AttachmentBlob, digest) is None:  # pragma: no cover - the desk runs on SQLite and PostgreSQL
        session.execute(insert(AttachmentBlob).values(**values))
    return digest


def clean_name(name: str, content_type: str = "") -> str:
    """A sender's file name as the desk lists it: one line, no path, not empty, at most 255 characters."""
    name = "".join(ch for ch in name if unicodedata.category(ch)[0] != "C").strip()
    name = name.replace("/", "／").replace("\\", "＼")
    name = name.lstrip(".") or ("attachment" + (mimetypes.guess_extension(content_type) or ""))
    if len(name) > MAX_NAME:
        _stem, dot, ext = name.rpartition(".")
        keep = ext if dot and len(ext) <= 10 else ""
        name = name[: MAX_NAME - len(keep) - 1] + ("." + keep if keep else "")
    return name


def add_attachment(
    session: Session,
    ticket_id: int,
    entry_id: int | None,
    name: str,
    content_type: str,
    data: bytes,
    *,
    limit: int,
    inline: bool = False,
    undecodable: bool = False,
) -> Attachment:
    """Record a file on an entry; over `limit` bytes only its name, type and size are kept."""
    kept = len(data) <= limit
    attachment = Attachment(
        ticket_id=ticket_id,
        entry_id=entry_id,
        sha256=store_blob(session, data) if kept else None,
        filename=clean_name(name, content_type),
        content_type=(content_type or "application/octet-stream")[:127],
        size=len(data),
        inline=inline,
        undecodable=undecodable,
    )
    session.add(attachment)
    return attachment


def _view(a: Attachment) -> AttachmentView:
    assert a.id is not None
    return AttachmentView(
        id=a.id,
        entry_id=a.entry_id,
        filename=a.filename,
        content_type=a.content_type,
        size=a.size,
        kept=a.sha256 is not None,
        inline=a.inline,
        undecodable=a.undecodable,
        trainer_safe=a.trainer_safe,
    )


def by_entry(session: Session, ticket_id: int) -> dict[int | None, list[AttachmentView]]:
    """A ticket's files grouped by the entry they came with."""
    found: dict[int | None, list[AttachmentView]] = defaultdict(list)
    query = select(Attachment).where(Attachment.ticket_id == ticket_id).order_by(col(Attachment.id))
    for attachment in session.exec(query).all():
        found[attachment.entry_id].append(_view(attachment))
    return dict(found)


# Text files up to this size are searched by their words too (a pasted log, a .txt form); larger ones by name.
SEARCHED_TEXT_BYTES = 200_000


def attachment_text(session: Session, ticket_ids: Iterable[int]) -> dict[int, list[str]]:
    """Per entry, what search should find of its files: each name, and the words of small text files."""
    found: dict[int, list[str]] = defaultdict(list)
    ids = list(ticket_ids)
    if not ids:
        return {}
    query = select(Attachment).where(col(Attachment.ticket_id).in_(ids), col(Attachment.entry_id).is_not(None))
    for attachment in session.exec(query.order_by(col(Attachment.id))).all():
        assert attachment.entry_id is not None
        found[attachment.entry_id].append(attachment.filename)
        small = attachment.size <= SEARCHED_TEXT_BYTES and attachment.sha256 is not None
        if small and attachment.content_type.startswith("text/") and not attachment.undecodable:
            blob = session.get(AttachmentBlob, attachment.sha256)
            decoded = decode(bytes(blob.data), None) if blob is not None else None
            if decoded is not None:
                found[attachment.entry_id].append(mail_text(decoded.text))
    return dict(found)


def _attachment_of(session: Session, actor: Actor, number: int, attachment_id: int) -> Attachment:
    require(actor, Action.VIEW_TICKETS)
    attachment = session.get(Attachment, attachment_id)
    if attachment is None or attachment.ticket_id != number:
        raise NotFound(msg("Ticket #{number} has no attachment {attachment}.", number=number, attachment=attachment_id))
    if actor.role == Role.TRAINER and not attachment.trainer_safe:
        raise NotAllowed(msg("Trainers may open a file only after an administrator marked it free of personal data."))
    return attachment


def read_attachment(session: Session, actor: Actor, number: int, attachment_id: int) -> tuple[AttachmentView, bytes]:
    attachment = _attachment_of(session, actor, number, attachment_id)
    if attachment.sha256 is None:
        raise NotFound(
            msg("{name} was over the size limit when it arrived; the desk did not keep it.", name=attachment.filename)
        )
    blob = session.get(AttachmentBlob, attachment.sha256)
    if blob is None:
        raise NotFound(
            msg("The file of attachment {attachment} is no longer held (erased on request).", attachment=attachment_id)
        )
    audit.record(session, actor, "attachment.open", "ticket", number, attachment=attachment_id)
    session.commit()
    return _view(attachment), bytes(blob.data)


def safe_local_name(name: str) -> str:
    """A name safe to create in a folder on any system: no path, no device names, no leading dot."""
    name = clean_name(name)
    name = "".join("_" if ch in '<>:"/\\|?*' else ch for ch in name).strip(" .")
    if name.split(".")[0].upper() in {"CON", "PRN", "AUX", "NUL", *(f"COM{i}" for i in range(10))}:
        name = "_" + name
    return name or "attachment"


def save_attachment(
    session: Session, actor: Actor, number: int, attachment_id: int, out: Path, *, folder: bool = False
) -> Path:
    """Write an attachment to `out` (or into the folder `out` under its sanitised name), readable by its owner only.

    An existing file is never overwritten.
    """
    view, data = read_attachment(session, actor, number, attachment_id)
    into_folder = folder or out.is_dir()
    target = out / safe_local_name(view.filename) if into_folder else out
    # The sanitised name cannot climb out of the folder, and resolving proves it.
    if into_folder and target.resolve().parent != out.resolve():
        raise Invalid("file name", msg("the attachment's name would leave the folder"))
    _write_new(target, data)
    return target


def _write_new(target: Path, data: bytes) -> None:
    """Create `target` readable by its owner only; an existing file is never overwritten."""
    try:
        fd = os.open(target, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
    except FileExistsError:
        raise Invalid("output file", msg("{path} already exists; choose another name", path=str(target))) from None
    with os.fdopen(fd, "wb") as handle:
        handle.write(data)


def save_person_files(session: Session, actor: Actor, ticket_ids: list[int], folder: Path) -> list[Path]:
    """Every file held on these tickets, written into `folder` (created, owner only) for a 開示 request.

    Each is named `<ticket>-<attachment id>-<its sanitised name>`, so two files sent under one name stay apart and
    each can be matched to its line in the export (ticket, name, sha256). Files over the size limit or already
    erased were never kept or are gone: nothing to write.
    """
    require(actor, Action.PRIVACY_REQUESTS)
    folder.mkdir(mode=0o700, parents=True, exist_ok=True)
    query = (
        select(Attachment, AttachmentBlob.data)
        .join(AttachmentBlob, col(AttachmentBlob.sha256) == col(Attachment.sha256))
        .where(col(Attachment.ticket_id).in_(ticket_ids))
        .order_by(col(Attachment.id))
    )
    written: list[Path] = []
    for attachment, data in session.exec(query).all() if ticket_ids else []:
        target = folder / f"{attachment.ticket_id}-{attachment.id}-{safe_local_name(attachment.filename)}"
        if target.resolve().parent != folder.resolve():  # the sanitised name cannot climb out; resolving proves it
            raise Invalid("file name", msg("the attachment's name would leave the folder"))
        _write_new(target, bytes(data))
        written.append(target)
    return written


def mark_trainer_safe(session: Session, actor: Actor, number: int, attachment_id: int, safe: bool = True) -> None:
    """An administrator says a file holds no personal data, so trainers may open it."""
    require(actor, Action.PRIVACY_REQUESTS)
    attachment = session.get(Attachment, attachment_id)
    if attachment is None or attachment.ticket_id != number:
        raise NotFound(msg("Ticket #{number} has no attachment {attachment}.", number=number, attachment=attachment_id))
    attachment.trainer_safe = safe
    session.add(attachment)
    audit.record(session, actor, "attachment.trainer_safe", "ticket", number, attachment=attachment_id, safe=safe)
    session.commit()


def erase_ticket_files(session: Session, ticket_ids: list[int]) -> int:
    """Remove the files and raw mail of these tickets (anonymisation); returns how many files were removed.

    Names are kept as '(erased)' rows so the thread still says a file was there; a blob still used by another
    customer's ticket stays for them. Uncommitted: the caller commits with the rest of the erasure.
    """
    if not ticket_ids:
        return 0
    attachments = session.exec(select(Attachment).where(col(Attachment.ticket_id).in_(ticket_ids))).all()
    messages = session.exec(select(MailMessage).where(col(MailMessage.ticket_id).in_(ticket_ids))).all()
    digests = {a.sha256 for a in attachments if a.sha256} | {m.raw_sha256 for m in messages if m.raw_sha256}
    for attachment in attachments:
        attachment.sha256 = None
        attachment.filename = "(erased)"
        attachment.trainer_safe = False
        session.add(attachment)
    for message in messages:
        # The headers name the person too; the message ids stay so later mail still threads (and is refused).
        message.raw_sha256 = None
        message.from_address = message.from_name = ""
        message.to_addresses = message.cc_addresses = message.subject = ""
        session.add(message)
    session.flush()
    if not digests:
        return len(attachments)
    still_used = set(session.exec(select(Attachment.sha256).where(col(Attachment.sha256).in_(digests))).all()) | set(
        session.exec(select(MailMessage.raw_sha256).where(col(MailMessage.raw_sha256).in_(digests))).all()
    )
    session.execute(delete(AttachmentBlob).where(col(AttachmentBlob.sha256).in_(digests - still_used)))
    return len(attachments)


def export_ticket_files(session: Session, ticket_ids: list[int]) -> dict[int, list[dict[str, object]]]:
    """Per ticket, every file held (for a privacy export): name, type, size, the entry it came with."""
    found: dict[int, list[dict[str, object]]] = defaultdict(list)
    if not ticket_ids:
        return {}
    query = select(Attachment).where(col(Attachment.ticket_id).in_(ticket_ids)).order_by(col(Attachment.id))
    for attachment in session.exec(query).all():
        found[attachment.ticket_id].append(
            {
                "id": attachment.id,
                "entry_id": attachment.entry_id,
                "filename": attachment.filename,
                "content_type": attachment.content_type,
                "size": attachment.size,
                "sha256": attachment.sha256,
            }
        )
    return dict(found)


def export_ticket_mail(session: Session, ticket_ids: list[int]) -> dict[int, list[dict[str, object]]]:
    """Per ticket, the mail sent and received: addresses, subject, dates, delivery (for a privacy export)."""
    found: dict[int, list[dict[str, object]]] = defaultdict(list)
    if not ticket_ids:
        return {}
    query = select(MailMessage).where(col(MailMessage.ticket_id).in_(ticket_ids)).order_by(col(MailMessage.id))
    for m in session.exec(query).all():
        assert m.ticket_id is not None
        found[m.ticket_id].append(
            {
                "direction": m.direction,
                "entry_id": m.entry_id,
                "from": m.from_address,
                "from_name": m.from_name,
                "to": m.to_addresses,
                "cc": m.cc_addresses,
                "subject": m.subject,
                "date": (m.date_header or m.created_at).isoformat(),
                "state": m.state,
            }
        )
    return dict(found)
