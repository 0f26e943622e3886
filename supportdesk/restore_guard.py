"""What `restore` checks so that a backup file cannot be used against the desk it replaces.

- The schema of the backup, once migrated, must be exactly the one a fresh desk gets: an extra trigger (one that
  deletes new audit rows, say), view, table or index is refused.
- Accounts are security state, not data: users who exist on the desk being replaced keep their current password,
  role and active flag; a password hash only the backup has is dropped (an administrator sets a new password). A
  hash swapped into a backup therefore never signs anyone in.
- No other process may have the desk open: its writes would go to the replaced file and be lost without a word.
  SQLite holds a shared lock on one byte of the `-shm` file for every process that has a WAL database open (the
  "dead man switch" SQLite itself uses to find the last connection); restore takes it exclusively and holds it
  until the new file is in place, so nobody can open the desk meanwhile either.
"""

import fcntl
import functools
import os
import re
import sqlite3
import tempfile
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

from supportdesk.db import head_revision, make_engine, migrate
from supportdesk.errors import Invalid, NotAllowed
from supportdesk.i18n import msg

# Byte offset of the dead-man-switch lock in SQLite's -shm file (unix VFS: UNIX_SHM_BASE 120 + SQLITE_SHM_NLOCK 8).
_SHM_DMS_BYTE = 128
_SPACE = re.compile(r"\s+")


def _table_shape(connection: Any, table: str) -> str:
    """A table's columns, foreign keys and unique constraints, in an order that does not depend on how it was
    built (a batch migration recreates a table with its constraints in another order)."""
    quoted = table.replace('"', '""')
    columns = connection.execute(f'PRAGMA table_xinfo("{quoted}")').fetchall()
    keys = sorted(tuple(row[2:]) for row in connection.execute(f'PRAGMA foreign_key_list("{quoted}")'))
    indexes = sorted(
        (unique, origin, partial, tuple(c[2] for c in connection.execute(f'PRAGMA index_info("{name}")')))
        for _seq, name, unique, origin, partial in connection.execute(f'PRAGMA index_list("{quoted}")')
        if origin != "c"  # indexes made by CREATE INDEX are compared as schema objects of their own
    )
    return repr((columns, keys, indexes))


def _objects(connection: Any) -> set[tuple[str, str, str, str]]:
    """Every table, index, trigger and view: tables by their shape, the others by their SQL."""
    rows = connection.execute(
        "SELECT type, name, tbl_name, coalesce(sql, '') FROM sqlite_master WHERE name NOT LIKE 'sqlite_%'"
    ).fetchall()
    return {
        (kind, name, table, _table_shape(connection, name) if kind == "table" else _SPACE.sub(" ", sql).strip())
        for kind, name, table, sql in rows
    }


@functools.cache
def _reference_schema(revision: str) -> frozenset[tuple[str, str, str, str]]:
    """The schema a desk freshly migrated to `revision` has (built once per process in a temporary file)."""
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / "reference.db"
        engine = make_engine(f"sqlite:///{path}")
        try:
            migrate(engine, revision)
        finally:
            engine.dispose()
        connection = sqlite3.connect(path)
        try:
            return frozenset(_objects(connection))
        finally:
            connection.close()


def check_schema(connection: Any, source: Path) -> None:
    """Refuse a (migrated) backup whose tables, indexes, triggers or views differ from a fresh desk's."""
    found = _objects(connection)
    expected = _reference_schema(head_revision())
    extra = sorted(f"{kind} {name}" for kind, name, _table, _sql in found - expected)
    missing = sorted(f"{kind} {name}" for kind, name, _table, _sql in expected - found)
    if extra or missing:
        what = ", ".join(extra + missing)
        raise Invalid(str(source), msg("the backup's schema was changed ({what}); it is not restored", what=what))


Accounts = dict[str, tuple[str | None, str, int]]  # login -> (password hash, role, active)


def read_accounts(connection: Any) -> Accounts:
    """The accounts of the desk being replaced (read before `desk_held`: see there)."""
    return {
        login: (password_hash, role, int(active))
        for login, password_hash, role, active in connection.execute(
            'SELECT login, password_hash, role, active FROM "user"'
        )
    }


def check_restorer(accounts: Accounts, login: str | None, target: Path) -> None:
    """Replacing a desk is its administrators' decision: `login` must be an active admin of the desk at `target`."""
    account = accounts.get(login or "")
    if account is None or account[1] != "admin" or not account[2]:
        raise NotAllowed(
            msg(
                "A desk already exists at {path}: only one of its administrators may replace it. "
                "Sign in to it as an administrator (--user, SUPPORTDESK_PASSWORD), then restore.",
                path=str(target),
            )
        )


def carry_over_accounts(restored: Any, accounts: Accounts | None) -> int:
    """Give the restored desk's users the password, role and active flag they have on the desk being replaced;
    drop password hashes only the backup has. Returns how many users now need a new password."""
    needs_password = 0
    for user_id, login, password_hash in restored.execute('SELECT id, login, password_hash FROM "user"').fetchall():
        if accounts is not None and login in accounts:
            kept_hash, role, active = accounts[login]
            restored.execute(
                'UPDATE "user" SET password_hash = ?, role = ?, active = ? WHERE id = ?',
                (kept_hash, role, active, user_id),
            )
        elif password_hash is not None and accounts is not None:
            restored.execute('UPDATE "user" SET password_hash = NULL WHERE id = ?', (user_id,))
            needs_password += 1
    restored.commit()
    return needs_password


@contextmanager
def desk_held(path: Path) -> Iterator[None]:
    """Hold the desk so no other process has it open or opens it meanwhile; NotAllowed if one has it open.

    Call with no connection of this process open on the desk: POSIX locks are per process, and closing any file
    descriptor on the -shm file would drop this process's own SQLite locks on it.
    """
    shm = Path(f"{path}-shm")
    if not path.exists():
        yield
        return
    fd = os.open(shm, os.O_RDWR | os.O_CREAT, 0o600)
    try:
        try:
            fcntl.lockf(fd, fcntl.LOCK_EX | fcntl.LOCK_NB, 1, _SHM_DMS_BYTE, os.SEEK_SET)
        except OSError:
            raise NotAllowed(
                msg(
                    "The desk at {path} is open in another program (the app, a command, a script): close it first, "
                    "then restore. Restoring now would lose what it writes afterwards.",
                    path=str(path),
                )
            ) from None
        yield
    finally:
        os.close(fd)
