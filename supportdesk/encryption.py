"""Encryption at rest for an embedded desk: SQLCipher behind a `sqlite+sqlcipher:///path` URL.

The key is never in the URL: each new connection reads the secret `db-key` from the secret store and runs
`PRAGMA key` before anything else touches the file. `sqlcipher3` is optional (`pip install 'supportdesk[encryption]'`);
without it only encrypted desks are unavailable, and they say so.
"""

from collections.abc import Callable
from pathlib import Path
from types import ModuleType
from typing import Any, cast

from sqlalchemy.dialects import registry
from sqlalchemy.dialects.sqlite.pysqlite import SQLiteDialect_pysqlite

from supportdesk import secrets
from supportdesk.errors import StorageError
from supportdesk.i18n import msg

DRIVER = "sqlcipher"
KEY_SECRET = secrets.DB_KEY
INSTALL_HINT = "pip install 'supportdesk[encryption]'"


def load_sqlcipher() -> ModuleType:
    try:
        import sqlcipher3
    except ImportError:
        raise StorageError(
            msg("This desk is encrypted (sqlite+sqlcipher) but SQLCipher is missing; {hint}.", hint=INSTALL_HINT)
        ) from None
    return cast(ModuleType, sqlcipher3)  # untyped: Any to mypy


class SQLCipherDialect(SQLiteDialect_pysqlite):
    """SQLite's own dialect on the sqlcipher3 driver.

    The stock `pysqlcipher` dialect runs `PRAGMA key` with the URL's password on every connect, which would
    re-key with an empty passphrase here; this one leaves keying to the creator. Using sqlcipher3 as the DBAPI
    module (not just inside the creator) matters: SQLAlchemy only wraps the driver's own exception classes, and
    the wrapped OperationalError is what turns "database is locked" into a StorageError.
    """

    driver = DRIVER
    supports_statement_cache = True

    @classmethod
    def import_dbapi(cls) -> ModuleType:
        return load_sqlcipher()


def register() -> None:
    """Make `sqlite+sqlcipher://` known to SQLAlchemy (idempotent; called by make_engine, not at import)."""
    registry.register(f"sqlite.{DRIVER}", __name__, "SQLCipherDialect")


def is_encrypted_url(drivername: str) -> bool:
    return drivername == f"sqlite+{DRIVER}"


def quote_key(key: str) -> str:
    # PRAGMA takes no bound parameters; a doubled quote is the SQL way to keep a quote inside a literal.
    return "'" + key.replace("'", "''") + "'"


def key_connection(connection: Any, key: str, path: Path) -> None:
    """Unlock `connection` with `key` and prove the key is right, or close it and raise a StorageError."""
    module = load_sqlcipher()
    try:
        # Before the key: SQLCipher otherwise writes "hmac check failed" lines to stderr, over the TUI.
        connection.execute("PRAGMA cipher_log_level = NONE")
        connection.execute(f"PRAGMA key = {quote_key(key)}")
        # The key is only checked when the first page is read.
        connection.execute("SELECT count(*) FROM sqlite_master").fetchone()
    except module.DatabaseError as exc:
        connection.close()
        if "not a database" in str(exc):
            raise StorageError(
                msg(
                    "Cannot open the encrypted desk {path}: the key in secret {name!r} does not fit it, or the file"
                    " is not an encrypted SupportDesk desk (a plain desk opens with sqlite:///…).",
                    path=path,
                    name=KEY_SECRET,
                )
            ) from None
        raise StorageError(msg("Cannot open the encrypted desk {path}: {detail}", path=path, detail=exc)) from None


def database_key(path: Path) -> str:
    try:
        return secrets.get(KEY_SECRET)
    except secrets.SecretMissing as exc:
        raise StorageError(
            msg("The desk {path} is encrypted and needs its key. {detail}", path=path, detail=exc)
        ) from None


def connect(path: Path, timeout: float) -> Any:
    """A keyed sqlcipher3 connection to `path` (created empty and encrypted if the file is empty)."""
    module = load_sqlcipher()
    key = database_key(path)  # before opening, so a missing key never leaves a connection behind
    connection = module.connect(str(path), check_same_thread=False, timeout=timeout)
    key_connection(connection, key, path)
    return connection


def creator(path: Path, timeout: float) -> Callable[[], Any]:
    """The engine's creator: every pooled connection is keyed before SQLAlchemy's pragmas run on it."""
    return lambda: connect(path, timeout)
