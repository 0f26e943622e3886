"""The command's language and clock, decided once before any command runs (usage errors included) or a screen is
imported."""

from supportdesk import clock
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


def decide_language_and_clock(argv: list[str]) -> str:
    """Set the language (--lang, SUPPORTDESK_LANG, the config file's `lang`, the locale) and the desk's clock (the
    config file's `timezone`) for the whole process; the language is returned.

    Raises LanguageError for anything but ja or en. A config file that cannot be read is reported by the command
    that reads it; here it only leaves the choice to the locale and the default clock.
    """
    from supportdesk.config import Settings, load_settings

    try:
        settings = load_settings()
    except SupportDeskError:
        settings = Settings()
    clock.set_desk_zone(settings.timezone)
    lang = choose_language(lang_option(argv), settings.lang)
    set_language(lang)
    return lang
