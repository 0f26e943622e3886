"""Two indexers at once (two app instances each syncing every 10 s) never leave the index behind the database.

Found by killing agents that index as they work (test_crash_safety.py): the index kept a ticket's old status with
nothing left in the outbox to correct it. Each case below stops one indexer between reading the database and
writing the index, and lets the others work in that gap.
"""

from collections.abc import Callable
from pathlib import Path

import pytest
from sqlalchemy import Engine
from sqlmodel import Session

from search_index import SearchIndex
from supportdesk.db import open_session
from supportdesk.services import search
from supportdesk.services.actor import Actor
from supportdesk.services.tickets import change_status
from tests.supportdesk import factories


@pytest.fixture
def index(tmp_path: Path):
    idx = SearchIndex.open(tmp_path / "index")
    yield idx
    idx.close()


@pytest.fixture
def number(session: Session, agent: Actor) -> int:
    caller = factories.customer(session, agent)
    return factories.ticket(session, agent, caller, "ログインできない", body="パスワードを忘れました")


def _indexed_status(index: SearchIndex, number: int) -> str:
    hits = [h for h in index.search(f"#{number} OR ログイン", limit=50).hits if h.ticket_id == number]
    assert hits, f"#{number} is in the index"
    return hits[0].status


def _pausing(index: SearchIndex, in_the_gap: Callable[[], None]) -> None:
    """Make the first `index.apply` run `in_the_gap` before writing: the moment another process could act."""
    real = index.apply
    calls = []

    def apply(docs=(), delete_ids=(), sync_state=None):  # type: ignore[no-untyped-def]
        docs = list(docs)
        if docs and not calls:
            calls.append(1)
            in_the_gap()
        return real(docs, delete_ids, sync_state)

    index.apply = apply  # type: ignore[method-assign]


def _resolve(engine: Engine, agent: Actor, number: int) -> None:
    with open_session(engine) as other:
        change_status(other, agent, number, "resolved", reason="再設定で解決")


def test_a_change_while_a_long_sync_runs_is_indexed_as_it_is_now(engine, session, agent, number, index):
    # One sync going through a backlog batch by batch: the ticket changes between two of its batches.
    factories.ticket(session, agent, factories.customer(session, agent, "佐藤 花子", phone="090-1111-2222"), "返品")
    _pausing(index, lambda: _resolve(engine, agent, number))
    with open_session(engine) as indexer:
        search.sync_index(indexer, index, batch=1)
    assert _indexed_status(index, number) == "resolved"


def test_an_indexer_that_read_before_another_finished_does_not_undo_its_work(
    engine, session, agent, number, index, tmp_path
):
    # A reads the ticket as new; meanwhile it is resolved and B indexes that; then A writes what it read.
    other_index = SearchIndex.open(tmp_path / "index")

    def meanwhile() -> None:
        _resolve(engine, agent, number)
        with open_session(engine) as b:
            search.sync_index(b, other_index)

    _pausing(index, meanwhile)
    with open_session(engine) as a:
        search.sync_index(a, index)
    with open_session(engine) as next_run:
        search.sync_index(next_run, index)
    other_index.close()
    assert _indexed_status(index, number) == "resolved"


def test_an_indexer_never_deletes_work_queued_after_it_read(engine, session, agent, number, index, tmp_path):
    # B empties the outbox while A is between reading and writing; then the ticket changes, queueing new work
    # (SQLite hands an emptied table's ids out again). A must delete only what it read.
    other_index = SearchIndex.open(tmp_path / "index")

    def meanwhile() -> None:
        with open_session(engine) as b:
            search.sync_index(b, other_index)
        _resolve(engine, agent, number)

    _pausing(index, meanwhile)
    with open_session(engine) as a:
        search.sync_index(a, index)
    with open_session(engine) as next_run:
        search.sync_index(next_run, index)
    other_index.close()
    assert _indexed_status(index, number) == "resolved"
