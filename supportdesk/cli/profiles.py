"""`supportdesk customer add|show|edit|purchase|subscribe|cancel` and `supportdesk company add|show|edit`.

Fields are given as FIELD=VALUE, named as in a file's header or the registry (氏名=山田 太郎, phone=03-…,
決裁権者=はい, 品番=A-100 for a team's own field); an empty value clears a field. The services check every value as
for a form or a file (services/profiles.py, services/commerce.py).
"""

from dataclasses import asdict
from datetime import date
from typing import Annotated

import typer

from supportdesk import clock
from supportdesk.cli.output import print_json
from supportdesk.cli.params import MAX_ID, CustomerNumber, JsonOpt
from supportdesk.cli.state import CliState
from supportdesk.errors import Invalid
from supportdesk.fields import Kind, field
from supportdesk.i18n import language, msg, t, v
from supportdesk.importing.assignments import split_assignments
from supportdesk.models.enums import CancelReason
from supportdesk.phones import display_phone
from supportdesk.untrusted import visible

Assignments = Annotated[
    list[str], typer.Argument(metavar="FIELD=VALUE...", help="e.g. full_name='Yamada Taro' phone=03-…")
]
CompanyNumber = Annotated[int, typer.Argument(metavar="COMPANY", min=1, max=MAX_ID, help="The company's number.")]
RecordVersion = Annotated[
    int | None,
    typer.Option("--expect-version", min=1, max=MAX_ID, help="Refuse the change if the record changed since."),
]

company_app = typer.Typer(help="Add, show and edit companies.", no_args_is_help=True)


def _state(ctx: typer.Context) -> CliState:
    state: CliState = ctx.find_root().obj
    return state


def _day(value: str | None, name: str) -> date | None:
    if value is None:
        return None
    try:
        return date.fromisoformat(value)
    except ValueError:
        raise Invalid(name, msg("{value} is not a date like 2026-12-01", value=value)) from None


def _label(kind: Kind, name: str) -> str:
    """A field as the form calls it, else as a file heads it in the reader's language."""
    try:
        known = field(kind, name)
    except (KeyError, StopIteration):  # not a registry field
        return name
    if known.label:
        return t(known.label)
    if language() == "ja" and known.ja:
        return known.ja[0]
    return name.replace("_", " ")


def _lines(kind: Kind, values: dict[str, object]) -> None:
    """`label: value` for each field that holds something, as text (never markup or control codes)."""
    for name, value in values.items():
        if value is None or value == "" or name in {"id", "version"}:
            continue
        if isinstance(value, bool):
            shown = t("yes") if value else t("no")
        elif name in {"phone", "mobile"} and isinstance(value, str):
            shown = display_phone(value)
        elif name in {"gender", "rank", "acquisition_channel"} and isinstance(value, str):
            shown = v(value)
        else:
            shown = str(value)
        typer.echo(f"  {_label(kind, name)}: {visible(shown, one_line=True)}")


# ---- customers ----------------------------------------------------------------------------------------------


def add(ctx: typer.Context, values: Assignments, json: JsonOpt = False) -> None:
    """Add a customer from FIELD=VALUE pairs (a name is required), e.g. full_name='Yamada Taro' phone=03-1234-5678."""
    pairs = split_assignments(values)  # a malformed pair is refused before signing in
    number = _state(ctx).open_desk().add_customer(pairs)
    if json:
        print_json({"id": number})
    else:
        typer.echo(t("Added customer {number}.", number=number))


def show(ctx: typer.Context, customer: CustomerNumber, json: JsonOpt = False) -> None:
    """Show a customer's record: every field, their company and the team's own fields."""
    record = _state(ctx).open_desk().customer_record(customer)
    if json:
        print_json(record)
        return
    profile = record.profile
    name = visible(profile.full_name, one_line=True)
    typer.echo(t("{number} {name} (version {version})", number=profile.id, name=name, version=profile.version))
    fields = asdict(profile)
    fields.pop("full_name")
    company_id = fields.pop("company_id")
    _lines(Kind.CUSTOMERS, fields)
    if record.company is not None:
        company = visible(record.company.name, one_line=True)
        typer.echo(f"  {_label(Kind.CUSTOMERS, 'company_id')}: {company} ({company_id})")
    for value in record.custom:
        typer.echo(f"  {visible(value.name, one_line=True)}: {visible(value.value or '-', one_line=True)}")


def edit(
    ctx: typer.Context,
    customer: CustomerNumber,
    values: Assignments,
    expect_version: RecordVersion = None,
    json: JsonOpt = False,
) -> None:
    """Change the fields given (FIELD= with nothing after it clears one), e.g. is_decision_maker=yes mobile=."""
    pairs = split_assignments(values)
    version = _state(ctx).open_desk().edit_customer(customer, pairs, expect_version)
    if json:
        print_json({"id": customer, "version": version})
    else:
        typer.echo(t("Saved customer {number}.", number=customer))


def purchase(
    ctx: typer.Context,
    customer: CustomerNumber,
    product: Annotated[int, typer.Option(min=1, max=MAX_ID, help="The product's number (see the catalogue).")],
    on: Annotated[str | None, typer.Option(help="The day of purchase (YYYY-MM-DD); default today.")] = None,
    quantity: Annotated[int, typer.Option(min=1, max=1_000_000)] = 1,
    unit_price: Annotated[int | None, typer.Option(min=0, help="Yen per unit; default the catalogue price.")] = None,
    order: Annotated[str | None, typer.Option(help="The order number, as the shop gave it.")] = None,
    json: JsonOpt = False,
) -> None:
    """Record a purchase for a customer."""
    from supportdesk.services.commerce import PurchaseCreate

    day = _day(on, "on") or clock.today()
    number = (
        _state(ctx)
        .open_desk()
        .add_purchase(PurchaseCreate(customer, product, day, quantity, unit_price=unit_price, order_ref=order))
    )
    if json:
        print_json({"id": number})
    else:
        typer.echo(t("Recorded purchase {number}.", number=number))


def subscribe(
    ctx: typer.Context,
    customer: CustomerNumber,
    product: Annotated[int, typer.Option(min=1, max=MAX_ID, help="The subscription product's number.")],
    start: Annotated[str | None, typer.Option("--from", help="Contract day (YYYY-MM-DD); default today.")] = None,
    renewal: Annotated[str | None, typer.Option(help="Next renewal day (YYYY-MM-DD); default a year on.")] = None,
    json: JsonOpt = False,
) -> None:
    """Record a subscription (a contract that renews) for a customer."""
    contract_on = _day(start, "from") or clock.today()
    renewal_on = _day(renewal, "renewal")
    number = _state(ctx).open_desk().add_subscription(customer, product, contract_on, renewal_on)
    if json:
        print_json({"id": number})
    else:
        typer.echo(t("Recorded subscription {number}.", number=number))


def cancel(
    ctx: typer.Context,
    subscription: Annotated[int, typer.Argument(metavar="SUBSCRIPTION", min=1, max=MAX_ID)],
    reason: Annotated[CancelReason | None, typer.Option("--reason", help="Why, as leads count it.")] = None,
    words: Annotated[str, typer.Option("--words", help="The customer's own words.")] = "",
    on: Annotated[str | None, typer.Option(help="The day it ends (YYYY-MM-DD); default today.")] = None,
    json: JsonOpt = False,
) -> None:
    """Record a cancellation with the day it takes effect and why."""
    day = _day(on, "on") or clock.today()
    _state(ctx).open_desk().cancel_subscription(subscription, day, words, reason)
    if json:
        print_json({"id": subscription, "cancelled_on": day})
    else:
        typer.echo(t("Subscription {number} is cancelled from {day}.", number=subscription, day=day))


def list_customers(
    ctx: typer.Context,
    field: Annotated[
        str | None, typer.Option("--field", help="The team's own field and its value: serial_no=SN-0001.")
    ] = None,
    contains: Annotated[
        bool, typer.Option("--contains", help="A text field holding the value anywhere (any letter case).")
    ] = False,
    limit: Annotated[int, typer.Option(min=1, max=500)] = 200,
    json: JsonOpt = False,
) -> None:
    """Customers in kana order; with --field, those whose own field holds a value (2027/3/31 reads as a date)."""
    filtered = split_assignments([field]).items() if field is not None else None  # a malformed pair: before sign-in
    desk = _state(ctx).open_desk()
    if filtered is None:
        people = desk.list_customers(limit)
    else:
        ((name, value),) = filtered
        people = desk.customers_by_field(name, value, limit, contains)
    if json:
        print_json(people)
        return
    if not people:
        typer.echo(
            t("No customer has {field}.", field=visible(field, one_line=True)) if field else t("No customers yet.")
        )
    for c in people:
        company = visible(c.company_name or "", one_line=True)
        phone = display_phone(c.phone or c.mobile) or ""
        typer.echo(f"{c.id:>7}  {visible(c.full_name, one_line=True)}  {company}  {phone}".rstrip())


def register(app: typer.Typer) -> None:
    """Add these commands to the `customer` group."""
    for command in (add, show, edit, purchase, subscribe, cancel):
        app.command()(command)
    app.command("list")(list_customers)


# ---- companies ----------------------------------------------------------------------------------------------


@company_app.command("add")
def company_add(ctx: typer.Context, values: Assignments, json: JsonOpt = False) -> None:
    """Add a company from FIELD=VALUE pairs (a name is required), e.g. name='Sakura Co.' industry=retail."""
    pairs = split_assignments(values)
    number = _state(ctx).open_desk().add_company(pairs)
    if json:
        print_json({"id": number})
    else:
        typer.echo(t("Added company {number}.", number=number))


@company_app.command("show")
def company_show(ctx: typer.Context, company: CompanyNumber, json: JsonOpt = False) -> None:
    """Show a company with its people, decision-makers first."""
    record = _state(ctx).open_desk().company_record(company)
    if json:
        print_json(record)
        return
    name = visible(record.profile.name, one_line=True)
    typer.echo(t("{number} {name} (version {version})", number=record.profile.id, name=name, version=record.version))
    fields = asdict(record.profile)
    fields.pop("name")
    _lines(Kind.COMPANIES, fields)
    for person in record.people:
        mark = " *" if person.is_decision_maker else ""
        typer.echo(f"  {person.id:>7} {visible(person.full_name, one_line=True)}{mark}")


@company_app.command("edit")
def company_edit(
    ctx: typer.Context,
    company: CompanyNumber,
    values: Assignments,
    expect_version: RecordVersion = None,
    json: JsonOpt = False,
) -> None:
    """Change a company's fields (FIELD= clears one; the name cannot be cleared)."""
    pairs = split_assignments(values)
    version = _state(ctx).open_desk().edit_company(company, pairs, expect_version)
    if json:
        print_json({"id": company, "version": version})
    else:
        typer.echo(t("Saved company {number}.", number=company))
