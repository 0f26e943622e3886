"""Text from people is data on every screen: markup, escapes, bidi overrides and huge text never steer the desk.

Every text field of the desk holds generated hostile text; the test walks every screen and dialog the app
defines (found by walking the `screens` package, so a new screen without a visit here fails) and checks each
as shown: no crash, no action or link from data, no control character handed to the terminal.
"""

import contextlib
from datetime import date
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from sqlalchemy import Engine
from sqlmodel import Session
from textual.app import App, ComposeResult
from textual.pilot import Pilot
from textual.screen import Screen
from textual.widgets import Collapsible, DataTable, DirectoryTree, Input, Select, Static, TextArea

from screens.app import SupportDeskApp
from screens.audit import AuditScreen
from screens.canned_responses import CannedResponsesScreen
from screens.case_reader import CaseScreen
from screens.customer_360 import Customer360Screen
from screens.customer_list import CustomerListScreen
from screens.dashboard import DashboardScreen
from screens.dialogs.attachments import AttachmentDialog
from screens.dialogs.bulk import BulkDialog, BulkResultDialog, ConfirmBulkDialog
from screens.dialogs.confirm import ConfirmDialog
from screens.dialogs.data_files import DataExportDialog, FilePickDialog
from screens.dialogs.export import ExportDialog
from screens.dialogs.field_filter import FieldChoice
from screens.dialogs.macros import MacroDialog
from screens.import_screen import ImportScreen
from screens.merge import DuplicatesScreen, MergeScreen
from screens.notifications import NotificationsScreen
from screens.rules import RulesScreen
from screens.ticket_list import TicketListScreen
from screens.ticket_view import TicketScreen
from screens.widgets.thread_view import ThreadView
from supportdesk.config import Settings
from supportdesk.desk import Entrance
from supportdesk.services.actor import Actor
from supportdesk.services.bulk import BulkChange, BulkFailure, BulkKind, BulkPlan, BulkResult
from supportdesk.services.readmodels import AttachmentView
from supportdesk.services.ticket_queries import TicketFilter
from tests.conftest import PG_URL
from tests.hostile_text import (
    ACTIVE_FRAGMENTS,
    FINDABLE,
    HOSTILE_SAMPLES,
    HostileDesk,
    build_desk,
    hostile_text,
    spray,
    storable,
)
from tests.screens.conftest import settle
from tests.screens.hostile_desk import all_screen_classes, check_screen

CLICK_QUIT = "[@click=app.quit]終了[/]"


@pytest.fixture
def hostile(engine: Engine, session: Session, admin: Actor, agent: Actor) -> HostileDesk:
    return build_desk(engine, session, admin, agent)


class Walk:
    """Drives the app screen by screen and checks each; remembers which screen classes it saw."""

    def __init__(self, pilot: Pilot[None]) -> None:
        self.pilot = pilot
        self.app = pilot.app
        self.seen: set[type[Screen]] = set()

    async def look(self, where: str, *, workers: bool = True) -> None:
        if workers:
            await settle(self.pilot)
        else:  # a DirectoryTree keeps its loader worker running: wait until it has listed the folder instead
            tree = self.app.screen.query_one(DirectoryTree)
            while not tree.root.children:
                await self.pilot.pause()
            await self.pilot.pause()
        self.seen.add(type(self.app.screen))
        check_screen(self.app, where)

    async def visit(self, screen: Screen, where: str, *, workers: bool = True) -> None:
        await self.app.push_screen(screen)
        await self.look(where, workers=workers)

    async def keys(self, where: str, *keys: str) -> None:
        await self.pilot.press(*keys)
        await self.look(where)

    async def back(self, *, workers: bool = True) -> None:
        self.app.pop_screen()
        if workers:
            await settle(self.pilot)


async def walk_agent_screens(walk: Walk, desk: HostileDesk, folder: Path) -> None:
    app, pilot = walk.app, walk.pilot
    await walk.look("home")
    await walk.keys("home, all open", "escape", "4")
    await walk.keys("home, saved view", "right", "right", "right", "right")
    lookup = app.screen.query_one("#lookup", Input)
    lookup.focus()
    await walk.keys("caller lookup", *"03-1234-5678")
    await walk.keys("save view dialog", "escape", "escape", "v")
    await walk.keys("home", "escape")
    app.screen.query_one("#f-agent", Select).focus()
    await walk.keys("agent filter", "enter")
    await walk.keys("home", "escape")

    await walk.visit(Customer360Screen(desk.customer), "customer 360")
    await walk.keys("profile form", "e")
    await walk.keys("profile form refuses a bad phone", "tab", "tab", *"[/bold]\x1b[2J", "ctrl+s")
    await walk.keys("new ticket dialog", "escape", "n")
    await walk.keys("privacy export dialog", "escape", "x")
    await walk.keys("anonymise dialog", "escape", "ctrl+d")
    await walk.keys("company form", "escape", "o")
    await walk.keys("purchase dialog", "escape", "p")
    await walk.keys("subscription dialog", "escape", "s")
    await walk.keys("cancellation dialog", "escape", "c")
    await walk.back()
    await walk.back()

    desk.colleague_is_typing()
    await walk.visit(TicketScreen(desk.open_ticket), "ticket workspace")
    shows_everything_a_ticket_has(app)
    for key, where in (
        ("f4", "canned"),
        ("f5", "status"),
        ("f6", "assign"),
        ("f7", "fields"),
        ("ctrl+o", "files"),
        ("ctrl+t", "tags"),
        ("ctrl+l", "link"),
    ):
        await walk.keys(f"{where} dialog", key)
        await walk.back()
    app.screen.query_one("#draft", TextArea).text = "返信" + "\x1b[2J" * 3
    await walk.keys("a reply with pasted escapes, shown as marks", "ctrl+s")
    await walk.back()

    files = [AttachmentView(1, None, storable(f"{CLICK_QUIT}\x1b[2J.txt"), "text/plain", 10, True)]
    await walk.visit(AttachmentDialog(files), "attachment dialog")
    await walk.back()
    await walk.visit(
        ConfirmDialog(CLICK_QUIT, storable(f"{CLICK_QUIT} \x1b]0;title\x07"), CLICK_QUIT), "confirm dialog"
    )
    await walk.back()

    await walk.visit(CaseScreen(desk.case), "case reader")
    await walk.keys("exemplary dialog", "m")
    await walk.back()
    await walk.visit(ExportDialog([desk.case], "manual.md"), "manual export dialog")
    await walk.back()
    await walk.back()

    await walk.keys("search", "ctrl+f")
    await walk.keys("search hits and snippets", *"返品")
    await walk.keys("search query echoed", *' "[/bold')
    await walk.back()
    await walk.keys("case library", "ctrl+b")
    await walk.back()

    await walk.keys("help", "f1")
    await walk.back()
    await walk.keys("command palette", "ctrl+p", *"[/bold]\u202e")
    await pilot.pause(0.3)  # the palette searches asynchronously
    await walk.look("command palette hits")
    await walk.keys("home", "escape")


def shows_everything_a_ticket_has(app: App[None]) -> None:
    """The workspace the walk checked had every kind of text on it: a colleague on the ticket, the customer's mail
    (sender, subject, a file, quoted history folded), our reply the server refused, handover and field changes."""
    screen = app.screen
    assert isinstance(screen, TicketScreen) and screen.detail is not None
    assert screen.query_one("#presence").display, "no colleague shown on the ticket"
    assert {e.mail.direction for e in screen.detail.entries if e.mail} == {"in", "out"}, "no mail in the thread"
    thread = screen.query_one(ThreadView)
    for kind in ("customer_message", "mail-failed", "assignment", "field_change", "internal_note", "call_log"):
        assert thread.query(f".entry.{kind}"), f"the thread shows no {kind} entry"
    assert thread.query(Collapsible), "no quoted history in the thread"
    assert "📎" in "".join(str(entry.render()) for entry in thread.query(".entry")), "no file in the thread"
    assert screen.query_one("#draft", TextArea).text, "the draft was not restored"


async def walk_lead_screens(walk: Walk, desk: HostileDesk, folder: Path) -> None:
    app = walk.app
    await walk.visit(DashboardScreen(), "dashboard")
    await walk.keys("charts", "c")
    await walk.back()
    await walk.keys("renewals and cancellations", "u")
    await walk.back()
    await walk.back()
    await walk.visit(TicketListScreen("[/bold]一覧\x1b]0;title\x07", TicketFilter()), "ticket list")
    await walk.keys("bulk dialog", "space", "b")
    await walk.back()
    await walk.keys("field filter dialog", "f")
    await walk.back()
    users = app.desk.users()
    failure = BulkFailure(desk.open_ticket, storable(f"{CLICK_QUIT} \x1b[2J"))
    change = BulkChange(BulkKind.TAG, tags=(CLICK_QUIT,))
    await walk.visit(ConfirmBulkDialog(BulkPlan(change, (desk.case,), (), (failure,)), users), "bulk confirmation")
    await walk.back()
    await walk.visit(BulkResultDialog(BulkResult(change, (), (), (failure,)), users), "bulk result")
    await walk.back()
    await walk.visit(BulkDialog(2, users, date.today()), "bulk dialog")
    await walk.back()
    await walk.back()

    (serial,) = app.desk.custom_fields("customers")
    # Found by the start of its sprayed value: SQLite's lower() stops at a NUL, which no real value holds.
    await walk.visit(CustomerListScreen(FieldChoice(serial.id, serial.name, "顧客", True)), "customers by field")
    assert isinstance(app.screen, CustomerListScreen) and app.screen.people, "no customer listed by the field"
    await walk.back()
    await walk.visit(DuplicatesScreen(), "duplicates")
    await walk.visit(MergeScreen(desk.customer, desk.twin), "merge")
    await walk.back()
    await walk.back()
    await walk.visit(AuditScreen(), "audit log")
    await walk.back()

    await walk.visit(ImportScreen(), "import")
    app.screen.query_one("#i-path", Input).value = str(folder / "customers.csv")
    await walk.keys("import preview with problems", "f5")
    await walk.visit(FilePickDialog(folder), "file picker", workers=False)
    await walk.back(workers=False)
    await walk.back()
    await walk.visit(DataExportDialog(), "export dialog")
    await walk.back()

    await walk.visit(RulesScreen(), "rules")
    await walk.back()
    await walk.visit(MacroDialog(app.desk.rules("macro")), "macro picker")
    await walk.back()
    await walk.visit(NotificationsScreen(), "notifications")
    await walk.back()
    await walk.visit(CannedResponsesScreen(), "canned responses")
    await walk.keys("canned response form", "e")
    await walk.keys("canned response form, typed", *"[/bold]\u202e{x")
    await walk.back()
    await walk.back()


def hostile_files(folder: Path, text: str) -> None:
    """A CSV whose headers and cells are hostile, in a folder whose file names are."""
    folder.mkdir(exist_ok=True)
    cell = storable(text).replace('"', '""')
    (folder / "customers.csv").write_text(
        f'氏名,電話番号,"{cell}"\r\n"{cell}",03-1234-5678,x\r\n"{cell[:20]}","{cell}",\r\n', encoding="utf-8"
    )
    name = "".join(ch for ch in storable(text) if ch not in "/\x00")[:100] or "x"
    for candidate in (name + ".csv", "[@click=app.quit]終了[/].csv", "\x1b[2J.csv"):
        with contextlib.suppress(OSError):
            (folder / candidate).write_text("氏名\r\n", encoding="utf-8")


async def walk_everything(hostile: HostileDesk, text: str, folder: Path) -> set[type[Screen]]:
    spray(hostile.desk.engine, text)
    hostile.desk.rebuild_index()
    hostile_files(folder, text)
    app = SupportDeskApp(hostile.desk)
    async with app.run_test(size=(120, 40), notifications=True) as pilot:
        walk = Walk(pilot)
        await walk_agent_screens(walk, hostile, folder)
        await walk_lead_screens(walk, hostile, folder)
        seen = walk.seen
    sign_in = SupportDeskApp(entrance=Entrance(hostile.desk.engine, Settings()))
    async with sign_in.run_test(size=(120, 40), notifications=True) as pilot:
        walk = Walk(pilot)
        await walk.look("sign-in")
        await walk.keys("sign-in error", *"[/bold]\u202eroot", "tab", *"x", "enter")
        seen |= walk.seen
    return seen


def concrete(classes: set[type[Screen]]) -> set[type[Screen]]:
    """Leave out the bases (AppScreen, Dialog …): a class other screens derive from is never shown itself."""
    return {c for c in classes if not any(other is not c and issubclass(other, c) for other in classes)}


@pytest.mark.skipif(PG_URL is not None, reason="screens show the same rows on both backends; once is enough")
async def test_hostile_text_in_every_field_is_shown_as_text_on_every_screen(hostile: HostileDesk, tmp_path: Path):
    """Every screen and dialog, with every fragment a renderer or terminal could act on in every field."""
    seen = await walk_everything(hostile, " ".join(HOSTILE_SAMPLES + ACTIVE_FRAGMENTS), tmp_path / "files")
    missing = concrete(all_screen_classes()) - seen
    assert not missing, f"screens no hostile-text walk visits: {sorted(c.__name__ for c in missing)}"


@pytest.mark.skipif(PG_URL is not None, reason="screens show the same rows on both backends; once is enough")
@settings(max_examples=2, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(text=hostile_text)
async def test_generated_hostile_text_is_shown_as_text_where_agents_read_most(hostile: HostileDesk, text: str):
    """Generated mixes of markup, escapes, bidi controls and Japanese in the screens with the most fields."""
    spray(hostile.desk.engine, text)
    hostile.desk.rebuild_index()
    app = SupportDeskApp(hostile.desk)
    async with app.run_test(size=(120, 40), notifications=True) as pilot:
        walk = Walk(pilot)
        await walk.keys("queue", "escape", "4")
        hostile.colleague_is_typing()
        await walk.visit(TicketScreen(hostile.open_ticket), "ticket workspace")
        await walk.visit(Customer360Screen(hostile.customer), "customer 360")
        await walk.visit(CaseScreen(hostile.case), "case reader")
        await walk.keys("search", "ctrl+f", *FINDABLE)


# ---- the cases the issue names ------------------------------------------------------------------------------


async def test_a_closing_tag_in_a_name_and_subject_does_not_crash_the_queue(hostile: HostileDesk) -> None:
    spray(hostile.desk.engine, "[/bold]")
    app = SupportDeskApp(hostile.desk)
    async with app.run_test(size=(120, 40), notifications=True) as pilot:
        await settle(pilot)
        await pilot.press("escape", "4")
        await settle(pilot)
        table = app.screen.query_one("#tickets", DataTable)
        assert table.row_count == 1
        assert any("[/bold]" in str(cell) for cell in table.get_row_at(0))
        check_screen(app, "queue")


async def test_clicking_a_name_that_says_quit_does_not_quit(hostile: HostileDesk) -> None:
    spray(hostile.desk.engine, CLICK_QUIT)
    app = SupportDeskApp(hostile.desk)
    async with app.run_test(size=(160, 40)) as pilot:
        await settle(pilot)
        await pilot.press("escape", "4")
        await settle(pilot)
        await pilot.click("#tickets", offset=(40, 1))  # the customer column of the queue
        await pilot.click("#tickets", offset=(40, 1))
        await settle(pilot)
        assert app.is_running and isinstance(app.screen, TicketScreen)  # the click opened the ticket, nothing more
        for x in range(0, 20, 2):  # the customer card beside the thread
            await pilot.click("#customer-card", offset=(x, 0))
        await settle(pilot)
        assert app.is_running and isinstance(app.screen, TicketScreen)
        assert CLICK_QUIT in str(app.screen.query_one("#customer-card").render())


async def test_a_link_in_a_body_is_text_in_the_case_reader(hostile: HostileDesk) -> None:
    spray(hostile.desk.engine, "[読む](https://evil.example) <https://evil.example> [link=file:///etc/passwd]x[/link]")
    app = SupportDeskApp(hostile.desk)
    async with app.run_test(size=(120, 40), notifications=True) as pilot:
        await app.push_screen(CaseScreen(hostile.case))
        await settle(pilot)
        shown = str(app.screen.query_one("#case").render())
        assert "[読む](https://evil.example)" in shown and "[link=file:///etc/passwd]" in shown
        check_screen(app, "case reader")


class _Careless(App[None]):
    """A screen written the wrong way: a name from data handed to a Static as a str, which Textual reads as markup."""

    def __init__(self, name: str) -> None:
        super().__init__()
        self.data = name

    def compose(self) -> ComposeResult:
        yield Static(f"Customer: {self.data}")


@pytest.mark.parametrize(
    ("name", "caught"),
    [
        ("[blink]山田[/blink]", "applies markup"),
        ("[@click=app.quit]終了[/]", "click action"),
        ("[link='https://evil.example']開く[/link]", "links to"),
        ("件名\x1b[2J", "shows"),
    ],
)
async def test_the_screen_check_catches_data_shown_as_markup_or_codes(name: str, caught: str) -> None:
    """The walk's check is not blind: a careless str in a Static is seen (style, action, link or a control code)."""
    app = _Careless(name)
    async with app.run_test(size=(60, 5)) as pilot:
        await pilot.pause()
        with pytest.raises(AssertionError, match=caught):
            check_screen(app, "careless")
