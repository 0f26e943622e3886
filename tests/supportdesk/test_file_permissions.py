"""Every file the desk writes holds personal data or secrets: owner-only (0600 files, 0700 folders), any umask."""

import os
import stat
from collections.abc import Iterator
from pathlib import Path

import keyring
import keyring.backends.fail
import pytest

from search_index import SearchIndex
from supportdesk import backup, secrets
from supportdesk.config import default_db_url, index_dir_for
from supportdesk.db import make_engine, migrate, open_session, sqlite_path
from supportdesk.models import Role, User
from supportdesk.services import search
from supportdesk.services.actor import Actor
from tests.conftest import PG_URL

pytestmark = pytest.mark.skipif(bool(PG_URL), reason="SQLite files")


def _mode(path: Path) -> int:
    return stat.S_IMODE(path.stat().st_mode)


@pytest.fixture(autouse=True)
def loose_umask() -> Iterator[None]:
    """The common default umask (files 0644, folders 0755): privacy must not depend on a stricter one."""
    old = os.umask(0o022)
    yield
    os.umask(old)


@pytest.fixture
def fresh_dirs(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> tuple[Path, Path]:
    data = tmp_path / "home" / ".local" / "share" / "supportdesk"
    config = tmp_path / "home" / ".config" / "supportdesk"
    monkeypatch.setenv("SUPPORTDESK_DATA_DIR", str(data))
    monkeypatch.setenv("SUPPORTDESK_CONFIG_DIR", str(config))
    return data, config


def test_every_file_of_a_new_desk_is_private(fresh_dirs, tmp_path):
    data, config = fresh_dirs
    url = default_db_url()
    db = sqlite_path(url)
    assert db is not None
    engine = make_engine(url)
    try:
        migrate(engine)
        with open_session(engine) as session:
            user = User(login="admin", name="管理者", role=Role.ADMIN)
            session.add(user)
            session.commit()
            admin = Actor.from_user(user)
            search.rebuild_index(session, SearchIndex.open(index_dir_for(url)))
            wal, shm = Path(f"{db}-wal"), Path(f"{db}-shm")
            assert wal.exists() and shm.exists()
            files = {"database": db, "write-ahead log": wal, "shared memory": shm}
            assert {name: _mode(p) for name, p in files.items()} == dict.fromkeys(files, 0o600)

        keyring.set_keyring(keyring.backends.fail.Keyring())
        secrets.store("db-key", "k")
        made = backup.backup_desk(engine, admin, tmp_path / "desk.backup")
    finally:
        engine.dispose()
    restored = backup.restore_desk(made.path, f"sqlite:///{tmp_path / 'restore' / 'here' / 'desk.db'}")

    folders = {
        "data dir": data,
        "data dir parent we created": data.parent,
        "search index": index_dir_for(url),
        "config dir": config,
        "config dir parent we created": config.parent,
        "restored desk's folder": restored.path.parent,
        "restored desk's index": index_dir_for(f"sqlite:///{restored.path}"),
    }
    assert {name: _mode(p) for name, p in folders.items()} == dict.fromkeys(folders, 0o700)
    files = {"secrets file": secrets.secrets_file(), "backup": made.path, "restored desk": restored.path}
    assert {name: _mode(p) for name, p in files.items()} == dict.fromkeys(files, 0o600)


def test_a_search_index_folder_left_open_by_an_older_version_is_closed(tmp_path):
    url = f"sqlite:///{tmp_path / 'desk.db'}"
    old = tmp_path / "desk.index"
    old.mkdir(mode=0o755)
    assert index_dir_for(url) == old
    assert _mode(old) == 0o700


def _loose_file(path: Path) -> Path:
    """A file someone left readable by everyone (an earlier export, a colleague's copy)."""
    path.write_text("old contents\n", encoding="utf-8")
    path.chmod(0o644)
    return path


def test_files_written_over_an_existing_readable_file_become_private(engine, session, admin, agent, tmp_path, db_url):
    from supportdesk.cli.main import main
    from supportdesk.desk import Desk
    from tests.supportdesk import factories

    customer = factories.customer(session, agent)
    number = factories.ticket(session, agent, customer)
    desk = Desk(engine=engine, actor=admin)
    targets = {
        name: _loose_file(tmp_path / name)
        for name in ("customers.csv", "person.md", "privacy.json", "report.csv", "manual.md")
    }
    desk.export_file("customers", targets["customers.csv"])
    desk.export_person(customer, targets["person.md"])
    assert (
        main(
            [
                "--db",
                db_url,
                "--user",
                "admin",
                "privacy",
                "export",
                str(customer),
                "--out",
                str(targets["privacy.json"]),
            ]
        )
        == 0
    )
    assert main(["--db", db_url, "--user", "admin", "report", "agents", "--csv", str(targets["report.csv"])]) == 0
    desk.export_manual([number], targets["manual.md"])
    assert {name: _mode(p) for name, p in targets.items()} == dict.fromkeys(targets, 0o600)
    assert all("old contents" not in p.read_text(encoding="utf-8") for p in targets.values())


def test_every_search_index_file_is_private_whatever_the_umask(engine, session, agent):
    from supportdesk.desk import Desk
    from tests.supportdesk import factories

    factories.ticket(session, agent, factories.customer(session, agent))
    desk = Desk(engine=engine, actor=agent)
    desk.sync_index()
    desk.rebuild_index()
    root = desk.search_index().path
    files = [p for p in root.rglob("*") if p.is_file()]
    folders = [p for p in root.rglob("*") if p.is_dir()]
    assert files and folders
    assert {str(p.relative_to(root)): _mode(p) for p in files} == {str(p.relative_to(root)): 0o600 for p in files}
    assert {str(p.relative_to(root)): _mode(p) for p in folders} == {str(p.relative_to(root)): 0o700 for p in folders}


def test_a_killed_rebuilds_folder_is_removed_on_the_next_start(tmp_path):
    index_dir = tmp_path / "desk.index"
    SearchIndex.open(index_dir).close()
    leftover = index_dir / "gen-000007.building-4242-deadbeef"
    leftover.mkdir()
    (leftover / "MAIN_x.seg").write_bytes(b"half a segment with ticket text")
    SearchIndex.open(index_dir).close()
    assert not leftover.exists()


def test_an_index_and_a_desk_left_readable_by_an_older_version_are_closed_on_start(tmp_path):
    url = f"sqlite:///{tmp_path / 'desk.db'}"
    engine = make_engine(url)
    migrate(engine)
    engine.dispose()
    index = SearchIndex.open(index_dir_for(url))
    index.close()
    for path in [tmp_path / "desk.db", *index_dir_for(url).rglob("*")]:
        path.chmod(0o755 if path.is_dir() else 0o644)
    make_engine(url).dispose()
    SearchIndex.open(index_dir_for(url)).close()
    assert _mode(tmp_path / "desk.db") == 0o600
    assert {_mode(p) for p in index_dir_for(url).rglob("*") if p.is_file()} == {0o600}
