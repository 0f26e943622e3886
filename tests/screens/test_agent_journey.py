"""An agent takes a call from a known customer, without touching the mouse."""

from datetime import date

import pytest
from sqlmodel import Session
from textual.widgets import DataTable, Input, TextArea

from screens.app import SupportDeskApp
from screens.customer_360 import Customer360Screen
from screens.home import HomeScreen
from screens.messages import OpenTicket
from screens.ticket_view import TicketScreen
from supportdesk import clock
from supportdesk.demo.canned_seed import SEED
from supportdesk.desk import Desk
from supportdesk.i18n import t
from supportdesk.services.actor import Actor
from supportdesk.services.canned import add_canned
from supportdesk.services.tickets import TicketCreate
from tests.screens.conftest import settle as settle_workers
from tests.supportdesk import factories


@pytest.fixture
def caller(desk: Desk, session: Session, agent: Actor) -> int:
    """山田 太郎 of the desk fixture, with two purchases."""
    taro = desk.find_customers("taro.yamada@sakura-shoji.example.jp")[0].customer.id
    factories.purchase(session, agent, taro, on=date(2026, 9, 1), price=12_800, quantity=2, sku="CLOUD-1")
    factories.purchase(session, agent, taro, on=date(2026, 10, 5), price=3_300, sku="SUPPORT-1")
    return taro


async def settle(app, pilot) -> None:  # type: ignore[no-untyped-def]
    await settle_workers(pilot, rounds=4)


async def test_a_callers_number_in_three_formats_finds_the_same_customer(desk: Desk, caller: int) -> None:
    app = SupportDeskApp(desk)
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(app, pilot)
        home = app.screen
        assert isinstance(home, HomeScreen)
        for typed in ("03-1234-5678", "0312345678", "０３１２３４５６７８"):
            home.query_one("#lookup", Input).value = ""
            await pilot.press(*typed)
            await settle(app, pilot)
            assert home.matches, typed
            assert home.matches[0].customer.id == caller
            assert home.matches[0].match == "phone"
            assert home.query_one("#matches", DataTable).row_count >= 1


async def test_unknown_caller_offers_a_prefilled_new_customer(desk: Desk) -> None:
    app = SupportDeskApp(desk)
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(app, pilot)
        await pilot.press(*"045-777-1234")
        await settle(app, pilot)
        assert "ctrl+n" in str(app.screen.query_one("#results-empty").render())
        await pilot.press("ctrl+n")
        await settle(app, pilot)
        assert app.screen.query_one("#phone", Input).value == "045-777-1234"
        await pilot.press(*"新井 一郎")  # the name field has focus
        await pilot.press("ctrl+s")
        await settle(app, pilot)
        assert isinstance(app.screen, Customer360Screen)
        assert app.screen.view is not None and app.screen.view.profile.phone == "045-777-1234"


async def test_agent_takes_a_call_end_to_end(desk: Desk, caller: int, session: Session, lead: Actor) -> None:
    # The team's lead keeps its canned responses (the demo starts with these).
    for draft in SEED:
        add_canned(session, lead, draft, lead.team)
    app = SupportDeskApp(desk)
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(app, pilot)
        # Find the caller: the number, then Enter opens the best match.
        await pilot.press(*"0312345678", "enter")
        await settle(app, pilot)
        screen = app.screen
        assert isinstance(screen, Customer360Screen)
        assert screen.query_one("#c-purchases", DataTable).row_count == 2
        assert "¥28,900" in str(screen.query_one("#purchases-title").render())

        # New ticket, channel phone by default.
        await pilot.press("n")
        await settle(app, pilot)
        await pilot.press(*"ログインできない")
        await pilot.press("ctrl+s")
        await settle(app, pilot)
        workspace = app.screen
        assert isinstance(workspace, TicketScreen)
        assert workspace.detail is not None and workspace.detail.row.channel == "phone"
        number = workspace.number

        # Log the call with the timer.
        await pilot.press("f3")
        await pilot.press("f3")
        assert workspace.kind == "call_log"
        await pilot.press(*"パスワード再設定を案内")
        await pilot.press("ctrl+s")
        await settle(app, pilot)

        # Reply with a canned response: placeholders filled with this customer and agent.
        assert workspace.kind == "reply"  # the call is logged; the composer is back to replying
        await pilot.press("f4")
        await settle(app, pilot)
        await pilot.press(*"パスワード", "enter")
        await settle(app, pilot)
        draft = workspace.query_one("#draft", TextArea).text
        assert "山田 太郎 様" in draft and f"#{number}" in draft and "佐藤 美咲" in draft
        await pilot.press("ctrl+s")
        await settle(app, pilot)

        # Pending with a follow-up today, so it shows in the follow-up queue.
        await pilot.press("f5")
        await settle(app, pilot)
        dialog = app.screen
        dialog.query_one("#follow-up", Input).value = clock.today().isoformat()
        await pilot.press("enter")  # picks "pending", focus moves to the date
        await pilot.press("enter")  # confirms
        await settle(app, pilot)
        detail = desk.get_ticket(number)
        assert detail.row.status == "pending" and detail.row.follow_up_on == clock.today()
        kinds = [e.kind for e in detail.entries]
        assert kinds == ["status_change", "call_log", "status_change", "reply", "status_change"]
        assert detail.entries[1].call_duration_seconds is not None

        # Back home: the ticket is in "Follow-up due".
        await pilot.press("escape")
        await settle(app, pilot)
        await pilot.press("escape")
        await settle(app, pilot)
        home = app.screen
        assert isinstance(home, HomeScreen)
        home.query_one("#tickets", DataTable).focus()
        await pilot.press("3")
        await settle(app, pilot)
        assert number in [r.number for r in home.rows]


async def test_a_concurrent_change_shows_the_conflict_and_keeps_the_draft(
    desk: Desk, caller: int, other_agent: Actor
) -> None:
    number = desk.create_ticket(TicketCreate(customer_id=caller, subject="配送遅延"))
    app = SupportDeskApp(desk)
    notices: list[str] = []
    async with app.run_test(size=(120, 40)) as pilot:
        original = app.notify
        app.notify = lambda message, **kw: notices.append(message) or original(message, **kw)  # type: ignore
        await settle(app, pilot)
        app.post_message(OpenTicket(number))
        await settle(app, pilot)
        workspace = app.screen
        assert isinstance(workspace, TicketScreen)
        seen_version = workspace.detail.version  # type: ignore[union-attr]
        await pilot.press(*"お届け日を確認します")
        # Meanwhile a colleague answers the same customer.
        colleague = Desk(engine=desk.engine, actor=other_agent)
        colleague.add_entry(number, "reply", "本日発送いたしました。")
        await pilot.press("ctrl+s")
        await settle(app, pilot)
        # One notice, naming the colleague (once) and the time on the desk's clock.
        assert len([n for n in notices if other_agent.name in n]) == 1
        changed = t("{name} changed this ticket at {time} while you had it open.", name="鈴木 健太", time="\x00")
        assert any(changed.split("\x00")[0] in n for n in notices), notices
        assert workspace.query_one("#draft", TextArea).text == "お届け日を確認します"
        assert workspace.detail is not None and workspace.detail.version > seen_version
        assert [e.body for e in workspace.detail.entries if e.kind == "reply"] == ["本日発送いたしました。"]
        # Sending again, now on the fresh version, goes through and clears the draft.
        await pilot.press("ctrl+s")
        await settle(app, pilot)
        assert workspace.query_one("#draft", TextArea).text == ""
        assert len([e for e in desk.get_ticket(number).entries if e.kind == "reply"]) == 2
