"""Create or edit a company (企業情報): every field the registry offers on a form, saved through the services."""

from functools import partial

from textual.app import ComposeResult
from textual.containers import Horizontal, Vertical, VerticalScroll
from textual.widgets import Button, Input, Label, Static
from textual.worker import Worker, WorkerState

from screens.dialogs.base import Dialog
from screens.safe_text import SafeInput, data_content
from screens.workers import fetch
from supportdesk.fields import Kind, Type, Use, fields_of
from supportdesk.i18n import t
from supportdesk.services.customer_360 import CompanyProfile

# Typed as text and read by the services as a file's cell is (2001/4/1 is a date, 1,200 a number of employees).
FORM_FIELDS = fields_of(Kind.COMPANIES, Use.FORM)
HINTS = {Type.DATE: "YYYY-MM-DD", Type.INTEGER: "0"}


def _shown(value: object) -> str:
    if value is None:
        return ""
    if isinstance(value, int):
        return str(value)
    return value.isoformat() if hasattr(value, "isoformat") else str(value)


class CompanyForm(Dialog[int | None]):
    """New company (dismisses with its number) or an edit of one (refused if someone saved it meanwhile)."""

    def __init__(self, company: CompanyProfile | None = None, version: int | None = None, name: str = "") -> None:
        super().__init__()
        self.company = company
        self.version = version
        self.typed_name = name  # a new company's name as typed elsewhere (the customer form)

    def compose(self) -> ComposeResult:
        title = t("Edit company") + f": {self.company.name}" if self.company else t("New company")
        with Vertical():
            yield Static(data_content(title), classes="title")
            with VerticalScroll(id="form"):
                for f in FORM_FIELDS:
                    suffix = " (" + t("Required") + ")" if f.name == "name" else ""
                    yield Label(t(f.label) + suffix, classes="field-label")
                    value = (
                        getattr(self.company, f.name)
                        if self.company
                        else (self.typed_name if f.name == "name" else None)
                    )
                    yield SafeInput(_shown(value), id=f.name, placeholder=HINTS.get(f.holds, ""))
            yield Static("", classes="error")
            with Horizontal(classes="buttons"):
                yield Button(t("Cancel"), id="cancel")
                yield Button((t("Save") if self.company else t("Create")) + " (ctrl+s)", id="ok", variant="primary")

    def on_mount(self) -> None:
        self.query_one("#name", Input).focus()

    def values(self) -> dict[str, str]:
        out = {f.name: self.query_one(f"#{f.name}", Input).value for f in FORM_FIELDS}
        if self.company is None:  # a new record: only what was given
            out = {name: value for name, value in out.items() if value.strip()}
        return out

    def action_submit(self) -> None:
        desk, values, company, version = self.desk, self.values(), self.company, self.version
        if company is None:
            fetch(self, partial(desk.add_company, values), self.dismiss, group="save")
            return

        def save() -> int:
            desk.edit_company(company.id, values, version)
            return company.id

        fetch(self, save, self.dismiss, group="save")

    def on_worker_state_changed(self, event: Worker.StateChanged) -> None:
        if event.state == WorkerState.ERROR:
            self.show_error(event.worker.error)
            field = str(getattr(event.worker.error, "field", ""))
            for f in FORM_FIELDS:
                if field in (f.name, f.name.replace("_", " "), "company " + f.name.replace("_", " ")):
                    self.query_one(f"#{f.name}", Input).focus()
