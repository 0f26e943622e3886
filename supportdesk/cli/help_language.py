"""`--help` in the desk's language: every command's help, its options' and arguments' help and typer's own words.

The English help is written where each command is (typer `help=` texts and the docstrings typer takes as help) and is
the catalog's id, as everywhere else. The language is chosen before the command tree is built (cli/language.py), so
`localise` translates the built tree once, in place: one seam instead of a t() around each of ~200 texts.
`help_texts` walks the same tree untranslated, which is how tests/supportdesk/test_catalog.py finds these ids (Babel
cannot see a docstring or a keyword argument as a marked text).

Help is shown with typer's Rich formatter, which reads help as Rich markup: every help text is escaped when it is
drawn, so a bracket in one (`[mail]`, `[N]`) is printed as written, in either language.
"""

from collections.abc import Callable, Iterator
from typing import Any

from typer import _click as click_types  # typer's bundled click: the classes its commands are built from
from typer.core import TyperArgument, TyperGroup, TyperOption

from supportdesk.i18n import N_, pN_, t

# The --help option's own text, as typer's bundled click writes it (decorators.help_option).
_HELP_OPTION = N_("Show this message and exit.")

# typer's Rich help formatter words its panels and notes with these module constants (typer.rich_utils), read each
# time help is drawn; they are set to the desk's language just before.
_TYPER_WORDS = {
    "ARGUMENTS_PANEL_TITLE": pN_("help", "Arguments"),
    "OPTIONS_PANEL_TITLE": pN_("help", "Options"),
    "COMMANDS_PANEL_TITLE": pN_("help", "Commands"),
    "DEFAULT_STRING": N_("[default: {}]"),
    "ENVVAR_STRING": N_("[env var: {}]"),
    "REQUIRED_LONG_STRING": N_("[required]"),
    "DEPRECATED_STRING": N_("(deprecated) "),
}
_USAGE_PREFIX = N_("Usage: ")


def _as_written(make: Callable[..., Any]) -> Callable[..., Any]:
    """typer's maker of a help text's Rich object, reading the text as written and folding long words.

    typer reads help as Rich markup: escaped, `[#12]` or `[mail]` is printed, not taken as a style. Rich wraps at
    spaces and cuts a word longer than a table cell with "…": a Japanese sentence has no spaces, so an option's help
    longer than its column was cut off; folded, it goes on on the next line (by cell width).
    """
    from rich.markup import escape
    from rich.text import Text

    def make_rich_text(*, text: str, **kwargs: Any) -> Any:
        made = make(text=escape(text), **kwargs)
        if isinstance(made, Text):
            made.overflow = "fold"
        return made

    make_rich_text.folds = True  # type: ignore[attr-defined]
    return make_rich_text


class _LocalFormatter(click_types.HelpFormatter):
    """click's formatter with the usage line's prefix in the desk's language."""

    def write_usage(self, prog: str, args: str = "", prefix: str | None = None) -> None:
        super().write_usage(prog, args, t(_USAGE_PREFIX) if prefix is None else prefix)


class _LocalContext(click_types.Context):
    """The context of a localised command: its help is drawn with typer's words in the desk's language."""

    formatter_class = _LocalFormatter

    def get_help(self) -> str:
        from typer import rich_utils  # only when help is drawn: Rich is slow to import

        for name, text in _TYPER_WORDS.items():
            setattr(rich_utils, name, t(text))
        # typer 0.29's private maker of help texts, the one place every help text passes (typer is pinned below
        # 0.30; tests/supportdesk/test_cli_help.py fails on a cut or swallowed text).
        if not getattr(rich_utils._make_rich_text, "folds", False):
            rich_utils._make_rich_text = _as_written(rich_utils._make_rich_text)
        option = self.command.get_help_option(self)
        # The option is made (and kept) on first use, in click's English; translated once.
        if option is not None and option.help == _HELP_OPTION:
            option.help = t(_HELP_OPTION)
        return super().get_help()


def _shown(text: str | None) -> str | None:
    return t(text) if text else text


def localise(command: click_types.Command) -> None:
    """Translate `command`'s help texts, and those of its options, arguments and subcommands, in place.

    Call it once on a freshly built tree: a translated text is not an id any more. A LazyGroup (cli/main.py)
    localises each command it loads later the same way.
    """
    command.help = _shown(command.help)
    command.short_help = _shown(command.short_help)
    command.epilog = _shown(command.epilog)
    command.context_class = _LocalContext
    for param in command.params:
        if isinstance(param, TyperOption | TyperArgument):
            param.help = _shown(param.help)
    if isinstance(command, TyperGroup):
        command.localised = True  # type: ignore[attr-defined]  # read by LazyGroup for commands loaded later
        for sub in command.commands.values():
            localise(sub)


def help_texts(command: click_types.Command, path: str = "supportdesk") -> Iterator[tuple[str, str]]:
    """Every help text of an untranslated tree, with where it is ("supportdesk ticket list --status")."""
    for text in (command.help, command.short_help, command.epilog):
        if text:
            yield text, path
    for param in command.params:
        text = getattr(param, "help", None)
        if text:
            yield text, f"{path} {_param_name(param)}"
    if isinstance(command, TyperGroup):
        for name, sub in command.commands.items():
            yield from help_texts(sub, f"{path} {name}")


def _param_name(param: Any) -> str:
    opts = [opt for opt in getattr(param, "opts", []) if opt.startswith("--")]
    return opts[0] if opts else str(param.name).upper()
