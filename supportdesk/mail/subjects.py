"""Subjects: the reply prefixes mailers add (Re:, 返信:, AW: …) and the desk's ticket tag [#123]."""

import re

_PREFIXES = re.compile(r"^\s*((re|fw|fwd|aw|wg|sv|vs|返信|転送|回答)\s*(\[\d+\]|\(\d+\))?\s*[:：]\s*)+", re.IGNORECASE)
TAG = re.compile(r"\[#(\d{1,9})\]")


def strip_prefixes(subject: str) -> str:
    return _PREFIXES.sub("", subject).strip()


def ticket_tag(subject: str) -> int | None:
    """The ticket number in a subject's [#123] tag, after any reply prefixes; None without one."""
    found = TAG.search(strip_prefixes(subject))
    return int(found.group(1)) if found else None
