"""`supportdesk report sla|agents|types|handle-time|cancellations|renewals`: the lead's figures over a period (or
the renewals ahead), as text, JSON or CSV for Excel."""

import csv
import sys
import unicodedata
from dataclasses import asdict, dataclass, fields
from datetime import date, timedelta
from enum import StrEnum
from pathlib import Path
from typing import TYPE_CHECKING, Annotated, Any

import typer

from supportdesk.cli.output import cell, print_json
from supportdesk.cli.state import CliState
from supportdesk.config import open_private
from supportdesk.errors import Invalid
from supportdesk.i18n import t

if TYPE_CHECKING:
    from supportdesk.services.reports import Report

DEFAULT_DAYS = 30


class ReportKind(StrEnum):
    SLA = "sla"
    AGENTS = "agents"
    TYPES = "types"
    HANDLE_TIME = "handle-time"  # talk time and average handle time per agent and inquiry type, from call logs
    CANCELLATIONS = "cancellations"  # subscriptions cancelled in the period, by reason
    RENEWALS = "renewals"  # live subscriptions renewing in the next --days (not a period)


@dataclass(frozen=True)
class Table:
    """Any of the reports as rows of one dataclass under a heading."""

    kind: str
    start: date
    end: date
    rows: tuple[Any, ...]


def _day(value: str | None, name: str) -> date | None:
    if value is None:
        return None
    try:
        return date.fromisoformat(value)
    except ValueError:
        raise Invalid(name, f"{value!r} is not a date like 2026-11-01") from None


def _text(value: Any) -> str:
    if value is None:
        return ""
    return f"{value:.1f}" if isinstance(value, float) else str(value)


def write_csv(rep: "Report | Table", path: Path, bom: bool) -> int:
    """One row per line of the report, headed by the field names; with `bom`, Excel reads it as UTF-8."""
    names = [f.name for f in fields(rep.rows[0])] if rep.rows else []
    with open_private(path, encoding="utf-8-sig" if bom else "utf-8", newline="") as out:
        writer = csv.writer(out)
        writer.writerow(names)
        for row in rep.rows:
            writer.writerow([_text(value) for value in asdict(row).values()])
    return len(rep.rows)


def _width(text: str) -> int:
    return sum(2 if unicodedata.east_asian_width(ch) in "WF" else 1 for ch in text)


def _print_table(rep: "Report | Table") -> None:
    if not rep.rows:
        typer.echo("Nothing to report.")
        return
    names = [f.name for f in fields(rep.rows[0])]
    values = [[_text(v) for v in asdict(row).values()] for row in rep.rows]
    columns = zip(*values, strict=True)
    widths = [max(_width(name), *(_width(v) for v in col)) for name, col in zip(names, columns, strict=True)]
    if rep.kind == ReportKind.RENEWALS:
        typer.echo(t("Renewals from {start} to {end}", start=rep.start, end=rep.end))
    elif rep.kind in (ReportKind.HANDLE_TIME, ReportKind.CANCELLATIONS):
        typer.echo(t("{kind} report, {start} to {end}", kind=rep.kind, start=rep.start, end=rep.end))
    else:
        typer.echo(f"{rep.kind} report, tickets received {rep.start} to {rep.end}")
    typer.echo("  ".join(cell(name, w) for name, w in zip(names, widths, strict=True)).rstrip())
    for line in values:
        typer.echo("  ".join(cell(v, w) for v, w in zip(line, widths, strict=True)).rstrip())


def report(
    ctx: typer.Context,
    kind: Annotated[
        ReportKind,
        typer.Argument(
            help="sla (by priority), agents, types (by inquiry type), handle-time (calls per agent and type), "
            "cancellations (by reason) or renewals (the next --days)."
        ),
    ],
    from_: Annotated[str | None, typer.Option("--from", help="First day (YYYY-MM-DD); default 30 days ago.")] = None,
    to: Annotated[str | None, typer.Option("--to", help="Last day, included (YYYY-MM-DD); default today.")] = None,
    csv_file: Annotated[Path | None, typer.Option("--csv", help="Write the report to this CSV file.")] = None,
    bom: Annotated[bool, typer.Option("--bom", help="Start the CSV with a UTF-8 BOM so Excel opens it.")] = False,
    json: Annotated[bool, typer.Option("--json", help="Print machine-readable JSON.")] = False,
    days: Annotated[int, typer.Option(min=1, max=366, help="renewals: how many days ahead (30, 60, 90 …).")] = 30,
) -> None:
    """Figures of a period: the same as the lead's dashboard shows (leads and admins)."""
    from supportdesk.services import sla
    from supportdesk.services.reports import Period

    first, last = _day(from_, "--from"), _day(to, "--to")  # a mistyped date is refused before signing in
    state: CliState = ctx.find_root().obj
    desk = state.open_desk()
    end = last or sla.local_today(desk.settings.sla)
    start = first or end - timedelta(days=DEFAULT_DAYS - 1)
    rep: Report | Table
    if kind == ReportKind.HANDLE_TIME:
        handled = desk.handle_time(Period(start, end))
        rep = Table(kind, handled.start, handled.end, handled.rows)
    elif kind == ReportKind.CANCELLATIONS:
        cancelled = desk.cancellations(Period(start, end))
        rep = Table(kind, cancelled.start, cancelled.end, cancelled.rows)
    elif kind == ReportKind.RENEWALS:
        today = first or sla.local_today(desk.settings.sla)
        rep = Table(kind, today, today + timedelta(days=days), tuple(desk.upcoming_renewals(days, today)))
    else:
        rep = desk.report(str(kind), Period(start, end))
    if csv_file is not None:
        count = write_csv(rep, csv_file, bom)
        if not json:
            sys.stderr.write(f"Wrote {count} rows to {csv_file}.\n")
    if json:
        print_json(rep)
    elif csv_file is None:
        _print_table(rep)
