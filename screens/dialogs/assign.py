"""Assign a ticket to an agent (or nobody) and optionally a team."""

from dataclasses import dataclass

from textual import on
from textual.app import ComposeResult
from textual.containers import Horizontal, Vertical
from textual.widgets import Button, Input, Label, OptionList, Static
from textual.widgets.option_list import Option

from screens.dialogs.base import Dialog
from screens.safe_text import SafeInput, data_text
from supportdesk.i18n import t, v
from supportdesk.services.actor import Actor

NOBODY = "nobody"


@dataclass(frozen=True)
class AssignChoice:
    assignee_id: int | None
    team: str | None
    note: str | None = None  # for the next person (引き継ぎ), shown in the thread


class AssignDialog(Dialog[AssignChoice | None]):
    def __init__(
        self,
        number: int,
        users: list[Actor],
        current_id: int | None,
        team: str | None,
        *,
        initial: AssignChoice | None = None,
        error: str = "",
    ) -> None:
        """`initial` and `error`: what the agent chose before the desk refused it, and why (shown again)."""
        super().__init__()
        self.number = number
        self.users = [u for u in users if u.role in ("agent", "lead", "admin")]
        self.current_id = initial.assignee_id if initial else current_id
        self.team = initial.team if initial else team
        self.note = (initial.note if initial else None) or ""
        self.error = error

    def compose(self) -> ComposeResult:
        with Vertical():
            yield Static(t("Assign") + f" #{self.number}", classes="title")
            options = [Option(t("Nobody (unassigned)"), id=NOBODY)]
            options += [
                Option(data_text(f"{u.name}  ({u.login}, {v(u.role)}, {u.team or '—'})"), id=str(u.id))
                for u in self.users
            ]
            yield OptionList(*options, id="users")
            yield Label(t("Team"), classes="field-label")
            yield SafeInput(self.team or "", id="team")
            yield Label(t("Handover note (optional)"), classes="field-label")
            yield SafeInput(self.note, id="note")
            yield Static("", classes="error")
            with Horizontal(classes="buttons"):
                yield Button(t("Cancel"), id="cancel")
                yield Button(t("OK"), id="ok", variant="primary")

    def on_mount(self) -> None:
        options = self.query_one("#users", OptionList)
        ids = [NOBODY] + [str(u.id) for u in self.users]
        options.highlighted = ids.index(str(self.current_id)) if str(self.current_id) in ids else 0
        options.focus()
        if self.error:
            self.show_error(self.error)

    @on(OptionList.OptionSelected)
    def _picked(self) -> None:
        self.action_submit()

    @on(Input.Submitted)
    def _entered(self) -> None:
        self.action_submit()

    def action_submit(self) -> None:
        options = self.query_one("#users", OptionList)
        if options.highlighted is None:
            return
        picked = options.get_option_at_index(options.highlighted).id
        team = self.query_one("#team", Input).value.strip()
        note = self.query_one("#note", Input).value.strip()
        self.dismiss(AssignChoice(None if picked == NOBODY else int(str(picked)), team or None, note or None))
