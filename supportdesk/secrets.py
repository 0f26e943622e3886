"""The secret store: the database password and the database key, never in a config file or a URL on disk.

A secret is looked up in three places, first found wins:

1. the environment variable ``SUPPORTDESK_SECRET_<NAME>`` (``db-password`` → ``SUPPORTDESK_SECRET_DB_PASSWORD``),
   for services and CI where nobody types anything;
2. the OS keyring (service ``supportdesk``, user ``<name>``), unless its backend is one that stores nothing
   (``fail``, ``null``) or stores in clear text (keyrings.alt): a headless machine has only ``fail``;
3. the file ``<config dir>/secrets.json``, readable by its owner only (a file with group or world bits is refused,
   since a secret that others could read is no longer a secret).

Nothing here ever prints or logs a value.
"""

import json
import os
import re
import stat
from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path

import keyring
import keyring.backend
import keyring.errors
from keyring.backends.chainer import ChainerBackend

from supportdesk.config import config_dir, ensure_private_dir
from supportdesk.errors import NotFound, SupportDeskError
from supportdesk.i18n import N_, Msg, msg, t

SERVICE = "supportdesk"
ENV_PREFIX = "SUPPORTDESK_SECRET_"
FILE_NAME = "secrets.json"
DB_PASSWORD = "db-password"
DB_KEY = "db-key"

_NAME = re.compile(r"[a-z0-9][a-z0-9-]{0,63}")
# Backends that keep nothing (fail, null) or keep it readable by anyone with the file (keyrings.alt).
_ABSENT_MODULES = ("keyring.backends.fail", "keyring.backends.null", "keyrings.alt")


class SecretError(SupportDeskError):
    """A secret store exists but cannot be used safely (file readable by others, bad name, empty value)."""

    exit_code = 2


class SecretMissing(NotFound):
    """No source holds the secret; the message names all three ways to provide it."""


@dataclass(frozen=True)
class Source:
    kind: str  # "environment", "keyring" or "file"
    where: str  # the variable name, the keyring backend, or the file path

    def __str__(self) -> str:
        labels = {"environment": N_("environment variable"), "keyring": N_("OS keyring"), "file": N_("file")}
        return f"{t(labels[self.kind])} {self.where}"


def check_name(name: str) -> str:
    if not _NAME.fullmatch(name):
        raise SecretError(
            msg("{name!r} is not a secret name: use lower-case letters, digits and '-' (e.g. db-password)", name=name)
        )
    return name


def env_var(name: str) -> str:
    return ENV_PREFIX + check_name(name).upper().replace("-", "_")


def secrets_file() -> Path:
    return config_dir() / FILE_NAME


def _leaves(backend: keyring.backend.KeyringBackend) -> Iterable[keyring.backend.KeyringBackend]:
    # The chainer consults every backend it holds, so each one must be acceptable (and an empty one is none).
    return list(backend.backends) if isinstance(backend, ChainerBackend) else [backend]


def usable_keyring() -> keyring.backend.KeyringBackend | None:
    """The OS keyring when it really stores secrets somewhere safe, else None."""
    try:
        backend = keyring.get_keyring()
    except keyring.errors.KeyringError:
        return None
    leaves = list(_leaves(backend))
    if not leaves or any(type(b).__module__.startswith(_ABSENT_MODULES) for b in leaves):
        return None
    return backend


def _backend_name(backend: keyring.backend.KeyringBackend) -> str:
    return f"{type(backend).__module__}.{type(backend).__qualname__}"


def _read_file(path: Path) -> dict[str, str]:
    if not path.exists():
        return {}
    mode = stat.S_IMODE(path.stat().st_mode)
    if mode & 0o077:
        raise SecretError(
            msg(
                "{path} can be read by other users (mode {mode:04o}); it is ignored until you run `chmod 600 {path}`",
                path=path,
                mode=mode,
            )
        )
    try:
        data = json.loads(path.read_text(encoding="utf-8"))
    except (OSError, ValueError) as exc:
        raise SecretError(msg("{path} is not a readable secrets file ({detail})", path=path, detail=exc)) from exc
    if not isinstance(data, dict) or not all(isinstance(v, str) for v in data.values()):
        raise SecretError(msg('{path} must hold a JSON object of name: "value"', path=path))
    return data


def _write_file(path: Path, data: dict[str, str]) -> None:
    """Replace the file atomically; the new file is 0600 from its first byte (never widened by the umask)."""
    ensure_private_dir(path.parent)
    tmp = path.with_name(f".{path.name}.{os.getpid()}.tmp")
    fd = os.open(tmp, os.O_CREAT | os.O_EXCL | os.O_WRONLY, 0o600)
    try:
        with os.fdopen(fd, "w", encoding="utf-8") as fh:
            json.dump(data, fh, ensure_ascii=False, indent=1, sort_keys=True)
            fh.flush()
            os.fsync(fh.fileno())
        os.replace(tmp, path)
    except BaseException:
        tmp.unlink(missing_ok=True)
        raise


def lookup(name: str) -> tuple[str, Source] | None:
    """The secret's value and where it came from, or None when no source holds it."""
    var = env_var(name)
    if value := os.environ.get(var):
        return value, Source("environment", var)
    backend = usable_keyring()
    if backend is not None:
        try:
            value = backend.get_password(SERVICE, name)
        except keyring.errors.KeyringError:
            value = None  # a locked or broken keyring is treated like no keyring: try the file
        if value:
            return value, Source("keyring", _backend_name(backend))
    path = secrets_file()
    if value := _read_file(path).get(name):
        return value, Source("file", str(path))
    return None


def how_to_provide(name: str) -> Msg:
    return msg(
        "set the environment variable {variable}, or run `supportdesk secret set {name}` "
        "(stored in the OS keyring when there is one, else in {path} with mode 0600)",
        variable=env_var(name),
        name=name,
        path=secrets_file(),
    )


def get(name: str) -> str:
    """The secret's value; SecretMissing (naming all three ways to provide it) when nobody has set it."""
    found = lookup(name)
    if found is None:
        raise SecretMissing(msg("No secret {name!r}: {how}.", name=name, how=how_to_provide(name)))
    return found[0]


def where(name: str) -> Source:
    found = lookup(name)
    if found is None:
        raise SecretMissing(msg("No secret {name!r}: {how}.", name=name, how=how_to_provide(name)))
    return found[1]


def store(name: str, value: str, *, to_file: bool = False) -> Source:
    """Keep the secret in the OS keyring, or in the private file when there is no usable keyring (or asked to)."""
    check_name(name)
    if not value or "\x00" in value or value != value.strip("\r\n"):
        raise SecretError(msg("the secret is empty or has line breaks or NUL characters at its ends"))
    backend = None if to_file else usable_keyring()
    if backend is not None:
        try:
            backend.set_password(SERVICE, name, value)
            _forget_in_file(name)  # one place per secret, so `secret where` tells the truth
            return Source("keyring", _backend_name(backend))
        except keyring.errors.KeyringError:
            pass  # e.g. a locked keyring with nobody to unlock it: fall back to the file
    path = secrets_file()
    data = _read_file(path)
    data[name] = value
    _write_file(path, data)
    return Source("file", str(path))


def _forget_in_file(name: str) -> bool:
    path = secrets_file()
    data = _read_file(path)
    if name not in data:
        return False
    del data[name]
    _write_file(path, data)
    return True


def delete(name: str) -> list[Source]:
    """Remove the secret from the keyring and the file; the places it was removed from."""
    check_name(name)
    removed: list[Source] = []
    backend = usable_keyring()
    if backend is not None:
        try:
            if backend.get_password(SERVICE, name) is not None:
                backend.delete_password(SERVICE, name)
                removed.append(Source("keyring", _backend_name(backend)))
        except keyring.errors.KeyringError:
            pass
    if _forget_in_file(name):
        removed.append(Source("file", str(secrets_file())))
    return removed
