"""A team lead opens the dashboard, sees what is overdue and who is overloaded, and reassigns five tickets at once."""

import json

import pytest
from sqlalchemy import Engine
from sqlmodel import Session, select
from textual.widgets import DataTable, Input, Select, Static, Tab

from screens.app import SupportDeskApp
from screens.dashboard import DashboardScreen
from screens.dialogs.bulk import BulkDialog, BulkResultDialog, ConfirmBulkDialog
from screens.dialogs.save_view import SaveViewDialog
from screens.home import HomeScreen
from screens.ticket_list import TicketListScreen
from screens.widgets.ticket_table import TicketTable
from supportdesk.cli.main import main
from supportdesk.demo import demo_password
from supportdesk.desk import Desk
from supportdesk.i18n import language, v
from supportdesk.models import AuditEvent, Ticket
from supportdesk.services import reports
from supportdesk.services.actor import Actor
from supportdesk.services.readmodels import to_jsonable
from supportdesk.services.ticket_queries import TicketFilter
from tests.supportdesk import factories
from tests.supportdesk.factories import ticket_in
from tests.supportdesk.lead_fixtures import NOW, _demo_file, demo

__all__ = ["_demo_file", "demo"]  # fixtures


async def settle(pilot) -> None:  # type: ignore[no-untyped-def]
    from tests.screens.conftest import settle as settle_workers

    await settle_workers(pilot, rounds=4)


@pytest.fixture
def team_desk(
    engine: Engine, session: Session, agent: Actor, other_agent: Actor, lead: Actor
) -> tuple[Desk, list[int]]:
    """Seven open tickets of 佐藤's and one closed one, seen by the lead 高橋."""
    customer = factories.customer(session, agent)
    numbers = [factories.ticket(session, agent, customer, f"問い合わせ {i}") for i in range(7)]
    ticket_in(session, agent, customer, "closed")
    return Desk(engine=engine, actor=lead), numbers


async def test_a_lead_reassigns_five_tickets_in_one_action(team_desk, session, other_agent) -> None:
    desk, numbers = team_desk
    app = SupportDeskApp(desk, lang="en")
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(pilot)
        home = app.screen
        assert isinstance(home, HomeScreen)
        home.query_one("#tickets", DataTable).focus()
        await pilot.press("4")  # all open
        await settle(pilot)
        assert len(home.rows) == 7
        await pilot.press("space", "space", "space", "space", "space")
        assert len(home.query_one(TicketTable).selected) == 5
        chosen = {r.number for r in home.rows[:5]}
        await pilot.press("b")
        await settle(pilot)
        dialog = app.screen
        assert isinstance(dialog, BulkDialog)
        dialog.query_one("#assignee", Select).value = other_agent.id
        await pilot.press("ctrl+s")
        await settle(pilot)
        confirm = app.screen
        assert isinstance(confirm, ConfirmBulkDialog)
        assert "5 tickets will change." in str(confirm.query_one("#will-change").render())
        await pilot.press("ctrl+s")
        await settle(pilot)
        assert app.screen is home and not home.query_one(TicketTable).selected
    session.expire_all()
    moved = {n for n in numbers if session.get(Ticket, n).assignee_id == other_agent.id}
    assert moved == chosen
    audited = session.exec(select(AuditEvent.object_id).where(AuditEvent.action == "ticket.assign")).all()
    assert set(audited) == chosen
    [summary] = session.exec(select(AuditEvent).where(AuditEvent.action == "ticket.bulk")).all()
    assert sorted(json.loads(summary.detail)["changed"]) == sorted(chosen)


async def test_a_refused_transition_is_named_after_a_bulk_change(team_desk, session) -> None:
    desk, numbers = team_desk
    app = SupportDeskApp(desk, lang="en")
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(pilot)
        app.push_screen(TicketListScreen("all", TicketFilter()))
        await settle(pilot)
        screen = app.screen
        assert isinstance(screen, TicketListScreen) and len(screen.rows) == 8
        await pilot.press("a", "b")  # select all, bulk change
        await settle(pilot)
        dialog = app.screen
        dialog.query_one("#kind", Select).value = "status"
        dialog.query_one("#to-status", Select).value = "on_hold"
        await pilot.pause()
        await pilot.press("ctrl+s")
        await settle(pilot)
        assert isinstance(app.screen, ConfirmBulkDialog)
        await pilot.press("ctrl+s")
        await settle(pilot)
        result = app.screen
        assert isinstance(result, BulkResultDialog)
        assert "cannot go from closed to on hold" in " ".join(str(s.render()) for s in result.query(".failure"))
    assert sum(session.get(Ticket, n).status == "on_hold" for n in numbers) == 7


async def test_agents_have_no_dashboard_and_no_bulk_keys(desk: Desk) -> None:
    app = SupportDeskApp(desk, lang="en")
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(pilot)
        await pilot.press("f9")
        await settle(pilot)
        assert isinstance(app.screen, HomeScreen)
        shown = {b.binding.action for b in app.screen.active_bindings.values()}
        assert not {"bulk", "toggle_select", "dashboard"} & shown  # neither in the footer nor on a key


async def test_a_saved_view_becomes_a_tab_with_its_count(desk: Desk) -> None:
    app = SupportDeskApp(desk, lang="en")
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(pilot)
        home = app.screen
        home.query_one("#f-type", Select).value = "fault"
        await settle(pilot)
        home.query_one("#tickets", DataTable).focus()
        await pilot.press("v")
        await settle(pilot)
        assert isinstance(app.screen, SaveViewDialog)
        app.screen.query_one("#view-name", Input).value = "故障の件"
        await pilot.press("enter")
        await settle(pilot)
        [tab_id] = home.views
        assert str(home.query_one(f"#{tab_id}", Tab).label) == "5 故障の件 (2)"  # its key, 5, before its name
        assert home.queue == tab_id and len(home.rows) == 2


# ---- the dashboard on the demo desk -----------------------------------------------------------------------------


def _cli_report(capsys, db_url: str, kind: str, period: reports.Period) -> list[dict]:
    span = ["--from", str(period.start), "--to", str(period.end)]
    code = main(["--db", db_url, "--user", "takahashi", "report", kind, *span, "--json"])
    out, err = capsys.readouterr()
    assert code == 0, err
    return json.loads(out)["rows"]


async def test_the_dashboard_shows_the_report_commands_figures(demo: Desk, db_url, capsys, monkeypatch) -> None:
    monkeypatch.setenv("SUPPORTDESK_PASSWORD", demo_password("takahashi"))
    monkeypatch.setattr(reports, "utcnow", lambda: NOW)
    app = SupportDeskApp(demo, lang="en")
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(pilot)
        app.push_screen(DashboardScreen(now=NOW))
        await settle(pilot)
        screen = app.screen
        assert isinstance(screen, DashboardScreen) and screen.board is not None
        period = screen.period(NOW)
        shown = {kind: [to_jsonable(r) for r in screen.reports[kind].rows] for kind in ("sla", "agents", "types")}
        agents = screen.query_one("#agents", DataTable)
        agent_cells = {login: [str(c) for c in agents.get_row(login)] for login in agents.rows}
        # The overdue number opens the list of exactly those tickets.
        attention = screen.query_one("#attention", DataTable)
        overdue = int(str(attention.get_cell("overdue", "Tickets")))
        attention.focus()
        attention.move_cursor(row=attention.get_row_index("overdue"), column=1)
        await pilot.press("enter")
        await settle(pilot)
        listing = app.screen
        assert isinstance(listing, TicketListScreen) and len(listing.rows) == overdue > 0
        await pilot.press("escape", "c")
        await settle(pilot)
        assert type(app.screen).__name__ == "ChartsScreen"
        key = app.screen.query_one("#flow-key", Static)  # a Japanese desk says what the plots' codes are
        assert f"new = {v('new')}" in str(key.render()) if language() == "ja" else not key.display
    capsys.readouterr()
    for kind, rows in shown.items():
        assert rows == _cli_report(capsys, db_url, kind, period), kind
    for row in _cli_report(capsys, db_url, "agents", period):
        figures = [str(row[k]) for k in ("open_now", "overdue_now", "due_soon_now", "received", "resolved")]
        assert agent_cells[row["login"]][1:6] == figures
