"""`supportdesk customer …`: find the caller from the shell."""

from typing import Annotated

import typer

from supportdesk.cli.output import cell, print_json
from supportdesk.cli.state import CliState

app = typer.Typer(help="Find and inspect customers.", no_args_is_help=True)


@app.command()
def find(
    ctx: typer.Context,
    text: Annotated[str, typer.Argument(help="Phone, e-mail, name, kana reading or company (prefix).")],
    limit: Annotated[int, typer.Option(min=1, max=500)] = 20,
    json: Annotated[bool, typer.Option("--json", help="Print machine-readable JSON.")] = False,
) -> None:
    """Find customers the way an agent types on a call: 03-1234-5678, ﾔﾏﾀﾞ, (株)さくら, taro@…"""
    state: CliState = ctx.find_root().obj
    matches = state.open_desk().find_customers(text, limit=limit)
    if json:
        print_json(matches)
        return
    if not matches:
        typer.echo(f"No customer matches {text!r}.")
        return
    for m in matches:
        c = m.customer
        typer.echo(
            f"{c.id:>7}  {cell(c.full_name, 16)} {cell(c.name_kana, 18)} {cell(c.company_name, 24)} "
            f"{cell(c.phone or c.mobile, 14)} {c.rank:<8} open:{m.open_tickets}  ({m.match})"
        )
