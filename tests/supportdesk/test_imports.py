"""Importing CSV files: the preview writes nothing, every problem is named, the import is all or nothing."""

import re
from datetime import date

import pytest
from sqlmodel import Session, SQLModel, select

from supportdesk.errors import Invalid, NotAllowed
from supportdesk.i18n import t, tn
from supportdesk.models import AuditEvent, Company, Customer, Purchase, SearchOutbox, Ticket, TicketEntry
from supportdesk.services import commerce
from supportdesk.services.actor import Actor
from supportdesk.services.datafiles.imports import preview_import, run_import
from supportdesk.services.merge import merge_customers
from tests.supportdesk import factories
from tests.supportdesk.factories import count
from tests.words import in_english, speaking

TODAY = date(2026, 6, 30)


def sheet(*lines: str, encoding: str = "cp932") -> bytes:
    """A CSV file as Excel on a Japanese Windows saves it: Shift_JIS (CP932), CRLF."""
    return ("\r\n".join(lines) + "\r\n").encode(encoding)


def everything(session: Session) -> dict[str, int]:
    """Row counts of every table: what "nothing was written" compares."""
    return {t.name: count(session, t) for t in SQLModel.metadata.sorted_tables}


def preview(session: Session, actor: Actor, kind: str, data: bytes):  # type: ignore[no-untyped-def]
    return preview_import(session, actor, kind, data, source="test.csv", today=TODAY)


def run(session: Session, actor: Actor, kind: str, data: bytes):  # type: ignore[no-untyped-def]
    return run_import(session, actor, kind, data, source="test.csv", today=TODAY)


CUSTOMERS = (
    "顧客番号,氏名,フリガナ,電話番号,メールアドレス,会社名,ランク",
    "C-001,山田 太郎,ヤマダ タロウ,03-1234-5678,taro@example.jp,株式会社さくら商事,VIP",
    "C-002,佐々木 花子,ササキ ハナコ,090-1111-2222,,,一般",
)


def test_the_preview_shows_each_row_and_writes_nothing(session, lead):
    before = everything(session)
    plan = preview(session, lead, "customers", sheet(*CUSTOMERS))
    assert plan.ok and plan.encoding == "cp932" and plan.delimiter == "comma"
    assert [(r.row, r.action, r.label) for r in plan.records] == [
        (2, "create", "山田 太郎"),
        (3, "create", "佐々木 花子"),
    ]
    assert "creates company 株式会社さくら商事" in map(in_english, plan.records[0].notes)
    assert ("メールアドレス", "email") in plan.columns
    assert everything(session) == before


def test_the_import_writes_every_row_in_one_transaction_and_one_audit_event(session, lead):
    summary = run(session, lead, "customers", sheet(*CUSTOMERS))
    assert (summary.created, summary.updated) == (2, 0)
    taro = session.exec(select(Customer).where(Customer.external_ref == "C-001")).one()
    assert (taro.rank, taro.phone_key, taro.email_key) == ("vip", "0312345678", "taro@example.jp")
    company = session.get(Company, taro.company_id)
    assert company is not None and company.name_key == "さくら商事"
    (event,) = session.exec(select(AuditEvent).where(AuditEvent.action == "import.customers")).all()
    assert event.actor_login == "takahashi" and '"source": "test.csv"' in (event.detail or "")


def test_importing_the_same_file_again_changes_nothing(session, lead):
    run(session, lead, "customers", sheet(*CUSTOMERS))
    before = everything(session)
    plan = preview(session, lead, "customers", sheet(*CUSTOMERS))
    assert plan.counts()["unchanged"] == 2
    summary = run(session, lead, "customers", sheet(*CUSTOMERS))
    assert (summary.created, summary.updated, summary.unchanged) == (0, 0, 2)
    after = everything(session)
    assert after.pop("audit_event") == before.pop("audit_event") + 1  # the import itself is on record
    assert after == before


def test_rows_without_an_id_are_matched_by_name_and_phone_on_a_second_import(session, lead):
    rows = ("氏名,電話番号", "山田 太郎,03-1234-5678", "佐藤 一郎,")
    run(session, lead, "customers", sheet(*rows))
    assert preview(session, lead, "customers", sheet(*rows)).counts()["unchanged"] == 2


def test_a_changed_cell_updates_the_record_and_the_search_index_learns_a_new_name(session, lead, agent):
    run(session, lead, "customers", sheet(*CUSTOMERS))
    taro = session.exec(select(Customer).where(Customer.external_ref == "C-001")).one()
    number = factories.ticket(session, agent, taro.id)
    queued = count(session, SearchOutbox)
    changed = sheet(CUSTOMERS[0], CUSTOMERS[1].replace("山田 太郎", "山田 太朗"), CUSTOMERS[2])
    plan = preview(session, lead, "customers", changed)
    assert (plan.records[0].action, plan.records[0].changes) == ("update", ("full_name",))
    run(session, lead, "customers", changed)
    session.refresh(taro)
    assert taro.full_name == "山田 太朗" and taro.version == 2
    assert count(session, SearchOutbox) == queued + 1 and count(session, SearchOutbox, ticket_id=number) >= 1


def test_family_and_given_names_in_two_columns_become_one(session, lead):
    run(session, lead, "customers", sheet("姓,名,セイ,メイ", "山田,太郎,ヤマダ,タロウ"))
    customer = session.exec(select(Customer)).one()
    assert (customer.full_name, customer.name_kana) == ("山田 太郎", "ヤマダ タロウ")


def test_likely_duplicates_are_shown_against_the_desk_and_earlier_rows(session, lead, agent):
    factories.customer(session, agent, "山田 太郎", phone="03-1234-5678")
    plan = preview(
        session,
        lead,
        "customers",
        sheet("氏名,フリガナ,電話番号", "ﾔﾏﾀﾞ ﾀﾛｳ,ﾔﾏﾀﾞ ﾀﾛｳ,０３-１２３４-５６７８", "山田 たろう,やまだ たろー,"),
    )
    assert plan.ok  # a likely duplicate is a warning: merge afterwards
    assert any("山田 太郎 (same phone)" in in_english(d) for d in plan.records[0].duplicates)
    assert [in_english(d) for d in plan.records[1].duplicates] == ["likely the same as row 2 (similar kana)"]


def test_excel_dropping_the_leading_zero_of_a_phone_is_pointed_out(session, lead):
    plan = preview(session, lead, "customers", sheet("氏名,電話番号", "山田 太郎,312345678"))
    assert any("leading 0" in in_english(n) for n in plan.records[0].notes)


# ---- malformed rows: each reported precisely, nothing written ------------------------------------------------


@pytest.fixture
def catalogue(session, lead) -> None:
    commerce.add_product(session, lead, "SKU-1", "家計簿 Pro", 5_000)
    run(session, lead, "customers", sheet(*CUSTOMERS))


BAD_FILES = {
    "bad date": (
        "purchases",
        ("顧客番号,商品コード,数量,購入日", "C-001,SKU-1,1,2026/02/30"),
        (2, "購入日", "2026/02/30", "no such date"),
    ),
    "negative quantity": (
        "purchases",
        ("顧客番号,商品コード,数量,購入日", "C-001,SKU-1,-2,2026/06/01"),
        (2, "数量", "-2", "must be a whole number of at least 1"),
    ),
    "unknown product": (
        "purchases",
        ("顧客番号,商品コード,数量,購入日", "C-001,SKU-404,1,2026/06/01"),
        (2, "商品コード", "SKU-404", "no product has this code; import the products first"),
    ),
    "missing required name": (
        "customers",
        ("顧客番号,氏名,電話番号", "C-009,,03-9999-0000"),
        (2, "氏名", "", "a customer needs a name"),
    ),
    "broken quoting": (
        "customers",
        ("顧客番号,氏名,電話番号", 'C-010,"鈴木" 一郎,03-9999-0000'),
        (2, "", "", "broken quoting on line 2 (',' expected after '\"'); a quote inside a value must be doubled"),
    ),
    "unknown customer": (
        "purchases",
        ("顧客番号,商品コード,数量,購入日", "C-404,SKU-1,1,2026/06/01"),
        (2, "顧客番号", "C-404", "no customer has this id; import the customers first"),
    ),
    "thirty-digit price": (
        "purchases",
        ("顧客番号,商品コード,数量,購入日,単価", "C-001,SKU-1,1,2026/06/01,123456789012345678901234567890"),
        (2, "単価", "123456789012345678901234567890", "too large (more than 15 digits)"),
    ),
    "price beyond any product": (
        "purchases",
        ("顧客番号,商品コード,数量,購入日,単価", "C-001,SKU-1,1,2026/06/01,999999999999999"),
        (2, "単価", "999999999999999", "at most 100,000,000,000 yen"),
    ),
    "a million and one": (
        "purchases",
        ("顧客番号,商品コード,数量,購入日", "C-001,SKU-1,1000001,2026/06/01"),
        (2, "数量", "1000001", "at most 1,000,000"),
    ),
}


@pytest.mark.parametrize("case", list(BAD_FILES))
def test_a_malformed_row_is_reported_precisely_and_nothing_is_imported(session, lead, catalogue, case):
    kind, lines, expected = BAD_FILES[case]
    good = "C-002,SKU-1,1,2026/06/01" if kind == "purchases" else "C-011,高橋 一郎,03-8888-0000"
    data = sheet(*lines, good)
    plan = preview(session, lead, kind, data)
    assert [(p.row, p.column, p.value, in_english(p.reason)) for p in plan.problems] == [expected]
    before = everything(session)
    row, column, _, reason = expected
    with speaking("en"):  # the reason is the catalog's English id; the refusal is matched in English too
        where = t("row {row}, {column}", row=row, column=column) if column else t("row {row}", row=row)
        refused = tn(
            "{count} problem, nothing was imported: {where}: {reason}. Preview the file (--dry-run) to see it.",
            "{count} problems, nothing was imported; first: {where}: {reason}. "
            "Preview the file (--dry-run) to see them all.",
            1,
            where=where,
            reason=reason,
        )
    with pytest.raises(Invalid, match=re.escape(refused)):
        run(session, lead, kind, data)
    assert everything(session) == before


def test_every_bad_cell_of_a_row_is_reported_not_only_the_first(session, lead):
    plan = preview(
        session,
        lead,
        "customers",
        sheet("氏名,電話番号,メール,生年月日,ランク", "山田 太郎,03-9,bad-mail,2099/1/1,gold"),
    )
    assert {(p.column, p.value) for p in plan.problems} == {
        ("電話番号", "03-9"),
        ("メール", "bad-mail"),
        ("生年月日", "2099/1/1"),
        ("ランク", "gold"),
    }


def test_two_rows_for_one_record_are_refused(session, lead):
    plan = preview(session, lead, "customers", sheet("顧客番号,氏名", "C-1,山田 太郎", "C-1,山田 花子"))
    assert [(p.row, in_english(p.reason)) for p in plan.problems] == [(3, "the same person as row 2")]


def test_a_desk_number_from_another_desk_is_not_written_over_someone_else(session, lead, agent):
    factories.customer(session, agent, "佐藤 一郎", phone="03-1111-1111")
    plan = preview(session, lead, "customers", sheet("supportdesk_id,氏名,電話番号", "1,山田 太郎,03-1234-5678"))
    assert "is customer #1 佐藤 一郎 on this desk" in in_english(plan.problems[0].reason)


def test_a_file_with_a_missing_required_column_is_refused_as_a_whole(session, lead):
    plan = preview(session, lead, "purchases", sheet("顧客番号,数量", "C-1,1"))
    assert not plan.records and len(plan.file_problems) == 2


# ---- other kinds ---------------------------------------------------------------------------------------------


def test_products_purchases_and_subscriptions_import_and_reimport(session, lead, catalogue):
    products = sheet("商品コード,商品名,単価,定期", 'SUB-1,年間サポート,"12,000",はい')
    purchases = sheet("購入ID,顧客番号,商品コード,数量,金額,購入日", 'P-1,C-001,SKU-1,2,"￥10,000",2026/5/1')
    subscriptions = sheet(
        "契約ID,メールアドレス,商品コード,契約日,契約更新予定日", "S-1,taro@example.jp,SUB-1,2026/1/1,2027/1/1"
    )
    for kind, data in (("products", products), ("purchases", purchases), ("subscriptions", subscriptions)):
        assert run(session, lead, kind, data).created == 1
        assert preview(session, lead, kind, data).counts()["unchanged"] == 1
    purchase = session.exec(select(Purchase).where(Purchase.external_ref == "P-1")).one()
    assert (purchase.unit_price, purchase.quantity, purchase.amount) == (5_000, 2, 10_000)


def test_an_amount_that_is_not_price_times_quantity_is_reported(session, lead, catalogue):
    plan = preview(
        session, lead, "purchases", sheet("顧客番号,商品コード,数量,金額,購入日", "C-001,SKU-1,2,9000,2026/5/1")
    )
    assert plan.problems[0].column == "金額" and "5,000 × 2 = 10,000" in in_english(plan.problems[0].reason)


TICKETS = (
    "問い合わせID,顧客番号,受付日時,件名,種別,状態,担当者,履歴種別,履歴日時,記入者,内容,通話時間(分)",
    "T-1,C-001,2026/6/1 9:00,ログインできない,不具合,解決,sato,顧客メッセージ,2026/6/1 9:00,,パスワードを忘れました,",
    "T-1,,,,,,,通話記録,2026/6/1 9:10,sato,折り返し,4.5",
    "T-1,,,,,,,返信,2026/6/1 9:20,sato,再設定URLを送りました,",
    "T-2,C-002,2026/6/2 10:00,請求書の再発行,請求,新規,,,,,,",
)


def test_tickets_import_one_row_per_thread_entry(session, lead, agent, catalogue):
    summary = run(session, lead, "tickets", sheet(*TICKETS))
    assert summary.created == 2
    first = session.exec(select(Ticket).where(Ticket.external_ref == "T-1")).one()
    assert (first.status, first.inquiry_type, first.assignee_id) == ("resolved", "fault", agent.id)
    kinds = [e.kind for e in session.exec(select(TicketEntry).where(TicketEntry.ticket_id == first.id)).all()]
    assert kinds == ["status_change", "customer_message", "call_log", "reply"]
    call = session.exec(select(TicketEntry).where(TicketEntry.kind == "call_log")).one()
    assert call.call_duration_seconds == 270
    assert first.first_response_at is not None and first.pending_since is not None  # resolved: the SLA clock stopped
    assert count(session, SearchOutbox, ticket_id=first.id) >= 1


def test_a_reimport_adds_only_the_new_thread_entries(session, lead, catalogue, agent):
    run(session, lead, "tickets", sheet(*TICKETS))
    entries = count(session, TicketEntry)
    assert preview(session, lead, "tickets", sheet(*TICKETS)).counts()["unchanged"] == 2
    more = sheet(*TICKETS, "T-2,,,,,,,社内メモ,2026/6/3 11:00,sato,再発行済み,")
    plan = preview(session, lead, "tickets", more)
    assert [(r.action, [in_english(n) for n in r.notes]) for r in plan.records if r.action != "unchanged"] == [
        ("update", ["adds 1 thread entry"])
    ]
    run(session, lead, "tickets", more)
    assert count(session, TicketEntry) == entries + 1


def test_a_row_contradicting_its_ticket_and_bad_entries_are_reported(session, lead, catalogue):
    plan = preview(
        session,
        lead,
        "tickets",
        sheet(
            TICKETS[0],
            TICKETS[1],
            "T-1,,,別の件名,,,,返信,2026/6/1 9:20,nobody,,",
            "T-1,,,,,,,通話記録,2026/6/1 9:30,sato,折り返し,",
        ),
    )
    reasons = {(p.row, p.column): in_english(p.reason) for p in plan.problems}
    assert reasons[(3, "件名")] == "differs from row 2 (ログインできない) of the same ticket"
    assert reasons[(3, "記入者")] == "no user has this login"
    assert reasons[(3, "内容")] == "an entry needs its text"
    assert reasons[(4, "通話時間(分)")] == "a call log needs a duration between 0 seconds and 24 hours"


def test_rows_naming_a_merged_customer_follow_it_to_the_survivor(session, lead, catalogue):
    run(session, lead, "customers", sheet(*CUSTOMERS))
    taro, hanako = (
        session.exec(select(Customer).where(Customer.external_ref == r)).one().id for r in ("C-001", "C-002")
    )
    merge_customers(session, lead, hanako, taro)
    plan = preview(session, lead, "customers", sheet(*CUSTOMERS))
    assert (plan.records[0].action, [in_english(n) for n in plan.records[0].notes]) == (
        "skip",
        [f"merged into #{hanako}; edit that customer instead"],
    )
    run(session, lead, "purchases", sheet("顧客番号,商品コード,購入日", "C-001,SKU-1,2026/6/1"))
    assert session.exec(select(Purchase)).one().customer_id == hanako


def test_progress_is_reported_while_writing(session, lead):
    seen: list[tuple[int, int]] = []
    run_import(session, lead, "customers", sheet(*CUSTOMERS), progress=lambda done, total: seen.append((done, total)))
    assert seen == [(1, 2), (2, 2)]


@pytest.mark.parametrize("role", ["agent", "trainer"])
def test_only_leads_and_admins_import(request, session, role):
    actor = request.getfixturevalue(role)
    with pytest.raises(NotAllowed, match="import data"):
        preview(session, actor, "customers", sheet(*CUSTOMERS))
    with pytest.raises(NotAllowed):
        run(session, actor, "customers", sheet(*CUSTOMERS))
    assert count(session, Customer) == 0


def test_admins_import_too(session, admin):
    assert run(session, admin, "customers", sheet(*CUSTOMERS)).created == 2
