"""What one import takes: a file too large or too long is refused at once in one clear line, and the rows being
checked are counted out loud, so a long preview is never a silent wait."""

from datetime import date
from pathlib import Path

import pytest
from sqlmodel import Session

from supportdesk.cli.main import main
from supportdesk.errors import Invalid
from supportdesk.i18n import t, tn
from supportdesk.importing import table
from supportdesk.models import Customer
from supportdesk.services.actor import Actor
from supportdesk.services.datafiles.imports import preview_import, run_import
from tests.supportdesk.factories import count
from tests.words import in_english

TODAY = date(2026, 6, 30)


def customers_csv(rows: int) -> bytes:
    lines = ["氏名,電話番号"] + [f"山田 太郎{n},03-1234-{n:04d}" for n in range(rows)]
    return ("\r\n".join(lines) + "\r\n").encode("utf-8")


def test_a_file_larger_than_an_import_takes_is_refused_before_anything(
    session: Session, lead: Actor, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(table, "MAX_IMPORT_BYTES", 1_048_576)
    data = customers_csv(40_000)  # about 1.1 MB
    with pytest.raises(Invalid) as refused:
        preview_import(session, lead, "customers", data, source="big.csv", today=TODAY)
    assert refused.value.field == "file"
    assert "an import takes at most 1 MB" in in_english(refused.value) and "Split it" in in_english(refused.value)


def test_a_file_with_more_rows_than_an_import_takes_is_refused_and_nothing_is_written(
    session: Session, lead: Actor, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(table, "MAX_IMPORT_ROWS", 3)
    with pytest.raises(Invalid, match="more than 3 rows"):
        run_import(session, lead, "customers", customers_csv(4), source="long.csv", today=TODAY)
    assert count(session, Customer) == 0
    assert run_import(session, lead, "customers", customers_csv(3), source="ok.csv", today=TODAY).created == 3


def test_the_preview_counts_the_rows_it_checks_against_a_known_total(session: Session, lead: Actor) -> None:
    seen: list[tuple[int, int]] = []
    plan = preview_import(
        session, lead, "customers", customers_csv(5), source="x.csv", today=TODAY, progress=lambda *p: seen.append(p)
    )
    assert plan.ok
    assert seen == [(0, 5), (1, 5), (2, 5), (3, 5), (4, 5), (5, 5)]


def test_a_tickets_file_counts_a_ticket_with_all_the_rows_of_its_thread(session: Session, lead: Actor) -> None:
    data = (
        "問い合わせID,件名,受付日時,顧客名,電話番号,対応種別,対応内容\r\n"
        "T-1,返品したい,2026-06-01 10:00,山田 太郎,03-1234-5678,顧客メッセージ,届いた商品が違います\r\n"
        "T-1,返品したい,2026-06-01 10:00,山田 太郎,03-1234-5678,返信,確認いたします\r\n"
        "T-2,領収書,2026-06-02 10:00,佐藤 花子,03-1111-2222,顧客メッセージ,再発行してください\r\n"
    ).encode()
    seen: list[tuple[int, int]] = []
    preview_import(session, lead, "tickets", data, source="t.csv", today=TODAY, progress=lambda *p: seen.append(p))
    assert seen[0] == (0, 3) and seen[-1] == (3, 3)


def test_the_import_reports_checking_then_writing(session: Session, lead: Actor) -> None:
    checked: list[tuple[int, int]] = []
    written: list[tuple[int, int]] = []
    run_import(
        session,
        lead,
        "customers",
        customers_csv(2),
        source="x.csv",
        today=TODAY,
        checking=lambda *p: checked.append(p),
        progress=lambda *p: written.append(p),
    )
    assert checked[-1] == (2, 2) and written == [(1, 2), (2, 2)]


def test_the_cli_refuses_a_huge_file_in_one_line_without_reading_it(
    capsys: pytest.CaptureFixture[str], db_url: str, lead: Actor, tmp_path: Path
) -> None:
    huge = tmp_path / "huge.csv"
    with huge.open("wb") as f:  # a sparse 50 MB file: refused by its size, never read
        f.write(b"\xe6\xb0\x8f\xe5\x90\x8d\r\n")
        f.truncate(50 * 1024 * 1024)
    code = main(["--db", db_url, "--user", "takahashi", "import", "customers", str(huge), "--dry-run"])
    err = capsys.readouterr().err
    assert code == 2
    refused = t(
        "is {size} MB; an import takes at most {limit} MB. Split it into smaller files and import them one after "
        "the other",
        size="50.0",
        limit=20,
    )
    assert len(err.strip().splitlines()) == 1 and refused in err


def test_a_name_of_150000_characters_is_too_long_on_its_row_and_quoted_short(
    capsys: pytest.CaptureFixture[str], db_url: str, lead: Actor, tmp_path: Path
) -> None:
    """Python's csv stops at 131,072 characters a cell with an error that read like broken quoting."""
    sheet = tmp_path / "customers.csv"
    sheet.write_bytes(f"氏名,電話番号\r\n{'長' * 150_000},03-1234-5678\r\n佐藤 花子,03-1111-2222\r\n".encode())
    code = main(["--db", db_url, "--user", "takahashi", "import", "customers", str(sheet), "--dry-run"])
    out, err = capsys.readouterr()
    one = tn(
        "{count} problem in {file}; fix it before importing",
        "{count} problems in {file}; fix them before importing",
        1,
        file="customers.csv",
    )
    assert code == 2 and one in err
    where = t("row {row}, {column}", row=2, column="氏名")
    [problem] = [line for line in out.splitlines() if line.startswith(f"  {where}")]
    too_long = t("is {length} characters long; at most {limit} are allowed", length="150,000", limit="200")
    assert problem.startswith(f"  {where} '長長") and too_long in problem
    assert "quoting" not in problem and len(problem) < 200


def test_a_reply_of_150000_characters_in_a_tickets_file_is_refused_on_its_row(session: Session, lead: Actor) -> None:
    data = (  # (the customer is not on this desk: that is reported too, under 電話番号)
        "問い合わせID,件名,受付日時,顧客名,電話番号,対応種別,対応内容\r\n"
        f"T-1,返品したい,2026-06-01 10:00,山田 太郎,03-1234-5678,顧客メッセージ,{'あ' * 150_000}\r\n"
    ).encode()
    plan = preview_import(session, lead, "tickets", data, source="t.csv", today=TODAY)
    assert [(p.column, in_english(p.reason)) for p in plan.problems if p.column != "電話番号"] == [
        ("対応内容", "is 150,000 characters long; at most 100,000 are allowed")  # and nothing else about the text
    ]


def test_a_problem_quotes_its_cell_short_in_json_too(
    capsys: pytest.CaptureFixture[str], db_url: str, lead: Actor, tmp_path: Path
) -> None:
    """The cell is there for the person to find it; a pasted document is not repeated in every report of it."""
    sheet = tmp_path / "customers.csv"
    sheet.write_bytes(f"氏名,電話番号\r\n{'長' * 150_000},03-1234-5678\r\n".encode())
    code = main(["--db", db_url, "--user", "takahashi", "import", "customers", str(sheet), "--dry-run", "--json"])
    out = capsys.readouterr().out
    assert code == 2 and len(out) < 5_000 and "長" * 100 in out
