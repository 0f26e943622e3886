"""What a trainer must never see, in the forms people really write it (issue 13's list), and what stays."""

import pytest

from supportdesk import i18n
from supportdesk.masking import Author, Masker, Organisation, Person, PersonalData, render

HAYASHI = Person(
    "林 一",
    "ハヤシ ハジメ",
    emails=("hajime.hayashi@sakura-shoji.co.jp",),
    phones=("03-5555-1111",),
    addresses=("東京都渋谷区神南1丁目2番3号 サクラビル5F",),
    postal_codes=("150-0001",),
)
TAKAHASHI = Person("髙橋 﨑子", "タカハシ サキコ")
SATO_TOKYO = Person("佐藤 東京", "サトウ トウキョウ")
GO = Person("呉 美玲", "ゴ メイレイ")
YAMADA = Person("山田 花子", "ヤマダ ハナコ")
SAKURA = Organisation("株式会社さくら商事", "サクラショウジ", websites=("https://www.sakura-shoji.co.jp",))
DESK = PersonalData(
    people=(HAYASHI, TAKAHASHI, SATO_TOKYO, GO, YAMADA), companies=(SAKURA,), staff=("渡辺 健", "鈴木 一郎")
)


@pytest.fixture(autouse=True)
def _japanese() -> None:
    i18n.set_language("ja")  # the desk's first language; the conftest sets the test language back afterwards


def masked(text: str, author: Author = Author()) -> str:
    return render(Masker(DESK).mask(text, author))


@pytest.mark.parametrize(
    ("written", "shown"),
    [
        ("林様、お世話になっております。", "〇〇様、お世話になっております。"),
        ("呉様からのお電話", "〇〇様からのお電話"),
        ("一さんへ折り返し", "〇〇さんへ折り返し"),
        ("ﾊﾔｼ様", "〇〇様"),
        ("はやし様", "〇〇様"),
        ("ハヤシから連絡あり", "〇〇から連絡あり"),
        ("Hayashi-sama", "〇〇-sama"),
        ("Dear Hanako Yamada,", "Dear 〇〇,"),
        ("高橋様 / 崎子様", "〇〇様 / 〇〇様"),
        ("03−5555−1111", "[電話番号]"),
        ("TEL03-5555-1111", "TEL[電話番号]"),
        ("03.5555.1111", "[電話番号]"),
        ("〇三-五五五五-一一一一", "[電話番号]"),
        ("０３－５５５５－１１１１", "[電話番号]"),
        ("+81 3 5555 1111", "[電話番号]"),
        ("〒1500001", "〒[郵便番号]"),
        ("hajime.hayashi＠sakura-shoji.co.jp", "[メール]"),
        ("東京都渋谷区神南1-2-3 サクラビル5F", "[住所]"),
        ("さくら商事の経理部", "[会社名]の経理部"),
        ("Sakura Shoji Co., Ltd.", "[会社名] Co., Ltd."),
        ("#林様", "#〇〇様"),
        ("経理の田中様にも共有済み", "経理の〇〇様にも共有済み"),
    ],
)
def test_trainer_never_sees_a_customer_in_any_spelling(written: str, shown: str) -> None:
    assert masked(written) == shown


def test_phone_numbers_of_strangers_are_masked_by_their_shape() -> None:
    assert masked("090 1234 5678 か (06)6123-4567 まで") == "[電話番号] か [電話番号] まで"


@pytest.mark.parametrize(
    "ordinary",
    [
        "東京サポートセンターの営業時間",  # the customer 佐藤 東京: 東京 is a word here
        "ご希望の日時をお知らせください。",
        "注文番号 ORD-20261101-0001、金額 12,800円、2026-11-01 10:00 発送",
        "お客様、皆様、奥様、ご担当者様",
        "ドライバーさんに確認します。",
        "マイページからご確認ください。",
        "フリーダイヤル 0120-123-456",
        "Dear Customer, thank you for contacting support.",
    ],
)
def test_ordinary_words_stay(ordinary: str) -> None:
    assert masked(ordinary) == ordinary


def test_an_agent_introducing_themselves_keeps_their_name() -> None:
    watanabe_desk = PersonalData(people=(Person("渡辺 花子", "ワタナベ ハナコ"),), staff=("渡辺 健",))
    reply = Masker(watanabe_desk).mask(
        "サポートの渡辺です。渡辺様のご注文を確認しました。", Author(staff_name="渡辺 健")
    )
    assert render(reply) == "サポートの渡辺です。〇〇様のご注文を確認しました。"


def test_a_customer_naming_the_agent_who_helped_them_keeps_the_agents_name() -> None:
    assert (
        masked("先日は渡辺さんに対応いただきました。", Author(customer=True)) == "先日は渡辺さんに対応いただきました。"
    )


def test_the_customer_introducing_themselves_is_masked() -> None:
    assert masked("林です。先ほどの件で", Author(customer=True)) == "〇〇です。先ほどの件で"


def test_a_masked_text_cannot_smuggle_a_marker_in() -> None:
    forged = "\ue000 は本当の氏名ではない"
    assert render(Masker(DESK).mask(forged)) == "\ufffd は本当の氏名ではない"


def test_english_desks_read_english_labels() -> None:
    i18n.set_language("en")
    assert render(Masker(DESK).mask("林様 03-5555-1111")) == "[name]様 [phone]"
