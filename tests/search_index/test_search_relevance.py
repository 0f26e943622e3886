"""Search quality on the labelled corpus, with the analyzer the app uses (Sudachi)."""

from __future__ import annotations

import pytest
from whoosh.formats import Existence, Frequency

from search_index import SearchIndex
from search_index.documents import MaskedDoc
from search_index.schema import PERSONAL_FIELD, TEXT_FIELD, build_schema
from tests.search_index.search_eval import evaluate, score_query
from tests.search_index.search_eval_corpus import QUERIES, Corpus, EvalQuery
from tests.search_index.tickets import ticket

MIN_RECALL_AT_10 = 0.95
MIN_PRECISION_AT_5 = 0.95
MIN_F1 = 0.9


def _query(text: str) -> EvalQuery:
    return next(q for q in QUERIES if q.text == text)


def test_default_analyzer_meets_the_quality_bar(corpus_index: SearchIndex, eval_corpus: Corpus) -> None:
    report = evaluate(corpus_index, eval_corpus)
    print("\n" + report.table())
    assert report.recall_at_10 >= MIN_RECALL_AT_10
    assert report.precision_at_5 >= MIN_PRECISION_AT_5
    assert report.f1 >= MIN_F1


@pytest.mark.parametrize("query", [q.text for q in QUERIES if q.text != "新宿"])
def test_every_evaluation_query_ranks_relevant_tickets_first(
    corpus_index: SearchIndex, eval_corpus: Corpus, query: str
) -> None:
    score = score_query(corpus_index, eval_corpus, _query(query))
    assert score.precision_at_5 == 1.0
    assert score.recall_at_10 == 1.0


def test_agent_searching_kyoto_does_not_get_tokyo_tickets(corpus_index: SearchIndex, eval_corpus: Corpus) -> None:
    hits = corpus_index.search("京都", limit=500).hits
    assert hits
    assert all("kyoto" in eval_corpus.concepts[h.ticket_id] for h in hits)


@pytest.mark.parametrize("query", ["配送遅延", "配送が遅延", "配送の遅延"])
def test_delivery_delay_is_found_however_it_is_phrased(
    corpus_index: SearchIndex, eval_corpus: Corpus, query: str
) -> None:
    found = {h.ticket_id for h in corpus_index.search(query, limit=500).hits}
    assert found == eval_corpus.relevant(_query("配送遅延"))


@pytest.mark.parametrize(("query", "concept"), [("返品", "return"), ("解約", "cancel_contract")])
def test_two_character_words_are_found_completely(
    corpus_index: SearchIndex, eval_corpus: Corpus, query: str, concept: str
) -> None:
    found = {h.ticket_id for h in corpus_index.search(query, limit=500).hits}
    assert found == {t for t, c in eval_corpus.concepts.items() if concept in c}


@pytest.mark.parametrize(
    "variants", [("ﾊﾟｽﾜｰﾄﾞ", "パスワード"), ("サーバ", "サーバー", "ｻｰﾊﾞｰ"), ("ＶＰＮ", "vpn", "VPN")]
)
def test_width_and_long_vowel_variants_find_the_same_tickets(
    corpus_index: SearchIndex, variants: tuple[str, ...]
) -> None:
    results = [{h.ticket_id for h in corpus_index.search(v, limit=500).hits} for v in variants]
    assert results[0]
    assert all(r == results[0] for r in results)


def test_filters_narrow_a_word_search_exactly(corpus_index: SearchIndex, eval_corpus: Corpus) -> None:
    found = {h.ticket_id for h in corpus_index.search("返品 status:closed", limit=500).hits}
    expected = {
        d.ticket_id for d in eval_corpus.docs if d.status == "closed" and "return" in eval_corpus.concepts[d.ticket_id]
    }
    assert found == expected


def test_exclusion_removes_tickets(corpus_index: SearchIndex, eval_corpus: Corpus) -> None:
    found = {h.ticket_id for h in corpus_index.search("サーバー -agent:sato", limit=500).hits}
    expected = {
        d.ticket_id for d in eval_corpus.docs if d.agent != "sato" and "server" in eval_corpus.concepts[d.ticket_id]
    }
    assert found == expected


def test_total_counts_all_matches_beyond_the_limit(corpus_index: SearchIndex, eval_corpus: Corpus) -> None:
    result = corpus_index.search("ログイン", limit=5)
    assert len(result.hits) == 5
    assert result.total == len(eval_corpus.relevant(_query("ログイン")))


def test_similar_past_cases_share_the_topic(corpus_index: SearchIndex, eval_corpus: Corpus) -> None:
    source = next(
        d for d in eval_corpus.docs if eval_corpus.concepts[d.ticket_id] == {"delivery", "delay", "delivery_delay"}
    )
    similar = corpus_index.more_like_this(source.ticket_id, limit=5)
    assert len(similar) == 5
    assert source.ticket_id not in {h.ticket_id for h in similar}
    on_topic = sum("delivery_delay" in eval_corpus.concepts[h.ticket_id] for h in similar)
    assert on_topic >= 4


def test_similar_cases_of_an_unknown_ticket_is_empty(corpus_index: SearchIndex) -> None:
    assert corpus_index.more_like_this(999_999) == ()


def test_similar_past_cases_can_be_limited_to_finished_ones(corpus_index: SearchIndex, eval_corpus: Corpus) -> None:
    source = eval_corpus.docs[0]
    finished = corpus_index.more_like_this(source.ticket_id, limit=5, statuses=("resolved", "closed"))
    assert len(finished) == 5
    assert {h.status for h in finished} <= {"resolved", "closed"}


@pytest.fixture
def small(tmp_path) -> SearchIndex:  # type: ignore[no-untyped-def]
    idx = SearchIndex.open(tmp_path / "index")
    yield idx
    idx.close()


def _ids(idx: SearchIndex, query: str, limit: int = 20, masked: bool = False) -> list[int]:
    return [h.ticket_id for h in idx.search(query, limit=limit, masked=masked).hits]


def test_a_word_in_the_subject_or_notes_outranks_the_same_word_in_the_thread(small: SearchIndex) -> None:
    small.update(
        [
            ticket(1, "ご相談", "ルーターの返品について伺います。"),
            ticket(2, "ルーターの返品", "よろしくお願いします。"),
            ticket(3, "ご相談", "よろしくお願いします。", resolution_note="返品で対応"),
        ]
    )
    assert _ids(small, "返品") == [2, 3, 1]


def test_parts_standing_together_come_first_and_rare_wordings_find_them_apart(small: SearchIndex) -> None:
    small.update([ticket(1, "ご相談", "請求の件です。申込書も送ります。"), ticket(2, "ご相談", "請求書が届きません。")])
    assert _ids(small, "請求書") == [2, 1]  # fewer than a page together: the parts apart fill it, after them
    assert small.search("請求書").total == 2
    many = [ticket(n, "ご相談", "請求書を再発行してください。") for n in range(10, 40)]
    small.update(many)
    together = small.search("請求書", limit=100)
    assert 1 not in {h.ticket_id for h in together.hits} and together.total == 31  # common wording: together only
    assert [h.ticket_id for h in small.search("請求書", limit=5).hits] == [h.ticket_id for h in together.hits][:5]


def test_a_quoted_phrase_of_three_words_is_exact(small: SearchIndex) -> None:
    small.update(
        [
            ticket(1, "ご相談", "サーバーに接続できません。"),
            ticket(2, "ご相談", "接続の前にサーバーを再起動できません。"),
        ]
    )
    assert _ids(small, '"サーバーに接続できません"') == [1]


def test_a_word_finds_its_parts_one_word_apart_but_a_quoted_phrase_does_not(small: SearchIndex) -> None:
    small.update([ticket(1, "ご相談", "配送が大幅に遅延しております。"), ticket(2, "ご相談", "配送の遅延です。")])
    assert sorted(_ids(small, "配送遅延")) == [1, 2]
    assert _ids(small, '"配送遅延"') == [2]


def test_a_quoted_phrase_is_not_matched_by_its_pairs_in_different_places(small: SearchIndex) -> None:
    # Found by the crash test's markers: agent1r0-5 must not match a ticket holding agent1r0-2 and agent2r0-5.
    small.update([ticket(1, "ご相談", "agent1r0-2 の件", "agent2r0-5 の件"), ticket(2, "ご相談", "agent1r0-5 の件")])
    assert _ids(small, '"agent1r0-5"') == [2]


def test_a_quoted_phrase_of_three_words_stands_in_one_text_in_reading_order(small: SearchIndex) -> None:
    # The free-text field keeps no positions: each ticket holding the phrase's pairs is checked against the terms
    # its texts stored. In the subject, in any entry, particles between the words ignored; not across two entries,
    # not with the pairs in different places, not in another order.
    small.update(
        [
            ticket(1, "サーバーに接続できません", "お問い合わせです。"),
            ticket(2, "ご相談", "昨日から", "今朝もサーバーに接続できませんでした。"),
            ticket(3, "ご相談", "ログがサーバー", "接続できませんでした。"),
            ticket(4, "ご相談", "サーバー接続の件。接続できません。"),
            ticket(5, "ご相談", "接続できません。サーバーに接続します。"),
        ]
    )
    assert sorted(_ids(small, '"サーバーに接続できません"')) == [1, 2]
    assert small.search('"サーバーに接続できません"').total == 2
    assert sorted(_ids(small, 'サーバー -"サーバーに接続できません"')) == [3, 4, 5]


def test_a_phrase_in_a_trainers_search_is_checked_in_the_masked_texts(small: SearchIndex) -> None:
    masked = MaskedDoc("ご相談", entry_bodies=("\ue000\ue000様のサーバーに接続できません。",))
    small.update([ticket(1, "ご相談", "田中様のサーバーに接続できません。", masked=masked)])
    assert _ids(small, '"サーバーに接続できません"', masked=True) == [1]
    assert _ids(small, '"田中様のサーバー"', masked=True) == []


def test_the_free_text_field_keeps_no_positions_and_the_personal_terms_only_their_presence() -> None:
    schema = build_schema("sudachi")
    assert type(schema[TEXT_FIELD].format) is Frequency
    assert type(schema[PERSONAL_FIELD].format) is Existence
    assert not schema[PERSONAL_FIELD].scorable


def test_similar_finished_cases_work_on_an_index_of_several_segments(small: SearchIndex) -> None:
    # The status condition weighs nothing; at 300k tickets whoosh's block skipping divided by that weight
    # (ZeroDivisionError, now searched unoptimised). This small index does not reach that path: it checks the rest.
    for start in (1, 40, 80):
        small.update(
            ticket(n, "ご相談", f"型番 X{n % 15} の件です。", status=("resolved", "open")[n % 2])
            for n in range(start, start + 39)
        )
    similar = small.more_like_this(1, limit=1, statuses=("resolved",))
    assert len(similar) == 1 and similar[0].status == "resolved"
