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
