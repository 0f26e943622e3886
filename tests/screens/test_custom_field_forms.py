"""The team's own fields in the app's forms (issue 18 item 8): an agent fills them in when opening a ticket, changes
them with F7 (a value the field cannot hold is one line, with what was typed kept), sees them under the ticket's
heading, and gives a new customer the required one."""

from sqlmodel import Session, select
from textual.widgets import Input, Select, Static

from screens.app import SupportDeskApp
from screens.dialogs.customer_form import CustomerForm
from screens.dialogs.fields import FieldsDialog
from screens.dialogs.new_ticket import NewTicketDialog
from screens.sign_in import SignInScreen
from screens.ticket_view import TicketScreen
from screens.widgets.custom_fields import CustomFieldInputs
from supportdesk.desk import Desk
from supportdesk.i18n import t
from supportdesk.models import Ticket
from supportdesk.services import users
from supportdesk.services.actor import Actor
from supportdesk.services.custom_fields import define_field
from supportdesk.services.profiles import customer_record
from supportdesk.services.ticket_queries import get_ticket
from tests.screens.conftest import settle
from tests.supportdesk import factories


def box(app: SupportDeskApp, field_id: int) -> Input:
    return app.screen.query_one(f"#custom-{field_id}", Input)


def values(session: Session, actor: Actor, number: int) -> dict[str, str | None]:
    session.expire_all()
    return {v.name: v.value for v in get_ticket(session, actor, number).custom}


async def test_an_agent_opens_a_ticket_with_the_teams_fields_and_changes_them(
    engine, session: Session, admin: Actor, agent: Actor
):
    part = define_field(session, admin, "tickets", "品番", "text")
    desk_office = define_field(session, admin, "tickets", "窓口", "choice", choices=["本社", "大阪支店"], required=True)
    warranty = define_field(session, admin, "tickets", "保証期限", "date")
    customer = factories.customer(session, agent, "山田 太郎")
    app = SupportDeskApp(Desk(engine=engine, actor=agent), lang="en")
    async with app.run_test(size=(100, 30)) as pilot:
        await settle(pilot)
        app.push_screen(NewTicketDialog(customer, "山田 太郎", []))
        await settle(pilot)
        labels = [str(label.render()) for label in app.screen.query_one(CustomFieldInputs).query(".field-label")]
        assert labels == ["品番", "窓口 (Required)", "保証期限"]
        await pilot.press(*"電源が入らない")
        box(app, part).value = "A-100"
        await pilot.press("ctrl+s")
        await settle(pilot)
        assert isinstance(app.screen, NewTicketDialog)  # the required field is empty: one line, nothing created
        assert str(app.screen.query_one(".error", Static).render()) == "窓口: a value is required"
        app.screen.query_one(f"#custom-{desk_office}", Select).value = "大阪支店"
        box(app, warranty).value = "2027年3月31日"
        await pilot.press("ctrl+s")
        await settle(pilot)
        assert not isinstance(app.screen, NewTicketDialog)
        (number,) = session.exec(select(Ticket.id).where(Ticket.customer_id == customer)).all()
        assert values(session, agent, number) == {"品番": "A-100", "窓口": "大阪支店", "保証期限": "2027-03-31"}

        app.push_screen(TicketScreen(number))
        await settle(pilot)
        header = str(app.screen.query_one("#ticket-header", Static).render())
        assert "品番 A-100 · 窓口 大阪支店 · 保証期限 2027-03-31" in header
        await pilot.press("f7")
        await settle(pilot)
        assert isinstance(app.screen, FieldsDialog)
        assert box(app, part).value == "A-100"
        box(app, part).value = "A-200"
        box(app, warranty).value = "来年"
        await pilot.press("ctrl+s")
        await settle(pilot)
        dialog = app.screen
        assert isinstance(dialog, FieldsDialog)  # refused: the dialog again, saying why, with what was typed
        assert "来年 is not a date" in str(dialog.query_one(".error", Static).render())
        assert (box(app, part).value, box(app, warranty).value) == ("A-200", "来年")
        box(app, warranty).value = ""
        await pilot.press("ctrl+s")
        await settle(pilot)
        assert isinstance(app.screen, TicketScreen)
        assert "品番 A-200 · 窓口 大阪支店" in str(app.screen.query_one("#ticket-header", Static).render())
    assert values(session, agent, number) == {"品番": "A-200", "窓口": "大阪支店", "保証期限": None}


async def test_a_new_customer_gets_the_required_field_of_the_team(engine, session: Session, admin, agent: Actor):
    serial = define_field(session, admin, "customers", "製造番号", "text", required=True)
    app = SupportDeskApp(Desk(engine=engine, actor=agent), lang="en")
    async with app.run_test(size=(100, 30)) as pilot:
        await settle(pilot)
        created: list[int | None] = []
        app.push_screen(CustomerForm({"full_name": "鈴木 花子"}), created.append)
        await settle(pilot)
        await pilot.press("ctrl+s")
        await settle(pilot)
        assert "製造番号: a value is required" in str(app.screen.query_one(".error", Static).render())
        box(app, serial).value = "SN-0042"
        await pilot.press("ctrl+s")
        await settle(pilot)
        assert not isinstance(app.screen, CustomerForm)
    (number,) = created
    assert number is not None
    record = customer_record(session, agent, number)
    assert [(v.name, v.value) for v in record.custom] == [("製造番号", "SN-0042")]


async def test_an_agent_disabled_before_the_fields_arrive_is_signed_out_not_left_with_an_empty_form(
    engine, session: Session, admin: Actor, agent: Actor
):
    """The fields are read by the widget's own worker (Worker.StateChanged does not bubble to the dialog): an ended
    session there signs the agent out like any other desk call, instead of a form that silently lacks its fields."""
    number = _a_ticket_with_a_field(session, admin, agent)
    app = SupportDeskApp(Desk(engine=engine, actor=agent))
    async with app.run_test(size=(100, 30)) as pilot:
        await settle(pilot)
        users.set_active(session, admin, agent.login, False)
        app.push_screen(FieldsDialog(number, "normal", "question", None, []))
        await settle(pilot)
        assert isinstance(app.screen, SignInScreen)
        assert t("Your account was disabled by an administrator; you are signed out.") in str(
            app.screen.query_one("#hint").render()
        )


async def test_fields_the_desk_cannot_give_say_why_in_their_place(engine, session: Session, admin: Actor, agent):
    """A failure other than an ended session is said where the fields would be, in the agent's language; the rest of
    the dialog still works and saves without them."""
    number = _a_ticket_with_a_field(session, admin, agent)
    app = SupportDeskApp(Desk(engine=engine, actor=agent))
    async with app.run_test(size=(100, 30)) as pilot:
        await settle(pilot)
        # The ticket's fields asked of a record kind the desk does not keep: refused by the desk (services), one line.
        app.push_screen(FieldsDialog(number, "normal", "question", None, []))
        await settle(pilot)
        inputs = app.screen.query_one(CustomFieldInputs)
        inputs.kind = "invoices"
        inputs.on_mount()
        await settle(pilot)
        shown = str(inputs.query_one("#custom-fields-failed", Static).render())
        assert "invoices" in shown and inputs.pairs() == {}
        assert not inputs.query(Input)


def _a_ticket_with_a_field(session: Session, admin: Actor, agent: Actor) -> int:
    define_field(session, admin, "tickets", "品番", "text")
    customer = factories.customer(session, agent, "山田 太郎")
    return factories.ticket(session, agent, customer, "電源が入らない")
