"""`supportdesk service status`: who runs (and who stands by), since when, and what each job did last."""

import json
from dataclasses import dataclass
from datetime import datetime, timedelta

from sqlalchemy import Engine, func
from sqlmodel import Session, col, select

from supportdesk.db import open_session
from supportdesk.models import RuleFiring, ServiceJob, ServiceNode
from supportdesk.models.base import utcnow
from supportdesk.service.runner import HEARTBEAT

# An instance not heard from for this long is gone (killed, its machine down).
GONE_AFTER = HEARTBEAT * 3


@dataclass(frozen=True)
class NodeView:
    id: int
    host: str
    pid: int
    started_at: datetime
    seen_at: datetime
    active_since: datetime | None
    software: str

    @property
    def role(self) -> str:
        return "active" if self.active_since else "standby"


@dataclass(frozen=True)
class JobView:
    name: str
    node_id: int | None
    finished_at: datetime | None
    ok_at: datetime | None
    counts: dict[str, int]
    error: str | None
    runs: int
    failures: int


@dataclass(frozen=True)
class ServiceStatus:
    active: NodeView | None
    standbys: tuple[NodeView, ...]
    jobs: tuple[JobView, ...]
    interrupted: int  # rules that started acting on a change and stopped half-way (a crash)

    @property
    def running(self) -> bool:
        return self.active is not None


def status_of(engine: Engine) -> ServiceStatus:
    """The status read in a session of its own (the command line holds no session)."""
    with open_session(engine) as session:
        return service_status(session)


def service_status(session: Session, now: datetime | None = None) -> ServiceStatus:
    now = now or utcnow()
    fresh = now - GONE_AFTER
    nodes = session.exec(
        select(ServiceNode)
        .where(col(ServiceNode.stopped_at).is_(None), col(ServiceNode.seen_at) >= fresh)
        .order_by(col(ServiceNode.started_at))
    ).all()
    views = [NodeView(n.id or 0, n.host, n.pid, n.started_at, n.seen_at, n.active_since, n.software) for n in nodes]
    active = next((n for n in views if n.active_since is not None), None)
    jobs = tuple(
        JobView(j.name, j.node_id, j.finished_at, j.ok_at, json.loads(j.counts or "{}"), j.error, j.runs, j.failures)
        for j in session.exec(select(ServiceJob).order_by(col(ServiceJob.name))).all()
    )
    stuck = session.exec(
        select(func.count())
        .select_from(RuleFiring)
        .where(col(RuleFiring.done).is_(False), col(RuleFiring.fired_at) < now - timedelta(minutes=5))
    ).one()
    return ServiceStatus(active, tuple(n for n in views if n is not active), jobs, int(stuck))
