"""Change a ticket's status: only the allowed next statuses are offered."""

from dataclasses import dataclass
from datetime import date, timedelta

from textual import on
from textual.app import ComposeResult
from textual.containers import Horizontal, Vertical
from textual.widgets import Button, Input, Label, OptionList, Static
from textual.widgets.option_list import Option

from screens.dialogs.base import Dialog
from supportdesk.i18n import t, v


@dataclass(frozen=True)
class StatusChoice:
    status: str
    reason: str | None
    follow_up_on: date | None


def parse_date(text: str) -> date | None:
    try:
        return date.fromisoformat(text.strip())
    except ValueError:
        return None


class StatusDialog(Dialog[StatusChoice | None]):
    def __init__(self, number: int, current: str, allowed: tuple[str, ...], today: date | None = None) -> None:
        super().__init__()
        self.number = number
        self.current = current
        self.allowed = allowed
        self.today = today or date.today()

    def compose(self) -> ComposeResult:
        with Vertical():
            yield Static(t("Change status") + f" #{self.number}: {v(self.current)} →", classes="title")
            yield OptionList(*(Option(v(s), id=s) for s in self.allowed), id="statuses")
            yield Label(t("Follow-up date (YYYY-MM-DD)"), classes="field-label", id="follow-label")
            yield Input((self.today + timedelta(days=3)).isoformat(), id="follow-up")
            yield Label(t("Reason (optional)"), classes="field-label", id="reason-label")
            yield Input(id="reason")
            yield Static("", classes="error")
            with Horizontal(classes="buttons"):
                yield Button(t("Cancel"), id="cancel")
                yield Button(t("OK"), id="ok", variant="primary")

    def on_mount(self) -> None:
        options = self.query_one("#statuses", OptionList)
        options.highlighted = 0
        options.focus()
        self._shape()

    @property
    def chosen(self) -> str | None:
        options = self.query_one("#statuses", OptionList)
        if options.highlighted is None:
            return None
        return options.get_option_at_index(options.highlighted).id

    @on(OptionList.OptionHighlighted)
    def _shape(self) -> None:
        """Pending asks for a follow-up date; resolving asks for a resolution note."""
        chosen = self.chosen
        pending = chosen == "pending"
        self.query_one("#follow-label").display = pending
        self.query_one("#follow-up").display = pending
        label = t("Resolution note (required)") if chosen == "resolved" else t("Reason (optional)")
        self.query_one("#reason-label", Label).update(label)

    @on(OptionList.OptionSelected)
    def _picked(self) -> None:
        target = "#follow-up" if self.chosen == "pending" else "#reason"
        self.query_one(target, Input).focus()

    @on(Input.Submitted)
    def _entered(self) -> None:
        self.action_submit()

    def action_submit(self) -> None:
        chosen = self.chosen
        if chosen is None:
            return
        reason = self.query_one("#reason", Input).value.strip() or None
        follow_up = None
        if chosen == "pending":
            follow_up = parse_date(self.query_one("#follow-up", Input).value)
            if follow_up is None:
                self.show_error(t("Follow-up date (YYYY-MM-DD)"))
                self.query_one("#follow-up", Input).focus()
                return
        if chosen == "resolved" and not reason:
            self.show_error(t("Resolution note (required)"))
            self.query_one("#reason", Input).focus()
            return
        self.dismiss(StatusChoice(chosen, reason, follow_up))
