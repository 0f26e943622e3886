"""Telling people what a change means for them: a ticket assigned to them, the customer answered their ticket,
a colleague @mentioned them in a note. Then `process_feed`, the desk service's job that reads the changes, runs
the triggers and tells people, moving the feed's cursor with the notifications."""

import re
from dataclasses import dataclass

from sqlmodel import Session, col, select

from supportdesk.config import SlaPolicy
from supportdesk.models import EntryKind, Ticket, User
from supportdesk.models.base import utcnow
from supportdesk.normalize import clean, login_key
from supportdesk.services import notifications
from supportdesk.services.actor import Actor
from supportdesk.services.automation.feed import BATCH, Change, Cursor, read_changes
from supportdesk.services.automation.mailing import Mailer
from supportdesk.services.automation.store import active_triggers
from supportdesk.services.automation.triggers import run_triggers

# @login in a note (after NFKC, so ＠ｓａｔｏ counts too), up to the first character a login of letters, digits,
# dots and dashes cannot hold (@satoさん is sato); a mail address (a@b) is not a mention.
_MENTION = re.compile(r"(?<![\w.@])@([A-Za-z0-9_][A-Za-z0-9_.\-]{0,63})")


def mentioned_logins(body: str) -> set[str]:
    return {login_key(m.rstrip(".-")) for m in _MENTION.findall(clean(body))}


def _mentioned_ids(session: Session, body: str) -> list[int]:
    logins = mentioned_logins(body)
    if not logins:
        return []
    found = session.exec(select(User.id).where(col(User.login).in_(sorted(logins)))).all()
    return [uid for uid in found if uid is not None]


def notices_for(session: Session, change: Change, desk_account: int) -> int:
    """Notifications about one change (uncommitted); returns how many."""
    ticket = session.get(Ticket, change.ticket_id)
    if ticket is None:
        return 0
    told = 0
    replies = {e.id for e in change.replies()}
    for entry in change.entries:
        by = None if entry.author_id == desk_account else entry.author_id
        if entry.kind == EntryKind.ASSIGNMENT:
            after = entry.details.get("assignee", [None, None])[1]
            if isinstance(after, int) and after != entry.author_id:
                told += notifications.notify(
                    session, [after], notifications.ASSIGNED, ticket_id=ticket.id, actor_id=by, rule=entry.via_rule
                )
        elif entry.id in replies:
            if ticket.assignee_id != entry.author_id:
                told += notifications.notify(
                    session, [ticket.assignee_id], notifications.CUSTOMER_REPLIED, ticket_id=ticket.id
                )
        elif entry.kind == EntryKind.INTERNAL_NOTE and entry.via_rule is None:
            people = [uid for uid in _mentioned_ids(session, entry.body) if uid != entry.author_id]
            told += notifications.notify(session, people, notifications.MENTIONED, ticket_id=ticket.id, actor_id=by)
    return told


@dataclass
class FeedReport:
    changes: int = 0
    fired: int = 0
    actions: int = 0
    failed: int = 0
    unsent: int = 0
    notified: int = 0

    def counts(self) -> dict[str, int]:
        return dict(vars(self))


def process_feed(
    session: Session, account: Actor, *, policy: SlaPolicy, mailer: Mailer | None, limit: int = BATCH
) -> FeedReport:
    """Read the next changes, answer them with the triggers, tell people; returns what was done.

    Triggers claim each change before acting, and the notifications commit with the cursor, so a crash at any
    point neither repeats an action nor tells anyone twice.
    """
    report = FeedReport()
    cursor = Cursor.load(session)
    changes, ids = read_changes(session, cursor, limit)
    news = [c for c in changes if not c.imported]
    triggers = active_triggers(session) if news else []
    session.rollback()
    now = utcnow()
    for change in news:
        if triggers and not change.automatic(account.id):
            done = run_triggers(session, account, change, triggers, policy=policy, mailer=mailer, now=now)
            report.fired += done.fired
            report.actions += done.actions
            report.failed += done.failed
            report.unsent += done.unsent
    for change in news:
        report.notified += notices_for(session, change, account.id)
    cursor.advanced(ids).save(session)
    session.commit()
    report.changes = len(news)
    return report
