"""What the customer 360 says about a caller at a glance: the RFM line and the profile card."""

from datetime import date, timedelta

import pytest

from screens.customer_360 import profile_lines, rfm_line
from supportdesk.i18n import catalog, set_language
from supportdesk.services.customer_360 import CustomerProfile
from supportdesk.services.rfm import SEGMENT_LABELS, Rfm, Segment, score

TODAY = date(2026, 11, 2)


def bought(days_ago: int | None, count: int, total_yen: int) -> Rfm:
    return score(None if days_ago is None else TODAY - timedelta(days=days_ago), count, total_yen, TODAY)


RFM_CASES = [
    (bought(10, 12, 600_000), "Champion", "優良顧客", "R5 F5 M5", "10d", "12", "¥600,000"),
    (bought(40, 6, 80_000), "Loyal", "ロイヤル顧客", "R4 F4 M3", "40d", "6", "¥80,000"),
    (bought(5, 1, 3_300), "New", "新規顧客", "R5 F1 M1", "5d", "1", "¥3,300"),
    (bought(28, 3, 30_000), "Promising", "有望顧客", "R5 F3 M2", "28d", "3", "¥30,000"),
    (bought(200, 5, 60_000), "At risk", "離反リスク", "R2 F4 M3", "200d", "5", "¥60,000"),
    (bought(400, 0, 0), "Lapsed", "休眠顧客", "R1 F1 M1", "400d", "0", "¥0"),
    (bought(120, 2, 12_000), "Needs attention", "要注意", "R3 F2 M2", "120d", "2", "¥12,000"),
    (bought(None, 0, 0), "No purchases", "購入なし", "R1 F1 M1", "—", "0", "¥0"),
]


@pytest.mark.parametrize(
    ("rfm", "english", "japanese", "scores", "days", "count", "money"),
    RFM_CASES,
    ids=[case[0].segment.value for case in RFM_CASES],
)
def test_rfm_line_in_english_and_japanese(
    rfm: Rfm, english: str, japanese: str, scores: str, days: str, count: str, money: str
) -> None:
    ago_en = "—" if days == "—" else f"{days.rstrip('d')} days ago"
    ago_ja = "—" if days == "—" else f"{days.rstrip('d')}日前"
    times = "time" if count == "1" else "times"
    set_language("en")
    assert rfm_line(rfm) == f"{english}  {scores}  ({ago_en}, {count} {times} a year, {money})"
    set_language("ja")
    assert rfm_line(rfm) == f"{japanese}  {scores}  ({ago_ja}, 年{count}回, {money})"


def test_every_segment_has_a_label_in_both_languages_and_a_case_above() -> None:
    assert {case[0].segment for case in RFM_CASES} == set(Segment)
    assert set(SEGMENT_LABELS) == set(Segment)
    assert all(catalog.JA.get(label) for label in SEGMENT_LABELS.values())


def profile(**overrides: object) -> CustomerProfile:
    """A profile with only what every customer has; optional fields empty unless given."""
    values: dict[str, object] = {
        "id": 1,
        "full_name": "佐々木 花子",
        "name_kana": None,
        "email": None,
        "phone": None,
        "mobile": None,
        "postal_code": None,
        "address": None,
        "gender": None,
        "birth_date": None,
        "occupation": None,
        "rank": "regular",
        "acquisition_channel": None,
        "contact_consent": False,
        "notes": None,
        "company_id": None,
        "department": None,
        "job_title": None,
        "is_decision_maker": False,
        "version": 1,
    }
    values.update(overrides)
    return CustomerProfile(**values)  # type: ignore[arg-type]


def test_a_sparse_profile_shows_only_rank_and_consent() -> None:
    set_language("en")
    assert profile_lines(profile()) == [("Rank", "regular"), ("Consent to contact", "no")]


def test_empty_text_is_left_out_like_a_missing_value() -> None:
    set_language("en")
    lines = dict(profile_lines(profile(phone="", notes="", mobile="090-1111-2222")))
    assert "Phone" not in lines and "Notes" not in lines
    assert lines["Mobile"] == "090-1111-2222"


def test_a_full_profile_lists_every_field_in_order() -> None:
    set_language("en")
    lines = profile_lines(
        profile(
            name_kana="ササキ ハナコ",
            phone="03-1234-5678",
            mobile="090-1111-2222",
            email="hanako@example.jp",
            postal_code="150-0001",
            address="東京都渋谷区神宮前1-2-3",
            department="購買部",
            job_title="主任",
            is_decision_maker=True,
            gender="female",
            birth_date=date(1985, 4, 12),
            occupation="会社員",
            rank="vip",
            acquisition_channel="referral",
            contact_consent=True,
            notes="午前中の電話を希望",
        )
    )
    assert [label for label, _ in lines] == [
        "Kana",
        "Phone",
        "Mobile",
        "E-mail",
        "Postal code",
        "Address",
        "Department",
        "Job title",
        "Decision-maker",
        "Gender",
        "Date of birth",
        "Occupation",
        "Rank",
        "Acquisition channel",
        "Consent to contact",
        "Notes",
    ]
    values = dict(lines)
    assert (values["Decision-maker"], values["Gender"], values["Date of birth"]) == ("yes", "female", "1985-04-12")


def test_the_profile_card_in_japanese() -> None:
    set_language("ja")
    lines = profile_lines(profile(gender="female", acquisition_channel="referral", rank="vip", contact_consent=True))
    assert lines == [("性別", "女性"), ("ランク", "VIP"), ("流入経路", "紹介"), ("連絡許諾", "あり")]
