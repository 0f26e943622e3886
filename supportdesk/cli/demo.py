"""`supportdesk demo`: build the Japanese demo desk in its own place and open the app on it."""

import time
from typing import Annotated

import typer

from supportdesk.cli.state import DEMO_DEFAULT_USER, CliState
from supportdesk.config import demo_db_url
from supportdesk.db import make_engine, migrate, sqlite_path


def demo(
    ctx: typer.Context,
    no_launch: Annotated[bool, typer.Option("--no-launch", help="Only build the demo desk.")] = False,
    rebuild: Annotated[bool, typer.Option("--rebuild", help="Throw away the demo desk and build it again.")] = False,
    customers: Annotated[int, typer.Option(min=1, help="How many customers to generate.")] = 250,
    tickets: Annotated[int, typer.Option(min=1, help="How many tickets to generate.")] = 400,
    seed: Annotated[int, typer.Option(help="Same seed, same desk.")] = 20261123,
) -> None:
    """Build (once) and open a demo desk with realistic Japanese customers, purchases and tickets."""
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
        with typer.progressbar(length=100, label="Building the demo desk") as bar:
            done = {"pct": 0}

            def progress(stage: str, current: int, total: int) -> None:
                pct = int(100 * current / total) if total else 100
                bar.label = f"Building the demo desk: {stage}"
                if pct > done["pct"]:
                    bar.update(pct - done["pct"])
                    done["pct"] = pct

            summary = build_demo(engine, customers=customers, tickets=tickets, seed=seed, progress=progress)
        engine.dispose()
        typer.echo(
            f"Demo desk ready in {time.perf_counter() - started:.1f} s: {summary.counts.get('customer', 0)} customers, "
            f"{summary.counts.get('ticket', 0)} tickets at {path or url}"
        )
    else:
        typer.echo(f"Using the demo desk at {path} (--rebuild makes a new one).")
    if not no_launch:
        from supportdesk.cli.launch import launch

        launch(url, state.user or DEMO_DEFAULT_USER, state.lang)
