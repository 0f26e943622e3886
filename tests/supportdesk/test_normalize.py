"""入力ルール: what agents type is tidied for display and reduced to keys for matching."""

import pytest

from supportdesk.normalize import (
    LookupKeys,
    bank_kana_key,
    clean,
    company_key,
    email_key,
    hiragana_to_katakana,
    is_kana,
    is_kana_reading,
    kana_key,
    lookup_keys,
    name_key,
    optional_clean,
    phone_key,
    phone_tail,
    romaji_kana,
)

# --- clean: NFKC and whitespace -------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("typed", "tidy"),
    [
        ("ＡＢＣ１２３", "ABC123"),  # 全角英数 → 半角
        ("ｱｲｳｴｵ", "アイウエオ"),  # 半角カナ → 全角カナ
        ("ｶﾞｷﾞｸﾞ ﾊﾟﾋﾟﾌﾟ", "ガギグ パピプ"),  # dakuten and handakuten are composed, not left as separate marks
        ("山田\u3000太郎", "山田 太郎"),  # full-width space
        ("  山田   太郎  ", "山田 太郎"),
        ("山田\t\n太郎", "山田 太郎"),
        ("㈱さくら", "(株)さくら"),
        ("（株）さくら", "(株)さくら"),
        ("ｔａｒｏ＠ｅｘａｍｐｌｅ．ｃｏｍ", "taro@example.com"),
        ("", ""),
        (None, ""),
        ("\u3000 \t", ""),
    ],
)
def test_typed_text_is_tidied_to_one_spelling_for_display(typed, tidy):
    assert clean(typed) == tidy


def test_an_optional_field_left_blank_stays_empty_rather_than_an_empty_string():
    assert optional_clean("\u3000 ") is None
    assert optional_clean(None) is None
    assert optional_clean(" 営業部 ") == "営業部"


# --- names ----------------------------------------------------------------------------------------------------


@pytest.mark.parametrize("typed", ["山田太郎", "山田 太郎", "山田\u3000太郎", " 山田  太郎 ", "山田・太郎"])
def test_a_persons_name_matches_with_or_without_a_space(typed):
    assert name_key(typed) == "山田太郎"


def test_latin_names_match_regardless_of_case_width_and_punctuation():
    assert name_key("Ｊｏｈｎ Ｏ'Ｂｒｉｅｎ") == name_key("john obrien") == "johnobrien"
    assert name_key("Mary-Jane Smith") == name_key("MARY JANE SMITH")


def test_an_empty_name_has_an_empty_key():
    assert name_key(None) == name_key("") == name_key(" \u3000") == ""


# --- companies ------------------------------------------------------------------------------------------------

SAKURA_SPELLINGS = [
    "株式会社さくら商事",
    "さくら商事株式会社",
    "株式会社 さくら商事",
    "さくら商事 株式会社",
    "(株)さくら商事",
    "（株）さくら商事",
    "さくら商事(株)",
    "㈱さくら商事",
    "さくら商事㈱",
    "カブシキガイシャさくら商事",
    "ｶﾌﾞｼｷｶﾞｲｼｬ さくら商事",
    "さくら商事",
]


@pytest.mark.parametrize("typed", SAKURA_SPELLINGS)
def test_every_spelling_of_kabushiki_gaisha_gives_the_same_company(typed):
    assert company_key(typed) == "さくら商事"


@pytest.mark.parametrize(
    "typed", ["有限会社山田工務店", "山田工務店有限会社", "(有)山田工務店", "㈲山田工務店", "山田工務店㈲"]
)
def test_every_spelling_of_yugen_gaisha_gives_the_same_company(typed):
    assert company_key(typed) == "山田工務店"


@pytest.mark.parametrize("typed", ["合同会社テックラボ", "テックラボ合同会社", "(同)テックラボ", "テックラボ(同)"])
def test_every_spelling_of_godo_gaisha_gives_the_same_company(typed):
    assert company_key(typed) == "テックラボ"


@pytest.mark.parametrize(
    "typed",
    [
        "ABC Trading Co., Ltd.",
        "ABC Trading Co.,Ltd.",
        "ABC TRADING CO., LTD.",
        "ＡＢＣ Ｔｒａｄｉｎｇ Ｃｏ．， Ｌｔｄ．",
        "ABC Trading Inc.",
        "ABC Trading, Inc.",
        "ABC Trading Ltd",
        "ABC Trading LLC",
        "ABC Trading K.K.",
        "abc trading",
    ],
)
def test_english_company_suffixes_are_ignored_when_matching(typed):
    assert company_key(typed) == "abctrading"


@pytest.mark.parametrize(
    ("name", "key"),
    [
        ("Lincoln Motors", "lincolnmotors"),
        ("Kincaid Design", "kincaiddesign"),
        ("Incredible Foods", "incrediblefoods"),
        ("Zinc Works", "zincworks"),
        ("Saltdean Partners", "saltdeanpartners"),
        ("Wellcome Labs", "wellcomelabs"),
    ],
)
def test_english_suffix_letters_inside_a_word_are_part_of_the_name(name, key):
    # "inc" in Lincoln or "ltd" in Saltdean is not a company type; dropping it would merge unrelated companies.
    assert company_key(name) == key


def test_a_company_type_inside_the_name_is_still_removed():
    assert company_key("さくら株式会社商事") == "さくら商事"


def test_a_name_that_is_only_a_company_type_keeps_its_text_rather_than_an_empty_key():
    assert company_key("株式会社") == "株式会社"
    assert company_key("(株)") != ""


def test_different_companies_keep_different_keys():
    assert company_key("株式会社さくら商事") != company_key("株式会社さくら物産")
    assert company_key("(有)山田工務店") != company_key("(株)山田工務店設計")


def test_an_empty_company_has_an_empty_key():
    assert company_key(None) == company_key("") == ""


# --- kana readings --------------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    "typed",
    [
        "ヤマダ タロウ",
        "ヤマダタロウ",
        "ﾔﾏﾀﾞ ﾀﾛｳ",
        "ﾔﾏﾀﾞﾀﾛｳ",
        "やまだ たろう",
        "やまだたろう",
        "ヤマダ・タロウ",
        "ヤマダ\u3000タロウ",
    ],
)
def test_a_reading_matches_in_half_width_full_width_or_hiragana(typed):
    assert kana_key(typed) == "ヤマダタロウ"


def test_the_long_vowel_mark_is_kept_because_sato_and_satoo_are_different_readings():
    assert kana_key("サトー") == "サトー"
    assert kana_key("ｻﾄｰ") == "サトー"
    assert kana_key("さとー") == "サトー"
    assert kana_key("サトー") != kana_key("サトウ")


def test_voiced_hiragana_become_voiced_katakana():
    assert kana_key("ぱんだ ゔぁいおりん") == "パンダヴァイオリン"


@pytest.mark.parametrize(
    "typed", ["カブシキガイシャ サクラショウジ", "サクラショウジ カブシキガイシャ", "ｶ)ｻｸﾗｼｮｳｼﾞ", "(カ)サクラショウジ"]
)
def test_a_company_reading_matches_with_or_without_its_type(typed):
    assert kana_key(typed) == "サクラショウジ"


def test_hiragana_to_katakana_leaves_everything_else_alone():
    assert hiragana_to_katakana("やまだ ABC 山田 ー") == "ヤマダ ABC 山田 ー"


@pytest.mark.parametrize(
    ("text", "kana"),
    [("ヤマダ", True), ("やまだ たろう", True), ("サトー", True), ("ﾔﾏﾀﾞ", True), ("山田", False), ("yamada", False)],
)
def test_is_kana_recognises_a_reading(text, kana):
    assert is_kana(text) is kana


def test_nothing_is_not_a_reading():
    assert is_kana("") is False
    assert is_kana(" ") is False


# --- phone numbers --------------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    "typed",
    [
        "03-1234-5678",
        "0312345678",
        "(03)1234-5678",
        "03(1234)5678",
        "03 1234 5678",
        "０３－１２３４－５６７８",
        "０３（１２３４）５６７８",
        "03ー1234ー5678",  # the long-vowel mark typed for a hyphen with the IME on
        "+81 3-1234-5678",
        "+81-3-1234-5678",
        "+81 (0)3-1234-5678",  # the trunk 0 kept in brackets, as on many business cards
        "(+81) 3-1234-5678",
        "＋８１ ３ １２３４ ５６７８",
        "0081 3 1234 5678",
    ],
)
def test_a_landline_gives_the_same_digits_in_every_format(typed):
    assert phone_key(typed) == "0312345678"


@pytest.mark.parametrize("typed", ["090 1234 5678", "090-1234-5678", "０９０１２３４５６７８", "+81 90 1234 5678"])
def test_a_mobile_gives_the_same_digits_in_every_format(typed):
    assert phone_key(typed) == "09012345678"


def test_a_toll_free_number_keeps_its_prefix():
    assert phone_key("0120-123-456") == "0120123456"


def test_a_foreign_number_is_reduced_to_digits_without_becoming_japanese():
    assert phone_key("+1 (555) 123-4567") == "15551234567"


def test_a_phone_number_written_in_other_scripts_gives_ascii_digits():
    assert phone_key("٠٣١٢٣٤٥٦٧٨") == "0312345678"  # Arabic-Indic digits


def test_text_without_digits_has_an_empty_phone_key():
    assert phone_key("なし") == phone_key("") == phone_key(None) == ""


# --- e-mail ---------------------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    "typed",
    [
        "taro@example.com",
        "Taro@Example.COM",
        " TARO@EXAMPLE.COM ",
        "ｔａｒｏ＠ｅｘａｍｐｌｅ．ｃｏｍ",
        "taro @example.com",
    ],
)
def test_an_email_address_matches_in_any_case_or_width(typed):
    assert email_key(typed) == "taro@example.com"


def test_an_empty_email_has_an_empty_key():
    assert email_key(None) == email_key(" ") == ""


# --- what the agent typed into the lookup box -----------------------------------------------------------------


@pytest.mark.parametrize(
    "typed", ["03-1234-5678", "０３－１２３４－５６７８", "(03)1234-5678", "+81 3 1234 5678", "0312345678"]
)
def test_a_typed_phone_number_is_looked_up_as_a_phone_only(typed):
    keys = lookup_keys(typed)
    assert keys.phone == "0312345678"
    assert (keys.email, keys.name, keys.kana, keys.company) == ("", "", "", "")


def test_the_first_digits_of_a_phone_number_are_enough_to_look_up():
    assert lookup_keys("090-12").phone == "09012"


def test_a_single_digit_is_not_treated_as_a_phone_number():
    assert lookup_keys("1").phone == ""


def test_a_typed_email_is_looked_up_as_an_email_only():
    keys = lookup_keys(" Taro@Example.COM ")
    assert keys == LookupKeys(text="Taro@Example.COM", email="taro@example.com")


def test_a_typed_kanji_name_is_looked_up_as_a_name_and_a_company_but_not_a_reading():
    keys = lookup_keys("山田 太郎")
    assert (keys.phone, keys.email, keys.kana) == ("", "", "")
    assert keys.name == "山田太郎"
    assert keys.company == "山田太郎"


@pytest.mark.parametrize("typed", ["やまだ", "ﾔﾏﾀﾞ", "ヤマダ"])
def test_a_typed_reading_is_looked_up_as_kana_in_katakana(typed):
    keys = lookup_keys(typed)
    assert keys.kana == "ヤマダ"
    assert keys.phone == keys.email == ""


def test_a_typed_company_with_its_type_is_looked_up_by_the_bare_company_name():
    assert lookup_keys("(株)さくら").company == "さくら"
    assert lookup_keys("さくら㈱").company == "さくら"


@pytest.mark.parametrize("typed", ["", "   ", "\u3000", None])
def test_an_empty_lookup_means_nothing(typed):
    assert lookup_keys(typed) == LookupKeys(text="")


def test_the_lookup_shows_the_tidied_text():
    assert lookup_keys("  ＡＢＣ　商事 ").text == "ABC 商事"


# --- as callers speak: the last four digits, romaji, bank notation ----------------------------------------------


def test_four_digits_alone_are_looked_up_as_the_end_of_a_phone_number_too():
    keys = lookup_keys("５３５２")
    assert (keys.phone, keys.phone_tail) == ("5352", "5352")


@pytest.mark.parametrize("typed", ["03-5352", "53520", "535"])
def test_anything_but_four_digits_alone_is_not_a_phone_tail(typed):
    assert lookup_keys(typed).phone_tail == ""


@pytest.mark.parametrize(("key", "tail"), [("0312345352", "5352"), ("5352", ""), ("", ""), (None, "")])
def test_the_tail_of_a_phone_key_is_its_last_four_digits(key, tail):
    assert phone_tail(key) == tail


@pytest.mark.parametrize(
    ("typed", "kana"),
    [
        ("yamada", "ヤマダ"),
        ("Yamada Tarou", "ヤマダタロウ"),
        ("shinji", "シンジ"),
        ("sinzi", "シンジ"),
        ("tsuyoshi", "ツヨシ"),
        ("hattori", "ハットリ"),
        ("ohno", "オオノ"),
        ("yamad", "ヤマ"),  # a syllable still being typed
        ("smith", ""),
        ("xyz", ""),
        ("山田", ""),
        ("yamada.t", ""),
    ],
)
def test_a_name_in_romaji_reads_as_kana(typed, kana):
    assert romaji_kana(typed) == kana


@pytest.mark.parametrize(
    "typed",
    ["(ｶ)ｻｸﾗｼｮｳｼﾞ", "ｶ)ｻｸﾗｼﾖｳｼﾞ", "ｻｸﾗｼﾖｳｼﾞ(ｶ", "サクラショウジ", "さくらしょうじ", "カブシキガイシャサクラショウジ"],
)
def test_a_reading_in_bank_notation_has_the_same_bank_key(typed):
    assert bank_kana_key(typed) == "サクラシヨウジ"


def test_a_bank_key_drops_long_vowel_marks_as_bank_transfers_do():
    assert bank_kana_key("サッポロビール") == bank_kana_key("ｻﾂﾎﾟﾛﾋﾞ-ﾙ") == "サツポロビル"


def test_a_reading_in_bank_notation_is_looked_up_as_kana():
    keys = lookup_keys("(ｶ)ｻｸﾗｼﾖｳｼﾞ")
    assert keys.kana == "サクラシヨウジ"
    assert is_kana_reading("(ｶ)ｻｸﾗｼﾖｳｼﾞ") and not is_kana_reading("(株)さくら商事")


def test_letters_alone_may_be_the_start_of_an_email():
    keys = lookup_keys("Hanako.Y")
    assert (keys.email_local, keys.email, keys.kana) == ("hanako.y", "", "")
