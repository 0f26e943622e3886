"""Dates in ``created:`` / ``updated:`` filters.

A date may be a year, a month or a day (2026, 2026-01, 2026-01-15, 2026/1/15,
2026年1月15日). Every form names a period, and comparisons use the period the
way a person reads them: ``>2026-01`` means "after January", so from 1 February;
``2026-01..2026-03`` runs from 1 January to the end of March.
"""

from __future__ import annotations

import re
from datetime import date

from search_index.errors import QueryError

_NUMERIC = re.compile(r"(\d{4})(?:[-/.](\d{1,2})(?:[-/.](\d{1,2}))?)?")
_JAPANESE = re.compile(r"(\d{4})年(?:(\d{1,2})月(?:(\d{1,2})日?)?)?")

Period = tuple[date, date]  # [start, end): end is the first day after the period


def _hint(field: str, text: str) -> QueryError:
    return QueryError(
        'Can\'t read the date "{text}" in {field}: — use YYYY-MM-DD or YYYY-MM, '
        "e.g. {field}:>2026-01-01 or {field}:2026-01..2026-03",
        text=text,
        field=field,
    )


def _next_month(year: int, month: int) -> date:
    return date(year + 1, 1, 1) if month == 12 else date(year, month + 1, 1)


def parse_period(field: str, text: str) -> Period:
    """The days named by ``text`` as a half-open [start, end) range."""
    m = _NUMERIC.fullmatch(text) or _JAPANESE.fullmatch(text)
    if not m:
        raise _hint(field, text)
    year, month, day = (int(g) if g else None for g in m.groups())
    assert year is not None  # the pattern requires it
    try:
        if month is None:
            return date(year, 1, 1), date(year + 1, 1, 1)
        if day is None:
            return date(year, month, 1), _next_month(year, month)
        start = date(year, month, day)
        return start, date.fromordinal(start.toordinal() + 1)
    except (ValueError, OverflowError):
        raise _hint(field, text) from None


def parse_date_filter(field: str, value: str) -> tuple[date | None, date | None]:
    """``value`` of a date filter as (start, end) bounds; None means open-ended.

    The range includes ``start`` and excludes ``end``.
    """
    for op in (">=", "<=", ">", "<"):
        if value.startswith(op):
            rest = value[len(op) :]
            if not rest:
                raise _hint(field, value)
            start, end = parse_period(field, rest)
            return {">=": (start, None), "<=": (None, end), ">": (end, None), "<": (None, start)}[op]
    if ".." in value:
        left, _, right = value.partition("..")
        if not left and not right:
            raise _hint(field, value)
        low = parse_period(field, left)[0] if left else None
        high = parse_period(field, right)[1] if right else None
        if low is not None and high is not None and low >= high:
            raise QueryError(
                "{field}:{value} ends before it starts — write the earlier date first", field=field, value=value
            )
        return low, high
    return parse_period(field, value)
