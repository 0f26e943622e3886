"""The masking itself: find every personal value in a text, whole, and replace each with its marker.

Masking always runs on a whole text (a subject, a message, a note) before anything cuts it into a snippet or a
table cell, so no fragment of a value can survive a cut.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from functools import lru_cache

from supportdesk.masking import patterns
from supportdesk.masking.fold import Folded, fold, fold_value
from supportdesk.masking.kinds import MARKERS, NAME, without_markers
from supportdesk.masking.known import HONORIFIC_AFTER, KnownValues, Span, merge_spans, named_here
from supportdesk.masking.people import Forms, PersonalData, company_forms, person_forms, staff_forms


@dataclass(frozen=True)
class Author:
    """Who wrote a text: the customer, one of the desk's agents (by name), or nobody in particular."""

    customer: bool = False
    staff_name: str | None = None


NOBODY = Author()


class Masker:
    """Masks the personal data of one ticket's people (and anything shaped like personal data) in its texts.

    Built once per set of people (a company's tickets share one).
    """

    def __init__(self, data: PersonalData) -> None:
        forms = Forms()
        for person in data.people:
            person_forms(person, forms)
        for company in data.companies:
            company_forms(company, forms)
        self._known = KnownValues(forms.literals.values(), forms.phones, forms.postal_codes)
        self._staff = _staff_forms_of_all(data.staff)

    def _is_staff(self, name: str) -> bool:
        folded = fold_value(name).strip()
        return folded in self._staff and folded not in self._known.literals

    def _literal_spans(self, f: Folded, author: Author) -> Iterable[Span]:
        own = _staff_forms_of(author.staff_name) if author.staff_name else frozenset()
        for start, literal in self._known.literal_matches(f.names):
            end = start + len(literal.text)
            if literal.kind == NAME and literal.text in own and not HONORIFIC_AFTER.match(f.light, end):
                continue  # the agent's own name in their reply: 渡辺です
            if literal.strong or named_here(f, start, end, own_message=author.customer):
                yield start, end, literal.kind

    def spans(self, text: str, author: Author = NOBODY) -> list[Span]:
        """Merged spans of ``text`` (original offsets) holding personal data, with the kind of each."""
        if not text:
            return []
        f = fold(text)
        found: list[Span] = list(self._literal_spans(f, author))
        found += self._known.number_spans(f.light)
        found += patterns.shapes(f.light)
        found += patterns.companies(f.light)
        found += patterns.honorific_names(f, self._is_staff)
        return merge_spans([(*f.span(s, e), kind) for s, e, kind in found if e > s])

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


@lru_cache(maxsize=512)
def masker_for(data: PersonalData) -> Masker:
    """The masker for one set of people, reused while they are the same (a customer's tickets share one)."""
    return Masker(data)
