"""`supportdesk mail …`: take mail in from files or the IMAP server, send the outbound queue, see how it goes."""

from collections import Counter
from pathlib import Path
from typing import Annotated

import typer

from supportdesk.cli.output import print_json
from supportdesk.cli.state import CliState
from supportdesk.mail.sources import messages_in

app = typer.Typer(help="Mail in and out: import, fetch, send, status.", no_args_is_help=True)

JsonOpt = Annotated[bool, typer.Option("--json", help="Print machine-readable JSON.")]


def _state(ctx: typer.Context) -> CliState:
    return ctx.find_root().obj


@app.command("import")
def import_mail(
    ctx: typer.Context,
    paths: Annotated[list[Path], typer.Argument(help=".eml files, mbox files or Maildir folders.")],
    json: JsonOpt = False,
) -> None:
    """Take messages from files into the desk, as a fetch would (a message already taken is skipped)."""
    desk = _state(ctx).open_desk()
    results = []
    for path in paths:
        for label, raw in messages_in(path):
            received = desk.receive_mail(raw)
            results.append({"source": label, **received.__dict__})
    counts = Counter(r["outcome"] for r in results)
    if json:
        print_json({"messages": results, "counts": dict(counts)})
        return
    words = {
        "ticket": "new tickets",
        "entry": "added to tickets",
        "duplicate": "already on the desk",
        "auto_reply": "automatic replies",
        "bounce": "bounces",
    }
    summary = ", ".join(f"{counts[k]} {w}" for k, w in words.items() if counts[k])
    typer.echo(f"{len(results)} messages: {summary or 'nothing to take'}.")
