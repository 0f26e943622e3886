"""The lead's figures: every dashboard number is the size of the list behind it, and the report command agrees."""

import csv
import json
from datetime import date

import pytest
from sqlmodel import Session

from supportdesk.cli.main import main
from supportdesk.cli.reports import REPORT_COLUMNS
from supportdesk.db import open_session
from supportdesk.demo import demo_password
from supportdesk.desk import Desk
from supportdesk.errors import Invalid, NotAllowed
from supportdesk.i18n import t
from supportdesk.services import reports, trends
from supportdesk.services.dashboard import Cell
from supportdesk.services.readmodels import to_jsonable
from supportdesk.services.reports import Period, median, percentile
from supportdesk.services.ticket_queries import count_tickets, list_tickets
from supportdesk.services.users import resolve_actor
from tests.supportdesk.lead_fixtures import NOW, TODAY, _demo_file, demo

__all__ = ["_demo_file", "demo"]  # fixtures
PERIOD = Period(date(2026, 10, 25), TODAY)


def _cells(board: reports.Dashboard) -> list[Cell]:
    cells = [*board.by_status, *board.by_type, *board.by_age, *board.attention]
    return cells + [c for load in board.by_agent for c in (load.open, load.overdue, load.due_soon)]


def test_every_dashboard_number_opens_a_list_of_exactly_that_many_tickets(demo: Desk):
    board = demo.dashboard(now=NOW)
    with open_session(demo.engine) as session:
        for cell in _cells(board):
            assert count_tickets(session, demo.actor, cell.filter) == cell.count, cell.key
    assert (
        sum(c.count for c in board.by_status)
        == sum(c.count for c in board.by_age)
        == board.open_by("priority", "all").open
    )
    assert board.cell("overdue").count > 0 and board.cell("unassigned").count > 0
    assert board.cell("follow_up_today").count > 0 and board.renewing_subscriptions > 0


def test_every_number_of_a_report_row_opens_a_list_of_exactly_that_many_tickets(demo: Desk):
    checked = 0
    with open_session(demo.engine) as session:
        for kind in ("sla", "agents", "types"):
            for row in demo.report(kind, PERIOD, now=NOW).rows:
                assert set(row.lists) >= {"open_now", "overdue_now", "received", "resolved"}, kind
                for figure, flt in row.lists.items():
                    assert count_tickets(session, demo.actor, flt) == getattr(row, figure), (kind, row, figure)
                    checked += getattr(row, figure)
    assert checked > 0


def test_the_lists_behind_a_report_stay_out_of_its_json_and_csv(demo: Desk):
    row = demo.report("agents", PERIOD, now=NOW).rows[0]
    assert row.lists and "lists" not in to_jsonable(row)


def test_the_overdue_list_holds_only_tickets_past_their_next_due_time(demo: Desk):
    board = demo.dashboard(now=NOW)
    with open_session(demo.engine) as session:
        rows = list_tickets(session, demo.actor, board.cell("overdue").filter, limit=1000)
    assert rows and all(r.status in ("new", "open", "on_hold") for r in rows)
    for row in rows:
        due = row.first_response_due if row.first_response_at is None else row.resolution_due
        assert min(d for d in (due, row.resolution_due) if d) < NOW


def _cli_json(capsys, db_url: str, monkeypatch, *args: str) -> dict:
    monkeypatch.setenv("SUPPORTDESK_PASSWORD", demo_password("takahashi"))
    monkeypatch.setattr(reports, "utcnow", lambda: NOW)
    code = main(["--db", db_url, "--user", "takahashi", "report", *args, "--json"])
    out, err = capsys.readouterr()
    assert code == 0, err
    return json.loads(out)


def test_the_report_command_gives_the_dashboards_figures(demo: Desk, capsys, db_url, monkeypatch):
    board = demo.dashboard(now=NOW)
    span = ("--from", PERIOD.start.isoformat(), "--to", PERIOD.end.isoformat())
    agents = {r["login"]: r for r in _cli_json(capsys, db_url, monkeypatch, "agents", *span)["rows"]}
    for load in board.by_agent:
        row = agents[load.login]
        assert (row["open_now"], row["overdue_now"], row["due_soon_now"]) == (
            load.open.count,
            load.overdue.count,
            load.due_soon.count,
        )
    assert agents["-"]["open_now"] == board.cell("unassigned").count
    types = {r["inquiry_type"]: r["open_now"] for r in _cli_json(capsys, db_url, monkeypatch, "types", *span)["rows"]}
    assert types == {c.key: c.count for c in board.by_type}
    total = _cli_json(capsys, db_url, monkeypatch, "sla", *span)["rows"][-1]
    assert (total["priority"], total["overdue_now"], total["due_soon_now"]) == (
        "all",
        board.cell("overdue").count,
        board.cell("due_soon").count,
    )
    # The period's figures are the service's, as the dashboard screen shows them.
    same = demo.report("agents", PERIOD, now=NOW)
    assert [to_jsonable(r) for r in same.rows] == list(agents.values())


def test_the_agents_report_as_csv_opens_in_excel(demo: Desk, capsys, db_url, monkeypatch, tmp_path):
    monkeypatch.setenv("SUPPORTDESK_PASSWORD", demo_password("takahashi"))
    path = tmp_path / "agents.csv"
    code = main(["--db", db_url, "--user", "takahashi", "report", "agents", "--csv", str(path), "--bom"])
    assert code == 0, capsys.readouterr().err
    raw = path.read_bytes()
    assert raw.startswith(b"\xef\xbb\xbf")  # the BOM that makes Excel read UTF-8
    rows = list(csv.DictReader(raw.decode("utf-8-sig").splitlines()))
    # Headings in the reader's language (the same words as the table on screen).
    columns = {name: t(REPORT_COLUMNS[name]) for name in ("login", "name", "open_now", "first_response_median_h")}
    assert rows[0].keys() >= set(columns.values())
    assert "佐藤 美咲" in {r[columns["name"]] for r in rows}


def test_agents_may_not_see_the_team_report(demo: Desk, engine):
    with Session(engine) as session:
        sato = resolve_actor(session, "sato")
        with pytest.raises(NotAllowed):
            reports.report(session, sato, "agents", PERIOD)
        with pytest.raises(NotAllowed):
            reports.dashboard(session, sato)


def test_a_report_refuses_an_unknown_kind_or_a_backward_period(demo: Desk):
    with pytest.raises(Invalid):
        demo.report("weather", PERIOD)
    with pytest.raises(Invalid):
        demo.report("sla", Period(TODAY, date(2026, 1, 1)))


def test_daily_flow_and_weekly_types_count_the_periods_tickets(demo: Desk):
    flow = demo.daily_flow(PERIOD)
    assert len(flow.days) == 30 and flow.days[-1] == TODAY
    received = demo.report("sla", PERIOD, now=NOW).rows[-1].received
    assert sum(flow.new) == received
    weekly = demo.weekly_types(PERIOD)
    assert sum(sum(counts) for counts in weekly.counts.values()) == received
    assert all(week.weekday() == 0 for week in weekly.weeks)
    assert isinstance(weekly, trends.WeeklyTypes)


def test_medians_and_90th_percentiles_by_nearest_rank():
    assert percentile([], 0.9) is None and median([]) is None
    assert percentile([5.0], 0.9) == 5.0
    values = [float(v) for v in range(1, 11)]
    assert (median(values), percentile(values, 0.9)) == (5.5, 9.0)
