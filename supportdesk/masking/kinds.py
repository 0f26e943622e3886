"""The kinds of personal data masked, the marker that stands for each in masked text, and how markers read.

Masked text carries one private-use character per masked value (never the value, never part of it). Markers keep
masked text language-neutral — the search index stores it once — and cannot be searched or highlighted: the index
drops them and snippets never mark them. ``render`` turns them into labels in the reader's language (the
catalog) at the end.
"""

from __future__ import annotations

import re

from supportdesk.i18n import N_, t

NAME = "name"
COMPANY = "company"
PHONE = "phone"
EMAIL = "email"
ADDRESS = "address"
POSTAL = "postal"

KINDS = (NAME, COMPANY, PHONE, EMAIL, ADDRESS, POSTAL)
MARKERS: dict[str, str] = {kind: chr(0xE000 + i) for i, kind in enumerate(KINDS)}
MARKER_CHARS = frozenset(MARKERS.values())

# How each placeholder reads, by the catalog (Japanese: 〇〇, [会社名], [電話番号], [メール], [住所], 〒[郵便番号]).
LABELS: dict[str, str] = {
    NAME: N_("[name]"),
    COMPANY: N_("[company]"),
    PHONE: N_("[phone]"),
    EMAIL: N_("[e-mail]"),
    ADDRESS: N_("[address]"),
    POSTAL: N_("[postal code]"),
}

# Text from people may contain the marker characters themselves: they are replaced before masking, so a marker
# in masked text always stands for something masked.
_STRIP = str.maketrans({marker: "\ufffd" for marker in MARKER_CHARS})


_ANY_MARKER = re.compile("[" + "".join(sorted(MARKER_CHARS)) + "]")


def without_markers(text: str) -> str:
    return text.translate(_STRIP) if _ANY_MARKER.search(text) else text


def label(kind: str) -> str:
    """The label of one kind of placeholder, in the language of the desk."""
    return t(LABELS[kind])


def render(text: str) -> str:
    """Masked text as a person reads it: each placeholder as its label (〇〇 / [name], [電話番号] / [phone] …)."""
    if not _ANY_MARKER.search(text):
        return text
    return text.translate({ord(marker): label(kind) for kind, marker in MARKERS.items()})
