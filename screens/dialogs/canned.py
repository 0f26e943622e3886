"""Pick a canned response from a filterable list; it comes back with its placeholders filled."""

from collections.abc import Mapping

from textual import on
from textual.app import ComposeResult
from textual.containers import Vertical
from textual.widgets import Input, OptionList, Static
from textual.widgets.option_list import Option

from screens.dialogs.base import Dialog
from supportdesk.i18n import t
from supportdesk.services.canned import CannedResponse, filter_canned, render


class CannedDialog(Dialog[str | None]):
    def __init__(self, values: Mapping[str, object]) -> None:
        super().__init__()
        self.values = values
        self.shown: list[CannedResponse] = []

    def compose(self) -> ComposeResult:
        with Vertical():
            yield Static(t("Pick a canned response"), classes="title")
            yield Input(placeholder=t("Filter…"), id="canned-filter")
            yield OptionList(id="canned")
            yield Static("", id="canned-preview")
            yield Static("", classes="error")

    def on_mount(self) -> None:
        self._refilter("")
        self.query_one("#canned-filter", Input).focus()

    @on(Input.Changed, "#canned-filter")
    def _filter_changed(self, event: Input.Changed) -> None:
        self._refilter(event.value)

    def _refilter(self, text: str) -> None:
        self.shown = filter_canned(text)
        options = self.query_one("#canned", OptionList)
        options.clear_options()
        options.add_options([Option(r.title, id=r.key) for r in self.shown])
        if self.shown:
            options.highlighted = 0
        self._preview()

    @on(OptionList.OptionHighlighted)
    def _preview(self) -> None:
        chosen = self._chosen()
        self.query_one("#canned-preview", Static).update(render(chosen.body, **self.values) if chosen else "")

    def _chosen(self) -> CannedResponse | None:
        index = self.query_one("#canned", OptionList).highlighted
        return self.shown[index] if index is not None and index < len(self.shown) else None

    def key_down(self) -> None:
        if self.focused is self.query_one("#canned-filter", Input):
            self.query_one("#canned", OptionList).focus()

    @on(Input.Submitted)
    @on(OptionList.OptionSelected)
    def _picked(self) -> None:
        self.action_submit()

    def action_submit(self) -> None:
        chosen = self._chosen()
        if chosen is not None:
            self.dismiss(render(chosen.body, **self.values))
