"""The agent's screens at the smallest and a large terminal, on the busy morning frozen in time (the desk's clock
Asia/Tokyo, machine UTC): home, the ticket workspace with the call timer running, the customer 360, search and the
lead's dashboard, in Japanese and in English (key labels are translated when shown, so one pass takes both).
Review the SVGs in __snapshots__/ when one changes: `pytest tests/screens/test_sizes_snapshots.py --snapshot-update`.
"""

import pytest
from sqlalchemy import Engine
from textual.pilot import Pilot

from screens.app import SupportDeskApp
from screens.messages import OpenTicket
from screens.search import SearchScreen
from screens.ticket_view import TicketScreen
from supportdesk.desk import Desk
from supportdesk.services.actor import Actor
from tests.screens.conftest import Morning
from tests.screens.test_snapshots import open_customer, open_dashboard, steps

SIZES = [pytest.param((100, 30), id="100x30"), pytest.param((200, 60), id="200x60")]
LANGS = ["ja", "en"]
pytestmark = [pytest.mark.parametrize("size", SIZES), pytest.mark.parametrize("lang", LANGS)]


def test_home(snap_compare, busy_desk: Morning, size: tuple[int, int], lang: str) -> None:
    app = SupportDeskApp(busy_desk.desk, lang=lang)
    assert snap_compare(app, terminal_size=size, run_before=steps())


def test_ticket_with_the_call_timer_running(snap_compare, busy_desk: Morning, size: tuple[int, int], lang: str) -> None:
    async def open_and_time_a_call(pilot: Pilot) -> None:
        pilot.app.post_message(OpenTicket(busy_desk.tickets["double_charge"]))

    async def two_minutes_in(pilot: Pilot) -> None:
        screen = pilot.app.screen
        assert isinstance(screen, TicketScreen)
        composer = screen.composer
        composer.start_timer()
        assert composer.timer_started is not None and composer._ticker is not None
        composer.timer_started -= 125  # the call has run 2:05; the clock is stopped so the image is the same
        composer._ticker.pause()
        composer._tick()

    app = SupportDeskApp(busy_desk.desk, lang=lang)
    assert snap_compare(app, terminal_size=size, run_before=steps(open_and_time_a_call, two_minutes_in))


def test_customer_360(snap_compare, busy_desk: Morning, size: tuple[int, int], lang: str) -> None:
    app = SupportDeskApp(busy_desk.desk, lang=lang)
    assert snap_compare(app, terminal_size=size, run_before=steps(open_customer(busy_desk.customers["taro"])))


def test_search(snap_compare, busy_desk: Morning, size: tuple[int, int], lang: str) -> None:
    async def search_billing(pilot: Pilot) -> None:
        pilot.app.push_screen(SearchScreen("請求"))

    app = SupportDeskApp(busy_desk.desk, lang=lang)
    assert snap_compare(app, terminal_size=size, run_before=steps(search_billing))


def test_dashboard(
    snap_compare, busy_desk: Morning, engine: Engine, lead: Actor, size: tuple[int, int], lang: str
) -> None:
    app = SupportDeskApp(Desk(engine=engine, actor=lead), lang=lang)
    assert snap_compare(app, terminal_size=size, run_before=steps(open_dashboard))
