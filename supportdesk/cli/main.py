"""Entry point of the `supportdesk` command."""

import importlib
import os
import sys
from collections.abc import Sequence
from typing import Annotated

import typer
from typer import _click as click_types  # only for type hints of the group below (see failures.py)
from typer.core import TyperGroup

from supportdesk.cli.failures import NoArgsIsHelpError, bad_argv, error_line, help_requested, report_failure
from supportdesk.cli.help_language import localise
from supportdesk.cli.language import decide_language_and_clock
from supportdesk.cli.output import shown_as_text
from supportdesk.cli.state import CliState
from supportdesk.engines_made import engines_let_go
from supportdesk.i18n import LanguageError, t

# Each command's module is imported only when that command runs (or --help lists them all): a usage error or a
# quick command does not pay for loading the database layer, migrations and search of every other command.
# (module, attribute): a typer app becomes a command group, a function a single command.
LAZY_COMMANDS: dict[str, tuple[str, str]] = {
    "ticket": ("supportdesk.cli.tickets", "app"),
    "customer": ("supportdesk.cli.customers", "app"),
    "company": ("supportdesk.cli.profiles", "company_app"),
    "user": ("supportdesk.cli.users", "app"),
    "privacy": ("supportdesk.cli.privacy", "app"),
    "mail": ("supportdesk.cli.mail", "app"),
    "audit": ("supportdesk.cli.users", "audit"),
    "demo": ("supportdesk.cli.demo", "demo"),
    "report": ("supportdesk.cli.reports", "report"),
    "search": ("supportdesk.cli.search", "search"),
    "reindex": ("supportdesk.cli.search", "reindex"),
    "secret": ("supportdesk.cli.secrets", "app"),
    "backup": ("supportdesk.cli.backup", "backup"),
    "restore": ("supportdesk.cli.backup", "restore"),
    "import": ("supportdesk.cli.data", "import_data"),
    "export": ("supportdesk.cli.data", "export_data"),
    "serve": ("supportdesk.cli.serve", "serve"),
    "service": ("supportdesk.cli.service", "app"),
    "notifications": ("supportdesk.cli.notifications", "app"),
    "rules": ("supportdesk.cli.rules", "app"),
    "macro": ("supportdesk.cli.rules", "macro_app"),
    "canned": ("supportdesk.cli.canned", "app"),
    "field": ("supportdesk.cli.fields", "app"),
}


def _load_command(name: str) -> click_types.Command:
    module_name, attribute = LAZY_COMMANDS[name]
    target = getattr(importlib.import_module(module_name), attribute)
    if isinstance(target, typer.Typer):
        command: click_types.Command = typer.main.get_group(target)
    else:
        # No completion options: typer would add --install-completion to a lone command as if it were the program.
        holder = typer.Typer(add_completion=False)
        holder.command(name)(target)
        command = typer.main.get_command(holder)
    command.name = name
    return command


class LazyGroup(TyperGroup):
    """The root command group: the commands in LAZY_COMMANDS are built the first time they are asked for (and, in a
    localised tree, translated then: help_language.localise)."""

    localised = False

    def list_commands(self, ctx: click_types.Context) -> list[str]:
        return [*LAZY_COMMANDS, *(name for name in super().list_commands(ctx) if name not in LAZY_COMMANDS)]

    def get_command(self, ctx: click_types.Context, cmd_name: str) -> click_types.Command | None:
        if cmd_name in LAZY_COMMANDS and cmd_name not in self.commands:
            command = _load_command(cmd_name)
            if self.localised:
                localise(command)
            self.commands[cmd_name] = command
        return super().get_command(ctx, cmd_name)


app = typer.Typer(
    name="supportdesk",
    cls=LazyGroup,
    help="SupportDesk: the inquiry and support desk in your terminal. Without a command, opens the app.",
    add_completion=False,
    pretty_exceptions_enable=False,
)


@app.callback(invoke_without_command=True)
def root(
    ctx: typer.Context,
    db: Annotated[
        str | None, typer.Option(help="Database URL (sqlite:///path or postgresql://…); env SUPPORTDESK_DB.")
    ] = None,
    user: Annotated[str | None, typer.Option(help="Act as this user (login); env SUPPORTDESK_USER.")] = None,
    demo_desk: Annotated[bool, typer.Option("--demo", help="Use the demo desk built by `supportdesk demo`.")] = False,
    lang: Annotated[str | None, typer.Option(help="UI language: ja or en (default from the locale).")] = None,
    password_stdin: Annotated[
        bool,
        typer.Option(
            "--password-stdin",
            help="Read the password from the first line of standard input (for scripts, like docker login).",
        ),
    ] = False,
    debug: Annotated[bool, typer.Option("--debug", help="On an error, also print the full traceback.")] = False,
) -> None:
    ctx.obj = CliState(db=db, user=user, demo=demo_desk, lang=lang, password_stdin=password_stdin)
    if ctx.invoked_subcommand is None:
        from supportdesk.cli.launch import launch

        code = launch(ctx.obj.db_url(), ctx.obj.login(), lang)
        if code:
            raise typer.Exit(code)  # a bug stopped the app: its traceback is above


@app.command()
def upgrade(ctx: typer.Context) -> None:
    """Bring the database schema up to date (the app also does this on start)."""
    from supportdesk.config import resolve_db_url
    from supportdesk.db import current_revision, make_engine, migrate

    state: CliState = ctx.find_root().obj
    engine = make_engine(resolve_db_url(state.db_url()))
    before = current_revision(engine)
    migrate(engine)
    typer.echo(t("Schema at {now} (was {before}).", now=current_revision(engine), before=before or t("empty")))


def whole_cli() -> LazyGroup:
    """The command tree with every command loaded, its help in English (the catalog's ids; tests walk it)."""
    root = typer.main.get_command(app)
    assert isinstance(root, LazyGroup)
    for name in LAZY_COMMANDS:
        root.get_command(root.make_context("supportdesk", [], resilient_parsing=True), name)
    return root


def _debugging(argv: Sequence[str]) -> bool:
    """--debug works even when parsing fails before the root options are read."""
    return "--debug" in argv or os.environ.get("SUPPORTDESK_DEBUG", "") not in ("", "0")


def main(argv: list[str] | None = None) -> int:
    """Run the CLI; every failure a person sees is one stderr line and a non-zero exit code (failures.py)."""
    args = list(sys.argv[1:] if argv is None else argv)
    debug = _debugging(args)
    try:
        decide_language_and_clock(args)  # first: every message after this, usage errors included, is in that language
    except LanguageError as exc:
        error_line(str(exc))
        return 2
    # Names, subjects and bodies are data: every line reaches the terminal without control codes (cli/output.py).
    with shown_as_text():
        problem = bad_argv(args)
        if problem is not None:
            error_line(problem)
            return 2
        try:
            # Without standalone mode typer returns the code of an Exit (--help, ctrl+c) instead of raising it.
            # color=True: typer would strip ESC [ sequences from a non-terminal silently; the guarded stream shows
            # them as marks instead, so data is seen as it is stored.
            command = typer.main.get_command(app)  # what app(...) would run, with its help in the desk's language
            localise(command)
            with engines_let_go():
                code = command.main(args=args, prog_name="supportdesk", standalone_mode=False, color=True)
        except typer.Exit as exc:
            return exc.exit_code
        except NoArgsIsHelpError as exc:
            return help_requested(exc)
        except BrokenPipeError:
            # `supportdesk ticket list | head`: the reader left; say nothing more and print no traceback at exit.
            os.dup2(os.open(os.devnull, os.O_WRONLY), sys.stdout.fileno())
            return 141
        except (Exception, KeyboardInterrupt) as exc:
            return report_failure(exc, args, debug=debug, root=app)
        return code if isinstance(code, int) else 0


if __name__ == "__main__":
    sys.exit(main())
