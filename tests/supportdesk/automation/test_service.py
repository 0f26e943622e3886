"""`supportdesk service`: one active instance per desk, a standby that takes over after kill -9, `service status`,
log lines as JSON without secrets or personal data."""

import io
import json
import os
import re
import signal
import subprocess
from collections.abc import Callable, Iterator
from pathlib import Path

import pytest
from sqlalchemy import Engine
from sqlalchemy.exc import OperationalError
from sqlmodel import Session, col, func, select

from supportdesk.cli.main import main
from supportdesk.cli.service import COUNT_LABELS, JOB_LABELS
from supportdesk.config import Settings
from supportdesk.db import open_session
from supportdesk.i18n import language, pt, t
from supportdesk.models import Priority, RuleFiring, ServiceJob, ServiceNode, Ticket
from supportdesk.models.base import utcnow
from supportdesk.service.logs import ServiceLog, describe_failure
from supportdesk.service.runner import STANDBY_POLL, ServiceRunner
from supportdesk.service.status import service_status
from supportdesk.service_settings import ServiceSettings
from supportdesk.services.actor import Actor
from supportdesk.services.automation import store
from supportdesk.services.users import SERVICE_LOGIN
from tests.supportdesk import factories
from tests.supportdesk.test_cli_errors import SUPPORTDESK
from tests.waiting import processes_progress, wait_for_exit, wait_until

RAISE_PRIORITY = 'name = "すべて高優先度"\n[then]\npriority = "high"'


def runner(engine: Engine, log: io.StringIO | None = None) -> ServiceRunner:
    return ServiceRunner(engine, Settings(), log=ServiceLog(log or io.StringIO()), with_index=False)


def test_a_second_instance_stands_by_until_the_first_stops(engine: Engine, session: Session, lead: Actor):
    first, second = runner(engine), runner(engine)
    first.start()
    second.start()
    try:
        first.step(utcnow())
        second.step(utcnow())
        assert (first.active, second.active) == (True, False)
        status = service_status(session)
        assert status.active is not None and status.active.id == first.node_id
        assert [s.id for s in status.standbys] == [second.node_id]
        first.shutdown()
        second.step(utcnow() + STANDBY_POLL)  # its next try finds the lock free
        assert second.active
        assert service_status(session).active.id == second.node_id
    finally:
        first.shutdown()
        second.shutdown()
    assert not service_status(session).running


def test_every_job_runs_and_status_says_what_it_did(engine: Engine, session: Session, lead: Actor, agent: Actor):
    store.save_rule(session, lead, "trigger", RAISE_PRIORITY)
    service = runner(engine)
    service.start()
    try:
        service.step(utcnow())  # becomes active, starts reading the desk's changes from now
        customer = factories.customer(session, agent)
        number = factories.ticket(session, agent, customer)
        service.run_due(utcnow().replace(year=2100))  # far enough ahead that every job is due again
    finally:
        service.shutdown()
    assert session.get(Ticket, number, populate_existing=True).priority == Priority.HIGH
    jobs = {j.name: j for j in service_status(session).jobs}
    assert set(jobs) == {"changes", "timed", "index", "search_upkeep", "digest", "cleanup"}
    assert jobs["changes"].counts["fired"] == 1
    assert all(j.error is None and j.runs == 2 for j in jobs.values())


def test_log_lines_are_json_and_a_failure_is_named_without_the_data_it_failed_on(
    engine: Engine, session: Session, lead: Actor, agent: Actor
):
    store.save_rule(session, lead, "trigger", RAISE_PRIORITY)
    out = io.StringIO()
    service = runner(engine, out)
    service.start()
    try:
        service.step(utcnow())
        customer = factories.customer(session, agent, full_name="秘密 花子", email="hanako@example.jp")
        factories.ticket(session, agent, customer, subject="秘密の件名")
        service.run_due(utcnow().replace(year=2100))
    finally:
        service.shutdown()
    lines = [json.loads(line) for line in out.getvalue().splitlines()]
    assert [line["event"] for line in lines][:2] == ["started", "active"]
    assert any(line["event"] == "job" and line["job"] == "changes" for line in lines)
    assert "秘密" not in out.getvalue() and "hanako" not in out.getvalue()

    failure = OperationalError("UPDATE customer SET full_name='秘密 花子' WHERE id=1", {}, Exception("locked"))
    assert describe_failure(failure) == "OperationalError (Exception)"


def test_the_rules_file_in_version_control_is_what_the_desk_runs(
    engine: Engine, session: Session, lead: Actor, agent: Actor, tmp_path: Path
):
    path = tmp_path / "rules.toml"
    path.write_text('[[trigger]]\nname = "すべて高優先度"\n[trigger.then]\npriority = "high"\n', encoding="utf-8")
    service = ServiceRunner(
        engine, Settings(service=ServiceSettings(rules_file=str(path))), log=ServiceLog(io.StringIO()), with_index=False
    )
    service.start()
    try:
        service.step(utcnow())
        assert service.last_counts["rules_file"] == {"created": 1, "changed": 0, "deleted": 0}
        number = factories.ticket(session, agent, factories.customer(session, agent))
        later = utcnow().replace(year=2100)
        service.run_due(later)
        assert session.get(Ticket, number, populate_existing=True).priority == Priority.HIGH

        path.write_text('[[trigger]]\nname = "すべて高優先度"\n[trigger.then]\npriority = "low"\n', encoding="utf-8")
        assert service.run_due(later.replace(year=2101))["rules_file"] == {"created": 0, "changed": 1, "deleted": 0}
        path.write_text("[[trigger]]\nname = \n", encoding="utf-8")  # a broken edit changes nothing
        assert "rules_file" not in service.run_due(later.replace(year=2102))
    finally:
        service.shutdown()
    history = store.rule_history(session, lead)
    assert [(r.change, r.source, r.actor_login) for r in reversed(history)] == [
        ("created", "file", SERVICE_LOGIN),
        ("changed", "file", SERVICE_LOGIN),
    ]
    job = {j.name: j for j in service_status(session).jobs}["rules_file"]
    assert job.error is not None and "rules.toml" in job.error and job.failures == 1


# ---- two real processes ---------------------------------------------------------------------------------------


def _wait(done: Callable[[], bool], *services: subprocess.Popen[bytes]) -> None:
    """Until `done` holds (each check asks the database again), for as long as the services keep working."""
    wait_until(done, progress=processes_progress(services), what="the desk service", poll=0.1)


@pytest.fixture
def start_service(db_url: str, tmp_path: Path) -> Iterator[Callable[[str], tuple[subprocess.Popen[bytes], Path]]]:
    started: list[subprocess.Popen[bytes]] = []

    def start(name: str) -> tuple[subprocess.Popen[bytes], Path]:
        log = tmp_path / f"{name}.log"
        with log.open("wb") as handle:
            proc = subprocess.Popen(
                [str(SUPPORTDESK), "--db", db_url, "service"],
                stderr=handle,
                stdout=subprocess.DEVNULL,
                env={**os.environ},
            )
        started.append(proc)
        return proc, log

    yield start
    for proc in started:
        if proc.poll() is None:
            proc.kill()
            proc.wait()


def _node(engine: Engine, pid: int) -> ServiceNode | None:
    with open_session(engine) as session:
        return session.exec(select(ServiceNode).where(ServiceNode.pid == pid)).first()


def _job_node(engine: Engine, name: str) -> int | None:
    with open_session(engine) as session:
        job = session.get(ServiceJob, name)
        return job.node_id if job else None


def _high(engine: Engine, numbers: list[int]) -> bool:
    with open_session(engine) as session:
        query = select(func.count()).select_from(Ticket).where(col(Ticket.id).in_(numbers))
        return session.exec(query.where(Ticket.priority == Priority.HIGH)).one() == len(numbers)


def test_two_instances_exactly_one_acts_and_the_standby_takes_over_after_kill_9(
    engine: Engine, session: Session, lead: Actor, agent: Actor, start_service
):
    store.save_rule(session, lead, "trigger", RAISE_PRIORITY)
    customer = factories.customer(session, agent, full_name="山田 太郎")
    first, first_log = start_service("first")
    _wait(lambda: (node := _node(engine, first.pid)) is not None and node.active_since is not None, first)
    second, second_log = start_service("second")
    _wait(lambda: _node(engine, second.pid) is not None, first, second)

    before = [factories.ticket(session, agent, customer, subject="ログインできない") for _ in range(3)]
    _wait(lambda: _high(engine, before), first, second)
    first_node, second_node = _node(engine, first.pid), _node(engine, second.pid)
    with open_session(engine) as check:
        assert check.exec(select(func.count()).select_from(RuleFiring)).one() == 3  # once per change
    _wait(lambda: _job_node(engine, "changes") == first_node.id, first, second)  # the active one acted
    assert second_node.active_since is None  # the standby did nothing

    first.send_signal(signal.SIGKILL)
    first.wait()
    _wait(lambda: _node(engine, second.pid).active_since is not None, second)
    after = [factories.ticket(session, agent, customer, subject="ログインできない") for _ in range(2)]
    _wait(lambda: _high(engine, after), second)
    with open_session(engine) as check:
        assert check.exec(select(func.count()).select_from(RuleFiring)).one() == 5
    _wait(lambda: _job_node(engine, "changes") == second_node.id, second)  # recorded just after the run

    second.send_signal(signal.SIGTERM)  # systemd's stop: finish the turn, let go of the lock, say so
    assert wait_for_exit(second, "the service to stop") == 0
    assert _node(engine, second.pid).stopped_at is not None
    for log in (first_log, second_log):
        text = log.read_text(encoding="utf-8")
        assert all(json.loads(line)["event"] for line in text.splitlines())
        assert "山田" not in text and "ログイン" not in text


def test_service_status_and_once_from_the_command_line(
    db_url: str, session: Session, lead: Actor, agent: Actor, capsys: pytest.CaptureFixture[str]
):
    store.save_rule(session, lead, "trigger", RAISE_PRIORITY)

    def run(*args: str) -> tuple[int, str, str]:
        code = main(["--db", db_url, *args])
        out, err = capsys.readouterr()
        return code, out, err

    assert run("service", "--once")[0] == 0  # from now on the desk's changes are news
    customer = factories.customer(session, agent)
    number = factories.ticket(session, agent, customer)
    code, _out, err = run("service", "--once")
    lines = [json.loads(line) for line in err.splitlines()]
    assert code == 0
    assert [line["event"] for line in lines[:2]] + [lines[-1]["event"]] == ["started", "active", "stopped"]
    done = next(line["done"] for line in lines if line.get("job") == "changes")
    assert (done["fired"], done["actions"]) == (1, 1)
    assert session.get(Ticket, number, populate_existing=True).priority == Priority.HIGH
    shown = run("service", "status")[1]
    assert t("The desk service is not running.") in shown
    assert f"{pt('job', 'changes')}: " in shown and f"{pt('done', 'fired')} 1" in shown
    if language() == "ja":  # the jobs, what they did and when: no English and no UTC in a Japanese desk's lines
        assert not re.search(r"[A-Za-z]{2,}", shown.replace("pid", "")), shown
    found = json.loads(run("service", "status", "--json")[1])
    assert found["active"] is None and {j["name"] for j in found["jobs"]} >= {"changes", "timed"}


def test_service_status_names_every_job_and_what_it_counts_in_the_readers_language() -> None:
    """A job or count added without a label would show by its code (timed, follow_up_notices) in either language."""
    from dataclasses import fields

    from supportdesk.config import MailSettings
    from supportdesk.service.jobs import jobs_for
    from supportdesk.services.automation.digest import DigestReport
    from supportdesk.services.automation.notices import FeedReport
    from supportdesk.services.automation.timed import TimedReport

    everything = Settings(
        service=ServiceSettings(rules_file="rules.toml"), mail=MailSettings(imap_host="imap", smtp_host="smtp")
    )
    assert {job.name for job in jobs_for(everything)} == set(JOB_LABELS)
    counted = {f.name for report in (FeedReport, TimedReport, DigestReport) for f in fields(report)}
    assert counted <= set(COUNT_LABELS)
    assert {"segments", "deleted", "merged", "kept", "busy"} <= set(COUNT_LABELS)  # the search index merge's counts
