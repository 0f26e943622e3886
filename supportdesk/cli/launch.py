"""Starting the Textual app. The one place in `supportdesk` allowed to import the UI, and only when called."""

import os

from supportdesk.config import load_settings, resolve_db_url
from supportdesk.desk import Desk, open_engine


def launch(db_url: str | None, login: str | None, lang: str | None = None, hint: str | None = None) -> None:
    """Open the app; a desk with passwords (or no users yet) starts on the sign-in screen."""
    settings = load_settings()
    lang = lang or settings.lang
    if lang:
        # Binding labels are chosen when the screens are imported, so the language must be known first.
        os.environ["SUPPORTDESK_LANG"] = lang
    engine = open_engine(resolve_db_url(db_url, settings))
    desk = None
    if Desk.has_users(engine) and not Desk.needs_password(engine):
        desk = Desk.sign_in(engine, login or settings.user, None, settings)
    from screens.app import SupportDeskApp

    app = SupportDeskApp(desk, engine=engine, settings=settings, login=login or settings.user, hint=hint, lang=lang)
    app.run()
