"""The whoosh schema: one document per ticket, and how a TicketDoc maps onto it."""

from __future__ import annotations

import json
from array import array
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import UTC, datetime
from functools import cache
from typing import Any, cast

from whoosh.analysis import Analyzer
from whoosh.columns import NumericColumn
from whoosh.fields import BOOLEAN, COLUMN, DATETIME, ID, KEYWORD, TEXT, FieldType, Schema
from whoosh.formats import Existence

from search_index.analysis import GIVEN_SEP, SECTION_BREAK, GivenTerms, PreCut, SupportDeskAnalyzer
from search_index.columns import BlockBytesColumn
from search_index.documents import PLACEHOLDER, EntryDoc, TicketDoc
from search_index.normalize import normalize_value
from search_index.tokenizers import TextTokenizer, Token

# Bump when the fields or the way a TicketDoc fills them change: an index with
# another version reports needs_rebuild.
# 5: each stored text carries its tokens (snippets no longer run Sudachi at search time).
# 6: the free-text fields keep no positions; phrases of 3+ words are checked against each text's terms in order;
#    ticket numbers in a column (a search among given tickets).
# 7: one free-text field for everyone; a trainer's search leaves out each ticket's terms that only its personal data
#    holds (PERSONAL_FIELD), where a second, masked copy of every text and its pairs was indexed before.
# 8: the texts, the masked texts and where their tokens stand in one column value, the terms in order beside them,
#    compressed a few tickets at a time (columns.BlockBytesColumn).
# 9: the offsets in 16 bits where they fit; the ticket id no longer stored (the TICKET_NUMBER column has it).
SCHEMA_VERSION = 9

# Each stored text's tokens (subject, summary, resolution, then each entry).
TextsCut = tuple[tuple[Token, ...], ...]
# Where one text's terms stand: term -> [start, end, start, end, ...] (offsets in the text, in reading order).
Cut = dict[str, list[int]]

# Free text is one field, "all": the subject, the notes (exemplary summary and resolution note) and the text (the
# thread plus the customer, company and product names), as sections whose words weigh differently. The subject
# says what a ticket is about and the notes are curated; a word deep in a long thread counts less. One field to
# look each word up in, not seven, is what keeps searches of common words fast at 300k tickets
# (docs/PERFORMANCE.md); SupportDeskAnalyzer explains how the weights work.
TEXT_FIELD = "all"
# Trainers search the same field, less each ticket's personal terms: the terms (words, pairs) its texts hold with
# the personal data but not once it is masked, such as a name or a phone number and the pairs they make. A trainer's
# term matches a ticket only where the ticket's masked texts hold it too (query_compile.text_term), so no search of
# theirs can find a ticket by a name, a phone or an address; a ticket with no masked copy has every term here.
# A second, masked copy of every text was indexed for this before (schema 6): twice the postings and the pairs.
PERSONAL_FIELD = "personal"
MASKED_TAGS_FIELD = "masked_tags"
# A hit's texts (and the masked texts) with where their tokens stand, in a column compressed a few tickets at a time
# (search_index/columns.py), as are the terms in order: what tickets share is written once a block.
PAYLOAD = "payload"
# Each stored text's terms in reading order (search_index/stored_phrase.py): a column of its own per ticket, read
# only for the tickets a phrase of 3+ words may match; the masked texts' for a trainer's phrase.
TERMS_IN_ORDER = "terms_in_order"
MASKED_TERMS_IN_ORDER = "masked_terms_in_order"
# Each ticket's number as a column (8 bytes a ticket), read in one go per segment: search_index/ticket_set.py.
TICKET_NUMBER = "ticket_number"
# Between two terms of one text, and between two texts (no phrase runs from one text into the next).
TERM_SEP = "\x1f"
TEXT_SEP = "\x1f\x1e\x1f"
SECTION_BOOSTS: dict[str, float] = {"subject": 3.0, "notes": 1.75, "text": 1.0}

# Names behind the customer:/company:/product: filters (also in the "text" section).
NAME_FIELDS = ("customer", "company", "product")

# Exact-value fields (normalised with normalize_value) behind the filters.
KEYWORD_FIELDS = ("status", "inquiry_type", "channel", "priority", "agent")

# Stored for unassigned tickets so "agent:none" can find them.
UNASSIGNED = "-"


@cache
def text_analyzer(tokenizer_name: str) -> SupportDeskAnalyzer:
    """The free-text field's analyzer: sections weighed by SECTION_BOOSTS, each word with its pairs."""
    return SupportDeskAnalyzer(tokenizer_name, pairs=True, section_boosts=tuple(SECTION_BOOSTS.values()))


def build_schema(tokenizer_name: str) -> Schema:
    # whoosh takes any Tokenizer as a field's analyzer (fields._check_analyzer), though TEXT's hint says Analyzer.
    sections = cast(Analyzer, text_analyzer(tokenizer_name))
    plain = cast(Analyzer, SupportDeskAnalyzer(tokenizer_name))
    # No positions in the free-text fields: a word, a pair or an AND reads only which tickets hold a term and how
    # often; a phrase of 3+ words is checked against the texts' terms in order (search_index/stored_phrase.py).
    text_fields: dict[str, FieldType] = {
        TEXT_FIELD: TEXT(analyzer=sections, phrase=False),
        # Only whether a ticket holds a term: no frequency, no position, never scored.
        PERSONAL_FIELD: FieldType(Existence(), cast(Analyzer, GivenTerms()), scorable=False),
    }
    text_fields |= {column: COLUMN(BlockBytesColumn()) for column in (TERMS_IN_ORDER, MASKED_TERMS_IN_ORDER)}
    text_fields |= {name: TEXT(analyzer=plain, phrase=True) for name in NAME_FIELDS}
    return Schema(
        ticket_id=ID(unique=True),  # the number a hit shows comes from TICKET_NUMBER: nothing stored per ticket
        **{TICKET_NUMBER: COLUMN(NumericColumn("Q"))},
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
        **{PAYLOAD: COLUMN(BlockBytesColumn())},
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
    # The texts' terms as cut at index time: subject, summary, resolution, then each entry (None: not stored).
    cuts: tuple[Cut, ...] | None = None

    def all_text(self) -> str:
        bodies = "\n".join(body for _, _, body in self.entries)
        return "\n".join((self.subject, self.summary, self.resolution, bodies))

    def all_text_cut(self) -> str:
        """``all_text`` with its tokens from the stored cuts when there are some (no tokenizing: see PreCut)."""
        text = self.all_text()
        if self.cuts is None:
            return text
        pieces = (self.subject, self.summary, self.resolution, *(body for _, _, body in self.entries))
        tokens: list[Token] = []
        offset = 0
        for piece, cut in zip(pieces, self.cuts, strict=True):
            found = [(term, at[i], at[i + 1]) for term, at in cut.items() for i in range(0, len(at), 2)]
            tokens += [(term, start + offset, end + offset) for term, start, end in sorted(found, key=lambda t: t[1:])]
            offset += len(piece) + 1
        return PreCut.of(text, (tuple(tokens),))


def by_term(tokens: tuple[Token, ...]) -> Cut:
    """A text's tokens as where each term stands (what a snippet looks up)."""
    found: Cut = {}
    for term, start, end in tokens:
        if end > start:
            found.setdefault(term, []).extend((start, end))
    return found


def _offsets(cut: TextsCut, masked_cut: TextsCut) -> bytes:
    """Where each text's tokens stand, for each text in turn (the texts, then the masked texts): how many, then (from
    the end of the one before, length) per token; the terms themselves are the TERMS_IN_ORDER columns'. One byte
    says the numbers' type: 16 bits when every one fits (nearly every ticket), else 32."""
    numbers: list[int] = []
    for tokens in (*cut, *masked_cut):
        numbers.append(len(tokens))
        end = 0
        for _, start, stop in tokens:
            numbers += (start - end, stop - start)
            end = stop
    kind = "h" if all(-0x8000 <= n < 0x8000 for n in numbers) else "i"
    return kind.encode() + array(kind, numbers).tobytes()


def encode_payload(doc: TicketDoc, cut: TextsCut, masked: TicketDoc | None, masked_cut: TextsCut) -> bytes:
    """What a hit shows (its texts, and the masked texts when there are some) and where each text's tokens stand,
    as the PAYLOAD column keeps it (the column compresses it)."""
    data: dict[str, Any] = {
        "s": doc.subject,
        "st": doc.status,
        "t": doc.inquiry_type,
        "sum": doc.exemplary_summary,
        "res": doc.resolution_note,
        "e": [[e.entry_id, e.kind, e.body] for e in doc.entries],
    }
    if masked is not None:
        data["m"] = [masked.subject, masked.exemplary_summary, masked.resolution_note, [e.body for e in masked.entries]]
    # JSON never holds a NUL byte (it escapes control characters): the offsets follow one.
    text = json.dumps(data, ensure_ascii=False, separators=(",", ":")).encode()
    return text + b"\0" + _offsets(cut, masked_cut if masked is not None else ())


def _tokens_back(texts: list[str], terms: bytes, numbers: array[int], at: int) -> tuple[Cut, ...] | None:
    """Each text's tokens from its terms in order and the offsets from ``at``; None where they do not agree."""
    chunks = terms.decode().split(TEXT_SEP) if any(texts) else []
    if len(chunks) != sum(1 for text in texts if text):
        return None
    cuts: list[Cut] = []
    pending = iter(chunks)
    for text in texts:
        chunk = next(pending) if text else ""
        words = chunk.split(TERM_SEP) if chunk else []
        count = numbers[at] if at < len(numbers) else -1
        if count != len(words):
            return None
        tokens: list[Token] = []
        end = at + 1
        stop = 0
        for i, word in enumerate(words):
            start = stop + numbers[end + 2 * i]
            stop = start + numbers[end + 2 * i + 1]
            tokens.append((word, start, stop))
        cuts.append(by_term(tuple(tokens)))
        at = end + 2 * len(words)
    return tuple(cuts)


def _skipped(texts: int, numbers: array[int], at: int) -> int:
    """Where the offsets of the texts after the next ``texts`` ones start (each: its count, then two per token)."""
    for _ in range(texts):
        at += 1 + 2 * numbers[at] if at < len(numbers) else 0
    return at


def decode_payload(ticket_id: int, blob: bytes, terms: bytes, masked: bool) -> StoredTicket | None:
    """The stored ticket as an agent's hit shows it, or (``masked``) as a trainer's: None for a ticket with no
    masked texts. ``terms``: the ticket's TERMS_IN_ORDER, or its MASKED_TERMS_IN_ORDER for a trainer."""
    text, _, packed = blob.partition(b"\0")
    data = json.loads(text)
    numbers = array(packed[:1].decode() if packed[:1] in (b"h", b"i") else "i")
    numbers.frombytes(packed[1 : 1 + (len(packed) - 1) // numbers.itemsize * numbers.itemsize])
    entries = [(int(i), str(k), str(b)) for i, k, b in data["e"]]
    texts = [data["s"], data["sum"], data["res"], *(body for _, _, body in entries)]
    at = 0
    if masked:
        if "m" not in data:
            return None
        at = _skipped(len(texts), numbers, at)  # the masked texts' offsets follow the texts'
        subject, summary, resolution, bodies = data["m"]
        entries = [(i, k, str(b)) for (i, k, _), b in zip(entries, bodies, strict=False)]
        texts = [subject, summary, resolution, *(body for _, _, body in entries)]
    cuts = _tokens_back(texts, terms, numbers, at)
    return StoredTicket(
        ticket_id=ticket_id,
        subject=texts[0],
        status=data["st"],
        inquiry_type=data["t"],
        summary=texts[1],
        resolution=texts[2],
        entries=tuple(entries),
        cuts=cuts,
    )


def _keyword_list(values: tuple[str, ...]) -> str:
    # KEYWORD(commas=True) splits on commas, so a comma inside a tag must go.
    cleaned = (normalize_value(v).replace(",", " ") for v in values)
    return ",".join(v for v in cleaned if v)


def _indexed_text(text: str) -> str:
    # Placeholders of masked text are never a term (spaces of the same length: offsets stay those of the text),
    # and a separator typed into a ticket would shift the sections.
    return PLACEHOLDER.sub(" ", text.replace(SECTION_BREAK, " "))


def _cut_sections(
    doc: TicketDoc, tokenizer: TextTokenizer
) -> tuple[PreCut, TextsCut, tuple[tuple[Token, ...], ...], bytes]:
    """The free-text field's value with its tokens, and each stored text's terms, from one cut of each text.

    The texts are cut one by one (subject, summary, resolution, each entry, the names) and a section's tokens are
    its texts' tokens one after the other: Sudachi runs once per text for the index and the snippets alike.
    Also the names' tokens (customer, company, each product), for their own fields, and the stored texts' terms in
    reading order (``in_order``).
    """
    notes = (doc.exemplary_summary, doc.resolution_note)
    stored = (doc.subject, *notes, *(entry.body for entry in doc.entries))
    cut = {i: tuple(tokenizer.tokens(_indexed_text(text))) for i, text in enumerate(stored) if text}
    names = (doc.customer_name, doc.company_name, *doc.product_names)
    named = [tuple(tokenizer.tokens(_indexed_text(name))) if name else () for name in names]
    texts: list[str] = []
    tokens: list[tuple[Token, ...]] = []
    groups = ([0], [1, 2], list(range(3, len(stored))))
    for number, group in enumerate(groups):
        parts = [(_indexed_text(stored[i]), cut[i]) for i in group if stored[i]]
        if number == 2:
            parts += [(_indexed_text(n), t) for n, t in zip(names, named, strict=True) if n]
        joined: list[Token] = []
        offset = 0
        for text, found in parts:
            joined += [(term, start + offset, end + offset) for term, start, end in found]
            offset += len(text) + 1  # the line break between texts
        texts.append("\n".join(text for text, _ in parts))
        tokens.append(tuple(joined))
    value = PreCut.of(SECTION_BREAK.join(texts), tuple(tokens))
    order = in_order(cut[i] for i in range(len(stored)) if i in cut)
    return value, tuple(cut.get(i, ()) for i in range(len(stored))), tuple(named), order


def in_order(texts: Iterable[tuple[Token, ...]]) -> bytes:
    """Each text's terms in reading order, as the TERMS_IN_ORDER column holds them."""
    return TEXT_SEP.join(TERM_SEP.join(term for term, _, _ in tokens) for tokens in texts).encode()


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


def _joined_names(names: tuple[str, ...], cut: list[tuple[Token, ...]]) -> PreCut:
    """Names one a line, with their tokens (already cut) at their offsets in the joined value."""
    joined: list[Token] = []
    offset = 0
    for name, found in zip(names, cut, strict=True):
        joined += [(term, start + offset, end + offset) for term, start, end in found]
        offset += len(name) + 1
    return PreCut.of("\n".join(names), (tuple(joined),))


def personal_terms(analyzer: SupportDeskAnalyzer, value: str, masked_value: str | None) -> str:
    """The terms ``analyzer`` indexes for ``value`` but not for its masked copy (all of them without a masked copy),
    as PERSONAL_FIELD takes them."""
    personal = dict.fromkeys(analyzer.term_set(value))
    if masked_value is not None:
        for term in analyzer.term_set(masked_value):
            personal.pop(term, None)
    return GIVEN_SEP.join(personal)


def doc_to_fields(doc: TicketDoc, tokenizer: TextTokenizer) -> dict[str, Any]:
    """The keyword arguments for ``writer.update_document`` for one ticket (its texts cut with ``tokenizer``)."""
    masked = masked_stored(doc)
    # The masked texts are the texts but for the lines masking changed: those alone are cut again.
    with tokenizer.remembering():
        value, cuts, (customer, company, *products), order = _cut_sections(doc, tokenizer)
        masked_value, masked_cuts, _, masked_order = _cut_sections(masked, tokenizer) if masked else (None, (), (), b"")
    return {
        "ticket_id": str(doc.ticket_id),
        TICKET_NUMBER: int(doc.ticket_id),
        TEXT_FIELD: value,
        "customer": PreCut.of(doc.customer_name, (customer,)),
        "company": PreCut.of(doc.company_name, (company,)),
        "product": _joined_names(doc.product_names, products),
        "status": normalize_value(doc.status),
        "inquiry_type": normalize_value(doc.inquiry_type),
        "channel": normalize_value(doc.channel),
        "priority": normalize_value(doc.priority),
        "agent": normalize_value(doc.agent) or UNASSIGNED,
        "tags": _keyword_list(doc.tags),
        MASKED_TAGS_FIELD: _keyword_list(doc.masked.tags) if doc.masked else "",
        PERSONAL_FIELD: personal_terms(text_analyzer(tokenizer.name), value, masked_value),
        TERMS_IN_ORDER: order,
        MASKED_TERMS_IN_ORDER: masked_order,
        "exemplary": bool(doc.exemplary),
        "created": to_index_time(doc.created),
        "updated": to_index_time(doc.updated),
        PAYLOAD: encode_payload(doc, cuts, masked, masked_cuts),
    }
