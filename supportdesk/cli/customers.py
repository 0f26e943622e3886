"""`supportdesk customer …`: find the caller from the shell; find and merge duplicate customers."""

from typing import Annotated

import typer

from supportdesk.cli import profiles
from supportdesk.cli.output import cell, print_json
from supportdesk.cli.params import MAX_ID
from supportdesk.cli.state import CliState
from supportdesk.errors import Invalid
from supportdesk.fields import Kind, Use, fields_of, heading, named
from supportdesk.i18n import N_, listing, msg, t, v
from supportdesk.phones import display_phone

# How a lookup found the customer (services/customers.py probes), as the list says it.
MATCH_LABELS = {
    "phone": N_("phone"),
    "email": N_("email"),
    "phone tail": N_("last digits of the phone"),
    "email start": N_("start of the e-mail"),
    "name": N_("name"),
    "kana": N_("kana"),
    "company": N_("company"),
    "company phone": N_("company phone"),
}

app = typer.Typer(help="Find and inspect customers.", no_args_is_help=True)


@app.command()
def find(
    ctx: typer.Context,
    text: Annotated[
        str,
        typer.Argument(
            help="Phone (or its last four digits), e-mail (or the part before the @), name, kana, romaji or company."
        ),
    ],
    limit: Annotated[int, typer.Option(min=1, max=500)] = 20,
    json: Annotated[bool, typer.Option("--json", help="Print machine-readable JSON.")] = False,
) -> None:
    """Find customers as an agent types on a call: 03-1234-5678, 5678, a name in kana or romaji, a company, taro@…"""
    state: CliState = ctx.find_root().obj
    matches = state.open_desk().find_customers(text, limit=limit)
    if json:
        print_json(matches)
        return
    if not matches:
        typer.echo(t("No customer matches {text!r}.", text=text))
        return
    for m in matches:
        c = m.customer
        typer.echo(
            f"{c.id:>7}  {cell(c.full_name, 16)} {cell(c.name_kana, 18)} {cell(c.company_name, 24)} "
            f"{cell(display_phone(c.phone or c.mobile), 14)} {cell(v(c.rank), 8)} "
            + t("open: {count}", count=m.open_tickets)
            + f"  ({t(MATCH_LABELS.get(m.match, m.match))})"
        )


@app.command()
def duplicates(
    ctx: typer.Context,
    limit: Annotated[int, typer.Option(min=1, max=5000)] = 200,
    json: Annotated[bool, typer.Option("--json", help="Print machine-readable JSON.")] = False,
) -> None:
    """Pairs of customers that are probably one person, with the evidence (same phone, e-mail, name, kana)."""
    state: CliState = ctx.find_root().obj
    pairs = state.open_desk().find_duplicates(limit)
    if json:
        print_json(pairs)
        return
    if not pairs:
        typer.echo(t("No likely duplicates."))
        return
    for pair in pairs:
        a, b = pair.a, pair.b
        typer.echo(
            f"{a.id:>7} {cell(a.full_name, 16)} {cell(a.phone or a.mobile or a.email, 22)} ⇄ "
            f"{b.id:>7} {cell(b.full_name, 16)} {cell(b.phone or b.mobile or b.email, 22)} "
            + listing(map(t, pair.evidence))
        )
    typer.echo(
        "\n"
        + t("Merge a pair with: {command}", command=t("supportdesk customer merge KEEP OTHER [--keep FIELD=A|B …]"))
    )


def _shown(name: str, value: object, companies: dict[int, str]) -> str:
    if isinstance(value, bool):
        return t("yes") if value else t("no")
    if name == "company_id" and isinstance(value, int):
        return companies.get(value, f"#{value}")
    if value is not None and any(f.name == name and f.choices for f in fields_of(Kind.CUSTOMERS, Use.MERGE)):
        return v(str(value))  # a rank, gender, channel: the desk's own words
    return "" if value is None else str(value)


def _picks(keep: list[str]) -> dict[str, str]:
    picks = {}
    for item in keep:
        field, sep, side = item.partition("=")
        if not sep:
            raise Invalid("--keep", msg("{given!r}: write FIELD=A or FIELD=B, e.g. email=B", given=item))
        picks[named(Kind.CUSTOMERS, field.strip())] = side.strip()  # its name or a header (メールアドレス=B)
    return picks


@app.command()
def merge(
    ctx: typer.Context,
    keep_id: Annotated[int, typer.Argument(metavar="A", min=1, max=MAX_ID, help="The customer that stays.")],
    other_id: Annotated[int, typer.Argument(metavar="B", min=1, max=MAX_ID, help="The duplicate merged into A.")],
    keep: Annotated[
        list[str] | None, typer.Option("--keep", help="FIELD=A|B: whose value to keep (repeatable; default: A's).")
    ] = None,
    dry_run: Annotated[bool, typer.Option("--dry-run", help="Show both records and the picks; merge nothing.")] = False,
    json: Annotated[bool, typer.Option("--json", help="Print machine-readable JSON.")] = False,
) -> None:
    """Merge customer B into A: B's tickets, purchases and subscriptions move to A; B stays only as a tombstone.

    Each field keeps A's value unless A has none (then B's), or --keep FIELD=B says otherwise. One audit event.
    """
    state: CliState = ctx.find_root().obj
    desk = state.open_desk()
    picks = _picks(keep or [])
    preview = desk.merge_preview(keep_id, other_id)
    if dry_run:
        if json:
            print_json(preview)
            return
        typer.echo(f"{'':22}A #{keep_id:<28}B #{other_id}")
        for f in preview.fields:
            side = picks.get(f.name, f.pick).upper()
            a, b = (_shown(f.name, value, preview.company_names) for value in (f.a, f.b))
            mark_a, mark_b = ("*", " ") if side == "A" else (" ", "*")
            typer.echo(f"{cell(heading(Kind.CUSTOMERS, f.name), 20)} {mark_a} {cell(a, 28)} {mark_b} {b}")
        typer.echo(t("tickets/purchases/subscriptions: A {a}  B {b}", a=preview.a_counts, b=preview.b_counts))
        return
    result = desk.merge_customers(keep_id, other_id, picks, (preview.a.version, preview.b.version))
    if json:
        print_json(result)
        return
    typer.echo(
        t(
            "Merged #{b} into #{a}: {tickets} tickets, {purchases} purchases, {subscriptions} subscriptions moved.",
            a=keep_id,
            b=other_id,
            tickets=result.tickets,
            purchases=result.purchases,
            subscriptions=result.subscriptions,
        )
    )
    if result.from_b:
        kept = listing(heading(Kind.CUSTOMERS, name) for name in result.from_b)
        typer.echo(t("Kept from #{b}: {fields}", b=other_id, fields=kept))


profiles.register(app)
