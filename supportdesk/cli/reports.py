"""`supportdesk report sla|agents|types|handle-time|cancellations|renewals`: the lead's figures over a period (or
the renewals ahead), as text, JSON or CSV for Excel."""

import csv
import sys
import unicodedata
from dataclasses import dataclass
from datetime import date, timedelta
from enum import StrEnum
from pathlib import Path
from typing import TYPE_CHECKING, Annotated, Any

import typer

from supportdesk.cli.output import cell, print_json
from supportdesk.cli.state import CliState
from supportdesk.config import open_private
from supportdesk.errors import Invalid
from supportdesk.i18n import N_, msg, pN_, t, v
from supportdesk.services.readmodels import data_fields, data_values

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
        raise Invalid(name, msg("{value!r} is not a date like 2026-12-01", value=value)) from None


REPORT_TITLES = {
    "sla": N_("SLA by priority: tickets received {start} – {end}"),
    "agents": N_("By agent: tickets received {start} – {end}"),
    "types": N_("By inquiry type: tickets received {start} – {end}"),
    "handle-time": N_("Handle time: calls logged {start} – {end}"),
    "cancellations": N_("Cancellations by reason: {start} – {end}"),
}
# The report's columns as people read them (JSON keeps the field names).
REPORT_COLUMNS = {
    "priority": pN_("report", "Priority"),
    "inquiry_type": pN_("report", "Type"),
    "login": pN_("report", "Login"),
    "name": pN_("report", "Agent"),
    "received": pN_("report", "Received"),
    "resolved": pN_("report", "Resolved"),
    "open_now": pN_("report", "Open now"),
    "overdue_now": pN_("report", "Overdue now"),
    "due_soon_now": pN_("report", "Due soon now"),
    "first_response_met": pN_("report", "1st response met"),
    "first_response_missed": pN_("report", "1st response missed"),
    "first_response_met_pct": pN_("report", "1st response met %"),
    "resolution_met": pN_("report", "Resolution met"),
    "resolution_missed": pN_("report", "Resolution missed"),
    "resolution_met_pct": pN_("report", "Resolution met %"),
    "first_response_median_h": pN_("report", "1st response median h"),
    "first_response_p90_h": pN_("report", "1st response p90 h"),
    "resolution_median_h": pN_("report", "Resolution median h"),
    "resolution_p90_h": pN_("report", "Resolution p90 h"),
    # handle-time
    "group": pN_("report", "By"),
    "key": pN_("report", "Key"),
    "calls": pN_("report", "Calls"),
    "tickets": pN_("report", "Tickets"),
    "talk_minutes": pN_("report", "Talk min"),
    "average_call_minutes": pN_("report", "Avg call min"),
    "average_ticket_minutes": pN_("report", "Avg handle min per ticket"),
    # cancellations
    "reason": pN_("report", "Reason"),
    "count": pN_("report", "Count"),
    "share_pct": pN_("report", "Share %"),
    # renewals
    "subscription_id": pN_("report", "Subscription"),
    "customer_id": pN_("report", "Customer no."),
    "customer_name": pN_("report", "Customer"),
    "company_name": pN_("report", "Company"),
    "product_name": pN_("report", "Product"),
    "contract_on": pN_("report", "Since"),
    "renewal_on": pN_("report", "Renews on"),
    "days_left": pN_("report", "Days left"),
}
_VOCABULARY_COLUMNS = {"priority", "inquiry_type", "reason"}
# handle-time rows: grouped by agent, by inquiry type, or all calls (services/handle_time.py).
_GROUPS = {"agent": pN_("report", "agent"), "type": pN_("report", "type"), "all": pN_("report", "all")}


def _text(name: str, value: Any, row: dict[str, Any]) -> str:
    if value is None:
        return ""
    if name == "reason" and value == "not_given":  # renewals.NOT_GIVEN: imported with words only, or none
        return t("not given")
    if name in _VOCABULARY_COLUMNS:
        return t("All") if value == "all" else v(str(value))
    if name == "group" and value in _GROUPS:
        return t(_GROUPS[value])
    if name in ("key", "name") and row.get("group") in ("type", "all"):  # an inquiry type or "all", not a person
        return t("All") if value == "all" else v(str(value))
    return f"{value:.1f}" if isinstance(value, float) else str(value)


def _headings(rep: "Report | Table") -> list[str]:
    return (
        [t(REPORT_COLUMNS[f.name]) if f.name in REPORT_COLUMNS else f.name for f in data_fields(rep.rows[0])]
        if rep.rows
        else []
    )


def _cells(row: object) -> list[str]:
    values: dict[str, Any] = data_values(row)
    return [_text(name, value, values) for name, value in values.items()]


def write_csv(rep: "Report | Table", path: Path, bom: bool) -> int:
    """One row per line of the report under headings in the reader's language; with `bom`, Excel reads it as UTF-8."""
    with open_private(path, encoding="utf-8-sig" if bom else "utf-8", newline="") as out:
        writer = csv.writer(out)
        writer.writerow(_headings(rep))
        for row in rep.rows:
            writer.writerow(_cells(row))
    return len(rep.rows)


def _width(text: str) -> int:
    return sum(2 if unicodedata.east_asian_width(ch) in "WF" else 1 for ch in text)


def _print_table(rep: "Report | Table") -> None:
    if not rep.rows:
        typer.echo(t("Nothing to report."))
        return
    names = _headings(rep)
    values = [_cells(row) for row in rep.rows]
    columns = zip(*values, strict=True)
    widths = [max(_width(name), *(_width(v) for v in col)) for name, col in zip(names, columns, strict=True)]
    if rep.kind == ReportKind.RENEWALS:
        typer.echo(t("Renewals from {start} to {end}", start=rep.start, end=rep.end))
    else:
        typer.echo(t(REPORT_TITLES[rep.kind], start=rep.start, end=rep.end))
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
            sys.stderr.write(t("Wrote {count} rows to {path}.", count=count, path=csv_file) + "\n")
    if json:
        print_json(rep)
    elif csv_file is None:
        _print_table(rep)
