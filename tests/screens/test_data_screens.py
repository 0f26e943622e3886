"""A lead imports a spreadsheet through the preview, merges the duplicates it brought, and exports for Excel (in the
language of the test pass: the words are the catalog's)."""

import codecs
from pathlib import Path

from sqlmodel import Session, select
from textual.widgets import Button, DataTable, Input

from screens.app import SupportDeskApp
from screens.dialogs.data_files import DataExportDialog
from screens.import_screen import ImportScreen
from screens.merge import DuplicatesScreen, MergeScreen
from supportdesk.desk import Desk
from supportdesk.i18n import t, texts
from supportdesk.models import Customer, Ticket
from supportdesk.services.actor import Actor
from tests.supportdesk import factories

HEADER = "顧客番号,氏名,フリガナ,電話番号,メールアドレス"
GOOD = ("C-001,山田 太郎,ヤマダ タロウ,03-1234-5678,", "C-002,ﾔﾏﾀﾞ ﾀﾛｳ,ﾔﾏﾀﾞ ﾀﾛｳ,03-1234-5678,taro@example.jp")
BAD = "C-003,,スズキ,03-9999-0000,"


def write(path: Path, *lines: str) -> Path:
    path.write_bytes(("\r\n".join(lines) + "\r\n").encode("cp932"))
    return path


async def settle(app: SupportDeskApp, pilot) -> None:  # type: ignore[no-untyped-def]
    from tests.screens.conftest import settle as settle_workers

    await settle_workers(pilot, rounds=4)


async def palette(app: SupportDeskApp, pilot, words: str) -> None:  # type: ignore[no-untyped-def]
    await pilot.press("ctrl+p")
    await pilot.press(*words)
    await pilot.pause(0.4)  # the palette searches asynchronously
    await pilot.press("enter")
    await settle(app, pilot)


def cells(table: DataTable, column: int) -> list[str]:
    return [str(table.get_row_at(i)[column]) for i in range(table.row_count)]


async def test_lead_previews_a_file_sees_the_bad_row_then_imports_the_fixed_one(engine, session, lead, tmp_path):
    app = SupportDeskApp(Desk(engine=engine, actor=lead))
    async with app.run_test(size=(140, 40)) as pilot:
        await settle(app, pilot)
        await palette(app, pilot, t("Import data…").rstrip("…"))
        screen = app.screen
        assert isinstance(screen, ImportScreen)
        screen.query_one("#i-path", Input).value = str(write(tmp_path / "顧客.csv", HEADER, *GOOD, BAD))
        screen.query_one("#i-path", Input).focus()
        await pilot.press("enter")
        await settle(app, pilot)
        assert cells(screen.query_one("#i-rows", DataTable), 1) == [t("Create"), t("Create"), t("Problem")]
        problems = screen.query_one("#i-problems", DataTable)
        assert [str(c) for c in problems.get_row_at(0)] == ["4", "氏名", "", t("a customer needs a name")]
        assert screen.query_one("#i-run", Button).disabled
        same_as_row_2 = t("likely the same as row {row} ({evidence})", row=2, evidence=texts(["same phone"]))
        assert same_as_row_2 in cells(screen.query_one("#i-rows", DataTable), 3)[1]
        await pilot.press("ctrl+s")  # refused: the file has problems
        await settle(app, pilot)
        assert session.exec(select(Customer)).all() == []

        write(tmp_path / "顧客.csv", HEADER, *GOOD)
        await pilot.press("f5")
        await settle(app, pilot)
        assert not screen.query_one("#i-run", Button).disabled
        await pilot.press("ctrl+s")
        await settle(app, pilot)
        imported = t(
            "Imported {file}: {created} created, {updated} updated, {unchanged} unchanged, {skipped} skipped.",
            file="顧客.csv",
            created=2,
            updated=0,
            unchanged=0,
            skipped=0,
        )
        assert str(screen.query_one("#i-summary").render()) == imported
        assert {c.external_ref for c in session.exec(select(Customer)).all()} == {"C-001", "C-002"}


async def test_the_import_screen_explains_a_missing_file(engine, lead, tmp_path):
    app = SupportDeskApp(Desk(engine=engine, actor=lead))
    async with app.run_test(size=(140, 40)) as pilot:
        await settle(app, pilot)
        app.push_screen(ImportScreen(tmp_path / "nowhere.csv"))
        await settle(app, pilot)
        nowhere = t("{path} is not a file", path=tmp_path / "nowhere.csv")
        assert str(app.screen.query_one("#i-summary").render()).endswith(nowhere)


async def test_lead_merges_a_duplicate_picking_the_e_mail_of_the_other_record(engine, session: Session, lead: Actor):
    keep = factories.customer(session, lead, "山田 太郎", phone="03-1234-5678")
    other = factories.customer(session, lead, "ﾔﾏﾀﾞ ﾀﾛｳ", phone="03-1234-5678", email="taro@example.jp", rank="vip")
    moved = factories.ticket(session, lead, other, "ログインできない")
    app = SupportDeskApp(Desk(engine=engine, actor=lead))
    async with app.run_test(size=(140, 40)) as pilot:
        await settle(app, pilot)
        await palette(app, pilot, t("Find duplicate customers"))
        assert isinstance(app.screen, DuplicatesScreen)
        pairs = app.screen.query_one("#pairs", DataTable)
        assert cells(pairs, 4) == [str(texts(["same phone", "same kana"]))]
        pairs.focus()
        await pilot.press("enter")
        await settle(app, pilot)
        merge = app.screen
        assert isinstance(merge, MergeScreen)
        fields = merge.query_one("#fields", DataTable)
        assert [str(c) for c in fields.get_row_at(2)] == [t("E-mail"), "—", "taro@example.jp", "B ▶"]  # A has none
        fields.move_cursor(row=10)  # rank
        await pilot.press("b")
        assert str(fields.get_row_at(10)[3]) == "B ▶"
        await pilot.press("ctrl+s")
        again = t("Press ctrl+s again to merge B #{b} into A #{a}. This cannot be undone.", a=keep, b=other)
        assert again in str(merge.query_one("#m-counts").render())
        await pilot.press("ctrl+s")
        await settle(app, pilot)
        assert isinstance(app.screen, DuplicatesScreen)
        assert app.screen.query_one("#pairs", DataTable).row_count == 0
    survivor = session.get(Customer, keep, populate_existing=True)
    assert survivor is not None and (survivor.email, survivor.rank) == ("taro@example.jp", "vip")
    assert session.get(Ticket, moved, populate_existing=True).customer_id == keep  # type: ignore[union-attr]


async def test_an_agent_sees_duplicates_but_cannot_merge(engine, session: Session, agent: Actor):
    factories.customer(session, agent, "山田 太郎", phone="03-1234-5678")
    factories.customer(session, agent, "山田 太郎", phone="03-1234-5678")
    app = SupportDeskApp(Desk(engine=engine, actor=agent))
    async with app.run_test(size=(140, 40)) as pilot:
        await settle(app, pilot)
        app.push_screen(DuplicatesScreen())
        await settle(app, pilot)
        app.screen.query_one("#pairs", DataTable).focus()
        await pilot.press("enter")
        await settle(app, pilot)
        assert isinstance(app.screen, DuplicatesScreen)


async def test_lead_exports_customers_for_excel_to_a_file_they_name(engine, session, lead, tmp_path):
    factories.customer(session, lead, "山田 太郎")
    app = SupportDeskApp(Desk(engine=engine, actor=lead))
    async with app.run_test(size=(140, 40)) as pilot:
        await settle(app, pilot)
        await palette(app, pilot, t("Export data…").rstrip("…"))
        assert isinstance(app.screen, DataExportDialog)
        app.screen.query_one("#path", Input).value = str(tmp_path / "顧客.csv")
        await pilot.press("ctrl+s")
        await settle(app, pilot)
        assert not isinstance(app.screen, DataExportDialog)
    data = (tmp_path / "顧客.csv").read_bytes()
    assert data.startswith(codecs.BOM_UTF8) and "山田 太郎" in data.decode("utf-8-sig")


async def test_a_file_named_with_markup_is_named_as_text_in_the_import_notice(engine, session, lead, tmp_path):
    from textual.widgets._toast import Toast

    name = "[@click=app.quit][bold red]顧客.csv"  # a file name cannot hold the slash of a closing tag
    app = SupportDeskApp(Desk(engine=engine, actor=lead))
    async with app.run_test(size=(140, 40), notifications=True) as pilot:
        await settle(app, pilot)
        app.push_screen(ImportScreen(write(tmp_path / name, HEADER, *GOOD)))
        await settle(app, pilot)
        await pilot.press("ctrl+s")
        await settle(app, pilot)
        assert app.is_running
        # The notice names the file as typed, in either language ("Imported …" / 「… を取り込みました」).
        said = t("Imported {file}: {created} created, {updated} updated, {unchanged} unchanged, {skipped} skipped.")
        said = said.split("{file}")[0] + name
        assert said in str(app.screen.query_one("#i-summary").render())
        await pilot.pause()
        [toast] = app.screen.query(Toast)
        assert said in str(toast.render())
        await pilot.click(Toast)
        assert app.is_running


async def test_a_50_mb_file_is_refused_in_the_app_before_it_is_read(engine, session, lead, tmp_path):
    huge = tmp_path / "全顧客.csv"
    with huge.open("wb") as f:  # sparse: refused by its size, so the test never reads 50 MB
        f.write(HEADER.encode("cp932") + b"\r\n")
        f.truncate(50 * 1024 * 1024)
    app = SupportDeskApp(Desk(engine=engine, actor=lead))
    async with app.run_test(size=(140, 40)) as pilot:
        await settle(app, pilot)
        app.push_screen(ImportScreen(huge))
        await settle(app, pilot)
        summary = str(app.screen.query_one("#i-summary").render())
        refused = (
            "is {size} MB; an import takes at most {limit} MB. Split it into smaller files and import them one "
            "after the other"
        )
        assert t(refused, size="50.0", limit=20) in summary
        assert app.screen.query_one("#i-run", Button).disabled
        assert session.exec(select(Customer)).all() == []
