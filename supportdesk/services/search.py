"""Full-text search of past cases: keeping the index in step with the database, and searching it.

Every service change that affects a ticket's searchable text adds a SearchOutbox row in the same transaction.
`sync_index` applies the outbox in id order and records how far it got (a SyncMark) in the index with the same
commit, so a crash or kill at any moment leaves work to redo (updates are idempotent), never a wrong index. The
outbox is shared by every machine's index on a team desk, so rows are not deleted when applied but pruned after
KEEP (`prune_outbox`, run by a caught-up sync that finds rows that old).
"""

import time
from collections import defaultdict
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, field, replace
from datetime import UTC, datetime, timedelta

from sqlalchemy import ColumnElement, func, or_
from sqlalchemy.orm import aliased
from sqlmodel import Session, col, delete, select
from sqlmodel.sql.expression import Select

from search_index import (
    EntryDoc,
    Hit,
    IndexBusy,
    MaskedDoc,
    SearchIndex,
    SearchResult,
    Snippet,
    TicketDoc,
    filters_used,
    words_used,
)
from supportdesk import clock
from supportdesk.errors import NotAllowed
from supportdesk.i18n import msg
from supportdesk.masking import looks_like_contact, render
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
from supportdesk.services.attachments import attachment_text
from supportdesk.services.custom_fields import custom_filter
from supportdesk.services.masking import (
    TicketMasking,
    company_label,
    masks_personal_data,
    name_label,
    ticket_masking,
)
from supportdesk.services.reindex import queue_for_search

BATCH = 500


# ---- documents ---------------------------------------------------------------------------------------------


# Made once: an alias made per call is a reference cycle left to the collector (ticket_queries._ASSIGNEE).
_ASSIGNEE = aliased(User)


def ticket_docs(session: Session, ticket_ids: Iterable[int]) -> list[TicketDoc]:
    """Search documents for the given tickets (missing ids are skipped), in a handful of queries."""
    ids = sorted(set(ticket_ids))
    if not ids:
        return []
    # A ticket with its customer's, company's, assignee's and product's names (outer joins but the customer).
    query = Select[Ticket, str, str | None, str | None, str | None]
    rows = session.exec(
        query(Ticket, col(Customer.full_name), col(Company.name), col(_ASSIGNEE.login), col(Product.name))
        .join(Customer, col(Customer.id) == Ticket.customer_id)
        .outerjoin(Company, col(Company.id) == Customer.company_id)
        .outerjoin(_ASSIGNEE, col(_ASSIGNEE.id) == Ticket.assignee_id)
        .outerjoin(Purchase, col(Purchase.id) == Ticket.purchase_id)
        .outerjoin(Product, col(Product.id) == Purchase.product_id)
        .where(col(Ticket.id).in_(ids))
    ).all()
    entries: dict[int, list[EntryDoc]] = defaultdict(list)
    authors: dict[int, int | None] = {}
    files = attachment_text(session, ids)
    for entry in session.exec(
        select(TicketEntry).where(col(TicketEntry.ticket_id).in_(ids)).order_by(col(TicketEntry.id))
    ).all():
        assert entry.id is not None
        body = "\n".join([entry.body, *files.get(entry.id, ())]) if entry.id in files else entry.body
        entries[entry.ticket_id].append(EntryDoc(entry.id, str(entry.kind), body, entry.created_at))
        authors[entry.id] = entry.author_id
    maskings = ticket_masking(session, ids)
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
                masked=_masked_doc(maskings.get(ticket.id), ticket, entries[ticket.id], tags[ticket.id], authors),
            )
        )
    return docs


def _masked_doc(
    masking: TicketMasking | None,
    ticket: Ticket,
    entries: list[EntryDoc],
    tags: list[str],
    authors: dict[int, int | None],
) -> MaskedDoc | None:
    """The ticket's texts as trainers search them: each masked whole, with placeholders for the values."""
    if masking is None:
        return None
    return MaskedDoc(
        subject=masking.marked(ticket.subject),
        exemplary_summary=masking.marked(ticket.exemplary_summary),
        resolution_note=masking.marked(ticket.resolution_note),
        entry_bodies=tuple(masking.marked(e.body, masking.author(e.kind, authors.get(e.entry_id))) for e in entries),
        tags=tuple(masking.marked(tag) for tag in sorted(tags)),
    )


def all_ticket_docs(session: Session, batch: int = BATCH) -> Iterator[TicketDoc]:
    """Every ticket as a document, in batches, without loading the whole desk at once."""
    last = 0
    while True:
        page = select(col(Ticket.id)).where(col(Ticket.id) > last).order_by(col(Ticket.id)).limit(batch)
        ids = [i for i in session.exec(page) if i is not None]  # never None: a primary key
        if not ids:
            return
        yield from ticket_docs(session, ids)
        last = ids[-1]
        session.expunge_all()


def ticket_docs_by_owner(session: Session, batch: int = BATCH) -> Iterator[TicketDoc]:
    """Every ticket as a document, a company's tickets (or those of a customer with none) one after the other.

    The order a rebuild indexes in: a ticket's masker is built from its company's people, and building it costs
    more than masking the ticket's texts, so tickets that share one come together (masker_for keeps it).
    """
    owners = (
        select(col(Ticket.id))
        .join(Customer, col(Customer.id) == Ticket.customer_id)
        .order_by(col(Customer.company_id), col(Ticket.customer_id), col(Ticket.id))
    )
    ids = [i for i in session.exec(owners) if i is not None]  # never None: a primary key
    for start in range(0, len(ids), batch):
        chunk = ids[start : start + batch]
        docs = {doc.ticket_id: doc for doc in ticket_docs(session, chunk)}
        yield from (docs[i] for i in chunk if i in docs)
        session.expunge_all()


# ---- keeping the index in step -----------------------------------------------------------------------------

# Outbox rows are kept for indexes on other machines (a team desk on PostgreSQL: every agent's machine has its own
# index) and pruned after KEEP; an index that has not synced for about that long is rebuilt instead.
KEEP = timedelta(days=14)
# An id missing between two applied ones may belong to a transaction that has not committed yet (PostgreSQL hands
# sequence numbers out at insert, so a later id can commit first): it is looked for again for GAP_WAIT.
GAP_WAIT = timedelta(minutes=10)
_MAX_GAPS = 10_000  # a longer run of missing ids is rolled-back work or a sequence jump, not pending commits


@dataclass
class SyncMark:
    """How far one index has caught up with the outbox; recorded in the index with each commit."""

    upto: int = 0  # every row up to this id is applied, except the gaps
    gaps: dict[int, float] = field(default_factory=dict)  # missing id -> when it was first missed (epoch seconds)
    synced_at: float | None = None  # None: an index from before marks (when applied rows were deleted)

    @classmethod
    def of(cls, index: SearchIndex) -> "SyncMark":
        state = index.sync_state()
        try:
            gaps = {int(k): float(v) for k, v in dict(state.get("gaps", {})).items()}
            synced = state.get("synced_at")
            return cls(int(state.get("upto", 0)), gaps, None if synced is None else float(synced))
        except (TypeError, ValueError):
            return cls()  # unreadable: start from the rows still queued, as an index from before marks did

    def state(self) -> dict[str, object]:
        return {"upto": self.upto, "gaps": {str(k): v for k, v in self.gaps.items()}, "synced_at": self.synced_at}

    def pending(self) -> ColumnElement[bool]:
        """The SQL condition for the outbox rows this index has not applied yet."""
        waiting = col(SearchOutbox.id) > self.upto
        return or_(waiting, col(SearchOutbox.id).in_(sorted(self.gaps))) if self.gaps else waiting

    def advanced(self, ids: list[int], now: float) -> "SyncMark":
        """The mark after applying the rows ``ids`` (the first rows of ``pending()`` in id order)."""
        seen = set(ids)
        upto = max(self.upto, *ids)
        gaps = {g: t for g, t in self.gaps.items() if g not in seen and now - t < GAP_WAIT.total_seconds()}
        gaps |= {i: now for i in range(max(self.upto + 1, upto - _MAX_GAPS), upto) if i not in seen}
        return SyncMark(upto, gaps, now)


def pending_changes(session: Session, index: SearchIndex) -> int:
    """Queued changes this index has not applied yet."""
    mark = SyncMark.of(index)
    return int(session.exec(select(func.count()).select_from(SearchOutbox).where(mark.pending())).one())


def sync_index(session: Session, index: SearchIndex, batch: int = BATCH) -> int:
    """Apply queued changes to the index; returns how many tickets were (re)indexed or removed.

    Raises IndexBusy when another process is writing the index: the work stays queued for the next run.
    """
    applied = 0
    mark = SyncMark.of(index)
    while True:
        rows = session.exec(
            Select[int, int, bool](col(SearchOutbox.id), col(SearchOutbox.ticket_id), col(SearchOutbox.purge))
            .where(mark.pending())
            .order_by(col(SearchOutbox.id))
            .limit(batch)
        ).all()
        if not rows:
            _note_idle(session, index, mark)
            return applied
        wanted = {r[1] for r in rows}
        docs = ticket_docs(session, wanted)
        gone = wanted - {d.ticket_id for d in docs}
        mark = mark.advanced([r[0] for r in rows], time.time())
        # The mark is recorded with the index commit: a crash before it leaves the work to redo (idempotent).
        if any(r[2] for r in rows):
            # An erasure: no old copy of these tickets may stay in a segment or an older generation.
            index.purge(docs, gone, mark.state())
        else:
            index.apply(docs, gone, mark.state())
        # Another indexer of the same index (a second app instance) may have written an older state of these
        # tickets after ours, having read them before this change: queue whatever we wrote that is out of date.
        session.expire_all()
        stale = set(docs) - set(ticket_docs(session, wanted))
        if stale:
            queue_for_search(session, (d.ticket_id for d in stale))
            session.commit()
        session.rollback()  # end the read transaction, so the next batch sees what committed since
        applied += len(wanted)


def _note_idle(session: Session, index: SearchIndex, mark: SyncMark) -> None:
    """Caught up: drop waited-out gaps, note hourly that the index was current, prune the outbox when it is due."""
    now = time.time()
    idle = mark.advanced([mark.upto], now)
    if idle.gaps != mark.gaps or mark.synced_at is None or now - mark.synced_at > 3600:
        index.apply(sync_state=idle.state())
    oldest = session.exec(select(SearchOutbox.queued_at).order_by(col(SearchOutbox.id)).limit(1)).first()
    # Stored times are UTC; SQLite gives them back without a zone.
    if oldest is not None and oldest.replace(tzinfo=oldest.tzinfo or UTC) < datetime.now(UTC) - KEEP:
        prune_outbox(session)


def prune_outbox(session: Session, now: datetime | None = None) -> int:
    """Delete outbox rows older than KEEP (every index has applied them or is rebuilt); returns how many."""
    cutoff = (now or datetime.now(UTC)) - KEEP
    newest = session.exec(select(func.max(SearchOutbox.id))).one()
    if newest is None:
        return 0
    # The newest row stays: SQLite numbers a new row max(id) + 1, so an emptied table would hand out ids that
    # indexes have already passed.
    old = delete(SearchOutbox).where(col(SearchOutbox.queued_at) < cutoff, col(SearchOutbox.id) < newest)
    removed = session.exec(old).rowcount
    session.commit()
    return int(removed or 0)


def rebuild_index(session: Session, index: SearchIndex, progress: Callable[[int, int], None] | None = None) -> int:
    """Rebuild the whole index from the database (into a new directory, swapped in when complete).

    Changes made during the rebuild stay in the outbox and are applied after it, so nothing is missed.
    """
    upto = session.exec(select(func.max(SearchOutbox.id))).one() or 0
    # Ids below `upto` not in the table yet may still commit: the rebuilt index waits for them like any gap.
    recent = set(session.exec(select(SearchOutbox.id).where(col(SearchOutbox.id) > upto - _MAX_GAPS)))
    now = time.time()
    mark = SyncMark(upto, {i: now for i in range(max(1, upto - _MAX_GAPS + 1), upto) if i not in recent}, now)
    total = int(session.exec(select(func.count()).select_from(Ticket)).one())
    count = index.rebuild(
        ticket_docs_by_owner(session),
        total=total,
        progress=(lambda done: progress(done, total)) if progress else None,
        sync_state=mark.state(),
    )
    session.rollback()
    sync_index(session, index)
    return count


def _out_of_step(session: Session, mark: SyncMark) -> str | None:
    """Why the index cannot catch up through the outbox, if it cannot."""
    if mark.synced_at is None:
        return None  # from before marks: every row it needs is still queued
    newest, oldest = session.exec(select(func.max(SearchOutbox.id), func.min(SearchOutbox.id))).one()
    if mark.upto and (newest or 0) < mark.upto:
        return "the database is older than the index (restored from a backup?)"
    out_of_reach = (datetime.now(UTC) - KEEP + GAP_WAIT).timestamp()
    if mark.synced_at < out_of_reach and (oldest is None or oldest > mark.upto + 1):
        return "not synced since changes it needed were pruned from the outbox"
    return None


def ensure_index(session: Session, index: SearchIndex) -> int:
    """On start: rebuild when the index is missing or stale (new analyzer, fewer docs than tickets, cannot catch up
    through the outbox), else sync."""
    reason = _out_of_step(session, SyncMark.of(index))
    if reason:
        index.rebuild_reason = reason
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


def _names(session: Session, ticket_ids: Iterable[int]) -> dict[int, tuple[str, str]]:
    rows = session.exec(
        Select[int, str, str | None](col(Ticket.id), col(Customer.full_name), col(Company.name))
        .join(Customer, col(Customer.id) == Ticket.customer_id)
        .outerjoin(Company, col(Company.id) == Customer.company_id)
        .where(col(Ticket.id).in_(list(ticket_ids)))
    ).all()
    return {ticket_id: (name, company or "") for ticket_id, name, company in rows if ticket_id is not None}


def _shown(hit: Hit) -> Hit:
    """A hit from the masked fields with its placeholders read as labels (〇〇, [電話番号]) in the reader's language."""
    return replace(
        hit,
        subject=render(hit.subject),
        snippets=tuple(
            Snippet(s.entry_id, s.kind, tuple((render(text), match) for text, match in s.segments))
            for s in hit.snippets
        ),
    )


def _present(session: Session, actor: Actor, hits: Iterable[Hit]) -> list[CaseHit]:
    hits = list(hits)
    names = _names(session, (h.ticket_id for h in hits))
    if masks_personal_data(actor):
        # These hits came from the masked fields: their texts never held the personal data.
        return [
            CaseHit(_shown(h), name_label(), company_label() if names.get(h.ticket_id, ("", ""))[1] else "")
            for h in hits
        ]
    return [CaseHit(h, *names.get(h.ticket_id, ("", ""))) for h in hits]


@dataclass(frozen=True)
class CaseSearch:
    hits: tuple[CaseHit, ...]
    total: int
    query: str
    total_exact: bool = True  # False: more than `total` (counting stops there)


def _refuse_personal_search(query: str) -> None:
    """A trainer's search may not look for a person: no customer:/company: filter, no phone number or e-mail."""
    if filters_used(query) & {"customer", "company"}:
        raise NotAllowed(
            msg("Trainers search cases without the people in them: customer: and company: cannot be used.")
        )
    if any(looks_like_contact(word) for word in words_used(query)):
        raise NotAllowed(
            msg("Trainers cannot search by phone number or e-mail address: cases are searched without personal data.")
        )


def search_cases(session: Session, actor: Actor, index: SearchIndex, query: str, limit: int = 20) -> CaseSearch:
    """Search past cases; a query that cannot be understood is refused with Invalid("query", hint).

    Trainers search the masked copy of the texts (it never held the personal data), and may not search for a
    person (NotAllowed): no customer:/company: filters, phone numbers or e-mail addresses.
    """
    require(actor, Action.VIEW_TICKETS)
    masked = masks_personal_data(actor)
    query, only = custom_filter(session, query, masked)
    if masked:
        _refuse_personal_search(query)
    # Date filters (created:2026-11) mean calendar days on the desk's clock, not in UTC nor the machine's zone.
    tz = clock.desk_zone()
    result: SearchResult = index.search(query, limit=limit, tz=tz, masked=masked, only=only)
    return CaseSearch(tuple(_present(session, actor, result.hits)), result.total, result.query, result.total_exact)


def similar_cases(session: Session, actor: Actor, index: SearchIndex, number: int, limit: int = 5) -> list[CaseHit]:
    """Past cases most like this ticket (more-like-this on its text), for the agent working on it."""
    require(actor, Action.VIEW_TICKETS)
    # Only finished cases show how the problem was answered; open look-alikes are noise here.
    similar = index.more_like_this(
        number, limit=limit, statuses=("resolved", "closed"), masked=masks_personal_data(actor)
    )
    return _present(session, actor, similar)


__all__ = [
    "CaseHit",
    "CaseSearch",
    "IndexBusy",
    "all_ticket_docs",
    "ensure_index",
    "masks_personal_data",
    "pending_changes",
    "prune_outbox",
    "rebuild_index",
    "search_cases",
    "similar_cases",
    "sync_index",
    "ticket_docs",
    "ticket_docs_by_owner",
]
