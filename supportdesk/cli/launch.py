"""Starting the Textual app. The one place in `supportdesk` allowed to import the UI, and only when called."""

from supportdesk.config import load_settings
from supportdesk.desk import Desk


def launch(db_url: str | None, login: str | None, lang: str | None = None) -> None:
    settings = load_settings()
    desk = Desk.open(db_url, login, settings)
    from screens.app import SupportDeskApp

    SupportDeskApp(desk, lang=lang or settings.lang).run()
