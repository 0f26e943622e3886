"""`supportdesk user …` and `supportdesk audit`: accounts and the audit trail, for administrators."""

import sys
from datetime import date
from typing import Annotated

import typer

from supportdesk import clock
from supportdesk.cli.output import cell, local_time, print_json
from supportdesk.cli.params import MAX_ID
from supportdesk.cli.state import CliState
from supportdesk.errors import Invalid
from supportdesk.i18n import msg, pt, t, v
from supportdesk.models.enums import Role
from supportdesk.services.audit_display import action_label, detail_text, target_label

app = typer.Typer(help="Manage who can use the desk (administrators).", no_args_is_help=True)


def _state(ctx: typer.Context) -> CliState:
    state: CliState = ctx.find_root().obj
    return state


def _new_password(prompt: str) -> str:
    """From stdin when piped (scripts), else asked twice without echo."""
    if not sys.stdin.isatty():
        return sys.stdin.readline().rstrip("\n")
    return str(typer.prompt(prompt, hide_input=True, confirmation_prompt=True))


@app.command("add")
def add(
    ctx: typer.Context,
    login: str,
    name: Annotated[str, typer.Option(help="Full name as colleagues see it.")],
    role: Annotated[Role, typer.Option(help="agent, lead, trainer or admin.")] = Role.AGENT,
    team: Annotated[str | None, typer.Option(help="Team, e.g. Tokyo support.")] = None,
    no_password: Annotated[bool, typer.Option("--no-password", help="Create without a password.")] = False,
) -> None:
    """Add a user; asks for their first password (or reads it from stdin)."""
    desk = _state(ctx).open_desk()
    password = None if no_password else _new_password(f"Password for {login}")
    desk.create_user(login, name, role, team, password=password)
    typer.echo(t("Added {login} ({role}).", login=login, role=v(role)))


@app.command("list")
def list_(ctx: typer.Context, json: Annotated[bool, typer.Option("--json")] = False) -> None:
    """Every account, active or not."""
    accounts = _state(ctx).open_desk().user_accounts()
    if json:
        print_json(accounts)
        return
    for u in accounts:
        state = pt("user", "active") if u.active else t("disabled")  # 有効, not a subscription's 契約中
        password = t("password") if u.has_password else t("no password")
        locked = " " + t("locked until {time}", time=local_time(u.locked_until)) if u.locked_until else ""
        last = t("last sign-in {time}", time=local_time(u.last_sign_in_at))
        typer.echo(
            f"{u.login:<12} {cell(u.name, 14)} {cell(v(u.role), 10)} {cell(u.team, 14)} {cell(state, 8)} "
            f"{cell(password, 13)} {last}{locked}"
        )


@app.command()
def disable(ctx: typer.Context, login: str) -> None:
    """Stop an account from signing in or acting; its history stays."""
    desk = _state(ctx).open_desk()
    desk.set_user_active(login, False)
    typer.echo(t("Disabled {login}.", login=login))


@app.command()
def enable(ctx: typer.Context, login: str) -> None:
    """Let a disabled account sign in again."""
    desk = _state(ctx).open_desk()
    desk.set_user_active(login, True)
    typer.echo(t("Enabled {login}.", login=login))


@app.command()
def role(ctx: typer.Context, login: str, new_role: Annotated[Role, typer.Argument(metavar="ROLE")]) -> None:
    """Give an account another role (agent, lead, trainer, admin); if signed in, they must sign in again."""
    desk = _state(ctx).open_desk()
    desk.set_user_role(login, new_role)
    typer.echo(t("{login} is now {role}.", login=login, role=v(str(new_role))))


@app.command()
def passwd(ctx: typer.Context, login: Annotated[str | None, typer.Argument(help="Default: yourself.")] = None) -> None:
    """Set a password: your own (you are asked for the current one), or anyone's as an administrator."""
    desk = _state(ctx).open_desk()
    target = login or desk.actor.login
    current = None
    if target == desk.actor.login and desk.actor.role != Role.ADMIN and sys.stdin.isatty():
        current = typer.prompt(t("Current password"), hide_input=True)
    new = _new_password(t("New password for {login}", login=target))
    desk.set_password(target, new, current)
    typer.echo(t("Password for {login} changed.", login=target))


def audit(
    ctx: typer.Context,
    customer: Annotated[
        int | None, typer.Option(min=1, max=MAX_ID, help="Events on this customer and their tickets.")
    ] = None,
    user: Annotated[str | None, typer.Option("--by", help="Events by this login.")] = None,
    since: Annotated[str | None, typer.Option(help="From this date (YYYY-MM-DD).")] = None,
    action: Annotated[str | None, typer.Option(help="Action prefix, e.g. customer. or auth.")] = None,
    limit: Annotated[int, typer.Option(min=1, max=100_000)] = 200,
    json: Annotated[bool, typer.Option("--json")] = False,
) -> None:
    """Read the audit log (administrators): who viewed or changed what, when."""
    try:
        start = clock.start_of_day(date.fromisoformat(since)) if since else None
    except ValueError:
        raise Invalid("since", msg("{value!r} is not a date like 2026-12-01", value=since)) from None
    desk = _state(ctx).open_desk()
    events = desk.audit_events(customer_id=customer, login=user, since=start, action=action, limit=limit)
    if json:
        print_json(events)
        return
    if not events:
        typer.echo(t("No audit events match."))
    for e in events:
        target = target_label(e.object_type, e.object_id)
        detail = detail_text(e.detail)
        typer.echo(
            f"{local_time(e.at)}  {cell(e.actor, 10)} {cell(action_label(e.action), 26)} {cell(target, 16)} {detail}"
        )
