"""Units of work: committing with the database's failures turned into typed errors, and reading one snapshot."""

from collections.abc import Callable

from sqlalchemy.orm.exc import StaleDataError
from sqlmodel import Session

from supportdesk.db import translate_errors
from supportdesk.errors import Conflict
from supportdesk.i18n import Readable


def _guarded(session: Session, write: Callable[[], None], on_stale: Callable[[], Readable]) -> None:
    try:
        with translate_errors():
            write()
    except StaleDataError as exc:
        session.rollback()
        raise Conflict(on_stale()) from exc
    except BaseException:
        session.rollback()
        raise


def commit(session: Session, on_stale: Callable[[], Readable]) -> None:
    """Commit, or roll back and raise Conflict when another session changed a versioned row first."""
    _guarded(session, session.commit, on_stale)


def flush(session: Session, on_stale: Callable[[], Readable]) -> None:
    """Write early (to learn a new row's id) with the same guarantees as `commit`.

    The first write is where SQLite takes its lock and where a row changed by someone else is detected, so a
    bare `session.flush()` would let a locked database or a stale ticket escape as a raw SQLAlchemy error.
    """
    _guarded(session, session.flush, on_stale)


def read_snapshot(session: Session) -> None:
    """Make the rest of the session's transaction read one snapshot of the database (call before its first read).

    Several reads that must agree (a queue and the counts on its tabs) would otherwise each see the latest commit:
    Python's sqlite3 opens no transaction for a SELECT, and PostgreSQL's READ COMMITTED takes a snapshot per
    statement. SQLite keeps a read transaction's snapshot (WAL) until it ends; PostgreSQL's REPEATABLE READ
    keeps the first statement's.
    """
    if session.get_bind().dialect.name == "postgresql":
        session.connection(execution_options={"isolation_level": "REPEATABLE READ"})
    else:
        session.connection().exec_driver_sql("BEGIN")
