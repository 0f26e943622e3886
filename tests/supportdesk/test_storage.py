"""保存: the database file, its settings, its schema versions, and what happens when it is busy."""

import os
import sqlite3
import stat
import sys
from collections.abc import Iterator
from datetime import UTC, datetime
from pathlib import Path

import pytest
from alembic import command
from alembic.autogenerate import compare_metadata
from alembic.config import Config
from alembic.runtime.migration import MigrationContext
from alembic.script import ScriptDirectory
from sqlalchemy import Column, Engine, MetaData, Table, event, insert, inspect
from sqlalchemy.exc import IntegrityError
from sqlalchemy.pool import StaticPool
from sqlmodel import SQLModel, select

import supportdesk.db
from supportdesk.db import (
    MIGRATIONS_DIR,
    current_revision,
    head_revision,
    make_engine,
    migrate,
    needs_migration,
    open_session,
    sqlite_path,
)
from supportdesk.errors import StorageError
from supportdesk.models import Customer, Role, Status, Ticket, User
from supportdesk.models.base import on_backend
from supportdesk.services.actor import Actor
from supportdesk.services.customers import CustomerCreate, create_customer, update_customer
from supportdesk.services.ticket_queries import TicketFilter, TicketSort, get_ticket, list_tickets
from supportdesk.services.tickets import TicketCreate, add_entry, change_status, create_ticket
from tests.conftest import PG_URL
from tests.supportdesk import factories
from tests.waiting import run_process

sqlite_only = pytest.mark.skipif(bool(PG_URL), reason="SQLite file behaviour")


def _mode(path: Path) -> int:
    return stat.S_IMODE(path.stat().st_mode)


@pytest.fixture
def loose_umask() -> Iterator[None]:
    """The common default umask (files 0644): the desk must not rely on a strict one to keep data private."""
    old = os.umask(0o022)
    yield
    os.umask(old)


def _alembic(connection) -> Config:
    config = Config()
    config.set_main_option("script_location", str(MIGRATIONS_DIR))
    config.attributes["connection"] = connection
    return config


def _revisions_oldest_first() -> list[str]:
    script = ScriptDirectory.from_config(_alembic(None))
    return [rev.revision for rev in reversed(list(script.walk_revisions()))]


def _table_as_it_was(connection, model: type) -> Table:
    """The model's table with only the columns an older schema has, to write rows the way that version did."""
    name = model.__table__.name
    present = {column["name"] for column in inspect(connection).get_columns(name)}
    return Table(name, MetaData(), *(Column(c.name, c.type) for c in model.__table__.c if c.name in present))


def _downgrade(engine: Engine, revision: str) -> None:
    with engine.begin() as connection:
        command.downgrade(_alembic(connection), revision)


# --- the SQLite file ------------------------------------------------------------------------------------------


@sqlite_only
def test_sqlite_runs_with_wal_foreign_keys_and_a_busy_timeout(engine):
    with engine.connect() as connection:
        pragma = {
            name: connection.exec_driver_sql(f"PRAGMA {name}").scalar()
            for name in ("journal_mode", "foreign_keys", "busy_timeout", "synchronous")
        }
    assert pragma == {"journal_mode": "wal", "foreign_keys": 1, "busy_timeout": 5000, "synchronous": 1}


def test_a_ticket_for_a_customer_who_does_not_exist_is_refused_by_the_database(session, agent):
    session.add(Ticket(customer_id=4242, subject="孤児", received_at=datetime.now(UTC)))
    with pytest.raises(IntegrityError):
        session.commit()
    session.rollback()


@sqlite_only
def test_a_new_desk_file_is_private_to_its_owner(tmp_path, loose_umask):
    folder = tmp_path / "fresh" / "supportdesk"
    path = folder / "desk.db"
    engine = make_engine(f"sqlite:///{path}")
    try:
        assert _mode(folder) == 0o700
        assert _mode(path) == 0o600
        migrate(engine)
        with open_session(engine) as session:
            session.add(User(login="sato", name="佐藤", role=Role.AGENT))
            session.commit()
            # The write-ahead log holds the newest personal data until a checkpoint: it must be private too.
            for sidecar in (Path(f"{path}-wal"), Path(f"{path}-shm")):
                assert sidecar.exists()
                assert _mode(sidecar) == 0o600, sidecar.name
    finally:
        engine.dispose()


@sqlite_only
def test_an_existing_desk_file_keeps_its_data_when_opened_again(tmp_path):
    url = f"sqlite:///{tmp_path / 'desk.db'}"
    first = make_engine(url)
    migrate(first)
    with open_session(first) as session:
        session.add(User(login="sato", name="佐藤", role=Role.AGENT))
        session.commit()
    first.dispose()
    again = make_engine(url)
    migrate(again)
    with open_session(again) as session:
        assert session.exec(select(User.login)).all() == ["sato"]
    again.dispose()


def test_an_in_memory_desk_is_one_database_for_every_session():
    engine = make_engine("sqlite://")
    assert isinstance(engine.pool, StaticPool)
    migrate(engine)
    with open_session(engine) as one:
        one.add(User(login="sato", name="佐藤", role=Role.AGENT))
        one.commit()
    with open_session(engine) as two:
        assert two.exec(select(User.login)).all() == ["sato"]
    engine.dispose()


def test_a_plain_postgresql_url_uses_psycopg_3_and_pings_only_idle_connections():
    engine = make_engine("postgresql://desk@db.example.invalid/supportdesk")
    assert engine.url.drivername == "postgresql+psycopg"
    assert not engine.pool._pre_ping  # not a round trip per call: tests/supportdesk/test_idle_ping.py
    engine.dispose()


@pytest.mark.parametrize(
    ("url", "path"),
    [
        ("sqlite:///desk.db", Path("desk.db")),
        ("sqlite:////var/lib/desk.db", Path("/var/lib/desk.db")),
        ("sqlite://", None),
        ("sqlite:///:memory:", None),
        ("postgresql://desk@localhost/supportdesk", None),
    ],
)
def test_the_file_behind_a_database_url(url, path):
    assert sqlite_path(url) == path


def test_importing_the_desk_creates_no_engine_and_touches_no_file(tmp_path):
    data = tmp_path / "untouched"
    program = """
import gc, importlib, pkgutil, sys
import supportdesk, supportdesk.services
for package in (supportdesk, supportdesk.services):
    for info in pkgutil.iter_modules(package.__path__, package.__name__ + "."):
        if info.name.split(".")[-1] not in ("migrations", "cli", "demo"):
            importlib.import_module(info.name)
import supportdesk.models
from sqlalchemy import Engine
engines = [o for o in gc.get_objects() if isinstance(o, Engine)]
print(len(engines), "supportdesk.db" in sys.modules, "supportdesk.services.tickets" in sys.modules)
"""
    env = {**os.environ, "SUPPORTDESK_DATA_DIR": str(data), "SUPPORTDESK_CONFIG_DIR": str(tmp_path / "config")}
    done = run_process([sys.executable, "-c", program], env=env)
    assert done.returncode == 0, done.stderr
    assert done.stdout.split() == ["0", "True", "True"]
    assert not data.exists()


# --- schema versions ------------------------------------------------------------------------------------------


def test_a_migrated_desk_is_at_the_newest_schema(engine):
    assert current_revision(engine) == head_revision() == _revisions_oldest_first()[-1]
    assert not needs_migration(engine)


@sqlite_only
def test_an_empty_file_is_recognised_as_needing_the_schema_and_gets_it(tmp_path):
    engine = make_engine(f"sqlite:///{tmp_path / 'new.db'}")
    assert current_revision(engine) is None
    assert needs_migration(engine)
    migrate(engine)
    assert current_revision(engine) == head_revision()
    assert {t.name for t in SQLModel.metadata.sorted_tables} <= set(inspect(engine).get_table_names())
    engine.dispose()


def test_the_schema_goes_down_to_nothing_and_back_up_one_version_at_a_time(engine):
    _downgrade(engine, "base")
    assert current_revision(engine) is None
    assert set(inspect(engine).get_table_names()) <= {"alembic_version"}
    for revision in _revisions_oldest_first():
        migrate(engine, revision)
        assert current_revision(engine) == revision
    assert not needs_migration(engine)


def test_a_desk_from_the_first_release_is_upgraded_and_keeps_its_data(engine):
    first = _revisions_oldest_first()[0]
    _downgrade(engine, first)
    now = datetime.now(UTC)
    with engine.begin() as connection:
        for model, values in (
            (User, {"login": "sato", "name": "佐藤", "role": "agent", "active": True, "created_at": now}),
            (
                Customer,
                {
                    "full_name": "山田 太郎",
                    "rank": "new",
                    "contact_consent": False,
                    "is_decision_maker": False,
                    "name_key": "山田太郎",
                    "kana_key": "",
                    "email_key": "",
                    "phone_key": "0312345678",
                    "mobile_key": "",
                    "created_at": now,
                    "updated_at": now,
                    "version": 1,
                },
            ),
            (
                Ticket,
                {
                    "customer_id": 1,
                    "channel": "phone",
                    "inquiry_type": "question",
                    "subject": "旧版からの問い合わせ",
                    "priority": "normal",
                    "status": "new",
                    "received_at": now,
                    "created_at": now,
                    "updated_at": now,
                    "version": 1,
                },
            ),
        ):
            connection.execute(insert(_table_as_it_was(connection, model)).values(**values))

    migrate(engine)

    assert current_revision(engine) == head_revision()
    with open_session(engine) as session:
        agent = Actor.from_user(session.exec(select(User)).one())
        detail = get_ticket(session, agent, 1)
        assert (detail.row.subject, detail.customer.full_name) == ("旧版からの問い合わせ", "山田 太郎")
        assert session.get(Ticket, 1).is_exemplary is False
        # Keys added later are filled in for the people already on the desk: the caller is found by 下4桁.
        assert session.get(Customer, 1).phone_tail == "5678"
        # The upgraded desk takes new work like any other.
        change_status(session, agent, 1, Status.OPEN)


def test_the_migrations_describe_exactly_the_models(engine):
    """Autogenerate against a migrated desk finds nothing to do: no model change is missing a migration."""
    with engine.connect() as connection:
        opts = {
            "compare_type": True,
            "compare_server_default": False,
            "include_object": on_backend(connection.dialect.name),  # each backend's own indexes
        }
        context = MigrationContext.configure(connection, opts=opts)
        drift = compare_metadata(context, SQLModel.metadata)
    assert drift == []


@sqlite_only
@pytest.mark.parametrize("sort", list(TicketSort))
def test_a_page_of_all_open_tickets_is_chosen_from_an_index_alone_in_every_sort(engine, session, agent, sort):
    """The page is picked by reading every open ticket's sort key (123k on the benchmark desk). Read from the rows,
    the received / priority / due sorts took 125-150 ms there; from an index holding the key, 16-58 ms."""
    statements: list[tuple[str, object]] = []

    def record(conn, cursor, statement, parameters, context, executemany) -> None:
        statements.append((statement, parameters))

    event.listen(engine, "before_cursor_execute", record)
    try:
        list_tickets(session, agent, TicketFilter(open_only=True), sort=sort, descending=sort != TicketSort.DUE)
    finally:
        event.remove(engine, "before_cursor_execute", record)
    sql, parameters = next(s for s in statements if "sort_key" in s[0])
    with engine.connect() as connection:
        plan = [row[3] for row in connection.exec_driver_sql(f"EXPLAIN QUERY PLAN {sql}", parameters)]
    choosing_the_page = next(step for step in plan if step.startswith(("SEARCH ticket", "SCAN ticket")))
    if sort in (TicketSort.PRIORITY, TicketSort.DUE):
        # The page in order off the stored key's partial index (migration 0016): no sort of every open ticket, and
        # only the page's rows read (SQLite computes the virtual column from the row it reads).
        index = f"ix_ticket_open_{sort}"
        assert index in choosing_the_page and "TEMP B-TREE" not in plan[plan.index(choosing_the_page) + 1], plan
    else:
        assert "COVERING INDEX" in choosing_the_page, plan


# --- a busy database ------------------------------------------------------------------------------------------


@pytest.fixture
def quick_to_give_up(monkeypatch) -> None:
    # The real five seconds would make the test slow; the behaviour is the same.
    monkeypatch.setattr(supportdesk.db, "SQLITE_BUSY_TIMEOUT_MS", 100)


def _try(name: str, session, actor: Actor, customer_id: int, number: int) -> object:
    if name == "create customer":
        return create_customer(session, actor, CustomerCreate(full_name="新規 顧客", phone="06-1111-2222"))
    if name == "correct customer":
        return update_customer(session, actor, customer_id, {"full_name": "山田 太朗"})
    if name == "create ticket":
        return create_ticket(session, actor, TicketCreate(customer_id=customer_id, subject="至急"))
    if name == "first reply":
        return add_entry(session, actor, number, "reply", "お待たせしました")
    if name == "resolve":
        return change_status(session, actor, number, Status.RESOLVED, reason="解決")
    raise AssertionError(name)


@sqlite_only
@pytest.mark.parametrize("name", ["create customer", "correct customer", "create ticket", "first reply", "resolve"])
def test_a_locked_database_is_reported_plainly_and_nothing_is_lost(db_url, quick_to_give_up, name):
    engine = make_engine(db_url)
    with open_session(engine) as session:
        user = User(login="sato", name="佐藤", role=Role.AGENT)
        session.add(user)
        session.commit()
        agent = Actor.from_user(user)
        customer_id = factories.customer(session, agent)
        number = factories.ticket(session, agent, customer_id)
        before = (*factories.history_counts(session), factories.count(session, Customer))

        other_program = sqlite3.connect(str(sqlite_path(db_url)), isolation_level=None)
        other_program.execute("BEGIN IMMEDIATE")  # another process holds the write lock
        try:
            with pytest.raises(StorageError) as refused:
                _try(name, session, agent, customer_id, number)
        finally:
            other_program.execute("ROLLBACK")
            other_program.close()

        assert "busy" in str(refused.value) and "Nothing was saved" in str(refused.value)
        assert refused.value.exit_code == 6
        assert (*factories.history_counts(session), factories.count(session, Customer)) == before
        assert session.get(Ticket, number, populate_existing=True).status == Status.NEW
        # Once the other program lets go, the agent simply tries again in the same session.
        _try(name, session, agent, customer_id, number)
        assert (*factories.history_counts(session), factories.count(session, Customer)) != before
    engine.dispose()
