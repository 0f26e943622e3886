"""The team's own fields travel in files: an export has a column per field (headed by its name in both
languages), an import reads it back checked like a form (a wrong value is a problem of its row and nothing is
imported), and an edited export re-imported changes only what was edited (issue 18 item 8)."""

import csv
import io

import pytest
from sqlmodel import Session

from supportdesk.errors import Invalid
from supportdesk.services.custom_fields import define_field
from supportdesk.services.datafiles.exports import write_csv
from supportdesk.services.datafiles.imports import preview_import, run_import
from supportdesk.services.profiles import add_customer, customer_record
from supportdesk.services.ticket_queries import get_ticket
from supportdesk.services.tickets import set_custom_fields
from tests.supportdesk import factories
from tests.words import in_english


@pytest.fixture
def fields(session: Session, admin) -> None:
    define_field(session, admin, "customers", "製造番号", "text")
    define_field(session, admin, "customers", "保証期限", "date")
    define_field(session, admin, "tickets", "窓口", "choice", choices=["本社", "大阪支店"])


def exported(session: Session, admin, kind: str, language: str = "en") -> list[dict[str, str]]:
    out = io.StringIO()
    write_csv(session, admin, kind, out, language=language)
    return list(csv.DictReader(io.StringIO(out.getvalue())))


def own(session: Session, agent, customer: int) -> dict[str, str | None]:
    session.expire_all()
    return {v.name: v.value for v in customer_record(session, agent, customer).custom}


def test_an_export_has_a_column_per_field_in_both_languages(session, admin, agent, fields):
    number = add_customer(session, agent, {"氏名": "山田 太郎", "製造番号": "=SN-1", "保証期限": "2027/3/31"})
    ticket = factories.ticket(session, agent, number)
    set_custom_fields(session, agent, ticket, {"窓口": "本社"})
    (row,) = exported(session, admin, "customers")
    assert (row["製造番号"], row["保証期限"]) == ("'=SN-1", "2027-03-31")  # a formula is text in Excel
    assert exported(session, admin, "customers", "ja")[0]["製造番号"] == "'=SN-1"
    assert {r["窓口"] for r in exported(session, admin, "tickets")} == {"本社"}


def test_an_import_reads_the_fields_checked_like_a_form(session, admin, agent, fields):
    data = "氏名,電話番号,製造番号,保証期限\n山田 太郎,03-1234-5678,SN-1,2027年3月31日\n鈴木 一郎,03-1234-0000,,\n"
    plan = preview_import(session, admin, "customers", data.encode())
    assert ("製造番号", "custom:製造番号") in plan.columns and plan.ok
    run_import(session, admin, "customers", data.encode())
    people = {r["full_name"]: r for r in exported(session, admin, "customers")}
    assert (people["山田 太郎"]["製造番号"], people["山田 太郎"]["保証期限"]) == ("SN-1", "2027-03-31")
    assert people["鈴木 一郎"]["製造番号"] == ""


def test_a_value_a_field_cannot_hold_is_a_problem_of_its_row_and_nothing_is_imported(session, admin, fields):
    data = "氏名,保証期限\n山田 太郎,2027/3/31\n鈴木 一郎,来年\n"
    plan = preview_import(session, admin, "customers", data.encode())
    (problem,) = plan.problems
    assert (problem.row, problem.column, problem.value) == (3, "保証期限", "来年")
    assert "not a date" in in_english(problem.reason)
    with pytest.raises(Invalid):
        run_import(session, admin, "customers", data.encode())
    assert exported(session, admin, "customers") == []


def test_an_edited_export_changes_only_what_was_edited(session, admin, agent, fields):
    taro = add_customer(session, agent, {"氏名": "山田 太郎", "製造番号": "SN-1"})
    hanako = add_customer(session, agent, {"氏名": "鈴木 花子", "製造番号": "SN-2"})
    rows = exported(session, admin, "customers")
    for row in rows:
        if row["full_name"] == "鈴木 花子":
            row["製造番号"] = "SN-22"
    out = io.StringIO()
    writer = csv.DictWriter(out, fieldnames=list(rows[0]))
    writer.writeheader()
    writer.writerows(rows)
    plan = preview_import(session, admin, "customers", out.getvalue().encode())
    assert {r.label: (r.action, r.changes) for r in plan.records} == {
        "山田 太郎": ("unchanged", ()),
        "鈴木 花子": ("update", ("製造番号",)),
    }
    run_import(session, admin, "customers", out.getvalue().encode())
    assert (own(session, agent, taro), own(session, agent, hanako)) == (
        {"製造番号": "SN-1", "保証期限": None},
        {"製造番号": "SN-22", "保証期限": None},
    )


def test_tickets_are_imported_with_their_fields(session, admin, agent, fields):
    customer = factories.customer(session, agent, "山田 太郎")
    data = "問い合わせID,顧客名,受付日時,件名,窓口\nT-1,山田 太郎,2026-11-30 10:00,電源が入らない,大阪支店\n"
    run_import(session, admin, "tickets", data.encode())
    (row,) = exported(session, admin, "tickets")
    assert row["窓口"] == "大阪支店"
    number = int(row["supportdesk_id"])
    assert {v.name: v.value for v in get_ticket(session, agent, number).custom} == {"窓口": "大阪支店"}
    assert get_ticket(session, agent, number).customer.id == customer
