"""Messages in files: single .eml files, mbox files and Maildir folders (for moving a mailbox over).

Each message is yielded with a label saying where it came from, as bytes exactly as stored.
"""

import mailbox
from collections.abc import Iterator
from pathlib import Path

from supportdesk.errors import Invalid
from supportdesk.i18n import msg


def _is_maildir(path: Path) -> bool:
    return (path / "cur").is_dir() and (path / "new").is_dir()


def _is_mbox(path: Path) -> bool:
    with path.open("rb") as handle:
        return handle.read(5) == b"From "


def messages_in(path: Path) -> Iterator[tuple[str, bytes]]:
    """(label, raw bytes) for every message under `path`; Invalid when the path holds no mail at all."""
    if not path.exists():
        raise Invalid("path", msg("{path} does not exist", path=str(path)))
    if path.is_dir():
        if _is_maildir(path):
            box = mailbox.Maildir(path, factory=None, create=False)
            for key in sorted(box.iterkeys()):
                yield f"{path}/{key}", box.get_bytes(key)
            return
        for child in sorted(path.rglob("*")):
            if child.is_file() and child.suffix.lower() in (".eml", ".msg", ".mbox", "") and not _in_maildir(child):
                yield from messages_in(child)
        for folder in sorted(p for p in path.rglob("*") if p.is_dir() and _is_maildir(p)):
            yield from messages_in(folder)
        return
    try:
        if _is_mbox(path):
            archive = mailbox.mbox(path, factory=None, create=False)
            for number, key in enumerate(archive.iterkeys(), 1):
                yield f"{path}#{number}", archive.get_bytes(key)
            return
        yield str(path), path.read_bytes()
    except OSError as exc:
        raise Invalid("path", msg("{path} cannot be read ({why})", path=str(path), why=exc.strerror)) from exc


def _in_maildir(path: Path) -> bool:
    return path.parent.name in ("cur", "new", "tmp") and _is_maildir(path.parent.parent)
