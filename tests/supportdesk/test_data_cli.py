"""`supportdesk import / export / customer duplicates / customer merge`, and the issue's story end to end."""

import codecs
import json
from pathlib import Path

import pytest
from sqlmodel import Session, select

from supportdesk import fields
from supportdesk.cli.main import main
from supportdesk.i18n import listing, t, texts, tn, v
from supportdesk.models import AuditEvent, Customer, Ticket
from supportdesk.services.actor import Actor
from tests.supportdesk import factories
from tests.supportdesk.test_imports import everything


def run(capsys: pytest.CaptureFixture[str], db_url: str, *args: str, user: str = "takahashi") -> tuple[int, str, str]:
    code = main(["--db", db_url, "--user", user, *args])
    out, err = capsys.readouterr()
    return code, out, err


def excel_csv(path: Path, *lines: str) -> Path:
    """What Excel on a Japanese Windows writes for "CSV (コンマ区切り)": Shift_JIS (CP932), CRLF line ends."""
    path.write_bytes(("\r\n".join(lines) + "\r\n").encode("cp932"))
    return path


HEADER = "顧客番号,氏名,フリガナ,電話番号,メールアドレス,会社名,ランク,生年月日"
GOOD_ROWS = (
    "C-001,山田 太郎,ヤマダ タロウ,03-1234-5678,,㈱さくら商事,一般,1980/4/1",
    "C-002,佐々木 花子,ササキ ハナコ,090-1111-2222,hanako@example.jp,,VIP,",
    "C-003,小林 直子,コバヤシ ナオコ,03-5555-0101,naoko@sakura.example.jp,株式会社さくら商事,,",
    # The same person typed again years later, in half-width kana and with an e-mail address.
    "C-017,ﾔﾏﾀﾞ ﾀﾛｳ,ﾔﾏﾀﾞ ﾀﾛｳ,０３－１２３４－５６７８,taro@example.jp,,,",
)
BAD_ROWS = (
    "C-020,,スズキ イチロウ,03-7777-0000,,,,",  # no name
    "C-021,田中 一郎,タナカ イチロウ,03-8888-0000,tanaka@example,,,",  # not an e-mail address
    "C-022,高橋 次郎,タカハシ ジロウ,03-9999-0000,,,,1985/2/30",  # no such date
)


def test_a_new_users_customer_list_from_excel_is_previewed_imported_and_its_duplicates_merged(
    capsys, db_url, session: Session, lead: Actor, agent: Actor, tmp_path
):
    # 1. The first try: Excel's CP932 export with a few bad rows. The preview names each bad row; nothing is written.
    first = excel_csv(tmp_path / "顧客一覧.csv", HEADER, *GOOD_ROWS[:2], BAD_ROWS[0], *GOOD_ROWS[2:], *BAD_ROWS[1:])
    before = everything(session)
    code, out, _ = run(capsys, db_url, "import", "customers", str(first), "--dry-run")
    assert code == 2
    counts = listing([t("{count} to create", count=4), t("{count} with problems", count=3)])
    heading = t(
        "{file}: {kind}, {encoding}, {delimiter}-separated; {summary}",
        file="顧客一覧.csv",
        kind=t("Customers"),
        encoding="cp932",
        delimiter=t("comma"),
        summary=counts,
    )
    assert heading in out
    row = "row {row}, {column}"
    assert f"{t(row, row=4, column='氏名')}: {t('a customer needs a name')}" in out
    not_an_address = t("{value!r} is not an e-mail address", value="tanaka@example")
    assert f"{t(row, row=7, column='メールアドレス')} 'tanaka@example': {not_an_address}" in out
    assert f"{t(row, row=8, column='生年月日')} '1985/2/30': {t('no such date')}" in out
    assert t("likely the same as row {row} ({evidence})", row=2, evidence=texts(["same phone"])) in out
    code, _, err = run(capsys, db_url, "import", "customers", str(first))
    refused = tn(
        "{count} problem in {file}; nothing was imported",
        "{count} problems in {file}; nothing was imported",
        3,
        file="顧客一覧.csv",
    )
    assert code == 2 and refused in err
    assert everything(session) == before

    # 2. The fixed file imports, all rows in one go, and a second import changes nothing.
    fixed = excel_csv(tmp_path / "顧客一覧_修正.csv", HEADER, *GOOD_ROWS)
    code, out, _ = run(capsys, db_url, "import", "customers", str(fixed))
    imported = "Imported {file}: {created} created, {updated} updated, {unchanged} unchanged, {skipped} skipped."
    done = t(imported, file="顧客一覧_修正.csv", created=4, updated=0, unchanged=0, skipped=0)
    assert code == 0 and done in out
    after_import = everything(session)
    code, out, _ = run(capsys, db_url, "import", "customers", str(fixed))
    again_done = t(imported, file="顧客一覧_修正.csv", created=0, updated=0, unchanged=4, skipped=0)
    assert code == 0 and again_done in out
    again = everything(session)
    assert again.pop("audit_event") == after_import.pop("audit_event") + 1
    assert again == after_import

    # 3. The two entries for 山田 太郎 are found with their evidence, and merged, keeping the newer e-mail.
    ids = {c.external_ref: c.id for c in session.exec(select(Customer)).all()}
    factories.ticket(session, agent, ids["C-017"], "ログインできない")
    code, out, _ = run(capsys, db_url, "customer", "duplicates", "--json")
    (pair,) = json.loads(out)
    assert {pair["a"]["id"], pair["b"]["id"]} == {ids["C-001"], ids["C-017"]}
    assert pair["evidence"] == ["same phone", "same kana"]
    code, out, _ = run(capsys, db_url, "customer", "merge", str(ids["C-001"]), str(ids["C-017"]))
    merged = t(
        "Merged #{b} into #{a}: {tickets} tickets, {purchases} purchases, {subscriptions} subscriptions moved.",
        a=ids["C-001"],
        b=ids["C-017"],
        tickets=1,
        purchases=0,
        subscriptions=0,
    )
    assert code == 0 and merged in out
    assert t("Kept from #{b}: {fields}", b=ids["C-017"], fields=fields.heading(fields.Kind.CUSTOMERS, "email")) in out
    merges = session.exec(select(AuditEvent).where(AuditEvent.action == "customer.merge")).all()
    assert len(merges) == 1
    assert {t.customer_id for t in session.exec(select(Ticket)).all()} == {ids["C-001"]}
    code, out, _ = run(capsys, db_url, "customer", "find", "03-1234-5678", "--json")
    assert [m["customer"]["id"] for m in json.loads(out)] == [ids["C-001"]]
    assert json.loads(run(capsys, db_url, "customer", "duplicates", "--json")[1]) == []


def test_the_dry_run_as_json_for_scripts(capsys, db_url, lead, tmp_path):
    data = excel_csv(tmp_path / "c.csv", HEADER, GOOD_ROWS[0], BAD_ROWS[0])
    code, out, _ = run(capsys, db_url, "import", "customers", str(data), "--dry-run", "--json")
    plan = json.loads(out)
    assert code == 2 and plan["ok"] is False and plan["counts"]["error"] == 1
    assert plan["records"][1]["problems"][0] == {
        "row": 3,
        "column": "氏名",
        "value": "",
        "reason": t("a customer needs a name"),
    }


def test_a_mapping_file_names_unusual_headers(capsys, db_url, lead, tmp_path):
    data = excel_csv(tmp_path / "c.csv", "お客様名,TEL(日中)", "山田 太郎,03-1234-5678")
    mapping = tmp_path / "map.toml"
    mapping.write_text(
        'kind = "customers"\n[columns]\n"お客様名" = "full_name"\n"TEL(日中)" = "phone"\n', encoding="utf-8"
    )
    code, out, _ = run(capsys, db_url, "import", "customers", str(data), "--mapping", str(mapping))
    imported = "Imported {file}: {created} created, {updated} updated, {unchanged} unchanged, {skipped} skipped."
    assert code == 0 and t(imported, file="c.csv", created=1, updated=0, unchanged=0, skipped=0) in out


def test_export_writes_a_file_for_excel_or_csv_to_stdout(capsys, db_url, session, lead, tmp_path):
    factories.customer(session, lead, "山田 太郎")
    target = tmp_path / "customers.csv"
    code, out, _ = run(capsys, db_url, "export", "customers", "--csv", str(target), "--bom", "--headers", "ja")
    assert code == 0 and t("Exported {count} rows to {path}", count=1, path=target) in out
    data = target.read_bytes()
    assert data.startswith(codecs.BOM_UTF8) and data.decode("utf-8-sig").startswith("SupportDesk番号,顧客ID,氏名")
    code, out, _ = run(capsys, db_url, "export", "customers")
    assert code == 0 and out.splitlines()[0].startswith("supportdesk_id,external_ref,full_name")


def test_merge_dry_run_shows_both_records_and_the_picks(capsys, db_url, session, lead):
    a = factories.customer(session, lead, "山田 太郎")
    b = factories.customer(session, lead, "山田 太郎", email="taro@example.jp")
    code, out, _ = run(capsys, db_url, "customer", "merge", str(a), str(b), "--keep", "phone=B", "--dry-run")
    assert code == 0
    email = fields.heading(fields.Kind.CUSTOMERS, "email")  # as the desk's language names the field
    assert any(line.startswith(email) and line.rstrip().endswith("* taro@example.jp") for line in out.splitlines())
    assert session.get(Customer, b).merged_into_id is None  # type: ignore[union-attr]
    code, _, err = run(capsys, db_url, "customer", "merge", str(a), str(b), "--keep", "email")
    assert code == 2 and t("{given!r}: write FIELD=A or FIELD=B, e.g. email=B", given="email") in err


@pytest.mark.parametrize(
    "args", [("import", "customers", "FILE"), ("export", "customers"), ("customer", "merge", "1", "2")]
)
def test_agents_may_not_import_export_or_merge(capsys, db_url, session, agent, tmp_path, args):
    factories.customer(session, agent, "山田 太郎")
    factories.customer(session, agent, "山田 太郎")
    data = excel_csv(tmp_path / "c.csv", HEADER, GOOD_ROWS[0])
    code, _, err = run(capsys, db_url, *(str(data) if a == "FILE" else a for a in args), user="sato")
    refusal = t("{name} ({role}) may not {action}.", name="佐藤 美咲", role=v("agent"), action="\x00")
    assert code == 4 and refusal.split("\x00")[0] in err
