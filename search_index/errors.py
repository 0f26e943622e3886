"""Typed errors of the full-text search package.

Callers (services, CLI, UI) catch these and show ``hint`` or ``str(err)`` as one
clear line; nothing else escapes ``SearchIndex`` except programming errors.
"""

from __future__ import annotations


class SearchIndexError(Exception):
    """Base class for everything this package raises on purpose."""


class QueryError(SearchIndexError, ValueError):
    """The search text could not be understood.

    ``hint`` is written for a support person, not a programmer: it names the
    part of the query at fault and, where possible, what to type instead.
    It is English; ``template`` and ``params`` give it in the reader's
    language (the app's catalog holds every template: ``t(template, **params)``).
    What the user typed goes in ``params`` only, never in the template.
    """

    def __init__(self, template: str, /, **params: object) -> None:
        self.template = template
        self.params = params
        self.hint = template.format(**params) if params else template
        super().__init__(self.hint)


class IndexBusy(SearchIndexError):
    """Another process (or thread) holds the index write lock; retry later.

    Raised instead of waiting for ever, so an app process never hangs behind a
    long rebuild started elsewhere. Nothing was written when this is raised.
    """


class IndexMissing(SearchIndexError):
    """``SearchIndex.open(path, create=False)`` found no index at ``path``."""
