"""Every way a command can fail, as one line on stderr and an exit code.

`report_failure(exc)` is the one path: service errors (SupportDeskError), usage errors raised while typer parses
the command line, bad bytes in argv and anything unexpected all end here. The words go through `t()`, so the
catalog can put them in the user's language; click's own English is never printed verbatim.
"""

import difflib
import math
import re
import sys
import traceback
from collections.abc import Sequence
from typing import Any

import typer

# typer 0.29 bundles its own click as `typer._click` and exports only BadParameter, Exit, Abort and TyperException
# publicly; the finer usage errors (which option, which parameter, the usage line) are only on these classes. This
# module is the one place that reaches into them (typer is pinned below 0.30 in pyproject; tests/supportdesk/
# test_cli_errors.py covers each kind through the installed command).
from typer._click.exceptions import (
    BadOptionUsage,
    MissingParameter,
    NoArgsIsHelpError,
    NoSuchOption,
    UsageError,
)

__all__ = ["NoArgsIsHelpError", "bad_argv", "error_line", "help_requested", "report_failure", "usage_failure"]

from supportdesk.errors import StorageError, SupportDeskError
from supportdesk.i18n import t

EXIT_UNEXPECTED = 1
EXIT_USAGE = 2
EXIT_INTERRUPTED = 130


def one_line(text: str) -> str:
    """Text that stays on one terminal line and carries no control codes: newlines, escape sequences and bytes
    that were not UTF-8 (lone surrogates from argv) are shown escaped, as Python's repr would."""
    out = []
    for ch in text:
        code = ord(ch)
        if ch == "\n":
            out.append("\\n")
        elif ch == "\t":
            out.append(" ")
        elif code < 0x20 or 0x7F <= code < 0xA0 or 0xD800 <= code < 0xE000 or ch in "\u2028\u2029":
            out.append(ch.encode("unicode_escape", "backslashreplace").decode("ascii"))
        else:
            out.append(ch)
    return "".join(out)


def error_line(message: str) -> None:
    """Write one error line to stderr: `supportdesk: <message>`."""
    sys.stderr.write(f"supportdesk: {one_line(message)}\n")
    sys.stderr.flush()


def quoted(value: object) -> str:
    return "'" + one_line(str(value)) + "'"


# ---- usage errors raised by typer ----------------------------------------------------------------------------


def _param_label(param: Any) -> str:
    """How a person typed (or should type) the parameter: --subject, or NUMBER for an argument."""
    if param is None:
        return t("a value")
    if getattr(param, "param_type_name", "") == "option":
        opts = [o for o in getattr(param, "opts", []) if o.startswith("--")] or getattr(param, "opts", [])
        return max(opts, key=len) if opts else str(param.name)
    return str(getattr(param, "metavar", None) or param.name).upper()


def _choices(param: Any) -> str | None:
    descriptor = getattr(param, "type_descriptor", None)
    choices = getattr(descriptor, "choices", None)
    if not choices:
        return None
    return ", ".join(str(getattr(c, "value", c)) for c in choices)


def _limit(value: object) -> str:
    return f"{value:g}" if isinstance(value, float) else str(value)


def _not_finite(raw: object) -> bool:
    try:
        return not math.isfinite(float(str(raw)))
    except ValueError:
        return False


def _bad_value(exc: UsageError) -> str:
    """A value typer could not accept, from pydantic's structured error when typer used it."""
    param = getattr(exc, "param", None)
    label = _param_label(param)
    cause: Any = exc.__cause__  # pydantic's ValidationError when typer validated the value with it
    errors = cause.errors(include_url=False) if hasattr(cause, "errors") else []
    if not errors:
        return t("{param}: {why}", param=label, why=exc.message)
    err = errors[0]
    kind, ctx, value = err["type"], err.get("ctx", {}), quoted(err.get("input", ""))
    if _not_finite(err.get("input")):
        kind = "finite_number"
    choices = _choices(param)
    if choices is not None:
        return t("{param}: {value} is not one of {choices}", param=label, value=value, choices=choices)
    if kind.startswith("int_"):
        return t("{param}: {value} is not a whole number", param=label, value=value)
    if kind == "finite_number":
        return t("{param}: {value} is not a finite number", param=label, value=value)
    if kind.startswith("float_"):
        return t("{param}: {value} is not a number", param=label, value=value)
    limit = _limit(next(iter(ctx.values()))) if ctx else ""
    if kind in ("greater_than_equal", "greater_than"):
        return t("{param}: {value} is below {limit}", param=label, value=value, limit=limit)
    if kind in ("less_than_equal", "less_than"):
        return t("{param}: {value} is above {limit}", param=label, value=value, limit=limit)
    if kind.startswith("bool"):
        return t("{param}: {value} is not yes or no", param=label, value=value)
    return t("{param}: {value} is not valid ({why})", param=label, value=value, why=err.get("msg", ""))


ROOT_OPTIONS = ("--db", "--user", "--demo", "--lang", "--password-stdin", "--debug")


def _problem(exc: UsageError, argv: Sequence[str]) -> str:
    if isinstance(exc, NoSuchOption) and exc.option_name.partition("=")[0] in ROOT_OPTIONS:
        return t("{option} goes before the command, e.g. supportdesk {option} ticket list", option=exc.option_name)
    if isinstance(exc, NoSuchOption):
        if exc.possibilities:
            return t(
                "no such option {option} (did you mean {choices}?)",
                option=exc.option_name,
                choices=", ".join(sorted(exc.possibilities)),
            )
        return t("no such option {option}", option=exc.option_name)
    if isinstance(exc, MissingParameter):
        return t("{param} is missing", param=_param_label(exc.param))
    if isinstance(exc, BadOptionUsage):
        if "does not take a value" in exc.message:
            return t("{option} takes no value", option=exc.option_name)
        return t("{option} needs a value", option=exc.option_name)
    if isinstance(exc, typer.BadParameter):
        return _bad_value(exc)
    # Plain UsageErrors carry only click's English message; these are every one typer 0.29 raises.
    message = exc.message
    if found := re.match(r"No such command '(.*)'\.(?: Did you mean .*)?$", message, re.DOTALL):
        name, ctx = found[1], exc.ctx
        group: Any = ctx.command if ctx is not None else None
        names = list(group.list_commands(ctx)) if hasattr(group, "list_commands") else []
        if close := difflib.get_close_matches(name, names):
            return t("no such command {name} (did you mean {choices}?)", name=quoted(name), choices=", ".join(close))
        return t("no such command {name} (commands: {choices})", name=quoted(name), choices=", ".join(names))
    extra_prefix = "Got unexpected extra argument(s) ("
    if message.startswith(extra_prefix):
        extra = message.removeprefix(extra_prefix).removesuffix(")")
        return t("unexpected extra argument {args}", args=quoted(extra))
    if message.startswith("Missing command"):
        return t("a command is missing")
    return one_line(message)


def _command_context(exc: UsageError, argv: Sequence[str], root: typer.Typer | None) -> Any:
    """The click context of the command being parsed; errors raised by the option parser carry none, so the
    command is found by following argv through the command groups of `root`."""
    if exc.ctx is not None or root is None:
        return exc.ctx
    command: Any = typer.main.get_command(root)
    ctx = command.make_context("supportdesk", [], resilient_parsing=True)
    for word in argv:
        if not hasattr(command, "list_commands") or word.startswith("-"):
            continue
        sub = command.get_command(ctx, word)
        if sub is None:
            continue  # the value of a root option (--db URL, --user LOGIN)
        ctx = sub.make_context(word, [], parent=ctx, resilient_parsing=True)
        command = sub
    return ctx


def usage_of(ctx: Any) -> str:
    """`supportdesk ticket show [OPTIONS] NUMBER`: the command's usage line without click's English prefix."""
    pieces = []
    for piece in ctx.command.collect_usage_pieces(ctx):
        if piece.startswith("{") and piece.endswith("}"):  # typer 0.29 writes required arguments as {name}
            piece = piece[1:-1].upper()
        elif piece.startswith("[") and piece.endswith("]") and piece != "[OPTIONS]":
            piece = "[" + piece[1:-1].upper() + "]"
        pieces.append(piece)
    return " ".join([ctx.command_path, *pieces])


def usage_failure(exc: UsageError, argv: Sequence[str], root: typer.Typer | None = None) -> str:
    """One line naming the problem, then the command's usage and where to read more."""
    problem = _problem(exc, argv)
    try:
        ctx = _command_context(exc, argv, root)
        usage = usage_of(ctx)
        path = ctx.command_path
    except Exception:  # the hint is a courtesy: never let it hide the problem itself
        return problem
    return t("{problem} — usage: {usage} (see {path} --help)", problem=problem, usage=usage, path=path)


# ---- the one path --------------------------------------------------------------------------------------------


def report_failure(
    exc: BaseException, argv: Sequence[str] = (), debug: bool = False, root: typer.Typer | None = None
) -> int:
    """Tell the person what went wrong in one stderr line and return the exit code.

    `root` is the command's typer app, for the usage hint; with `debug`, the traceback comes first (for a bug
    report); without it no traceback reaches the user.
    """
    if debug and not isinstance(exc, UsageError | SupportDeskError):
        traceback.print_exception(exc, file=sys.stderr)
    if isinstance(exc, SupportDeskError):
        error_line(exc.message)
        return exc.exit_code
    if isinstance(exc, UsageError):
        error_line(usage_failure(exc, argv, root))
        return EXIT_USAGE
    if isinstance(exc, typer.Abort | KeyboardInterrupt):
        error_line(t("interrupted; nothing more was done"))
        return EXIT_INTERRUPTED
    if _is_database_error(exc):
        cause = getattr(exc, "orig", None) or exc
        error_line(t("the database could not be used: {why}", why=_first_line(cause)))
        return StorageError.exit_code
    if isinstance(exc, OSError) and exc.filename is not None:
        # A path the person named (an export file in a missing folder, a read-only place): their input to fix.
        error_line(t("{file}: {why}", file=exc.filename, why=exc.strerror or type(exc).__name__))
        return EXIT_USAGE
    error_line(
        t(
            "unexpected error {kind}: {why} (run again with --debug for the details)",
            kind=type(exc).__name__,
            why=_first_line(exc),
        )
    )
    return EXIT_UNEXPECTED


def _first_line(exc: BaseException) -> str:
    text = str(exc).strip()
    return text.splitlines()[0] if text else type(exc).__name__


def _is_database_error(exc: BaseException) -> bool:
    # Checked by module name so that a usage error never has to import SQLAlchemy.
    return any(cls.__module__.startswith("sqlalchemy.") for cls in type(exc).__mro__)


def _noncharacter(ch: str) -> bool:
    """U+FDD0–U+FDEF and the last two code points of every plane (U+FFFE, U+10FFFF …) are never text."""
    code = ord(ch)
    return 0xFDD0 <= code <= 0xFDEF or code & 0xFFFE == 0xFFFE


def bad_argv(argv: Sequence[str]) -> str | None:
    """The first argument that is not text, as a message; None when every one is.

    Bytes that were not valid UTF-8 reach Python as lone surrogates; noncharacters (U+10FFFF) are not text either.
    Both are refused here, before any command sees them.
    """
    for position, word in enumerate(argv, start=1):
        if any(0xD800 <= ord(ch) <= 0xDFFF for ch in word):
            return t(
                "argument {position} {value} is not valid UTF-8; check the terminal's encoding",
                position=position,
                value=quoted(word),
            )
        if bad := next((ch for ch in word if _noncharacter(ch)), None):
            return t(
                "argument {position} contains U+{code:04X}, which is not a character",
                position=position,
                code=ord(bad),
            )
    return None


def help_requested(exc: NoArgsIsHelpError) -> int:
    """A command group without a subcommand shows its help, as `--help` would."""
    typer.echo(exc.ctx.get_help())
    return 0
