"""Properties of the matching keys that must hold for anything a person (or an import file) can type."""

import re

from hypothesis import example, given, settings
from hypothesis import strategies as st

from supportdesk.normalize import (
    clean,
    company_key,
    email_key,
    is_kana,
    kana_key,
    lookup_keys,
    name_key,
    optional_clean,
    phone_key,
)

KEY_FUNCTIONS = [clean, name_key, kana_key, email_key, phone_key, company_key]

# Text weighted towards what a Japanese desk sees: kana of both widths, kanji, full-width forms, separators,
# company-type fragments and digits, mixed with anything Unicode has.
_JAPANESE = st.sampled_from(
    list("あいうえおかがぱゔーアイウカガパヴｱｲｳｶﾞﾊﾟｰ山田太郎株式会社有限合同")
    + list("(株)（）㈱㈲・･　 -‐－ー.,、。0123456789０１２３+＋@＠")
)
_FRAGMENTS = st.sampled_from(
    [
        *("株式会社", "(株)", "㈱", "有限会社", "(有)", "㈲", "合同会社", "(同)", "カブシキガイシャ", "ｶﾌﾞｼｷｶﾞｲｼｬ"),
        *("Co., Ltd.", "Inc.", "inc", "Ltd", "LLC", "K.K.", "+81", "(0)", "0081", "カ)", "(カ", " ", "\u3000", "・"),
    ]
)
TEXT = st.one_of(
    st.text(),
    st.text(_JAPANESE),
    st.lists(st.one_of(_FRAGMENTS, st.text(_JAPANESE, max_size=4)), max_size=8).map("".join),
)
NAMES = st.text(st.sampled_from(list("さくら商事ABCabc山田テック0123")), min_size=1, max_size=8).filter(
    lambda s: company_key(s) == name_key(s)  # a bare name, not one that already contains a company type
)


@settings(max_examples=300)
@given(TEXT)
def test_no_key_function_ever_raises_on_anything_typed(text):
    for key in KEY_FUNCTIONS:
        assert isinstance(key(text), str)
    optional_clean(text)
    is_kana(text)
    lookup_keys(text)


@settings(max_examples=300)
@given(TEXT)
@example("株 式会社さくら")
@example("さくら 株・式会社")
@example("さくら商事 i-n-c")
@example("カブシキ ガイシャ サクラ")
@example("0081 081 3")
def test_each_key_is_its_own_key(text):
    # Keys are stored and later compared with keys of newly typed text: a key must not change when keyed again.
    for key in KEY_FUNCTIONS:
        once = key(text)
        assert key(once) == once, key.__name__


@settings(max_examples=300)
@given(TEXT)
def test_a_phone_key_holds_only_ascii_digits(text):
    assert re.fullmatch(r"[0-9]*", phone_key(text))


@settings(max_examples=300)
@given(TEXT)
def test_keys_hold_no_whitespace(text):
    for key in (name_key, kana_key, email_key, phone_key, company_key):
        assert not re.search(r"\s", key(text)), key.__name__


@settings(max_examples=300)
@given(TEXT)
def test_clean_text_has_no_outer_or_double_spaces(text):
    tidy = clean(text)
    assert tidy == tidy.strip()
    assert "  " not in tidy
    assert "\u3000" not in tidy


@given(
    NAMES,
    st.sampled_from(["株式会社", "(株)", "（株）", "㈱", "カブシキガイシャ"]),
    st.sampled_from(["", " ", "\u3000"]),
)
def test_every_spelling_of_a_kabushiki_gaisha_is_one_company(name, marker, gap):
    bare = company_key(name)
    assert company_key(marker + gap + name) == bare
    assert company_key(name + gap + marker) == bare


@given(NAMES, st.sampled_from(["有限会社", "(有)", "㈲", "合同会社", "(同)"]), st.booleans())
def test_every_spelling_of_other_company_types_is_one_company(name, marker, before):
    assert company_key(marker + name if before else name + marker) == company_key(name)


@given(st.text(st.sampled_from(list("0123456789")), min_size=9, max_size=10).map(lambda d: "0" + d.lstrip("0") or "0"))
def test_a_domestic_number_gives_the_same_key_in_every_format(digits):
    full_width = digits.translate(str.maketrans("0123456789", "０１２３４５６７８９"))
    spaced = f"{digits[:3]} {digits[3:6]}-{digits[6:]}"
    international = "+81 " + digits[1:]
    for typed in (digits, full_width, spaced, international, f"({digits[:2]}){digits[2:]}"):
        assert phone_key(typed) == digits


@given(st.emails())
def test_an_email_key_is_the_address_in_lower_case(address):
    assert email_key(address.upper()) == email_key(address) == address.lower()


@given(st.text(st.sampled_from(list("あいうえおかきくけこさしすせそがぎぐげぱぴぷぺぽゃゅょっー")), min_size=1))
def test_a_hiragana_reading_and_its_katakana_give_the_same_key(reading):
    katakana = "".join(chr(ord(ch) + 0x60) if ch != "ー" else ch for ch in reading)
    assert kana_key(reading) == kana_key(katakana) == katakana
