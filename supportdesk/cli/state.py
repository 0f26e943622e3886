"""Options shared by every command (--db, --user, --demo) and opening the desk they point at."""

import getpass
import os
import sys
from dataclasses import dataclass

import typer

from supportdesk.config import demo_db_url, load_settings, resolve_db_url
from supportdesk.desk import Desk, open_engine
from supportdesk.errors import NotAllowed

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
        """The desk, signed in: a password comes from SUPPORTDESK_PASSWORD or is asked for on a terminal."""
        settings = load_settings()
        engine = open_engine(resolve_db_url(self.db_url(), settings))
        password = None
        if Desk.needs_password(engine):
            password = os.environ.get("SUPPORTDESK_PASSWORD")
            if password is None:
                if not sys.stdin.isatty():
                    raise NotAllowed("This desk needs a password: set SUPPORTDESK_PASSWORD or run in a terminal.")
                login = self.login() or settings.user or getpass.getuser()
                password = typer.prompt(f"Password for {login}", hide_input=True)
        return Desk.sign_in(engine, self.login() or settings.user, password, settings)
