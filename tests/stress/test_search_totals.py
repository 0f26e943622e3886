"""The number of matching cases stays exact when it is counted without scoring (the fast path for large desks)."""

from datetime import UTC, datetime
from pathlib import Path

import pytest

from search_index import EntryDoc, SearchIndex, TicketDoc

NOW = datetime(2026, 11, 2, 10, 0, tzinfo=UTC)
BODIES = (
    "請求書を再発行してください。",
    "請求の書類が届きません。",
    "パスワードを再設定したい。",
    "返品の手続きについて。",
    "二重に請求されています。",
)


@pytest.fixture(scope="module")
def index(tmp_path_factory: pytest.TempPathFactory):
    idx = SearchIndex.open(Path(tmp_path_factory.mktemp("totals")) / "index")
    docs = [
        TicketDoc(
            ticket_id=n,
            subject=f"問い合わせ {n}",
            status=("open", "resolved")[n % 2],
            inquiry_type=("billing", "question")[n % 3 == 0],
            channel="phone",
            priority="normal",
            customer_name="山田 太郎",
            company_name="",
            product_names=(),
            agent="sato",
            created=NOW,
            updated=NOW,
            tags=("初期不良",) if n % 7 == 0 else (),
            exemplary=False,
            exemplary_summary="",
            resolution_note="",
            entries=(EntryDoc(n, "customer_message", BODIES[n % len(BODIES)], NOW),),
        )
        for n in range(1, 121)
    ]
    idx.update(docs)
    yield idx
    idx.close()


QUERIES = ("請求書", "請求", "パスワード 再設定", "請求 -請求書", "請求書 OR 返品", '"請求書"', "status:open 請求")


@pytest.mark.parametrize("query", QUERIES)
def test_the_total_is_every_matching_case_not_only_those_shown(index: SearchIndex, query: str) -> None:
    everything = index.search(query, limit=1000)
    assert everything.total == len(everything.hits)
    for limit in (1, 5, 20):
        shown = index.search(query, limit=limit)
        assert shown.total == everything.total
        assert [h.ticket_id for h in shown.hits] == [h.ticket_id for h in everything.hits][:limit]


def test_a_word_that_can_match_few_tickets_is_counted_exactly_in_the_ranking_pass(
    index: SearchIndex, monkeypatch
) -> None:
    import search_index.index

    everything = index.search("請求", limit=1000)
    monkeypatch.setattr(search_index.index, "TOTAL_CAP", 10)
    shown = index.search("請求", limit=5)  # ONE_PASS_MAX (3,000) is far above the 120 tickets
    assert (shown.total, shown.total_exact) == (everything.total, True) and everything.total > 10


def test_a_common_word_is_counted_up_to_the_cap_and_says_so(index: SearchIndex, monkeypatch) -> None:
    import search_index.index

    everything = index.search("請求", limit=1000)
    assert everything.total_exact and everything.total > 10
    monkeypatch.setattr(search_index.index, "TOTAL_CAP", 10)
    monkeypatch.setattr(search_index.index, "ONE_PASS_MAX", 5)  # as on a large desk: too many to score them all
    capped = index.search("請求", limit=5)
    assert (capped.total, capped.total_exact) == (10, False)
    assert [h.ticket_id for h in capped.hits] == [h.ticket_id for h in everything.hits][:5]
    few = index.search("返品 status:open type:question", limit=5)
    assert few.total_exact and few.total <= 10
