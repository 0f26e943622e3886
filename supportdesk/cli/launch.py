"""Starting the Textual app. The one place in `supportdesk` allowed to import the UI, and only when called."""

from supportdesk import clock
from supportdesk.cli.output import terminal_as_is
from supportdesk.config import load_settings, resolve_db_url
from supportdesk.desk import Desk, Entrance, open_engine
from supportdesk.heap import settle_after_start_up
from supportdesk.i18n import choose_language, set_language
from supportdesk.services.sla import load_calendar


def launch(db_url: str | None, login: str | None, lang: str | None = None, hint: str | None = None) -> int:
    """Open the app; a desk with passwords (or no users yet) starts on the sign-in screen.

    Returns the app's exit code: 0 when the user quit, 1 when a bug stopped it (Textual printed the traceback).
    """
    settings = load_settings()
    # Chosen before the screens are imported (main() has done so already; this covers other callers).
    lang = choose_language(lang, settings.lang)
    set_language(lang)
    clock.set_desk_zone(settings.timezone)
    engine = open_engine(resolve_db_url(db_url, settings))
    desk = None
    if Desk.has_users(engine) and not Desk.needs_password(engine):
        desk = Desk.sign_in(engine, login or settings.user, None, settings)
    from screens.app import SupportDeskApp

    app = SupportDeskApp(desk, entrance=Entrance(engine, settings), login=login or settings.user, hint=hint, lang=lang)
    load_calendar(settings.sla)  # before the first status change, not during it
    settle_after_start_up()  # no collector pauses walking what start-up loaded (supportdesk/heap.py)
    with terminal_as_is():  # the app draws the screen itself and shows every name as text (screens/safe_text.py)
        app.run()
    return app.return_code or 0
