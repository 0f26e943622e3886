"""Masking personal data in text a trainer reads (names, phones, e-mails, addresses, postal codes).

Done in the services that return text, so no screen or export can forget it. Patterns catch what can be
recognised anywhere (e-mail, phone, postal code); names and addresses are masked by the values the desk holds
for the people involved (the customer, their company's people).
"""

import re
from collections.abc import Iterable
from dataclasses import dataclass

from supportdesk.models import Role
from supportdesk.normalize import clean
from supportdesk.services.actor import Actor

NAME_MASK = "〇〇"
PHONE_MASK = "[電話番号]"
EMAIL_MASK = "[メール]"
ADDRESS_MASK = "[住所]"
POSTAL_MASK = "〒[郵便番号]"

_EMAIL = re.compile(r"[\w.+\-]+@[\w\-]+(?:\.[\w\-]+)+")
# Japanese phone numbers with or without separators, full-width digits included (NFKC is not applied to
# the text itself, so the user's spelling survives where nothing is masked).
_DIGIT = r"[0-9０-９]"
_SEP = r"[-‐‑–—―ー－()（）\s]?"
# Not inside a longer code (ORD-20261101-0001) or number: nothing alphanumeric or hyphen right before or after.
_BEFORE = r"(?<![0-9０-９A-Za-zＡ-Ｚａ-ｚ\-－])"
_AFTER = r"(?![0-9０-９])"
_PHONE = re.compile(rf"{_BEFORE}[(（]?(?:[+＋]81{_SEP}|[0０])(?:{_DIGIT}{_SEP}){{8,10}}{_DIGIT}{_AFTER}")
_POSTAL = re.compile(rf"(?:〒\s?|{_BEFORE}){_DIGIT}{{3}}[-‐－]{_DIGIT}{{4}}{_AFTER}")


def masks_personal_data(actor: Actor) -> bool:
    """Trainers read cases as manuals: with names, phones, e-mails and addresses masked."""
    return actor.role == Role.TRAINER


@dataclass(frozen=True)
class PersonalData:
    """What to hide in one ticket's text: the names and addresses of the people involved."""

    names: tuple[str, ...] = ()
    addresses: tuple[str, ...] = ()

    @classmethod
    def of(cls, names: Iterable[str | None], addresses: Iterable[str | None] = ()) -> "PersonalData":
        variants: set[str] = set()
        for name in names:
            cleaned = clean(name)
            if not cleaned:
                continue
            variants.add(cleaned)
            variants.add(cleaned.replace(" ", ""))
            variants.add(cleaned.replace(" ", "\u3000"))
            if name:
                variants.add(name.strip())
            # Family or given name alone (山田様, 恵子さん); single characters would mask ordinary words.
            parts = cleaned.split(" ")
            if len(parts) > 1:
                variants.update(part for part in parts if len(part) >= 2)
        return cls(
            names=tuple(sorted((v for v in variants if len(v) >= 2), key=len, reverse=True)),
            addresses=tuple(a for a in (clean(x) for x in addresses) if a),
        )


def mask_text(text: str, personal: PersonalData = PersonalData()) -> str:
    """The text with e-mails, phone numbers, postal codes and the given names/addresses replaced."""
    if not text:
        return text
    masked = _EMAIL.sub(EMAIL_MASK, text)
    masked = _PHONE.sub(PHONE_MASK, masked)
    masked = _POSTAL.sub(POSTAL_MASK, masked)
    for address in personal.addresses:
        masked = masked.replace(address, ADDRESS_MASK)
    for name in personal.names:
        masked = masked.replace(name, NAME_MASK)
    return masked


def mask_segments(segments: tuple[tuple[str, bool], ...], personal: PersonalData) -> tuple[tuple[str, bool], ...]:
    """Mask highlighted snippet segments. Joined first, so a name split across a highlight is still caught."""
    joined = "".join(text for text, _ in segments)
    if mask_text(joined, personal) == joined:
        return segments
    masked_parts = [(mask_text(text, personal), hit) for text, hit in segments]
    if "".join(t for t, _ in masked_parts) == mask_text(joined, personal):
        return tuple(masked_parts)
    # A value straddled two segments: give up the highlight rather than leak part of it.
    return ((mask_text(joined, personal), False),)
