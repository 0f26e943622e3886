"""The app switched to Japanese shows Japanese queues, columns, values and counts (the catalog's own checks are in
tests/supportdesk/test_catalog.py)."""

from textual.widgets import DataTable, Input, Tab

from screens.app import SupportDeskApp
from screens.home import HomeScreen
from supportdesk.desk import Desk
from supportdesk.i18n import catalog
from tests.screens.conftest import settle


async def test_the_app_in_japanese_shows_japanese_queues_columns_and_values(desk: Desk) -> None:
    app = SupportDeskApp(desk, lang="ja")
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(pilot)
        home = app.screen
        assert isinstance(home, HomeScreen)
        assert str(home.query_one("#mine", Tab).label) == "自分の未完了 (2)"
        assert str(home.query_one("#unassigned", Tab).label) == "未割り当て (0)"
        assert str(home.query_one("#follow_up", Tab).label) == "フォロー期限 (0)"
        assert str(home.query_one("#all_open", Tab).label) == "すべての未完了 (2)"
        table = home.query_one("#tickets", DataTable)
        labels = [str(c.label) for c in table.columns.values()]
        assert labels[:3] == ["#", "状態", "優先度"] and {"件名", "期限", "担当者"} <= set(labels)
        assert {str(table.get_row_at(i)[1]) for i in range(table.row_count)} <= {"新規", "対応中"}
        assert str(home.query_one("#sort-label").render()).startswith("並び順: 更新日時")
        assert home.query_one("#lookup", Input).placeholder.startswith("発信者を検索")

        await pilot.press(*"ササキ")
        await settle(pilot)
        assert str(home.query_one("#results-title").render()) == "1 件の顧客"


async def test_footer_help_and_palette_follow_the_language_chosen_at_start(desk: Desk) -> None:
    """Binding labels are translated when shown, so the language is the app's whatever it was at import."""
    from textual.command import CommandPalette
    from textual.widgets import DataTable as Table

    from screens.widgets.key_bar import KeyBar

    for lang, find_caller, palette, keys_title in (
        ("ja", "発信者検索", "コマンド", "この画面のキー"),
        ("en", "Find caller", "Commands", "Keys on this screen"),
    ):
        app = SupportDeskApp(desk, lang=lang)
        async with app.run_test(size=(160, 40)) as pilot:
            await settle(pilot)
            bar = app.screen.query_one(KeyBar)
            footer = [key.description for key in bar.fitted(bar.size.width)]
            assert find_caller in footer and palette in footer
            await pilot.press("f1")
            await settle(pilot)
            assert str(app.screen.query_one(".title").render()) == keys_title
            table = app.screen.query_one(Table)
            listed = {str(table.get_row_at(i)[1]) for i in range(table.row_count)}
            assert {find_caller, "ヘルプ" if lang == "ja" else "Help"} <= listed
            assert listed <= set(catalog.JA.values() if lang == "ja" else catalog.JA), "F1 lists only the desk's keys"
            await pilot.press("escape")
            await pilot.press("ctrl+p")
            await settle(pilot)
            palette_screen = app.screen
            assert isinstance(palette_screen, CommandPalette)
            placeholder = palette_screen.query_one("Input").placeholder  # type: ignore[attr-defined]
            assert placeholder == ("コマンドを検索…" if lang == "ja" else "Search for commands…")
