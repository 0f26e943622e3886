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


def test_refining_a_search_cuts_the_same_tickets_texts_only_once_and_shows_the_same_snippets(
    index: SearchIndex,
) -> None:
    from search_index.snippets import TOKENS

    index.update(
        [
            ticket(n, "返品のご相談", f"返品したい（注文 {n}）", "初期不良のため交換を希望します", "承知しました")
            for n in range(1, 6)
        ]
    )
    TOKENS.clear()
    first = index.search("返品")
    cut = TOKENS.misses
    refined = index.search("返品 交換")  # as the agent types on: the same five tickets
    assert TOKENS.misses == cut, "the texts of tickets already shown were cut again"
    TOKENS.clear()
    assert [h.snippets for h in index.search("返品 交換").hits] == [h.snippets for h in refined.hits]
    assert [h.snippets for h in index.search("返品").hits] == [h.snippets for h in first.hits]


def test_the_token_cache_keeps_to_its_budget_and_forgets_on_request() -> None:
    from search_index.snippets import TokenCache
    from search_index.tokenizers import get_tokenizer

    cache, tokenizer = TokenCache(budget=100), get_tokenizer("sudachi")
    for n in range(20):
        assert cache.tokens(tokenizer, f"返品の件 {n:02d} です") == tuple(tokenizer.tokens(f"返品の件 {n:02d} です"))
    assert 0 < cache._held <= 100
    cache.tokens(tokenizer, "返品の件 19 です")
    assert cache.hits == 1  # the latest ones are kept
    cache.tokens(tokenizer, "x" * 60)  # more than a quarter of the budget: cut, not kept
    assert cache._held <= 100 and ("sudachi", "x" * 60) not in cache._entries
    cache.clear()
    assert cache._held == 0 and not cache._entries


def test_erasing_forgets_the_tokens_of_the_erased_texts(index: SearchIndex) -> None:
    from search_index.snippets import TOKENS

    index.update([ticket(1, "返品", "山田花子です。返品したい")])
    index.search("返品")
    assert any("山田花子です" in text for _, text in TOKENS._entries)
    index.purge([ticket(1, "返品", "■■です。返品したい")])
    assert not any("山田花子" in text for _, text in TOKENS._entries)
