"""`supportdesk notifications`: the signed-in user's notifications, marking them read, the daily digest."""

from typing import Annotated

import typer

from supportdesk.cli.output import local_time, print_json
from supportdesk.cli.params import MAX_ID, JsonOpt
from supportdesk.cli.state import CliState
from supportdesk.i18n import t, tn
from supportdesk.untrusted import visible

app = typer.Typer(help="Your notifications: assigned to you, customers' answers, mentions, due times, rules.")


def _state(ctx: typer.Context) -> CliState:
    state: CliState = ctx.find_root().obj
    return state


@app.callback(invoke_without_command=True)
def notifications(
    ctx: typer.Context,
    unread: Annotated[bool, typer.Option("--unread", help="Only those not read yet.")] = False,
    limit: Annotated[int, typer.Option(min=1, max=500, help="At most this many, newest first.")] = 50,
    json: JsonOpt = False,
) -> None:
    """List your notifications, newest first."""
    if ctx.invoked_subcommand is not None:
        return
    from supportdesk.services.notifications import describe, kind_label

    found = _state(ctx).open_desk().notifications(unread_only=unread, limit=limit)
    if json:
        print_json([{**note.__dict__, "text": describe(note), "unread": note.unread} for note in found])
        return
    if not found:
        typer.echo(t("No notifications."))
    for note in found:
        mark = "●" if note.unread else " "
        subject = visible(note.subject or "", one_line=True)
        typer.echo(f"{mark} {note.id:>6}  {local_time(note.created_at)}  {kind_label(note.kind)}  {describe(note)}")
        if subject:
            typer.echo(f"          {subject}")


@app.command("read")
def read(
    ctx: typer.Context,
    ids: Annotated[
        list[int] | None, typer.Argument(metavar="ID", min=1, max=MAX_ID, help="Which ones (default: all).")
    ] = None,
) -> None:
    """Mark notifications read (all of yours when no ID is given)."""
    changed = _state(ctx).open_desk().mark_notifications_read(list(ids) if ids else None)
    typer.echo(tn("{count} notification marked read.", "{count} notifications marked read.", changed))


@app.command("digest")
def digest(
    ctx: typer.Context,
    on: Annotated[bool, typer.Option("--on/--off", help="A daily mail of your unread notifications, or none.")],
    email: Annotated[str | None, typer.Option(help="Where the digest goes.")] = None,
) -> None:
    """Ask for a daily digest of your unread notifications by mail (business days), or stop it."""
    setting = _state(ctx).open_desk().set_digest(on, email)
    if setting.on:
        typer.echo(t("A daily digest goes to {email}.", email=visible(setting.email, one_line=True)))
    else:
        typer.echo(t("No daily digest."))
