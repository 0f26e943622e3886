"""Create or edit a customer; the services validate and normalise, errors show beside the form."""

from dataclasses import MISSING, dataclass, fields
from functools import partial
from typing import Any

from textual import work
from textual.app import ComposeResult
from textual.containers import Horizontal, Vertical, VerticalScroll
from textual.widgets import Button, Checkbox, Input, Label, Select, Static
from textual.worker import Worker, WorkerState

from screens.dialogs.base import Dialog
from screens.safe_text import SafeInput, data_content, data_text
from screens.widgets.custom_fields import CustomFieldInputs
from supportdesk.fields import Kind, Type, Use, fields_of
from supportdesk.i18n import t, v
from supportdesk.normalize import is_kana, lookup_keys
from supportdesk.services.customer_360 import CustomerProfile
from supportdesk.services.customers import CustomerCreate

# The form's fields and labels come from the registry (supportdesk.fields): its text and date fields as inputs,
# then the choices as selects and the yes/no fields as check boxes. What is typed goes to the services as text
# (Desk.add_customer / edit_customer), read as a file's cell is: 1990/4/1 is a date, the company is found by name.
FORM_FIELDS = fields_of(Kind.CUSTOMERS, Use.FORM)
TEXT_FIELDS = tuple((f.name, f.label) for f in FORM_FIELDS if f.holds in (Type.TEXT, Type.DATE))
DATE_FIELDS = frozenset(f.name for f in FORM_FIELDS if f.holds is Type.DATE)
CHOICE_FIELDS = tuple(f for f in FORM_FIELDS if f.holds is Type.CHOICE)
YES_NO_FIELDS = tuple(f for f in FORM_FIELDS if f.holds is Type.YES_NO)
# A choice the record may leave empty (gender, acquisition channel) offers a blank; the rank always has a value.
OPTIONAL = frozenset(f.name for f in fields(CustomerCreate) if f.default is None or f.default is MISSING)


def _shown(value: object) -> str:
    if value is None:
        return ""
    return value.isoformat() if hasattr(value, "isoformat") else str(value)


@dataclass(frozen=True)
class NewCompany:
    """The form named a company the desk does not have: its own form opens first, then the customer is saved."""

    name: str
    values: dict[str, str]


@dataclass(frozen=True)
class Duplicates:
    """People the desk already has who look like the new one: said once, then Create again creates."""

    message: str


class CustomerForm(Dialog[int | None]):
    """New customer (dismisses with the new id) or edit of an existing profile (with the version shown)."""

    def __init__(
        self,
        initial: dict[str, Any] | None = None,
        profile: CustomerProfile | None = None,
        company_name: str | None = None,
    ) -> None:
        super().__init__()
        self.profile = profile
        self.initial = dict(initial or {})
        if company_name:
            self.initial["company"] = company_name
        self.warned_duplicates = False
        self.company_shown = ""

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
        if self.profile is not None and hasattr(self.profile, name):
            return getattr(self.profile, name)
        return self.initial.get(name)

    def compose(self) -> ComposeResult:
        title = t("Edit profile") if self.profile else t("New customer")
        with Vertical():
            yield Static(data_content(title + (f": {self.profile.full_name}" if self.profile else "")), classes="title")
            with VerticalScroll(id="form"):
                for name, label in TEXT_FIELDS:
                    suffix = " (" + t("Required") + ")" if name == "full_name" else ""
                    if name == "company":
                        suffix = " (" + t("name or number") + ")"
                    yield Label(t(label) + suffix, classes="field-label")
                    hint = "YYYY-MM-DD" if name in DATE_FIELDS else ""
                    yield SafeInput(_shown(self._value(name)), id=name, placeholder=hint)
                for choice in CHOICE_FIELDS:
                    assert choice.choices is not None
                    yield Label(t(choice.label), classes="field-label")
                    options = [(data_text(v(c)), c.value) for c in choice.choices]
                    current = self._value(choice.name)
                    if choice.name in OPTIONAL:
                        yield Select(
                            options, value=str(current) if current else Select.NULL, prompt="—", id=choice.name
                        )
                    else:
                        start = str(current) if current else options[0][1]
                        yield Select(options, value=start, allow_blank=False, id=choice.name)
                for yes_no in YES_NO_FIELDS:
                    yield Checkbox(t(yes_no.label), value=bool(self._value(yes_no.name)), id=yes_no.name)
                yield CustomFieldInputs("customers", self.profile.id if self.profile else None, id="custom-fields")
            yield Static("", classes="error")
            with Horizontal(classes="buttons"):
                yield Button(t("Cancel"), id="cancel")
                yield Button((t("Save") if self.profile else t("Create")) + " (ctrl+s)", id="ok", variant="primary")

    def on_mount(self) -> None:
        self.query_one("#full_name", Input).focus()
        # The company as the input shows it (a name with control characters is shown with visible marks), so an
        # untouched company is recognised as untouched.
        self.company_shown = self.query_one("#company", Input).value

    def values(self) -> dict[str, str]:
        """What the form holds, as text the services read; an unchanged company is left out (its name may be
        shared by another company, which only matters when someone picks it)."""
        out = {name: self.query_one(f"#{name}", Input).value for name, _ in TEXT_FIELDS}
        if self.profile is not None and out.get("company") == self.company_shown:
            out.pop("company")
        for f in CHOICE_FIELDS:
            chosen = self.query_one(f"#{f.name}", Select).value
            out[f.name] = "" if chosen is Select.NULL else str(chosen)
        out |= {f.name: "yes" if self.query_one(f"#{f.name}", Checkbox).value else "no" for f in YES_NO_FIELDS}
        if self.profile is None:  # a new record: only what was given
            out = {name: value for name, value in out.items() if value.strip()}
        return out

    def action_submit(self) -> None:
        # The team's own fields go with the others, as `custom:NAME` (Desk.add_customer/edit_customer read them).
        self.save(self.values() | self.query_one(CustomFieldInputs).pairs())

    def _company_added(self, values: dict[str, str], company_id: int | None) -> None:
        """The company typed was new: once its form is saved, the customer is saved with it."""
        if company_id is not None:
            self.save(values | {"company": str(company_id)})

    def save(self, values: dict[str, str]) -> None:
        self._save(values, self.profile, self.warned_duplicates)

    @work(thread=True, exclusive=True, group="save", exit_on_error=False)
    def _save(
        self, values: dict[str, str], profile: CustomerProfile | None, warned: bool
    ) -> "int | NewCompany | Duplicates":
        desk = self.desk
        company = values.get("company", "").strip()
        if company and not company.isdigit() and not desk.find_companies(company, 1):
            return NewCompany(company, values)  # nothing starts like it: the company is new to the desk
        if profile is not None:
            desk.edit_customer(profile.id, values, profile.version)
            return profile.id
        if not warned and values.get("full_name", "").strip():
            typed = CustomerCreate(
                full_name=values["full_name"],
                name_kana=values.get("name_kana"),
                email=values.get("email"),
                phone=values.get("phone"),
                mobile=values.get("mobile"),
            )
            duplicates = desk.duplicate_candidates(typed)
            if duplicates:
                names = ", ".join(f"{d.customer.full_name} ({'/'.join(d.reasons)})" for d in duplicates[:3])
                return Duplicates(t("Possible duplicates: {names}. Press Create again to create anyway.", names=names))
        return desk.add_customer(values)

    def on_worker_state_changed(self, event: Worker.StateChanged) -> None:
        result = event.worker.result
        if event.state == WorkerState.SUCCESS and isinstance(result, NewCompany):
            from screens.dialogs.company_form import CompanyForm

            self.app.push_screen(CompanyForm(name=result.name), partial(self._company_added, result.values))
        elif event.state == WorkerState.SUCCESS and isinstance(result, Duplicates):
            self.warned_duplicates = True
            self.show_error(result.message)
        elif event.state == WorkerState.SUCCESS and result is not None:
            self.dismiss(result)
        elif event.state == WorkerState.ERROR:
            self.show_error(event.worker.error)
            error = event.worker.error
            field = getattr(error, "field", None)
            for name, label in TEXT_FIELDS:
                if field and (field == name or field == label.lower()):
                    self.query_one(f"#{name}", Input).focus()
