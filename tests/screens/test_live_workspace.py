"""The ticket workspace on a live desk: the call timer at any size, a colleague's change and presence arriving
without a reload, drafts that survive a restart, and refused dialogs that keep what was typed."""

import re
from datetime import date, timedelta

import pytest
from textual.widget import Widget
from textual.widgets import Input, Static, TextArea

from screens.app import SupportDeskApp
from screens.dialogs.confirm import ConfirmDialog
from screens.dialogs.status import StatusDialog
from screens.messages import OpenTicket
from screens.ticket_view import TicketScreen
from supportdesk.desk import Desk
from supportdesk.services.actor import Actor
from supportdesk.services.tickets import TicketCreate
from tests.screens.conftest import settle


@pytest.fixture
def number(desk: Desk) -> int:
    caller = desk.find_customers("taro.yamada@sakura-shoji.example.jp")[0].customer.id
    return desk.create_ticket(TicketCreate(customer_id=caller, subject="配送遅延"))


async def _open(app: SupportDeskApp, pilot, number: int) -> TicketScreen:  # type: ignore[no-untyped-def]
    await settle(pilot)
    app.post_message(OpenTicket(number))
    await settle(pilot)
    screen = app.screen
    assert isinstance(screen, TicketScreen)
    return screen


def _on_screen(widget: Widget) -> bool:
    """The widget is shown, has room, and lies wholly inside the terminal."""
    region, screen = widget.region, widget.screen.region
    return widget.display and region.width > 0 and region.height > 0 and screen.contains_region(region)


@pytest.mark.parametrize("size", [(100, 30), (160, 45), (200, 60), (240, 70)])
@pytest.mark.parametrize("lang", ["ja", "en"])
async def test_the_call_timer_runs_in_mm_ss_beside_the_minutes_at_every_size(desk, number, size, lang) -> None:
    app = SupportDeskApp(desk, lang=lang)
    async with app.run_test(size=size) as pilot:
        workspace = await _open(app, pilot, number)
        await pilot.press("f3")
        await pilot.pause()
        composer = workspace.composer
        timer = composer.query_one("#timer", Static)
        assert workspace.kind == "call_log"
        # mm:ss from the start (00:00, or 00:01 when the machine is busy: the timer runs on the wall clock).
        assert re.fullmatch(r"● 00:0\d", str(timer.render()).strip())
        for name in ("#timer", "#minutes", "#kind", "#draft"):
            widget = composer.query_one(name)
            assert _on_screen(widget), (widget.id, widget.region, size)
        # The thread keeps its room: the composer is a bar and a few lines, not half the screen.
        assert workspace.query_one("#thread").region.height >= size[1] // 3


async def test_stopping_the_timer_fills_the_minutes_and_logs_the_call(desk, number) -> None:
    app = SupportDeskApp(desk, lang="en")
    async with app.run_test(size=(100, 30)) as pilot:
        workspace = await _open(app, pilot, number)
        workspace.composer.start_timer()
        workspace.composer.timer_started -= 125  # type: ignore[operator]  # the call went on for two minutes
        workspace.composer.stop_timer()
        await pilot.pause()
        assert workspace.composer.query_one("#minutes", Input).value == "2.1"
        assert "02:05" in str(workspace.composer.query_one("#timer", Static).render())
        await pilot.press(*"折り返し済み", "ctrl+s")
        await settle(pilot)
        call = [e for e in desk.get_ticket(number).entries if e.kind == "call_log"]
        assert [(e.body, e.call_duration_seconds) for e in call] == [("折り返し済み", 126)]


async def test_a_colleagues_reply_and_presence_reach_an_open_ticket_in_another_app(
    desk: Desk, number: int, other_agent: Actor
) -> None:
    colleague_desk = Desk(engine=desk.engine, actor=other_agent)
    mine, theirs = SupportDeskApp(desk, lang="ja"), SupportDeskApp(colleague_desk, lang="ja")
    async with mine.run_test(size=(120, 40)) as me, theirs.run_test(size=(120, 40)) as colleague:
        my_ticket = await _open(mine, me, number)
        their_ticket = await _open(theirs, colleague, number)
        # The colleague starts typing a reply; their next heartbeat says so.
        await colleague.press(*"確認します")
        their_ticket.call_later(their_ticket.beat)  # in its own app's context, as its timer would
        await settle(colleague)
        my_ticket.call_later(my_ticket.beat)
        await settle(me)
        presence = my_ticket.query_one("#presence", Static)
        assert presence.display and "鈴木 健太さんが入力中" in str(presence.render())
        # They send it; on my next heartbeat the reply is in my thread without a reload.
        await colleague.press("ctrl+s")
        await settle(colleague)
        my_ticket.call_later(my_ticket.beat)
        await settle(me)
        assert my_ticket.detail is not None
        assert [e.body for e in my_ticket.detail.entries if e.kind == "reply"] == ["確認します"]
        # They close the ticket: they are no longer shown on mine.
        await colleague.press("escape")
        await settle(colleague)
        my_ticket.call_later(my_ticket.beat)
        await settle(me)
        assert not my_ticket.query_one("#presence", Static).display


async def test_a_draft_survives_quitting_and_comes_back_after_a_restart(desk: Desk, number: int) -> None:
    app = SupportDeskApp(desk, lang="en")
    async with app.run_test(size=(120, 40)) as pilot:
        await _open(app, pilot, number)
        await pilot.press(*"お届け日を確認して折り返します")
        await pilot.press("ctrl+q")
        await settle(pilot)
        # Quitting with an unsent draft asks first; staying keeps everything as it was.
        assert isinstance(app.screen, ConfirmDialog)
        assert f"#{number}" in str(app.screen.query_one("#message", Static).render())
        await pilot.press("escape")
        await settle(pilot)
        assert isinstance(app.screen, TicketScreen)
        await pilot.press("ctrl+q")
        await settle(pilot)
        await pilot.press("ctrl+s")  # confirm: quit
        await settle(pilot)
    assert app.return_code == 0 or app.return_code is None

    restarted = SupportDeskApp(desk, lang="en")
    async with restarted.run_test(size=(120, 40)) as pilot:
        workspace = await _open(restarted, pilot, number)
        await settle(pilot)
        assert workspace.query_one("#draft", TextArea).text == "お届け日を確認して折り返します"


async def test_quitting_without_a_draft_asks_nothing(desk: Desk, number: int) -> None:
    app = SupportDeskApp(desk, lang="en")
    async with app.run_test(size=(120, 40)) as pilot:
        await _open(app, pilot, number)
        await pilot.press("ctrl+q")
        await settle(pilot)
        assert not isinstance(app.screen, ConfirmDialog)
        assert app._exit_renderables is not None or not app.is_running


async def test_a_past_follow_up_date_is_refused_in_the_dialog_and_keeps_the_reason(desk: Desk, number: int) -> None:
    app = SupportDeskApp(desk, lang="en")
    async with app.run_test(size=(120, 40)) as pilot:
        await _open(app, pilot, number)
        await pilot.press("f5")
        await settle(pilot)
        dialog = app.screen
        assert isinstance(dialog, StatusDialog)
        options = dialog.query_one("#statuses")
        options.highlighted = dialog.allowed.index("pending")  # type: ignore[attr-defined]
        dialog.query_one("#follow-up", Input).value = (date.today() - timedelta(days=1)).isoformat()
        dialog.query_one("#reason", Input).value = "お客様の返信待ち"
        await pilot.press("ctrl+s")
        await settle(pilot)
        assert app.screen is dialog
        assert "in the past" in str(dialog.query_one(".error", Static).render())
        assert dialog.query_one("#reason", Input).value == "お客様の返信待ち"
        dialog.query_one("#follow-up", Input).value = "2026-13-45"
        await pilot.press("ctrl+s")
        await settle(pilot)
        assert "is not a date" in str(dialog.query_one(".error", Static).render())


async def test_a_status_change_refused_by_a_colleagues_change_reopens_the_dialog_with_its_inputs(
    desk: Desk, number: int, other_agent: Actor
) -> None:
    app = SupportDeskApp(desk, lang="en")
    async with app.run_test(size=(120, 40)) as pilot:
        await _open(app, pilot, number)
        await pilot.press("f5")
        await settle(pilot)
        dialog = app.screen
        assert isinstance(dialog, StatusDialog)
        dialog.query_one("#statuses").highlighted = dialog.allowed.index("on_hold")  # type: ignore[attr-defined]
        dialog.query_one("#reason", Input).value = "メーカー確認中"
        Desk(engine=desk.engine, actor=other_agent).add_entry(number, "internal_note", "先に確認しました")
        await pilot.press("ctrl+s")
        await settle(pilot)
        again = app.screen
        assert isinstance(again, StatusDialog) and again is not dialog
        assert again.query_one("#reason", Input).value == "メーカー確認中"
        assert again.chosen == "on_hold"
        assert other_agent.name in str(again.query_one(".error", Static).render())
        await pilot.press("ctrl+s")  # the ticket was reloaded: now it goes through
        await settle(pilot)
        assert desk.get_ticket(number).row.status == "on_hold"


async def test_the_next_ticket_opens_in_the_same_screen_with_nothing_of_the_last(
    desk: Desk, number: int, other_agent: Actor
) -> None:
    caller = desk.find_customers("090-1111-2222")[0].customer.id
    other = desk.create_ticket(TicketCreate(customer_id=caller, subject="請求書の再発行"))
    colleague_desk = Desk(engine=desk.engine, actor=other_agent)
    app = SupportDeskApp(desk, lang="en")
    async with app.run_test(size=(120, 40)) as pilot:
        first = await _open(app, pilot, number)
        await pilot.press("f3", *"お届け日を確認")  # a call being timed, a draft typed
        await settle(pilot)
        assert colleague_desk.heartbeat(number, False).others  # I am on the first ticket
        await pilot.press("escape")
        await settle(pilot)
        assert not colleague_desk.heartbeat(number, False).others  # … and no longer once I left it

        second = await _open(app, pilot, other)
        assert second is first and second.number == other and second.detail is not None
        assert second.detail.row.subject == "請求書の再発行"
        assert second.composer.query_one("#draft", TextArea).text == "" and not second.composer.timing
        assert second.kind == "reply" and "配送遅延" not in str(second.query_one("#ticket-header", Static).render())
        await pilot.press("escape")
        await settle(pilot)

        again = await _open(app, pilot, number)  # the first one's draft comes back with it
        assert again.composer.query_one("#draft", TextArea).text == "お届け日を確認"
        app.post_message(OpenTicket(other))  # a ticket opened from a ticket: a screen of its own above it
        await settle(pilot)
        assert isinstance(app.screen, TicketScreen) and app.screen is not again and app.screen.number == other
