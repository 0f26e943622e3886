"""Only one service instance acts per desk; the others wait as standbys and take over when it dies.

PostgreSQL: a session-level advisory lock held on a connection kept open for the instance's life. The server
releases it when that connection ends — at once when the process is killed (the kernel closes its socket), and
within about a minute when its machine vanishes (TCP keepalives set on the connection). SQLite: an exclusive
`flock` on a file beside the database, which the kernel releases when the process ends however it ends.
"""

import contextlib
import hashlib
from pathlib import Path
from typing import Protocol

from filelock import FileLock, Timeout
from sqlalchemy import Connection, Engine, text
from sqlalchemy.exc import DBAPIError

from supportdesk.db import sqlite_path

# One advisory lock key for "the desk service" (advisory locks are per database, so one per desk).
LOCK_KEY = int.from_bytes(hashlib.sha256(b"supportdesk.service").digest()[:8], "big", signed=True)
# A vanished machine's connection is found dead after idle + interval * count seconds (about 40 s).
KEEPALIVE = {"tcp_keepalives_idle": 20, "tcp_keepalives_interval": 5, "tcp_keepalives_count": 4}


class Leadership(Protocol):
    def try_take(self) -> bool:
        """Become the active instance if nobody is; True when this instance is (or already was) active."""
        ...

    def holds(self) -> bool:
        """Whether this instance is still the active one (a lost database connection loses the lock)."""
        ...

    def release(self) -> None: ...


class AdvisoryLock:
    def __init__(self, engine: Engine) -> None:
        self.engine = engine
        self.connection: Connection | None = None
        self.held = False

    def _connect(self) -> Connection:
        if self.connection is None:
            connection = self.engine.connect().execution_options(isolation_level="AUTOCOMMIT")
            for name, value in KEEPALIVE.items():
                connection.execute(text(f"SET {name} = {int(value)}"))
            self.connection = connection
        return self.connection

    def _lost(self) -> None:
        if self.connection is not None:
            try:
                self.connection.invalidate()
                self.connection.close()
            except DBAPIError:
                pass
        self.connection = None
        self.held = False

    def try_take(self) -> bool:
        if self.held:
            return self.holds()
        try:
            got = self._connect().execute(text("SELECT pg_try_advisory_lock(:key)"), {"key": LOCK_KEY}).scalar()
        except DBAPIError:
            self._lost()
            return False
        self.held = bool(got)
        return self.held

    def holds(self) -> bool:
        if not self.held or self.connection is None:
            return False
        try:
            self.connection.execute(text("SELECT 1"))
        except DBAPIError:
            self._lost()  # the server ended the session, and with it the lock
            return False
        return True

    def release(self) -> None:
        if self.connection is not None and self.held:
            with contextlib.suppress(DBAPIError):
                self.connection.execute(text("SELECT pg_advisory_unlock(:key)"), {"key": LOCK_KEY})
        if self.connection is not None:
            self.connection.close()
        self.connection = None
        self.held = False


class LockFile:
    def __init__(self, path: Path) -> None:
        self.path = path
        self.lock = FileLock(str(path), timeout=0, mode=0o600)

    def try_take(self) -> bool:
        if self.lock.is_locked:
            return True
        try:
            self.lock.acquire()
        except Timeout:
            return False
        return True

    def holds(self) -> bool:
        return self.lock.is_locked

    def release(self) -> None:
        if self.lock.is_locked:
            self.lock.release()


def lock_file_for(db_path: Path) -> Path:
    """The lock beside a SQLite desk: `<name>.service.lock`."""
    return db_path.with_name(db_path.name + ".service.lock")


def leadership_for(engine: Engine) -> Leadership:
    url = engine.url.render_as_string(hide_password=False)
    path = sqlite_path(url)
    if path is not None:
        return LockFile(lock_file_for(path))
    if engine.dialect.name == "postgresql":
        return AdvisoryLock(engine)
    raise ValueError(f"no service lock for {engine.dialect.name}")
