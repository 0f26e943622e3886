"""`supportdesk secret set|delete|where NAME`: the database password and key, kept out of files and URLs."""

import os
import sys
from typing import Annotated

import typer

from supportdesk import secrets
from supportdesk.errors import Invalid
from supportdesk.i18n import msg, t

app = typer.Typer(
    help="Secrets (db-password for PostgreSQL, db-key for an encrypted desk): environment, OS keyring or a 0600 file.",
    no_args_is_help=True,
)

NameArg = Annotated[str, typer.Argument(help="Secret name, e.g. db-password or db-key.")]


@app.command("set")
def set_secret(
    name: NameArg,
    to_file: Annotated[
        bool, typer.Option("--file", help="Store in the 0600 file in the config dir even when a keyring exists.")
    ] = False,
) -> None:
    """Store a secret: typed without echo at a terminal, else read from stdin (one line)."""
    secrets.check_name(name)
    if sys.stdin.isatty():
        value = typer.prompt(t("Value for {name}", name=name), hide_input=True, confirmation_prompt=True)
    else:
        # A pipe (`pass show desk | supportdesk secret set db-password`) keeps the value out of argv and history.
        value = sys.stdin.readline().rstrip("\r\n")
    if not value:
        raise Invalid(name, msg("the value is empty; nothing was stored"))
    source = secrets.store(name, value, to_file=to_file)
    if source.kind == "file" and not to_file:
        typer.echo(t("Stored {name} in the {source} (no usable OS keyring here).", name=name, source=source))
    else:
        typer.echo(t("Stored {name} in the {source}.", name=name, source=source))
    var = secrets.env_var(name)
    if os.environ.get(var):
        typer.echo(t("Note: {variable} is set in this environment and is used first.", variable=var), err=True)


@app.command("delete")
def delete_secret(name: NameArg) -> None:
    """Remove a secret from the OS keyring and the secrets file."""
    removed = secrets.delete(name)
    if not removed:
        typer.echo(t("No stored secret {name!r} in the keyring or the secrets file.", name=name))
    for source in removed:
        typer.echo(t("Removed {name} from the {source}.", name=name, source=source))
    var = secrets.env_var(name)
    if os.environ.get(var):
        typer.echo(t("{variable} is still set in this environment; unset it yourself.", variable=var), err=True)


@app.command("where")
def where_secret(name: NameArg) -> None:
    """Say which source a secret would be read from (never prints the value)."""
    typer.echo(f"{name}: {secrets.where(name)}")
