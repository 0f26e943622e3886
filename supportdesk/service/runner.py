"""The service loop: stand by until this instance leads, then run each job when it is due, keeping a record of
the instance (`service_node`) and of every job's last run (`service_job`) for `supportdesk service status`."""

import json
import os
import socket
import threading
from dataclasses import dataclass, field
from datetime import datetime, timedelta

from sqlalchemy import Engine
from sqlalchemy.exc import SQLAlchemyError

from search_index import SearchIndex
from supportdesk import __version__
from supportdesk.config import Settings, index_dir_for
from supportdesk.db import open_session
from supportdesk.errors import SupportDeskError
from supportdesk.models import ServiceJob, ServiceNode
from supportdesk.models.base import utcnow
from supportdesk.service.jobs import Job, JobContext, jobs_for
from supportdesk.service.leader import Leadership, leadership_for
from supportdesk.service.logs import ServiceLog, describe_failure
from supportdesk.services.actor import Actor
from supportdesk.services.automation.account import service_account
from supportdesk.services.automation.mail_hook import mailer_for
from supportdesk.services.automation.mailing import Mailer

# A standby tries to take over this often; every instance says it is alive this often.
STANDBY_POLL = timedelta(seconds=5)
HEARTBEAT = timedelta(seconds=10)


@dataclass
class ServiceRunner:
    engine: Engine
    settings: Settings
    log: ServiceLog = field(default_factory=ServiceLog)
    leadership: Leadership | None = None
    jobs: list[Job] | None = None
    mailer: Mailer | None = None
    with_index: bool = True
    node_id: int | None = None
    active: bool = False
    _account: Actor | None = None
    _index: SearchIndex | None = None
    _last_run: dict[str, datetime] = field(default_factory=dict)
    _last_try: datetime | None = None
    _last_beat: datetime | None = None
    last_counts: dict[str, dict[str, int]] = field(default_factory=dict)  # what each job did in the last turn

    def __post_init__(self) -> None:
        self.leadership = self.leadership or leadership_for(self.engine)
        self.jobs = self.jobs if self.jobs is not None else jobs_for(self.settings)
        if self.mailer is None:
            self.mailer = mailer_for(self.settings.mail)

    # ---- life ---------------------------------------------------------------------------------------------

    def start(self, now: datetime | None = None) -> None:
        now = now or utcnow()
        with open_session(self.engine) as session:
            node = ServiceNode(
                host=socket.gethostname()[:255], pid=os.getpid(), started_at=now, seen_at=now, software=__version__
            )
            session.add(node)
            session.commit()
            self.node_id = node.id
            self._account = service_account(session)
        self.log.info("started", node=self.node_id, pid=os.getpid(), database=self.engine.dialect.name)

    def run(self, stop: threading.Event, tick: float = 1.0) -> None:
        """Until `stop` is set (SIGTERM, ctrl+c): lead or stand by, run what is due."""
        if self.node_id is None:
            self.start()
        try:
            while not stop.is_set():
                self.step(utcnow())
                stop.wait(tick)
        finally:
            self.shutdown()

    def once(self) -> bool:
        """`service --once`: one turn of every job when no other instance is active; False when one is."""
        self.start()
        try:
            self.step(utcnow())  # takes the lead when it is free, then runs every job
            return self.active
        finally:
            self.shutdown()

    def shutdown(self) -> None:
        assert self.leadership is not None
        was_active = self.active
        self.active = False
        self.leadership.release()
        try:
            with open_session(self.engine) as session:
                node = session.get(ServiceNode, self.node_id)
                if node is not None:
                    node.stopped_at = utcnow()
                    node.active_since = None
                    session.add(node)
                    session.commit()
        except SQLAlchemyError as exc:
            self.log.warning("stop_not_recorded", problem=describe_failure(exc))
        self.log.info("stopped", node=self.node_id, was_active=was_active)

    # ---- one turn of the loop -------------------------------------------------------------------------------

    def step(self, now: datetime) -> None:
        assert self.leadership is not None
        self.last_counts = {}
        try:
            self._beat(now)
            if not self.active:
                if self._last_try is not None and now - self._last_try < STANDBY_POLL:
                    return
                self._last_try = now
                if not self.leadership.try_take():
                    return
                self._lead(now)
            elif not self.leadership.holds():
                self.active = False
                self._note_role(None)
                self.log.warning("lost_leadership", node=self.node_id)
                return
            self.last_counts = self.run_due(now)
        except SQLAlchemyError as exc:  # the database is away: say so, try again next turn
            self.log.error("database_unavailable", problem=describe_failure(exc))

    def run_due(self, now: datetime) -> dict[str, dict[str, int]]:
        """Run every job that is due at `now` (all of them the first time); returns what each did."""
        done = {}
        for job in self.jobs or []:
            last = self._last_run.get(job.name)
            if last is not None and now - last < job.every:
                continue
            self._last_run[job.name] = now
            counts = self._run(job, now)
            if counts is not None:
                done[job.name] = counts
        return done

    def _lead(self, now: datetime) -> None:
        self.active = True
        self._last_run.clear()
        if self.with_index and self._index is None:
            try:
                url = self.engine.url.render_as_string(hide_password=False)
                self._index = SearchIndex.open(index_dir_for(url))
            except Exception as exc:  # a broken index must not keep the rules from running
                self.log.error("index_unavailable", problem=describe_failure(exc))
        self._note_role(now)
        self.log.info("active", node=self.node_id)

    def _beat(self, now: datetime) -> None:
        if self._last_beat is not None and now - self._last_beat < HEARTBEAT:
            return
        self._last_beat = now
        with open_session(self.engine) as session:
            node = session.get(ServiceNode, self.node_id)
            if node is not None:
                node.seen_at = now
                session.add(node)
                session.commit()

    def _note_role(self, active_since: datetime | None) -> None:
        with open_session(self.engine) as session:
            node = session.get(ServiceNode, self.node_id)
            if node is not None:
                node.active_since = active_since
                node.seen_at = active_since or node.seen_at
                session.add(node)
                session.commit()

    def _run(self, job: Job, now: datetime) -> dict[str, int] | None:
        assert self._account is not None
        ctx = JobContext(self.engine, self.settings, self._account, now, self._index, self.mailer)
        started = utcnow()
        counts: dict[str, int] | None = None
        error: str | None = None
        try:
            counts = {k: int(v) for k, v in job.run(ctx).items()}
        except (SupportDeskError, SQLAlchemyError, OSError) as exc:
            error = describe_failure(exc)
        except Exception as exc:  # one job's bug must not stop the others; it is logged and shown in status
            error = describe_failure(exc)
        ms = int((utcnow() - started).total_seconds() * 1000)
        self._record(job.name, started, counts, error)
        if error is not None:
            self.log.error("job_failed", job=job.name, problem=error, ms=ms)
        elif counts and any(counts.values()):
            self.log.info("job", job=job.name, ms=ms, done={k: v for k, v in counts.items() if v})
        return counts

    def _record(self, name: str, started: datetime, counts: dict[str, int] | None, error: str | None) -> None:
        try:
            with open_session(self.engine) as session:
                row = session.get(ServiceJob, name) or ServiceJob(name=name)
                row.node_id = self.node_id
                row.started_at = started
                row.finished_at = utcnow()
                row.runs += 1
                if error is None:
                    row.ok_at = row.finished_at
                    row.failures = 0
                    row.error = None
                    if counts is not None and (any(counts.values()) or row.counts == "{}"):
                        row.counts = json.dumps(counts)  # what it last did, not that it last found nothing
                else:
                    row.failures += 1
                    row.error = error
                session.add(row)
                session.commit()
        except SQLAlchemyError as exc:
            self.log.warning("job_not_recorded", job=name, problem=describe_failure(exc))
