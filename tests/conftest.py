"""Shared fixtures: an isolated desk per test on SQLite, or on PostgreSQL when SUPPORTDESK_TEST_PG_URL is set."""

import os
import shutil
from collections.abc import Iterator
from pathlib import Path

import _pytest._code.code as _pytest_code
import _pytest.raises as _pytest_raises
import keyring
import keyring.errors
import pytest
from keyring.backend import KeyringBackend
from sqlalchemy import Engine, text
from sqlmodel import Session, SQLModel

from supportdesk import clock, i18n
from supportdesk.db import make_engine, migrate, open_session
from supportdesk.models import Role, User
from supportdesk.services.actor import Actor
from tests.words import speaking

PG_URL = os.environ.get("SUPPORTDESK_TEST_PG_URL")


def _said_in_both_languages(exc: BaseException, include_subexception_msg: bool = True) -> str:
    """What `pytest.raises(match=…)` and `excinfo.match` search: tests name a refusal by the catalog's English id,
    so a Japanese pass matches it against the English rendering as well. The Japanese is rendered first, so a
    text the catalog lacks still fails the test (see _isolated_environment)."""
    said = _stringify_exception(exc, include_subexception_msg)
    if i18n.language() == "en":
        return said
    with speaking("en"):
        return f"{said}\n{_stringify_exception(exc, include_subexception_msg)}"


_stringify_exception = _pytest_code.stringify_exception
_pytest_code.stringify_exception = _said_in_both_languages
_pytest_raises.stringify_exception = _said_in_both_languages
# The language of this pass, whatever the machine's locale says (commands run as subprocesses get it too).
TEST_LANG = i18n.check_language(os.environ.get("SUPPORTDESK_TEST_LANG", "en"), "SUPPORTDESK_TEST_LANG")
i18n.set_language(TEST_LANG)  # before the test modules import screens/, as the entry points do


@pytest.fixture(autouse=True)
def _isolated_environment(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Iterator[None]:
    """Keep the developer's own desk, config, keyring and locale out of every test.

    Every text looked up must be in the catalog: a test that shows one it lacks fails, in either language.
    """
    monkeypatch.setenv("SUPPORTDESK_DATA_DIR", str(tmp_path / "data"))
    monkeypatch.setenv("SUPPORTDESK_CONFIG_DIR", str(tmp_path / "config"))
    for name in ("SUPPORTDESK_DB", "SUPPORTDESK_USER"):
        monkeypatch.delenv(name, raising=False)
    for name in [n for n in os.environ if n.startswith("SUPPORTDESK_SECRET_")]:
        monkeypatch.delenv(name)
    monkeypatch.setenv("SUPPORTDESK_LANG", TEST_LANG)
    i18n.set_language(TEST_LANG)
    clock.set_desk_zone(clock.DEFAULT_ZONE)
    i18n.record_missing()
    i18n.take_missing()
    yield
    missing = i18n.take_missing()
    i18n.set_language(TEST_LANG)
    assert not missing, f"texts shown that supportdesk/i18n lacks: {sorted(missing)}"


class MemoryKeyring(KeyringBackend):
    """A keyring that forgets everything when the test ends: the developer's real keyring is never touched."""

    priority = 1  # type: ignore[assignment]

    def __init__(self) -> None:
        super().__init__()
        self.values: dict[tuple[str, str], str] = {}

    def get_password(self, service: str, username: str) -> str | None:
        return self.values.get((service, username))

    def set_password(self, service: str, username: str, password: str) -> None:
        self.values[(service, username)] = password

    def delete_password(self, service: str, username: str) -> None:
        if self.values.pop((service, username), None) is None:
            raise keyring.errors.PasswordDeleteError(username)


@pytest.fixture(autouse=True)
def memory_keyring() -> Iterator[MemoryKeyring]:
    previous = keyring.get_keyring()
    backend = MemoryKeyring()
    keyring.set_keyring(backend)
    yield backend
    keyring.set_keyring(previous)


@pytest.fixture(scope="session")
def _template_db(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """One migrated SQLite file; each test gets a copy, which is much faster than migrating again."""
    path = tmp_path_factory.mktemp("template") / "template.db"
    engine = make_engine(f"sqlite:///{path}")
    migrate(engine)
    with engine.connect() as connection:
        connection.exec_driver_sql("PRAGMA wal_checkpoint(TRUNCATE)")
    engine.dispose()
    return path


@pytest.fixture(scope="session")
def _pg_engine() -> Iterator[Engine | None]:
    if not PG_URL:
        yield None
        return
    engine = make_engine(PG_URL)
    with engine.begin() as connection:
        connection.execute(text("DROP SCHEMA public CASCADE; CREATE SCHEMA public"))
    migrate(engine)
    yield engine
    engine.dispose()


@pytest.fixture
def db_url(tmp_path: Path, _template_db: Path, _pg_engine: Engine | None) -> str:
    """URL of an empty, migrated desk for this test."""
    if _pg_engine is not None:
        tables = ", ".join(f'"{t.name}"' for t in SQLModel.metadata.sorted_tables)
        with _pg_engine.begin() as connection:
            connection.execute(text(f"TRUNCATE {tables} RESTART IDENTITY CASCADE"))
        assert PG_URL is not None
        return PG_URL
    path = tmp_path / "desk.db"
    shutil.copy(_template_db, path)
    path.chmod(0o600)
    return f"sqlite:///{path}"


@pytest.fixture
def engine(db_url: str) -> Iterator[Engine]:
    engine = make_engine(db_url)
    yield engine
    engine.dispose()


@pytest.fixture
def session(engine: Engine) -> Iterator[Session]:
    with open_session(engine) as session:
        yield session


def _add_user(session: Session, login: str, name: str, role: Role, team: str | None = "東京サポート") -> Actor:
    user = User(login=login, name=name, role=role, team=team)
    session.add(user)
    session.commit()
    return Actor.from_user(user)


@pytest.fixture
def agent(session: Session) -> Actor:
    return _add_user(session, "sato", "佐藤 美咲", Role.AGENT)


@pytest.fixture
def other_agent(session: Session) -> Actor:
    return _add_user(session, "suzuki", "鈴木 健太", Role.AGENT)


@pytest.fixture
def lead(session: Session) -> Actor:
    return _add_user(session, "takahashi", "高橋 由美", Role.LEAD)


@pytest.fixture
def trainer(session: Session) -> Actor:
    return _add_user(session, "ito", "伊藤 翔", Role.TRAINER)


@pytest.fixture
def admin(session: Session) -> Actor:
    return _add_user(session, "admin", "管理者", Role.ADMIN, team=None)
