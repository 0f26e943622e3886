"""The composer under a ticket's thread: what kind of entry, the call timer, the call's minutes, the text, send.

Everything fits on one bar above the text at any width from 100 columns: the kind is a compact select, the timer
a fixed-width mm:ss, the minutes a small field shown for call logs. The composer does no desk work itself; it
posts `Send` when the agent sends and `DraftChanged` as they type, and the ticket screen saves and sends.
"""

import time
from dataclasses import dataclass
from datetime import datetime

from rich.text import Text
from textual import on
from textual.app import ComposeResult
from textual.containers import Horizontal, Vertical
from textual.message import Message
from textual.timer import Timer
from textual.widgets import Checkbox, Input, Label, Select, Static, TextArea

from screens.safe_text import SafeInput, SafeTextArea
from supportdesk import clock
from supportdesk.i18n import N_, t, v
from supportdesk.models.enums import Channel

KINDS = ("reply", "internal_note", "call_log", "customer_message")
KIND_LABELS = {
    "reply": N_("Reply"),
    "internal_note": N_("Internal note"),
    "call_log": N_("Call"),
    "customer_message": N_("Customer's message"),
}
PLACEHOLDERS = {
    "reply": N_("Write a reply…"),
    "internal_note": N_("Write an internal note (not sent to the customer)…"),
    "call_log": N_("What was said on the call…"),
    "customer_message": N_("What the customer wrote or said (a letter, a fax, a message passed on)…"),
}
# How a customer's message entered by hand came; blank is the ticket's own channel.
MESSAGE_CHANNELS = tuple(str(c) for c in Channel)


def received_moment(text: str) -> datetime | None:
    """The time received as typed (2026-12-01 14:30, desk clock); None when empty. ValueError when unreadable."""
    text = text.strip()
    if not text:
        return None
    moment = datetime.fromisoformat(text.replace("/", "-"))
    return moment if moment.tzinfo else moment.replace(tzinfo=clock.desk_zone())  # typed on the desk's clock


def mm_ss(seconds: int) -> str:
    """A running call time as a phone shows it: 03:25, 72:05."""
    return f"{seconds // 60:02d}:{seconds % 60:02d}"


def minutes_to_seconds(text: str) -> int | None:
    """The minutes field (3, 3.5, 12.25) in whole seconds; None when it is not a number."""
    try:
        minutes = float(text)
    except ValueError:
        return None
    return round(minutes * 60) if minutes >= 0 else None


class Composer(Vertical):
    DEFAULT_CSS = """
    Composer {
        height: auto;
        border-top: solid $primary;
    }
    Composer #composer-bar {
        height: 1;
    }
    Composer #kind {
        width: 22;
    }
    Composer #minutes-label {
        margin: 0 1 0 2;
        width: auto;
    }
    Composer #minutes {
        width: 8;
    }
    Composer #message-channel {
        width: 16;
        margin-left: 2;
    }
    Composer #received-label {
        margin: 0 1 0 2;
        width: auto;
    }
    Composer #received {
        width: 18;
    }
    Composer #send-by-mail {
        margin-left: 2;
        width: auto;
    }
    Composer #timer {
        width: 1fr;
        min-width: 14;
        content-align: right middle;
        padding-right: 1;
        color: $warning;
        text-style: bold;
    }
    Composer #draft {
        height: 6;
    }
    Composer.noting #draft {
        background: $warning 10%;
    }
    """

    @dataclass
    class Send(Message):
        """The agent asked to send what is in the composer."""

        composer: "Composer"
        kind: str
        body: str
        call_seconds: int | None

    @dataclass
    class DraftChanged(Message):
        """What the composer holds changed (text, kind or minutes): the screen keeps it as the draft."""

        composer: "Composer"
        kind: str
        body: str
        call_seconds: int | None

    def __init__(self, *, id: str | None = None) -> None:
        super().__init__(id=id)
        self.timer_started: float | None = None
        self._ticker: Timer | None = None
        self._quiet = False  # set while the screen fills the composer (a restored draft is no change)

    def compose(self) -> ComposeResult:
        with Horizontal(id="composer-bar"):
            yield Select(
                [(t(KIND_LABELS[k]), k) for k in KINDS], value="reply", allow_blank=False, compact=True, id="kind"
            )
            yield Label(t("Call minutes"), id="minutes-label")
            yield SafeInput("", id="minutes", restrict=r"[0-9.]*", compact=True)
            yield Select([(v(c), c) for c in MESSAGE_CHANNELS], prompt=t("channel"), compact=True, id="message-channel")
            yield Label(t("Received"), id="received-label")
            yield SafeInput("", id="received", placeholder="2026-12-01 14:30", compact=True)
            yield Checkbox(t("Send by mail"), id="send-by-mail", compact=True)
            yield Static("", id="timer")
        yield SafeTextArea(id="draft", placeholder=t(PLACEHOLDERS["reply"]))

    def on_mount(self) -> None:
        self._show_kind()

    # ---- what it holds ------------------------------------------------------------------------------------------

    @property
    def kind(self) -> str:
        value = self.query_one("#kind", Select).value
        return value if isinstance(value, str) else "reply"

    @property
    def body(self) -> str:
        return self.query_one("#draft", TextArea).text

    @property
    def call_seconds(self) -> int | None:
        """The call's length: the minutes typed, or the running timer's time so far."""
        if self.timer_started is not None:
            return int(time.monotonic() - self.timer_started)
        if self.kind != "call_log":
            return None
        return minutes_to_seconds(self.query_one("#minutes", Input).value)

    @property
    def message_channel(self) -> str | None:
        value = self.query_one("#message-channel", Select).value
        return value if isinstance(value, str) else None

    @property
    def message_received(self) -> str:
        return self.query_one("#received", Input).value

    @property
    def has_draft(self) -> bool:
        return bool(self.body.strip()) or self.timer_started is not None

    def fill(self, kind: str, body: str, call_seconds: int | None) -> None:
        """Put a saved draft back, without posting it as a change."""
        self._quiet = True
        try:
            self.set_kind(kind if kind in KINDS else "reply")
            self.query_one("#draft", TextArea).text = body
            if call_seconds is not None:
                self.query_one("#minutes", Input).value = f"{call_seconds / 60:.1f}"
        finally:
            self.call_after_refresh(self._unquiet)

    def _unquiet(self) -> None:
        self._quiet = False

    def clear(self) -> None:
        """After a send: an empty reply, the timer stopped and reset."""
        self.stop_timer(fill_minutes=False)
        self._quiet = True
        try:
            self.query_one("#draft", TextArea).text = ""
            self.query_one("#minutes", Input).value = ""
            self.query_one("#received", Input).value = ""
            self.query_one("#message-channel", Select).clear()
            self.query_one("#timer", Static).update("")
            self.set_kind("reply")
        finally:
            self.call_after_refresh(self._unquiet)

    # ---- kind -------------------------------------------------------------------------------------------------

    def set_kind(self, kind: str) -> None:
        self.query_one("#kind", Select).value = kind
        self._show_kind()

    def cycle_kind(self) -> None:
        self.set_kind(KINDS[(KINDS.index(self.kind) + 1) % len(KINDS)])

    @on(Select.Changed, "#kind")
    def _kind_changed(self) -> None:
        self._show_kind()
        self._changed()

    def _show_kind(self) -> None:
        call = self.kind == "call_log"
        self.query_one("#minutes-label").display = call
        self.query_one("#minutes").display = call
        message = self.kind == "customer_message"
        for part in ("#message-channel", "#received-label", "#received"):
            self.query_one(part).display = message
        self.query_one("#draft", TextArea).placeholder = t(PLACEHOLDERS[self.kind])
        self.set_class(self.kind == "internal_note", "noting")

    # ---- the call timer -----------------------------------------------------------------------------------------

    @property
    def timing(self) -> bool:
        return self.timer_started is not None

    def toggle_timer(self) -> None:
        if self.timer_started is None:
            self.start_timer()
        else:
            self.stop_timer()

    def start_timer(self) -> None:
        """Start timing a call: the entry becomes a call log and the time runs beside the minutes."""
        self.timer_started = time.monotonic()
        if self.kind != "call_log":
            self.set_kind("call_log")
        self._ticker = self.set_interval(1, self._tick)
        self._tick()

    def stop_timer(self, fill_minutes: bool = True) -> None:
        if self.timer_started is None:
            return
        elapsed = int(time.monotonic() - self.timer_started)
        self.timer_started = None
        if self._ticker is not None:
            self._ticker.stop()
            self._ticker = None
        if fill_minutes:
            self.query_one("#minutes", Input).value = f"{elapsed / 60:.1f}"
            self.query_one("#timer", Static).update(Text(t("Call {elapsed}", elapsed=mm_ss(elapsed))))
            self._changed()

    def _tick(self) -> None:
        if self.timer_started is not None:
            elapsed = int(time.monotonic() - self.timer_started)
            self.query_one("#timer", Static).update(Text(f"● {mm_ss(elapsed)}", style="bold"))
            self.query_one("#minutes", Input).value = f"{elapsed / 60:.1f}"

    # ---- sending and keeping ------------------------------------------------------------------------------------

    def send(self) -> None:
        if self.timer_started is not None:
            self.stop_timer()
        self.post_message(self.Send(self, self.kind, self.body, self.call_seconds))

    @on(TextArea.Changed, "#draft")
    @on(Input.Changed, "#minutes")
    def _edited(self, event: TextArea.Changed | Input.Changed) -> None:
        event.stop()
        self._changed()

    def _changed(self) -> None:
        if not self._quiet and self.timer_started is None:
            self.post_message(self.DraftChanged(self, self.kind, self.body, self.call_seconds))
        elif not self._quiet:
            self.post_message(self.DraftChanged(self, self.kind, self.body, None))

    def focus_text(self) -> None:
        self.query_one("#draft", TextArea).focus()

    def insert(self, text: str) -> None:
        draft = self.query_one("#draft", TextArea)
        draft.insert(text)
        draft.focus()
