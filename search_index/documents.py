"""Plain data passed in and out of the search index.

Deliberately free of ORM types: the services convert their rows to these
frozen dataclasses, and the UI/CLI render the results without knowing whoosh.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import datetime

ENTRY_KINDS = ("customer_message", "reply", "internal_note", "call_log", "status_change")

# Snippet kinds for text that is not a ticket entry (their entry_id is None).
SUBJECT_KIND = "subject"
SUMMARY_KIND = "exemplary_summary"
RESOLUTION_KIND = "resolution_note"


@dataclass(frozen=True)
class EntryDoc:
    """One message, note, call log or status change of a ticket."""

    entry_id: int
    kind: str  # one of ENTRY_KINDS
    body: str
    created: datetime  # aware, UTC


# In masked text, each character of the Private Use Area stands for a value that was masked (a name, a phone …).
# Placeholders are never indexed and never highlighted, so a search cannot land on one.
PLACEHOLDER = re.compile("[\ue000-\uf8ff]")


@dataclass(frozen=True)
class MaskedDoc:
    """The ticket's texts with personal data masked (placeholders in place of the values), for trainers' searches.

    Indexed into fields of their own, which never hold the personal data, and stored for their snippets.
    """

    subject: str
    exemplary_summary: str = ""
    resolution_note: str = ""
    entry_bodies: tuple[str, ...] = ()  # in the order of TicketDoc.entries
    tags: tuple[str, ...] = ()


@dataclass(frozen=True)
class TicketDoc:
    """Everything about one ticket that search can match or filter on."""

    ticket_id: int
    subject: str
    status: str
    inquiry_type: str
    channel: str
    priority: str
    customer_name: str
    company_name: str
    product_names: tuple[str, ...]
    agent: str  # assignee login, or "" when unassigned
    created: datetime  # aware, UTC
    updated: datetime  # aware, UTC
    tags: tuple[str, ...] = ()
    exemplary: bool = False
    exemplary_summary: str = ""
    resolution_note: str = ""
    entries: tuple[EntryDoc, ...] = ()
    masked: MaskedDoc | None = None  # None: trainers find nothing in this ticket


@dataclass(frozen=True)
class Snippet:
    """A short extract of one text with the matching words marked.

    ``segments`` alternates plain and matched text in reading order, so the UI
    can render it with Rich styles and the CLI with markers, without offsets.
    """

    entry_id: int | None  # None: subject, exemplary summary or resolution note
    kind: str  # an entry kind, or SUBJECT_KIND / SUMMARY_KIND / RESOLUTION_KIND
    segments: tuple[tuple[str, bool], ...]

    @property
    def text(self) -> str:
        return "".join(text for text, _ in self.segments)

    def marked(self, before: str = "[", after: str = "]") -> str:
        """The snippet as one string with matches wrapped, for CLI output and logs."""
        return "".join(f"{before}{t}{after}" if hit else t for t, hit in self.segments)


@dataclass(frozen=True)
class Hit:
    """One matching ticket; ``snippets`` show its best matching texts first."""

    ticket_id: int
    score: float
    subject: str
    status: str
    inquiry_type: str
    snippets: tuple[Snippet, ...]


@dataclass(frozen=True)
class SearchResult:
    """The hits shown (at most ``limit``) and how many tickets matched in all.

    Counting stops at TOTAL_CAP: ``total_exact`` is False then, and ``total`` means "more than this".
    """

    hits: tuple[Hit, ...]
    total: int
    query: str
    total_exact: bool = True
