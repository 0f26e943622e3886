"""One person's personal values in every form they are written, and their removal from text (for erasure).

Pure: no database. The forms come from the masking package (`supportdesk/masking/people.py`, the one place that
knows how names, readings, romaji, variant kanji, e-mails, phones, postal codes and addresses are written):
山田 太郎 / 山田太郎 / 山田様 / ﾔﾏﾀﾞ / やまだ / サトー / Yamada / Taro Yamada, 03-1234-5678 / ０３（１２３４）５６７８ /
+81 3 1234 5678 / 〇三-一二三四-五六七八 / 1234-5678, taro@… / ＴＡＲＯ＠…, 髙橋 / 高橋. Trainers' masking guesses at
people it does not know and keeps ordinary words; erasure removes the values of one person it does know, and this
module says which forms it removes where:

* ``every_form`` (the person's own rows): every form, parts of names included, anywhere; a one-character name
  part (林, 一) or a short romaji only where the text uses it as a name (林様, 林です), as masking does;
* otherwise (rows about other people, who may share a surname): only the forms that name the person by themselves
  — the whole name or reading in any script, order or spelling, the e-mail address, phones, postal code, address.

What erasure writes in place of a value is a fixed Japanese token, stored with the data (not a masking marker).
"""

import re
from collections.abc import Iterable
from datetime import date

import jaconv

from supportdesk.masking.fold import fold
from supportdesk.masking.kinds import ADDRESS, COMPANY, EMAIL, NAME, PHONE, POSTAL
from supportdesk.masking.known import KnownValues, Span, merge_spans, named_here
from supportdesk.masking.people import Forms, Literal, Person, person_forms
from supportdesk.normalize import clean

_SPACES = re.compile(r"\s{2,}")
OTHER = "other"  # a value of the record no pattern knows: an external reference, a birth date
TOKENS = {
    NAME: "〇〇",
    COMPANY: "[会社名]",
    PHONE: "[電話番号]",
    EMAIL: "[メール]",
    ADDRESS: "[住所]",
    POSTAL: "[郵便番号]",
    OTHER: "[削除済み]",
}


def date_forms(born: date | None) -> tuple[str, ...]:
    """A date as people write it (1985-03-12, 1985/03/12, 1985年3月12日)."""
    if born is None:
        return ()
    return (born.isoformat(), f"{born:%Y/%m/%d}", f"{born.year}年{born.month}月{born.day}日")


class PersonalValues:
    """The values to remove, found in any form, each replaced by its token."""

    def __init__(self, people: Iterable[Person], other: Iterable[str | None] = (), *, every_form: bool) -> None:
        held = tuple(people)
        forms = Forms()
        for person in held:
            person_forms(person, forms)
        if every_form:
            for value in other:
                if value and len(clean(value)) >= 3:
                    forms.add(clean(value), OTHER, True, latin=clean(value).isascii())
        literals = [lit for lit in forms.literals.values() if every_form or (lit.whole and lit.strong)]
        self._every_form = every_form
        self._known = KnownValues(literals, forms.phones, forms.postal_codes)
        self.surfaces = _surfaces(held, forms, literals)

    def spans(self, text: str) -> list[Span]:
        """Merged spans of ``text`` holding one of the values, with the kind of each."""
        if _SPACES.search(text):
            # 山田  太郎 (two spaces, or a space and an ideographic one) is the whole name too: matched with one space.
            single, starts = _one_space(text)
            return [(starts[s], starts[e - 1] + 1, k) for s, e, k in self.spans(single)]
        f = fold(text)
        found: list[Span] = []
        for start, literal in self._known.literal_matches(f.names):
            end = start + len(literal.text)
            taken = not self._every_form or literal.strong or len(literal.text) >= (3 if literal.latin else 2)
            if taken or named_here(f, start, end, own_message=True):
                found.append((start, end, literal.kind))
        found += self._known.number_spans(f.light)
        return merge_spans([(*f.span(s, e), kind) for s, e, kind in found if e > s])

    def scrub(self, text: str | None) -> str | None:
        """``text`` with every value replaced by its token (None stays None)."""
        if not text or not self._known:
            return text
        out: list[str] = []
        at = 0
        for start, end, kind in self.spans(text):
            out.append(text[at:start])
            out.append(TOKENS[kind])
            at = end
        out.append(text[at:])
        return "".join(out)


def _one_space(text: str) -> tuple[str, list[int]]:
    """``text`` with each run of white space as one, and where each of its characters stood in ``text``."""
    out: list[str] = []
    starts: list[int] = []
    at = 0
    for m in _SPACES.finditer(text):
        out.append(text[at : m.start() + 1])
        starts.extend(range(at, m.start() + 1))
        at = m.end()
    out.append(text[at:])
    starts.extend(range(at, len(text)))
    return "".join(out), starts


def _surfaces(people: tuple[Person, ...], forms: Forms, literals: list[Literal]) -> set[str]:
    """Forms as they may be stored, for a database prefilter (LIKE cannot fold widths, scripts or variant kanji):
    each form as given and folded, kana in half width too, names with an ideographic space; phones and postal codes
    as on file and as bare digits."""
    found: set[str] = set()
    for literal in literals:
        for written in {literal.text, *forms.written.get(literal.text, ())}:
            half_width = jaconv.z2h(written, kana=True, ascii=False, digit=False)
            found.update((written, written.replace(" ", "\u3000"), half_width))
    for person in people:
        for number in (*person.phones, *person.postal_codes):
            digits = "".join(ch for ch in clean(number) if ch.isdigit())
            found.update(v for v in (number, clean(number), digits) if v)
    return {f for f in found if len(f) >= 2}
