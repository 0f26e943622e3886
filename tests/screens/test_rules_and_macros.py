"""A lead writes the desk's rules in the app (a broken one gets one clear line and nothing is saved; every change is
audited); an agent applies a macro to the ticket on screen with two keys (ctrl+g, then the macro's key)."""

from sqlalchemy import Engine
from sqlmodel import Session
from textual.widgets import DataTable, Static, TextArea

from screens.app import SupportDeskApp
from screens.commands import DeskCommands
from screens.dialogs.macros import MacroDialog
from screens.rules import RulesScreen
from screens.ticket_view import TicketScreen
from supportdesk.desk import Desk
from supportdesk.i18n import t
from supportdesk.models import Priority, Status, Ticket
from supportdesk.services.actor import Actor
from supportdesk.services.automation import store
from supportdesk.services.cases import ticket_tags
from tests.screens.conftest import settle
from tests.supportdesk import factories

URGENT_WORDS = """name = "解約は高優先度"
[if]
words = ["解約"]
[then]
priority = "urgent"
"""

RETURNS = """
name = "返品の案内"
key = "1"
reply = "{customer_name} 様\\n返品の手順をご案内します。"
status = "pending"
follow_up_days = 3
tags = ["返品"]
"""


def problem(screen: RulesScreen) -> str:
    return str(screen.query_one("#rule-problem", Static).render())


async def test_a_lead_writes_a_trigger_in_the_app_and_a_mistake_gets_one_clear_line(
    engine: Engine, session: Session, lead: Actor
):
    app = SupportDeskApp(Desk(engine=engine, actor=lead))
    async with app.run_test(size=(140, 40)) as pilot:
        await settle(pilot)
        assert t("Rules: triggers and macros") in [label for label, *_ in DeskCommands(app.screen)._commands()]
        await app.run_action("rules")  # what the palette's "Rules: triggers and macros" does
        await settle(pilot)
        screen = app.screen
        assert isinstance(screen, RulesScreen)
        editor = screen.query_one("#rule-text", TextArea)
        assert f'name = "{t("New trigger")}"' in editor.text  # no rules yet: a new trigger to start from
        assert problem(screen) == t("Write the rule, then ctrl+s to save it.")

        editor.load_text(URGENT_WORDS.replace('"urgent"', '"very urgent"'))
        await pilot.press("ctrl+s")
        await settle(pilot)
        assert "then.priority" in problem(screen) and "\n" not in problem(screen)
        assert store.list_rules(session, lead) == []  # nothing saved

        editor.load_text(URGENT_WORDS)
        await pilot.press("ctrl+s")
        await settle(pilot)
        table = screen.query_one("#rules", DataTable)
        assert table.row_count == 1
        assert [str(c) for c in table.get_row_at(0)[:3]] == [t("trigger"), "●", "解約は高優先度"]

        table.focus()
        await pilot.press("space")  # switched off, kept with its history
        await settle(pilot)
        assert str(table.get_row_at(0)[1]) == ""
    history = store.rule_history(session, lead)
    assert [(h.change, h.source, h.actor_login) for h in reversed(history)] == [
        ("created", "app", "takahashi"),
        ("disabled", "app", "takahashi"),
    ]


async def test_agents_are_not_offered_the_rules(engine: Engine, session: Session, agent: Actor):
    app = SupportDeskApp(Desk(engine=engine, actor=agent))
    async with app.run_test(size=(120, 36)) as pilot:
        await settle(pilot)
        assert t("Rules: triggers and macros") not in [label for label, *_ in DeskCommands(app.screen)._commands()]
        before = app.screen
        await app.run_action("rules")
        await settle(pilot)
        assert app.screen is before


async def test_an_agent_applies_a_macro_with_ctrl_g_and_its_key(
    engine: Engine, session: Session, agent: Actor, lead: Actor
):
    store.save_rule(session, lead, "macro", RETURNS)
    customer = factories.customer(session, agent, "山田 太郎")
    number = factories.ticket(session, agent, customer, "サイズが合わない", priority=Priority.NORMAL)
    app = SupportDeskApp(Desk(engine=engine, actor=agent))
    async with app.run_test(size=(140, 40)) as pilot:
        await settle(pilot)
        app.push_screen(TicketScreen(number))
        await settle(pilot)
        await pilot.press("ctrl+g")
        await settle(pilot)
        assert isinstance(app.screen, MacroDialog)
        summary = str(app.screen.query_one("#macro-summary", Static).render())
        assert t("reply: {text}", text="{customer_name} 様") in summary and "#返品" in summary
        await pilot.press("1")
        await settle(pilot)
        assert isinstance(app.screen, TicketScreen)
    ticket = session.get(Ticket, number, populate_existing=True)
    assert ticket.status == Status.PENDING
    assert ticket_tags(session, number) == ["返品"]
