"""What a support person types into the search box, and what they are told when it is wrong."""

from __future__ import annotations

from collections.abc import Iterator
from datetime import date
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from search_index import QueryError, SearchIndex
from search_index.query_syntax import (
    AllOf,
    AnyOf,
    DateFilter,
    FieldFilter,
    IsFilter,
    Not,
    Phrase,
    Word,
    parse_query,
)
from tests.search_index.tickets import ticket


def test_words_are_all_required() -> None:
    assert parse_query("配送 遅延") == AllOf((Word("配送"), Word("遅延")))


def test_quotes_make_a_phrase_including_japanese_quotes() -> None:
    assert parse_query('"配送 遅延"') == Phrase("配送 遅延")
    assert parse_query("“配送 遅延”") == Phrase("配送 遅延")
    assert parse_query("＂配送 遅延＂") == Phrase("配送 遅延")
    assert parse_query("「配送遅延」") == Phrase("配送遅延")


def test_or_binds_tighter_than_the_implied_and() -> None:
    assert parse_query("返品 OR 交換 配送") == AllOf((AnyOf((Word("返品"), Word("交換"))), Word("配送")))
    assert parse_query("返品 ＯＲ 交換") == AnyOf((Word("返品"), Word("交換")))


def test_minus_excludes_words_and_filters() -> None:
    assert parse_query("-解約") == Not(Word("解約"))
    assert parse_query("－解約") == Not(Word("解約"))  # full-width minus
    assert parse_query("-status:closed") == Not(FieldFilter("status", ("closed",)))


def test_hyphen_inside_a_word_is_not_an_exclusion() -> None:
    assert parse_query("Wi-Fi") == Word("Wi-Fi")


def test_parentheses_group() -> None:
    assert parse_query("(返品 OR 交換) -tag:vip") == AllOf(
        (AnyOf((Word("返品"), Word("交換"))), Not(FieldFilter("tags", ("vip",))))
    )


@pytest.mark.parametrize(
    ("typed", "expected"),
    [
        ("status:open", FieldFilter("status", ("open",))),
        ("status：Open", FieldFilter("status", ("open",))),  # full-width colon, any case
        ("status:open,pending", FieldFilter("status", ("open", "pending"))),
        ("type:請求", FieldFilter("inquiry_type", ("請求",))),
        ("agent:sato", FieldFilter("agent", ("sato",))),
        ("担当：sato", FieldFilter("agent", ("sato",))),
        ("customer:田中", FieldFilter("customer", ("田中",))),
        ("company:山田商事", FieldFilter("company", ("山田商事",))),
        ('product:"Smart Router"', FieldFilter("product", ("Smart Router",), phrase=True)),
        ("channel:phone", FieldFilter("channel", ("phone",))),
        ("priority:high", FieldFilter("priority", ("high",))),
        ("tag:VIP", FieldFilter("tags", ("vip",))),
        ("is:exemplary", IsFilter("exemplary")),
        ("created:>2026-01-01", DateFilter("created", date(2026, 1, 2), None)),
        ("created:>=2026-01-01", DateFilter("created", date(2026, 1, 1), None)),
        ("created:<2026-03-01", DateFilter("created", None, date(2026, 3, 1))),
        ("created:<=2026-03", DateFilter("created", None, date(2026, 4, 1))),
        ("created:2026-01..2026-03", DateFilter("created", date(2026, 1, 1), date(2026, 4, 1))),
        ("created:2026-01-10..2026-01-20", DateFilter("created", date(2026, 1, 10), date(2026, 1, 21))),
        ("created:2026/02", DateFilter("created", date(2026, 2, 1), date(2026, 3, 1))),
        ("created:2026年2月3日", DateFilter("created", date(2026, 2, 3), date(2026, 2, 4))),
        ("created:2026-01..", DateFilter("created", date(2026, 1, 1), None)),
        ("updated:2026", DateFilter("updated", date(2026, 1, 1), date(2027, 1, 1))),
    ],
)
def test_every_filter(typed: str, expected: object) -> None:
    assert parse_query(typed) == expected


@pytest.mark.parametrize("typed", ["https://example.com/faq", "10:30", "エラー:E102"])
def test_text_with_a_colon_that_is_not_a_filter_is_searched_as_text(typed: str) -> None:
    assert parse_query(typed) == Word(typed)


@pytest.mark.parametrize("typed", ["", "   ", "　", "()", "AND"])
def test_nothing_to_search(typed: str) -> None:
    assert parse_query(typed) is None


@pytest.mark.parametrize(
    ("typed", "hint"),
    [
        ('"配送 遅延', 'Unclosed quote in "配送 遅延'),
        ("“配送 遅延", 'Unclosed quote in "配送 遅延'),
        ("stauts:open", 'Unknown filter "stauts:" — did you mean status:?'),
        ("agnet:sato", "did you mean agent:?"),
        ("foo:bar", 'Unknown filter "foo:"'),
        ("status:", 'Filter "status:" needs a value, e.g. status:open'),
        ("返品 -", '"-" must be followed directly by what to exclude'),
        ("OR 返品", "OR needs something to search on both sides"),
        ("返品 OR", "OR needs something to search on both sides"),
        ("(返品 OR 交換", 'Unclosed "("'),
        ("返品)", 'Unmatched ")"'),
        ("is:open", 'Unknown "is:open" — try is:exemplary'),
        ("created:2026-13-01", 'Can\'t read the date "2026-13-01" in created:'),
        ("created:yesterday", "use YYYY-MM-DD or YYYY-MM"),
        ("created:>", "Can't read the date"),
        ("created:2026-03..2026-01", "ends before it starts"),
        ("(" * 30 + "a" + ")" * 30, "Too many nested parentheses"),
        ("あ" * 1001, "too long"),
    ],
)
def test_mistakes_get_a_hint_a_support_person_understands(typed: str, hint: str) -> None:
    with pytest.raises(QueryError) as caught:
        parse_query(typed)
    assert hint in caught.value.hint
    assert isinstance(caught.value, ValueError)


@given(st.text(max_size=80))
@settings(max_examples=400, deadline=None)
def test_any_text_parses_or_gives_a_query_error(typed: str) -> None:
    try:
        parse_query(typed)
    except QueryError as exc:
        assert exc.hint


_SYNTAX = st.sampled_from(
    [
        '"',
        "“",
        "”",
        "「",
        "」",
        "(",
        ")",
        "-",
        "－",
        ":",
        "：",
        " ",
        "　",
        "OR",
        "status:",
        "created:",
        "is:",
        "..",
        ">",
    ]
)
_WORDS = st.sampled_from(["返品", "ﾊﾟｽﾜｰﾄﾞ", "refund", "2026-01", "open", "を", "ｶﾞ", "京都", "x"])


@pytest.fixture(scope="module")
def small_index(tmp_path_factory: pytest.TempPathFactory) -> Iterator[SearchIndex]:
    idx = SearchIndex.open(tmp_path_factory.mktemp("fuzz") / "search")
    idx.update([ticket(1, "返品のご相談", "ﾊﾟｽﾜｰﾄﾞを返品 refund"), ticket(2, "京都", "open 2026-01")])
    yield idx
    idx.close()


@given(st.lists(st.one_of(_SYNTAX, _WORDS, st.text(max_size=3)), max_size=12).map("".join))
@settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
def test_searching_any_mix_of_syntax_never_raises_anything_but_query_error(
    small_index: SearchIndex, typed: str
) -> None:
    try:
        result = small_index.search(typed)
    except QueryError as exc:
        assert exc.hint
    else:
        assert result.total >= len(result.hits)


def test_search_reports_query_errors_with_the_hint(tmp_path: Path) -> None:
    with SearchIndex.open(tmp_path / "s") as idx, pytest.raises(QueryError, match="did you mean status:"):
        idx.search("stauts:open")
