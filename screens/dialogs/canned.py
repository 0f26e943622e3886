"""Pick a canned response from a filterable list; it comes back with its placeholders filled.

The list is the agent's team's responses and the desk-wide ones, as the leads keep them (services/canned.py).
"""

from collections.abc import Mapping
from dataclasses import dataclass
from functools import partial

from rich.text import Text
from textual import on
from textual.app import ComposeResult
from textual.containers import Vertical
from textual.widgets import Input, OptionList, Static
from textual.widgets.option_list import Option
from textual.worker import Worker, WorkerState

from screens.dialogs.base import Dialog
from screens.safe_text import SafeInput, data_content, data_text
from screens.workers import fetch
from supportdesk.i18n import t
from supportdesk.services.canned import CannedResponse, filter_canned, render


@dataclass(frozen=True)
class CannedChoice:
    canned_id: int
    text: str


def canned_title(response: CannedResponse) -> Text:
    """A response's title (text a lead wrote) and its language."""
    return Text.assemble(data_text(response.title), (f"  {response.lang.upper()}", "dim"))


def canned_option(response: CannedResponse) -> Option:
    """A response as a line of the list."""
    return Option(canned_title(response), id=str(response.id))


class CannedDialog(Dialog[CannedChoice | None]):
    def __init__(self, values: Mapping[str, object]) -> None:
        super().__init__()
        self.values = values
        self.all: tuple[CannedResponse, ...] = ()
        self.shown: list[CannedResponse] = []

    def compose(self) -> ComposeResult:
        with Vertical():
            yield Static(t("Pick a canned response"), classes="title")
            yield SafeInput(placeholder=t("Filter…"), id="canned-filter")
            yield OptionList(id="canned")
            yield Static("", id="canned-preview")
            yield Static("", classes="error")

    def on_mount(self) -> None:
        fetch(self, partial(self.desk.canned_responses), self._loaded, group="canned")
        self.query_one("#canned-filter", Input).focus()

    def _loaded(self, responses: list[CannedResponse]) -> None:
        self.all = tuple(responses)
        if not responses:
            self.show_error(t("No canned responses yet: a lead adds them (ctrl+p → Canned responses)."))
        self._refilter(self.query_one("#canned-filter", Input).value)

    @on(Input.Changed, "#canned-filter")
    def _filter_changed(self, event: Input.Changed) -> None:
        self._refilter(event.value)

    def _refilter(self, text: str) -> None:
        self.shown = filter_canned(text, self.all)
        options = self.query_one("#canned", OptionList)
        options.clear_options()
        options.add_options([canned_option(r) for r in self.shown])
        if self.shown:
            options.highlighted = 0
        self._preview()

    @on(OptionList.OptionHighlighted)
    def _preview(self) -> None:
        chosen = self._chosen()
        preview = data_content(render(chosen.body, **self.values)) if chosen else ""
        self.query_one("#canned-preview", Static).update(preview)

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
            self.dismiss(CannedChoice(chosen.id, render(chosen.body, **self.values)))

    def on_worker_state_changed(self, event: Worker.StateChanged) -> None:
        if event.state == WorkerState.ERROR:
            self.show_error(event.worker.error)
