"""Eight agents on fifty tickets at once, each in its own process: nothing acknowledged is lost, nothing crashes.

Runs on SQLite (WAL) by default and on PostgreSQL when SUPPORTDESK_TEST_PG_URL is set (`make test` does both).
"""

from sqlalchemy import Engine

from tests.stress.checks import WorkLog, integrity_ok, verify
from tests.stress.conftest import Floor, finish, start_workers

# Changes each agent tries: a fixed amount of work, so the test asks the same of an idle and a busy machine.
ATTEMPTS = 30


def test_eight_agents_updating_the_same_fifty_tickets_lose_nothing(floor: Floor, engine: Engine, tmp_path) -> None:
    workers = start_workers(floor, tmp_path, floor.logins, ATTEMPTS)
    crashes = finish(workers)
    assert not crashes, "\n".join(crashes)

    log = WorkLog.read(w.log for w in workers)
    print({"acked": len(log.acks), **{k: log.total(k) for k in ("conflict", "busy", "skipped")}})
    assert set(log.summaries) == set(floor.logins), "every worker finished its run"
    assert log.total("acked") == len(log.acks)
    # Enough happened to mean something: many writes, and agents did trip over each other.
    assert len(log.acks) >= 80, log.summaries
    assert log.total("conflict") > 0, log.summaries
    # A busy database is reported as StorageError and counted; with a 5 s busy timeout it should be rare.
    assert log.total("busy") <= len(log.acks) // 20, log.summaries
    assert {a["op"] for a in log.acks} >= {"reply", "note", "status", "assign"}
    assert integrity_ok(engine)
    verify(engine, floor.numbers, floor.start_versions, log, complete=True)
