"""`supportdesk backup FILE` and `supportdesk restore FILE`: a consistent copy while agents work, and the way back."""

from pathlib import Path
from typing import Annotated

import typer
from rich.progress import BarColumn, MofNCompleteColumn, Progress, TaskProgressColumn, TextColumn

from supportdesk.cli.output import progress_console
from supportdesk.cli.state import CliState
from supportdesk.config import load_settings, resolve_db_url
from supportdesk.i18n import N_, t


def _size(n: int) -> str:
    return f"{n / 1_048_576:.1f} MiB" if n >= 1_048_576 else f"{n / 1024:.0f} KiB"


def backup(
    ctx: typer.Context,
    file: Annotated[Path, typer.Argument(help="Where to write the backup (created with mode 0600).", dir_okay=False)],
    force: Annotated[bool, typer.Option("--force", help="Replace FILE if it exists.")] = False,
) -> None:
    """Back up the desk while it is in use (SQLite online backup; for PostgreSQL it explains pg_dump). Admins only."""
    from supportdesk import backup as backups  # loaded only when a backup runs (it brings alembic)

    state: CliState = ctx.find_root().obj
    # Checked before opening the desk, so a PostgreSQL user gets the pg_dump advice even without a connection.
    backups.sqlite_file_of(resolve_db_url(state.db_url(), load_settings()), N_("backup"))
    desk = state.open_desk()
    with Progress(
        TextColumn(t("Backing up")),
        BarColumn(),
        MofNCompleteColumn(),
        TextColumn(t("pages")),
        console=progress_console(),
    ) as bar:
        task = bar.add_task("backup", total=None)
        result = desk.backup(
            file, force=force, progress=lambda done, total: bar.update(task, completed=done, total=total)
        )
    typer.echo(
        t(
            "Backed up {pages} pages ({size}, schema {revision}) to {path} (mode 0600).",
            pages=result.pages,
            size=_size(result.size),
            revision=result.revision,
            path=result.path,
        )
    )
    if result.encrypted:
        typer.echo(t("The backup is encrypted with the desk's key."))


def restore(
    ctx: typer.Context,
    file: Annotated[Path, typer.Argument(help="A backup made by `supportdesk backup`.", dir_okay=False)],
    force: Annotated[bool, typer.Option("--force", help="Replace an existing desk (it is lost).")] = False,
) -> None:
    """Restore a backup into the desk location (--db), upgrade its schema and rebuild the search index."""
    from supportdesk import backup as backups

    state: CliState = ctx.find_root().obj
    url = resolve_db_url(state.db_url(), load_settings())
    signed_in = None
    if backups.desk_exists(backups.sqlite_file_of(url, N_("restore"))) and force:
        # Replacing a desk is its administrators' decision: sign in to it first (password as for any command).
        desk = state.open_desk()
        signed_in = desk.actor
        desk.close()  # no connection of ours may stay open on the desk being replaced
    with Progress(
        TextColumn("{task.description:<18}"), BarColumn(), TaskProgressColumn(), console=progress_console()
    ) as bar:
        copy = bar.add_task(t("Copying the backup"), total=None)
        index = bar.add_task(t("Indexing tickets"), total=None, visible=False)

        def progress(stage: str, done: int, total: int) -> None:
            if stage == "copy":
                bar.update(copy, completed=done, total=total)
            else:
                bar.update(index, completed=done, total=total, visible=True)

        result = backups.restore_desk(file, url, force=force, progress=progress, signed_in=signed_in)
    if result.users_needing_a_password:
        note = t(
            "{count} users exist only in the backup: their passwords were not restored; "
            "an administrator sets new ones (supportdesk user passwd LOGIN).",
            count=result.users_needing_a_password,
        )
        typer.echo(note, err=True)
    typer.echo(
        t(
            "Restored {tickets} tickets to {path} (schema {revision}); search index rebuilt with {indexed} tickets.",
            tickets=result.tickets,
            path=result.path,
            revision=result.revision_after,
            indexed=result.indexed,
        )
    )
    if result.revision_before != result.revision_after:
        typer.echo(t("The backup was upgraded from schema {revision}.", revision=result.revision_before))
