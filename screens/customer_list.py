"""Customers by one of the team's own fields (製造番号 is SN-7, 契約種別 is 法人): the list the caller lookup cannot
give. f changes the filter; Enter opens the customer's 360."""

from functools import partial
from typing import TYPE_CHECKING

from textual import on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.widgets import DataTable, Header, Static

from screens.base import AppScreen
from screens.dialogs.field_filter import FieldChoice, FieldFilterDialog
from screens.messages import OpenCustomer
from screens.safe_text import SafeDataTable, data_content
from screens.tables import fill_table
from screens.widgets.key_bar import KeyBar
from screens.workers import fetch
from supportdesk.i18n import N_, t, v
from supportdesk.phones import display_phone
from supportdesk.services.custom_fields import FieldDefinition
from supportdesk.services.readmodels import CustomerSummary

if TYPE_CHECKING:
    from screens.app import SupportDeskApp

LIMIT = 200  # the desk returns at most this many, in kana order


class CustomerListScreen(AppScreen[None]):
    CSS_PATH = "customer_list.tcss"
    BINDINGS = [
        Binding("escape", "app.pop_screen", N_("Back"), id="customers.back"),
        Binding("f", "filter", N_("Filter by field"), id="customers.filter"),
        Binding("r", "refresh", N_("Refresh"), id="customers.refresh"),
    ]

    def __init__(self, choice: FieldChoice) -> None:
        super().__init__()
        self.choice = choice
        self.people: list[CustomerSummary] = []

    def compose(self) -> ComposeResult:
        yield Header()
        yield Static("", id="list-title")
        yield SafeDataTable(id="customers", cursor_type="row")
        yield Static(t("Loading…"), id="list-empty")
        yield KeyBar()

    def on_mount(self) -> None:
        self.sub_title = t("Customers")
        self.query_one("#customers", DataTable).focus()
        self.load()

    def action_refresh(self) -> None:
        self.load()

    def load(self) -> None:
        c = self.choice
        call = partial(self.desk.customers_by_field, c.name, c.value, LIMIT, c.contains)
        fetch(self, call, self.show, group="customers")

    def show(self, people: list[CustomerSummary]) -> None:
        self.people = people
        columns = [
            (t("Name"), "name", 24),
            (t("Kana"), "kana", 20),
            (t("Company"), "company", 24),
            (t("Phone"), "phone", None),
            (t("Rank"), "rank", None),
        ]
        rows = (
            (
                (
                    p.full_name,
                    p.name_kana or "",
                    p.company_name or "",
                    display_phone(p.phone or p.mobile) or "",
                    v(p.rank),
                ),
                str(p.id),
            )
            for p in people
        )
        fill_table(self.query_one("#customers", DataTable), columns, rows)
        title = t("Customers: {filter}", filter=self.choice.label()) + f" ({len(people)})"
        self.query_one("#list-title", Static).update(data_content(title, one_line=True))
        empty = self.query_one("#list-empty", Static)
        empty.update(t("No customer holds this value.") if not people else "")
        empty.display = not people

    @on(DataTable.RowSelected, "#customers")
    def _open(self, event: DataTable.RowSelected) -> None:
        if event.row_key.value is not None:
            self.post_message(OpenCustomer(int(event.row_key.value)))

    def action_filter(self) -> None:
        fetch(self, partial(self.desk.custom_fields, "customers"), self._pick, group="fields")

    def _pick(self, fields: list[FieldDefinition]) -> None:
        self.app.push_screen(
            FieldFilterDialog("customers", fields, t("Find customers by a team's field")), self._chosen
        )

    def _chosen(self, choice: FieldChoice | None) -> None:
        if choice is not None:
            self.choice = choice
            self.load()


def customer_field_filter(fields: list[FieldDefinition]) -> FieldFilterDialog:
    return FieldFilterDialog("customers", fields, t("Find customers by a team's field"))


def find_customers_by_field(app: "SupportDeskApp") -> None:
    """The palette's "Customers by field": pick the field and value, then the list."""

    def pick(fields: list[FieldDefinition]) -> None:
        if not fields:
            app.notify(t("The desk has no fields of its own for customers yet."), severity="warning")
            return
        app.push_screen(customer_field_filter(fields), chosen)

    def chosen(choice: FieldChoice | None) -> None:
        if choice is not None:
            app.push_screen(CustomerListScreen(choice))

    fetch(app, partial(app.desk.custom_fields, "customers"), pick, group="fields")
