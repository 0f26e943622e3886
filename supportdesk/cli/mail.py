"""`supportdesk mail …`: take mail in from files or the IMAP server, send the outbound queue, see how it goes."""

from collections import Counter
from collections.abc import Mapping
from datetime import UTC, datetime
from pathlib import Path
from typing import Annotated

import typer

from supportdesk.cli.output import local_time, print_json
from supportdesk.cli.state import CliState
from supportdesk.i18n import listing, t, tn
from supportdesk.mail.sources import messages_in
from supportdesk.services.mail_display import state_name
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
    summary = _summary(counts) or t("nothing to take")
    typer.echo(tn("{count} message: {summary}.", "{count} messages: {summary}.", len(results), summary=summary))


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
    summary = _summary(counts) or t("nothing new")
    typer.echo(
        tn(
            "Fetched {count} message: {summary}.",
            "Fetched {count} messages: {summary}.",
            len(report.taken),
            summary=summary,
        )
    )


@app.command()
def send(ctx: typer.Context, json: JsonOpt = False) -> None:
    """Deliver the replies waiting in the outbound queue (password: `supportdesk secret set mail-smtp-password`)."""
    report = _state(ctx).open_desk().deliver_mail()
    if json:
        print_json({"counts": dict(report.counts), "answers": report.answers})
        return
    typer.echo(t("Outbound queue: {states}.", states=_states(report.counts) or t("nothing due")))
    for answer in report.answers:
        typer.echo("  " + t("server: {answer}", answer=visible(answer, one_line=True)))


@app.command()
def status(ctx: typer.Context, json: JsonOpt = False) -> None:
    """The outbound queue, mail that needs a person (failed, unconfirmed, bounced) and the last fetches."""
    found = _state(ctx).open_desk().mail_status()
    if json:
        print_json(found)
        return
    typer.echo(t("Outbound: {states}", states=_states(found.queue) or t("empty")))
    for p in found.problems:
        problem = t(
            "mail {mail} on #{ticket} to {to}: {state} — {answer}",
            mail=p.mail,
            ticket=p.ticket,
            to=visible(p.to, one_line=True),
            state=state_name(p.state),
            answer=visible(p.server_answer, one_line=True),
        )
        typer.echo("  " + problem)
    if not found.fetches:
        typer.echo(t("Fetch: never run"))
    for run in found.fetches:
        if run.error:
            outcome = t("error: {error}", error=visible(run.error, one_line=True))
        else:
            outcome = t("{count} new", count=run.added)
        when = local_time(run.finished_at)
        typer.echo(
            t(
                "Fetch {mailbox}: {when} · {outcome}",
                mailbox=visible(run.mailbox, one_line=True),
                when=when,
                outcome=outcome,
            )
        )


@app.command()
def resend(ctx: typer.Context, mail_id: Annotated[int, typer.Argument(metavar="MAIL")]) -> None:
    """Queue an unconfirmed, failed or bounced mail again (after checking the customer did not get it)."""
    _state(ctx).open_desk().resend_mail(mail_id)
    typer.echo(t("Mail {mail} is queued again; `supportdesk mail send` delivers it.", mail=mail_id))


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
        typer.echo(
            t(
                "{when} fetched {fetched}, sent {sent}",
                when=local_time(datetime.now(UTC)),
                fetched=taken.added,
                sent=sent.counts["sent"],
            )
        )
        if once:
            return
        if desk.settings.mail.idle:
            desk.wait_for_mail(desk.settings.mail.interval)  # returns early when the server says mail came
        else:
            time.sleep(desk.settings.mail.interval)


def _summary(counts: Counter[str]) -> str:
    """What became of the messages taken: "2 new tickets, 1 added to tickets" / 「新規チケット 2 件、…」."""
    parts = [
        tn("{count} new ticket", "{count} new tickets", counts["ticket"]),
        tn("{count} added to a ticket", "{count} added to tickets", counts["entry"]),
        tn("{count} already on the desk", "{count} already on the desk", counts["duplicate"]),
        tn("{count} automatic reply", "{count} automatic replies", counts["auto_reply"]),
        tn("{count} bounce", "{count} bounces", counts["bounce"]),
    ]
    shown = [
        part
        for part, key in zip(parts, ("ticket", "entry", "duplicate", "auto_reply", "bounce"), strict=True)
        if counts[key]
    ]
    return listing(shown)


def _states(counts: Mapping[str, int]) -> str:
    """Mail by delivery state: "3 sent, 1 failed" / 「送信済み 3 通、送信失敗 1 通」."""
    return listing(t("{count} {state}", count=n, state=state_name(state)) for state, n in sorted(counts.items()))
