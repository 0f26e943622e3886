"""What erasure removes from text, and where: every form of the person in their own tickets, only what names them by
itself in other people's (another 山田 keeps their name). The forms are the masking package's."""

from datetime import date

import pytest

from supportdesk.masking import Person
from supportdesk.masking.people import Forms, person_forms
from supportdesk.services.personal_values import PersonalValues, date_forms

TAKAHASHI = Person(
    "髙橋 林",
    "タカハシ ハヤシ",
    emails=("h.takahashi@example.jp",),
    phones=("03-5555-1234",),
    addresses=("東京都渋谷区神宮前3-14-15 さくらハイツ702",),
    postal_codes=("150-0001",),
)
OWN = PersonalValues([TAKAHASHI], ["CRM-0042", *date_forms(date(1985, 3, 12))], every_form=True)
OTHERS = PersonalValues([TAKAHASHI], ["CRM-0042", *date_forms(date(1985, 3, 12))], every_form=False)


@pytest.mark.parametrize(
    ("written", "own", "others"),
    [
        ("高橋林様より", "〇〇様より", "〇〇様より"),  # variant kanji: 髙 on file
        ("ﾀｶﾊｼ ﾊﾔｼ様", "〇〇様", "〇〇様"),
        ("Hayashi Takahashi", "〇〇", "〇〇"),
        ("TAKAHASHI, Hayashi", "〇〇", "〇〇"),
        ("高橋  林 (two spaces)", "〇〇 (two spaces)", "〇〇 (two spaces)"),
        ("タカハシ様", "〇〇様", "タカハシ様"),  # a surname alone: someone else's too
        ("林様", "〇〇様", "林様"),
        ("林業の件", "林業の件", "林業の件"),  # one character only where it is used as a name
        ("+81 3 5555 1234", "[電話番号]", "[電話番号]"),
        ("〇三（五五五五）一二三四", "[電話番号]", "[電話番号]"),
        ("5555-1234 まで", "[電話番号] まで", "[電話番号] まで"),
        ("〒1500001", "〒[郵便番号]", "〒[郵便番号]"),
        ("Ｈ．ＴＡＫＡＨＡＳＨＩ＠example.jp", "[メール]", "[メール]"),
        ("渋谷区神宮前３－１４－１５ さくらハイツ702", "[住所]", "[住所]"),
        ("さくらハイツ702 宛", "[住所] 宛", "さくらハイツ702 宛"),
        ("CRM-0042 / 1985年3月12日", "[削除済み] / [削除済み]", "CRM-0042 / 1985年3月12日"),
        ("注文番号 12345-1234", "注文番号 12345-1234", "注文番号 12345-1234"),
    ],
)
def test_erasure_replaces_the_persons_values_in_any_form(written: str, own: str, others: str) -> None:
    assert (OWN.scrub(written), OTHERS.scrub(written)) == (own, others)


def test_a_form_the_masking_learns_is_erased_too() -> None:
    # One place for name forms: every form the trainers' masking derives for the person is one erasure removes.
    forms = Forms()
    person_forms(Person("佐藤 浩二", "サトウ コウジ"), forms)
    values = PersonalValues([Person("佐藤 浩二", "サトウ コウジ")], every_form=True)
    assert {"サトー", "コージ", "satoh", "koji sato"} <= set(forms.literals)
    for form in forms.literals:
        assert values.scrub(f"({form}様)") == "(〇〇様)", form


def test_the_database_prefilter_looks_for_forms_as_stored() -> None:
    # Folding maps 髙 to its family's representative; the prefilter needs what people actually typed.
    assert {"髙橋 林", "髙橋　林", "ﾀｶﾊｼ ﾊﾔｼ", "hayashi takahashi", "0355551234"} <= OTHERS.surfaces
    assert "タカハシ" not in OTHERS.surfaces  # a surname alone is not looked for in other people's rows
