"""A lead keeps the team's canned responses in the app (F4 away from a ticket, or the palette): writes one and
checks it in the preview, changes it, retires it; agents then pick only what is offered (F4 on a ticket), and each
use is counted. Agents are offered neither the screen nor the palette command."""

from sqlmodel import Session
from textual.widgets import DataTable, Input, OptionList, Select, Static, TextArea

from screens.app import SupportDeskApp
from screens.canned_responses import CannedResponsesScreen
from screens.commands import DeskCommands
from screens.dialogs.canned import CannedDialog
from screens.dialogs.canned_edit import CannedEditDialog
from screens.ticket_view import TicketScreen
from supportdesk.desk import Desk
from supportdesk.i18n import t
from supportdesk.services.actor import Actor
from supportdesk.services.canned import list_canned
from tests.screens.conftest import settle
from tests.supportdesk import factories


def rows(screen: CannedResponsesScreen) -> list[list[str]]:
    table = screen.query_one("#canned-list", DataTable)
    return [[str(cell) for cell in table.get_row_at(i)] for i in range(table.row_count)]


def preview(dialog: CannedEditDialog) -> str:
    return str(dialog.query_one("#canned-edit-preview", Static).render())


async def test_a_lead_writes_checks_and_retires_a_canned_response(engine, session: Session, lead: Actor):
    app = SupportDeskApp(Desk(engine=engine, actor=lead), lang="en")
    async with app.run_test(size=(100, 30)) as pilot:
        await settle(pilot)
        assert "Canned responses" in [label for label, *_ in DeskCommands(app.screen)._commands()]
        await pilot.press("escape", "f4")
        await settle(pilot)
        screen = app.screen
        assert isinstance(screen, CannedResponsesScreen)
        assert "press n to write the first" in str(screen.query_one("#canned-heading", Static).render())

        await pilot.press("n")
        await settle(pilot)
        dialog = app.screen
        assert isinstance(dialog, CannedEditDialog)
        await pilot.press(*"お礼", "enter")  # on to the text
        await pilot.press(*"{customer_name} 様 {prodct} のご購入")
        await settle(pilot)
        assert "{prodct} is not a placeholder" in preview(dialog)
        await pilot.press("ctrl+s")
        await settle(pilot)
        assert isinstance(app.screen, CannedEditDialog)  # refused: nothing saved
        assert "{prodct} is not a placeholder" in str(dialog.query_one(".error", Static).render())
        dialog.query_one("#canned-body", TextArea).load_text(
            "{customer_name} 様 {product} のご購入ありがとうございます"
        )
        await settle(pilot)
        assert preview(dialog) == "山田 太郎 様 スマート家計簿 Pro のご購入ありがとうございます"
        assert dialog.query_one("#canned-lang", Select).value == "ja"  # the language followed the text
        await pilot.press("ctrl+s")
        await settle(pilot)
        assert app.screen is screen
        assert rows(screen) == [["お礼  JA", "東京サポート", "0", ""]]

        await pilot.press("e")
        await settle(pilot)
        dialog = app.screen
        assert isinstance(dialog, CannedEditDialog)
        dialog.query_one("#canned-title", Input).value = "ご購入のお礼"
        await pilot.press("ctrl+s")
        await settle(pilot)
        assert rows(screen)[0][0] == "ご購入のお礼  JA"

        await pilot.press("r")
        await settle(pilot)
        assert rows(screen) == [["ご購入のお礼  JA", "東京サポート", "0", "retired"]]
    (kept,) = list_canned(session, lead, manage=True, include_retired=True)
    assert (kept.title, kept.lang, kept.team, kept.retired) == ("ご購入のお礼", "ja", "東京サポート", True)
    assert list_canned(session, lead) == []


async def test_an_agent_picks_what_the_lead_keeps_and_the_use_is_counted(
    engine, session: Session, lead: Actor, agent: Actor
):
    from supportdesk.services.canned import CannedDraft, add_canned

    canned_id = add_canned(session, lead, CannedDraft("お礼", "{customer_name} 様 ありがとうございます"), lead.team)
    number = factories.ticket(session, agent, factories.customer(session, agent, "鈴木 花子"), "お礼")
    app = SupportDeskApp(Desk(engine=engine, actor=agent), lang="en")
    async with app.run_test(size=(100, 30)) as pilot:
        await settle(pilot)
        assert "Canned responses" not in [label for label, *_ in DeskCommands(app.screen)._commands()]
        before = app.screen
        await app.run_action("canned")  # F4 away from a ticket does nothing for agents
        await settle(pilot)
        assert app.screen is before
        app.push_screen(TicketScreen(number))
        await settle(pilot)
        await pilot.press("f4")
        await settle(pilot)
        assert isinstance(app.screen, CannedDialog)
        assert app.screen.query_one("#canned", OptionList).option_count == 1
        await pilot.press("enter")
        await settle(pilot)
        assert "鈴木 花子 様 ありがとうございます" in app.screen.query_one("#draft", TextArea).text
    session.expire_all()
    (used,) = list_canned(session, lead, manage=True)
    assert (used.id, used.uses) == (canned_id, 1)


async def test_an_empty_picker_names_where_a_lead_adds_them(engine, session: Session, agent: Actor):
    number = factories.ticket(session, agent, factories.customer(session, agent), "お礼")
    app = SupportDeskApp(Desk(engine=engine, actor=agent), lang="en")
    async with app.run_test(size=(100, 30)) as pilot:
        await settle(pilot)
        app.push_screen(TicketScreen(number))
        await settle(pilot)
        await pilot.press("f4")
        await settle(pilot)
        shown = str(app.screen.query_one(".error", Static).render())
        assert shown == t("No canned responses yet: a lead adds them (ctrl+p → Canned responses).")
