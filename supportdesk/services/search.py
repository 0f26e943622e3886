"""Full-text search of past cases: keeping the index in step with the database, and searching it.

Every service change that affects a ticket's searchable text adds a SearchOutbox row in the same transaction.
`sync_index` applies the outbox in id order and deletes what it applied only after the index committed, so a
crash or kill at any moment leaves work to redo (updates are idempotent), never a wrong index.
"""

from collections import defaultdict
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, replace
from datetime import UTC, datetime

from sqlalchemy import func
from sqlalchemy.orm import aliased
from sqlmodel import Session, col, delete, select

from search_index import EntryDoc, Hit, IndexBusy, SearchIndex, SearchResult, TicketDoc
from supportdesk.models import (
    Company,
    Customer,
    Product,
    Purchase,
    SearchOutbox,
    Ticket,
    TicketEntry,
    TicketTag,
    User,
)
from supportdesk.services.actor import Action, Actor, require
from supportdesk.services.masking import PersonalData, mask_segments, mask_text, masks_personal_data

BATCH = 500


# ---- documents ---------------------------------------------------------------------------------------------


def ticket_docs(session: Session, ticket_ids: Iterable[int]) -> list[TicketDoc]:
    """Search documents for the given tickets (missing ids are skipped), in a handful of queries."""
    ids = sorted(set(ticket_ids))
    if not ids:
        return []
    assignee = aliased(User)
    rows = session.exec(
        select(Ticket, Customer.full_name, Company.name, assignee.login, Product.name)
        .join(Customer, col(Customer.id) == Ticket.customer_id)
        .outerjoin(Company, col(Company.id) == Customer.company_id)
        .outerjoin(assignee, col(assignee.id) == Ticket.assignee_id)
        .outerjoin(Purchase, col(Purchase.id) == Ticket.purchase_id)
        .outerjoin(Product, col(Product.id) == Purchase.product_id)
        .where(col(Ticket.id).in_(ids))
    ).all()
    entries: dict[int, list[EntryDoc]] = defaultdict(list)
    for entry in session.exec(
        select(TicketEntry).where(col(TicketEntry.ticket_id).in_(ids)).order_by(col(TicketEntry.id))
    ).all():
        assert entry.id is not None
        entries[entry.ticket_id].append(EntryDoc(entry.id, str(entry.kind), entry.body, entry.created_at))
    tags: dict[int, list[str]] = defaultdict(list)
    for ticket_id, tag in session.exec(
        select(TicketTag.ticket_id, TicketTag.tag).where(col(TicketTag.ticket_id).in_(ids))
    ):
        tags[ticket_id].append(tag)
    docs = []
    for ticket, customer_name, company_name, agent, product in rows:
        assert ticket.id is not None
        docs.append(
            TicketDoc(
                ticket_id=ticket.id,
                subject=ticket.subject,
                status=str(ticket.status),
                inquiry_type=str(ticket.inquiry_type),
                channel=str(ticket.channel),
                priority=str(ticket.priority),
                customer_name=customer_name,
                company_name=company_name or "",
                product_names=(product,) if product else (),
                agent=agent or "",
                created=ticket.received_at,
                updated=ticket.updated_at,
                tags=tuple(sorted(tags[ticket.id])),
                exemplary=ticket.is_exemplary,
                exemplary_summary=ticket.exemplary_summary or "",
                resolution_note=ticket.resolution_note or "",
                entries=tuple(entries[ticket.id]),
            )
        )
    return docs


def all_ticket_docs(session: Session, batch: int = BATCH) -> Iterator[TicketDoc]:
    """Every ticket as a document, in batches, without loading the whole desk at once."""
    last = 0
    while True:
        ids = list(session.exec(select(Ticket.id).where(col(Ticket.id) > last).order_by(col(Ticket.id)).limit(batch)))
        if not ids:
            return
        yield from ticket_docs(session, ids)
        last = ids[-1]
        session.expunge_all()


# ---- keeping the index in step -----------------------------------------------------------------------------


def pending_changes(session: Session) -> int:
    return int(session.exec(select(func.count()).select_from(SearchOutbox)).one())


def sync_index(session: Session, index: SearchIndex, batch: int = BATCH) -> int:
    """Apply queued changes to the index; returns how many tickets were (re)indexed or removed.

    Raises IndexBusy when another process is writing the index: the work stays queued for the next run.
    """
    applied = 0
    while True:
        query = select(SearchOutbox.id, SearchOutbox.ticket_id, SearchOutbox.queued_at).order_by(col(SearchOutbox.id))
        rows = session.exec(query.limit(batch)).all()
        if not rows:
            return applied
        ids = [r[0] for r in rows]
        # SQLite hands an emptied table's ids out again: a row queued after this read may carry one of `ids`,
        # but never an older queued_at.
        newest = max(r[2] for r in rows)
        wanted = {r[1] for r in rows}
        docs = ticket_docs(session, wanted)
        gone = wanted - {d.ticket_id for d in docs}
        index.update(docs)
        if gone:
            index.delete(gone)
        # Another indexer (a second app instance) may have written a newer state of these tickets between our
        # read and our write, and taken the outbox rows that described it: queue whatever we wrote out of date.
        session.expire_all()
        stale = set(docs) - set(ticket_docs(session, wanted))
        session.add_all(SearchOutbox(ticket_id=d.ticket_id) for d in stale)
        # Only now, with the index committed, is the work done.
        done = delete(SearchOutbox).where(col(SearchOutbox.id).in_(ids), col(SearchOutbox.queued_at) <= newest)
        session.exec(done)  # type: ignore[call-overload]
        session.commit()
        applied += len(wanted)


def rebuild_index(session: Session, index: SearchIndex, progress: Callable[[int, int], None] | None = None) -> int:
    """Rebuild the whole index from the database (into a new directory, swapped in when complete).

    Changes made during the rebuild stay in the outbox and are applied after it, so nothing is missed.
    """
    upto = session.exec(select(func.max(SearchOutbox.id))).one()
    total = int(session.exec(select(func.count()).select_from(Ticket)).one())
    count = index.rebuild(
        all_ticket_docs(session), total=total, progress=(lambda done: progress(done, total)) if progress else None
    )
    if upto is not None:
        session.exec(delete(SearchOutbox).where(col(SearchOutbox.id) <= upto))  # type: ignore[call-overload]
        session.commit()
    sync_index(session, index)
    return count


def ensure_index(session: Session, index: SearchIndex) -> int:
    """On start: rebuild when the index is missing or stale (new analyzer, fewer docs than tickets), else sync."""
    tickets = int(session.exec(select(func.count()).select_from(Ticket)).one())
    if index.needs_rebuild or (tickets and index.doc_count() == 0):
        return rebuild_index(session, index)
    return sync_index(session, index)


# ---- searching ---------------------------------------------------------------------------------------------


@dataclass(frozen=True)
class CaseHit:
    """A search hit as people see it: the ticket plus who it was about (masked for trainers)."""

    hit: Hit
    customer_name: str
    company_name: str


def _personal_data(session: Session, ticket_ids: Iterable[int]) -> dict[int, tuple[PersonalData, str, str]]:
    rows = session.exec(
        select(Ticket.id, Customer.full_name, Customer.name_kana, Customer.address, Company.name)
        .join(Customer, col(Customer.id) == Ticket.customer_id)
        .outerjoin(Company, col(Company.id) == Customer.company_id)
        .where(col(Ticket.id).in_(list(ticket_ids)))
    ).all()
    return {
        ticket_id: (PersonalData.of([name, kana], [address]), name, company or "")
        for ticket_id, name, kana, address, company in rows
    }


def _present(session: Session, actor: Actor, hits: Iterable[Hit]) -> list[CaseHit]:
    hits = list(hits)
    people = _personal_data(session, (h.ticket_id for h in hits))
    masked = masks_personal_data(actor)
    out = []
    for hit in hits:
        personal, name, company = people.get(hit.ticket_id, (PersonalData(), "", ""))
        if masked:
            hit = replace(
                hit,
                subject=mask_text(hit.subject, personal),
                snippets=tuple(replace(s, segments=mask_segments(s.segments, personal)) for s in hit.snippets),
            )
            name = "〇〇"
        out.append(CaseHit(hit=hit, customer_name=name, company_name=company))
    return out


@dataclass(frozen=True)
class CaseSearch:
    hits: tuple[CaseHit, ...]
    total: int
    query: str


def search_cases(session: Session, actor: Actor, index: SearchIndex, query: str, limit: int = 20) -> CaseSearch:
    """Search past cases; raises search_index.QueryError (with a hint) for a query that cannot be understood."""
    require(actor, Action.VIEW_TICKETS)
    # Date filters (created:2026-11) mean calendar days where the desk is, not in UTC.
    result: SearchResult = index.search(query, limit=limit, tz=datetime.now().astimezone().tzinfo or UTC)
    return CaseSearch(tuple(_present(session, actor, result.hits)), result.total, result.query)


def similar_cases(session: Session, actor: Actor, index: SearchIndex, number: int, limit: int = 5) -> list[CaseHit]:
    """Past cases most like this ticket (more-like-this on its text), for the agent working on it."""
    require(actor, Action.VIEW_TICKETS)
    # Only finished cases show how the problem was answered; open look-alikes are noise here.
    hits = [h for h in index.more_like_this(number, limit=limit * 4) if h.status in ("resolved", "closed")]
    return _present(session, actor, hits[:limit])


__all__ = [
    "CaseHit",
    "CaseSearch",
    "IndexBusy",
    "all_ticket_docs",
    "ensure_index",
    "masks_personal_data",
    "pending_changes",
    "rebuild_index",
    "search_cases",
    "similar_cases",
    "sync_index",
    "ticket_docs",
]
