"""Create or edit a customer; the services validate and normalise, errors show beside the form."""

from dataclasses import fields
from typing import Any

from textual import work
from textual.app import ComposeResult
from textual.containers import Horizontal, Vertical, VerticalScroll
from textual.widgets import Button, Checkbox, Input, Label, Select, Static
from textual.worker import Worker, WorkerState

from screens.dialogs.base import Dialog
from screens.safe_text import SafeInput, data_content
from screens.widgets.custom_fields import CustomFieldInputs
from supportdesk.fields import Kind, Type, Use, fields_of
from supportdesk.i18n import t, v
from supportdesk.normalize import is_kana, lookup_keys
from supportdesk.services.customer_360 import CustomerProfile
from supportdesk.services.customers import CustomerCreate

# The form's fields and labels come from the registry (supportdesk.fields): its text fields as inputs, then the
# choices as selects and the yes/no fields as check boxes.
FORM_FIELDS = fields_of(Kind.CUSTOMERS, Use.FORM)
TEXT_FIELDS = tuple((f.name, f.label) for f in FORM_FIELDS if f.holds is Type.TEXT)
CHOICE_FIELDS = tuple(f for f in FORM_FIELDS if f.holds is Type.CHOICE)
YES_NO_FIELDS = tuple(f for f in FORM_FIELDS if f.holds is Type.YES_NO)


class CustomerForm(Dialog[int | None]):
    """New customer (dismisses with the new id) or edit of an existing profile (with the version shown)."""

    def __init__(self, initial: dict[str, Any] | None = None, profile: CustomerProfile | None = None) -> None:
        super().__init__()
        self.profile = profile
        self.initial = initial or {}
        self.warned_duplicates = False

    @classmethod
    def prefilled(cls, typed: str) -> "CustomerForm":
        """A new-customer form filled from what the agent typed in the lookup box."""
        keys = lookup_keys(typed)
        if keys.phone:
            return cls({"phone": keys.text})
        if keys.email:
            return cls({"email": keys.text})
        if keys.text and is_kana(keys.text):
            return cls({"name_kana": keys.text})
        return cls({"full_name": keys.text} if keys.text else {})

    def _value(self, name: str) -> Any:
        if self.profile is not None:
            return getattr(self.profile, name)
        return self.initial.get(name)

    def compose(self) -> ComposeResult:
        title = t("Edit profile") if self.profile else t("New customer")
        with Vertical():
            yield Static(data_content(title + (f": {self.profile.full_name}" if self.profile else "")), classes="title")
            with VerticalScroll(id="form"):
                for name, label in TEXT_FIELDS:
                    suffix = " (" + t("Required") + ")" if name == "full_name" else ""
                    yield Label(t(label) + suffix, classes="field-label")
                    yield SafeInput(self._value(name) or "", id=name)
                for choice in CHOICE_FIELDS:
                    assert choice.choices is not None
                    yield Label(t(choice.label), classes="field-label")
                    options = [(v(c), c.value) for c in choice.choices]
                    current = self._value(choice.name) or options[0][1]
                    yield Select(options, value=str(current), allow_blank=False, id=choice.name)
                for yes_no in YES_NO_FIELDS:
                    yield Checkbox(t(yes_no.label), value=bool(self._value(yes_no.name)), id=yes_no.name)
                yield CustomFieldInputs("customers", self.profile.id if self.profile else None, id="custom-fields")
            yield Static("", classes="error")
            with Horizontal(classes="buttons"):
                yield Button(t("Cancel"), id="cancel")
                yield Button((t("Save") if self.profile else t("Create")) + " (ctrl+s)", id="ok", variant="primary")

    def on_mount(self) -> None:
        self.query_one("#full_name", Input).focus()

    def values(self) -> dict[str, Any]:
        out: dict[str, Any] = {name: self.query_one(f"#{name}", Input).value for name, _ in TEXT_FIELDS}
        out |= {f.name: str(self.query_one(f"#{f.name}", Select).value) for f in CHOICE_FIELDS}
        out |= {f.name: self.query_one(f"#{f.name}", Checkbox).value for f in YES_NO_FIELDS}
        return out

    def action_submit(self) -> None:
        self.save(self.values(), self.query_one(CustomFieldInputs).pairs())

    @work(thread=True, exclusive=True, group="save", exit_on_error=False)
    def save(self, values: dict[str, Any], custom: dict[str, str]) -> int | None:
        desk = self.desk
        if self.profile is not None:
            desk.update_customer(self.profile.id, values, self.profile.version, custom)
            return self.profile.id
        known = {f.name for f in fields(CustomerCreate)}
        data = CustomerCreate(**{k: v for k, v in values.items() if k in known})
        if not self.warned_duplicates:
            duplicates = desk.duplicate_candidates(data)
            if duplicates:
                self.warned_duplicates = True
                names = ", ".join(f"{d.customer.full_name} ({'/'.join(d.reasons)})" for d in duplicates[:3])
                self.app.call_from_thread(
                    self.show_error,
                    t("Possible duplicates: {names}. Press Create again to create anyway.", names=names),
                )
                return None
        return desk.create_customer(data, custom)

    def on_worker_state_changed(self, event: Worker.StateChanged) -> None:
        if event.state == WorkerState.SUCCESS and event.worker.result is not None:
            self.dismiss(event.worker.result)
        elif event.state == WorkerState.ERROR:
            self.show_error(event.worker.error)
            error = event.worker.error
            field = getattr(error, "field", None)
            for name, label in TEXT_FIELDS:
                if field and (field == name or field == label.lower()):
                    self.query_one(f"#{name}", Input).focus()
