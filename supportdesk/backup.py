"""Backing up a desk while it is in use, and restoring a backup into an empty place.

SQLite only: the online backup API copies pages from one read snapshot, so agents keep working meanwhile and the
copy is consistent. A PostgreSQL desk is backed up with the server's own tools (pg_dump / pg_restore); the
commands say so instead of failing on a URL they cannot copy.
"""

import getpass
import os
import shutil
import sqlite3
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from alembic.config import Config
from alembic.script import ScriptDirectory
from sqlalchemy import Engine, func, make_url
from sqlmodel import select

from search_index import SearchIndex
from supportdesk import encryption, restore_guard
from supportdesk.config import ensure_private_dir, index_dir_for
from supportdesk.db import (
    MIGRATIONS_DIR,
    SQLITE_BUSY_TIMEOUT_MS,
    current_revision,
    make_engine,
    migrate,
    open_session,
    sqlite_path,
    translate_errors,
)
from supportdesk.errors import Invalid, NotAllowed, NotFound, StorageError
from supportdesk.i18n import N_, msg
from supportdesk.models import Ticket
from supportdesk.services import audit, search
from supportdesk.services.actor import Action, Actor, require

# Pages per step of the online backup: small enough for a smooth progress bar, large enough to stay fast.
STEP_PAGES = 256
COPY_CHUNK = 1 << 20
# Tables every SupportDesk schema has had since the first migration.
CORE_TABLES = frozenset({"alembic_version", "user", "customer", "ticket", "ticket_entry", "audit_event"})
SIDECARS = ("-wal", "-shm", "-journal")

PG_BACKUP_HINT = msg(
    "a PostgreSQL desk is backed up with pg_dump, e.g. `pg_dump --format=custom --file desk.dump "
    "'postgresql://desk@dbhost/supportdesk'`, and restored with pg_restore into an empty database; give pg_dump "
    "the password through ~/.pgpass (mode 0600). See README, Security."
)

Progress = Callable[[int, int], None]
StageProgress = Callable[[str, int, int], None]


@dataclass(frozen=True)
class BackupResult:
    path: Path
    pages: int
    size: int
    revision: str | None
    encrypted: bool


@dataclass(frozen=True)
class RestoreResult:
    path: Path
    revision_before: str
    revision_after: str
    tickets: int
    indexed: int
    users_needing_a_password: int = 0


def sqlite_file_of(url: str, action: str) -> Path:
    """The desk file behind `url`, or a clear Invalid for PostgreSQL (pg_dump) and in-memory desks."""
    path = sqlite_path(url)
    if path is not None:
        return path.resolve()
    if make_url(url).get_backend_name() == "postgresql":
        raise Invalid(action, PG_BACKUP_HINT)
    raise Invalid(action, msg("only a desk kept in a SQLite file can be backed up or restored by SupportDesk"))


def _new_private_file(path: Path) -> None:
    # Created 0600 before SQLite or a copy writes a byte: the umask never gets a chance to widen it.
    os.close(os.open(path, os.O_CREAT | os.O_EXCL | os.O_WRONLY, 0o600))


def _remove_with_sidecars(path: Path) -> None:
    for suffix in ("", *SIDECARS):
        Path(f"{path}{suffix}").unlink(missing_ok=True)


def _driver_errors(encrypted: bool) -> tuple[type[Exception], ...]:
    # sqlcipher3 has its own exception classes, unrelated to sqlite3's.
    return (sqlite3.Error, encryption.load_sqlcipher().Error) if encrypted else (sqlite3.Error,)


def _connect(path: Path, encrypted: bool) -> Any:
    """A raw DBAPI connection (keyed for an encrypted desk) without the engine's pragmas."""
    if encrypted:
        return encryption.connect(path, SQLITE_BUSY_TIMEOUT_MS / 1000)
    return sqlite3.connect(path, timeout=SQLITE_BUSY_TIMEOUT_MS / 1000)


def backup_desk(
    engine: Engine, actor: Actor, dest: Path, *, force: bool = False, progress: Progress | None = None
) -> BackupResult:
    """Copy the live desk to `dest` (0600, encrypted with the same key when the desk is) and audit it.

    The copy is written beside `dest` and renamed into place when complete, so a failed or interrupted backup
    never leaves a half file under the name a person will later restore from.
    """
    require(actor, Action.BACKUP)
    url = engine.url.render_as_string(hide_password=False)
    source_path = sqlite_file_of(url, N_("backup"))
    encrypted = encryption.is_encrypted_url(engine.url.drivername)
    dest = dest.expanduser().resolve()
    if dest == source_path or dest.name.startswith(source_path.name + "-"):
        raise Invalid(str(dest), msg("that is the desk itself; choose another file for the backup"))
    if dest.exists() and not force:
        raise NotAllowed(msg("{path} already exists; choose another name, or pass --force to replace it.", path=dest))
    if not dest.parent.is_dir():
        raise Invalid(str(dest), msg("the folder does not exist"))
    tmp = dest.with_name(f".{dest.name}.partial-{os.getpid()}")
    _new_private_file(tmp)
    try:
        target = _connect(tmp, encrypted)
        try:
            _copy_snapshot(engine, target, progress, _driver_errors(encrypted))
            check = target.execute("PRAGMA quick_check").fetchone()[0]
            if check != "ok":
                raise StorageError(
                    msg("The backup did not verify ({detail}); the desk may need attention.", detail=check)
                )
            pages = int(target.execute("PRAGMA page_count").fetchone()[0])
            row = target.execute("SELECT version_num FROM alembic_version").fetchone()
        finally:
            target.close()
        _remove_with_sidecars(dest)
        os.replace(tmp, dest)
    except BaseException:
        _remove_with_sidecars(tmp)
        raise
    result = BackupResult(dest, pages, dest.stat().st_size, row[0] if row else None, encrypted)
    with open_session(engine) as session, translate_errors():
        audit.record(session, actor, "desk.backup", "desk", None, file=str(dest), pages=pages, encrypted=encrypted)
        session.commit()
    return result


def _copy_snapshot(engine: Engine, target: Any, progress: Progress | None, errors: tuple[type[Exception], ...]) -> None:
    pooled = engine.raw_connection()
    try:
        source = pooled.driver_connection
        assert source is not None
        # One read transaction for the whole copy: in WAL mode writers carry on, and the backup reads a single
        # snapshot instead of restarting each time another connection commits (which, under steady use, could
        # keep it from ever finishing).
        source.execute("BEGIN")
        source.execute("SELECT count(*) FROM sqlite_master").fetchone()
        try:
            with translate_errors():
                source.backup(
                    target,
                    pages=STEP_PAGES,
                    progress=(lambda _status, remaining, total: progress(total - remaining, total))
                    if progress
                    else None,
                    sleep=0,
                )
        finally:
            source.rollback()
    except errors as exc:
        raise StorageError(msg("The backup failed: {detail}", detail=exc)) from exc
    finally:
        pooled.close()


def known_revisions() -> set[str]:
    config = Config()
    config.set_main_option("script_location", str(MIGRATIONS_DIR))
    return {script.revision for script in ScriptDirectory.from_config(config).walk_revisions()}


def desk_exists(path: Path) -> bool:
    return any(
        Path(f"{path}{suffix}").exists() and Path(f"{path}{suffix}").stat().st_size > 0 for suffix in ("", "-wal")
    )


def restore_desk(
    source: Path,
    url: str,
    *,
    force: bool = False,
    progress: StageProgress | None = None,
    signed_in: Actor | None = None,
) -> RestoreResult:
    """Put the backup `source` where `url` points, upgraded to the current schema, and rebuild the search index.

    Refuses to replace an existing desk unless `force`, and then only for `signed_in`, one of that desk's active
    administrators (the caller signed them in to it, and must have closed its engine since). The backup is checked
    on a private copy before anything at the target is touched: a SupportDesk database at a known migration,
    intact, and with exactly a fresh desk's schema once migrated. Accounts keep the state they have on the replaced
    desk (restore_guard.py), and no other process may have the desk open meanwhile.
    """
    target = sqlite_file_of(url, N_("restore"))
    encrypted = encryption.is_encrypted_url(make_url(url).drivername)
    source = source.expanduser().resolve()
    if not source.is_file():
        raise NotFound(msg("No backup file {path}.", path=source))
    if source == target:
        raise Invalid(str(source), msg("the backup is the desk itself"))
    if desk_exists(target) and not force:
        raise NotAllowed(
            msg(
                "A desk already exists at {path}; restore only fills an empty place. Back it up and move it away, "
                "or pass --force to replace it.",
                path=target,
            )
        )
    accounts = _current_accounts(target, encrypted) if desk_exists(target) else None
    if accounts is not None:
        restore_guard.check_restorer(accounts, signed_in.login if signed_in else None, target)
    ensure_private_dir(target.parent)
    with restore_guard.desk_held(target):
        before, needs_password = _restore_into(source, target, url, encrypted, accounts, progress)
    return _after_restore(source, url, target, before, needs_password, signed_in, progress)


def _current_accounts(target: Path, encrypted: bool) -> restore_guard.Accounts:
    try:
        connection = _connect(target, encrypted)
    except StorageError:
        raise NotAllowed(
            msg("The desk at {path} cannot be read with the key given; it is not replaced.", path=str(target))
        ) from None
    try:
        return restore_guard.read_accounts(connection)
    except _driver_errors(encrypted) as exc:
        raise NotAllowed(
            msg("The desk at {path} cannot be read ({error}); it is not replaced.", path=str(target), error=str(exc))
        ) from None
    finally:
        connection.close()


def _restore_into(
    source: Path,
    target: Path,
    url: str,
    encrypted: bool,
    accounts: restore_guard.Accounts | None,
    progress: StageProgress | None,
) -> tuple[str, int]:
    """Copy, check, migrate and fix up the backup beside the target, then put it in place. (revision, users who
    need a new password)."""
    tmp = target.with_name(f".{target.name}.restoring-{os.getpid()}")
    _new_private_file(tmp)
    try:
        _copy_file(source, tmp, progress)
        before = _verify(tmp, source, encrypted)
        scheme = make_url(url).drivername
        engine = make_engine(f"{scheme}:///{tmp}")
        try:
            migrate(engine)
            with engine.connect() as connection:
                # Fold the WAL into the file: the checks and the rename below must see every page.
                connection.exec_driver_sql("PRAGMA wal_checkpoint(TRUNCATE)")
        finally:
            engine.dispose()
        connection = _connect(tmp, encrypted)
        try:
            restore_guard.check_schema(connection, source)
            needs_password = restore_guard.carry_over_accounts(connection, accounts)
            connection.execute("PRAGMA wal_checkpoint(TRUNCATE)")
        finally:
            connection.close()
        # A stale -wal left by the replaced desk would be replayed into the restored one: remove them first.
        _remove_with_sidecars(target)
        os.replace(tmp, target)
    except BaseException:
        _remove_with_sidecars(tmp)
        raise
    return before, needs_password


def _after_restore(
    source: Path,
    url: str,
    target: Path,
    before: str,
    needs_password: int,
    signed_in: Actor | None,
    progress: StageProgress | None,
) -> RestoreResult:
    # The old index describes the old desk (and holds its text): start afresh from the restored tickets.
    shutil.rmtree(index_dir_for(url), ignore_errors=True)
    engine = make_engine(url)
    try:
        with open_session(engine) as session, translate_errors():
            audit.record(
                session,
                None,
                "desk.restore",
                "desk",
                None,
                file=str(source),
                revision=before,
                os_user=getpass.getuser(),
                by=signed_in.login if signed_in else None,
                users_needing_a_password=needs_password,
            )
            session.commit()
            index = SearchIndex.open(index_dir_for(url))
            indexed = search.rebuild_index(
                session, index, (lambda done, total: progress("index", done, total)) if progress else None
            )
            tickets = int(session.exec(select(func.count()).select_from(Ticket)).one())
        after = current_revision(engine) or "empty"
    finally:
        engine.dispose()
    return RestoreResult(target, before, after, tickets, indexed, needs_password)


def _copy_file(source: Path, dest: Path, progress: StageProgress | None) -> None:
    total = source.stat().st_size
    done = 0
    with source.open("rb") as src, dest.open("r+b") as out:
        while chunk := src.read(COPY_CHUNK):
            out.write(chunk)
            done += len(chunk)
            if progress:
                progress("copy", done, total)
        out.flush()
        os.fsync(out.fileno())


def _verify(path: Path, source: Path, encrypted: bool) -> str:
    """The backup's migration revision, after checking it is an intact SupportDesk database."""
    try:
        connection = _connect(path, encrypted)
    except StorageError:
        raise StorageError(
            msg(
                "{path} cannot be read with the key in secret {name!r}: it was made with another "
                "key, or it is not an encrypted backup (restore a plain one with sqlite:///…).",
                path=source,
                name=encryption.KEY_SECRET,
            )
        ) from None
    try:
        tables = {row[0] for row in connection.execute("SELECT name FROM sqlite_master WHERE type = 'table'")}
        missing = CORE_TABLES - tables
        if missing:
            raise Invalid(
                str(source), msg("not a SupportDesk backup (no {tables} table)", tables=", ".join(sorted(missing)))
            )
        row = connection.execute("SELECT version_num FROM alembic_version").fetchone()
        if row is None or row[0] not in known_revisions():
            raise Invalid(
                str(source),
                msg(
                    "made by another SupportDesk version (schema {schema}); upgrade first",
                    schema=row[0] if row else "?",
                ),
            )
        check = connection.execute("PRAGMA quick_check").fetchone()[0]
        if check != "ok":
            raise Invalid(str(source), msg("the backup is damaged ({detail})", detail=check))
        return str(row[0])
    except _driver_errors(encrypted) as exc:
        if encrypted:
            raise Invalid(str(source), msg("not a SupportDesk backup: {detail}", detail=exc)) from None
        raise Invalid(
            str(source),
            msg(
                "not a SupportDesk backup: {detail} (an encrypted backup is restored with --db sqlite+sqlcipher:///…)",
                detail=exc,
            ),
        ) from None
    finally:
        connection.close()
