"""What the lead's screens read at once: the dashboard with its reports, and the charts, each as one snapshot.

A screen that asked for each part separately would open a session per part and could show a dashboard and reports
that disagree (a ticket resolved between two reads counted in one and not the other).
"""

from dataclasses import dataclass
from datetime import datetime

from sqlmodel import Session

from supportdesk.config import SlaPolicy
from supportdesk.services import sla
from supportdesk.services.actor import Actor
from supportdesk.services.dashboard import Dashboard
from supportdesk.services.reports import Period, Report, dashboard, report
from supportdesk.services.trends import Flow, WeeklyTypes, daily_flow, weekly_types
from supportdesk.services.unit import read_snapshot

REPORTS_SHOWN = ("sla", "agents", "types")


@dataclass(frozen=True)
class Overview:
    """The dashboard as of `dashboard.now`, and the reports of the tickets received in the last days before it."""

    dashboard: Dashboard
    period: Period
    reports: dict[str, Report]


@dataclass(frozen=True)
class Charts:
    period: Period
    flow: Flow
    agents: Report
    weekly: WeeklyTypes


def overview(
    session: Session, actor: Actor, days: int, policy: SlaPolicy | None = None, now: datetime | None = None
) -> Overview:
    """The dashboard, and the reports of the `days` local days up to its moment."""
    policy = policy or SlaPolicy()
    read_snapshot(session)
    board = dashboard(session, actor, policy, now)
    period = Period.last_days(days, sla.local_today(policy, board.now))
    return Overview(
        board, period, {kind: report(session, actor, kind, period, policy, board.now) for kind in REPORTS_SHOWN}
    )


def charts(
    session: Session, actor: Actor, days: int, policy: SlaPolicy | None = None, now: datetime | None = None
) -> Charts:
    """New vs resolved per day, agents' response times and inquiry types per week, over the last `days` days."""
    policy = policy or SlaPolicy()
    read_snapshot(session)
    period = Period.last_days(days, sla.local_today(policy, now))
    return Charts(
        period,
        daily_flow(session, actor, period, policy),
        report(session, actor, "agents", period, policy, now),
        weekly_types(session, actor, period, policy),
    )
