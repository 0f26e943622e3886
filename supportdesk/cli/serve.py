"""`supportdesk serve`: the app in a web browser, through textual-serve.

Each browser tab that connects gets its own app process on the desk, starting on the sign-in screen: the desk's
own accounts and passwords are what protect it. textual-serve itself has no authentication and speaks plain HTTP,
so it listens on 127.0.0.1 unless told otherwise; for use from other machines, put a reverse proxy with TLS in
front (README "In a browser").
"""

import os
import shlex
import sys
from typing import Annotated

import typer

from supportdesk.cli.state import CliState
from supportdesk.errors import NotAllowed
from supportdesk.i18n import language, msg, t

LOOPBACK = ("127.0.0.1", "::1", "localhost")
# What a served app must not inherit from the shell that started the server: each person signs in for themselves.
_NOT_FOR_THE_APP = ("SUPPORTDESK_PASSWORD", "SUPPORTDESK_USER")


def app_command(db_url: str, lang: str) -> str:
    """The shell command textual-serve runs for each browser connection: this Python, this desk, this language."""
    return shlex.join([sys.executable, "-m", "supportdesk.cli.main", "--db", db_url, "--lang", lang])


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
    from textual_serve.server import Server

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
    Server(app_command(url, language()), host=host, port=port, title="SupportDesk", public_url=public_url).serve()
