"""Backups taken while agents work, and restoring them into an empty place."""

import hashlib
import sqlite3
import stat
import threading
from pathlib import Path

import pytest
from sqlalchemy import Engine, text
from sqlmodel import Session

from search_index import SearchIndex
from supportdesk import backup
from supportdesk.cli.main import main
from supportdesk.config import index_dir_for
from supportdesk.db import current_revision, head_revision, make_engine, migrate, open_session
from supportdesk.errors import Invalid, NotAllowed, NotFound
from supportdesk.i18n import t
from supportdesk.services.actor import Actor
from tests.conftest import PG_URL
from tests.supportdesk import factories
from tests.waiting import STALL

pytestmark = pytest.mark.skipif(bool(PG_URL), reason="SQLite online backup; PostgreSQL uses pg_dump")


def fingerprint(engine: Engine, upto_ticket: int | None = None) -> tuple[dict[str, int], str]:
    """Row counts of the ticket tables and a hash of every ticket and thread entry (up to a ticket number)."""
    limit = upto_ticket if upto_ticket is not None else 2**62
    digest = hashlib.sha256()
    counts: dict[str, int] = {}
    with engine.connect() as connection:
        for table, key, columns in (
            ("ticket", "id", "id, customer_id, subject, status, priority, version"),
            ("ticket_entry", "ticket_id", "id, ticket_id, kind, body, author_id"),
            ("status_change", "ticket_id", "id, ticket_id, from_status, to_status"),
        ):
            rows = connection.execute(
                text(f"SELECT {columns} FROM {table} WHERE {key} <= :limit ORDER BY id"), {"limit": limit}
            ).all()
            counts[table] = len(rows)
            digest.update(repr([tuple(r) for r in rows]).encode())
    return counts, digest.hexdigest()


@pytest.fixture
def busy_desk(session: Session, agent: Actor) -> dict[str, int]:
    customer = factories.customer(session, agent)
    for n in range(40):
        factories.ticket(session, agent, customer, f"問い合わせ {n}", body="商品が届きません。" * 20)
    return {"customer": customer}


def test_a_backup_taken_during_writes_restores_to_equal_data(
    tmp_path, db_url, engine, agent, admin, busy_desk, monkeypatch
):
    monkeypatch.setattr(backup, "STEP_PAGES", 2)  # many steps, so the writer commits in between
    writer_engine = make_engine(db_url)
    stop, written = threading.Event(), threading.Semaphore(0)
    failures: list[BaseException] = []

    def write_tickets() -> None:
        try:
            n = 0
            while not stop.is_set():
                with open_session(writer_engine) as session:
                    factories.ticket(session, agent, busy_desk["customer"], f"バックアップ中の問い合わせ {n}")
                n += 1
                written.release()
        except BaseException as exc:
            failures.append(exc)
            written.release()

    steps: list[tuple[int, int]] = []

    def progress(done: int, total: int) -> None:
        if not steps:
            # Wait until tickets have been committed after the backup's snapshot was taken.
            for _ in range(3):  # each commit is progress: wait as long as the next one takes on this machine
                assert written.acquire(timeout=STALL)
        steps.append((done, total))

    thread = threading.Thread(target=write_tickets)
    thread.start()
    try:
        result = backup.backup_desk(engine, admin, tmp_path / "desk.backup", progress=progress)
    finally:
        stop.set()
        thread.join()
        writer_engine.dispose()
    assert not failures
    assert len(steps) > 3 and steps[-1][0] == steps[-1][1] == result.pages
    assert stat.S_IMODE(result.path.stat().st_mode) == 0o600

    restored_url = f"sqlite:///{tmp_path / 'restored' / 'desk.db'}"
    restored = backup.restore_desk(result.path, restored_url)
    restored_engine = make_engine(restored_url)
    try:
        counts, digest = fingerprint(restored_engine)
        with restored_engine.connect() as connection:
            last = connection.execute(text("SELECT max(id) FROM ticket")).scalar()
        # The backup is one consistent moment: exactly what the live desk held up to its last ticket then.
        assert (counts, digest) == fingerprint(engine, upto_ticket=last)
        assert counts["ticket"] >= 40 and restored.tickets == counts["ticket"]
        live_tickets = fingerprint(engine)[0]["ticket"]
        assert live_tickets > counts["ticket"], "the writer committed nothing after the snapshot"
    finally:
        restored_engine.dispose()

    # Once the writes stop, a second backup restores to exactly the live data.
    again = backup.backup_desk(engine, admin, tmp_path / "quiet.backup")
    backup.restore_desk(again.path, restored_url, force=True, signed_in=admin)
    restored_engine = make_engine(restored_url)
    try:
        assert fingerprint(restored_engine) == fingerprint(engine)
    finally:
        restored_engine.dispose()


def test_restore_rebuilds_the_search_index(tmp_path, engine, session, admin, busy_desk):
    factories.ticket(session, admin, busy_desk["customer"], "領収書の宛名変更")
    made = backup.backup_desk(engine, admin, tmp_path / "desk.backup")
    url = f"sqlite:///{tmp_path / 'new' / 'desk.db'}"
    stale = index_dir_for(url) / "leftover-from-another-desk"
    stale.mkdir(parents=True)
    result = backup.restore_desk(made.path, url)
    assert result.indexed == result.tickets == 41
    assert not stale.exists()
    assert SearchIndex.open(index_dir_for(url), create=False).doc_count() == 41


def test_restore_refuses_to_overwrite_a_desk_without_force(tmp_path, db_url, engine, admin):
    made = backup.backup_desk(engine, admin, tmp_path / "desk.backup")
    with pytest.raises(NotAllowed, match="--force"):
        backup.restore_desk(made.path, db_url)
    engine.dispose()  # restore refuses while a connection is open on the desk it replaces
    assert backup.restore_desk(made.path, db_url, force=True, signed_in=admin).revision_after == head_revision()


def test_restore_upgrades_a_backup_from_an_older_version(tmp_path):
    old = tmp_path / "old.db"
    old_engine = make_engine(f"sqlite:///{old}")
    migrate(old_engine, "0002")
    old_engine.dispose()
    url = f"sqlite:///{tmp_path / 'desk' / 'desk.db'}"
    result = backup.restore_desk(old, url)
    assert (result.revision_before, result.revision_after) == ("0002", head_revision())
    restored = make_engine(url)
    assert current_revision(restored) == head_revision()
    restored.dispose()


def _plain_sqlite(path: Path, *statements: str) -> Path:
    with sqlite3.connect(path) as connection:
        for statement in statements:
            connection.execute(statement)
    return path


@pytest.mark.parametrize(
    ("make", "why"),
    [
        (lambda p: p.write_text("not a database at all " * 100) and p, "not a SupportDesk backup"),
        (lambda p: _plain_sqlite(p, "CREATE TABLE notes(x)"), "no alembic_version"),
        (
            lambda p: _plain_sqlite(
                p,
                *(f'CREATE TABLE "{t}"(x)' for t in backup.CORE_TABLES - {"alembic_version"}),
                "CREATE TABLE alembic_version(version_num)",
                "INSERT INTO alembic_version VALUES ('9999')",
            ),
            "another SupportDesk version",
        ),
    ],
    ids=["text file", "other sqlite database", "unknown schema"],
)
def test_restore_refuses_what_is_not_a_supportdesk_backup(tmp_path, make, why):
    source = tmp_path / "suspicious.db"
    make(source)
    target = tmp_path / "desk" / "desk.db"
    with pytest.raises(Invalid, match=why):
        backup.restore_desk(source, f"sqlite:///{target}")
    assert not target.exists()
    assert not list(target.parent.glob(".desk.db.*"))  # no half-restored leftovers


def test_restore_of_a_missing_file_says_so(tmp_path):
    with pytest.raises(NotFound):
        backup.restore_desk(tmp_path / "nope.backup", f"sqlite:///{tmp_path / 'desk.db'}")


def test_only_an_administrator_backs_up_the_desk(tmp_path, engine, agent):
    with pytest.raises(NotAllowed, match="may not back up the desk"):
        backup.backup_desk(engine, agent, tmp_path / "desk.backup")
    assert not (tmp_path / "desk.backup").exists()


def test_backup_never_replaces_a_file_unless_asked(tmp_path, engine, admin):
    existing = tmp_path / "desk.backup"
    existing.write_text("keep me")
    with pytest.raises(NotAllowed, match="--force"):
        backup.backup_desk(engine, admin, existing)
    assert existing.read_text() == "keep me"
    backup.backup_desk(engine, admin, existing, force=True)
    assert existing.read_bytes().startswith(b"SQLite format 3\x00")


def test_cli_backup_and_restore_round_trip(capsys, tmp_path, db_url, admin, busy_desk):
    file = tmp_path / "nightly.backup"
    assert main(["--db", db_url, "--user", "admin", "backup", str(file)]) == 0
    assert str(file) in capsys.readouterr().out  # "Backed up … to FILE" in either language
    target = f"sqlite:///{tmp_path / 'elsewhere' / 'desk.db'}"
    assert main(["--db", target, "restore", str(file)]) == 0
    assert restored(40) in capsys.readouterr().out
    assert main(["--db", target, "restore", str(file)]) == 4
    err = capsys.readouterr().err
    refused = t(
        "A desk already exists at {path}; restore only fills an empty place. Back it up and move it away, "
        "or pass --force to replace it."
    )
    assert refused.split("{path}")[-1] in err and len(err.strip().splitlines()) == 1


def test_cli_backup_of_a_postgresql_desk_explains_pg_dump(capsys):
    code = main(["--db", "postgresql://desk@127.0.0.1:1/supportdesk", "backup", "desk.dump"])
    err = capsys.readouterr().err
    assert code == 2
    assert "pg_dump" in err and len(err.strip().splitlines()) == 1


def restored(tickets: int) -> str:
    """The start of `restore`'s line in the pass's language ("Restored 40 tickets to " / 「40 件のチケットを …」)."""
    said = "Restored {tickets} tickets to {path} (schema {revision}); search index rebuilt with {indexed} tickets."
    return t(said).split("{path}")[0].format(tickets=tickets)
