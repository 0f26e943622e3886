"""Full-text search of support tickets (whoosh + SudachiPy), plain data in and out.

This package never imports the database, the services or the UI: services turn
their rows into ``TicketDoc``s and show the ``SearchResult``s they get back.
"""

from search_index.documents import EntryDoc, Hit, MaskedDoc, SearchResult, Snippet, TicketDoc
from search_index.errors import IndexBusy, IndexMissing, QueryError, SearchIndexError
from search_index.index import SearchIndex
from search_index.query_syntax import filters_used, words_used

__all__ = [
    "EntryDoc",
    "Hit",
    "IndexBusy",
    "IndexMissing",
    "MaskedDoc",
    "QueryError",
    "SearchIndex",
    "SearchIndexError",
    "SearchResult",
    "Snippet",
    "TicketDoc",
    "filters_used",
    "words_used",
]
