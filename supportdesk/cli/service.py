"""`supportdesk service`: run the desk service (one active instance per desk), and `service status`."""

import signal
import threading
from types import FrameType
from typing import Annotated

import typer

from supportdesk.cli.output import local_time, print_json
from supportdesk.cli.params import JsonOpt
from supportdesk.cli.state import CliState
from supportdesk.i18n import listing, msg, pN_, t
from supportdesk.untrusted import visible

app = typer.Typer(
    help="The desk service: timed rules, triggers, notifications, mail and the search index, run by one process.",
)


# The service's jobs and what each counts (supportdesk/service/jobs.py), as `service status` names them.
JOB_LABELS = {
    "rules_file": pN_("job", "rules file"),
    "changes": pN_("job", "changes"),
    "mail_fetch": pN_("job", "mail fetch"),
    "mail_send": pN_("job", "mail send"),
    "timed": pN_("job", "timed rules"),
    "index": pN_("job", "search index"),
    "search_upkeep": pN_("job", "search index merge"),
    "digest": pN_("job", "digest"),
    "cleanup": pN_("job", "cleanup"),
}
COUNT_LABELS = {
    "created": pN_("done", "created"),
    "changed": pN_("done", "changed"),
    "deleted": pN_("done", "deleted"),
    "changes": pN_("done", "changes"),
    "fired": pN_("done", "fired"),
    "actions": pN_("done", "actions"),
    "failed": pN_("done", "failed"),
    "unsent": pN_("done", "unsent"),
    "notified": pN_("done", "notified"),
    "reopened": pN_("done", "reopened"),
    "follow_up_notices": pN_("done", "follow-up notices"),
    "due_soon": pN_("done", "due soon"),
    "breached": pN_("done", "breached"),
    "closed": pN_("done", "closed"),
    "reminded": pN_("done", "reminded"),
    "skipped": pN_("done", "skipped"),
    "baseline": pN_("done", "levels already missed"),
    "indexed": pN_("done", "indexed"),
    "busy": pN_("done", "index busy"),
    "segments": pN_("done", "index segments"),
    "merged": pN_("done", "merged"),
    "kept": pN_("done", "segments kept"),
    "sent": pN_("done", "sent"),
    "queued": pN_("done", "to retry"),
    "unconfirmed": pN_("done", "unconfirmed"),
    "notifications": pN_("done", "notifications"),
    "firings": pN_("done", "firings"),
    "instances": pN_("done", "instances"),
    "pulses": pN_("done", "presence pulses"),
    "taken": pN_("done", "taken in"),
    "duplicates": pN_("done", "duplicates"),
}


def _label(labels: dict[str, str], name: str) -> str:
    """A job or count in the reader's language; one added without a label shows by its code."""
    return t(labels[name]) if name in labels else name


def _state(ctx: typer.Context) -> CliState:
    state: CliState = ctx.find_root().obj
    return state


@app.callback(invoke_without_command=True)
def service(
    ctx: typer.Context,
    once: Annotated[
        bool, typer.Option("--once", help="Run every job once (when no other instance is active), then stop.")
    ] = False,
) -> None:
    """Run the desk service until stopped (SIGTERM or ctrl+c); a second instance waits as a standby."""
    if ctx.invoked_subcommand is not None:
        return
    from supportdesk.config import load_settings, resolve_db_url
    from supportdesk.desk import open_engine
    from supportdesk.errors import SupportDeskError
    from supportdesk.service.logs import ServiceLog
    from supportdesk.service.runner import ServiceRunner

    settings = load_settings()
    engine = open_engine(resolve_db_url(_state(ctx).db_url(), settings))
    from supportdesk.services.sla import load_calendar

    runner = ServiceRunner(engine, settings, log=ServiceLog())
    load_calendar(settings.sla)  # due times and timers need it: loaded once here, not inside the first job
    if once:
        if not runner.once():
            raise SupportDeskError(msg("Another instance of the desk service is active; nothing was run."))
        return
    stop = threading.Event()

    def stopping(_signum: int, _frame: FrameType | None) -> None:
        stop.set()

    signal.signal(signal.SIGTERM, stopping)
    signal.signal(signal.SIGINT, stopping)
    runner.run(stop)


@app.command()
def status(ctx: typer.Context, json: JsonOpt = False) -> None:
    """Who runs the desk service (and who stands by), since when, and what each job did last."""
    from supportdesk.config import load_settings, resolve_db_url
    from supportdesk.desk import open_engine
    from supportdesk.service.status import status_of

    found = status_of(open_engine(resolve_db_url(_state(ctx).db_url(), load_settings())))
    if json:
        print_json(found)
        return
    if found.active is None:
        typer.echo(t("The desk service is not running."))
    else:
        a = found.active
        typer.echo(
            t(
                "Active: {host} pid {pid}, since {since} (last seen {seen})",
                host=visible(a.host, one_line=True),
                pid=a.pid,
                since=local_time(a.active_since),
                seen=local_time(a.seen_at),
            )
        )
    for s in found.standbys:
        typer.echo(
            t(
                "Standby: {host} pid {pid}, since {since}",
                host=visible(s.host, one_line=True),
                pid=s.pid,
                since=local_time(s.started_at),
            )
        )
    for job in found.jobs:
        done = listing(f"{_label(COUNT_LABELS, name)} {n}" for name, n in job.counts.items() if n) or t("nothing to do")
        line = t(
            "{job}: last run {when}, {runs} runs; last did: {done}",
            job=_label(JOB_LABELS, job.name),
            when=local_time(job.finished_at),
            runs=job.runs,
            done=done,
        )
        typer.echo(line)
        if job.error:
            typer.echo(
                "  "
                + t(
                    "failing {count} times in a row: {problem}",
                    count=job.failures,
                    problem=visible(job.error, one_line=True),
                )
            )
    if found.interrupted:
        typer.echo(
            t("{count} rule firings were interrupted half-way (see the tickets' threads).", count=found.interrupted)
        )
