"""Eight agents writing at once, each in its own process, on a copy of the benchmark desk: acknowledged writes per
second, how often one agent's change was refused because a colleague changed the ticket first, and whether the
database holds exactly what it acknowledged afterwards.

The agents are the stress tests' workers (tests/stress/agent_worker.py: read a ticket, then reply, note, change its
status or (re)assign it with the version seen, as the app does) on the same fifty open tickets, ATTEMPTS changes
each; the check afterwards is the stress tests' too (tests/stress/checks.verify: every acknowledged change is
there, versions and status chains consistent). On SQLite they write to a copy of the desk file; on PostgreSQL to
the benchmark copy at BENCH_PG_URL (bench/run.py copies the desk again on every run, so the other benchmarks
never see these writes). The copy's passwords are cleared so the workers can sign in.

    BENCH_SIZE=small|full [BENCH_DB=postgresql BENCH_PG_URL=…] python bench/bench_writers.py
"""

import os
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from common import ROOT, Row, backend, db_path, db_url, out_dir, print_table, save, say, size_name
from sqlalchemy import text
from sqlmodel import col, select

from supportdesk.db import checkpoint, make_engine, open_session
from supportdesk.desk import open_engine
from supportdesk.models import OPEN_STATUSES, Role, Ticket, User
from supportdesk.services.users import insert_user

REPO = ROOT.parent
sys.path.insert(0, str(REPO))  # the stress tests' worker and checks

from tests.stress.checks import WorkLog, verify  # noqa: E402

WRITERS = int(os.environ.get("BENCH_WRITERS", "8"))
TICKETS = 50
ATTEMPTS = int(os.environ.get("BENCH_WRITER_ATTEMPTS", "60"))


def _desk_url(size: str, scratch: Path) -> str:
    if backend() == "postgresql":
        return db_url(size)
    engine = make_engine(f"sqlite:///{db_path(size)}")
    checkpoint(engine)  # the WAL folded into the file before it is copied
    engine.dispose()
    copy = scratch / "writers.db"
    shutil.copy(db_path(size), copy)
    copy.chmod(0o600)
    return f"sqlite:///{copy}"


def _setting_up(url: str) -> tuple[list[str], list[int], dict[int, int]]:
    """Who writes (the desk's agents and leads), on which tickets, and their versions before anyone starts.

    The copy is brought up to the current schema here, once: eight workers opening an older desk at the same
    moment would each try to migrate it."""
    engine = open_engine(url)
    with open_session(engine) as session:
        session.exec(text('UPDATE "user" SET password_hash = NULL'))  # type: ignore[call-overload]
        session.commit()
        working = col(User.role).in_([Role.AGENT.value, Role.LEAD.value])
        staff = list(session.exec(select(User.login).where(working).order_by(col(User.id))).all())
        for extra in range(len(staff), WRITERS):  # one login per writer (the demo desk has seven)
            staff.append(insert_user(session, f"bench{extra}", f"bench{extra}", Role.AGENT, "東京サポート").login)
        session.commit()
        open_now = select(Ticket.id, Ticket.version).where(col(Ticket.status).in_([str(s) for s in OPEN_STATUSES]))
        versions = dict(session.exec(open_now.order_by(col(Ticket.id)).limit(TICKETS)).all())
    engine.dispose()
    return staff[:WRITERS], list(versions), versions


def _run_writers(url: str, logins: list[str], numbers: list[int], scratch: Path) -> tuple[float, list[Path]]:
    """Start the writers, let them go at the same moment, wait for all; returns the seconds they took and logs."""
    go = scratch / "go"
    procs, logs = [], []
    for index, login in enumerate(logins):
        log, ready = scratch / f"w{index}.jsonl", scratch / f"w{index}.ready"
        command = [
            sys.executable,
            "-m",
            "tests.stress.agent_worker",
            f"--db={url}",
            f"--login={login}",
            f"--tickets={','.join(map(str, numbers))}",
            f"--log={log}",
            f"--attempts={ATTEMPTS}",
            f"--seed={index}",
            f"--ready={ready}",
            f"--go={go}",
            f"--tag=-w{index}",
        ]
        procs.append((subprocess.Popen(command, cwd=REPO, env=os.environ.copy()), ready))
        logs.append(log)
    while not all(ready.exists() for _, ready in procs):
        if any(p.poll() is not None for p, _ in procs):
            raise SystemExit("a writer stopped before it was ready")
        time.sleep(0.05)
    started = time.perf_counter()
    go.touch()
    failed = [p.args for p, _ in procs if p.wait() != 0]
    elapsed = time.perf_counter() - started
    if failed:
        raise SystemExit(f"{len(failed)} writers crashed")
    return elapsed, logs


def _where_the_time_went(log: WorkLog, acked: int) -> str:
    """The writers' wall time split into running Python, waiting for a core and waiting for the database.

    On a shared 2-core machine the rate says more about the other processes than about the desk; the CPU each
    acknowledged write cost and the time spent blocked (locks, the server, fsync) do not depend on the load.
    """
    wall, cpu, queued = (log.total(k) for k in ("wall_ms", "cpu_ms", "runqueue_ms"))
    if not wall or not acked:
        return "where the time went: not reported by the workers"
    blocked = max(wall - cpu - queued, 0)
    first = log.total("first_ms") / max(len(log.summaries), 1)
    return (
        f"writers' time: {100 * cpu / wall:.0f}% running (CPU {cpu / acked:.1f} ms per acknowledged write), "
        f"{100 * queued / wall:.0f}% waiting for a core, {100 * blocked / wall:.0f}% waiting for the database "
        f"(locks, server, fsync: {blocked / acked:.1f} ms per write); first write of a process {first:.0f} ms"
    )


def main() -> None:
    size = size_name()
    with tempfile.TemporaryDirectory(dir=out_dir(size)) as tmp:
        scratch = Path(tmp)
        url = _desk_url(size, scratch)
        logins, numbers, versions = _setting_up(url)
        say(f"{WRITERS} writers × {ATTEMPTS} changes on {len(numbers)} open tickets ({backend()}) …")
        elapsed, logs = _run_writers(url, logins, numbers, scratch)
        log = WorkLog.read(logs)
        engine = make_engine(url)
        try:
            verify(engine, numbers, versions, log, complete=True)
            consistent = "yes"
        except AssertionError as problem:
            consistent = f"NO: {str(problem)[:200]}"
            if os.environ.get("BENCH_KEEP"):
                shutil.copytree(scratch, out_dir(size) / "writers-failed", dirs_exist_ok=True)
        finally:
            engine.dispose()
    tried = WRITERS * ATTEMPTS
    acked, conflicts, busy = len(log.acks), log.total("conflict"), log.total("busy")
    rate = acked / elapsed
    note = (
        f"{acked} acknowledged in {elapsed:.1f} s; conflicts {conflicts} ({100 * conflicts / tried:.0f}%), "
        f"busy {busy}; consistent afterwards: {consistent}"
    )
    rows = [Row(f"{WRITERS} writers: acknowledged writes/s", rate, rate, rate=True, note=note)]
    print_table(f"Concurrent writers — {size} desk on {backend()}", rows, unit="writes per second")
    where = _where_the_time_went(log, acked)
    say(where)
    save(size, "writers", rows, {}, conflicts=conflicts, busy=busy, consistent=consistent, seconds=elapsed, where=where)
    if consistent != "yes":
        raise SystemExit(f"the database does not hold what it acknowledged: {consistent}")


if __name__ == "__main__":
    main()
