"""`supportdesk import` and `supportdesk export`: data in and out as CSV (docs/IMPORT.md)."""

import io
import sys
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from functools import partial
from pathlib import Path
from typing import Annotated

import typer
from rich.progress import BarColumn, MofNCompleteColumn, Progress, TaskID, TextColumn, TimeRemainingColumn

from supportdesk.cli.output import cell, print_json, progress_console
from supportdesk.cli.state import CliState
from supportdesk.errors import Invalid
from supportdesk.fields import KIND_LABELS, heading
from supportdesk.i18n import N_, listing, msg, msgn, t
from supportdesk.importing import Kind, Mapping, check_size, load_mapping
from supportdesk.importing.encoding import delimiter_name
from supportdesk.services.datafiles.plan import ImportPlan
from supportdesk.services.readmodels import to_jsonable
from supportdesk.untrusted import shorten

_ACTIONS = {
    "create": N_("Create"),
    "update": N_("Update"),
    "unchanged": N_("Unchanged"),
    "skip": N_("Skip"),
    "error": N_("Problem"),
}
# The preview's first line counts rows by outcome: "4 to create, 3 with problems" / 「作成 4 件、問題あり 3 件」.
_COUNTS = {
    "create": N_("{count} to create"),
    "update": N_("{count} to update"),
    "unchanged": N_("{count} unchanged"),
    "skip": N_("{count} skipped"),
    "error": N_("{count} with problems"),
}


def read_input(path: Path, what: str, *, sized: bool = False) -> bytes:
    """A file named on the command line, or one clear line saying why it cannot be read.

    `sized`: a file to import, refused before it is read when it is larger than an import takes.
    """
    try:
        if sized:
            check_size(path.stat().st_size)
        return path.read_bytes()
    except FileNotFoundError:
        raise Invalid(what, msg("{path} does not exist", path=str(path))) from None
    except IsADirectoryError:
        raise Invalid(what, msg("{path} is a folder, not a file", path=str(path))) from None
    except OSError as exc:
        raise Invalid(what, msg("{path} cannot be read ({why})", path=str(path), why=exc.strerror)) from None


@contextmanager
def _progress(*labels: str) -> Iterator[list[Callable[[int, int], None]]]:
    """Progress bars on stderr (so --json output stays clean), one per label, each updated by its callback.

    Only on a terminal: written to a file or pipe, Rich would leave the bar's last state as a line beside the
    one-line error a script reads.
    """
    columns = (TextColumn("{task.description}"), BarColumn(), MofNCompleteColumn(), TimeRemainingColumn())
    console = progress_console(stderr=True)
    with Progress(*columns, console=console, disable=not console.is_terminal) as bars:
        tasks = [bars.add_task(label, total=None) for label in labels]
        yield [partial(_advance, bars, task) for task in tasks]


def _advance(bars: Progress, task: TaskID, done: int, total: int) -> None:
    bars.update(task, completed=done, total=total)


def _mapping(path: Path | None, encoding: str | None, delimiter: str | None) -> Mapping | None:
    mapping = None
    if path is not None:
        try:
            text = read_input(path, "--mapping").decode("utf-8")
        except UnicodeDecodeError as exc:
            raise Invalid(
                "--mapping", msg("{path} is not UTF-8 text (byte {offset})", path=str(path), offset=exc.start + 1)
            ) from None
        mapping = load_mapping(text, str(path))
    if encoding is None and delimiter is None:
        return mapping
    base = mapping or Mapping({})
    return Mapping(base.columns, base.kind, encoding or base.encoding, delimiter or base.delimiter)


def show_plan(plan: ImportPlan) -> None:
    """The preview for a person: the columns understood, a line per record, then every problem."""
    counts = plan.counts()
    summary = listing(t(_COUNTS[a], count=n) for a, n in counts.items() if n)
    typer.echo(
        t(
            "{file}: {kind}, {encoding}, {delimiter}-separated; {summary}",
            file=plan.source,
            kind=t(KIND_LABELS[Kind(plan.kind)]) if plan.kind in {k.value for k in Kind} else plan.kind,
            encoding=plan.encoding,
            delimiter=delimiter_name(plan.delimiter),
            summary=summary or t("no rows"),
        )
    )
    kind = Kind(plan.kind) if plan.kind in {k.value for k in Kind} else None
    mapped = listing(f"{h} → {heading(kind, f) if kind else f}" for h, f in plan.columns)
    typer.echo(t("columns: {columns}", columns=mapped))
    if plan.ignored:
        typer.echo(t("Ignored columns: {names}", names=listing(plan.ignored)))
    for record in plan.records:
        target = f"#{record.target_id}" if record.target_id else ""
        extra = [str(note) for note in record.notes]
        if record.changes:
            extra.append(t("changes: {fields}", fields=listing(record.changes)))
        action = cell(t(_ACTIONS[record.action]), 10)
        row = t("row {row}", row=record.row)
        typer.echo(f"{cell(row, 10)} {action} {target:>7} {cell(record.label, 30)} {'; '.join(extra)}")
        for duplicate in record.duplicates:
            typer.echo(f"{'':16}! {duplicate}")
    if plan.problems:
        typer.echo(
            "\n" + t("{count} problems; nothing will be imported until they are fixed:", count=len(plan.problems))
        )
        for p in plan.problems:
            where = t("row {row}, {column}", row=p.row, column=p.column) if p.column else t("row {row}", row=p.row)
            value = f" {shorten(p.value, 60)!r}" if p.value else ""  # a cell can hold a whole pasted document
            typer.echo(f"  {where}{value}: {p.reason}")


def import_data(
    ctx: typer.Context,
    kind: Annotated[Kind, typer.Argument(help="What the file holds.")],
    file: Annotated[Path, typer.Argument(help="A CSV file (UTF-8 or Shift_JIS, , or tab).")],
    dry_run: Annotated[bool, typer.Option("--dry-run", help="Show what would happen; write nothing.")] = False,
    mapping: Annotated[Path | None, typer.Option(help="A TOML file naming the columns (docs/IMPORT.md).")] = None,
    encoding: Annotated[str | None, typer.Option(help="utf-8 or cp932 (Shift_JIS); detected when not given.")] = None,
    delimiter: Annotated[str | None, typer.Option(help="comma or tab; detected when not given.")] = None,
    json: Annotated[bool, typer.Option("--json", help="Print machine-readable JSON.")] = False,
) -> None:
    """Import customers, companies, products, purchases, subscriptions or tickets from a CSV file.

    Preview with --dry-run first: every row's outcome, every problem (row, column, value, reason) and likely
    duplicates. The import itself writes all rows or none; importing the same file again changes nothing.
    """
    state: CliState = ctx.find_root().obj
    data = read_input(file, "file", sized=True)
    desk = state.open_desk()
    how = _mapping(mapping, encoding, delimiter)
    # Checking every row against the desk is most of the time an import takes: a bar shows how far it is.
    with _progress(t("Checking rows")) as [checked]:
        plan = desk.preview_import(kind, data, how, source=file.name, progress=checked)
    if dry_run or not plan.ok:
        if json:
            print_json({**to_jsonable(plan), "ok": plan.ok, "counts": plan.counts()})
        else:
            show_plan(plan)
        if not plan.ok:
            if dry_run:
                problem = msgn(
                    "{count} problem in {file}; fix it before importing",
                    "{count} problems in {file}; fix them before importing",
                    len(plan.problems),
                    file=file.name,
                )
            else:
                problem = msgn(
                    "{count} problem in {file}; nothing was imported",
                    "{count} problems in {file}; nothing was imported",
                    len(plan.problems),
                    file=file.name,
                )
            raise Invalid("file", problem)
        return
    with _progress(t("Checking rows"), t("Importing")) as [checked, written]:
        summary = desk.run_import(kind, data, how, source=file.name, progress=written, checking=checked)
    if json:
        print_json(summary)
        return
    typer.echo(
        t(
            "Imported {file}: {created} created, {updated} updated, {unchanged} unchanged, {skipped} skipped.",
            file=file.name,
            created=summary.created,
            updated=summary.updated,
            unchanged=summary.unchanged,
            skipped=summary.skipped,
        )
    )


def export_data(
    ctx: typer.Context,
    kind: Annotated[Kind, typer.Argument(help="What to export.")],
    csv: Annotated[Path | None, typer.Option("--csv", dir_okay=False, help="Write to this file (else stdout).")] = None,
    bom: Annotated[
        bool, typer.Option("--bom", help="Start with a UTF-8 byte-order mark, so Excel reads Japanese.")
    ] = False,
    headers: Annotated[str, typer.Option(help="Column headers: en (field names) or ja (Japanese).")] = "en",
) -> None:
    """Export every record of a kind as CSV. Tickets: one row per thread entry, the ticket's columns repeated."""
    state: CliState = ctx.find_root().obj
    desk = state.open_desk()
    if csv is None:
        if isinstance(sys.stdout, io.TextIOWrapper):
            sys.stdout.reconfigure(newline="")  # the CSV writer ends rows with CRLF itself
        desk.write_csv(kind, sys.stdout, language=headers, bom=bom)
        return
    count = desk.export_file(kind, csv, language=headers, bom=bom)
    typer.echo(t("Exported {count} rows to {path}", count=count, path=csv))
