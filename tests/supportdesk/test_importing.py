"""Reading spreadsheets' CSV files: encodings, delimiters, headers in Japanese and English, cell values."""

import codecs
import re
from datetime import UTC, date, datetime, timedelta, timezone
from pathlib import Path

import pytest

from supportdesk.errors import Invalid
from supportdesk.i18n import t
from supportdesk.importing import COLUMNS, Kind, load_mapping, map_columns, read_table
from supportdesk.importing import values as parse
from supportdesk.importing.columns import header_key
from supportdesk.models import Channel, CustomerRank, Status
from supportdesk.services.datafiles.exports import FIELDS, headers
from tests.words import in_english

SHEET = (
    "顧客番号,氏名,フリガナ,電話番号,メール,会社名\n"
    "C-1,山田 太郎,ヤマダ タロウ,03-1234-5678,taro@example.jp,㈱さくら商事\n"
)
DOC = Path(__file__).resolve().parents[2] / "docs" / "IMPORT.md"


@pytest.mark.parametrize(
    ("data", "encoding"),
    [
        (SHEET.encode("cp932"), "cp932"),
        (codecs.BOM_UTF8 + SHEET.encode("utf-8"), "utf-8-sig"),
        (SHEET.encode("utf-8"), "utf-8"),
        (SHEET.replace(",", "\t").encode("utf-16"), "utf-16"),
    ],
    ids=["excel-shift-jis", "excel-csv-utf8-bom", "plain-utf8", "excel-unicode-text"],
)
def test_excel_exports_are_read_whatever_their_encoding(data, encoding):
    table = read_table(data)
    assert table.encoding == encoding
    assert table.headers[:2] == ("顧客番号", "氏名")
    assert next(iter(table.rows())).cells[1] == "山田 太郎"
    assert next(iter(table.rows())).cells[5] == "㈱さくら商事"  # a CP932-only character survives


def test_tab_separated_files_are_recognised_from_the_header():
    table = read_table("氏名\t会社名\n山田, 太郎\tさくら, 商事\n".encode())
    assert table.delimiter == "\t"
    assert next(iter(table.rows())).cells == ("山田, 太郎", "さくら, 商事")


def test_a_file_that_is_neither_utf8_nor_shift_jis_says_how_to_save_it():
    with pytest.raises(Invalid, match="CSV UTF-8"):
        read_table("氏名\n".encode() + b"\x81\x00\xff\xfe\n")


def test_broken_quoting_is_reported_with_its_row_and_the_next_rows_still_read():
    table = read_table('氏名,電話番号\n"山田" 太郎,03-1234-5678\n佐藤 花子,090-1111-2222\n'.encode())
    (problem,) = table.problems
    assert problem.row == 2 and "quoting" in in_english(problem.reason) and "line 2" in in_english(problem.reason)
    assert [r.cells[0] for r in table.rows()] == ["佐藤 花子"]
    assert next(iter(table.rows())).row == 3


def test_a_comma_inside_an_unquoted_value_is_reported_not_shifted_into_the_next_column():
    table = read_table("氏名,電話番号\n山田 太郎,03-1234-5678,余分\n".encode())
    assert list(table.rows()) == []
    assert "2 columns" in in_english(table.problems[0].reason) and table.problems[0].value == "余分"


def test_empty_rows_excel_leaves_below_the_data_are_skipped():
    table = read_table("氏名,電話番号\n山田 太郎,\n,\n,\n".encode())
    assert len(list(table.rows())) == 1 == table.row_count


def test_headers_match_whatever_their_width_case_or_brackets():
    assert header_key("Ｅ－Ｍａｉｌ") == header_key("e mail") == "email"
    assert header_key("氏名（漢字）") == header_key("氏名漢字")
    columns = map_columns(Kind.CUSTOMERS, ("ＴＥＬ", "E-Mail", "氏名*", "社内メモ欄"))
    assert columns.header == {"phone": "ＴＥＬ", "email": "E-Mail", "full_name": "氏名*"}
    assert columns.ignored == ("社内メモ欄",)


def test_a_missing_required_column_is_named_in_japanese_and_english():
    columns = map_columns(Kind.PURCHASES, ("氏名", "数量"))
    assert any("商品コード (sku)" in str(p) for p in columns.problems)
    assert any("購入日 (purchased_on)" in str(p) for p in columns.problems)


def test_no_header_names_two_fields_of_one_kind():
    for kind, columns in COLUMNS.items():
        seen: dict[str, str] = {}
        for column in columns:
            for name in column.headers:
                key = header_key(name)
                assert seen.setdefault(key, column.field) == column.field, (kind, name)


def test_exports_use_import_columns_and_their_japanese_headers_read_back():
    for kind in Kind:
        mapped = map_columns(kind, tuple(headers(kind, "ja")))
        assert list(mapped.index) == [f for f in FIELDS[kind] if not _info(kind, f)]
        assert not mapped.problems


def _info(kind: Kind, field: str) -> bool:
    return next(c for c in COLUMNS[kind] if c.field == field).info


def test_the_documentation_lists_every_column_and_header():
    doc = DOC.read_text(encoding="utf-8")
    for kind, columns in COLUMNS.items():
        section = doc.split(f"### {kind}\n", 1)[1].split("\n### ", 1)[0]
        for column in columns:
            line = next(line for line in section.splitlines() if line.startswith(f"| `{column.field}` |"))
            for name in (*column.ja, *column.en):
                assert name in line, (kind, column.field, name)


def test_a_mapping_file_names_columns_and_how_to_read_the_file():
    mapping = load_mapping(
        'kind = "customers"\nencoding = "cp932"\n[columns]\n"お客様名" = "full_name"\n"旧番号" = ""\n'
    )
    columns = map_columns(Kind.CUSTOMERS, ("お客様名", "旧番号", "電話番号"), mapping)
    assert columns.header == {"full_name": "お客様名", "phone": "電話番号"}
    assert mapping.encoding == "cp932"


@pytest.mark.parametrize(
    ("text", "why"),
    [
        ('kind = "people"', re.escape(t("{value!r} is not one of {choices}", value="people", choices=", ".join(Kind)))),
        ('colour = "red"', r"unknown setting\(s\) colour"),
        ('kind = "customers"\n[columns]\n"名前" = "nmae"', "'nmae': not a field of this file"),
        ("[columns", "not valid TOML"),
    ],
)
def test_a_wrong_mapping_file_is_refused_with_the_reason(text, why):
    with pytest.raises(Invalid, match=why):
        load_mapping(text)


@pytest.mark.parametrize(
    ("cell", "expected"),
    [
        ("2026-06-01", date(2026, 6, 1)),
        ("2026/6/1", date(2026, 6, 1)),
        ("2026年6月1日", date(2026, 6, 1)),
        ("20260601", date(2026, 6, 1)),
        ("２０２６/０６/０１ 0:00", date(2026, 6, 1)),
    ],
)
def test_dates_as_japanese_sheets_write_them(cell, expected):
    assert parse.day(cell) == expected


@pytest.mark.parametrize(
    ("cell", "why"), [("2026/02/30", "no such date"), ("来週", "not a date"), ("6/1", "not a date")]
)
def test_a_bad_date_says_why(cell, why):
    with pytest.raises(ValueError, match=why):
        parse.day(cell)


def test_date_times_without_an_offset_are_local_time():
    jst = timezone(timedelta(hours=9))
    assert parse.moment("2026/6/1 9:30", jst) == datetime(2026, 6, 1, 0, 30, tzinfo=UTC)
    assert parse.moment("2026-06-01T09:30:00+09:00") == datetime(2026, 6, 1, 0, 30, tzinfo=UTC)


@pytest.mark.parametrize(("cell", "yen"), [("1200", 1200), ("1,200", 1200), ("¥1,200", 1200), ("１２００円", 1200)])
def test_yen_with_separators_and_signs(cell, yen):
    assert parse.yen(cell) == yen


def test_money_is_never_a_fraction():
    with pytest.raises(ValueError, match="whole number of yen"):
        parse.yen("1200.5")


def test_yes_no_and_vocabularies_in_japanese():
    assert parse.yes_no("はい") is True and parse.yes_no("×") is False
    assert parse.vocabulary(CustomerRank)("ＶＩＰ") == CustomerRank.VIP
    assert parse.vocabulary(Status)("顧客待ち") == Status.PENDING
    assert parse.vocabulary(Channel)("Webフォーム") == Channel.WEB_FORM
    assert parse.vocabulary(Channel)("web form") == Channel.WEB_FORM
    with pytest.raises(ValueError, match="not one of"):
        parse.vocabulary(CustomerRank)("gold")


def test_cells_guarded_against_formulas_read_back_as_written():
    table = read_table('氏名,備考\n山田 太郎,\'=HYPERLINK("x")\n'.encode())
    assert next(iter(table.rows())).cells[1] == '=HYPERLINK("x")'
