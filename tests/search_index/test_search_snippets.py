"""Highlighted snippets: on the right characters, best entries first, only for shown hits."""

from __future__ import annotations

from hypothesis import given
from hypothesis import strategies as st

from search_index import SearchIndex, Snippet
from search_index.index import DEFAULT_TOKENIZER
from search_index.schema import StoredTicket
from search_index.snippets import SCAN_BUDGET, SCAN_CHUNK, _window, build_segments, make_snippets
from search_index.tokenizers import get_tokenizer
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


def test_a_search_cuts_no_text_its_snippets_come_from_the_tokens_stored_at_index_time(index: SearchIndex) -> None:
    from search_index.snippets import TOKENS

    index.update(
        [
            ticket(n, "返品のご相談", f"返品したい（注文 {n}）", "初期不良のため交換を希望します", "承知しました")
            for n in range(1, 6)
        ]
    )
    TOKENS.clear()
    result = index.search("返品 交換")
    assert len(result.hits) == 5 and all(h.snippets for h in result.hits)
    assert TOKENS.misses == 0 and TOKENS.hits == 0, "a search cut texts with the tokenizer"


@given(
    st.lists(
        st.sampled_from(
            [
                "返品",
                "ﾊﾟｽﾜｰﾄﾞ",
                "パスワード",
                "refund",
                "Refunded",
                "の",
                "。",
                "\n",
                " ",
                "交換",
                "\ue000",
                "ｶﾞ",
                "配送が遅延",
            ]
        ),
        max_size=30,
    ).map("".join),
    st.lists(st.sampled_from(["返品", "パスワード", "refund", "交換", "配送", "遅延"]), min_size=1, max_size=3),
)
def test_snippets_from_stored_tokens_are_those_cut_at_search_time(body: str, words: list[str]) -> None:
    from dataclasses import replace

    from search_index import MaskedDoc
    from search_index.schema import MASKED_TERMS_IN_ORDER, PAYLOAD, TERMS_IN_ORDER, decode_payload, doc_to_fields
    from search_index.tokenizers import terms

    tokenizer = get_tokenizer("sudachi")
    bodies = (body, "返品の件", body[::-1])
    masked = MaskedDoc("件名", entry_bodies=tuple(b.replace("返品", "\ue000") for b in bodies))
    fields = doc_to_fields(ticket(1, f"件名 {body[:10]}", *bodies, masked=masked), tokenizer)
    wanted = {t for w in words for t in terms(tokenizer, w)}
    for trainer in (False, True):
        terms = fields[MASKED_TERMS_IN_ORDER if trainer else TERMS_IN_ORDER]
        stored = decode_payload(1, fields[PAYLOAD], terms, masked=trainer)
        assert stored is not None and stored.cuts is not None
        assert [b for _, _, b in stored.entries] == list(masked.entry_bodies if trainer else bodies)
        assert make_snippets(stored, tokenizer, wanted, 3) == make_snippets(
            replace(stored, cuts=None), tokenizer, wanted, 3
        )


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
    # Texts without stored tokens (an index of an older schema, until it is rebuilt) are cut and cached.
    make_snippets(
        StoredTicket(1, "返品", "open", "return", "", "", ((1, "reply", "山田花子です。返品したい"),)),
        get_tokenizer("sudachi"),
        {"返品"},
        3,
    )
    assert any("山田花子です" in text for _, text in TOKENS._entries)
    index.purge([ticket(1, "返品", "■■です。返品したい")])
    assert not any("山田花子" in text for _, text in TOKENS._entries)


# ---- bounded work: snippets cost the same for a 5 MB reply as for a 30,000-character one ------------------------


def _quadratic_window(length: int, spans: list[tuple[int, int]], width: int) -> tuple[int, int]:
    """The window rule as first written (every anchor counts every span): the reference for the linear one."""
    if length <= width:
        return 0, length
    best_start, best_count = 0, -1
    for anchor, _ in spans:
        start = max(0, min(anchor - 24, length - width))
        count = sum(1 for s, e in spans if s >= start and e <= start + width)
        if count > best_count:
            best_start, best_count = start, count
    return best_start, best_start + width


@given(st.lists(st.tuples(st.integers(0, 40), st.integers(1, 8)), max_size=60), st.integers(1, 200))
def test_the_linear_window_picks_what_counting_every_span_picks(gaps: list[tuple[int, int]], width: int) -> None:
    spans, pos = [], 0
    for gap, size in gaps:  # sorted, disjoint spans as match_spans makes them
        spans.append((pos + gap, pos + gap + size))
        pos += gap + size + 1
    length = pos + 50
    assert _window(length, spans, width) == _quadratic_window(length, spans, width)


class CountingTokenizer:
    """The real tokenizer, counting the characters it is given."""

    def __init__(self) -> None:
        from search_index.snippets import TOKENS

        TOKENS.clear()  # texts cut before (by other tests) would not be counted
        self.inner = get_tokenizer(DEFAULT_TOKENIZER)
        self.name = f"counting {self.inner.name}"
        self.read = 0

    def tokens(self, text: str):  # type: ignore[no-untyped-def]
        self.read += len(text)
        return self.inner.tokens(text)


def test_a_huge_reply_full_of_matches_reads_a_bounded_amount() -> None:
    line = "商品を返品したいのですが、返品の手続きを教えてください。\n"
    body = line * (5_000_000 // len(line))  # 5 MB, 350,000 matches
    tokenizer = CountingTokenizer()
    wanted = {term for term, _, _ in tokenizer.inner.tokens("返品")}
    stored = StoredTicket(1, "ご相談", "closed", "return", "", "", ((100, "customer_message", body),))
    [snippet] = make_snippets(stored, tokenizer, wanted, 3)  # type: ignore[arg-type]
    assert matched(snippet) == ["返品", "返品"] or matched(snippet)[0] == "返品"
    assert tokenizer.read <= SCAN_CHUNK + 400 + len("ご相談")


def test_a_match_deep_in_a_long_reply_is_found_within_the_budget() -> None:
    body = "あいうえお。" * 3_000 + "返品したい"  # 18,000 characters before the match: the second chunk
    tokenizer = CountingTokenizer()
    wanted = {term for term, _, _ in tokenizer.inner.tokens("返品")}
    stored = StoredTicket(1, "ご相談", "closed", "return", "", "", ((100, "customer_message", body),))
    [snippet] = make_snippets(stored, tokenizer, wanted, 3)  # type: ignore[arg-type]
    assert matched(snippet) == ["返品"]
    assert tokenizer.read <= SCAN_BUDGET


def test_a_ticket_reads_no_more_than_its_budget_across_its_entries() -> None:
    entries = tuple((100 + n, "reply", "あいうえお。" * 2_000) for n in range(50))  # 600,000 characters, no match
    tokenizer = CountingTokenizer()
    stored = StoredTicket(1, "ご相談", "closed", "return", "", "", entries)
    assert make_snippets(stored, tokenizer, {"返品"}, 3) == ()  # type: ignore[arg-type]
    assert tokenizer.read <= SCAN_BUDGET + SCAN_CHUNK + 400


def test_a_text_with_a_gap_wider_than_16_bits_keeps_where_its_words_stand() -> None:
    from search_index.schema import PAYLOAD, TERMS_IN_ORDER, decode_payload, doc_to_fields

    body = "返品" + " " * 40_000 + "交換"
    fields = doc_to_fields(ticket(1, "件名", body), get_tokenizer("sudachi"))
    assert fields[PAYLOAD].partition(b"\0")[2][:1] == b"i"  # 32-bit offsets for this one
    stored = decode_payload(1, fields[PAYLOAD], fields[TERMS_IN_ORDER], masked=False)
    assert stored is not None and stored.cuts is not None
    assert stored.cuts[3]["交換"] == [40_002, 40_004]
