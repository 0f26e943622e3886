"""Lookup as the caller speaks: a box to type a phone, name, kana, company or e-mail into, and the matching
customers below it, refreshed as each key is typed.

Each keystroke asks the desk again through `screens.workers.fetch` (group "lookup", exclusive), so a newer lookup
cancels the one before and only the answer to what the box says now is ever shown. The widget posts `Active` when
the box gains or loses text (the screen hides what the results replace) and `Chosen` when the agent picks a
customer (Enter in the box takes the top match, also when pressed before the answer arrived). Phones are shown in
one national format; names as text.
"""

from dataclasses import dataclass
from functools import partial

from rich.text import Text
from textual import events, on
from textual.app import ComposeResult
from textual.containers import Vertical
from textual.message import Message
from textual.widgets import DataTable, Input, Static
from textual.worker import Worker

from screens.base import desk_app, failure_to_show
from screens.safe_text import SafeDataTable, SafeInput, data_content, data_text
from screens.workers import fetch
from supportdesk.i18n import N_, t, v
from supportdesk.phones import display_phone
from supportdesk.services.readmodels import CustomerMatch

LIMIT = 30  # matches shown; the desk ranks every match before cutting the list
COLUMNS = (N_("Name"), N_("Kana"), N_("Company"), N_("Phone"), N_("Rank"), N_("Open tickets"))


def match_cells(match: CustomerMatch) -> tuple[Text, ...]:
    c = match.customer
    return (
        data_text(c.full_name),
        data_text(c.name_kana or ""),
        data_text(c.company_name or ""),
        data_text(display_phone(c.phone or c.mobile) or ""),
        Text(v(c.rank)),
        Text(str(match.open_tickets), justify="right"),
    )


class CallerLookup(Vertical):
    DEFAULT_CSS = """
    CallerLookup {
        height: auto;
    }
    CallerLookup.-active {
        height: 1fr;
    }
    CallerLookup #lookup {
        margin: 0 1;
    }
    CallerLookup #results {
        height: 1fr;
        display: none;
    }
    CallerLookup.-active #results {
        display: block;
    }
    CallerLookup #results-title {
        padding: 0 1;
        text-style: bold;
    }
    CallerLookup #matches {
        height: 1fr;
    }
    CallerLookup #results-empty {
        padding: 1 2;
        color: $text-muted;
    }
    """

    @dataclass
    class Active(Message):
        """The box gained text (results show) or was emptied (they hide)."""

        lookup: "CallerLookup"
        active: bool

    @dataclass
    class Chosen(Message):
        """The agent picked a customer: Enter in the box (the top match) or on a row."""

        lookup: "CallerLookup"
        customer_id: int

    def __init__(self, *, id: str | None = None) -> None:
        super().__init__(id=id)
        self.matches: list[CustomerMatch] = []
        self.matches_for = ""  # the text the matches shown answer (a lookup for newer text may be on its way)
        self._open_top_for: str | None = None  # Enter came before the answer for this text

    def compose(self) -> ComposeResult:
        yield SafeInput(placeholder=t("Find caller: phone, name, kana, company or e-mail") + "  (/)", id="lookup")
        with Vertical(id="results"):
            yield Static("", id="results-title")
            yield SafeDataTable(id="matches", cursor_type="row", zebra_stripes=True)
            yield Static("", id="results-empty")

    def on_mount(self) -> None:
        table = self.query_one("#matches", DataTable)
        for label in COLUMNS:
            table.add_column(t(label), key=label)

    @property
    def box(self) -> Input:
        return self.query_one("#lookup", Input)

    @property
    def text(self) -> str:
        return self.box.value.strip()

    @property
    def active(self) -> bool:
        return self.has_class("-active")

    def focus_box(self) -> None:
        self.box.focus()

    def clear(self) -> None:
        self.box.value = ""

    @on(Input.Changed, "#lookup")
    def _typed(self, event: Input.Changed) -> None:
        event.stop()
        text = event.value.strip()
        if bool(text) != self.active:
            self.set_class(bool(text), "-active")
            self.post_message(self.Active(self, bool(text)))
        if not text:
            self.matches, self.matches_for = [], ""
            return
        desk = desk_app(self).desk
        fetch(self, partial(desk.find_customers, text, limit=LIMIT), partial(self.show_matches, text), group="lookup")

    def show_matches(self, text: str, matches: list[CustomerMatch]) -> None:
        if text != self.text:
            return  # the agent typed on; a newer lookup is on its way
        self.matches, self.matches_for = matches, text
        if self._open_top_for == text and matches:
            self.post_message(self.Chosen(self, matches[0].customer.id))
        self._open_top_for = None
        table = self.query_one("#matches", DataTable)
        table.clear()
        for match in matches:
            table.add_row(*match_cells(match), key=str(match.customer.id))
        self.query_one("#results-title", Static).update(t("{count} customers found", count=len(matches)))
        empty = self.query_one("#results-empty", Static)
        empty.update(  # quotes what was typed: as text, never markup
            data_content(t("No customer matches {text!r}. Press ctrl+n to create one from what you typed.", text=text))
            if not matches
            else ""
        )
        empty.display = not matches

    def on_worker_state_changed(self, event: Worker.StateChanged) -> None:
        """A lookup that failed says why where its matches would be (a text too long to be anyone's, the database
        out of reach), instead of leaving the last answer under new text. Worker.StateChanged does not bubble: the
        screen never hears of this widget's workers."""
        reason = failure_to_show(self, event)
        if reason is None:
            return
        self.matches, self.matches_for, self._open_top_for = [], "", None
        self.query_one("#matches", DataTable).clear()
        self.query_one("#results-title", Static).update("")
        empty = self.query_one("#results-empty", Static)
        empty.update(data_content(reason))
        empty.display = True

    @on(Input.Submitted, "#lookup")
    def _take_top_match(self, event: Input.Submitted) -> None:
        event.stop()
        if self.matches_for != self.text:
            self._open_top_for = self.text  # the agent typed faster than the desk answered
        elif self.matches:
            self.post_message(self.Chosen(self, self.matches[0].customer.id))

    @on(DataTable.RowSelected, "#matches")
    def _row_chosen(self, event: DataTable.RowSelected) -> None:
        event.stop()
        if event.row_key.value is not None:
            self.post_message(self.Chosen(self, int(event.row_key.value)))

    def key_down(self, event: events.Key) -> None:
        # ↓ from the box goes to the matches while they show; otherwise the screen decides (its list).
        if self.active and self.screen.focused is self.box:
            event.stop()
            self.query_one("#matches", DataTable).focus()
