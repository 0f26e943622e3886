"""`supportdesk serve`: the app in a web browser, through textual-serve.

Each browser tab that connects gets its own app process on the desk, starting on the sign-in screen: the desk's
own accounts and passwords are what protect it. textual-serve itself has no authentication and speaks plain HTTP,
so it listens on 127.0.0.1 unless told otherwise; for use from other machines, put a reverse proxy with TLS in
front (README "In a browser").
"""

import logging
import os
import shlex
import sys
from pathlib import Path
from typing import TYPE_CHECKING, Annotated

import typer

from supportdesk.cli.state import CliState
from supportdesk.errors import NotAllowed
from supportdesk.i18n import language, msg, t

if TYPE_CHECKING:
    from textual_serve.server import Server

LOOPBACK = ("127.0.0.1", "::1", "localhost")
# textual-serve's page without the font it fetched from Google (the page says why).
PAGE = Path(__file__).with_name("serve_page")
# What a served app must not inherit from the shell that started the server: each person signs in for themselves.
_NOT_FOR_THE_APP = ("SUPPORTDESK_PASSWORD", "SUPPORTDESK_USER")


def app_command(db_url: str, lang: str) -> str:
    """The shell command textual-serve runs for each browser connection: this Python, this desk, this language."""
    return shlex.join([sys.executable, "-m", "supportdesk.cli.main", "--db", db_url, "--lang", lang])


def desk_server(command: str, host: str, port: int, public_url: str | None) -> "Server":
    """textual-serve's server with the desk's page, and logs that never print a traceback's locals (they can hold
    what a customer wrote, on its way to a browser)."""
    from rich.logging import RichHandler
    from textual_serve.server import Server

    class DeskServer(Server):
        def initialize_logging(self) -> None:
            handler = RichHandler(show_path=False, show_time=False, rich_tracebacks=True, console=self.console)
            logging.basicConfig(level="DEBUG" if self.debug else "INFO", format="%(message)s", handlers=[handler])

    return DeskServer(command, host=host, port=port, title="SupportDesk", public_url=public_url, templates_path=PAGE)


def serve(
    ctx: typer.Context,
    host: Annotated[
        str, typer.Option(help="Address to listen on; 127.0.0.1 keeps it to this machine (use TLS in front otherwise).")
    ] = "127.0.0.1",
    port: Annotated[int, typer.Option(min=1, max=65535, help="TCP port.")] = 8000,
    public_url: Annotated[
        str | None, typer.Option(help="The address browsers use, when a proxy serves it (https://desk.example.jp).")
    ] = None,
) -> None:
    """Serve the app to web browsers (each tab signs in with its own account)."""
    from supportdesk.config import load_settings, resolve_db_url
    from supportdesk.desk import Desk, open_engine

    state: CliState = ctx.find_root().obj
    url = resolve_db_url(state.db_url(), load_settings())
    engine = open_engine(url)  # creates or upgrades the schema once, before any tab opens it
    try:
        if not Desk.needs_password(engine):
            raise NotAllowed(
                msg("this desk has no passwords, so anyone who reaches the page would be signed in; set one first")
            )
    finally:
        engine.dispose()
    for name in _NOT_FOR_THE_APP:
        os.environ.pop(name, None)
    if host not in LOOPBACK:
        typer.echo(t("Listening on {host}: put a reverse proxy with TLS in front of it.", host=host), err=True)
    desk_server(app_command(url, language()), host, port, public_url).serve()
