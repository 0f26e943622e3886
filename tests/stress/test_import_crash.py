"""kill -9 in the middle of a large CSV import: the import is one transaction, so nothing of it stays.

What was acknowledged before (the desk's tickets and their changes) is all there, the database passes its
integrity check, and the same file imports whole on the next try, with search catching up.
"""

import os
import signal
import subprocess
import sys

from sqlalchemy import Engine
from sqlmodel import func, select

from supportdesk.db import open_session
from supportdesk.desk import Desk
from supportdesk.models import AuditEvent, Customer
from supportdesk.services import search
from tests.stress.checks import WorkLog, integrity_ok, verify
from tests.stress.conftest import REPO, Floor, finish, start_workers
from tests.waiting import processes_progress, wait_until

ROWS = 3_000


def customers_csv(rows: int) -> bytes:
    lines = ["顧客番号,氏名,フリガナ,電話番号,メールアドレス,会社名"]
    for i in range(rows):
        lines.append(
            f"IMP-{i:05d},輸入 太郎{i},ユニュウ タロウ,03-7{i // 10_000:03d}-{i % 10_000:04d},"
            f"c{i}@import.example.jp,株式会社インポート{i % 50}"
        )
    return ("\r\n".join(lines) + "\r\n").encode("utf-8")


def _customers(engine: Engine) -> int:
    with open_session(engine) as session:
        return int(session.exec(select(func.count()).select_from(Customer)).one())


def _progress(path) -> int:  # type: ignore[no-untyped-def]
    try:
        done = path.read_text().split()[0]
    except (FileNotFoundError, IndexError):
        return 0
    return -1 if done == "done" else int(done)


def test_killing_a_large_import_leaves_nothing_of_it_and_loses_nothing_else(
    floor: Floor, engine: Engine, tmp_path
) -> None:
    # Agents worked first; their acknowledged writes must survive what follows.
    workers = start_workers(floor, tmp_path, ("agent1", "lead1"), attempts=15)
    crashes = finish(workers)
    assert not crashes, "\n".join(crashes)
    log = WorkLog.read(w.log for w in workers)
    before = _customers(engine)

    data = tmp_path / "customers.csv"
    data.write_bytes(customers_csv(ROWS))
    progress = tmp_path / "progress.txt"
    command = [sys.executable, "-m", "tests.stress.import_worker", f"--db={floor.db_url}", "--login=lead1"]
    command += [f"--file={data}", f"--progress={progress}"]
    proc = subprocess.Popen(command, cwd=REPO, env=os.environ.copy(), stderr=subprocess.PIPE)
    # Kill it well into writing the rows (its transaction holds thousands of uncommitted customers). Reading and
    # checking the file comes first and reports no rows: its CPU time is the progress until the rows start.
    cpu = processes_progress([proc])
    wait_until(
        lambda: _progress(progress) >= ROWS // 3 or proc.poll() is not None,
        progress=lambda: (_progress(progress), cpu()),
        what=f"the import to write {ROWS // 3} rows",
    )
    done = _progress(progress)
    proc.send_signal(signal.SIGKILL)
    proc.wait()
    assert 0 < done < ROWS, f"killed while writing (progress {done} of {ROWS}): {proc.stderr.read().decode()[-800:]}"

    assert integrity_ok(engine)
    assert _customers(engine) == before, "nothing of the killed import stays"
    verify(engine, floor.numbers, floor.start_versions, log, complete=True)

    # The next try imports the whole file, and search catches up on the next start.
    desk = Desk.open(floor.db_url, "lead1")
    summary = desk.run_import("customers", data.read_bytes(), source=data.name)
    assert summary.created == ROWS
    assert _customers(engine) == before + ROWS
    with open_session(engine) as session:
        imports = session.exec(select(func.count()).select_from(AuditEvent).where(AuditEvent.action.like("import.%")))
        assert imports.one() == 1, "only the finished import is in the audit log"
    assert desk.sync_index() is not None
    with open_session(desk.engine) as session:
        assert search.pending_changes(session, desk.search_index()) == 0
