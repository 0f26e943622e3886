"""Engines, sessions and schema migrations. Nothing here runs at import time: callers build the engine."""

import os
import weakref
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

from alembic import command
from alembic.config import Config
from alembic.runtime.migration import MigrationContext
from alembic.script import ScriptDirectory
from sqlalchemy import Engine, event, make_url
from sqlalchemy.exc import DBAPIError, OperationalError
from sqlalchemy.pool import StaticPool
from sqlmodel import Session, create_engine

from supportdesk import encryption, secrets
from supportdesk.config import ensure_private_dir
from supportdesk.engines_made import note_engine
from supportdesk.errors import StorageError
from supportdesk.i18n import msg
from supportdesk.idle_ping import ping_after_idle

MIGRATIONS_DIR = Path(__file__).parent / "migrations"
SQLITE_BUSY_TIMEOUT_MS = 5000


def _sqlite_pragmas(dbapi_connection: Any, _record: Any) -> None:
    # Stack notes: WAL lets agents read while one writes; without a busy timeout concurrent writers see
    # "database is locked" at once instead of waiting their turn.
    cursor = dbapi_connection.cursor()
    cursor.execute(f"PRAGMA busy_timeout={SQLITE_BUSY_TIMEOUT_MS}")
    cursor.execute("PRAGMA journal_mode=WAL")
    cursor.execute("PRAGMA foreign_keys=ON")
    cursor.execute("PRAGMA synchronous=NORMAL")
    # Deleted and overwritten content is zeroed, not left in free space: an erased person must not stay readable
    # in the file (the desk rarely deletes, so the extra writes cost little).
    cursor.execute("PRAGMA secure_delete=ON")
    cursor.close()


def checkpoint(engine: Engine) -> bool:
    """Fold the WAL into the database file and truncate it (after an erasure: the WAL holds old page copies).

    True when the WAL is empty afterwards; False when another connection still reads an older snapshot (the WAL
    is folded in when it finishes, and removed when the last connection closes). PostgreSQL: nothing to do here.
    """
    if engine.dialect.name != "sqlite":
        return True
    with engine.connect() as connection:
        busy, _log, _done = connection.exec_driver_sql("PRAGMA wal_checkpoint(TRUNCATE)").one()
    return int(busy) == 0


def _create_private_file(path: Path) -> None:
    """Create the SQLite file 0600 before SQLite does (it would use the umask, often 0644)."""
    ensure_private_dir(path.parent)
    if not path.exists():
        fd = os.open(path, os.O_CREAT | os.O_WRONLY, 0o600)
        os.close(fd)
    # A desk made by an older version (or copied in) may be readable by others: SQLite gives its -wal and -shm the
    # database file's mode, so tightening the file first covers them too.
    for suffix in ("", "-wal", "-shm"):
        existing = Path(f"{path}{suffix}")
        if existing.exists() and existing.stat().st_uid == os.getuid() and existing.stat().st_mode & 0o077:
            existing.chmod(0o600)


def _supply_password(_dialect: Any, _record: Any, _cargs: Any, cparams: dict[str, Any]) -> None:
    # The password is never in a URL or a file on disk: it comes from the secret store at connect time. When no
    # source has it, libpq may still find one (~/.pgpass, PGPASSWORD) or need none (peer, trust).
    if not cparams.get("password") and (found := secrets.lookup(secrets.DB_PASSWORD)):
        cparams["password"] = found[0]


def sqlite_path(url: str) -> Path | None:
    """The file behind a SQLite URL, or None for in-memory databases and other backends."""
    parsed = make_url(url)
    if parsed.get_backend_name() != "sqlite" or not parsed.database or parsed.database == ":memory:":
        return None
    return Path(parsed.database).expanduser()


def make_engine(url: str, **kwargs: Any) -> Engine:
    """An engine for any SQLAlchemy URL; SQLite gets WAL, foreign keys, a busy timeout and a 0600 file.

    `sqlite+sqlcipher:///path` is an encrypted desk keyed from the secret `db-key` (see encryption.py).
    PostgreSQL URLs use psycopg 3 (`postgresql+psycopg://`); a bare `postgresql://` is upgraded to it, and the
    password comes from the secret `db-password` when the URL has none.
    """
    parsed = make_url(url)
    backend = parsed.get_backend_name()
    if backend == "postgresql" and parsed.drivername == "postgresql":
        parsed = parsed.set(drivername="postgresql+psycopg")
    if backend == "sqlite":
        path = sqlite_path(url)
        connect_args = {"check_same_thread": False, "timeout": SQLITE_BUSY_TIMEOUT_MS / 1000}
        if path is None:
            kwargs.setdefault("poolclass", StaticPool)
        else:
            _create_private_file(path)
        if encryption.is_encrypted_url(parsed.drivername):
            if path is None:
                raise StorageError(
                    msg("An encrypted desk needs a file: {example}", example="sqlite+sqlcipher:///path/to/desk.db")
                )
            encryption.register()
            kwargs.setdefault("creator", encryption.creator(path, SQLITE_BUSY_TIMEOUT_MS / 1000))
            engine = create_engine(parsed, **kwargs)
        else:
            engine = create_engine(parsed, connect_args=connect_args, **kwargs)
        event.listen(engine, "connect", _sqlite_pragmas)
        note_engine(engine)
        return engine
    # No JIT: a desk's queries are short, and PostgreSQL compiled one whose row estimate passed jit_above_cost
    # (a common family name, the follow-up queue) for 10-30 ms at every call (bench: lookups p95 56 -> 35 ms).
    server_args: dict[str, Any] = dict(kwargs.pop("connect_args", {}))
    given = server_args.get("options") or parsed.query.get("options") or ""
    server_args["options"] = f"{given} -c jit=off".strip()
    parsed = parsed.difference_update_query(["options"])
    engine = create_engine(parsed, connect_args=server_args, **kwargs)
    event.listen(engine, "do_connect", _supply_password)
    if not kwargs.get("pool_pre_ping"):  # a caller who asked for a ping on every checkout gets that instead
        ping_after_idle(engine)
    note_engine(engine)
    return engine


def _alembic_config(connection: Any) -> Config:
    config = Config()
    config.set_main_option("script_location", str(MIGRATIONS_DIR))
    config.attributes["connection"] = connection
    return config


def head_revision() -> str:
    config = Config()
    config.set_main_option("script_location", str(MIGRATIONS_DIR))
    head = ScriptDirectory.from_config(config).get_current_head()
    assert head is not None
    return head


def current_revision(engine: Engine) -> str | None:
    with engine.connect() as connection:
        return MigrationContext.configure(connection).get_current_revision()


def migrate(engine: Engine, revision: str = "head") -> None:
    """Move the schema to `revision` (the app calls this on start, so an older desk is upgraded).

    SQLite alters most tables by rebuilding them (create a copy, drop, rename), which its foreign-key checks
    refuse while other tables point at rows; so the checks are off during the migration and every reference is
    verified before it commits.
    """
    with translate_errors(), engine.connect() as connection:
        sqlite = connection.dialect.name == "sqlite"
        if sqlite:
            connection.exec_driver_sql("PRAGMA foreign_keys=OFF")  # a no-op inside a transaction
            connection.commit()
        try:
            with connection.begin():
                config = _alembic_config(connection)
                if revision != "head" and _is_downgrade(connection, revision):
                    command.downgrade(config, revision)
                else:
                    command.upgrade(config, revision)
                if sqlite:
                    broken = connection.exec_driver_sql("PRAGMA foreign_key_check").fetchall()
                    if broken:
                        raise StorageError(msg("The migration would leave broken references: {rows}", rows=broken[:5]))
        finally:
            if sqlite:
                connection.exec_driver_sql("PRAGMA foreign_keys=ON")
                connection.commit()


def _is_downgrade(connection: Any, revision: str) -> bool:
    current = MigrationContext.configure(connection).get_current_revision()
    if current is None:
        return False
    if revision == "base":
        return True
    script = ScriptDirectory.from_config(_alembic_config(connection))
    # The target is below the current revision when it appears among the current revision's ancestors.
    return any(rev.revision == revision for rev in script.iterate_revisions(current, "base")) and current != revision


def needs_migration(engine: Engine) -> bool:
    return current_revision(engine) != head_revision()


class WriteInReadOnlyCall(RuntimeError):
    """A desk call marked as only reading sent a statement that changes something: a bug in the desk, not input."""


_READING = ("SELECT", "WITH", "SHOW")
# The execution option that lets the record of a look through on the reading engine (audit.insert_view): one
# INSERT into the audit log, a transaction by itself, and nothing else.
RECORDS_A_LOOK = "records_a_look"


def _refuse_writes(_conn: Any, _cursor: Any, statement: str, _parameters: Any, context: Any, *_: Any) -> None:
    first = statement.lstrip().split(None, 1)[0].upper() if statement.strip() else ""
    if first in _READING:
        return
    if context is not None and context.execution_options.get(RECORDS_A_LOOK) and _is_audit_insert(statement):
        return
    raise WriteInReadOnlyCall(f"a read-only call sent {first}: mark it as a call that writes")


def _is_audit_insert(statement: str) -> bool:
    return statement.lstrip().upper().startswith("INSERT INTO AUDIT_EVENT ")


def _commit_without_waiting(dbapi_connection: Any, _record: Any) -> None:
    # The only commits on a reading connection are records of looks (audit.insert_view), which do not wait for
    # their WAL to reach the disk: PostgreSQL still writes it within wal_writer_delay, and a server crash in
    # between may lose a record, never corrupt anything. The embedded desk makes that trade for every commit
    # (SQLite WAL with synchronous=NORMAL); changes to tickets and people, on the other engine, keep waiting.
    # Set once per connection, not per record: a SET LOCAL needs a transaction, four round trips (issue 20).
    autocommit = dbapi_connection.autocommit
    dbapi_connection.autocommit = True
    dbapi_connection.execute("SET synchronous_commit TO off")
    dbapi_connection.autocommit = autocommit


# Each engine's reading engine, made once: every Desk on an engine shares its connections for reads.
_READERS: "weakref.WeakKeyDictionary[Engine, Engine]" = weakref.WeakKeyDictionary()


def reading_engine(engine: Engine) -> Engine:
    """`engine` for calls that only read. On PostgreSQL its sessions run outside a transaction (autocommit): under
    READ COMMITTED, the level every other call uses, each statement already sees what was committed before it, so
    the answers are the same, without a BEGIN and a ROLLBACK per session (round trips over the network, issue 20).
    A statement that would change anything is refused (WriteInReadOnlyCall), so a call that writes cannot be marked
    as reading by mistake and commit statement by statement; the one exception is the record of a look at personal
    data (`RECORDS_A_LOOK`), a single INSERT that needs no transaction around it. SQLite reads in-process: `engine`
    itself.

    On PostgreSQL the reads have connections of their own (a pool made like `engine`'s: the same server, password,
    options and idle ping), disposed with `engine`. psycopg prepares a statement on the server after its fifth run
    on a connection and forgets every one at a ROLLBACK; connections that only ever read outside a transaction never
    roll back, so a lookup or an open runs prepared, where sharing the pool with the calls that do roll back (the
    account check, the heartbeat) lost them every few seconds. The cost: up to twice the server connections per app.
    """
    if engine.dialect.name != "postgresql":
        return engine
    reader = _READERS.get(engine)
    if reader is None:
        # recreate(): a pool with the same creator (server, password, options) and listeners (the idle ping).
        reader = create_engine(engine.url, pool=engine.pool.recreate(), isolation_level="AUTOCOMMIT")
        event.listen(reader, "before_cursor_execute", _refuse_writes)
        event.listen(reader.pool, "connect", _commit_without_waiting)
        event.listen(engine, "engine_disposed", lambda _engine: reader.dispose())
        _READERS[engine] = reader
    return reader


def open_session(engine: Engine) -> Session:
    # Loaded objects stay usable after commit: services return read models built from them.
    return Session(engine, expire_on_commit=False)


@contextmanager
def translate_errors() -> Iterator[None]:
    """Turn driver failures into a StorageError a person can act on."""
    try:
        yield
    except OperationalError as exc:
        text = str(exc.orig).lower() if exc.orig else str(exc).lower()
        if "password" in text:
            raise StorageError(
                msg(
                    "The database refused the sign-in ({detail}); store the password with "
                    "`supportdesk secret set db-password` or set SUPPORTDESK_SECRET_DB_PASSWORD.",
                    detail=exc.orig,
                )
            ) from exc
        if "locked" in text or "busy" in text:
            raise StorageError(
                msg("The database is busy (another program holds a write lock). Nothing was saved; try again.")
            ) from exc
        if "unable to open" in text or "no such file" in text:
            raise StorageError(msg("Cannot open the database: {detail}", detail=exc.orig)) from exc
        if "could not connect" in text or "connection refused" in text or "connection failed" in text:
            raise StorageError(msg("Cannot reach the database server: {detail}", detail=exc.orig)) from exc
        raise StorageError(msg("Database error: {detail}", detail=exc.orig)) from exc
    except DBAPIError as exc:
        if exc.connection_invalidated:
            raise StorageError(msg("The database connection was lost; try again.")) from exc
        if "file is not a database" in str(exc.orig):
            # Also what an encrypted desk looks like to plain SQLite.
            raise StorageError(
                msg("The file is not a SupportDesk database, or it is encrypted (open it as sqlite+sqlcipher:///path).")
            ) from exc
        raise
