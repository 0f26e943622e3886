"""Options shared by every command (--db, --user, --demo) and opening the desk they point at."""

import getpass
import os
import sys
from dataclasses import dataclass
from typing import TYPE_CHECKING

import typer

from supportdesk.config import demo_db_url, load_settings, resolve_db_url
from supportdesk.errors import Invalid, NotAllowed
from supportdesk.i18n import msg, t

if TYPE_CHECKING:
    from supportdesk.desk import Desk

DEMO_DEFAULT_USER = "sato"


@dataclass
class CliState:
    db: str | None = None
    user: str | None = None
    demo: bool = False
    lang: str | None = None
    password_stdin: bool = False

    def db_url(self) -> str | None:
        return demo_db_url() if self.demo and not self.db else self.db

    def login(self) -> str | None:
        explicit = self.user or os.environ.get("SUPPORTDESK_USER")
        if explicit:
            return explicit
        return DEMO_DEFAULT_USER if self.demo else None

    def open_desk(self) -> "Desk":
        """The desk, signed in: a password comes from SUPPORTDESK_PASSWORD or is asked for on a terminal."""
        from supportdesk.desk import Desk, open_engine  # the whole core: loaded only by commands that use it

        settings = load_settings()
        engine = open_engine(resolve_db_url(self.db_url(), settings))
        password = None
        if Desk.needs_password(engine):
            password = self._stdin_password() if self.password_stdin else os.environ.get("SUPPORTDESK_PASSWORD")
            if password is None:
                if not sys.stdin.isatty():
                    raise NotAllowed(msg("This desk needs a password: set SUPPORTDESK_PASSWORD or run in a terminal."))
                login = self.login() or settings.user or getpass.getuser()
                password = typer.prompt(t("Password for {login}", login=login), hide_input=True)
        return Desk.sign_in(engine, self.login() or settings.user, password, settings)

    def _stdin_password(self) -> str | None:
        """--password-stdin: the first line of a pipe (the rest stays for a '-' body); at a terminal, None asks."""
        if sys.stdin.isatty():
            return None
        line = sys.stdin.readline()
        if not line:
            raise Invalid("--password-stdin", msg("standard input is empty; pipe the password in"))
        return line.rstrip("\r\n")
