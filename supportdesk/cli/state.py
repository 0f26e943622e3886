"""Options shared by every command (--db, --user, --demo) and opening the desk they point at."""

import os
from dataclasses import dataclass

from supportdesk.config import demo_db_url, load_settings
from supportdesk.desk import Desk

DEMO_DEFAULT_USER = "sato"


@dataclass
class CliState:
    db: str | None = None
    user: str | None = None
    demo: bool = False
    lang: str | None = None

    def db_url(self) -> str | None:
        return demo_db_url() if self.demo and not self.db else self.db

    def login(self) -> str | None:
        explicit = self.user or os.environ.get("SUPPORTDESK_USER")
        if explicit:
            return explicit
        return DEMO_DEFAULT_USER if self.demo else None

    def open_desk(self) -> Desk:
        return Desk.open(self.db_url(), self.login(), load_settings())
