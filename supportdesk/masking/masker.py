"""The masking itself: find every personal value in a text, whole, and replace each with its marker.

Masking always runs on a whole text (a subject, a message, a note) before anything cuts it into a snippet or a
table cell, so no fragment of a value can survive a cut.
"""

from __future__ import annotations

import re
from collections import defaultdict
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from functools import lru_cache

from supportdesk.masking import patterns
from supportdesk.masking.fold import Folded, fold, fold_value
from supportdesk.masking.kinds import MARKERS, NAME, PHONE, POSTAL, without_markers
from supportdesk.masking.people import Forms, Literal, PersonalData, company_forms, person_forms, staff_forms

Span = tuple[int, int, str]

_HONORIFIC_AFTER = re.compile(rf"\s?(?:{patterns.HONORIFICS})|[\s\-]?(?:sama|san|kun|chan|sensei|dono)(?![a-z])")
_TITLE_BEFORE = re.compile(r"(?<![a-z])(?:mr|ms|mrs|miss|dear|dr)\.?\s+$")
# A customer introducing themselves in their own message: 林です, 林と申します, 林より.
_SELF_INTRODUCTION = re.compile(r"\s?(?:です|と申します|と申しま|でございます|と言います|といいます|より)")
_ALNUM = frozenset("abcdefghijklmnopqrstuvwxyz0123456789")


@dataclass(frozen=True)
class Author:
    """Who wrote a text: the customer, one of the desk's agents (by name), or nobody in particular."""

    customer: bool = False
    staff_name: str | None = None


NOBODY = Author()


_SEPARATOR = frozenset(" -.()/")


class Masker:
    """Masks the personal data of one ticket's people (and anything shaped like personal data) in its texts.

    Built once per set of people (a company's tickets share one). Known values are looked up with plain string
    search, indexed by their first character, rather than compiled into a regex: compiling a pattern of a few
    hundred names took 150 ms per company, longer than masking all its tickets.
    """

    def __init__(self, data: PersonalData) -> None:
        forms = Forms()
        for person in data.people:
            person_forms(person, forms)
        for company in data.companies:
            company_forms(company, forms)
        self._literals: dict[str, Literal] = forms.literals
        self._staff = _staff_forms_of_all(data.staff)
        self._by_first: dict[str, list[Literal]] = defaultdict(list)
        for literal in sorted(self._literals.values(), key=lambda lit: -len(lit.text)):
            self._by_first[literal.text[0]].append(literal)
        self._numbers = sorted(
            {*forms.phones, *(d[-8:] for d in forms.phones if len(d) >= 10), *forms.postal_codes}, key=len
        )

    # -- finding -----------------------------------------------------------------------------------------------

    def _literal_matches(self, text: str) -> Iterator[tuple[int, Literal]]:
        for first in self._by_first.keys() & set(text):
            for literal in self._by_first[first]:
                pos = text.find(literal.text)
                while pos != -1:
                    end = pos + len(literal.text)
                    if not literal.latin or not (
                        (pos and text[pos - 1] in _ALNUM) or (end < len(text) and text[end] in _ALNUM)
                    ):
                        yield pos, literal
                    pos = text.find(literal.text, pos + 1)

    def _number_spans(self, light: str) -> Iterator[Span]:
        """Known phones (whole, or without the area code) and postal codes, however their digits are separated."""
        if not self._numbers:
            return
        digits = [(i, ch) for i, ch in enumerate(light) if ch.isdigit()]
        run = "".join(ch for _, ch in digits)
        for number in self._numbers:
            at = run.find(number)
            while at != -1:
                first, last = digits[at][0], digits[at + len(number) - 1][0]
                between = light[first : last + 1]
                gaps = re.findall(r"[^0-9]+", between)
                whole = (first == 0 or not light[first - 1].isdigit()) and (
                    last + 1 >= len(light) or not light[last + 1].isdigit()
                )
                if whole and all(len(g) <= 2 and set(g) <= _SEPARATOR for g in gaps):
                    yield first, last + 1, POSTAL if len(number) == 7 else PHONE
                at = run.find(number, at + 1)

    # -- finding -----------------------------------------------------------------------------------------------

    def _is_staff(self, name: str) -> bool:
        folded = fold_value(name).strip()
        return folded in self._staff and folded not in self._literals

    def _named_here(self, f: Folded, start: int, end: int, author: Author) -> bool:
        """The text uses the value at [start, end) as a name: an honorific after it, Mr. before it, 林です."""
        if _HONORIFIC_AFTER.match(f.light, end) or _TITLE_BEFORE.search(f.light, max(0, start - 8), start):
            return True
        return author.customer and bool(_SELF_INTRODUCTION.match(f.light, end))

    def _literal_spans(self, f: Folded, author: Author) -> Iterable[Span]:
        own = _staff_forms_of(author.staff_name) if author.staff_name else frozenset()
        for start, literal in self._literal_matches(f.names):
            end = start + len(literal.text)
            if literal.kind == NAME and literal.text in own and not _HONORIFIC_AFTER.match(f.light, end):
                continue  # the agent's own name in their reply: 渡辺です
            if literal.strong or self._named_here(f, start, end, author):
                yield start, end, literal.kind

    def spans(self, text: str, author: Author = NOBODY) -> list[Span]:
        """Merged spans of ``text`` (original offsets) holding personal data, with the kind of each."""
        if not text:
            return []
        f = fold(text)
        found: list[Span] = list(self._literal_spans(f, author))
        found += self._number_spans(f.light)
        found += patterns.shapes(f.light)
        found += patterns.companies(f.light)
        found += patterns.honorific_names(f, self._is_staff)
        return _merge([(*f.span(s, e), kind) for s, e, kind in found if e > s])

    def mask(self, text: str | None, author: Author = NOBODY) -> str:
        """``text`` with each personal value replaced by its marker (see kinds.render for the labels)."""
        if not text:
            return text or ""
        text = without_markers(text)
        out: list[str] = []
        pos = 0
        for start, end, kind in self.spans(text, author):
            out.append(text[pos:start])
            out.append(MARKERS[kind])
            pos = end
        out.append(text[pos:])
        return "".join(out)


@lru_cache(maxsize=256)
def _staff_forms_of(name: str) -> frozenset[str]:
    return staff_forms([name])


@lru_cache(maxsize=16)
def _staff_forms_of_all(names: tuple[str, ...]) -> frozenset[str]:
    return staff_forms(names)


def _merge(spans: list[Span]) -> list[Span]:
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


@lru_cache(maxsize=512)
def masker_for(data: PersonalData) -> Masker:
    """The masker for one set of people, reused while they are the same (a customer's tickets share one)."""
    return Masker(data)
