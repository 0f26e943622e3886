"""Handle time from the call logs: talk time and average handle time (AHT) per agent and per inquiry type.

A call counts in a period when it was logged on one of its days (whole days in the desk's time zone, first to
last inclusive, as every report's period). Talk time is the sum of the calls' durations; the average handle time
is talk time per call; per ticket is talk time per ticket called about. Times are in minutes (one decimal in the
shell; exact in JSON and CSV).
"""

from collections import defaultdict
from dataclasses import dataclass
from datetime import date, datetime

from sqlmodel import Session, col
from sqlmodel.sql.expression import Select

from supportdesk.config import SlaPolicy
from supportdesk.errors import Invalid
from supportdesk.i18n import msg
from supportdesk.models import EntryKind, InquiryType, Ticket, TicketEntry, User
from supportdesk.models.base import utcnow
from supportdesk.services.actor import Action, Actor, require
from supportdesk.services.reports import Period

BY_AGENT = "agent"
BY_TYPE = "type"
ALL = "all"
NOBODY = "-"  # imported calls nobody on the desk logged


@dataclass(frozen=True)
class HandleRow:
    group: str  # agent | type | all
    key: str  # the agent's login, the inquiry type, or "all"
    name: str
    calls: int
    tickets: int
    talk_minutes: float
    average_call_minutes: float | None
    average_ticket_minutes: float | None


@dataclass(frozen=True)
class HandleTime:
    kind: str
    start: date
    end: date
    generated_at: datetime
    rows: tuple[HandleRow, ...]


_CallQuery = Select[int, int, int | None, str | None, str | None, str]


def _row(group: str, key: str, name: str, calls: list[tuple[int, int]]) -> HandleRow:
    seconds = sum(s for _, s in calls)
    tickets = len({t for t, _ in calls})
    return HandleRow(
        group=group,
        key=key,
        name=name,
        calls=len(calls),
        tickets=tickets,
        talk_minutes=round(seconds / 60, 2),
        average_call_minutes=round(seconds / 60 / len(calls), 2) if calls else None,
        average_ticket_minutes=round(seconds / 60 / tickets, 2) if tickets else None,
    )


def handle_time(
    session: Session, actor: Actor, period: Period, policy: SlaPolicy | None = None, now: datetime | None = None
) -> HandleTime:
    """Talk time and AHT of the calls logged in `period`: one row per agent, per inquiry type, and all of them."""
    require(actor, Action.VIEW_REPORTS)
    if period.end < period.start:
        raise Invalid("period", msg("{end} is before {start}", end=period.end, start=period.start))
    start, end = period.bounds(policy or SlaPolicy())
    query = (
        _CallQuery(
            col(TicketEntry.ticket_id),
            col(TicketEntry.call_duration_seconds),
            col(TicketEntry.author_id),
            col(User.login),
            col(User.name),
            col(Ticket.inquiry_type),
        )
        .join(Ticket, col(Ticket.id) == TicketEntry.ticket_id)
        .outerjoin(User, col(User.id) == TicketEntry.author_id)
        .where(
            col(TicketEntry.kind) == EntryKind.CALL_LOG.value,
            col(TicketEntry.created_at) >= start,
            col(TicketEntry.created_at) < end,
            col(TicketEntry.call_duration_seconds).is_not(None),
        )
    )
    by_agent: dict[str, list[tuple[int, int]]] = defaultdict(list)
    names: dict[str, str] = {}
    by_type: dict[str, list[tuple[int, int]]] = defaultdict(list)
    every: list[tuple[int, int]] = []
    for ticket_id, seconds, _author, login, name, inquiry_type in session.exec(query).all():
        call = (ticket_id, seconds or 0)
        key = login or NOBODY
        by_agent[key].append(call)
        names[key] = name or NOBODY
        by_type[str(inquiry_type)].append(call)
        every.append(call)
    rows = [_row(BY_AGENT, key, names[key], by_agent[key]) for key in sorted(by_agent, key=lambda k: (k == NOBODY, k))]
    rows += [_row(BY_TYPE, str(kind), str(kind), by_type[str(kind)]) for kind in InquiryType if str(kind) in by_type]
    rows.append(_row(ALL, ALL, ALL, every))
    return HandleTime("handle-time", period.start, period.end, now or utcnow(), tuple(rows))
