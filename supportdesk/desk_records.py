"""The desk's everyday records as the UI and the CLI reach them: tags, customer messages entered by hand, canned
responses, links and merges, customers and companies, purchases and subscriptions, handle time, custom fields.

`Desk` (supportdesk/desk.py) inherits these methods; each is one service call as the signed-in user in a session
of its own, typed against the service it calls (`_call`).
"""

from collections.abc import Callable, Mapping
from datetime import date, datetime
from typing import Concatenate, ParamSpec, TypeVar

from sqlmodel import Session

from supportdesk.config import Settings
from supportdesk.models import CancelReason, Channel, CustomType, LinkKind
from supportdesk.services import canned, cases, commerce, profiles, renewals, tickets
from supportdesk.services import custom_fields as fields_service
from supportdesk.services import handle_time as handle_time_service
from supportdesk.services import ticket_links as links_service
from supportdesk.services.actor import Actor
from supportdesk.services.customer_360 import CompanyProfile
from supportdesk.services.readmodels import CustomerSummary, CustomValueView, LinkView
from supportdesk.services.reports import Period

T = TypeVar("T")
P = ParamSpec("P")


class RecordsDesk:
    actor: Actor
    settings: Settings

    def _call(self, fn: Callable[Concatenate[Session, Actor, P], T], *args: P.args, **kwargs: P.kwargs) -> T:
        raise NotImplementedError  # Desk runs the call in a session of its own

    # Tags
    def change_tags(
        self, number: int, add: list[str], remove: list[str], expected_version: int | None = None
    ) -> tuple[int, list[str]]:
        """Add and remove tags (the others stay); the new version and the ticket's tags after."""
        return self._call(cases.change_tags, number, add, remove, expected_version=expected_version)

    def known_tags(self, prefix: str = "", limit: int = 50) -> list[tuple[str, int]]:
        """Tags already in use that start with `prefix`, most used first (completion)."""
        return self._call(cases.known_tags, prefix, limit)

    # A customer's message entered by hand
    def add_customer_message(
        self,
        number: int,
        body: str,
        *,
        channel: Channel | str | None = None,
        received_at: datetime | None = None,
        expected_version: int | None = None,
    ) -> int:
        """Record what the customer said by letter, chat, fax or through a colleague; reopens a pending ticket."""
        return self._call(
            tickets.add_entry,
            number,
            "customer_message",
            body,
            channel=channel,
            received_at=received_at,
            expected_version=expected_version,
            policy=self.settings.sla,
        )

    # The team's own fields on a ticket
    def set_ticket_fields(
        self, number: int, values: Mapping[str, str | None], expected_version: int | None = None
    ) -> int:
        return self._call(tickets.set_custom_fields, number, values, expected_version=expected_version)

    # Canned responses
    def canned_responses(self, text: str = "") -> list[canned.CannedResponse]:
        """What this agent may pick: their team's and the desk-wide responses."""
        return self._call(canned.list_canned, text)

    def manage_canned(self, include_retired: bool = True) -> list[canned.CannedResponse]:
        """The lead's list, with use counts (and retired ones)."""
        return self._call(canned.list_canned, manage=True, include_retired=include_retired)

    def add_canned(self, draft: canned.CannedDraft, team: str | None = None) -> int:
        return self._call(canned.add_canned, draft, team)

    def edit_canned(
        self,
        canned_id: int,
        *,
        title: str | None = None,
        body: str | None = None,
        lang: str | None = None,
        team: str | canned.Keep | None = canned.KEEP,
        expected_version: int | None = None,
    ) -> int:
        return self._call(
            canned.edit_canned,
            canned_id,
            title=title,
            body=body,
            lang=lang,
            team=team,
            expected_version=expected_version,
        )

    def retire_canned(self, canned_id: int, retired: bool = True) -> int:
        return self._call(canned.retire_canned, canned_id, retired)

    def use_canned(self, canned_id: int) -> None:
        self._call(canned.use_canned, canned_id)

    # Links and merges
    def link_tickets(
        self, number: int, other: int, kind: LinkKind | str = LinkKind.RELATED, expected_version: int | None = None
    ) -> int:
        return self._call(links_service.link_tickets, number, other, kind, expected_version=expected_version)

    def unlink_tickets(self, number: int, other: int, expected_version: int | None = None) -> int:
        return self._call(links_service.unlink_tickets, number, other, expected_version=expected_version)

    def ticket_links(self, number: int) -> list[LinkView]:
        return self._call(links_service.ticket_links, number)

    def merge_tickets(
        self,
        keep: int,
        other: int,
        *,
        note: str = "",
        expected_versions: tuple[int | None, int | None] = (None, None),
    ) -> links_service.TicketMerge:
        return self._call(
            links_service.merge_tickets,
            keep,
            other,
            note=note,
            expected_versions=expected_versions,
            policy=self.settings.sla,
        )

    # Customers and companies by hand
    def add_customer(self, values: Mapping[str, str]) -> int:
        return self._call(profiles.add_customer, values)

    def edit_customer(self, customer_id: int, values: Mapping[str, str], expected_version: int | None = None) -> int:
        return self._call(profiles.edit_customer, customer_id, values, expected_version)

    def customer_record(self, customer_id: int) -> profiles.CustomerRecord:
        return self._call(profiles.customer_record, customer_id)

    def add_company(self, values: Mapping[str, str]) -> int:
        return self._call(profiles.add_company, values)

    def edit_company(
        self, company_id: int, values: Mapping[str, object], expected_version: int | None = None, parsed: bool = False
    ) -> int:
        return self._call(profiles.edit_company, company_id, values, expected_version, parsed=parsed)

    def company_record(self, company_id: int) -> profiles.CompanyRecord:
        return self._call(profiles.company_record, company_id)

    def find_companies(self, text: str, limit: int = 20) -> list[CompanyProfile]:
        return self._call(profiles.find_companies, text, limit)

    # Purchases and subscriptions
    def products(self, text: str = "") -> list[commerce.ProductView]:
        return self._call(commerce.list_products, text)

    def add_product(
        self, sku: str, name: str, unit_price: int, *, category: str | None = None, is_subscription: bool = False
    ) -> int:
        return self._call(
            commerce.add_product, sku, name, unit_price, category=category, is_subscription=is_subscription
        )

    def add_purchase(self, data: commerce.PurchaseCreate) -> int:
        return self._call(commerce.add_purchase, data)

    def add_subscription(
        self, customer_id: int, product_id: int, contract_on: date, renewal_on: date | None = None
    ) -> int:
        return self._call(commerce.add_subscription, customer_id, product_id, contract_on, renewal_on)

    def cancel_subscription(
        self, subscription_id: int, cancelled_on: date, reason: str = "", category: CancelReason | str | None = None
    ) -> None:
        self._call(commerce.cancel_subscription, subscription_id, cancelled_on, reason, category)

    def upcoming_renewals(self, days: int, today: date) -> list[renewals.RenewalRow]:
        return self._call(renewals.upcoming_renewals, days, today)

    def cancellations(self, period: Period) -> renewals.CancellationReport:
        return self._call(renewals.cancellations_by_reason, period)

    # Handle time
    def handle_time(self, period: Period, now: datetime | None = None) -> handle_time_service.HandleTime:
        return self._call(handle_time_service.handle_time, period, self.settings.sla, now)

    # Custom fields (administrators define them)
    def custom_fields(
        self, kind: str | None = None, include_retired: bool = False
    ) -> list[fields_service.FieldDefinition]:
        return self._call(fields_service.list_fields, kind, include_retired=include_retired)

    def define_field(
        self, kind: str, name: str, holds: CustomType | str, choices: list[str] | None = None, required: bool = False
    ) -> int:
        return self._call(fields_service.define_field, kind, name, holds, choices=choices or [], required=required)

    def change_field(
        self,
        field_id: int,
        *,
        name: str | None = None,
        choices: list[str] | None = None,
        required: bool | None = None,
        retired: bool | None = None,
        expected_version: int | None = None,
    ) -> int:
        return self._call(
            fields_service.change_field,
            field_id,
            name=name,
            choices=choices,
            required=required,
            retired=retired,
            expected_version=expected_version,
        )

    def custom_values(self, kind: str, object_id: int) -> list[CustomValueView]:
        return self._call(fields_service.custom_values, kind, object_id)

    def field_filter(self, kind: str, name: str, value: str, contains: bool = False) -> tuple[int, str]:
        """`NAME=VALUE` as a list filter (field id, value as the field keeps it), for `TicketFilter.custom`
        (`contains`: part of a text field, for `TicketFilter.custom_contains`)."""
        return self._call(fields_service.list_filter, kind, name, value, contains)

    def list_customers(self, limit: int = 200) -> list[CustomerSummary]:
        """Customers in kana order (`customer list` without a filter)."""
        return self._call(profiles.list_customers, limit)

    def customers_by_field(
        self, name: str, value: str, limit: int = 200, contains: bool = False
    ) -> list[CustomerSummary]:
        """Customers whose own field `name` holds `value` (as the field reads it: 2027/3/31 finds 2027-03-31), or
        whose text field holds it anywhere (`contains`)."""
        return self._call(profiles.customers_by_field, name, value, limit, contains)
