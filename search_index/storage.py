"""The index directory: generations, the CURRENT pointer and the write lock.

Layout of the directory the app passes to ``SearchIndex.open``::

    CURRENT                    one line naming the live generation, e.g. gen-000003
    WRITELOCK                  whoosh file lock (fcntl/msvcrt): one writer at a time
    gen-000003/                a complete whoosh index + supportdesk-meta.json (how it was built)
                               + supportdesk-sync.json (how far it has caught up; the caller's own record)
    gen-000002/                the previous generation, kept for readers still on it
    gen-000004.building-…/     a rebuild in progress (or the leftover of a killed one)

A rebuild writes a new generation beside the live one, renames it into place
and only then replaces CURRENT with an atomic rename. A crash at any point
leaves CURRENT naming a complete index; leftovers are removed by the next
writer, which holds the lock, so it can never delete a build still running.
"""

from __future__ import annotations

import json
import os
import re
import secrets
import shutil
from collections.abc import Iterator
from contextlib import contextmanager, suppress
from pathlib import Path
from typing import Any

from whoosh.util.filelock import FileLock, try_for

from search_index.errors import IndexBusy
from search_index.private_files import DIR_MODE, make_private_dir, open_private, write_private

CURRENT_FILE = "CURRENT"
LOCK_FILE = "WRITELOCK"
META_FILE = "supportdesk-meta.json"
SYNC_FILE = "supportdesk-sync.json"
_GEN = re.compile(r"gen-(\d{6})")
_BUILDING = re.compile(r"gen-(\d{6})\.building-.+")


def _fsync_dir(path: Path) -> None:
    # Makes a rename durable on POSIX; directories cannot be opened on Windows.
    if os.name == "nt":
        return
    fd = os.open(path, os.O_RDONLY)
    try:
        os.fsync(fd)
    finally:
        os.close(fd)


def _read_json(path: Path) -> dict[str, Any]:
    try:
        data = json.loads(path.read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return {}
    return data if isinstance(data, dict) else {}


def _fsync_tree(path: Path) -> None:
    for child in path.iterdir():
        if child.is_file():
            with open(child, "rb") as fh:
                os.fsync(fh.fileno())
    _fsync_dir(path)


class IndexDirectory:
    """File-level bookkeeping of one index directory; knows nothing of whoosh's format."""

    def __init__(self, root: Path) -> None:
        self.root = root

    # -- reading -----------------------------------------------------------

    def current_name(self) -> str | None:
        """The live generation's directory name, or None if there is none yet."""
        try:
            name = (self.root / CURRENT_FILE).read_text(encoding="ascii").strip()
        except (FileNotFoundError, NotADirectoryError, UnicodeDecodeError):
            return None
        if not _GEN.fullmatch(name) or not (self.root / name).is_dir():
            return None
        return name

    def read_meta(self, name: str) -> dict[str, Any]:
        return _read_json(self.root / name / META_FILE)

    def read_sync(self, name: str) -> dict[str, Any]:
        """What the caller recorded with the generation's last commit ({} if nothing yet)."""
        return _read_json(self.root / name / SYNC_FILE)

    # -- writing -----------------------------------------------------------

    def write_sync(self, directory: Path, data: dict[str, Any]) -> None:
        """Replace the sync record in a generation (or a build) directory atomically. Call with the write lock held."""
        tmp = directory / f"{SYNC_FILE}.tmp-{os.getpid()}"
        write_private(tmp, json.dumps(data, ensure_ascii=False))
        os.replace(tmp, directory / SYNC_FILE)

    @contextmanager
    def write_lock(self, timeout: float, delay: float) -> Iterator[None]:
        """Hold the directory's write lock, waiting at most ``timeout`` seconds.

        The OS releases the lock if the holder dies, so a killed process never
        leaves the index locked.
        """
        make_private_dir(self.root)
        os.close(open_private(self.root / LOCK_FILE, os.O_WRONLY))  # FileLock would create it with the umask
        lock = FileLock(str(self.root / LOCK_FILE))
        if not try_for(lock.acquire, timeout=timeout, delay=delay):
            raise IndexBusy(f"The search index at {self.root} is being written by another process; try again shortly")
        try:
            yield
        finally:
            lock.release()

    def next_generation(self) -> int:
        numbers = [0]
        for child in self.root.iterdir():
            m = _GEN.fullmatch(child.name) or _BUILDING.fullmatch(child.name)
            if m:
                numbers.append(int(m.group(1)))
        return max(numbers) + 1

    def new_building_dir(self, generation: int) -> Path:
        path = self.root / f"gen-{generation:06d}.building-{os.getpid()}-{secrets.token_hex(4)}"
        path.mkdir(mode=DIR_MODE)
        return path

    def publish(self, building: Path, generation: int, meta: dict[str, Any]) -> str:
        """Make a finished build the live generation. Call with the write lock held."""
        write_private(building / META_FILE, json.dumps(meta, ensure_ascii=False, indent=1))
        _fsync_tree(building)
        name = f"gen-{generation:06d}"
        os.rename(building, self.root / name)
        _fsync_dir(self.root)
        tmp = self.root / f"{CURRENT_FILE}.tmp-{os.getpid()}"
        write_private(tmp, name + "\n")
        # The switch itself: atomic, so readers see the old or the new name.
        os.replace(tmp, self.root / CURRENT_FILE)
        _fsync_dir(self.root)
        return name

    def remove_older_generations(self) -> list[str]:
        """Remove every generation but the live one, and unfinished builds (after an erasure). Needs the write lock."""
        current = self.current_name()
        removed: list[str] = []
        for child in self.root.iterdir():
            if (
                child.is_dir()
                and child.name != current
                and (_GEN.fullmatch(child.name) or _BUILDING.fullmatch(child.name))
            ):
                shutil.rmtree(child, ignore_errors=True)
                removed.append(child.name)
        return removed

    def cleanup(self) -> list[str]:
        """Remove leftovers: unfinished builds and generations older than the previous one.

        Call with the write lock held. The previous generation is kept because
        another process may still be reading it until its next search.
        """
        current = self.current_name()
        if current is None:
            return []
        current_no = int(current.split("-")[1])
        removed: list[str] = []
        for child in self.root.iterdir():
            gen = _GEN.fullmatch(child.name)
            stale = bool(_BUILDING.fullmatch(child.name)) or (gen is not None and int(gen.group(1)) < current_no - 1)
            if stale and child.is_dir():
                shutil.rmtree(child, ignore_errors=True)
                removed.append(child.name)
            elif child.name.startswith(f"{CURRENT_FILE}.tmp-"):
                with suppress(OSError):
                    child.unlink()
                removed.append(child.name)
        return removed
