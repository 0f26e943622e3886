"""The team's own fields (品番, 製造番号, 保証期限) as inputs of a form: a text box for text, numbers and dates, a
list for a choice, each labelled with its name (and "required"). The fields are defined on the desk
(`supportdesk field add`); the widget asks the desk for them when it is shown, so any form can hold it.

`pairs()` gives what changed as `{"custom:NAME": value}` (an empty value clears), the names Desk.add_customer /
edit_customer, TicketCreate.custom and Desk.set_ticket_fields read. The desk checks every value (services).
"""

from collections.abc import Mapping, Sequence
from functools import partial

from textual.app import ComposeResult
from textual.containers import Vertical
from textual.widgets import Input, Label, Select, Static
from textual.worker import Worker

from screens.base import desk_app, failure_to_show
from screens.safe_text import SafeInput, data_content, data_text
from screens.workers import fetch
from supportdesk.fields import CUSTOM_PREFIX
from supportdesk.i18n import t
from supportdesk.services.custom_fields import FieldDefinition
from supportdesk.services.readmodels import CustomValueView

# What a person types into each kind of field, as the box's placeholder.
EXAMPLES = {"number": "1200", "date": "2026-12-01", "text": ""}


class CustomFieldInputs(Vertical):
    """The own fields of one kind of record; `object_id` None for a record being created."""

    DEFAULT_CSS = """
    CustomFieldInputs { height: auto; }
    """

    def __init__(
        self, kind: str, object_id: int | None = None, typed: Mapping[str, str] | None = None, *, id: str | None = None
    ) -> None:
        """`typed`: what the person had typed before the desk refused it (`pairs()` of the form before), shown again."""
        super().__init__(id=id)
        self.kind = kind
        self.object_id = object_id
        self.typed = dict(typed or {})
        self.fields: tuple[CustomValueView, ...] = ()

    def on_mount(self) -> None:
        desk = desk_app(self).desk
        if self.object_id is None:
            fetch(self, partial(desk.custom_fields, self.kind), self._show_blank, group="custom-fields")
        else:
            fetch(self, partial(desk.custom_values, self.kind, self.object_id), self.show, group="custom-fields")

    def on_worker_state_changed(self, event: Worker.StateChanged) -> None:
        """Fields the desk could not give say why where they would be, and the form saves without them (`pairs()` is
        empty). Worker.StateChanged does not bubble: the form holding this widget never hears of its worker."""
        reason = failure_to_show(self, event)
        if reason is None:
            return
        self.fields = ()
        self.remove_children()
        said = t("The team's own fields could not be shown: {reason}", reason=reason)
        self.mount(Static(data_content(said), id="custom-fields-failed"))

    def _show_blank(self, definitions: list[FieldDefinition]) -> None:
        self.show([CustomValueView(f.id, f.name, f.holds, None, f.required, f.choices) for f in definitions])

    def show(self, fields: Sequence[CustomValueView]) -> None:
        self.fields = tuple(fields)
        self.remove_children()
        self.mount_all(list(self._inputs()))

    def _inputs(self) -> ComposeResult:
        for f in self.fields:
            shown = self.typed.get(CUSTOM_PREFIX + f.name, f.value)
            label = f.name + (" (" + t("Required") + ")" if f.required else "")
            yield Label(data_text(label), classes="field-label")
            if f.holds == "choice":
                options = [(data_text(c), c) for c in f.choices]
                if shown and shown not in f.choices:
                    options.append((data_text(shown), shown))  # a value kept from before the choices changed
                yield Select(options, value=shown or Select.NULL, prompt="—", id=f"custom-{f.field_id}")
            else:
                yield SafeInput(shown or "", placeholder=EXAMPLES.get(f.holds, ""), id=f"custom-{f.field_id}")

    def value_of(self, field: CustomValueView) -> str:
        widget = self.query_one(f"#custom-{field.field_id}")
        if isinstance(widget, Select):
            chosen = widget.value
            return "" if chosen is Select.NULL or chosen is None else str(chosen)
        assert isinstance(widget, Input)
        return widget.value

    def pairs(self) -> dict[str, str]:
        """The fields whose value the person changed (all given ones for a new record)."""
        changed = {}
        for f in self.fields:
            value = self.value_of(f)
            if value.strip() != (f.value or "") and (value.strip() or f.value is not None):
                changed[CUSTOM_PREFIX + f.name] = value
        return changed
