"""A page of a phrase query ranked unchecked and checked best first is the page of checking every candidate.

Phrases of three or more words are an AND of their pair terms, each candidate checked against its texts' terms in
order. Above ONE_PASS_MAX the best page comes from ranking the pairs unchecked and checking the best candidates in
score order (index._phrase_page). On a generated desk of several segments, with deleted and re-written tickets, many
tickets of equal score and many holding the pairs but not the phrase, every phrase query gives the hits (tickets,
order, scores) and the total of scoring every match of the checked query, for pages of every size, and also when the
candidates ranked first are too few (more are ranked) or never enough (the checked query is ranked as before).
"""

from __future__ import annotations

import random
from collections.abc import Iterator

import pytest
from whoosh.index import open_dir

from search_index import SearchIndex, TicketDoc
from search_index import index as index_module
from search_index.query_compile import compile_query
from search_index.query_syntax import parse_query
from search_index.schema import TICKET_NUMBER
from search_index.storage import IndexDirectory
from search_index.stored_phrase import StoredPhrase
from search_index.tokenizers import get_tokenizer
from tests.search_index.tickets import ticket

COUNT = 600
# Texts holding the phrases, texts holding their pairs apart (in two texts, or with another word between), filler.
HOLDING = ("サーバーに接続できません", "請求書の再発行をお願いします", "パスワードを再設定できません")
APART = (
    ("サーバーに接続", "接続できません"),
    ("サーバーに接続し、再度接続できません", None),
    ("請求書の再", "再発行をお願いします"),
    ("パスワードを再", "再設定できません"),
)
FILLER = ("お世話になっております", "確認いたします", "よろしくお願いいたします")
QUERIES = (
    '"サーバーに接続できません"',
    '"請求書の再発行"',
    '"パスワードを再設定できません"',
    '"サーバーに接続できません" status:open',
    '"サーバーに接続できません" 請求書',
    '"サーバーに接続できません" "パスワードを再設定できません"',
    '"請求書の再発行" -パスワード',
    '"サーバーに接続できません" OR "請求書の再発行"',
)


def _ticket(ticket_id: int, rng: random.Random) -> TicketDoc:
    texts = list(rng.sample(FILLER, rng.randint(0, 2)))
    for phrase in HOLDING:
        if rng.random() < 0.35:
            texts.append(phrase)
    for one, other in APART:
        if rng.random() < 0.3:
            texts.append(one)
            if other is not None:
                texts.append(other)
    rng.shuffle(texts)
    # Few shapes of ticket: many tickets score the same.
    subject = rng.choice(("ご相談", "サーバーに接続できません", "請求書"))
    return ticket(ticket_id, subject, *(texts or ["ご相談"]), status=rng.choice(("open", "solved")))


@pytest.fixture(scope="module")
def desk(tmp_path_factory: pytest.TempPathFactory) -> Iterator[SearchIndex]:
    rng = random.Random(19)
    index = SearchIndex.open(tmp_path_factory.mktemp("phrases") / "index")
    ids = list(range(1, COUNT + 1))
    for start in range(0, COUNT, COUNT // 3):  # three segments
        index.update([_ticket(n, rng) for n in ids[start : start + COUNT // 3]])
    index.delete(rng.sample(ids, 20))
    index.update([_ticket(n, rng) for n in rng.sample(ids, 20)])
    yield index
    index.close()


def _exhaustive(index: SearchIndex, query: str, limit: int) -> tuple[list[tuple[int, float]], int, bool]:
    """(ticket, score) of every match of the checked query best first, cut to ``limit``, and its total as capped."""
    compiled = compile_query(parse_query(query), get_tokenizer(index.tokenizer_name))
    with open_dir(str(index.path / IndexDirectory(index.path).current_name())).searcher() as searcher:
        numbers = searcher.reader().column_reader(TICKET_NUMBER)
        every = [
            (int(numbers[hit.docnum]), float(hit.score or 0.0)) for hit in searcher.search(compiled.query, limit=None)
        ]
    cap = index_module.TOTAL_CAP
    return every[:limit], min(len(every), cap), len(every) <= cap


def _page(index: SearchIndex, query: str, limit: int) -> tuple[list[tuple[int, float]], int, bool]:
    result = index.search(query, limit=limit)
    return [(hit.ticket_id, hit.score) for hit in result.hits], result.total, result.total_exact


@pytest.fixture
def capped(monkeypatch: pytest.MonkeyPatch) -> None:
    """Every query takes the path of a big desk: block skipping for the page, the count capped (here at 150)."""
    monkeypatch.setattr(index_module, "ONE_PASS_MAX", 0)
    monkeypatch.setattr(index_module, "TOTAL_CAP", 150)


def test_the_desk_has_ties_and_candidates_the_check_turns_down(desk: SearchIndex) -> None:
    compiled = compile_query(parse_query(QUERIES[0]), get_tokenizer(desk.tokenizer_name))
    assert isinstance(compiled.query, StoredPhrase)
    with open_dir(str(desk.path / IndexDirectory(desk.path).current_name())).searcher() as searcher:
        assert len(searcher.reader().leaf_readers()) >= 3
        candidates = len(searcher.search(compiled.query.pairs, limit=None))
        scores = [hit.score for hit in searcher.search(compiled.query, limit=None)]
    assert candidates - len(scores) >= 50  # holding the pairs, not the phrase
    assert len(scores) - len(set(scores)) >= 50  # tied scores
    assert len(scores) > 150  # beyond the capped total


@pytest.mark.parametrize(
    ("page", "growth", "most"),
    [(4, 8, 5000), (1, 2, 5000), (1, 2, 3)],
    ids=["as shipped", "growing", "falling back"],
)
@pytest.mark.parametrize("limit", [1, 7, 20, 100])
@pytest.mark.usefixtures("capped")
def test_a_phrase_page_is_the_exhaustive_page(
    desk: SearchIndex, monkeypatch: pytest.MonkeyPatch, page: int, growth: int, most: int, limit: int
) -> None:
    monkeypatch.setattr(index_module, "PHRASE_PAGE", page)
    monkeypatch.setattr(index_module, "PHRASE_GROWTH", growth)
    monkeypatch.setattr(index_module, "PHRASE_PAGE_MAX", most)
    for query in QUERIES:
        assert _page(desk, query, limit) == _exhaustive(desk, query, limit), query


@pytest.mark.usefixtures("capped")
def test_a_phrase_page_is_ranked_unchecked_and_checked_best_first(desk: SearchIndex) -> None:
    compiled = compile_query(parse_query(QUERIES[0]), get_tokenizer(desk.tokenizer_name))
    with open_dir(str(desk.path / IndexDirectory(desk.path).current_name())).searcher() as searcher:
        page = index_module._phrase_page(searcher, compiled.query, 20)  # type: ignore[arg-type]
        assert page is not None
        assert page == [(hit.docnum, hit.score) for hit in searcher.search(compiled.query, limit=20)]


def test_an_unchecked_phrase_matches_its_pairs_and_scores_as_the_phrase(desk: SearchIndex) -> None:
    compiled = compile_query(parse_query(QUERIES[0]), get_tokenizer(desk.tokenizer_name))
    phrase = compiled.query
    assert isinstance(phrase, StoredPhrase)
    assert phrase.unchecked() != phrase
    with open_dir(str(desk.path / IndexDirectory(desk.path).current_name())).searcher() as searcher:
        loose = {hit.docnum: hit.score for hit in searcher.search(phrase.unchecked(), limit=None)}
        pairs = {hit.docnum for hit in searcher.search(phrase.pairs, limit=None)}
        checked = {hit.docnum: hit.score for hit in searcher.search(phrase, limit=None)}
    assert set(loose) == pairs
    assert checked == {docnum: loose[docnum] for docnum in checked}
