"""Create or edit a customer; the services validate and normalise, errors show beside the form."""

from dataclasses import fields
from typing import Any

from textual import work
from textual.app import ComposeResult
from textual.containers import Horizontal, Vertical, VerticalScroll
from textual.widgets import Button, Checkbox, Input, Label, Select, Static
from textual.worker import Worker, WorkerState

from screens.dialogs.base import Dialog
from supportdesk.i18n import N_, t, v
from supportdesk.models import CustomerRank
from supportdesk.normalize import is_kana, lookup_keys
from supportdesk.services.customer_360 import CustomerProfile
from supportdesk.services.customers import CustomerCreate

TEXT_FIELDS = (
    ("full_name", N_("Name")),
    ("name_kana", N_("Kana")),
    ("phone", N_("Phone")),
    ("mobile", N_("Mobile")),
    (N_("email"), N_("E-mail")),
    ("postal_code", N_("Postal code")),
    ("address", N_("Address")),
    ("occupation", N_("Occupation")),
    ("department", N_("Department")),
    ("job_title", N_("Job title")),
    ("notes", N_("Notes")),
)


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
            yield Static(title + (f": {self.profile.full_name}" if self.profile else ""), classes="title")
            with VerticalScroll(id="form"):
                for name, label in TEXT_FIELDS:
                    suffix = " (" + t("Required") + ")" if name == "full_name" else ""
                    yield Label(t(label) + suffix, classes="field-label")
                    yield Input(self._value(name) or "", id=name)
                yield Label(t("Rank"), classes="field-label")
                yield Select(
                    [(v(r), r.value) for r in CustomerRank],
                    value=self._value("rank") or "new",
                    allow_blank=False,
                    id="rank",
                )
                yield Checkbox(t("Consent to contact"), value=bool(self._value("contact_consent")), id="consent")
            yield Static("", classes="error")
            with Horizontal(classes="buttons"):
                yield Button(t("Cancel"), id="cancel")
                yield Button((t("Save") if self.profile else t("Create")) + " (ctrl+s)", id="ok", variant="primary")

    def on_mount(self) -> None:
        self.query_one("#full_name", Input).focus()

    def values(self) -> dict[str, Any]:
        out: dict[str, Any] = {name: self.query_one(f"#{name}", Input).value for name, _ in TEXT_FIELDS}
        out["rank"] = str(self.query_one("#rank", Select).value)
        out["contact_consent"] = self.query_one("#consent", Checkbox).value
        return out

    def action_submit(self) -> None:
        self.save(self.values())

    @work(thread=True, exclusive=True, group="save", exit_on_error=False)
    def save(self, values: dict[str, Any]) -> int | None:
        desk = self.desk
        if self.profile is not None:
            desk.update_customer(self.profile.id, values, self.profile.version)
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
        return desk.create_customer(data)

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
