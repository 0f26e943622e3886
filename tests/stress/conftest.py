"""A shared desk for the stress tests: staff, one company of callers and fifty tickets everyone works on."""

import os
import subprocess
import sys
from dataclasses import dataclass
from pathlib import Path

import pytest
from sqlalchemy import Engine
from sqlmodel import Session, col, select

from supportdesk.models import Role, Ticket
from supportdesk.services.actor import Actor
from supportdesk.services.users import insert_user
from tests.supportdesk import factories
from tests.waiting import cpu_seconds, processes_progress, wait_until

REPO = Path(__file__).resolve().parents[2]
AGENTS = ("agent1", "agent2", "agent3", "agent4", "agent5", "agent6")
LEADS = ("lead1", "lead2")


@dataclass(frozen=True)
class Floor:
    """The desk the workers share: its URL, the tickets and their versions before anyone started."""

    db_url: str
    numbers: list[int]
    start_versions: dict[int, int]
    logins: tuple[str, ...]


@pytest.fixture
def floor(db_url: str, engine: Engine, session: Session) -> Floor:
    staff: list[Actor] = []
    for login in AGENTS + LEADS:
        role = Role.LEAD if login.startswith("lead") else Role.AGENT
        staff.append(Actor.from_user(insert_user(session, login, login, role, "東京サポート")))
    session.commit()
    callers = [
        factories.customer(session, staff[0], f"顧客 {i}", name_kana=f"コキャク {i}", phone=f"03-5555-{i:04d}")
        for i in range(10)
    ]
    numbers = [
        factories.ticket(session, staff[i % len(staff)], callers[i % 10], f"問い合わせ {i}", assign_to_me=i % 3 != 0)
        for i in range(50)
    ]
    versions = dict(session.exec(select(Ticket.id, Ticket.version).where(col(Ticket.id).in_(numbers))).all())
    return Floor(db_url, numbers, versions, AGENTS + LEADS)  # type: ignore[arg-type]


@dataclass
class Worker:
    login: str
    log: Path
    proc: subprocess.Popen[bytes]


def start_workers(
    floor: Floor, tmp_path: Path, logins: tuple[str, ...], attempts: int, sync_every: int = 0, tag: str = ""
) -> list[Worker]:
    """Start one process per login; they connect, say they are ready, and start working at the same moment.

    Each tries `attempts` changes and stops (0: works until killed).
    """
    go = tmp_path / "go"
    workers = []
    for index, login in enumerate(logins):
        log = tmp_path / f"{login}.jsonl"
        command = [
            sys.executable,
            "-m",
            "tests.stress.agent_worker",
            f"--db={floor.db_url}",
            f"--login={login}",
            f"--tickets={','.join(map(str, floor.numbers))}",
            f"--log={log}",
            f"--attempts={attempts}",
            f"--seed={index}",
            f"--ready={tmp_path / f'{login}.ready'}",
            f"--go={go}",
            f"--sync-every={sync_every}",
            f"--tag={tag}",
        ]
        proc = subprocess.Popen(command, cwd=REPO, env=os.environ.copy(), stderr=subprocess.PIPE)
        workers.append(Worker(login, log, proc))
    cpu = processes_progress(w.proc for w in workers)

    def all_ready() -> bool:
        crashed = [w for w in workers if w.proc.poll() is not None]
        if crashed:
            for w in workers:
                w.proc.kill()
            errors = b"".join(w.proc.communicate()[1] or b"" for w in crashed).decode(errors="replace")
            pytest.fail(f"workers did not start: {errors[-2000:]}")
        return all((tmp_path / f"{w.login}.ready").exists() for w in workers)

    wait_until(all_ready, progress=cpu, what="the workers to connect", poll=0.02)
    go.touch()
    return workers


def finish(workers: list[Worker]) -> list[str]:
    """Wait for every worker to end while they make progress; the crashes, as messages."""
    crashes = []
    for worker in workers:
        wait_until(
            lambda w=worker: w.proc.poll() is not None,
            progress=lambda w=worker: (cpu_seconds(w.proc.pid), w.log.stat().st_size if w.log.exists() else 0),
            what=f"{worker.login} to finish its changes",
        )
        stderr = worker.proc.stderr.read() if worker.proc.stderr else b""
        if worker.proc.returncode != 0:
            crashes.append(f"{worker.login} exited {worker.proc.returncode}: {stderr.decode(errors='replace')[-1500:]}")
    return crashes
