"""Restore as an attacker would try it: over a desk without being its administrator, with a backup whose schema
was changed (a trigger that deletes new audit rows) or whose password hashes were swapped, and while agents still
have the desk open."""

import sqlite3
import subprocess
import sys
from datetime import UTC, datetime
from pathlib import Path

import pytest
from sqlalchemy import Engine
from sqlmodel import Session, select

from supportdesk import backup
from supportdesk.cli.main import main
from supportdesk.db import make_engine, open_session
from supportdesk.errors import Invalid, NotAllowed
from supportdesk.i18n import t
from supportdesk.models import AuditEvent
from supportdesk.services import auth, passwords
from supportdesk.services.actor import Actor
from tests.conftest import PG_URL
from tests.supportdesk import factories

pytestmark = pytest.mark.skipif(bool(PG_URL), reason="SQLite restore; PostgreSQL uses pg_restore")
NOW = datetime(2026, 11, 23, 3, 0, tzinfo=UTC)


@pytest.fixture
def made(tmp_path: Path, engine: Engine, session: Session, admin: Actor, agent: Actor) -> Path:
    auth.set_password(session, admin, "admin", "admin-password")
    factories.ticket(session, agent, factories.customer(session, agent), "返品したい")
    result = backup.backup_desk(engine, admin, tmp_path / "desk.backup")
    engine.dispose()  # nothing of this process stays open on the desk a test restores over
    return result.path


def _tamper(path: Path, *statements: str) -> Path:
    connection = sqlite3.connect(path)
    for statement in statements:
        connection.execute(statement)
    connection.commit()
    connection.close()
    return path


def test_only_an_administrator_of_the_desk_may_replace_it_even_with_force(made, db_url, engine, admin, agent):
    for who in (None, agent):
        with pytest.raises(NotAllowed, match="only one of its administrators"):
            backup.restore_desk(made, db_url, force=True, signed_in=who)
    assert backup.restore_desk(made, db_url, force=True, signed_in=admin).tickets == 1


@pytest.mark.parametrize(
    "change",
    [
        "CREATE TRIGGER hide AFTER INSERT ON audit_event BEGIN DELETE FROM audit_event WHERE id = NEW.id; END",
        "CREATE VIEW everyone AS SELECT login, password_hash FROM user",
        "CREATE TABLE notes_for_later (x TEXT)",
        "CREATE INDEX ix_odd ON ticket (subject)",
    ],
)
def test_a_backup_whose_schema_was_changed_is_refused(made, db_url, admin, tmp_path, change):
    tampered = _tamper(made, change)
    before = Path(db_url.removeprefix("sqlite:///")).read_bytes()
    with pytest.raises(Invalid, match="schema was changed"):
        backup.restore_desk(tampered, db_url, force=True, signed_in=admin)
    assert Path(db_url.removeprefix("sqlite:///")).read_bytes() == before  # the desk was not touched
    with pytest.raises(Invalid, match="schema was changed"):
        backup.restore_desk(tampered, f"sqlite:///{tmp_path / 'empty' / 'desk.db'}")


def test_a_swapped_password_hash_in_a_backup_signs_nobody_in(made, db_url, admin):
    attacker = passwords.hash_password("attacker-pass")
    _tamper(
        made,
        f"UPDATE user SET password_hash = '{attacker}' WHERE login = 'admin'",
        f"INSERT INTO user (login, name, role, active, password_hash, created_at) "
        f"VALUES ('mallory', 'M', 'admin', 1, '{attacker}', '2026-11-01 00:00:00')",
    )
    result = backup.restore_desk(made, db_url, force=True, signed_in=admin)
    assert result.users_needing_a_password == 1
    engine = make_engine(db_url)
    try:
        with open_session(engine) as session:
            for login in ("admin", "mallory"):
                with pytest.raises(NotAllowed):
                    auth.sign_in(session, login, "attacker-pass", now=NOW)
            assert auth.sign_in(session, "admin", "admin-password", now=NOW).login == "admin"
            restore = session.exec(select(AuditEvent).where(AuditEvent.action == "desk.restore")).one()
            assert '"by": "admin"' in (restore.detail or "")
    finally:
        engine.dispose()


def test_restore_waits_for_nobody_and_refuses_while_the_desk_is_open_elsewhere(made, db_url, admin):
    path = db_url.removeprefix("sqlite:///")
    holder = subprocess.Popen(
        [sys.executable, "-c", (
            "import sqlite3, sys; c = sqlite3.connect(sys.argv[1]); c.execute('PRAGMA journal_mode=WAL');"
            "c.execute('SELECT count(*) FROM ticket').fetchone(); print('ready', flush=True); sys.stdin.read()"
        ), path],
        stdin=subprocess.PIPE, stdout=subprocess.PIPE, text=True,
    )  # fmt: skip
    try:
        assert holder.stdout is not None and holder.stdout.readline().strip() == "ready"
        with pytest.raises(NotAllowed, match="open in another program"):
            backup.restore_desk(made, db_url, force=True, signed_in=admin)
    finally:
        holder.communicate("")
    assert backup.restore_desk(made, db_url, force=True, signed_in=admin).tickets == 1


def test_cli_restore_over_a_protected_desk_needs_its_admin_password(capsys, monkeypatch, made, db_url):
    import io

    monkeypatch.setattr("sys.stdin", io.StringIO(""))
    assert main(["--db", db_url, "--user", "admin", "restore", str(made), "--force"]) == 4
    assert t("This desk needs a password: set SUPPORTDESK_PASSWORD or run in a terminal.") in capsys.readouterr().err
    monkeypatch.setenv("SUPPORTDESK_PASSWORD", "wrong-password")
    assert main(["--db", db_url, "--user", "admin", "restore", str(made), "--force"]) == 4
    monkeypatch.setenv("SUPPORTDESK_PASSWORD", "admin-password")
    assert main(["--db", db_url, "--user", "admin", "restore", str(made), "--force"]) == 0
    assert restored(1) in capsys.readouterr().out


def restored(tickets: int) -> str:
    """The start of `restore`'s line in the pass's language ("Restored 40 tickets to " / 「40 件のチケットを …」)."""
    said = "Restored {tickets} tickets to {path} (schema {revision}); search index rebuilt with {indexed} tickets."
    return t(said).split("{path}")[0].format(tickets=tickets)
