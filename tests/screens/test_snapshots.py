"""What the agent sees, screen by screen, on a busy morning frozen in time (120x40; the desk's clock Asia/Tokyo
on a machine set to UTC), in Japanese and in English (one image each: `[ja]`, `[en]`).

Review the SVGs in __snapshots__/ when one changes: `pytest tests/screens/test_snapshots.py --snapshot-update`
rewrites them, and the diff must be what you meant to change on screen.
"""

from collections.abc import Awaitable, Callable

import pytest
from textual.pilot import Pilot
from textual.widgets import DataTable, Input, TextArea
from textual.worker import WorkerState

from screens.app import SupportDeskApp
from screens.customer_360 import Customer360Screen
from screens.messages import OpenCustomer, OpenTicket
from tests.screens.conftest import Morning
from tests.screens.conftest import settle as settle_workers

SIZE = (120, 40)


# Every snapshot is taken in both languages of the desk.
pytestmark = pytest.mark.parametrize("lang", ["ja", "en"])


async def settle(pilot: Pilot) -> None:
    await settle_workers(pilot, rounds=4)
    # A blinking cursor would be caught on or off depending on timing.
    for widget in pilot.app.screen.query("Input, TextArea").results():
        if isinstance(widget, Input | TextArea):
            widget.cursor_blink = False
    await tables_measured(pilot)


async def tables_measured(pilot: Pilot) -> None:
    """Wait until the screen's workers are done, every table has measured its new rows and the screen has laid
    them out.

    A DataTable measures rows added by a worker only when its message queue next runs dry (its Idle handler), and
    the screen lays the new heights out on the refresh after that. Taken before then, an image shows the tables'
    old heights (height: auto) and the rest moved up: the customer 360 and the dashboard differed from run to run
    on a loaded machine (test_dashboard[200x60-en] failed CI). So wait on that progress itself, not on a number of
    pauses or seconds.
    """
    still = 0
    last: object = None
    for _ in range(400):
        screen = pilot.app.screen
        pending = [
            table
            for table in screen.query(DataTable).results()
            if table._require_update_dimensions or table._updated_cells
        ]
        # A worker still loading will refill tables when it ends.
        loading = [worker for worker in pilot.app.workers if worker.state in (WorkerState.PENDING, WorkerState.RUNNING)]
        # What the screen shows: every widget's place and size. A table that measured its rows resizes; a resize
        # can refit a table's columns (TicketTable) and so make it measure again: wait until a few rounds pass
        # with nothing loading, nothing left to measure and nothing moved.
        shape = tuple((widget, widget.region, widget.virtual_size) for widget in screen.query("*").results())
        if pending or loading or shape != last:
            still = 0
        else:
            still += 1
            if still >= 3:
                break
        last = shape
        screen.refresh(layout=True)
        await pilot.pause()
    else:
        raise AssertionError(f"the screen never stopped changing: {pending or loading}")
    await pilot.wait_for_scheduled_animations()


async def open_dashboard(pilot: Pilot) -> None:
    """F9, then wait until the dashboard shows its figures: its load worker may not have started when the first
    settle looks (the screen mounts a message later), and rows added after the tables were checked are drawn with
    the header's column widths (test_dashboard failed that way on a loaded machine)."""
    await pilot.press("f9")
    for _ in range(200):
        if getattr(pilot.app.screen, "board", None) is not None:
            break
        await settle_workers(pilot, rounds=1)
    else:
        raise AssertionError("the dashboard never showed its figures")
    await tables_measured(pilot)


def steps(*actions: Callable[[Pilot], Awaitable[None]]) -> Callable[[Pilot], Awaitable[None]]:
    async def run_before(pilot: Pilot) -> None:
        await settle(pilot)
        for action in actions:
            await action(pilot)
            await settle(pilot)

    return run_before


def test_home_shows_my_open_queue_with_tab_counts(snap_compare, busy_desk: Morning, lang: str) -> None:
    app = SupportDeskApp(busy_desk.desk, lang=lang)
    assert snap_compare(app, terminal_size=SIZE, run_before=steps())


def test_caller_lookup_lists_matching_customers(snap_compare, busy_desk: Morning, lang: str) -> None:
    async def look_up_yamada(pilot: Pilot) -> None:
        await pilot.press(*"ヤマダ")

    app = SupportDeskApp(busy_desk.desk, lang=lang)
    assert snap_compare(app, terminal_size=SIZE, run_before=steps(look_up_yamada))


def open_customer(customer_id: int) -> Callable[[Pilot], Awaitable[None]]:
    """Open a customer's 360 and wait for its figures, not only for the workers running when settle looked."""

    async def open_360(pilot: Pilot) -> None:
        pilot.app.post_message(OpenCustomer(customer_id))
        for _ in range(200):
            screen = pilot.app.screen
            if isinstance(screen, Customer360Screen) and screen.view is not None:
                break
            await settle_workers(pilot, rounds=1)
        else:
            raise AssertionError("the customer 360 never showed")
        await tables_measured(pilot)

    return open_360


def test_customer_360_of_a_known_caller(snap_compare, busy_desk: Morning, lang: str) -> None:
    app = SupportDeskApp(busy_desk.desk, lang=lang)
    assert snap_compare(app, terminal_size=SIZE, run_before=steps(open_customer(busy_desk.customers["taro"])))


def test_ticket_workspace_with_thread_customer_and_similar_cases(snap_compare, busy_desk: Morning, lang: str) -> None:
    async def open_double_charge(pilot: Pilot) -> None:
        pilot.app.post_message(OpenTicket(busy_desk.tickets["double_charge"]))

    app = SupportDeskApp(busy_desk.desk, lang=lang)
    assert snap_compare(app, terminal_size=SIZE, run_before=steps(open_double_charge))
