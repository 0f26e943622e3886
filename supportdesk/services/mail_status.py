"""`supportdesk mail status`: the outbound queue by state, the mail that needs a person, and the last fetches."""

from dataclasses import dataclass
from datetime import datetime

from sqlalchemy import func
from sqlmodel import Session, col, select

from supportdesk.models import MailFetchRun, MailMessage
from supportdesk.services.actor import Action, Actor, require

NEEDS_A_PERSON = ("failed", "unconfirmed", "bounced")


@dataclass(frozen=True)
class OutboundProblem:
    mail: int
    ticket: int | None
    to: str
    state: str
    server_answer: str
    at: datetime


@dataclass(frozen=True)
class FetchRunView:
    mailbox: str
    started_at: datetime
    finished_at: datetime | None
    added: int
    error: str | None


@dataclass(frozen=True)
class MailStatus:
    queue: dict[str, int]
    problems: tuple[OutboundProblem, ...]
    fetches: tuple[FetchRunView, ...]


def mail_status(session: Session, actor: Actor) -> MailStatus:
    require(actor, Action.WORK_TICKETS)
    counts = session.exec(
        select(MailMessage.state, func.count()).where(MailMessage.direction == "out").group_by(col(MailMessage.state))
    ).all()
    problems = session.exec(
        select(MailMessage)
        .where(MailMessage.direction == "out", col(MailMessage.state).in_(NEEDS_A_PERSON))
        .order_by(col(MailMessage.id).desc())
        .limit(50)
    ).all()
    runs = session.exec(select(MailFetchRun).order_by(col(MailFetchRun.mailbox))).all()
    return MailStatus(
        queue={str(state): int(n) for state, n in counts},
        problems=tuple(
            OutboundProblem(m.id or 0, m.ticket_id, m.to_addresses, m.state or "", m.server_answer or "", m.created_at)
            for m in problems
        ),
        fetches=tuple(FetchRunView(r.mailbox, r.started_at, r.finished_at, r.added, r.error) for r in runs),
    )
