"""`supportdesk field list|add|edit|retire`: the fields a team adds to its tickets and customers (品番, 製造番号,
保証期限) without a migration. Administrators define them; every role that reads the records reads the list.

Once defined, a field is set with `ticket fields N 品番=A-100` / `customer edit N 製造番号=SN-1`, shown by `show`,
filtered with `--field 品番=A-100`, and is a column of import and export files. Errors are raised (cli/failures.py).
"""

from typing import Annotated

import typer

from supportdesk.cli.output import cell, print_json
from supportdesk.cli.params import MAX_ID, JsonOpt
from supportdesk.cli.state import CliState
from supportdesk.i18n import N_, t
from supportdesk.models.enums import CustomType
from supportdesk.untrusted import visible

app = typer.Typer(
    help=(
        "The team's own fields on tickets and customers (part numbers, serial numbers, warranty ends): "
        "list, add, change, retire."
    ),
    no_args_is_help=True,
)

FieldId = Annotated[int, typer.Argument(metavar="ID", min=1, max=MAX_ID, help="The field's number (see `field list`).")]
KIND_NAMES = {"tickets": N_("ticket field"), "customers": N_("customer field")}
TYPE_NAMES = {
    "text": N_("text value"),
    "number": N_("number value"),
    "date": N_("date value"),
    "choice": N_("choice value"),
}


def _state(ctx: typer.Context) -> CliState:
    state: CliState = ctx.find_root().obj
    return state


@app.command("list")
def list_fields(
    ctx: typer.Context,
    kind: Annotated[str | None, typer.Option(help="tickets or customers (default: both).")] = None,
    retired: Annotated[bool, typer.Option("--retired", help="Also list retired fields.")] = False,
    json: JsonOpt = False,
) -> None:
    """The fields defined on the desk, in the order forms show them."""
    fields = _state(ctx).open_desk().custom_fields(kind, include_retired=retired)
    if json:
        print_json(fields)
        return
    if not fields:
        typer.echo(t("No fields of your own yet: an administrator adds them with `supportdesk field add`."))
        return
    for f in fields:
        notes = [t("required field") if f.required else "", t("retired") if f.retired else ""]
        choices = " / ".join(visible(c, one_line=True) for c in f.choices)
        line = f"{f.id:>5}  {cell(t(KIND_NAMES[f.kind]), 14)} {cell(f.name, 20)} {cell(t(TYPE_NAMES[f.holds]), 12)}"
        typer.echo(" ".join([line, *(n for n in notes if n), choices]).rstrip())


@app.command("add")
def add(
    ctx: typer.Context,
    kind: Annotated[str, typer.Argument(metavar="KIND", help="tickets or customers.")],
    name: Annotated[str, typer.Argument(help="What forms, files and `show` call it, e.g. part_no.")],
    holds: Annotated[CustomType, typer.Option("--type", help="What it holds.")] = CustomType.TEXT,
    choices: Annotated[
        list[str] | None, typer.Option("--choice", help="One allowed value (repeat for each) of a choice field.")
    ] = None,
    required: Annotated[bool, typer.Option("--required", help="Every new record must have a value.")] = False,
    json: JsonOpt = False,
) -> None:
    """Add a field (e.g. field add tickets desk --type choice --choice head-office --choice osaka)."""
    number = _state(ctx).open_desk().define_field(kind, name, holds, choices or [], required)
    if json:
        print_json({"id": number})
    else:
        typer.echo(t("Added field {id}.", id=number))


@app.command("edit")
def edit(
    ctx: typer.Context,
    field_id: FieldId,
    name: Annotated[str | None, typer.Option(help="A new name (its values stay).")] = None,
    choices: Annotated[
        list[str] | None, typer.Option("--choice", help="The allowed values, all of them (repeat for each).")
    ] = None,
    required: Annotated[
        bool | None, typer.Option("--required/--optional", help="Whether a new record must have a value.")
    ] = None,
    expect_version: Annotated[
        int | None,
        typer.Option("--expect-version", min=1, max=MAX_ID, help="Refuse if it changed since this version."),
    ] = None,
    json: JsonOpt = False,
) -> None:
    """Rename a field, change its choices or whether it is required."""
    version = (
        _state(ctx)
        .open_desk()
        .change_field(field_id, name=name, choices=choices, required=required, expected_version=expect_version)
    )
    if json:
        print_json({"id": field_id, "version": version})
    else:
        typer.echo(t("Saved field {id}.", id=field_id))


@app.command("retire")
def retire(
    ctx: typer.Context,
    field_id: FieldId,
    restore: Annotated[bool, typer.Option("--restore", help="Bring a retired field back, with its values.")] = False,
    json: JsonOpt = False,
) -> None:
    """Take a field out of forms and files (its values are kept); --restore brings it back."""
    version = _state(ctx).open_desk().change_field(field_id, retired=not restore)
    if json:
        print_json({"id": field_id, "retired": not restore, "version": version})
    elif restore:
        typer.echo(t("Field {id} is back in forms and files.", id=field_id))
    else:
        typer.echo(t("Retired field {id}: its values are kept.", id=field_id))
