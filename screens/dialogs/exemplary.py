"""Mark a resolved case as exemplary: a short summary and tags."""

from dataclasses import dataclass

from textual.app import ComposeResult
from textual.containers import Horizontal, Vertical
from textual.widgets import Button, Input, Label, Static, TextArea

from screens.dialogs.base import Dialog
from screens.safe_text import SafeInput, SafeTextArea
from supportdesk.i18n import t


@dataclass(frozen=True)
class ExemplaryChoice:
    summary: str
    tags: list[str]


class ExemplaryDialog(Dialog[ExemplaryChoice | None]):
    def __init__(self, number: int, summary: str = "", tags: str = "") -> None:
        super().__init__()
        self.number = number
        self.summary = summary
        self.tags = tags

    def compose(self) -> ComposeResult:
        with Vertical():
            yield Static(t("Mark exemplary") + f" #{self.number}", classes="title")
            yield Label(t("What makes this case worth learning from (required)"), classes="field-label")
            yield SafeTextArea(self.summary, id="summary")
            yield Label(t("Tags, separated by spaces"), classes="field-label")
            yield SafeInput(self.tags, id="tags")
            yield Static("", classes="error")
            with Horizontal(classes="buttons"):
                yield Button(t("Cancel"), id="cancel")
                yield Button(t("Save") + " (ctrl+s)", id="ok", variant="primary")

    def on_mount(self) -> None:
        self.query_one("#summary", TextArea).focus()

    def action_submit(self) -> None:
        summary = self.query_one("#summary", TextArea).text.strip()
        if not summary:
            self.show_error(t("What makes this case worth learning from (required)"))
            return
        self.dismiss(ExemplaryChoice(summary, self.query_one("#tags", Input).value.split()))
