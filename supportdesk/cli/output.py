"""How commands print: JSON for machines, compact text for people (errors: failures.py).

Every command runs inside `shown_as_text()` (cli/main.py): whatever it writes to stdout or stderr goes through
`supportdesk.untrusted.visible`, so a name, subject, body or CSV cell holding `ESC [2J`, an OSC title sequence,
a C1 control or a bidi override reaches the terminal as visible marks, also through a pipe. Nothing a command
prints needs escaping by hand. JSON is escaped first (`print_json`), which keeps the data exact. Our own search
highlights are written as HIGHLIGHT_ON/OFF and become colour on a terminal, brackets elsewhere; Rich progress
bars draw on the real stream (`progress_console`) because they drive the terminal with control codes.
"""

import io
import json
import sys
from collections.abc import Iterator
from contextlib import contextmanager
from typing import TYPE_CHECKING, Any, TextIO

from supportdesk import clock
from supportdesk.services.readmodels import to_jsonable
from supportdesk.untrusted import escape_json_text, visible

if TYPE_CHECKING:
    from rich.console import Console

# Private-use characters standing for "highlight starts/ends" until the stream writes them (outside the BMP's
# private-use area, which masked text uses for its placeholders).
HIGHLIGHT_ON, HIGHLIGHT_OFF = "\U000f0000", "\U000f0001"


class VisibleStream(io.TextIOBase):
    """A text stream that writes what it is given with control characters made visible (CR LF kept)."""

    def __init__(self, target: TextIO) -> None:
        super().__init__()
        self.raw_stream = target
        self._tty = target.isatty()

    @property
    def encoding(self) -> str:  # type: ignore[override]
        return getattr(self.raw_stream, "encoding", None) or "utf-8"

    @property
    def errors(self) -> str:  # type: ignore[override]
        return getattr(self.raw_stream, "errors", None) or "strict"

    def isatty(self) -> bool:
        # Rich and click colour what they print on a terminal with escape codes, which this stream would show as
        # marks: they see a plain stream and print plain text. Our highlights still colour a real terminal.
        return False

    def writable(self) -> bool:
        return True

    def write(self, text: str) -> int:
        if not isinstance(text, str):
            raise TypeError("write() argument must be str")  # so click never takes this for a binary stream
        shown = "\r\n".join(visible(part) for part in text.split("\r\n"))
        on, off = ("\x1b[1;33m", "\x1b[0m") if self._tty else ("[", "]")
        self.raw_stream.write(shown.replace(HIGHLIGHT_ON, on).replace(HIGHLIGHT_OFF, off))
        return len(text)

    def flush(self) -> None:
        self.raw_stream.flush()

    def fileno(self) -> int:
        return self.raw_stream.fileno()

    def reconfigure(self, **options: Any) -> None:
        reconfigure = getattr(self.raw_stream, "reconfigure", None)
        if reconfigure is not None:
            reconfigure(**options)


@contextmanager
def shown_as_text() -> Iterator[None]:
    """Run a command with stdout and stderr guarded by `VisibleStream` (see the module docstring)."""
    out, err = sys.stdout, sys.stderr
    sys.stdout, sys.stderr = VisibleStream(out), VisibleStream(err)
    try:
        yield
    finally:
        sys.stdout.flush()
        sys.stderr.flush()
        sys.stdout, sys.stderr = out, err


@contextmanager
def terminal_as_is() -> Iterator[None]:
    """The real streams back for the Textual app, which draws the screen itself (and shows data as text)."""
    out, err = sys.stdout, sys.stderr
    sys.stdout = getattr(out, "raw_stream", out)
    sys.stderr = getattr(err, "raw_stream", err)
    try:
        yield
    finally:
        sys.stdout, sys.stderr = out, err


def progress_console(*, stderr: bool = False) -> "Console":
    """The console for a Rich progress bar: the stream as it is (Rich moves the cursor with control codes).

    Only our own words go in a progress bar, never a name or a file's text.
    """
    from rich.console import Console

    stream = sys.stderr if stderr else sys.stdout
    return Console(file=getattr(stream, "raw_stream", stream))


def print_json(value: Any) -> None:
    sys.stdout.write(escape_json_text(json.dumps(to_jsonable(value), ensure_ascii=False, indent=2)) + "\n")


def local_time(value: Any) -> str:
    """Aware UTC timestamps shown on the desk's clock (config `timezone`), whatever the machine's zone."""
    return clock.when(value, empty="-")


def cell(text: str | None, width: int) -> str:
    """Pad or cut to a display width, counting East Asian wide characters as two columns."""
    import unicodedata

    text = visible(text, one_line=True)  # measured as shown: a mark is wider than the control it stands for
    out, used = [], 0
    for ch in text:
        w = 2 if unicodedata.east_asian_width(ch) in "WF" else 1
        if used + w > width:
            break
        out.append(ch)
        used += w
    return "".join(out) + " " * (width - used)
