"""Save the current ticket list as a named view; leads may share it with their team."""

from dataclasses import dataclass

from textual import on
from textual.app import ComposeResult
from textual.containers import Horizontal, Vertical
from textual.widgets import Button, Checkbox, Input, Label, Static

from screens.dialogs.base import Dialog
from screens.safe_text import SafeInput
from supportdesk.i18n import t


@dataclass(frozen=True)
class ViewChoice:
    name: str
    shared: bool


class SaveViewDialog(Dialog[ViewChoice | None]):
    def __init__(self, name: str = "", may_share: bool = False) -> None:
        super().__init__()
        self.view_name = name
        self.may_share = may_share

    def compose(self) -> ComposeResult:
        with Vertical():
            yield Static(t("Save this list as a view"), classes="title")
            yield Label(t("Name"), classes="field-label")
            yield SafeInput(self.view_name, id="view-name")
            if self.may_share:
                yield Checkbox(t("Share with my team"), id="share")
            yield Static("", classes="error")
            with Horizontal(classes="buttons"):
                yield Button(t("Cancel"), id="cancel")
                yield Button(t("Save"), id="ok", variant="primary")

    def on_mount(self) -> None:
        self.query_one("#view-name", Input).focus()

    @on(Input.Submitted)
    def _entered(self) -> None:
        self.action_submit()

    def action_submit(self) -> None:
        name = self.query_one("#view-name", Input).value.strip()
        if not name:
            self.show_error(t("Give the view a name."))
            return
        shared = self.may_share and self.query_one("#share", Checkbox).value
        self.dismiss(ViewChoice(name, shared))
