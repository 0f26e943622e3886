"""Masking personal data for trainers: pure text rules, no database (the services say who is involved).

    data = PersonalData(people=(Person("林 一", "ハヤシ ハジメ", phones=("03-5555-1111",)),), staff=("渡辺 健",))
    masked = masker_for(data).mask("林様から03−5555−1111へ", Author(customer=True))
    render(masked)  # "〇〇様から[電話番号]へ" on a Japanese desk, "[name]様から[phone]へ" on an English one

See docs/PRIVACY.md for what is recognised and the measured recall and over-masking.
"""

from supportdesk.masking.kinds import KINDS, MARKER_CHARS, MARKERS, label, render, without_markers
from supportdesk.masking.masker import NOBODY, Author, Masker, masker_for
from supportdesk.masking.patterns import looks_like_contact
from supportdesk.masking.people import Organisation, Person, PersonalData

__all__ = [
    "KINDS",
    "MARKERS",
    "MARKER_CHARS",
    "NOBODY",
    "Author",
    "Masker",
    "Organisation",
    "Person",
    "PersonalData",
    "label",
    "looks_like_contact",
    "masker_for",
    "render",
    "without_markers",
]
