"""Search quality on the labelled corpus, with the analyzer the app uses (Sudachi)."""

from __future__ import annotations

import pytest

from search_index import SearchIndex
from tests.search_index.search_eval import evaluate, score_query
from tests.search_index.search_eval_corpus import QUERIES, Corpus, EvalQuery

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
