"""The daily digest: one mail a business day to each person who asked for it, listing their unread notifications
(ticket numbers and what happened, never a subject or a customer's name: the mail leaves the desk)."""

from dataclasses import dataclass
from datetime import datetime, time

from sqlmodel import Session, col, select

from supportdesk import clock
from supportdesk.config import SlaPolicy
from supportdesk.i18n import t, tn
from supportdesk.models import Notification, NotificationSetting, User
from supportdesk.service_settings import ServiceSettings
from supportdesk.services import notifications, sla
from supportdesk.services.actor import Actor
from supportdesk.services.automation.mailing import Mailer

MAX_LINES = 200


@dataclass
class DigestReport:
    sent: int = 0
    unsent: int = 0

    def counts(self) -> dict[str, int]:
        return dict(vars(self))


def digest_text(name: str, notes: list[notifications.NotificationView]) -> tuple[str, str]:
    """(subject, body) of one person's digest."""
    subject = tn("SupportDesk: {count} unread notification", "SupportDesk: {count} unread notifications", len(notes))
    lines = [t("{name}, these notifications are waiting for you:", name=name), ""]
    for note in notes[:MAX_LINES]:
        when = clock.when(note.created_at, "%m/%d %H:%M", empty="")
        lines.append(f"{when}  {notifications.describe(note)}")
    if len(notes) > MAX_LINES:
        lines.append(t("… and {count} more in the app.", count=len(notes) - MAX_LINES))
    return subject, "\n".join(lines) + "\n"


def send_digests(
    session: Session, policy: SlaPolicy, settings: ServiceSettings, mailer: Mailer | None, now: datetime
) -> DigestReport:
    """Mail today's digests that are due (a business day, past `digest_at`, not sent today)."""
    report = DigestReport()
    calendar = sla.calendar(policy)
    today = sla.local_today(policy, now)
    hour, minute = (int(part) for part in settings.digest_at.split(":"))
    if not calendar.is_business_day(today) or now < datetime.combine(today, time(hour, minute), calendar.zone):
        return report
    wanted = session.exec(
        select(NotificationSetting, User)
        .join(User, col(User.id) == NotificationSetting.user_id)
        .where(col(NotificationSetting.digest).is_(True), col(User.active).is_(True))
    ).all()
    for setting, user in wanted:
        if setting.digest_sent_on == today or not setting.email:
            continue
        reader = Actor.from_user(user)
        unread = notifications.list_notifications(session, reader, unread_only=True, limit=500)
        mailed = session.exec(
            select(Notification.id).where(Notification.user_id == user.id, col(Notification.mailed_at).is_not(None))
        ).all()
        seen = set(mailed)
        notes = [n for n in unread if n.id not in seen]
        setting.digest_sent_on = today
        session.add(setting)
        if notes:
            if mailer is None:
                session.rollback()
                report.unsent += 1
                continue
            subject, body = digest_text(user.name, list(reversed(notes)))
            if not mailer.to_address(session, setting.email, subject, body):
                session.rollback()
                report.unsent += 1
                continue
            for row in session.exec(select(Notification).where(col(Notification.id).in_([n.id for n in notes]))):
                row.mailed_at = now
                session.add(row)
            report.sent += 1
        session.commit()
    return report
