"""The app itself on the benchmark desk (headless): an agent's round, with the time each screen takes to fill
and the process's peak memory (RSS) at the end.

The round: start on the home queue, switch to all open tickets and page down once, look a caller up, open their
360, open a ticket, search past cases, and let the index sync run. Baseline: the same process before the app
started (Python, SQLAlchemy, the Sudachi dictionary and the opened index).

    BENCH_SIZE=small|full python bench/bench_app.py      (after bench/prepare.py)
"""

import asyncio
import time
from datetime import date

from common import Row, manifest, open_desk, peak_rss_mb, print_table, save, size_name

from screens.app import SupportDeskApp
from screens.customer_360 import Customer360Screen
from screens.home import HomeScreen
from screens.search import SearchScreen
from screens.ticket_view import TicketScreen
from supportdesk.demo import SHOWCASE_CUSTOMER_ID, SHOWCASE_PHONE

RSS_LIMIT_MB = 400.0


async def settle(pilot, app) -> None:  # type: ignore[no-untyped-def]
    for _ in range(3):
        await app.workers.wait_for_complete()
        await pilot.pause()


async def round_of_work(size: str) -> list[Row]:
    today = date.fromisoformat(manifest(size)["today"])
    desk = open_desk(size)
    desk.search_index().doc_count()  # open the index and load the dictionary before the baseline
    desk.search_cases("返品")
    before = peak_rss_mb()
    app = SupportDeskApp(desk)
    timings: list[tuple[str, float]] = []

    async def step(label: str, action) -> None:  # type: ignore[no-untyped-def]
        started = time.perf_counter()
        await action()
        await settle(pilot, app)
        timings.append((label, (time.perf_counter() - started) * 1000))

    async with app.run_test(size=(140, 45)) as pilot:
        await step("start: home, my queue", lambda: asyncio.sleep(0))
        assert isinstance(app.screen, HomeScreen)
        home = app.screen

        async def all_open() -> None:
            await pilot.press("escape", "4")

        await step("home: all open queue", all_open)

        async def next_page() -> None:
            table = home.query_one("#tickets")
            table.focus()
            table.move_cursor(row=table.row_count - 1)

        await step("home: next page of the queue", next_page)

        async def lookup() -> None:
            await pilot.press("slash", *SHOWCASE_PHONE)

        await step("caller lookup (typing a phone)", lookup)

        async def customer() -> None:
            app.push_screen(Customer360Screen(SHOWCASE_CUSTOMER_ID, today))

        await step("customer 360 (500 purchases)", customer)
        assert isinstance(app.screen, Customer360Screen)
        number = app.screen.view.tickets[0].number if app.screen.view else 1

        async def ticket() -> None:
            app.push_screen(TicketScreen(number))

        await step("open a ticket (with similar cases)", ticket)

        async def search() -> None:
            app.push_screen(SearchScreen("請求書"))

        await step("search past cases (請求書)", search)
        assert isinstance(app.screen, SearchScreen)
    after = peak_rss_mb()
    rows = [Row(label, ms, ms) for label, ms in timings]
    rows.append(Row("peak RSS MB: whole round", after, after, note=f"{before:,.0f} MB before the app started"))
    return rows


def main() -> None:
    size = size_name()
    rows = asyncio.run(round_of_work(size))
    print_table(f"The app, headless — {size} desk (one pass, ms; last row MB)", rows)
    save(size, "app", rows, {"app peak RSS MB": (rows[-1].ours_p95, RSS_LIMIT_MB)})


if __name__ == "__main__":
    main()
