"""Customers, companies, purchases and subscriptions entered in the app; renewals, cancellations and handle time
for leads (issue 18 items 5-7, and the tags column of item 1)."""

from datetime import date, timedelta

from sqlmodel import Session, select
from textual.widgets import Checkbox, DataTable, Input, Select, Static

from screens.app import SupportDeskApp
from screens.customer_360 import Customer360Screen
from screens.dashboard import DashboardScreen
from screens.dialogs.commerce import CancelSubscriptionDialog, PurchaseDialog, SubscriptionDialog
from screens.dialogs.company_form import CompanyForm
from screens.dialogs.customer_form import CustomerForm
from screens.renewals import RenewalsScreen
from screens.widgets.ticket_table import TicketTable
from supportdesk import clock
from supportdesk.desk import Desk
from supportdesk.i18n import t
from supportdesk.models import Company, Customer, Purchase, Subscription
from supportdesk.services.actor import Actor
from supportdesk.services.cases import change_tags
from supportdesk.services.commerce import add_product, add_subscription, cancel_subscription
from supportdesk.services.tickets import add_entry
from tests.screens.conftest import settle
from tests.supportdesk import factories


def _cells(table: DataTable, column: str) -> list[str]:
    index = table.get_column_index(column)
    return [
        str(getattr(row[index], "plain", row[index])) for row in (table.get_row_at(i) for i in range(table.row_count))
    ]


async def test_an_agent_enters_a_b2b_customer_with_every_profile_field(engine, session: Session, agent: Actor):
    factories.company(session, agent, "株式会社さくら商事")
    app = SupportDeskApp(Desk(engine=engine, actor=agent), lang="en")
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(pilot)
        app.push_screen(CustomerForm({"full_name": "鈴木 一郎"}))
        await settle(pilot)
        form = app.screen
        form.query_one("#phone", Input).value = "03-5555-1234"
        form.query_one("#company", Input).value = "(株)さくら商事"  # the legal form written another way
        form.query_one("#department", Input).value = "購買部"
        form.query_one("#birth_date", Input).value = "1980/4/1"
        form.query_one("#gender", Select).value = "male"
        form.query_one("#acquisition_channel", Select).value = "referral"
        form.query_one("#is_decision_maker", Checkbox).value = True
        form.query_one("#contact_consent", Checkbox).value = True
        await pilot.press("ctrl+s")
        await settle(pilot)
        assert not isinstance(app.screen, CustomerForm), form.query_one(".error", Static).render()
    person = session.exec(select(Customer).where(Customer.full_name == "鈴木 一郎")).one()
    company = session.get(Company, person.company_id)
    assert company is not None and company.name == "株式会社さくら商事"
    assert (str(person.gender), person.birth_date, str(person.acquisition_channel)) == (
        "male",
        date(1980, 4, 1),
        "referral",
    )
    assert person.is_decision_maker and person.contact_consent and person.department == "購買部"


async def test_a_company_new_to_the_desk_gets_its_form_and_the_customer_is_saved_with_it(
    engine, session: Session, agent: Actor
):
    app = SupportDeskApp(Desk(engine=engine, actor=agent), lang="en")
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(pilot)
        app.push_screen(CustomerForm({"full_name": "田村 花"}))
        await settle(pilot)
        app.screen.query_one("#company", Input).value = "合同会社そよ風"
        await pilot.press("ctrl+s")
        await settle(pilot)
        assert isinstance(app.screen, CompanyForm)
        assert app.screen.query_one("#name", Input).value == "合同会社そよ風"
        app.screen.query_one("#industry", Input).value = "小売業"
        await pilot.press("ctrl+s")
        await settle(pilot)
        assert not isinstance(app.screen, (CompanyForm, CustomerForm))
    person = session.exec(select(Customer).where(Customer.full_name == "田村 花")).one()
    company = session.get(Company, person.company_id)
    assert company is not None and (company.name, company.industry) == ("合同会社そよ風", "小売業")


async def test_a_company_named_in_part_is_refused_with_what_to_do_in_the_app(engine, session: Session, agent: Actor):
    factories.company(session, agent, "株式会社さくら商事")
    app = SupportDeskApp(Desk(engine=engine, actor=agent), lang="en")
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(pilot)
        app.push_screen(CustomerForm({"full_name": "鈴木 一郎"}))
        await settle(pilot)
        app.screen.query_one("#company", Input).value = "さくら"  # starts like a company of the desk: not a new one
        await pilot.press("ctrl+s")
        await settle(pilot)
        assert isinstance(app.screen, CustomerForm)
        said = str(app.screen.query_one(".error", Static).render())
        assert "no company called さくら" in said and t("New company") in said, said
        assert "company add" not in said  # a command to type is the CLI's way out, not the app's
    assert session.exec(select(Customer).where(Customer.full_name == "鈴木 一郎")).first() is None


async def test_a_date_of_birth_that_cannot_be_read_is_said_and_nothing_is_saved(engine, session, agent: Actor):
    taro = factories.customer(session, agent)
    app = SupportDeskApp(Desk(engine=engine, actor=agent), lang="en")
    async with app.run_test(size=(120, 40)) as pilot:
        app.push_screen(Customer360Screen(taro))
        await settle(pilot)
        await pilot.press("e")
        await settle(pilot)
        assert isinstance(app.screen, CustomerForm)
        app.screen.query_one("#birth_date", Input).value = "昔"
        await pilot.press("ctrl+s")
        await settle(pilot)
        assert isinstance(app.screen, CustomerForm)
        assert "昔" in str(app.screen.query_one(".error", Static).render())
    session.expire_all()
    assert session.get(Customer, taro).birth_date is None  # type: ignore[union-attr]


async def test_an_agent_gives_a_customer_a_new_company_and_edits_it_later(engine, session: Session, agent: Actor):
    taro = factories.customer(session, agent)
    app = SupportDeskApp(Desk(engine=engine, actor=agent), lang="en")
    async with app.run_test(size=(120, 40)) as pilot:
        app.push_screen(Customer360Screen(taro))
        await settle(pilot)
        await pilot.press("o")  # no company yet: a new one, then named in the profile
        await settle(pilot)
        assert isinstance(app.screen, CompanyForm)
        app.screen.query_one("#name", Input).value = "有限会社みどり工房"
        app.screen.query_one("#founded_on", Input).value = "2001/4/1"
        app.screen.query_one("#employees", Input).value = "1,200"
        await pilot.press("ctrl+s")
        await settle(pilot)
        assert isinstance(app.screen, Customer360Screen)
        assert "有限会社みどり工房" in str(app.screen.query_one("#company", Static).render())
        await pilot.press("o")
        await settle(pilot)
        assert isinstance(app.screen, CompanyForm)
        assert app.screen.query_one("#employees", Input).value == "1200"
        app.screen.query_one("#industry", Input).value = "製造業"
        await pilot.press("ctrl+s")
        await settle(pilot)
        assert isinstance(app.screen, Customer360Screen)
    session.expire_all()
    person = session.get(Customer, taro)
    assert person is not None and person.company_id is not None
    company = session.get(Company, person.company_id)
    assert company is not None
    assert (company.founded_on, company.employees, company.industry) == (date(2001, 4, 1), 1200, "製造業")


async def test_an_agent_records_a_purchase_a_subscription_and_its_cancellation(engine, session: Session, agent: Actor):
    taro = factories.customer(session, agent)
    add_product(session, agent, "KB-PRO", "スマート家計簿 Pro", 9_800)
    add_product(session, agent, "KB-CLOUD", "家計簿クラウド 年間プラン", 12_000, is_subscription=True)
    today = date(2026, 11, 2)
    app = SupportDeskApp(Desk(engine=engine, actor=agent), lang="en")
    async with app.run_test(size=(120, 40)) as pilot:
        app.push_screen(Customer360Screen(taro, today=today))
        await settle(pilot)
        await pilot.press("p")
        await settle(pilot)
        dialog = app.screen
        assert isinstance(dialog, PurchaseDialog)
        pro = next(p for p in dialog.products if p.sku == "KB-PRO")
        dialog.query_one("#product", Select).value = pro.id
        dialog.query_one("#quantity", Input).value = "ふたつ"
        await pilot.press("ctrl+s")
        await settle(pilot)
        assert "ふたつ" in str(dialog.query_one(".error", Static).render())  # said, nothing saved
        dialog.query_one("#quantity", Input).value = "2"
        dialog.query_one("#order_ref", Input).value = "ORD-1001"
        await pilot.press("ctrl+s")
        await settle(pilot)
        assert isinstance(app.screen, Customer360Screen)
        assert _cells(app.screen.query_one("#c-purchases", DataTable), "Amount") == ["¥19,600"]

        await pilot.press("s")
        await settle(pilot)
        dialog = app.screen
        assert isinstance(dialog, SubscriptionDialog)
        assert dialog.products[0].sku == "KB-CLOUD"  # subscription products come first
        dialog.query_one("#product", Select).value = dialog.products[0].id
        dialog.query_one("#renewal_on", Input).value = "2027-11-01"
        await pilot.press("ctrl+s")
        await settle(pilot)
        assert isinstance(app.screen, Customer360Screen)

        await pilot.press("c")  # the only live subscription
        await settle(pilot)
        dialog = app.screen
        assert isinstance(dialog, CancelSubscriptionDialog)
        await pilot.press("ctrl+s")
        await settle(pilot)
        assert isinstance(app.screen, CancelSubscriptionDialog)  # a reason is required
        dialog.query_one("#category", Select).value = "price"
        dialog.query_one("#reason", Input).value = "値上げのため"
        await pilot.press("ctrl+s")
        await settle(pilot)
        assert isinstance(app.screen, Customer360Screen)
        cancelled = _cells(app.screen.query_one("#c-subscriptions", DataTable), "Cancelled")
        assert cancelled == ["2026-11-02 値上げのため"]
    purchase = session.exec(select(Purchase).where(Purchase.customer_id == taro)).one()
    assert (purchase.quantity, purchase.amount, purchase.order_ref) == (2, 19_600, "ORD-1001")
    sub = session.exec(select(Subscription).where(Subscription.customer_id == taro)).one()
    assert (sub.renewal_on, sub.cancelled_on, sub.cancel_category) == (date(2027, 11, 1), today, "price")


async def test_a_lead_follows_renewals_cancellations_and_handle_time(engine, session: Session, agent: Actor, lead):
    taro = factories.customer(session, agent)
    hanako = factories.customer(session, agent, "佐々木 花子", phone="090-1111-2222")
    plan = add_product(session, agent, "KB-CLOUD", "家計簿クラウド 年間プラン", 12_000, is_subscription=True)
    today = clock.today()
    add_subscription(session, agent, taro, plan, today - timedelta(days=300), today + timedelta(days=20))
    add_subscription(session, agent, hanako, plan, today - timedelta(days=300), today + timedelta(days=75))
    gone = add_subscription(session, agent, hanako, plan, today - timedelta(days=200), today + timedelta(days=100))
    cancel_subscription(session, agent, gone, today, "他社が安い", "competitor")
    number = factories.ticket(session, agent, taro, "使い方の質問")
    add_entry(session, agent, number, "call_log", "使い方を説明", call_duration_seconds=600)
    app = SupportDeskApp(Desk(engine=engine, actor=lead), lang="en")
    async with app.run_test(size=(160, 60)) as pilot:
        await settle(pilot)
        app.push_screen(DashboardScreen())
        await settle(pilot)
        agents = app.screen.query_one("#handle-agents", DataTable)
        assert _cells(agents, "Agent")[0] == agent.name
        assert _cells(agents, "Talk")[0] == "10.0"
        assert _cells(app.screen.query_one("#handle-types", DataTable), "AHT") == ["10.0"]
        await pilot.press("u")
        await settle(pilot)
        assert isinstance(app.screen, RenewalsScreen)
        renewals = app.screen.query_one("#renewals", DataTable)
        assert _cells(renewals, "Customer") == ["山田 太郎"]  # 30 days ahead
        await pilot.press("h", "h")  # 90 days ahead
        await settle(pilot)
        assert _cells(renewals, "Customer") == ["山田 太郎", "佐々木 花子"]
        cancellations = app.screen.query_one("#cancellations", DataTable)
        assert (_cells(cancellations, "Reason")[0], _cells(cancellations, "Count")[0]) == ("competitor", "1")
        renewals.focus()
        await pilot.press("enter")
        await settle(pilot)
        assert isinstance(app.screen, Customer360Screen) and app.screen.customer_id == taro


async def test_renewals_are_for_leads_and_companies_for_those_who_edit_customers(
    engine, session: Session, agent: Actor, lead: Actor, trainer: Actor
):
    from screens.commands import DeskCommands

    for actor, renewals, companies in ((agent, False, True), (lead, True, True), (trainer, False, False)):
        app = SupportDeskApp(Desk(engine=engine, actor=actor), lang="en")
        async with app.run_test(size=(120, 40)) as pilot:
            await settle(pilot)
            labels = [label for label, _call, _help in DeskCommands(app.screen)._commands()]
            assert ("Renewals and cancellations" in labels) is renewals, actor.role
            assert ("New company" in labels) is companies, actor.role


async def test_tags_show_in_ticket_lists_on_a_wide_terminal_only(engine, session: Session, agent: Actor):
    taro = factories.customer(session, agent)
    number = factories.ticket(session, agent, taro, "電源が入らない")
    change_tags(session, agent, number, ["初期不良", "返品"], [])
    for width, shown in ((200, True), (120, False)):
        app = SupportDeskApp(Desk(engine=engine, actor=agent), lang="en")
        async with app.run_test(size=(width, 40)) as pilot:
            await settle(pilot)
            table = app.screen.query_one(TicketTable)
            keys = [str(column.key.value) for column in table.columns.values()]
            assert ("Tags" in keys) is shown
            if shown:
                assert _cells(table, "Tags") == ["#初期不良 #返品"]
