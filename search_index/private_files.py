"""Index files only their owner can read: the index holds ticket text (personal data) in plain files.

whoosh's FileStorage opens files with the process umask (often 0644); this one creates every file 0600 and every
folder 0700, also when a file of the same name exists with wider permissions. The storage helpers of
``storage.py`` write their small files with ``write_private``.
"""

from __future__ import annotations

import os
import stat
from pathlib import Path
from typing import Any, BinaryIO

from whoosh.filedb.filestore import FileStorage
from whoosh.filedb.structfile import StructFile
from whoosh.util import random_name
from whoosh.util.filelock import FileLock

FILE_MODE = 0o600
DIR_MODE = 0o700


def open_private(path: str | Path, flags: int) -> int:
    """A file descriptor on `path` opened with `flags` | O_CREAT, the file 0600 even if it existed before."""
    fd = os.open(path, flags | os.O_CREAT | getattr(os, "O_BINARY", 0), FILE_MODE)
    info = os.fstat(fd)
    if stat.S_ISREG(info.st_mode) and info.st_mode & 0o077 and info.st_uid == os.getuid():
        os.fchmod(fd, FILE_MODE)
    return fd


def write_private(path: Path, text: str) -> None:
    with os.fdopen(open_private(path, os.O_WRONLY | os.O_TRUNC), "w", encoding="utf-8") as fh:
        fh.write(text)
        fh.flush()
        os.fsync(fh.fileno())


def make_private_dir(path: Path) -> None:
    path.mkdir(mode=DIR_MODE, parents=True, exist_ok=True)
    if path.stat().st_mode & 0o077 and path.stat().st_uid == os.getuid():
        path.chmod(DIR_MODE)


def tighten(root: Path) -> int:
    """Make every file under `root` 0600 and every folder 0700 (an index written by an older version); how many."""
    changed = 0
    for path in [root, *root.rglob("*")]:
        try:
            info = path.lstat()
        except FileNotFoundError:
            continue  # removed meanwhile by another process's cleanup
        want = DIR_MODE if stat.S_ISDIR(info.st_mode) else FILE_MODE
        if stat.S_ISLNK(info.st_mode) or info.st_uid != os.getuid() or stat.S_IMODE(info.st_mode) & 0o077 == 0:
            continue
        path.chmod(want)
        changed += 1
    return changed


def private_storage(path: str, *, supports_mmap: bool = True) -> FileStorage:
    """A whoosh storage in `path` whose files and folders are owner-only."""
    kind: type[FileStorage] = PrivateFileStorage  # constructed as whoosh's own class (its __init__ is untyped)
    storage: FileStorage = kind(path, supports_mmap=supports_mmap)
    return storage


class PrivateFileStorage(FileStorage):
    """whoosh's FileStorage with owner-only files and folders."""

    def _private_path(self, name: str) -> str:
        return os.path.join(self.folder, name)

    def create(self) -> PrivateFileStorage:
        make_private_dir(Path(self.folder))
        return self

    def create_file(self, name: str, excl: bool = False, mode: str = "wb", **kwargs: Any) -> StructFile:
        flags = os.O_RDWR | (os.O_EXCL if excl else os.O_TRUNC)
        fileobj: BinaryIO = os.fdopen(open_private(self._private_path(name), flags), mode)  # type: ignore[assignment]
        return StructFile(fileobj, name=name, **kwargs)

    def temp_storage(self, name: str | None = None) -> FileStorage:
        path = os.path.join(self.folder, name or f"{random_name()}.tmp")
        storage = private_storage(path)
        make_private_dir(Path(path))
        return storage

    def lock(self, name: str) -> FileLock:
        os.close(open_private(self._private_path(name), os.O_WRONLY))  # FileLock would create it with the umask
        return FileLock(self._private_path(name))
