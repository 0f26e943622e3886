"""Who is involved in a ticket, and every form in which their details can appear in its text.

A person's name is matched as a whole in every script (山田 太郎, ヤマダタロウ, やまだ たろう, Taro Yamada, YAMADA Taro)
and part by part. A part that cannot be mistaken for an ordinary word (山田, ハヤシ, Hayashi) is masked wherever it
stands; one that can (the one-character 林 or 一, 東京 as a given name, はやし, the romaji Ito) only where the text
uses it as a name — before an honorific (林様, 一さん, Ito-san), after Mr./Ms., or, in the customer's own message,
introducing themselves (林です).
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field

from supportdesk.masking.fold import fold_value
from supportdesk.masking.kinds import ADDRESS, COMPANY, EMAIL, NAME
from supportdesk.masking.lexicon import (
    can_be_person_name,
    has_common_sense,
    is_known_word,
    is_ordinary_word,
    romaji_spellings,
    tokenizer,
)
from supportdesk.normalize import clean, hiragana_to_katakana

_LEGAL_FORMS = re.compile(
    r"株式会社|有限会社|合同会社|合資会社|合名会社|一般社団法人|一般財団法人|特定非営利活動法人|npo法人|\((?:株|有|同)\)"
    r"|co\.,?\s?ltd\.?|inc\.?|llc|ltd\.?|k\.k\."
)
_KANA_LEGAL_FORMS = re.compile(r"カブシキ[ガカ]イシャ|ユウゲン[ガカ]イシャ|ゴウドウ[ガカ]イシャ|\((?:カ|ユ)\)")
_TO_HIRAGANA = {cp: cp - 0x60 for cp in range(0x30A1, 0x30F7)}
_LONG_O = re.compile(r"(?<=[オコソトノホモヨロゴゾドボポョ])ウ")
_NUMBER_ONLY = re.compile(r"[\d\-‐－−ー.,()（）/]+")
_TOWN = re.compile(r"[都道府県市区郡町村]$")
_ADDRESS_CUTS = re.compile(r"(?<=都|道|府|県)|(?<=市|区|郡)|(?<=町|村)")


@dataclass(frozen=True)
class Person:
    """One person whose details must not reach a trainer: the customer or a colleague at their company."""

    name: str
    kana: str | None = None
    emails: tuple[str, ...] = ()
    phones: tuple[str, ...] = ()
    addresses: tuple[str, ...] = ()
    postal_codes: tuple[str, ...] = ()


@dataclass(frozen=True)
class Organisation:
    """The customer's company."""

    name: str
    kana: str | None = None
    phones: tuple[str, ...] = ()
    addresses: tuple[str, ...] = ()
    postal_codes: tuple[str, ...] = ()
    websites: tuple[str, ...] = ()


@dataclass(frozen=True)
class PersonalData:
    """Everything to mask in one ticket's text, and the desk's own people (never masked as customers)."""

    people: tuple[Person, ...] = ()
    companies: tuple[Organisation, ...] = ()
    staff: tuple[str, ...] = ()  # agents' names and logins


@dataclass(frozen=True)
class Literal:
    """One folded form of a value. ``strong``: masked anywhere; otherwise only in a name's context."""

    text: str
    kind: str
    strong: bool
    latin: bool = False  # romaji and e-mails: whole words only
    # A form of a whole value (the full name or reading in any order, script or spelling, the e-mail address, the
    # address): it names the person by itself. Erasure looks for these in rows about other people.
    whole: bool = False


@dataclass
class Forms:
    """Folded forms of every value, deduplicated; a form strong for any value is strong."""

    literals: dict[str, Literal] = field(default_factory=dict)
    phones: set[str] = field(default_factory=set)  # digits only
    postal_codes: set[str] = field(default_factory=set)  # digits only
    # Each form as it was given, before folding (folding maps kanji to a representative of their variant family,
    # which may never be written): what a database prefilter can look for.
    written: dict[str, set[str]] = field(default_factory=dict)

    def add(
        self,
        text: str,
        kind: str,
        strong: bool,
        *,
        latin: bool = False,
        strong_hiragana: bool = True,
        whole: bool = False,
    ) -> None:
        """Add one form; a katakana form is added in hiragana too, strong there only if ``strong_hiragana``."""
        folded = fold_value(text).strip()
        if not folded or (len(folded) < 2 and not latin and kind != NAME):
            return
        if latin and len(folded) < 2:
            return
        given = text.strip()
        self._put(folded, given, kind, strong, latin, whole)
        hiragana = folded.translate(_TO_HIRAGANA)
        if hiragana != folded:  # the same reading typed in hiragana (はやし様): strong only if no ordinary word
            given = given.translate(_TO_HIRAGANA)
            written = given if fold_value(given).strip() == hiragana else hiragana
            self._put(hiragana, written, kind, strong and strong_hiragana, latin, whole)

    def _put(self, folded: str, given: str, kind: str, strong: bool, latin: bool, whole: bool) -> None:
        old = self.literals.get(folded)
        if old is not None:
            strong = strong or old.strong
            whole = whole or old.whole
            kind = old.kind if old.kind == NAME else kind
        self.literals[folded] = Literal(folded, kind, strong, latin, whole)
        self.written.setdefault(folded, set()).add(given)


def split_name(name: str) -> list[str]:
    """Family and given name (山田 太郎, 山田太郎 → 山田, 太郎); one part when the dictionary cannot tell."""
    cleaned = clean(name)
    parts = [p for p in re.split(r"[\s・･,，]+", cleaned) if p]
    if len(parts) != 1:
        return parts
    if re.fullmatch(r"[\u4e00-\u9fff々ヶ]{3,}", cleaned):
        tokens = [m.surface() for m in tokenizer().tokenize(cleaned)]
        if len(tokens) == 2 and all(can_be_person_name(t) for t in tokens):
            return tokens
    return parts


def _reading(word: str) -> str:
    return "".join(m.reading_form() for m in tokenizer().tokenize(word))


def split_kana(kana: str | None, parts: list[str]) -> list[str]:
    """The reading of each name part (ハヤシ ハジメ; ヤマダタロウ cut where 山田's reading ends)."""
    if not kana:
        return []
    folded = hiragana_to_katakana(clean(kana))
    pieces = [p for p in re.split(r"[\s・･,，]+", folded) if p]
    if len(pieces) == len(parts) or len(parts) < 2 or len(pieces) != 1:
        return pieces
    first = _reading(parts[0])
    if first and pieces[0].startswith(first) and len(pieces[0]) > len(first):
        return [first, pieces[0][len(first) :]]
    return pieces


def _kanji_strong(part: str) -> bool:
    # Two or more characters that the dictionary knows as a name, or does not know at all (a rare name).
    return len(part) >= 2 and (not is_known_word(part) or can_be_person_name(part))


def _kana_strength(kana: str, ordinary: bool) -> tuple[bool, bool]:
    """(strong in katakana, strong in hiragana) for the reading of a name part.

    A reading of three or more kana in katakana is a name wherever it stands (ハヤシ, カツラ), unless the part itself
    and its reading are ordinary words (東京 → トウキョウ; not 木竹 → キタケ). In hiragana it must not be a word as
    well (さとう is sugar, はやし 林).
    Two kana (マイ as in マイページ, タニ) are too short to tell.
    """
    hira = "".join(chr(ord(c) - 0x60) if "\u30a1" <= c <= "\u30f6" else c for c in kana)
    katakana = len(kana) >= 3 and not (ordinary and is_ordinary_word(kana))
    hiragana = katakana and not has_common_sense(hira) and not has_common_sense(kana)
    return katakana, hiragana


def person_forms(person: Person, forms: Forms) -> None:
    parts = split_name(person.name)
    readings = split_kana(person.kana, parts)
    derived = False
    if not readings and parts:
        # No reading on file: the dictionary's reading of each part, trusted only where the text says it is a name.
        readings = [_reading(p) for p in parts]
        derived = True
    forms.add(person.name, NAME, True, whole=True)
    if len(parts) > 1:
        for joiner in ("", " ", "・"):
            forms.add(joiner.join(parts), NAME, True, whole=True)
            forms.add(joiner.join(reversed(parts)), NAME, True, whole=True)
    for part in parts:
        forms.add(part, NAME, _kanji_strong(part))
    if len(readings) > 1:
        for joiner in ("", " ", "・"):
            for written in kana_spellings(joiner.join(readings)):
                forms.add(written, NAME, not derived, whole=True)
    alone = len(readings) == 1  # one reading (or one part): it reads the whole name
    ordinary = [is_ordinary_word(p) for p in parts] if len(parts) == len(readings) else [False] * len(readings)
    for reading, plain in zip(readings, ordinary, strict=True):
        katakana, hiragana = _kana_strength(reading, plain)
        for written in kana_spellings(reading):
            forms.add(written, NAME, katakana and not derived, strong_hiragana=hiragana and not derived, whole=alone)
    spellings = [sorted(romaji_spellings(r)) for r in readings]
    for reading, romaji, plain in zip(readings, spellings, ordinary, strict=True):
        katakana, _ = _kana_strength(reading, plain)
        for spelling in romaji:
            forms.add(spelling, NAME, katakana and len(spelling) >= 4 and not derived, latin=True, whole=alone)
    if len(spellings) == 2:
        for a in spellings[0]:
            for b in spellings[1]:
                for full in (f"{a} {b}", f"{b} {a}", f"{a}, {b}", f"{a}{b}", f"{b}{a}"):
                    forms.add(full, NAME, True, latin=True, whole=True)
    _contacts(forms, person.emails, person.phones, person.addresses, person.postal_codes)


def kana_spellings(kana: str) -> set[str]:
    """A reading as people write it: as on file, and with a long o written as ー (サトウ → サトー, コウジ → コージ)."""
    return {kana, _LONG_O.sub("ー", kana)}


def _contacts(
    forms: Forms, emails: Iterable[str], phones: Iterable[str], addresses: Iterable[str], postal: Iterable[str]
) -> None:
    for email in emails:
        if email:
            forms.add(email, EMAIL, True, latin=True, whole=True)
            local = clean(email).lower().split("@")[0]
            if len(local) >= 4:
                forms.add(local, EMAIL, True, latin=True)
    for phone in phones:
        digits = re.sub(r"[^0-9]", "", clean(phone))
        if len(digits) >= 8:
            forms.phones.add(digits)
            if digits.startswith("0") and not digits.startswith("00"):
                forms.phones.add("81" + digits[1:])  # +81 3-5555-1111
    for code in postal:
        digits = re.sub(r"[^0-9]", "", clean(code))
        if len(digits) == 7:
            forms.postal_codes.add(digits)
    for address in addresses:
        for tail in address_tails(address):
            forms.add(tail, ADDRESS, True, whole=True)
        for chunk in address_chunks(address):
            forms.add(chunk, ADDRESS, True)


def address_tails(address: str | None) -> Iterator[str]:
    """The address and what is left of it after the prefecture and after the city (the forms people write)."""
    cleaned = clean(address)
    if not cleaned:
        return
    yield cleaned
    for m in _ADDRESS_CUTS.finditer(cleaned):
        tail = cleaned[m.start() :].strip()
        if len(tail) >= 4 and any(ch.isdigit() for ch in tail):
            yield tail


def address_chunks(address: str | None) -> Iterator[str]:
    """The parts of an address written with spaces between them that point at the place by themselves: the street
    with its numbers, the building and room (神宮前3-14-15, さくらハイツ702) — not a bare number, nor a town alone."""
    cleaned = clean(address)
    chunks = cleaned.split(" ")
    for chunk in chunks if len(chunks) > 1 else ():
        if len(chunk) >= 4 and not _NUMBER_ONLY.fullmatch(chunk) and not _TOWN.search(chunk):
            yield chunk


def company_forms(company: Organisation, forms: Forms) -> None:
    cleaned = clean(company.name)
    forms.add(cleaned, COMPANY, True)
    core = _LEGAL_FORMS.sub(" ", cleaned.lower()).strip(" ・,")
    core = re.sub(r"\s+", " ", core)
    if core:
        forms.add(core, COMPANY, len(core) >= 2 and not is_ordinary_word(core))
        forms.add(core.replace(" ", ""), COMPANY, len(core) >= 2 and not is_ordinary_word(core))
    if company.kana:
        kana = _KANA_LEGAL_FORMS.sub("", hiragana_to_katakana(clean(company.kana))).strip()
        if kana:
            forms.add(kana, COMPANY, len(kana) >= 4 and not is_ordinary_word(kana))
            forms.add(kana.replace(" ", ""), COMPANY, len(kana) >= 4 and not is_ordinary_word(kana))
    if core and not core.isascii():
        # Sakura Shoji, Sakura Shouji: the romaji of each word of the name (さくら|商事), from its reading on file or
        # the dictionary's.
        words = [m.reading_form() for m in tokenizer().tokenize(core) if m.surface().strip()]
        per_word = 8 if len(words) <= 2 else 4
        spellings = [sorted(romaji_spellings(w), key=lambda x: (len(x), x))[:per_word] for w in words if w]
        if spellings and len(spellings) <= 3 and all(spellings):
            for combo in _combinations(spellings):
                forms.add(" ".join(combo), COMPANY, True, latin=True)
                forms.add("".join(combo), COMPANY, len("".join(combo)) >= 6, latin=True)
    for site in company.websites:
        domain = re.sub(r"^www\.", "", re.sub(r"^[a-z]+://", "", clean(site).lower())).split("/")[0]
        if "." in domain:
            forms.add(domain, COMPANY, True, latin=True)
    _contacts(forms, (), company.phones, company.addresses, company.postal_codes)


def _combinations(choices: list[list[str]]) -> Iterator[tuple[str, ...]]:
    if not choices:
        yield ()
        return
    for first in choices[0]:
        for rest in _combinations(choices[1:]):
            yield (first, *rest)


def staff_forms(names: Iterable[str]) -> frozenset[str]:
    """Folded names, name parts, readings and logins of the desk's agents."""
    found: set[str] = set()
    for name in names:
        if not name:
            continue
        parts = split_name(name)
        found.add(fold_value(name))
        found.add(fold_value("".join(parts)))
        found.update(fold_value(p) for p in parts)
        for part in parts:
            reading = _reading(part)
            if reading:
                found.add(fold_value(reading))
                found.update(romaji_spellings(reading))
    return frozenset(f for f in found if f)
