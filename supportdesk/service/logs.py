"""The service's log: one JSON object per line on standard error, for journald or any log collector.

Lines say what happened in numbers and ids (a job, how long it took, how many tickets it changed), never the text
of a ticket, a person's name or a secret: a failure is logged by its kind, with the message only for the desk's
own errors (which name fields and ids), because a database driver's message can quote the row it failed on.
"""

import json
import sys
from collections.abc import Mapping
from datetime import datetime
from typing import TextIO

from supportdesk.errors import SupportDeskError
from supportdesk.models.base import utcnow
from supportdesk.untrusted import visible


class ServiceLog:
    def __init__(self, stream: TextIO | None = None) -> None:
        self.stream = stream or sys.stderr

    def write(self, level: str, event: str, **fields: object) -> None:
        line: dict[str, object] = {"at": utcnow().isoformat(timespec="seconds"), "level": level, "event": event}
        line.update({k: _plain(v) for k, v in fields.items() if v is not None})
        try:
            self.stream.write(json.dumps(line, ensure_ascii=False) + "\n")
            self.stream.flush()
        except (OSError, ValueError):
            pass  # a closed or full log must not stop the desk's work

    def info(self, event: str, **fields: object) -> None:
        self.write("info", event, **fields)

    def warning(self, event: str, **fields: object) -> None:
        self.write("warning", event, **fields)

    def error(self, event: str, **fields: object) -> None:
        self.write("error", event, **fields)


def _plain(value: object) -> object:
    if isinstance(value, datetime):
        return value.isoformat(timespec="seconds")
    if isinstance(value, Mapping):
        return {str(k): _plain(v) for k, v in value.items()}
    if isinstance(value, list | tuple):
        return [_plain(v) for v in value]
    return value


def describe_failure(exc: BaseException) -> str:
    """What went wrong, safe to log and to show in `service status`: the desk's own errors say it in words; any
    other failure is named by its kind only (a driver's message may hold a customer's data or a server address
    with credentials)."""
    if isinstance(exc, SupportDeskError):
        return visible(str(exc), one_line=True)[:500]
    orig = getattr(exc, "orig", None)
    if orig is not None:
        code = getattr(orig, "sqlstate", None) or getattr(orig, "pgcode", None)
        return f"{type(exc).__name__} ({type(orig).__name__}{f' {code}' if code else ''})"
    return type(exc).__name__
