"""Lists narrowed by the team's own fields in the app (issue 18 item 8): an agent filters the queue with f (part of a
text, a whole date), a refused value is one line in the dialog, x clears it, a saved view keeps it; a dashboard's
list filters the same way; customers are listed by their own field and the 360 shows the customer's values."""

from sqlmodel import Session
from textual.widgets import Input, Select, Static

from screens.app import SupportDeskApp
from screens.customer_360 import Customer360Screen
from screens.customer_list import CustomerListScreen, find_customers_by_field
from screens.dialogs.field_filter import CONTAINS, FieldFilterDialog
from screens.home import HomeScreen
from screens.ticket_list import TicketListScreen
from supportdesk.desk import Desk
from supportdesk.i18n import t
from supportdesk.services.actor import Actor
from supportdesk.services.custom_fields import define_field
from supportdesk.services.profiles import add_customer
from supportdesk.services.ticket_queries import TicketFilter
from supportdesk.services.tickets import set_custom_fields
from tests.screens.conftest import settle
from tests.supportdesk import factories


async def fill_filter(pilot, field_id: int, value: str, contains: bool = False) -> None:
    dialog = pilot.app.screen
    assert isinstance(dialog, FieldFilterDialog)
    dialog.query_one("#field", Select).value = field_id
    await pilot.pause()
    if contains:
        dialog.query_one("#how", Select).value = CONTAINS
    dialog.query_one("#value", Input).value = value
    await pilot.press("ctrl+s")
    await settle(pilot)


async def test_an_agent_narrows_the_queue_by_a_teams_field_and_clears_it(
    engine, session: Session, admin: Actor, agent: Actor
):
    part = define_field(session, admin, "tickets", "品番", "text")
    warranty = define_field(session, admin, "tickets", "保証期限", "date")
    customer = factories.customer(session, agent, "山田 太郎")
    a, b, c = (factories.ticket(session, agent, customer, subject) for subject in ("電源", "画面", "音"))
    set_custom_fields(session, agent, a, {"品番": "ABC-100", "保証期限": "2027-03-31"})
    set_custom_fields(session, agent, b, {"品番": "XYZ-9", "保証期限": "2027-03-31"})
    app = SupportDeskApp(Desk(engine=engine, actor=agent), lang="en")
    async with app.run_test(size=(100, 30)) as pilot:
        await settle(pilot)
        home = app.screen
        assert isinstance(home, HomeScreen)
        await pilot.press("escape", "4")  # out of the lookup box, onto the whole open queue
        await settle(pilot)
        assert {r.number for r in home.rows} == {a, b, c}

        await pilot.press("f")
        await settle(pilot)
        await fill_filter(pilot, warranty, "来年")
        assert isinstance(app.screen, FieldFilterDialog)  # refused: one line, what was typed kept
        assert "来年" in str(app.screen.query_one(".error", Static).render())
        await fill_filter(pilot, warranty, "2027/3/31")
        assert app.screen is home
        assert {r.number for r in home.rows} == {a, b}

        await pilot.press("f")
        await settle(pilot)
        await fill_filter(pilot, part, "abc", contains=True)
        assert [r.number for r in home.rows] == [a]
        shown = str(home.query_one("#field-filter", Static).render())
        assert t("{name} contains {value}", name="品番", value="abc") in shown
        assert t("{name} is {value}", name="保証期限", value="2027-03-31") in shown

        await pilot.press("x")
        await settle(pilot)
        assert {r.number for r in home.rows} == {a, b, c}
        assert not home.query_one("#field-filter").display


async def test_a_dashboard_list_filters_by_a_teams_field(engine, session: Session, admin: Actor, agent: Actor):
    office = define_field(session, admin, "tickets", "窓口", "choice", choices=["本社", "大阪支店"])
    customer = factories.customer(session, agent)
    a, b = (factories.ticket(session, agent, customer) for _ in range(2))
    set_custom_fields(session, agent, a, {"窓口": "大阪支店"})
    set_custom_fields(session, agent, b, {"窓口": "本社"})
    app = SupportDeskApp(Desk(engine=engine, actor=agent), lang="en")
    async with app.run_test(size=(100, 30)) as pilot:
        await settle(pilot)
        screen = TicketListScreen("All", TicketFilter())
        await app.push_screen(screen)
        await settle(pilot)
        assert {r.number for r in screen.rows} == {a, b}
        await pilot.press("f")
        await settle(pilot)
        await fill_filter(pilot, office, "大阪支店")
        assert [r.number for r in screen.rows] == [a]
        assert "窓口" in str(screen.query_one("#list-title", Static).render())


async def test_customers_are_listed_by_their_own_field_and_the_360_shows_it(
    engine, session: Session, admin: Actor, agent: Actor
):
    serial = define_field(session, admin, "customers", "製造番号", "text")
    define_field(session, admin, "customers", "契約種別", "choice", choices=["法人", "個人"])
    sato = add_customer(session, agent, {"氏名": "佐藤 花子", "製造番号": "SN-700", "契約種別": "法人"})
    add_customer(session, agent, {"氏名": "鈴木 一郎", "製造番号": "XY-8"})
    app = SupportDeskApp(Desk(engine=engine, actor=agent), lang="en")
    async with app.run_test(size=(100, 30)) as pilot:
        await settle(pilot)
        find_customers_by_field(app)
        await settle(pilot)
        await fill_filter(pilot, serial, "sn-7", contains=True)
        screen = app.screen
        assert isinstance(screen, CustomerListScreen)
        assert [p.id for p in screen.people] == [sato]
        await pilot.press("enter")
        await settle(pilot)
        assert isinstance(app.screen, Customer360Screen)
        person = str(app.screen.query_one("#person", Static).render())
        assert "製造番号: SN-700" in person and "契約種別: 法人" in person
