"""Committing a unit of work, with the database's failures turned into the desk's typed errors."""

from collections.abc import Callable

from sqlalchemy.orm.exc import StaleDataError
from sqlmodel import Session

from supportdesk.db import translate_errors
from supportdesk.errors import Conflict


def commit(session: Session, on_stale: Callable[[], str]) -> None:
    """Commit, or roll back and raise Conflict when another session changed a versioned row first."""
    try:
        with translate_errors():
            session.commit()
    except StaleDataError as exc:
        session.rollback()
        raise Conflict(on_stale()) from exc
    except BaseException:
        session.rollback()
        raise
