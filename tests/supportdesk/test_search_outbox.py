"""The outbox on a team desk: every machine's index sees every change, late commits and pruning included."""

import time
from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest
from sqlmodel import Session, col, func, select, update

from search_index import SearchIndex
from supportdesk.models import SearchOutbox
from supportdesk.services import search
from supportdesk.services.actor import Actor
from supportdesk.services.tickets import add_entry
from tests.supportdesk import factories


@pytest.fixture
def machines(tmp_path: Path):
    """Two agents' machines: one database, an index in each machine's data directory."""
    a, b = SearchIndex.open(tmp_path / "a" / "index"), SearchIndex.open(tmp_path / "b" / "index")
    yield a, b
    a.close()
    b.close()


@pytest.fixture
def number(session: Session, agent: Actor) -> int:
    return factories.ticket(session, agent, factories.customer(session, agent), "ログインできない", body="ロック")


def _found(index: SearchIndex, word: str) -> set[int]:
    return {h.ticket_id for h in index.search(word, limit=50).hits}


def test_each_machines_index_gets_every_change(session, agent, number, machines):
    a, b = machines
    search.ensure_index(session, a)
    search.ensure_index(session, b)
    add_entry(session, agent, number, "reply", "請求書を再発行しました")
    assert search.sync_index(session, a) == 1  # machine A syncs first...
    assert search.pending_changes(session, b) == 1  # ...and B still has the change to apply
    assert search.sync_index(session, b) == 1
    assert _found(a, "請求書") == _found(b, "請求書") == {number}
    assert search.sync_index(session, a) == search.sync_index(session, b) == 0


def _reply_queued_ahead(session: Session, agent: Actor, number: int, skip: int) -> int:
    """Add a reply whose outbox row takes an id ``skip`` past the next one (ids in between look uncommitted)."""
    add_entry(session, agent, number, "reply", "返品を受け付けました")
    late = session.exec(select(func.max(SearchOutbox.id))).one()
    session.exec(update(SearchOutbox).where(col(SearchOutbox.id) == late).values(id=late + skip))  # type: ignore[call-overload]
    session.commit()
    return late


def test_a_change_that_commits_after_a_later_one_is_not_skipped(session, agent, number, machines):
    # PostgreSQL numbers rows at insert: the transaction holding a lower id can commit after a higher id was read.
    a, _ = machines
    search.ensure_index(session, a)
    late = _reply_queued_ahead(session, agent, number, 5)
    assert search.sync_index(session, a) == 1
    other = factories.ticket(session, agent, factories.customer(session, agent, "佐藤 花子"), "配送の遅れ")
    session.exec(update(SearchOutbox).where(col(SearchOutbox.ticket_id) == other).values(id=late + 2))  # type: ignore[call-overload]
    session.commit()  # the late commit fills a gap below what A has applied
    assert search.pending_changes(session, a) == 1
    assert search.sync_index(session, a) == 1
    assert _found(a, "配送") == {other}


def test_a_gap_is_given_up_after_the_wait(session, agent, number, machines, monkeypatch):
    a, _ = machines
    search.ensure_index(session, a)
    late = _reply_queued_ahead(session, agent, number, 3)
    search.sync_index(session, a)
    assert sorted(search.SyncMark.of(a).gaps) == [late, late + 1, late + 2]
    later = time.time() + search.GAP_WAIT.total_seconds() + 1
    monkeypatch.setattr(search.time, "time", lambda: later)
    search.sync_index(session, a)
    assert search.SyncMark.of(a).gaps == {}


def _age_outbox(session: Session, days: int) -> None:
    old = datetime.now(UTC) - timedelta(days=days)
    session.exec(update(SearchOutbox).values(queued_at=old))  # type: ignore[call-overload]
    session.commit()


def test_old_rows_are_pruned_but_the_newest_stays(session, agent, number, machines):
    add_entry(session, agent, number, "reply", "返金しました")
    assert session.exec(select(func.count()).select_from(SearchOutbox)).one() > 1
    _age_outbox(session, search.KEEP.days + 1)
    newest = session.exec(select(func.max(SearchOutbox.id))).one()
    search.ensure_index(session, machines[0])  # a sync that finds the outbox due for pruning prunes it
    assert list(session.exec(select(SearchOutbox.id))) == [newest]  # SQLite would otherwise reuse ids


def test_an_index_that_missed_pruned_changes_is_rebuilt(session, agent, number, machines):
    a, b = machines
    search.ensure_index(session, a)
    search.ensure_index(session, b)
    for word in ("返金しました", "請求書を送りました"):
        add_entry(session, agent, number, "reply", word)
    search.sync_index(session, a)
    mark = search.SyncMark.of(b)  # B's machine was switched off for three weeks meanwhile
    mark.synced_at = time.time() - timedelta(days=21).total_seconds()
    b.apply(sync_state=mark.state())
    _age_outbox(session, search.KEEP.days + 1)
    search.prune_outbox(session)
    search.ensure_index(session, b)  # on B's next start
    assert _found(b, "請求書") == {number}
    assert search.pending_changes(session, b) == 0


def test_an_index_ahead_of_a_restored_database_is_rebuilt(session, agent, number, machines):
    a, _ = machines
    search.ensure_index(session, a)
    mark = search.SyncMark.of(a)
    mark.upto += 1000  # as if the database were restored from before these changes
    a.apply(sync_state=mark.state())
    add_entry(session, agent, number, "reply", "請求書を送りました")
    search.ensure_index(session, a)
    assert _found(a, "請求書") == {number}
    assert search.SyncMark.of(a).upto < mark.upto


def test_an_index_from_before_marks_applies_what_is_queued(session, agent, number, machines):
    # Older versions deleted applied rows: what is left in the outbox is exactly what the index lacks.
    a, _ = machines
    search.ensure_index(session, a)
    (a.path / a._dir.current_name() / "supportdesk-sync.json").unlink()  # type: ignore[operator]
    session.exec(SearchOutbox.__table__.delete())  # type: ignore[attr-defined]
    session.commit()
    add_entry(session, agent, number, "reply", "請求書を送りました")
    assert search.pending_changes(session, a) == 1
    search.ensure_index(session, a)
    assert _found(a, "請求書") == {number}
