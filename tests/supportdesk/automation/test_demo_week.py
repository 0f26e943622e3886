"""A simulated week of the desk service on the demo desk produces the counts worked out beforehand (week.py)."""

import time_machine
from sqlalchemy import Engine
from sqlmodel import Session, col, select

from supportdesk.models import Notification, Ticket, User
from tests.supportdesk.automation import week


def test_a_week_of_the_service_on_the_demo_desk_does_what_was_predicted(
    engine: Engine, session: Session, clock: time_machine.Traveller
):
    clock.move_to(week.START)
    week.build(engine)
    sato, suzuki, takahashi = (
        session.exec(select(User.id).where(User.login == login)).one() for login in ("sato", "suzuki", "takahashi")
    )
    at_start = week.snapshot(session)

    done = week.run_week(engine, "takahashi", clock)

    mail_tickets = list(session.exec(select(Ticket).where(col(Ticket.id).in_(done.mail_tickets))).all())
    expected = week.predict(at_start, mail_tickets, sato, suzuki)
    got = done.counts
    assert expected.follow_ups > 0 and expected.closed > 0 and expected.due_soon > 0 and expected.breached > 0
    assert (
        got["follow_up_notices"],
        got["closed"],
        got["due_soon"],
        got["breached"],
        got["baseline"],
        got["fired"],
        got["reopened"],
        got["skipped"],
    ) == (
        expected.follow_ups,
        expected.closed,
        expected.due_soon,
        expected.breached,
        expected.baseline,
        expected.fired,
        0,  # follow-up dates only tell (follow_up = "notify")
        0,
    )
    assert week.notifications_of(session, sato) == expected.sato
    # Each breach told its ticket's lead too (東京 has takahashi; 大阪 has no lead, so takahashi again).
    lead_breaches = session.exec(
        select(Notification).where(Notification.user_id == takahashi, Notification.kind == "sla_breach")
    ).all()
    assert len(lead_breaches) == expected.breached
    # Nothing happens twice: another run at the end of the week finds nothing left to do.
    assert week.run_again(engine, clock) == {}
