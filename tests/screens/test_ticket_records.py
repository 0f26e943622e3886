"""An agent tags a ticket from its screen and sees its tags and links under the heading (issue 18)."""

from sqlmodel import Session
from textual.widgets import Input, Select, Static

from screens.app import SupportDeskApp
from screens.dialogs.links import LinkDialog
from screens.dialogs.tags import TagsDialog, tag_change
from screens.ticket_view import TicketScreen
from screens.widgets.thread_view import entry_heading
from supportdesk import clock
from supportdesk.desk import Desk
from supportdesk.services.actor import Actor
from supportdesk.services.cases import change_tags, ticket_tags
from supportdesk.services.ticket_links import link_tickets
from supportdesk.services.ticket_queries import get_ticket
from tests.screens.conftest import settle
from tests.supportdesk import factories


def test_the_list_as_typed_becomes_what_to_add_and_remove():
    change = tag_change(("初期不良", "返品"), "返品、交換  #x")
    assert (change.add, change.remove) == (["交換", "#x"], ["初期不良"])


async def test_an_agent_tags_a_ticket_completing_a_tag_already_in_use(engine, session: Session, agent: Actor):
    taro = factories.customer(session, agent)
    earlier = factories.ticket(session, agent, taro, "電源が入らない")
    change_tags(session, agent, earlier, ["初期不良"], [])
    number = factories.ticket(session, agent, taro, "また電源が入らない")
    link_tickets(session, agent, earlier, number)
    app = SupportDeskApp(Desk(engine=engine, actor=agent), lang="en")
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(pilot)
        app.push_screen(TicketScreen(number))
        await settle(pilot)
        header = app.screen.query_one("#ticket-header", Static)
        assert f"related #{earlier} 電源が入らない (new)" in str(header.render())
        await pilot.press("ctrl+t")
        await settle(pilot)
        assert isinstance(app.screen, TagsDialog)
        await pilot.press("初", "tab")  # completes the tag the desk already uses
        assert app.screen.query_one("#tags", Input).value == "初期不良"
        await pilot.press("space", *"返品", "ctrl+s")
        await settle(pilot)
        assert isinstance(app.screen, TicketScreen)
        session.expire_all()
        assert ticket_tags(session, number) == ["初期不良", "返品"]
        shown = app.screen.query_one("#ticket-header", Static).render()
        assert "tags #初期不良 #返品" in str(shown)


async def test_an_agent_enters_a_customers_letter_from_the_composer(engine, session: Session, agent: Actor):
    taro = factories.customer(session, agent)
    number = factories.ticket(session, agent, taro, "返品の手続き", body="返品したいです")
    app = SupportDeskApp(Desk(engine=engine, actor=agent), lang="en")
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(pilot)
        app.push_screen(TicketScreen(number))
        await settle(pilot)
        screen = app.screen
        assert isinstance(screen, TicketScreen)
        await pilot.press("f2", "f2", "f2")
        assert screen.kind == "customer_message"
        screen.query_one("#message-channel", Select).value = "letter"
        screen.query_one("#received", Input).value = "2026-11-30 10:00"
        screen.composer.focus_text()
        await pilot.press(*"お手紙にて返品の意思を確認", "ctrl+s")
        await settle(pilot)
    detail = get_ticket(session, agent, number)
    letter = detail.entries[-1]
    assert (letter.kind, letter.body, letter.channel) == ("customer_message", "お手紙にて返品の意思を確認", "letter")
    assert letter.received_at is not None
    assert clock.when(letter.received_at) == "2026-11-30 10:00"  # typed on the desk's clock, read back on it
    assert "customer · letter · received 2026-11-30 10:00 · " in entry_heading(letter)


async def test_an_agent_merges_the_customers_second_call_into_the_first(engine, session: Session, agent: Actor):
    taro = factories.customer(session, agent)
    first = factories.ticket(session, agent, taro, "電源が入らない", body="昨日から電源が入りません")
    again = factories.ticket(session, agent, taro, "電源の件(再度)", body="昨日も電話しました")
    app = SupportDeskApp(Desk(engine=engine, actor=agent), lang="en")
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(pilot)
        app.push_screen(TicketScreen(first))
        await settle(pilot)
        await pilot.press("ctrl+l")
        await settle(pilot)
        assert isinstance(app.screen, LinkDialog)
        await pilot.press(*str(again))
        app.screen.query_one("#action", Select).value = "merge"
        await pilot.press("ctrl+s")
        await settle(pilot)
        screen = app.screen
        assert isinstance(screen, TicketScreen)
        assert f"merged from #{again}" in str(screen.query_one("#ticket-header", Static).render())
    detail = get_ticket(session, agent, first)
    assert [e.body for e in detail.entries if e.kind == "customer_message"] == [
        "昨日から電源が入りません",
        "昨日も電話しました",
    ]
    assert get_ticket(session, agent, again).row.status == "closed"
