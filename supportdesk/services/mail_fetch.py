"""Fetching mail from the desk's IMAP folders: every message not yet taken, each in its own transaction.

A message and the record of its folder UID commit together (services/mail_in.py), so a fetch that dies — killed,
or the connection dropped — leaves every message either taken once or not at all, and the next fetch takes the
rest. The folder's UIDVALIDITY is part of the key: when the server renumbers a folder, Message-IDs still keep
messages from being added twice.
"""

from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import datetime

from sqlmodel import Session, select

from supportdesk.config import SlaPolicy
from supportdesk.errors import MailServerError
from supportdesk.i18n import msg
from supportdesk.mail import imap
from supportdesk.mail.settings import MailSettings
from supportdesk.models import MailFetchRun, MailSeen
from supportdesk.models.base import utcnow
from supportdesk.services.actor import Action, Actor, require
from supportdesk.services.mail_in import Received, SeenKey, receive


@dataclass
class FetchReport:
    taken: list[Received] = field(default_factory=list)
    errors: list[str] = field(default_factory=list)

    @property
    def added(self) -> int:
        return sum(1 for r in self.taken if r.outcome != "duplicate")


def _seen_uids(session: Session, mailbox: str, uidvalidity: int) -> set[int]:
    query = select(MailSeen.uid).where(MailSeen.mailbox == mailbox, MailSeen.uidvalidity == uidvalidity)
    return set(session.exec(query).all())


def _note_run(session: Session, mailbox: str, added: int, error: str | None, started: datetime) -> None:
    run = session.get(MailFetchRun, mailbox) or MailFetchRun(mailbox=mailbox)
    run.started_at = started
    run.finished_at = utcnow()
    run.added = added
    run.error = error
    session.add(run)
    session.commit()


def fetch_folders(
    session: Session,
    actor: Actor,
    settings: MailSettings,
    password: str,
    *,
    policy: SlaPolicy | None = None,
    progress: Callable[[Received], None] | None = None,
) -> FetchReport:
    """Take every new message of every configured folder; a folder's failure is reported, not raised."""
    require(actor, Action.WORK_TICKETS)
    report = FetchReport()
    with imap.connect(settings, password) as box:
        for folder in settings.folders:
            key = imap.mailbox_key(settings, folder)
            started = utcnow()
            added = 0
            try:
                uidvalidity = imap.select(box, folder)
                new = [uid for uid in imap.uids(box) if uid not in _seen_uids(session, key, uidvalidity)]
                for uid in new:
                    raw = imap.raw_message(box, uid)
                    if raw is None:
                        continue  # expunged between the listing and the fetch
                    got = receive(session, actor, raw, seen=SeenKey(key, uidvalidity, uid), settings=settings,
                                  policy=policy)  # fmt: skip
                    report.taken.append(got)
                    added += got.outcome != "duplicate"
                    if progress is not None:
                        progress(got)
            except imap.IMAP_FAILURES as exc:
                # What was taken before the failure is committed; the next fetch takes the rest.
                report.errors.append(f"{folder}: {imap.describe(exc)}")
                session.rollback()
                _note_run(session, key, added, report.errors[-1], started)
                raise MailServerError(
                    msg(
                        "IMAP fetch of {folder} stopped after {count} messages: {problem}",
                        folder=folder,
                        count=added,
                        problem=imap.describe(exc),
                    )
                ) from exc
            _note_run(session, key, added, None, started)
    return report


def wait_for_new_mail(settings: MailSettings, password: str, seconds: int) -> bool:
    """Wait with IMAP IDLE on the first folder until the server reports a change (True) or `seconds` pass."""
    with imap.connect(settings, password) as box:
        try:
            imap.select(box, settings.folders[0])
            return imap.wait_for_mail(box, seconds)
        except imap.IMAP_FAILURES as exc:
            where = {"host": settings.imap_host, "port": settings.imap_port_or_default()}
            problem = imap.describe(exc)
            raise MailServerError(msg("IMAP server {host}:{port}: {problem}", **where, problem=problem)) from exc
