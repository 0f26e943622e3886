"""Finding the values held for known people in folded text, and the spans found merged into one per value.

The trainers' masking (masker.py) and erasure (services/personal_values.py) both look for the forms that people.py
derives from what the desk holds; they differ only in which forms they look for and where a weak form counts.
Known values are found with plain string search, indexed by their first character, rather than one compiled regex:
compiling a pattern of a few hundred names took 150 ms per company, longer than masking all its tickets.
"""

from __future__ import annotations

import re
from collections import defaultdict
from collections.abc import Iterable, Iterator

from supportdesk.masking import patterns
from supportdesk.masking.fold import Folded
from supportdesk.masking.kinds import PHONE, POSTAL
from supportdesk.masking.people import Literal

Span = tuple[int, int, str]

HONORIFIC_AFTER = re.compile(rf"\s?(?:{patterns.HONORIFICS})|[\s\-]?(?:sama|san|kun|chan|sensei|dono)(?![a-z])")
_TITLE_BEFORE = re.compile(r"(?<![a-z])(?:mr|ms|mrs|miss|dear|dr)\.?\s+$")
# Someone introducing themselves in their own message: 林です, 林と申します, 林より.
_SELF_INTRODUCTION = re.compile(r"\s?(?:です|と申します|と申しま|でございます|と言います|といいます|より)")
_ALNUM = frozenset("abcdefghijklmnopqrstuvwxyz0123456789")
_SEPARATOR = frozenset(" -.()/")
_GAP = re.compile(r"[^0-9]+")


class KnownValues:
    """The folded forms of some people's values (people.Forms), ready to be found in folded text."""

    def __init__(self, literals: Iterable[Literal], phones: Iterable[str], postal_codes: Iterable[str]) -> None:
        self.literals: dict[str, Literal] = {literal.text: literal for literal in literals}
        self._by_first: dict[str, list[Literal]] = defaultdict(list)
        for literal in sorted(self.literals.values(), key=lambda lit: -len(lit.text)):
            self._by_first[literal.text[0]].append(literal)
        phones = set(phones)
        # A phone is also written without its area code (5555-1111): its last eight digits.
        self._numbers = sorted({*phones, *(d[-8:] for d in phones if len(d) >= 10), *postal_codes}, key=len)

    def __bool__(self) -> bool:
        return bool(self.literals or self._numbers)

    def literal_matches(self, names: str) -> Iterator[tuple[int, Literal]]:
        """Where each literal stands in ``names`` (``Folded.names``); romaji and e-mails only as whole words."""
        for first in self._by_first.keys() & set(names):
            for literal in self._by_first[first]:
                pos = names.find(literal.text)
                while pos != -1:
                    end = pos + len(literal.text)
                    if not literal.latin or not (
                        (pos and names[pos - 1] in _ALNUM) or (end < len(names) and names[end] in _ALNUM)
                    ):
                        yield pos, literal
                    pos = names.find(literal.text, pos + 1)

    def number_spans(self, light: str) -> Iterator[Span]:
        """Phones (whole, international, or without the area code) and postal codes, however their digits are
        separated (one or two of ``-.()/`` and spaces between digits; ``Folded.light`` has kanji digits as digits)."""
        if not self._numbers:
            return
        digits = [(i, ch) for i, ch in enumerate(light) if ch.isdigit()]
        run = "".join(ch for _, ch in digits)
        for number in self._numbers:
            at = run.find(number)
            while at != -1:
                first, last = digits[at][0], digits[at + len(number) - 1][0]
                gaps = _GAP.findall(light[first : last + 1])
                whole = (first == 0 or not light[first - 1].isdigit()) and (
                    last + 1 >= len(light) or not light[last + 1].isdigit()
                )
                if whole and all(len(g) <= 2 and set(g) <= _SEPARATOR for g in gaps):
                    if number.startswith("81") and first and light[first - 1] == "+":
                        first -= 1  # +81 3-5555-1111: the plus belongs to the number
                    yield first, last + 1, POSTAL if len(number) == 7 else PHONE
                at = run.find(number, at + 1)


def named_here(f: Folded, start: int, end: int, *, own_message: bool) -> bool:
    """The text uses the value at [start, end) of ``f`` as a name: an honorific after it (林様), Mr. before it, or, in
    the person's ``own_message``, introducing themselves (林です)."""
    if HONORIFIC_AFTER.match(f.light, end) or _TITLE_BEFORE.search(f.light, max(0, start - 8), start):
        return True
    return own_message and bool(_SELF_INTRODUCTION.match(f.light, end))


def merge_spans(spans: Iterable[Span]) -> list[Span]:
    """Overlapping spans as one, of the kind that covers most of it."""
    merged: list[tuple[int, int, str, int]] = []
    for start, end, kind in sorted(spans, key=lambda s: (s[0], -s[1])):
        if merged and start < merged[-1][1]:
            s0, e0, k0, w0 = merged[-1]
            bigger = (kind, end - start) if end - start > w0 else (k0, w0)
            merged[-1] = (s0, max(e0, end), *bigger)
        else:
            merged.append((start, end, kind, end - start))
    return [(s, e, k) for s, e, k, _ in merged]
