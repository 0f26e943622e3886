"""Change a ticket's status: only the allowed next statuses are offered."""

from dataclasses import dataclass
from datetime import date, timedelta

from textual import on
from textual.app import ComposeResult
from textual.containers import Horizontal, Vertical
from textual.widgets import Button, Input, Label, OptionList, Static
from textual.widgets.option_list import Option

from screens.dialogs.base import Dialog
from screens.safe_text import SafeInput
from supportdesk import clock
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
    """Enter on a status moves to the field it needs (never applies it at once); Enter in a field, ctrl+s or OK
    applies. A bad or past date is said in words and nothing typed is lost."""

    def __init__(
        self,
        number: int,
        current: str,
        allowed: tuple[str, ...],
        today: date | None = None,
        *,
        initial: StatusChoice | None = None,
        error: str = "",
    ) -> None:
        """`initial` and `error`: what the agent chose before the desk refused it, and why (shown again)."""
        super().__init__()
        self.number = number
        self.current = current
        self.allowed = allowed
        self.today = today or clock.today()
        self.initial = initial
        self.error = error

    def compose(self) -> ComposeResult:
        with Vertical():
            yield Static(t("Change status") + f" #{self.number}: {v(self.current)} →", classes="title")
            yield OptionList(*(Option(v(s), id=s) for s in self.allowed), id="statuses")
            yield Label(t("Follow-up date (YYYY-MM-DD)"), classes="field-label", id="follow-label")
            follow_up = self.initial.follow_up_on if self.initial and self.initial.follow_up_on else None
            yield SafeInput((follow_up or self.today + timedelta(days=3)).isoformat(), id="follow-up")
            yield Label(t("Reason (optional)"), classes="field-label", id="reason-label")
            yield SafeInput((self.initial.reason if self.initial else None) or "", id="reason")
            yield Static("", classes="error")
            with Horizontal(classes="buttons"):
                yield Button(t("Cancel"), id="cancel")
                yield Button(t("OK"), id="ok", variant="primary")

    def on_mount(self) -> None:
        options = self.query_one("#statuses", OptionList)
        chosen = self.initial.status if self.initial else None
        options.highlighted = self.allowed.index(chosen) if chosen in self.allowed else 0
        options.focus()
        self._shape()
        if self.error:
            self.show_error(self.error)

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
            typed = self.query_one("#follow-up", Input).value.strip()
            follow_up = parse_date(typed)
            problem = ""
            if follow_up is None:
                problem = t("{text!r} is not a date: write it as YYYY-MM-DD.", text=typed)
            elif follow_up < self.today:
                problem = t("{date} is in the past: the follow-up is a day still to come.", date=follow_up.isoformat())
            if problem:
                self.show_error(problem)
                self.query_one("#follow-up", Input).focus()
                return
        if chosen == "resolved" and not reason:
            self.show_error(t("Resolution note (required)"))
            self.query_one("#reason", Input).focus()
            return
        self.dismiss(StatusChoice(chosen, reason, follow_up))
