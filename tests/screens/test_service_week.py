"""An agent signed in while the desk service runs through a week sees the notifications appear: a toast for each
new one, the unread count in the header, the list that opens the ticket and marks it read."""

import re
from datetime import timedelta

import time_machine
from sqlalchemy import Engine
from sqlmodel import Session, col, select
from textual.widgets import DataTable
from textual.widgets._toast import Toast

from screens.app import SupportDeskApp
from screens.notifications import NotificationsScreen
from screens.ticket_view import TicketScreen
from supportdesk.desk import Desk
from supportdesk.i18n import t, tn
from supportdesk.models import Ticket, User
from supportdesk.services import notifications
from supportdesk.services.actor import Actor
from tests.screens.conftest import settle
from tests.supportdesk.automation import week
from tests.supportdesk.automation.conftest import clock  # noqa: F401 (the desk clock in Tokyo)

HOUR = timedelta(hours=1)


def _unread(session: Session, user_id: int) -> int:
    return len(notifications.list_notifications(session, _actor(session, user_id), unread_only=True))


def _actor(session: Session, user_id: int) -> Actor:
    user = session.get(User, user_id)
    assert user is not None
    return Actor.from_user(user)


async def test_an_agent_signed_in_through_the_week_sees_each_notification_arrive(
    engine: Engine,
    session: Session,
    clock: time_machine.Traveller,  # noqa: F811 (the fixture imported above)
):
    clock.move_to(week.START)
    week.build(engine)
    sato, suzuki = (session.exec(select(User.id).where(User.login == login)).one() for login in ("sato", "suzuki"))
    at_start = week.snapshot(session)
    app = SupportDeskApp(Desk(engine=engine, actor=_actor(session, sato)))
    toasts_seen: list[str] = []
    async with app.run_test(size=(120, 36), notifications=True) as pilot:
        await settle(pilot)
        assert "F12" not in app.sub_title  # nothing yet: what was there before is not news
        done = week.Week()
        for moment in week.turns(engine, "takahashi", clock, done, step=HOUR):
            if moment.hour % 4:  # the app looks every few seconds; here, every four simulated hours
                continue
            app.notices.pulse()
            await settle(pilot)
            toasts_seen += [str(toast.render()) for toast in app.screen.query(Toast)]
            unread = _unread(session, sato)
            if unread:
                assert said(unread) in app.sub_title, moment
            else:
                assert "F12" not in app.sub_title
        mail_tickets = list(session.exec(select(Ticket).where(col(Ticket.id).in_(done.mail_tickets))).all())
        expected = week.predict(at_start, mail_tickets, sato, suzuki, step=HOUR)
        total = sum(expected.sato.values())
        assert total > 5 and _unread(session, sato) == total
        assert said(total) in app.sub_title
        assigned = t("#{number} was assigned to you by the rule {rule}", number="", rule="メールは東京へ")[1:]
        assert any(assigned in text for text in toasts_seen)
        overdue = [
            shape(t(f"#{{number}}: {level} overdue since {{time}}")) for level in ("first response", "resolution")
        ]
        assert any(re.search(pattern, text) for pattern in overdue for text in toasts_seen)

        await pilot.press("f12")
        await settle(pilot)
        assert isinstance(app.screen, NotificationsScreen)
        table = app.screen.query_one("#notifications", DataTable)
        assert table.row_count == total
        await pilot.press("enter")  # the newest: open its ticket, and it is read
        await settle(pilot)
        assert isinstance(app.screen, TicketScreen)
        assert _unread(session, sato) == total - 1
        assert said(total - 1) in app.sub_title


def said(unread: int) -> str:
    """The header's unread count, as the app says it in the language of this pass."""
    return tn("{count} unread notification ({key})", "{count} unread notifications ({key})", unread, key="F12")


def shape(template: str) -> str:
    """A catalog text as a pattern: its {placeholders} match anything."""
    return ".*".join(re.escape(part) for part in re.split(r"\{\w+\}", template))
