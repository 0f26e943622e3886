"""Customer 360: the person, their company, RFM, purchases, subscriptions, tickets and colleagues at a glance."""

from datetime import date
from functools import partial

from rich.text import Text
from textual import events, on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, Vertical, VerticalScroll
from textual.coordinate import Coordinate
from textual.widgets import DataTable, Header, Static

from screens.base import AppScreen
from screens.dialogs.commerce import CancelSubscriptionDialog, PurchaseDialog, SubscriptionDialog
from screens.dialogs.company_form import CompanyForm
from screens.dialogs.customer_form import CustomerForm
from screens.dialogs.new_ticket import NewTicketDialog
from screens.dialogs.privacy import AnonymiseDialog, ExportPersonDialog
from screens.formatting import yen
from screens.messages import OpenCustomer, OpenTicket
from screens.safe_text import SafeDataTable, safe_text, shown
from screens.tables import fill_table
from screens.widgets.key_bar import KeyBar
from screens.widgets.ticket_table import CUSTOMER_COLUMNS, TicketTable
from screens.workers import fetch
from supportdesk import clock
from supportdesk.i18n import N_, t, tn, v
from supportdesk.services.actor import Action, can
from supportdesk.services.commerce import ProductView
from supportdesk.services.customer_360 import CompanyProfile, Customer360, CustomerProfile
from supportdesk.services.profiles import CompanyRecord
from supportdesk.services.rfm import SEGMENT_LABELS, Rfm


def rfm_line(rfm: Rfm) -> str:
    """'ロイヤル顧客  R4 F5 M3  (40日前, 年6回, ¥80,000)': what the agent reads at a glance."""
    days = rfm.recency_days
    recency = "—" if days is None else tn("{count} day ago", "{count} days ago", days)
    count = tn("{count} time a year", "{count} times a year", rfm.frequency)
    label = t(SEGMENT_LABELS[rfm.segment])
    return f"{label}  R{rfm.r} F{rfm.f} M{rfm.m}  ({recency}, {count}, {yen(rfm.monetary)})"


def profile_lines(p: CustomerProfile) -> list[tuple[str, str]]:
    """Label/value pairs of the person's profile; empty optional fields are left out."""
    pairs = [
        (N_("Kana"), p.name_kana),
        (N_("Phone"), p.phone),
        (N_("Mobile"), p.mobile),
        (N_("E-mail"), p.email),
        (N_("Postal code"), p.postal_code),
        (N_("Address"), p.address),
        (N_("Department"), p.department),
        (N_("Job title"), p.job_title),
        (N_("Decision-maker"), t("yes") if p.is_decision_maker else None),
        (N_("Gender"), v(p.gender) if p.gender else None),
        (N_("Date of birth"), p.birth_date.isoformat() if p.birth_date else None),
        (N_("Occupation"), p.occupation),
        (N_("Rank"), v(p.rank)),
        (N_("Acquisition channel"), v(p.acquisition_channel) if p.acquisition_channel else None),
        (N_("Consent to contact"), t("yes") if p.contact_consent else t("no")),
        (N_("Notes"), p.notes),
    ]
    return [(t(label), str(value)) for label, value in pairs if value]


def company_lines(c: CompanyProfile) -> list[tuple[str, str]]:
    pairs = [
        (N_("Kana"), c.name_kana),
        (N_("Phone"), c.phone),
        (N_("Address"), " ".join(x for x in (c.postal_code, c.address) if x) or None),
        (N_("Industry"), c.industry),
        (N_("Business"), c.business_description),
        (N_("Founded"), c.founded_on.isoformat() if c.founded_on else None),
        (N_("Employees"), f"{c.employees:,}" if c.employees is not None else None),
        (N_("Website"), c.website),
        (N_("Social"), c.social_accounts),
        (N_("Notes"), c.notes),
    ]
    return [(t(label), str(value)) for label, value in pairs if value]


def _card(title: str, lines: list[tuple[str, str]]) -> Text:
    text = Text()
    text.append(shown(title, one_line=True) + "\n", style="bold")
    for label, value in lines:
        text.append(shown(label, one_line=True) + ": ", style="dim")  # a team's own field is named by people
        text.append(shown(value) + "\n")
    return safe_text(text)


def custom_lines(view: Customer360) -> list[tuple[str, str]]:
    """The team's own fields that hold a value, under their names as the administrator wrote them."""
    return [(value.name, value.value) for value in view.custom if value.value is not None]


# How many refreshes the 360 waits for its tables to measure their rows before it says it is shown anyway.
LAYOUT_ROUNDS = 20


def decides(is_decision_maker: bool) -> str:
    return t("yes") if is_decision_maker else ""


class Customer360Screen(AppScreen[None]):
    CSS_PATH = "customer_360.tcss"
    BINDINGS = [
        Binding("escape", "app.pop_screen", N_("Back"), id="customer.back"),
        Binding("n", "new_ticket", N_("New ticket"), id="customer.new_ticket"),
        Binding("e", "edit", N_("Edit"), id="customer.edit"),
        Binding("o", "edit_company", N_("Company"), id="customer.edit_company"),
        Binding("p", "purchase", N_("Purchase"), id="customer.purchase"),
        Binding("s", "subscription", N_("Subscription"), id="customer.subscription"),
        Binding("c", "cancel_subscription", N_("Cancellation"), id="customer.cancel_subscription"),
        # Listed by F1; the footer keeps its room for the keys that enter records (at 100 columns every key above
        # fits in either language; an administrator's privacy requests, rarer and weightier, are not pressed by habit).
        Binding("r", "reload", N_("Reload"), show=False, id="customer.reload"),
        Binding("x", "export_person", N_("Export personal data"), show=False, id="customer.privacy_export"),
        Binding("ctrl+d", "anonymise", N_("Anonymise"), show=False, id="customer.anonymise"),
    ]

    def __init__(self, customer_id: int, today: date | None = None) -> None:
        super().__init__()
        self.customer_id = customer_id
        self.today = today or clock.today()
        self.view: Customer360 | None = None
        # The customer whose 360 is on screen and laid out (every table measured, then a refresh): what tests and
        # bench/bench_app.py wait on. None while loading.
        self.shown_for: int | None = None

    def compose(self) -> ComposeResult:
        yield Header()
        with Horizontal(id="c360"):
            with VerticalScroll(id="profile"):
                yield Static(t("Loading…"), id="person")
                yield Static("", id="rfm")
                yield Static("", id="company")
            with Vertical(id="history"):
                yield Static(t("Tickets"), classes="section", id="tickets-title")
                yield TicketTable(id="c-tickets", columns=CUSTOMER_COLUMNS, min_subject=12)
                yield Static(t("Purchases"), classes="section", id="purchases-title")
                yield SafeDataTable(id="c-purchases", cursor_type="row")
                yield Static(t("Subscriptions"), classes="section")
                yield SafeDataTable(id="c-subscriptions", cursor_type="row")
                yield Static(t("Colleagues at the same company"), classes="section", id="colleagues-title")
                yield SafeDataTable(id="c-colleagues", cursor_type="row")
        yield KeyBar()

    def on_mount(self) -> None:
        self._fit_profile(self.app.size.width)
        self.load()

    def reopen(self, customer_id: int, today: date | None = None) -> None:
        """This screen, closed, on another customer: the app keeps one 360 and shows the next customer in it
        (composing a new screen and matching its styles was most of the time of opening a 360, bench/bench_app.py).
        Called before the app shows it again; nothing of the last customer stays on screen."""
        self.customer_id, self.today = customer_id, today or clock.today()
        self.view, self.shown_for = None, None
        self.sub_title = self.app.sub_title
        with self.app.batch_update():
            self.query_one("#person", Static).update(t("Loading…"))
            for pane in ("#rfm", "#company", "#tickets-title", "#purchases-title"):
                self.query_one(pane, Static).update("")
            self.query_one(TicketTable).show_rows([])
            for table in self.query(SafeDataTable).results(SafeDataTable):
                if not isinstance(table, TicketTable):
                    table.clear()
        self.load()

    def on_resize(self, event: events.Resize) -> None:
        self._fit_profile(event.size.width)

    def _fit_profile(self, width: int) -> None:
        # Below 140 columns the profile gives up width so the ticket list keeps number, status, priority, due and
        # assignee in view (the profile's lines wrap instead).
        self.query_one("#profile").styles.width = 44 if width >= 140 else 30

    def action_reload(self) -> None:
        self.load()

    def came_back(self) -> None:
        self.load()

    def load(self) -> None:
        fetch(self, partial(self.desk.customer_360, self.customer_id, self.today), self.show, group="c360")

    def show(self, view: Customer360) -> None:
        if view.profile.id != self.customer_id:  # an answer about the customer this screen showed before
            return
        with self.app.batch_update():  # one repaint for every pane (each update would lay the screen out again)
            self._show(view)
        self.shown_for = None
        self._when_laid_out(view.profile.id, LAYOUT_ROUNDS)

    def _when_laid_out(self, customer_id: int, rounds: int) -> None:
        """`shown_for` once every table shown has measured its new rows (DataTable does it when its queue runs dry)
        and the screen has been laid out after that. Bounded: a hidden table (no subscriptions) never measures, and
        a closed screen's refresh callbacks run on the screen shown instead (unbounded, that spun for ever)."""
        if customer_id != self.customer_id:
            return
        pending = [t for t in self.query(DataTable) if t.display and (t._require_update_dimensions or t._updated_cells)]
        if pending and rounds > 0:
            self.call_after_refresh(self._when_laid_out, customer_id, rounds - 1)
        else:
            self.call_after_refresh(self._laid_out, customer_id)

    def _laid_out(self, customer_id: int) -> None:
        if customer_id == self.customer_id and self.view is not None:
            self.shown_for = customer_id

    def _show(self, view: Customer360) -> None:
        self.view = view
        p = view.profile
        self.sub_title = f"{p.full_name} · {self.app.sub_title}"
        self.query_one("#person", Static).update(_card(p.full_name, profile_lines(p) + custom_lines(view)))
        self.query_one("#rfm", Static).update(Text.assemble((t("Segment") + ": ", "dim"), (rfm_line(view.rfm), "bold")))
        company = view.company
        self.query_one("#company", Static).update(_card(company.name, company_lines(company)) if company else "")
        self._fill_tickets(view)
        self._fill_purchases(view)
        self._fill_subscriptions(view)
        colleagues = self.query_one("#c-colleagues", DataTable)
        fill_table(
            colleagues,
            [
                (t("Name"), "Name", 20),
                (t("Department"), "Department", 16),
                (t("Phone"), "Phone", None),
                (t("Decision-maker"), "Decision-maker", None),
            ],
            (
                (
                    (
                        c.full_name,
                        c.department or "",
                        c.phone or c.mobile or "",
                        t("yes") if c.is_decision_maker else "",
                    ),
                    str(c.id),
                )
                for c in view.colleagues
            ),
        )
        colleagues.display = bool(view.colleagues)
        self.query_one("#colleagues-title").display = bool(view.colleagues)
        self.query_one("#c-tickets", DataTable).focus()

    def _fill_tickets(self, view: Customer360) -> None:
        self.query_one(TicketTable).show_rows(view.tickets)
        title = (
            t("Tickets ({open} open of {total})", open=view.open_ticket_count, total=view.ticket_count)
            if view.tickets
            else t("No tickets yet.")
        )
        self.query_one("#tickets-title", Static).update(title)

    def _fill_purchases(self, view: Customer360) -> None:
        fill_table(
            self.query_one("#c-purchases", DataTable),
            [
                (t("Date"), "Date", None),
                (t("Product"), "Product", 36),
                (t("Unit price"), "Unit price", None),
                (t("Qty"), "Qty", None),
                (t("Amount"), "Amount", None),
            ],
            (
                (
                    (
                        p.purchased_on.isoformat(),
                        p.product_name,
                        Text(yen(p.unit_price), justify="right"),
                        Text(str(p.quantity), justify="right"),
                        Text(yen(p.amount), justify="right"),
                    ),
                    str(p.id),
                )
                for p in view.purchases
            ),
        )
        title = (
            t("Purchases") + f" ({view.purchase_count}) · " + t("Total") + f" {yen(view.purchase_total)}"
            if view.purchases
            else t("No purchases yet.")
        )
        self.query_one("#purchases-title", Static).update(title)

    def _fill_subscriptions(self, view: Customer360) -> None:
        table = self.query_one("#c-subscriptions", DataTable)
        rows = []
        for s in view.subscriptions:
            renewal = Text(s.renewal_on.isoformat() if s.renewal_on else "—")
            if view.renewal_soon(s) and s.renewal_on:
                renewal = Text(
                    f"{s.renewal_on} (" + t("in {days} days", days=(s.renewal_on - view.today).days) + ")",
                    style="bold yellow",
                )
            # The customer's words, or the reason leads count when none were written down.
            why = s.cancel_reason or (v(s.cancel_category) if s.cancel_category else "")
            cancelled = f"{s.cancelled_on} {why}".strip() if s.cancelled_on else ""
            rows.append(((s.product_name, s.contract_on.isoformat(), renewal, cancelled), str(s.id)))
        # The product name is cut shorter here so renewal and cancellation stay in the pane.
        fill_table(
            table,
            [
                (t("Product"), "Product", 20),
                (t("Contract"), "Contract", None),
                (t("Renewal"), "Renewal", None),
                (t("Cancelled"), "Cancelled", 24),
            ],
            rows,
        )
        table.display = bool(view.subscriptions)

    @on(TicketTable.Opened)
    def _open_ticket(self, event: TicketTable.Opened) -> None:
        self.post_message(OpenTicket(event.number))

    @on(DataTable.RowSelected, "#c-colleagues")
    def _open_colleague(self, event: DataTable.RowSelected) -> None:
        event.stop()
        if event.row_key.value is not None:
            self.post_message(OpenCustomer(int(event.row_key.value)))

    def action_new_ticket(self) -> None:
        if self.view is None:
            return
        dialog = NewTicketDialog(self.customer_id, self.view.profile.full_name, list(self.view.purchases))
        self.app.push_screen(dialog, self._ticket_created)

    def _ticket_created(self, number: int | None) -> None:
        if number is not None:
            self.post_message(OpenTicket(number))

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        # Privacy requests are for administrators; others do not see the keys at all.
        actor = self.desk.actor
        if action in ("export_person", "anonymise"):
            return can(actor, Action.PRIVACY_REQUESTS)
        if action in ("purchase", "subscription", "cancel_subscription"):
            # The same keys whatever the customer holds (a key bar that changes after loading moved the layout).
            return can(actor, Action.EDIT_PURCHASES)
        if action in ("edit", "edit_company"):
            return can(actor, Action.EDIT_CUSTOMERS)
        return True

    def action_export_person(self) -> None:
        if self.view is not None:
            self.app.push_screen(ExportPersonDialog(self.customer_id, self.view.profile.full_name))

    def action_anonymise(self) -> None:
        if self.view is not None:
            self.app.push_screen(AnonymiseDialog(self.customer_id, self.view.profile.full_name), self._anonymised)

    def _anonymised(self, done: bool | None) -> None:
        if done:
            self.notify(t("Anonymised."), timeout=4)
            self.load()

    def action_edit(self) -> None:
        if self.view is not None:
            company = self.view.company.name if self.view.company else None
            self.app.push_screen(CustomerForm(profile=self.view.profile, company_name=company), self._edited)

    # ---- the company, purchases and subscriptions --------------------------------------------------------------

    def action_edit_company(self) -> None:
        """Edit the company (its version read first, so a colleague's change is not overwritten); without a
        company, a new one (then named in the profile)."""
        if self.view is None:
            return
        if self.view.company is None:
            self.app.push_screen(CompanyForm(), self._company_created)
            return
        fetch(self, partial(self.desk.company_record, self.view.company.id), self._edit_company, group="company")

    def _edit_company(self, record: CompanyRecord) -> None:
        self.app.push_screen(CompanyForm(record.profile, record.version), self._edited)

    def _company_created(self, company_id: int | None) -> None:
        if company_id is not None and self.view is not None:
            call = partial(
                self.desk.edit_customer, self.customer_id, {"company": str(company_id)}, self.view.profile.version
            )
            fetch(self, call, lambda _version: self._edited(company_id), group="company")

    def action_purchase(self) -> None:
        fetch(self, self.desk.products, partial(self._with_products, PurchaseDialog), group="products")

    def action_subscription(self) -> None:
        fetch(self, self.desk.products, partial(self._with_products, SubscriptionDialog), group="products")

    def _with_products(
        self, dialog: type[PurchaseDialog] | type[SubscriptionDialog], products: list[ProductView]
    ) -> None:
        if self.view is None:
            return
        if not products:
            self.notify(t("The product catalogue is empty: import products first."), severity="warning")
            return
        name = self.view.profile.full_name
        self.app.push_screen(dialog(self.customer_id, name, products, self.today), self._recorded)

    def action_cancel_subscription(self) -> None:
        if self.view is None:
            return
        live = [s for s in self.view.subscriptions if s.active]
        table = self.query_one("#c-subscriptions", DataTable)
        chosen = None
        if table.has_focus and table.row_count:
            key = table.coordinate_to_cell_key(Coordinate(table.cursor_row, 0)).row_key.value
            chosen = next((s for s in live if str(s.id) == key), None)
        elif len(live) == 1:
            chosen = live[0]
        if not live:
            self.notify(t("No subscription to cancel."), severity="warning")
            return
        if chosen is None:
            self.notify(t("Pick the subscription in the list first (Tab), then press c."), severity="warning")
            table.focus()
            return
        self.app.push_screen(CancelSubscriptionDialog(chosen, self.today), self._recorded)

    def _recorded(self, done: int | None) -> None:
        if done is not None:
            self.notify(t("Saved."), timeout=2)
            self.load()

    def _edited(self, customer_id: int | None) -> None:
        if customer_id is not None:
            self.notify(t("Saved."), timeout=2)
            self.load()
