"""`supportdesk privacy …`: a person's requests to see, correct or erase their data (administrators)."""

import sys
from pathlib import Path
from typing import TYPE_CHECKING, Annotated

import typer

from supportdesk.cli.params import CustomerNumber
from supportdesk.cli.state import CliState
from supportdesk.errors import Invalid
from supportdesk.i18n import msg, t

if TYPE_CHECKING:
    from supportdesk.desk import Desk

app = typer.Typer(
    help="Privacy requests for one person: export, correct, anonymise (administrators).", no_args_is_help=True
)


# The services are imported inside each command, so a mistyped command line is answered without loading them.


def _desk(ctx: typer.Context) -> "Desk":
    state: CliState = ctx.find_root().obj
    return state.open_desk()


@app.command()
def export(
    ctx: typer.Context,
    customer: CustomerNumber,
    text: Annotated[bool, typer.Option("--text", help="A readable document instead of JSON.")] = False,
    out: Annotated[Path | None, typer.Option(help="Write to this file (created 0600) instead of stdout.")] = None,
    files: Annotated[
        Path | None, typer.Option(help="Also copy the files their tickets hold into this folder (created 0700).")
    ] = None,
) -> None:
    """Everything held about one person (a disclosure request), as JSON or a readable document."""
    desk = _desk(ctx)
    if files is not None:
        written = desk.save_person_files(customer, files)
        typer.echo(t("Copied {count} files into {path}.", count=len(written), path=files), err=True)
    if out is None:
        sys.stdout.write(desk.person_document(customer, readable=text))
        return
    desk.export_person(customer, out, readable=text)
    typer.echo(t("Wrote {path}.", path=out), err=True)


@app.command()
def correct(
    ctx: typer.Context,
    customer: CustomerNumber,
    changes: Annotated[list[str], typer.Argument(help="FIELD=VALUE pairs, e.g. phone=03-1111-2222")],
) -> None:
    """Correct a person's data on their request."""
    from supportdesk.services.customers import CUSTOMER_FIELDS

    values: dict[str, str | None] = {}
    for pair in changes:
        field, sep, value = pair.partition("=")
        if not sep or field not in CUSTOMER_FIELDS:
            raise Invalid(
                field or pair, msg("use FIELD=VALUE with one of {fields}", fields=", ".join(sorted(CUSTOMER_FIELDS)))
            )
        values[field] = value or None
    _desk(ctx).correct_person(customer, values)
    typer.echo(t("Corrected {fields} of customer {customer}.", fields=", ".join(values), customer=customer))


@app.command()
def anonymise(
    ctx: typer.Context,
    customer: CustomerNumber,
    yes: Annotated[bool, typer.Option("--yes", help="Do not ask; for scripts that already confirmed.")] = False,
) -> None:
    """Erase a person: clear their record and mask them in ticket text; statistics stay. Cannot be undone."""

    confirmation = str(customer)
    if not yes and sys.stdin.isatty():
        confirmation = typer.prompt(
            t("This cannot be undone. Type the customer number ({customer}) to anonymise", customer=customer)
        )
    elif not yes:
        # Piped, the confirmation is the first line of stdin (`echo 12 | supportdesk privacy anonymise 12`): the
        # number typed twice, as at a terminal; an empty or different line is refused by the service.
        try:
            confirmation = sys.stdin.readline().strip()
        except OSError:  # no stdin at all (closed, or a test harness's): nothing was confirmed
            confirmation = ""
        if not confirmation:
            raise Invalid("confirmation", msg("run in a terminal to confirm, or pass --yes"))
    desk = _desk(ctx)
    result = desk.anonymise_person(customer, confirmation)
    summary = t(
        "Customer {customer} anonymised: {tickets} tickets kept, {rows} records rewritten, "
        "{merged} merged duplicates erased.",
        customer=customer,
        tickets=result.tickets,
        rows=sum(result.rows.values()),
        merged=result.merged_records,
    )
    typer.echo(summary)
    if not result.index_purged:
        typer.echo(t("The search index is busy; its old copies are purged by its next sync."), err=True)
    if not result.wal_cleared:
        typer.echo(t("Another program has the desk open: the database log is cleared when it closes."), err=True)
