"""An encrypted desk (SQLCipher): unreadable without its key, quiet and clear when the key is wrong or missing."""

import os
import sys
from pathlib import Path

import pytest
from sqlmodel import select

from supportdesk import backup, secrets
from supportdesk.cli.main import main
from supportdesk.db import current_revision, head_revision, make_engine, migrate, open_session, translate_errors
from supportdesk.errors import Invalid, StorageError
from supportdesk.i18n import t
from supportdesk.models import Ticket
from supportdesk.services.users import resolve_actor
from tests.waiting import run_process

pytest.importorskip("sqlcipher3", reason="the encryption extra (sqlcipher3) is not installed")

KEY = "長い合言葉 with 'quotes' and \"more\""


@pytest.fixture
def encrypted_url(tmp_path: Path) -> str:
    secrets.store("db-key", KEY)
    return f"sqlite+sqlcipher:///{tmp_path / 'secure' / 'desk.db'}"


@pytest.fixture
def demo_desk(capsys, encrypted_url: str) -> str:
    code = main(["--db", encrypted_url, "demo", "--no-launch", "--customers", "8", "--tickets", "12"])
    assert code == 0, capsys.readouterr().err
    capsys.readouterr()
    return encrypted_url


def _path(url: str) -> Path:
    return Path(url.split(":///", 1)[1])


def test_the_demo_builds_and_migrates_an_encrypted_desk(demo_desk):
    raw = _path(demo_desk).read_bytes()
    assert not raw.startswith(b"SQLite format 3")
    assert "山田".encode() not in raw and b"ticket_entry" not in raw
    engine = make_engine(demo_desk)
    try:
        assert current_revision(engine) == head_revision()
        with engine.connect() as connection:
            pragma = {n: connection.exec_driver_sql(f"PRAGMA {n}").scalar() for n in ("journal_mode", "foreign_keys")}
        assert pragma == {"journal_mode": "wal", "foreign_keys": 1}
        with open_session(engine) as session:
            assert len(session.exec(select(Ticket)).all()) == 12
        migrate(engine, "0002")  # migrations run both ways on an encrypted desk
        migrate(engine)
        assert current_revision(engine) == head_revision()
    finally:
        engine.dispose()


def test_a_wrong_key_is_one_clear_line_without_noise_from_sqlcipher(demo_desk):
    env = {**os.environ, "SUPPORTDESK_SECRET_DB_KEY": "not the key", "SUPPORTDESK_USER": "admin"}
    done = run_process([sys.executable, "-m", "supportdesk.cli.main", "--db", demo_desk, "ticket", "list"], env=env)
    assert done.returncode == 6
    assert done.stdout == ""
    # stderr is written by C code too (SQLCipher's log): captured at the file descriptor, it must be one line.
    assert done.stderr.splitlines() == [done.stderr.strip()]
    does_not_fit = t(
        "Cannot open the encrypted desk {path}: the key in secret {name!r} does not fit it, or the file"
        " is not an encrypted SupportDesk desk (a plain desk opens with sqlite:///…).",
        path=_path(demo_desk),
        name=secrets.DB_KEY,
    )
    assert done.stderr == f"supportdesk: {does_not_fit}\n"


def test_a_missing_key_names_the_ways_to_provide_it(demo_desk):
    secrets.delete("db-key")
    engine = make_engine(demo_desk)
    with pytest.raises(StorageError, match=r"SUPPORTDESK_SECRET_DB_KEY.*supportdesk secret set db-key"):
        engine.connect()
    engine.dispose()


def test_an_encrypted_desk_opened_as_plain_sqlite_says_it_may_be_encrypted(demo_desk):
    engine = make_engine(demo_desk.replace("sqlite+sqlcipher", "sqlite"))
    with pytest.raises(StorageError, match=r"encrypted \(open it as sqlite\+sqlcipher"), translate_errors():
        current_revision(engine)
    engine.dispose()


def test_without_sqlcipher_installed_an_encrypted_desk_says_how_to_get_it(encrypted_url, monkeypatch):
    monkeypatch.setitem(sys.modules, "sqlcipher3", None)
    with pytest.raises(StorageError, match=r"supportdesk\[encryption\]"):
        make_engine(encrypted_url).connect()


def test_an_encrypted_desk_backs_up_encrypted_and_restores(demo_desk, tmp_path):
    engine = make_engine(demo_desk)
    with open_session(engine) as session:
        admin = resolve_actor(session, "admin")
    made = backup.backup_desk(engine, admin, tmp_path / "secure.backup")
    engine.dispose()
    assert made.encrypted and not made.path.read_bytes().startswith(b"SQLite format 3")
    with pytest.raises(Invalid, match="encrypted backup is restored with --db sqlite\\+sqlcipher"):
        backup.restore_desk(made.path, f"sqlite:///{tmp_path / 'plain' / 'desk.db'}")
    target = f"sqlite+sqlcipher:///{tmp_path / 'restored' / 'desk.db'}"
    assert backup.restore_desk(made.path, target).tickets == 12
    secrets.store("db-key", "another key")
    with pytest.raises(StorageError, match="made with another key"):
        backup.restore_desk(made.path, f"sqlite+sqlcipher:///{tmp_path / 'other' / 'desk.db'}")
