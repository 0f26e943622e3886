"""`supportdesk demo`: build the Japanese demo desk in its own place and open the app on it."""

import time
from typing import Annotated

import typer
from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn

from supportdesk.cli.output import progress_console
from supportdesk.cli.state import DEMO_DEFAULT_USER, CliState
from supportdesk.config import demo_db_url
from supportdesk.i18n import N_, t

# What build_demo reports it is writing, as the progress bar names it.
STAGES = {
    "start": N_("starting"),
    "staff": N_("staff accounts"),
    "customers": N_("customers and purchases"),
    "tickets": N_("tickets and threads"),
    "done": N_("done"),
}


def demo(
    ctx: typer.Context,
    no_launch: Annotated[bool, typer.Option("--no-launch", help="Only build the demo desk.")] = False,
    rebuild: Annotated[bool, typer.Option("--rebuild", help="Throw away the demo desk and build it again.")] = False,
    customers: Annotated[int, typer.Option(min=1, help="How many customers to generate.")] = 250,
    tickets: Annotated[int, typer.Option(min=1, help="How many tickets to generate.")] = 400,
    seed: Annotated[int, typer.Option(help="Same seed, same desk.")] = 20261123,
) -> None:
    """Build (once) and open a demo desk with realistic Japanese customers, purchases and tickets."""
    from supportdesk.db import make_engine, migrate, sqlite_path
    from supportdesk.demo import build_demo
    from supportdesk.demo.build import check_size

    state: CliState = ctx.find_root().obj
    url = state.db or demo_db_url()
    path = sqlite_path(url)
    check_size(customers, tickets)  # before --rebuild throws the old desk away
    if path is not None and rebuild:
        for suffix in ("", "-wal", "-shm"):
            path.with_name(path.name + suffix).unlink(missing_ok=True)
    fresh = path is None or not path.exists() or path.stat().st_size == 0
    if fresh:
        engine = make_engine(url)
        migrate(engine)
        started = time.perf_counter()
        # The label is a task field, not part of the column's template (text, never read as markup or fields).
        column = TextColumn("{task.fields[label]} {task.description}", markup=False)
        with Progress(column, BarColumn(), MofNCompleteColumn(), console=progress_console()) as bar:
            task = bar.add_task(t(STAGES["start"]), total=None, label=t("Building the demo desk:"))

            def progress(stage: str, current: int, total: int) -> None:
                bar.update(task, description=t(STAGES.get(stage, stage)), completed=current, total=total)

            summary = build_demo(engine, customers=customers, tickets=tickets, seed=seed, progress=progress)
        engine.dispose()
        typer.echo(
            t(
                "Demo desk ready in {seconds} s: {customers} customers, {tickets} tickets, {entries} thread entries"
                " at {place}",
                seconds=f"{time.perf_counter() - started:.1f}",
                customers=summary.customers,
                tickets=summary.tickets,
                entries=summary.ticket_entries,
                place=path or url,
            )
        )
    else:
        typer.echo(t("Using the demo desk at {place} (--rebuild makes a new one).", place=path))
    if not no_launch:
        from supportdesk.cli.launch import launch

        hint = t("Demo desk: each user's password is their login + -demo (sato-demo, takahashi-demo, ito-demo …).")
        code = launch(url, state.user or DEMO_DEFAULT_USER, state.lang, hint=hint)
        if code:
            raise typer.Exit(code)  # a bug stopped the app: its traceback is above
