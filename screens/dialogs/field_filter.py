"""Filter a list by one of the team's own fields (品番 is A-100, 保証期限 is 2027-03-31, 備考 contains 至急).

The desk reads the value as the field reads an entry (2027/3/31 is 2027-03-31, a choice in any width) and refuses
what the field cannot hold or the reader may not filter by (trainers: no text fields); the refusal shows here.
"""

from collections.abc import Callable
from dataclasses import dataclass
from functools import partial

from textual import on
from textual.app import ComposeResult
from textual.containers import Horizontal, Vertical
from textual.widgets import Button, Input, Label, Select, Static
from textual.worker import Worker, WorkerState

from screens.base import AppScreen
from screens.dialogs.base import Dialog
from screens.safe_text import SafeInput, data_text
from screens.workers import fetch
from supportdesk.i18n import t, v
from supportdesk.models.enums import CustomType
from supportdesk.services.custom_fields import FieldDefinition

HINTS = {CustomType.DATE.value: "YYYY-MM-DD", CustomType.NUMBER.value: "0"}
IS, CONTAINS = "is", "contains"


@dataclass(frozen=True)
class FieldChoice:
    """A field filter the desk accepted: the value as the field keeps it, and how it is matched."""

    field_id: int
    name: str
    value: str
    contains: bool = False

    def label(self) -> str:
        """'品番 is A-100' in the reader's language (the name and value are data: show them as text)."""
        if self.contains:
            return t("{name} contains {value}", name=self.name, value=self.value)
        return t("{name} is {value}", name=self.name, value=self.value)


class FieldFilterDialog(Dialog[FieldChoice | None]):
    """Pick a field, how it matches (part of a text, or the whole value) and the value."""

    def __init__(self, kind: str, fields: list[FieldDefinition], title: str) -> None:
        super().__init__()
        self.kind = kind
        self.fields = {f.id: f for f in fields}
        self.title_text = title

    def compose(self) -> ComposeResult:
        with Vertical():
            yield Static(self.title_text, classes="title")
            yield Label(t("Field"), classes="field-label")
            options = [(data_text(f"{f.name} ({v(f.holds)})"), f.id) for f in self.fields.values()]
            first = next(iter(self.fields), None)
            yield Select(options, value=first if first is not None else Select.BLANK, allow_blank=False, id="field")
            yield Label(t("Match"), classes="field-label")
            yield Select([(t("is"), IS), (t("contains"), CONTAINS)], value=IS, allow_blank=False, id="how")
            yield Label(t("Value"), classes="field-label")
            yield SafeInput("", id="value")
            yield Static("", classes="error")
            with Horizontal(classes="buttons"):
                yield Button(t("Cancel"), id="cancel")
                yield Button(t("Filter") + " (ctrl+s)", id="ok", variant="primary")

    def on_mount(self) -> None:
        self._fit_to_field()
        self.query_one("#value", Input).focus()

    @property
    def field(self) -> FieldDefinition | None:
        chosen = self.query_one("#field", Select).value
        return self.fields.get(chosen) if isinstance(chosen, int) else None

    @on(Select.Changed, "#field")
    def _fit_to_field(self) -> None:
        # Only a text is matched on a part; a number, date or choice is found by its whole value.
        field = self.field
        text = field is not None and field.holds == CustomType.TEXT.value
        how = self.query_one("#how", Select)
        if not text:
            how.value = IS
        how.disabled = not text
        box = self.query_one("#value", Input)
        box.placeholder = (" / ".join(field.choices) if field.choices else HINTS.get(field.holds, "")) if field else ""

    @on(Input.Submitted)
    def _entered(self) -> None:
        self.action_submit()

    def action_submit(self) -> None:
        field = self.field
        if field is None:
            self.dismiss(None)
            return
        contains = self.query_one("#how", Select).value == CONTAINS
        typed = self.query_one("#value", Input).value
        call = partial(self.desk.field_filter, self.kind, field.name, typed, contains)
        fetch(self, call, lambda found: self.dismiss(FieldChoice(found[0], field.name, found[1], contains)), group="f")

    def on_worker_state_changed(self, event: Worker.StateChanged) -> None:
        if event.state == WorkerState.ERROR:
            self.show_error(event.worker.error)


def ticket_field_filter(fields: list[FieldDefinition]) -> FieldFilterDialog:
    """The dialog for a ticket list (home queue, a dashboard's list)."""
    return FieldFilterDialog("tickets", fields, t("Filter the list by a team's field"))


def ask_ticket_field(screen: AppScreen[None], chosen: Callable[[FieldChoice | None], None]) -> None:
    """A ticket list's `f`: the desk's ticket fields fetched, then the dialog (a warning when there are none)."""

    def pick(fields: list[FieldDefinition]) -> None:
        if not fields:
            screen.notify(t("The desk has no fields of its own for tickets yet."), severity="warning")
            return
        screen.app.push_screen(ticket_field_filter(fields), chosen)

    fetch(screen, partial(screen.desk.custom_fields, "tickets"), pick, group="fields")
