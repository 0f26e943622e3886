"""`supportdesk mail …`: take mail in from files or the IMAP server, send the outbound queue, see how it goes."""

from collections import Counter
from datetime import UTC, datetime
from pathlib import Path
from typing import Annotated

import typer

from supportdesk.cli.output import local_time, print_json
from supportdesk.cli.state import CliState
from supportdesk.mail.sources import messages_in
from supportdesk.untrusted import visible

app = typer.Typer(help="Mail in and out: import, fetch, send, status.", no_args_is_help=True)

JsonOpt = Annotated[bool, typer.Option("--json", help="Print machine-readable JSON.")]


def _state(ctx: typer.Context) -> CliState:
    state: CliState = ctx.find_root().obj
    return state


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
    typer.echo(f"{len(results)} messages: {_summary(counts) or 'nothing to take'}.")


@app.command()
def fetch(
    ctx: typer.Context,
    json: JsonOpt = False,
) -> None:
    """Take new mail from the IMAP folders in [mail] (password: `supportdesk secret set mail-imap-password`)."""
    desk = _state(ctx).open_desk()
    report = desk.fetch_mail()
    counts = Counter(r.outcome for r in report.taken)
    if json:
        print_json({"messages": [r.__dict__ for r in report.taken], "counts": dict(counts)})
        return
    typer.echo(f"Fetched {len(report.taken)} messages: {_summary(counts) or 'nothing new'}.")


@app.command()
def send(ctx: typer.Context, json: JsonOpt = False) -> None:
    """Deliver the replies waiting in the outbound queue (password: `supportdesk secret set mail-smtp-password`)."""
    report = _state(ctx).open_desk().deliver_mail()
    if json:
        print_json({"counts": dict(report.counts), "answers": report.answers})
        return
    done = ", ".join(f"{n} {state}" for state, n in sorted(report.counts.items()))
    typer.echo(f"Outbound queue: {done or 'nothing due'}.")
    for answer in report.answers:
        typer.echo(f"  server: {visible(answer, one_line=True)}")


@app.command()
def status(ctx: typer.Context, json: JsonOpt = False) -> None:
    """The outbound queue, mail that needs a person (failed, unconfirmed, bounced) and the last fetches."""
    found = _state(ctx).open_desk().mail_status()
    if json:
        print_json(found)
        return
    queue = ", ".join(f"{n} {state}" for state, n in sorted(found.queue.items()))
    typer.echo(f"Outbound: {queue or 'empty'}")
    for p in found.problems:
        typer.echo(
            f"  mail {p.mail} on #{p.ticket} to {visible(p.to, one_line=True)}: {p.state} — "
            f"{visible(p.server_answer, one_line=True)}"
        )
    if not found.fetches:
        typer.echo("Fetch: never run")
    for run in found.fetches:
        outcome = f"error: {visible(run.error, one_line=True)}" if run.error else f"{run.added} new"
        typer.echo(f"Fetch {visible(run.mailbox, one_line=True)}: {local_time(run.finished_at)} · {outcome}")


@app.command()
def resend(ctx: typer.Context, mail_id: Annotated[int, typer.Argument(metavar="MAIL")]) -> None:
    """Queue an unconfirmed, failed or bounced mail again (after checking the customer did not get it)."""
    _state(ctx).open_desk().resend_mail(mail_id)
    typer.echo(f"Mail {mail_id} is queued again; `supportdesk mail send` delivers it.")


@app.command()
def run(
    ctx: typer.Context,
    once: Annotated[bool, typer.Option(help="One round of fetch and send, then stop.")] = False,
) -> None:
    """Fetch and send continuously: new mail as it arrives (IMAP IDLE, or every `interval` seconds)."""
    import time

    from supportdesk.heap import settle_after_start_up

    desk = _state(ctx).open_desk()
    settle_after_start_up()  # a process that runs for days: no collector pauses over what start-up loaded
    while True:
        taken = desk.fetch_mail()
        sent = desk.deliver_mail()
        typer.echo(f"{local_time(datetime.now(UTC))} fetched {taken.added}, sent {sent.counts.get('sent', 0)}")
        if once:
            return
        if desk.settings.mail.idle:
            desk.wait_for_mail(desk.settings.mail.interval)  # returns early when the server says mail came
        else:
            time.sleep(desk.settings.mail.interval)


def _summary(counts: Counter[str]) -> str:
    words = {
        "ticket": "new tickets",
        "entry": "added to tickets",
        "duplicate": "already on the desk",
        "auto_reply": "automatic replies",
        "bounce": "bounces",
    }
    return ", ".join(f"{counts[k]} {w}" for k, w in words.items() if counts[k])
