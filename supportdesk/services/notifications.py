"""Notifications: what each person should know about (assigned to you, the customer answered, @mentions,
follow-up dates, service levels, a rule's outcome), read in the app, the CLI and a daily digest.

The desk service writes them (services/automation); the app asks for them every few seconds with `pulse`, which
is also how the desk knows who is signed in (the `online` table, for round-robin assignment).
"""

import json
import re
from collections.abc import Iterable
from dataclasses import dataclass, field
from datetime import datetime, timedelta

from sqlalchemy import func, update
from sqlalchemy.exc import IntegrityError
from sqlmodel import Session, col, delete, select
from sqlmodel.sql.expression import Select

from supportdesk import clock
from supportdesk.db import translate_errors
from supportdesk.errors import Invalid
from supportdesk.i18n import N_, msg, t
from supportdesk.models import Notification, NotificationSetting, Online, Presence, Ticket, User
from supportdesk.models.base import utcnow
from supportdesk.services import audit
from supportdesk.services.actor import Action, Actor, require
from supportdesk.services.masking import masks_personal_data, ticket_masking
from supportdesk.services.unit import commit
from supportdesk.services.users import SERVICE_LOGIN
from supportdesk.untrusted import check_line, shorten

ASSIGNED = "assigned"
CUSTOMER_REPLIED = "customer_replied"
MENTIONED = "mentioned"
FOLLOW_UP = "follow_up"
DUE_SOON = "sla_due_soon"
BREACH = "sla_breach"
RULE = "rule"
NOBODY_SIGNED_IN = "nobody_signed_in"
KINDS = (ASSIGNED, CUSTOMER_REPLIED, MENTIONED, FOLLOW_UP, DUE_SOON, BREACH, RULE, NOBODY_SIGNED_IN)

# The app says it is open every PULSE_SECONDS; a person not heard from for ONLINE_FOR has left (or their app died).
PULSE_SECONDS = 5
ONLINE_FOR = timedelta(minutes=2)
MAX_LIST = 500


@dataclass(frozen=True)
class NotificationView:
    id: int
    kind: str
    ticket_id: int | None
    subject: str | None  # the ticket's subject now (masked for trainers)
    actor_name: str | None  # who caused it; None when the desk did
    rule: str | None
    detail: dict[str, str] = field(default_factory=dict)
    created_at: datetime | None = None
    read_at: datetime | None = None

    @property
    def unread(self) -> bool:
        return self.read_at is None


@dataclass(frozen=True)
class NotificationPulse:
    """The unread count for the header and the notifications that arrived since the app last asked."""

    unread: int
    new: tuple[NotificationView, ...] = ()
    latest_id: int = 0


# ---- writing (the desk service) ------------------------------------------------------------------------------


def notify(
    session: Session,
    user_ids: Iterable[int | None],
    kind: str,
    *,
    ticket_id: int | None = None,
    actor_id: int | None = None,
    rule: str | None = None,
    **detail: object,
) -> int:
    """One notification per active person among `user_ids` (the desk's own account never gets one); uncommitted,
    so it commits with what it tells about. Returns how many were added."""
    wanted = {uid for uid in user_ids if uid is not None}
    if not wanted:
        return 0
    people = session.exec(
        select(User.id).where(col(User.id).in_(wanted), col(User.active).is_(True), User.login != SERVICE_LOGIN)
    ).all()
    text = json.dumps({k: str(val) for k, val in detail.items()}, ensure_ascii=False) if detail else None
    for user_id in sorted(uid for uid in people if uid is not None):
        session.add(
            Notification(user_id=user_id, kind=kind, ticket_id=ticket_id, actor_id=actor_id, rule=rule, detail=text)
        )
    return len(people)


def team_leads(session: Session, team: str | None) -> list[int]:
    """The active leads of `team`; every active lead when the team has none (or the ticket has no team)."""
    query = select(User.id).where(User.role == "lead", col(User.active).is_(True), User.login != SERVICE_LOGIN)
    found = [uid for uid in session.exec(query.where(User.team == team)).all() if uid is not None] if team else []
    return found or [uid for uid in session.exec(query).all() if uid is not None]


# ---- reading (the app, the CLI) -----------------------------------------------------------------------------


def _views(
    session: Session, actor: Actor, rows: list[tuple[Notification, str | None, str | None]]
) -> list[NotificationView]:
    masking = None
    if masks_personal_data(actor):
        masking = ticket_masking(session, [n.ticket_id for n, _s, _a in rows if n.ticket_id is not None])
    views = []
    for note, subject, actor_name in rows:
        assert note.id is not None
        if masking is not None and subject is not None and note.ticket_id in masking:
            subject = masking[note.ticket_id].shown(subject)
        views.append(
            NotificationView(
                id=note.id,
                kind=note.kind,
                ticket_id=note.ticket_id,
                subject=subject,
                actor_name=actor_name,
                rule=note.rule,
                detail=json.loads(note.detail) if note.detail else {},
                created_at=note.created_at,
                read_at=note.read_at,
            )
        )
    return views


# A notification with its ticket's subject and the name of who caused it (outer joins: both may be None).
_Row = Select[Notification, str | None, str | None]


def _query(actor: Actor) -> _Row:
    return (
        _Row(Notification, col(Ticket.subject), col(User.name))
        .outerjoin(Ticket, col(Ticket.id) == Notification.ticket_id)
        .outerjoin(User, col(User.id) == Notification.actor_id)
        .where(Notification.user_id == actor.id)
    )


def list_notifications(
    session: Session, actor: Actor, *, unread_only: bool = False, limit: int = 200
) -> list[NotificationView]:
    """The actor's notifications, newest first."""
    require(actor, Action.VIEW_TICKETS)
    query = _query(actor)
    if unread_only:
        query = query.where(col(Notification.read_at).is_(None))
    rows = session.exec(query.order_by(col(Notification.id).desc()).limit(min(limit, MAX_LIST))).all()
    return _views(session, actor, [(n, s, a) for n, s, a in rows])


def unread_count(session: Session, actor: Actor) -> int:
    require(actor, Action.VIEW_TICKETS)
    query = select(func.count()).select_from(Notification)
    query = query.where(Notification.user_id == actor.id, col(Notification.read_at).is_(None))
    return int(session.exec(query).one())


def pulse(session: Session, actor: Actor, since_id: int | None, now: datetime | None = None) -> NotificationPulse:
    """The app's heartbeat: note that the actor is signed in, and answer with the unread count and what is new
    since `since_id` (None: the first pulse; nothing counts as new yet)."""
    require(actor, Action.VIEW_TICKETS)
    now = now or utcnow()
    for attempt in range(2):
        row = session.get(Online, actor.id, populate_existing=True) or Online(user_id=actor.id, seen_at=now)
        row.seen_at = now
        session.add(row)
        try:
            with translate_errors():
                session.commit()
            break
        except IntegrityError:  # the same person's other window added the row first
            session.rollback()
            if attempt:
                raise
    latest = session.exec(select(func.max(Notification.id)).where(Notification.user_id == actor.id)).one() or 0
    new: list[NotificationView] = []
    if since_id is not None and latest > since_id:
        query = _query(actor).where(col(Notification.id) > since_id, col(Notification.read_at).is_(None))
        rows = session.exec(query.order_by(col(Notification.id)).limit(50)).all()
        new = _views(session, actor, [(n, s, a) for n, s, a in rows])
    return NotificationPulse(unread_count(session, actor), tuple(new), int(latest))


def sign_off(session: Session, actor: Actor) -> None:
    """The app closed: the person no longer counts as signed in."""
    session.exec(delete(Online).where(col(Online.user_id) == actor.id))
    with translate_errors():
        session.commit()


def mark_read(session: Session, actor: Actor, ids: Iterable[int] | None = None, now: datetime | None = None) -> int:
    """Mark the actor's notifications read (`ids`, or every unread one); returns how many changed."""
    require(actor, Action.VIEW_TICKETS)
    statement = update(Notification).where(col(Notification.user_id) == actor.id, col(Notification.read_at).is_(None))
    if ids is not None:
        wanted = sorted(set(ids))
        if not wanted:
            return 0
        statement = statement.where(col(Notification.id).in_(wanted))
    with translate_errors():
        changed = session.execute(statement.values(read_at=now or utcnow()))
        session.commit()
    return int(getattr(changed, "rowcount", 0) or 0)


def signed_in(session: Session, user_ids: Iterable[int], now: datetime | None = None) -> set[int]:
    """Who among `user_ids` has the app open: a fresh pulse, or a ticket open with a fresh heartbeat."""
    wanted = sorted(set(user_ids))
    if not wanted:
        return set()
    now = now or utcnow()
    pulsed = session.exec(
        select(Online.user_id).where(col(Online.user_id).in_(wanted), col(Online.seen_at) >= now - ONLINE_FOR)
    ).all()
    on_ticket = session.exec(
        select(Presence.user_id).where(col(Presence.user_id).in_(wanted), col(Presence.seen_at) >= now - ONLINE_FOR)
    ).all()
    return set(pulsed) | set(on_ticket)


# ---- words -----------------------------------------------------------------------------------------------------


def _when(value: str | None) -> str:
    if not value:
        return "—"
    return clock.when(datetime.fromisoformat(value), "%m/%d %H:%M")


def describe(note: NotificationView) -> str:
    """The notification in the reader's language (without the subject, which the caller shows as text)."""
    number = note.ticket_id or 0
    who = note.actor_name or t("the desk")
    d = note.detail
    target = d.get("target", "")
    if note.kind == ASSIGNED:
        if note.rule:
            return t("#{number} was assigned to you by the rule {rule}", number=number, rule=note.rule)
        return t("#{number} was assigned to you by {who}", number=number, who=who)
    if note.kind == CUSTOMER_REPLIED:
        return t("#{number}: the customer answered", number=number)
    if note.kind == MENTIONED:
        return t("#{number}: {who} mentioned you in a note", number=number, who=who)
    if note.kind == FOLLOW_UP:
        if d.get("reopened") == "True":
            return t("#{number}: the follow-up date was reached; the ticket is open again", number=number)
        return t("#{number}: the follow-up date is reached", number=number)
    if note.kind == DUE_SOON:
        if target == "first_response":
            return t("#{number}: first response due at {time}", number=number, time=_when(d.get("due")))
        return t("#{number}: resolution due at {time}", number=number, time=_when(d.get("due")))
    if note.kind == BREACH:
        if target == "first_response":
            return t("#{number}: first response overdue since {time}", number=number, time=_when(d.get("due")))
        return t("#{number}: resolution overdue since {time}", number=number, time=_when(d.get("due")))
    if note.kind == NOBODY_SIGNED_IN:
        return t(
            "#{number}: the rule {rule} found no agent of {team} signed in; the ticket waits for the team",
            number=number,
            rule=note.rule or "",
            team=d.get("team", ""),
        )
    changed = ", ".join(t(CHANGE_LABELS.get(name, name)) for name in d.get("changed", "").split(",") if name)
    return t("#{number}: the rule {rule} changed {what}", number=number, rule=note.rule or "", what=changed or "—")


def kind_label(kind: str) -> str:
    return t(_KIND_LABELS.get(kind, kind))


_KIND_LABELS = {
    ASSIGNED: N_("Assigned"),
    CUSTOMER_REPLIED: N_("Customer answered"),
    MENTIONED: N_("Mention"),
    FOLLOW_UP: N_("Follow-up"),
    DUE_SOON: N_("Due soon"),
    BREACH: N_("Overdue"),
    RULE: N_("Rule"),
    NOBODY_SIGNED_IN: N_("Rule"),
}
# What a rule changed, as `describe` names it.
CHANGE_LABELS = {
    "assignee": N_("assignee"),
    "team": N_("team"),
    "priority": N_("priority"),
    "inquiry_type": N_("inquiry type"),
    "tags": N_("tags"),
    "note": N_("internal note"),
    "acknowledgement": N_("acknowledgement mail"),
}


# ---- the daily digest by mail -------------------------------------------------------------------------------

_EMAIL = re.compile(r"^[^@\s]+@[^@\s]+\.[^@\s]+$")


@dataclass(frozen=True)
class DigestSetting:
    on: bool
    email: str


def digest_setting(session: Session, actor: Actor) -> DigestSetting:
    require(actor, Action.VIEW_TICKETS)
    row = session.get(NotificationSetting, actor.id)
    return DigestSetting(row.digest, row.email) if row else DigestSetting(False, "")


def set_digest(session: Session, actor: Actor, on: bool, email: str | None = None) -> DigestSetting:
    """Ask for (or stop) a daily mail of one's unread notifications, at `email` (kept when not given)."""
    require(actor, Action.VIEW_TICKETS)
    row = session.get(NotificationSetting, actor.id) or NotificationSetting(user_id=actor.id)
    if email is not None:
        address = check_line("email", email, 254).replace(" ", "")
        if address and not _EMAIL.match(address):
            raise Invalid("email", msg("{value} is not an e-mail address", value=shorten(address)))
        row.email = address
    if on and not row.email:
        raise Invalid("email", msg("give the address the digest goes to"))
    row.digest = on
    session.add(row)
    audit.record(session, actor, "notifications.digest", "user", actor.id, on=on)
    commit(session, lambda: str(msg("The setting could not be saved; try again.")))
    return DigestSetting(row.digest, row.email)
