"""The masking itself: find every personal value in a text, whole, and replace each with its marker.

Masking always runs on a whole text (a subject, a message, a note) before anything cuts it into a snippet or a
table cell, so no fragment of a value can survive a cut.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
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
_SEP = r"[\s\-.()/]{0,2}"


@dataclass(frozen=True)
class Author:
    """Who wrote a text: the customer, one of the desk's agents (by name), or nobody in particular."""

    customer: bool = False
    staff_name: str | None = None


NOBODY = Author()


_Trie = dict[str, "_Trie"]


def _trie(words: Iterable[str]) -> str:
    """One regex alternative for many literals, shaped as a trie so it stays fast with hundreds of them."""
    root: _Trie = {}
    for word in words:
        node = root
        for ch in word:
            node = node.setdefault(ch, {})
        node[""] = {}

    def emit(node: _Trie) -> str:
        branches = [re.escape(ch) + emit(child) for ch, child in sorted(node.items()) if ch]
        if not branches:
            return ""
        body = branches[0] if len(branches) == 1 else "(?:" + "|".join(branches) + ")"
        return f"(?:{body})?" if "" in node else body

    return emit(root)


class Masker:
    """Masks the personal data of one ticket's people (and anything shaped like personal data) in its texts."""

    def __init__(self, data: PersonalData) -> None:
        forms = Forms()
        for person in data.people:
            person_forms(person, forms)
        for company in data.companies:
            company_forms(company, forms)
        self._literals: dict[str, Literal] = forms.literals
        self._staff = staff_forms(data.staff)
        script = [w for w, lit in self._literals.items() if not lit.latin]
        latin = [w for w, lit in self._literals.items() if lit.latin]
        self._script = re.compile(_trie(sorted(script, key=len, reverse=True))) if script else None
        self._latin = re.compile(rf"(?<![a-z0-9])(?:{_trie(latin)})(?![a-z0-9])") if latin else None
        numbers = [
            *(_digits_pattern(d) for d in sorted(forms.phones)),
            *(_digits_pattern(d[-8:]) for d in sorted(forms.phones) if len(d) >= 10),
            *(rf"\+\s?81{_SEP}{_digits_pattern(d[1:])}" for d in sorted(forms.phones) if d.startswith("0")),
        ]
        self._phones = re.compile(rf"(?<![0-9])(?:{'|'.join(numbers)})(?![0-9])") if numbers else None
        codes = [rf"{c[:3]}\s?-?\s?{c[3:]}" for c in sorted(forms.postal_codes)]
        self._postal = re.compile(rf"(?<![0-9])(?:{'|'.join(codes)})(?![0-9])") if codes else None

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
        own = staff_forms([author.staff_name]) if author.staff_name else frozenset()
        for regex in (self._script, self._latin):
            if regex is None:
                continue
            for m in regex.finditer(f.names):
                literal = self._literals.get(m.group())
                if literal is None:
                    continue
                start, end = m.span()
                strong = literal.strong
                named = self._named_here(f, start, end, author)
                if literal.kind == NAME and m.group() in own and not _HONORIFIC_AFTER.match(f.light, end):
                    continue  # the agent's own name in their reply: 渡辺です
                if strong or named:
                    yield start, end, literal.kind

    def spans(self, text: str, author: Author = NOBODY) -> list[Span]:
        """Merged spans of ``text`` (original offsets) holding personal data, with the kind of each."""
        if not text:
            return []
        f = fold(text)
        found: list[Span] = list(self._literal_spans(f, author))
        if self._phones is not None:
            found += [(m.start(), m.end(), PHONE) for m in self._phones.finditer(f.light)]
        if self._postal is not None:
            found += [(m.start(), m.end(), POSTAL) for m in self._postal.finditer(f.light)]
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


def _digits_pattern(digits: str) -> str:
    return _SEP.join(digits)


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
