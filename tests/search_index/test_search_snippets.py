"""Highlighted snippets: on the right characters, best entries first, only for shown hits."""

from __future__ import annotations

from search_index import SearchIndex, Snippet
from search_index.snippets import build_segments
from tests.search_index.tickets import ticket


def matched(snippet: Snippet) -> list[str]:
    return [text for text, hit in snippet.segments if hit]


def test_halfwidth_kana_is_highlighted_on_the_characters_the_customer_typed(index: SearchIndex) -> None:
    index.update([ticket(1, "ご相談", "ﾛｸﾞｲﾝ後にﾊﾟｽﾜｰﾄﾞの変更画面が出ます")])
    [hit] = index.search("パスワード").hits
    [snippet] = hit.snippets
    assert matched(snippet) == ["ﾊﾟｽﾜｰﾄﾞ"]
    assert snippet.text == "ﾛｸﾞｲﾝ後にﾊﾟｽﾜｰﾄﾞの変更画面が出ます"
    assert snippet.marked() == "ﾛｸﾞｲﾝ後に[ﾊﾟｽﾜｰﾄﾞ]の変更画面が出ます"


def test_query_in_halfwidth_highlights_fullwidth_text_too(index: SearchIndex) -> None:
    index.update([ticket(1, "サーバーが落ちた", "ｻｰﾊﾞの再起動をお願いします")])
    [hit] = index.search("ｻｰﾊﾞｰ").hits
    assert [matched(s) for s in hit.snippets] == [["サーバー"], ["ｻｰﾊﾞ"]]
    assert hit.snippets[0].entry_id is None and hit.snippets[0].kind == "subject"
    assert hit.snippets[1].entry_id == 100 and hit.snippets[1].kind == "customer_message"


def test_entries_matching_more_query_words_come_first(index: SearchIndex) -> None:
    index.update(
        [
            ticket(
                1,
                "ご相談",
                "配送先を変えたい",
                "配送が遅延しています",
                "お待たせしております",
                "遅延の理由を確認中です",
            )
        ]
    )
    [hit] = index.search("配送遅延", snippets_per_hit=2).hits
    assert [s.entry_id for s in hit.snippets] == [101, 100]
    assert matched(hit.snippets[0]) == ["配送", "遅延"]


def test_long_messages_are_cut_around_the_match(index: SearchIndex) -> None:
    body = "あ" * 300 + "返品" + "い" * 300
    index.update([ticket(1, "ご相談", body)])
    [snippet] = index.search("返品").hits[0].snippets
    assert snippet.segments[0] == ("…", False) and snippet.segments[-1] == ("…", False)
    assert matched(snippet) == ["返品"]
    assert len(snippet.text) < 130


def test_line_breaks_do_not_break_a_one_line_snippet() -> None:
    segments = build_segments("返品\nしたい\n\nです", [(0, 2)])
    assert segments == (("返品", True), (" したい です", False))


def test_snippets_can_be_turned_off(index: SearchIndex) -> None:
    index.update([ticket(1, "返品", "返品したい")])
    assert index.search("返品", snippets_per_hit=0).hits[0].snippets == ()


def test_excluded_words_are_not_highlighted(index: SearchIndex) -> None:
    index.update([ticket(1, "ご相談", "返品の件、交換ではありません")])
    [hit] = index.search("返品 -解約 -customer:佐藤").hits
    assert [matched(s) for s in hit.snippets] == [["返品"]]
