"""Search follows every change people make to what it shows, through one helper (services/reindex.py)."""

import ast
from collections.abc import Callable
from pathlib import Path

import pytest
from sqlmodel import Session, col, select

from supportdesk.models import SearchOutbox, Ticket
from supportdesk.services import cases, customers, merge, tickets
from supportdesk.services.actor import Actor
from tests.supportdesk import factories

CORE = Path(__file__).resolve().parents[2] / "supportdesk"


def _queued(session: Session) -> list[int]:
    return list(session.exec(select(SearchOutbox.ticket_id).order_by(col(SearchOutbox.id))).all())


@pytest.fixture
def resolved(session: Session, agent: Actor) -> tuple[int, int]:
    caller = factories.customer(session, agent)
    return caller, factories.ticket_in(session, agent, caller, "resolved", subject="ログインできない")


CHANGES: dict[str, Callable[[Session, Actor, int, int], object]] = {
    "a note": lambda s, a, c, n: tickets.add_entry(s, a, n, "internal_note", "再発したら連絡"),
    "reopening": lambda s, a, c, n: tickets.change_status(s, a, n, "open"),
    "a new subject": lambda s, a, c, n: tickets.update_fields(s, a, n, subject="ログインできない（iPhone）"),
    "tags": lambda s, a, c, n: cases.set_tags(s, a, n, ["ログイン"]),
    "the customer's new name": lambda s, a, c, n: customers.update_customer(s, a, c, {"full_name": "山田 太朗"}),
}


@pytest.mark.parametrize("change", CHANGES)
def test_a_change_to_what_search_shows_queues_the_ticket(session, agent, resolved, change) -> None:
    caller, number = resolved
    before = session.get(Ticket, number).updated_at  # type: ignore[union-attr]
    queued = len(_queued(session))

    CHANGES[change](session, agent, caller, number)

    assert _queued(session)[queued:] == [number]
    if change != "the customer's new name":  # a change on the ticket itself moves it up the queues
        session.expire_all()
        assert session.get(Ticket, number).updated_at > before  # type: ignore[union-attr]


def test_marking_a_case_exemplary_and_merging_its_customer_queue_it(session, agent, lead, trainer, resolved) -> None:
    caller, number = resolved
    version = session.get(Ticket, number).version  # type: ignore[union-attr]
    queued = len(_queued(session))
    cases.mark_exemplary(session, lead, number, "再設定URLの案内で解決", ["ログイン"], expected_version=version)
    assert _queued(session)[queued:] == [number]

    twin = factories.customer(session, agent, full_name="山田 太郎", phone="03-1234-5678")
    other = factories.ticket(session, agent, twin)
    queued = len(_queued(session))
    merge.merge_customers(session, lead, caller, twin)
    assert sorted(_queued(session)[queued:]) == sorted([number, other]), "both customers' tickets carry the name"


def test_only_the_reindex_helper_writes_outbox_rows() -> None:
    # Any other module writing SearchOutbox rows would be a second, drifting copy of "touch and queue".
    writers = set()
    for path in CORE.rglob("*.py"):
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if isinstance(node, ast.Call) and getattr(node.func, "id", None) == "SearchOutbox":
                writers.add(str(path.relative_to(CORE)))
    assert writers == {"services/reindex.py"}
