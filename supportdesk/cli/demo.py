"""`supportdesk demo`: build the Japanese demo desk in its own place and open the app on it."""

import time
from typing import Annotated

import typer
from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn

from supportdesk.cli.state import DEMO_DEFAULT_USER, CliState
from supportdesk.config import demo_db_url


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

    state: CliState = ctx.find_root().obj
    url = state.db or demo_db_url()
    path = sqlite_path(url)
    if path is not None and rebuild:
        for suffix in ("", "-wal", "-shm"):
            path.with_name(path.name + suffix).unlink(missing_ok=True)
    fresh = path is None or not path.exists() or path.stat().st_size == 0
    if fresh:
        engine = make_engine(url)
        migrate(engine)
        started = time.perf_counter()
        with Progress(
            TextColumn("Building the demo desk: {task.description:<14}"), BarColumn(), MofNCompleteColumn()
        ) as bar:
            task = bar.add_task("start", total=None)

            def progress(stage: str, current: int, total: int) -> None:
                bar.update(task, description=stage, completed=current, total=total)

            summary = build_demo(engine, customers=customers, tickets=tickets, seed=seed, progress=progress)
        engine.dispose()
        typer.echo(
            f"Demo desk ready in {time.perf_counter() - started:.1f} s: {summary.customers} customers, "
            f"{summary.tickets} tickets, {summary.ticket_entries} thread entries at {path or url}"
        )
    else:
        typer.echo(f"Using the demo desk at {path} (--rebuild makes a new one).")
    if not no_launch:
        from supportdesk.cli.launch import launch

        hint = "Demo desk: each user's password is their login + -demo (sato-demo, takahashi-demo, ito-demo …)."
        launch(url, state.user or DEMO_DEFAULT_USER, state.lang, hint=hint)
