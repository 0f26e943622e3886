"""Link this ticket to another (related, parent, child) or merge the other into it (the same customer twice)."""

from dataclasses import dataclass

from textual.app import ComposeResult
from textual.containers import Horizontal, Vertical
from textual.widgets import Button, Input, Label, Select, Static

from screens.dialogs.base import Dialog
from supportdesk.i18n import N_, t

# What to do with the other ticket, as the agent reads it.
LINK_ACTIONS = {
    "related": N_("Related to this one"),
    "parent": N_("Part of this one (this is its parent)"),
    "child": N_("This one is part of it (it is the parent)"),
    "merge": N_("Merge it into this one (it is closed)"),
}


@dataclass(frozen=True)
class LinkChoice:
    other: int
    action: str  # a key of LINK_ACTIONS


class LinkDialog(Dialog[LinkChoice | None]):
    def __init__(self, number: int) -> None:
        super().__init__()
        self.number = number

    def compose(self) -> ComposeResult:
        with Vertical():
            yield Static(t("Link or merge #{number}", number=self.number), classes="title")
            yield Label(t("The other ticket's number"), classes="field-label")
            yield Input("", id="other", restrict=r"#?[0-9]*", max_length=16)
            yield Label(t("How they belong together"), classes="field-label")
            yield Select([(t(label), key) for key, label in LINK_ACTIONS.items()], value="related", id="action")
            yield Static("", classes="error")
            with Horizontal(classes="buttons"):
                yield Button(t("Cancel"), id="cancel")
                yield Button(t("Save") + " (ctrl+s)", id="ok", variant="primary")

    def on_mount(self) -> None:
        self.query_one("#other", Input).focus()

    def action_submit(self) -> None:
        typed = self.query_one("#other", Input).value.lstrip("#")
        action = self.query_one("#action", Select).value
        if not typed.isdigit() or int(typed) == self.number or not isinstance(action, str):
            self.show_error(t("The other ticket's number"))
            return
        self.dismiss(LinkChoice(int(typed), action))
