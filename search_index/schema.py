"""The whoosh schema: one document per ticket, and how a TicketDoc maps onto it."""

from __future__ import annotations

import json
import zlib
from dataclasses import dataclass
from datetime import UTC, datetime
from typing import Any, cast

from whoosh.analysis import Analyzer
from whoosh.fields import BOOLEAN, DATETIME, ID, KEYWORD, STORED, TEXT, Schema

from search_index.analysis import SECTION_BREAK, SupportDeskAnalyzer
from search_index.documents import PLACEHOLDER, EntryDoc, MaskedDoc, TicketDoc
from search_index.normalize import normalize_value

# Bump when the fields or the way a TicketDoc fills them change: an index with
# another version reports needs_rebuild.
SCHEMA_VERSION = 4

# Free text is one field, "all": the subject, the notes (exemplary summary and resolution note) and the text (the
# thread plus the customer, company and product names), as sections whose words weigh differently. The subject
# says what a ticket is about and the notes are curated; a word deep in a long thread counts less. One field to
# look each word up in, not seven, is what keeps searches of common words fast at 300k tickets
# (docs/PERFORMANCE.md); SupportDeskAnalyzer explains how the weights work.
TEXT_FIELD = "all"
# The same sections with personal data masked, for trainers: a field that never held the personal data, so no
# search of theirs can find a ticket by a name, a phone or an address. Its tags and stored texts are masked too.
MASKED_TEXT_FIELD = "masked"
MASKED_TAGS_FIELD = "masked_tags"
MASKED_PAYLOAD = "masked_payload"
SECTION_BOOSTS: dict[str, float] = {"subject": 3.0, "notes": 1.75, "text": 1.0}

# Names behind the customer:/company:/product: filters (also in the "text" section).
NAME_FIELDS = ("customer", "company", "product")

# Exact-value fields (normalised with normalize_value) behind the filters.
KEYWORD_FIELDS = ("status", "inquiry_type", "channel", "priority", "agent")

# Stored for unassigned tickets so "agent:none" can find them.
UNASSIGNED = "-"


def build_schema(tokenizer_name: str) -> Schema:
    # whoosh takes any Tokenizer as a field's analyzer (fields._check_analyzer), though TEXT's hint says Analyzer.
    sections = cast(
        Analyzer, SupportDeskAnalyzer(tokenizer_name, pairs=True, section_boosts=tuple(SECTION_BOOSTS.values()))
    )
    plain = cast(Analyzer, SupportDeskAnalyzer(tokenizer_name))
    text_fields = {
        TEXT_FIELD: TEXT(analyzer=sections, phrase=True),
        MASKED_TEXT_FIELD: TEXT(analyzer=sections, phrase=True),
    }
    text_fields |= {name: TEXT(analyzer=plain, phrase=True) for name in NAME_FIELDS}
    return Schema(
        ticket_id=ID(stored=True, unique=True),
        status=ID,
        inquiry_type=ID,
        channel=ID,
        priority=ID,
        agent=ID,
        tags=KEYWORD(commas=True, scorable=True),
        masked_tags=KEYWORD(commas=True, scorable=True),
        exemplary=BOOLEAN,
        created=DATETIME(sortable=True),
        updated=DATETIME(sortable=True),
        payload=STORED,
        masked_payload=STORED,
        **text_fields,
    )


def to_index_time(value: datetime) -> datetime:
    """whoosh drops tzinfo without converting: convert to UTC first, then drop it."""
    if value.tzinfo is None:
        raise ValueError(f"naive datetime {value!r}: TicketDoc times must be aware (UTC)")
    return value.astimezone(UTC).replace(tzinfo=None)


@dataclass(frozen=True)
class StoredTicket:
    """What a hit needs to show itself and its snippets, without the database."""

    ticket_id: int
    subject: str
    status: str
    inquiry_type: str
    summary: str
    resolution: str
    entries: tuple[tuple[int, str, str], ...]  # (entry_id, kind, body)

    def all_text(self) -> str:
        bodies = "\n".join(body for _, _, body in self.entries)
        return "\n".join((self.subject, self.summary, self.resolution, bodies))


def encode_payload(doc: TicketDoc) -> bytes:
    # zlib'd JSON rather than pickled objects: compact (threads repeat a lot of
    # text), and readable by any future version of this code.
    data = {
        "s": doc.subject,
        "st": doc.status,
        "t": doc.inquiry_type,
        "sum": doc.exemplary_summary,
        "res": doc.resolution_note,
        "e": [[e.entry_id, e.kind, e.body] for e in doc.entries],
    }
    return zlib.compress(json.dumps(data, ensure_ascii=False, separators=(",", ":")).encode(), 6)


def decode_payload(ticket_id: int, blob: bytes) -> StoredTicket:
    data = json.loads(zlib.decompress(blob))
    return StoredTicket(
        ticket_id=ticket_id,
        subject=data["s"],
        status=data["st"],
        inquiry_type=data["t"],
        summary=data["sum"],
        resolution=data["res"],
        entries=tuple((int(i), str(k), str(b)) for i, k, b in data["e"]),
    )


def _keyword_list(values: tuple[str, ...]) -> str:
    # KEYWORD(commas=True) splits on commas, so a comma inside a tag must go.
    cleaned = (normalize_value(v).replace(",", " ") for v in values)
    return ",".join(v for v in cleaned if v)


def _join_sections(subject: str, notes: tuple[str, ...], text: tuple[str, ...]) -> str:
    # A separator typed into a ticket would shift the sections: it becomes a space.
    parts = ("\n".join(p for p in part if p).replace(SECTION_BREAK, " ") for part in ((subject,), notes, text))
    return SECTION_BREAK.join(parts)


def _sections(doc: TicketDoc) -> str:
    """The "all" field's value: subject, notes and text, in SECTION_BOOSTS order."""
    notes = (doc.exemplary_summary, doc.resolution_note)
    text = (*(entry.body for entry in doc.entries), doc.customer_name, doc.company_name, *doc.product_names)
    return _join_sections(doc.subject, notes, text)


def _masked_sections(masked: MaskedDoc, products: tuple[str, ...]) -> str:
    """The masked field's value: the masked texts, placeholders dropped (never a term), no names of people."""
    value = _join_sections(
        masked.subject, (masked.exemplary_summary, masked.resolution_note), (*masked.entry_bodies, *products)
    )
    return PLACEHOLDER.sub(" ", value)


def masked_stored(doc: TicketDoc) -> TicketDoc | None:
    """The ticket as a trainer's hit shows it: its masked texts in place of the originals."""
    m = doc.masked
    if m is None:
        return None
    entries = tuple(
        EntryDoc(e.entry_id, e.kind, body, e.created) for e, body in zip(doc.entries, m.entry_bodies, strict=False)
    )
    return TicketDoc(
        ticket_id=doc.ticket_id,
        subject=m.subject,
        status=doc.status,
        inquiry_type=doc.inquiry_type,
        channel=doc.channel,
        priority=doc.priority,
        customer_name="",
        company_name="",
        product_names=doc.product_names,
        agent=doc.agent,
        created=doc.created,
        updated=doc.updated,
        exemplary_summary=m.exemplary_summary,
        resolution_note=m.resolution_note,
        entries=entries,
    )


def doc_to_fields(doc: TicketDoc) -> dict[str, Any]:
    """The keyword arguments for ``writer.update_document`` for one ticket."""
    return {
        "ticket_id": str(doc.ticket_id),
        TEXT_FIELD: _sections(doc),
        "customer": doc.customer_name,
        "company": doc.company_name,
        "product": "\n".join(doc.product_names),
        "status": normalize_value(doc.status),
        "inquiry_type": normalize_value(doc.inquiry_type),
        "channel": normalize_value(doc.channel),
        "priority": normalize_value(doc.priority),
        "agent": normalize_value(doc.agent) or UNASSIGNED,
        "tags": _keyword_list(doc.tags),
        MASKED_TAGS_FIELD: _keyword_list(doc.masked.tags) if doc.masked else "",
        MASKED_TEXT_FIELD: _masked_sections(doc.masked, doc.product_names) if doc.masked else "",
        "exemplary": bool(doc.exemplary),
        "created": to_index_time(doc.created),
        "updated": to_index_time(doc.updated),
        "payload": encode_payload(doc),
        MASKED_PAYLOAD: encode_payload(masked) if (masked := masked_stored(doc)) else b"",
    }
