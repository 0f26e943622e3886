"""The app switched to Japanese shows Japanese queues, columns, values and counts (the catalog's own checks are in
tests/supportdesk/test_catalog.py)."""

from textual.widgets import DataTable, Input, Tab

from screens.app import SupportDeskApp
from screens.home import HomeScreen
from supportdesk.desk import Desk
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
