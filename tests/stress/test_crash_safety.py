"""kill -9 in the middle of work: the desk stays intact, nothing acknowledged is lost, search catches up on start.

Killing a reindex is covered by tests/supportdesk/test_search_service.py; a large import by test_import_crash.py.
"""

import random
import signal
from pathlib import Path

from sqlalchemy import Engine

from supportdesk.db import open_session
from supportdesk.desk import Desk
from supportdesk.models import Status
from supportdesk.services import search
from supportdesk.services.ticket_queries import TicketFilter
from tests.stress.checks import WorkLog, integrity_ok, verify
from tests.stress.conftest import Floor, Worker, start_workers
from tests.waiting import processes_progress, wait_until

ROUNDS = 3


def _acks(logs) -> int:  # type: ignore[no-untyped-def]
    return sum(path.read_bytes().count(b"\n") for path in logs if path.exists())


def _wait_for_acks(workers: list[Worker], logs: list[Path], wanted: int) -> None:
    running = processes_progress(w.proc for w in workers)
    wait_until(
        lambda: _acks(logs) >= wanted or any(w.proc.poll() is not None for w in workers),
        progress=lambda: (_acks(logs), running()),
        what=f"{wanted} acknowledged changes",
        poll=0.005,
    )


def test_killing_agents_mid_burst_loses_nothing_they_were_told_was_saved(
    floor: Floor, engine: Engine, tmp_path
) -> None:
    rng = random.Random(8)
    logs = []
    for round_ in range(ROUNDS):
        # Two app-like processes: writing tickets and keeping the search index in step (every 3 writes), so the
        # kill can land in a database commit, an index commit or between the two.
        here = tmp_path / f"round{round_}"
        here.mkdir()
        # They work until killed; the kill comes after a random number of acknowledged changes, however long
        # those take on this machine.
        workers = start_workers(floor, here, ("agent1", "lead1"), attempts=0, sync_every=3, tag=f"r{round_}")
        logs += [w.log for w in workers]
        wanted = _acks(logs) + rng.randint(10, 40)
        _wait_for_acks(workers, logs, wanted)
        for worker in workers:
            worker.proc.send_signal(signal.SIGKILL)
        for worker in workers:
            worker.proc.wait()
            assert worker.proc.returncode == -signal.SIGKILL, "killed in the middle of its work, not finished"

    log = WorkLog.read(logs)
    assert len(log.acks) >= ROUNDS * 10
    assert integrity_ok(engine)
    verify(engine, floor.numbers, floor.start_versions, log, complete=False)

    # Next start: the app applies what the killed processes left in the outbox (their index lock died with them).
    desk = Desk.open(floor.db_url, "lead1")
    assert desk.sync_index() is not None, "the index is not left locked"
    with open_session(desk.engine) as session:
        assert search.pending_changes(session, desk.search_index()) == 0
    assert desk.search_index().doc_count() == len(floor.numbers)
    for ack in [a for a in log.acks if "kind" in a][-40:]:
        hits = desk.search_cases(f'"{ack["marker"]}"').hits
        assert [h.hit.ticket_id for h in hits] == [ack["t"]], f"{ack['marker']} is searchable on its ticket"
    for status in ("new", "open", "pending", "on_hold", "resolved", "closed"):
        indexed = {h.hit.ticket_id for h in desk.search_cases(f"status:{status}", limit=100).hits}
        current = {r.number for r in desk.list_tickets(TicketFilter(statuses=(Status(status),)), limit=100)}
        assert indexed == current, f"the index shows the current status ({status}) of every ticket"
