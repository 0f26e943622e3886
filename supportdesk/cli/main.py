"""Entry point of the `supportdesk` command."""

import sys
from typing import Annotated

import click
import typer

from supportdesk.cli import backup, customers, data, privacy, reports, search, secrets, tickets, users
from supportdesk.cli.demo import demo
from supportdesk.cli.language import decide_language
from supportdesk.cli.output import error
from supportdesk.cli.state import CliState
from supportdesk.errors import SupportDeskError
from supportdesk.i18n import LanguageError

app = typer.Typer(
    name="supportdesk",
    help="SupportDesk: the inquiry and support desk in your terminal. Without a command, opens the app.",
    add_completion=False,
    pretty_exceptions_enable=False,
)
app.add_typer(tickets.app, name="ticket")
app.add_typer(customers.app, name="customer")
app.add_typer(users.app, name="user")
app.add_typer(privacy.app, name="privacy")
app.command()(users.audit)
app.command()(demo)
app.command()(reports.report)
app.command()(search.search)
app.command()(search.reindex)
app.add_typer(secrets.app, name="secret")
app.command()(backup.backup)
app.command()(backup.restore)
app.command("import")(data.import_data)
app.command("export")(data.export_data)


@app.callback(invoke_without_command=True)
def root(
    ctx: typer.Context,
    db: Annotated[
        str | None, typer.Option(help="Database URL (sqlite:///path or postgresql://…); env SUPPORTDESK_DB.")
    ] = None,
    user: Annotated[str | None, typer.Option(help="Act as this user (login); env SUPPORTDESK_USER.")] = None,
    demo_desk: Annotated[bool, typer.Option("--demo", help="Use the demo desk built by `supportdesk demo`.")] = False,
    lang: Annotated[str | None, typer.Option(help="UI language: ja or en (default from the locale).")] = None,
) -> None:
    ctx.obj = CliState(db=db, user=user, demo=demo_desk, lang=lang)
    if ctx.invoked_subcommand is None:
        from supportdesk.cli.launch import launch

        launch(ctx.obj.db_url(), ctx.obj.login(), lang)


@app.command()
def upgrade(ctx: typer.Context) -> None:
    """Bring the database schema up to date (the app also does this on start)."""
    from supportdesk.config import resolve_db_url
    from supportdesk.db import current_revision, make_engine, migrate

    state: CliState = ctx.find_root().obj
    engine = make_engine(resolve_db_url(state.db_url()))
    before = current_revision(engine)
    migrate(engine)
    typer.echo(f"Schema at {current_revision(engine)} (was {before or 'empty'}).")


def main(argv: list[str] | None = None) -> int:
    """Run the CLI; errors a person can act on are one stderr line and a non-zero exit code."""
    try:
        decide_language(sys.argv[1:] if argv is None else argv)
    except LanguageError as exc:
        error(str(exc))
        return 2
    try:
        app(args=argv, prog_name="supportdesk", standalone_mode=False)
    except SupportDeskError as exc:
        error(str(exc))
        return exc.exit_code
    except click.exceptions.Exit as exc:
        return exc.exit_code
    except click.ClickException as exc:
        exc.show()
        return exc.exit_code
    except click.Abort:
        error("aborted")
        return 130
    except KeyboardInterrupt:
        return 130
    return 0


if __name__ == "__main__":
    sys.exit(main())
