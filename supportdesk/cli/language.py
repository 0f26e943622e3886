"""The command's language, decided once before any command runs (usage errors included) or a screen is imported."""

from supportdesk.errors import SupportDeskError
from supportdesk.i18n import choose_language, set_language


def lang_option(argv: list[str]) -> str | None:
    """The value of the root --lang option in `argv`, read before typer parses anything."""
    for index, arg in enumerate(argv):
        if arg == "--":
            break
        if arg == "--lang" and index + 1 < len(argv):
            return argv[index + 1]
        if arg.startswith("--lang="):
            return arg.partition("=")[2]
    return None


def decide_language(argv: list[str]) -> str:
    """--lang, SUPPORTDESK_LANG, the config file's `lang`, the locale: set for the whole process and returned.

    Raises LanguageError for anything but ja or en. A config file that cannot be read is reported by the command
    that reads it; here it only leaves the choice to the locale.
    """
    from supportdesk.config import load_settings

    try:
        configured = load_settings().lang
    except SupportDeskError:
        configured = None
    lang = choose_language(lang_option(argv), configured)
    set_language(lang)
    return lang
