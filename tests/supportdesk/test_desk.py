"""The desk as the app and the CLI see it: one call per use case, and what one call reads agrees with itself."""

import inspect
from typing import Any

from sqlalchemy import Engine, event
from sqlmodel import Session

from supportdesk.db import open_session
from supportdesk.desk import Desk
from supportdesk.services.actor import Actor
from supportdesk.services.ticket_queries import TicketFilter
from tests.supportdesk import factories


def _colleague_writes_after(engine: Engine, marker: str, write: Any) -> list[bool]:
    """Run `write` in a session of its own right after the desk runs the statement containing `marker`."""
    done: list[bool] = []

    def after(conn: Any, cursor: Any, statement: str, *args: Any) -> None:
        if marker in statement and not done:
            done.append(True)
            with open_session(engine) as other:
                write(other)

    event.listen(engine, "after_cursor_execute", after)
    return done


def test_a_queue_and_its_tab_counts_agree_while_a_colleague_logs_a_call(
    engine: Engine, session: Session, agent: Actor
) -> None:
    caller = factories.customer(session, agent)
    for subject in ("ログインできない", "請求書の再発行", "解約したい"):
        factories.ticket(session, agent, caller, subject=subject)
    desk = Desk(engine=engine, actor=agent)
    # Right after the desk has read the queue's tickets, a colleague logs a new call and commits.
    wrote = _colleague_writes_after(
        engine, "page_id", lambda other: factories.ticket(other, agent, caller, subject="返品")
    )

    page = desk.queue_page(TicketFilter(open_only=True), {"all_open": TicketFilter(open_only=True)}, limit=50)

    assert wrote, "the colleague's call was logged while the desk was reading"
    assert len(page.rows) == 3
    assert page.counts == {"all_open": 3}, "the tab counts the same tickets the list shows"
    assert desk.count_tickets(TicketFilter(open_only=True)) == 4, "the next refresh sees the new call"


def test_the_lead_overview_reads_the_dashboard_and_reports_as_of_one_moment(
    engine: Engine, session: Session, agent: Actor, lead: Actor
) -> None:
    caller = factories.customer(session, agent)
    factories.ticket(session, agent, caller)
    desk = Desk(engine=engine, actor=lead)
    # A new ticket arrives after the dashboard read the open tickets and before the reports read the period's.
    wrote = _colleague_writes_after(engine, "first_response_due", lambda other: factories.ticket(other, agent, caller))

    view = desk.overview(days=7)

    assert wrote
    open_now = sum(cell.count for cell in view.dashboard.by_status)
    received = sum(row.received for row in view.reports["types"].rows)
    assert open_now == received == 1


def test_every_desk_method_names_its_parameters_and_hands_out_no_session() -> None:
    # The seam is typed end to end (mypy checks each method against the service it calls through `_call`): a
    # `**kwargs` or `*args` would let a caller pass anything past that check, and a public session would let the app
    # or the CLI go around the seam.
    loose = []
    for name, member in inspect.getmembers(Desk, inspect.isfunction):
        if name.startswith("_"):
            continue
        for parameter in inspect.signature(member).parameters.values():
            if parameter.kind in (parameter.VAR_POSITIONAL, parameter.VAR_KEYWORD):
                loose.append(f"{name}({parameter})")
    assert loose == []
    public = {name for name in dir(Desk) if not name.startswith("_")}
    assert not {name for name in public if "session" in name}
