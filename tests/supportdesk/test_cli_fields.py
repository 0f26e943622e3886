"""An administrator adds the team's own fields from the shell; agents fill them in when opening a ticket, change
them, read them in `show --json` and list tickets and customers by them (issue 18 item 8)."""

import json

import pytest
from sqlmodel import Session

from supportdesk.cli.main import main
from supportdesk.services.actor import Actor
from tests.supportdesk import factories


def run(capsys: pytest.CaptureFixture[str], db_url: str, *args: str, user: str = "sato") -> tuple[int, str, str]:
    code = main(["--db", db_url, "--user", user, "--lang", "en", *args])
    out, err = capsys.readouterr()
    return code, out, err


@pytest.fixture
def defined(capsys, db_url, admin: Actor) -> None:
    for args in (
        ("tickets", "品番"),
        ("tickets", "窓口", "--type", "choice", "--choice", "本社", "--choice", "大阪支店", "--required"),
        ("tickets", "保証期限", "--type", "date"),
        ("customers", "製造番号"),
    ):
        code, out, err = run(capsys, db_url, "field", "add", *args, user="admin")
        assert (code, err) == (0, "") and out.startswith("Added field ")


def test_an_administrator_defines_fields_and_everyone_lists_them(capsys, db_url, defined, agent: Actor):
    code, out, _ = run(capsys, db_url, "field", "list", "--json")
    fields = {f["name"]: f for f in json.loads(out)}
    assert code == 0 and list(fields) == ["製造番号", "品番", "窓口", "保証期限"]
    assert (fields["窓口"]["holds"], fields["窓口"]["choices"], fields["窓口"]["required"]) == (
        "choice",
        ["本社", "大阪支店"],
        True,
    )
    _, out, _ = run(capsys, db_url, "field", "list", "--kind", "tickets")
    assert "窓口" in out and "required field" in out and "製造番号" not in out
    code, out, err = run(capsys, db_url, "field", "add", "tickets", "色")
    assert code != 0 and out == "" and "may not" in err


def test_a_ticket_is_opened_with_its_fields_changed_shown_and_listed_by_them(
    capsys, db_url, session: Session, defined, agent: Actor
):
    customer = str(factories.customer(session, agent))
    code, out, err = run(capsys, db_url, "ticket", "new", "--customer", customer, "--subject", "故障")
    assert code != 0 and out == "" and "窓口: a value is required" in err
    code, out, _ = run(
        capsys, db_url, "ticket", "new", "--customer", customer, "--subject", "故障", "--json",
        "--field", "窓口=大阪支店", "--field", "品番=A-100", "--field", "保証期限=2027年3月31日",
    )  # fmt: skip
    number = str(json.loads(out)["number"])
    run(capsys, db_url, "ticket", "new", "--customer", customer, "--subject", "別件", "--field", "窓口=本社")
    _, out, _ = run(capsys, db_url, "ticket", "show", number, "--json")
    assert {v["name"]: v["value"] for v in json.loads(out)["custom"]} == {
        "品番": "A-100",
        "窓口": "大阪支店",
        "保証期限": "2027-03-31",
    }
    code, out, _ = run(capsys, db_url, "ticket", "fields", number, "品番=A-200", "保証期限=")
    assert (code, out.strip()) == (0, f"Saved the fields of #{number}.")
    _, out, _ = run(capsys, db_url, "ticket", "show", number)
    assert "  品番: A-200" in out.splitlines() and "  保証期限: -" in out.splitlines()

    _, out, _ = run(capsys, db_url, "ticket", "list", "--field", "品番=A-200", "--json")
    assert [r["number"] for r in json.loads(out)] == [int(number)]
    _, out, _ = run(capsys, db_url, "ticket", "list", "--field", "窓口=大阪支店", "--field", "品番=A-100", "--json")
    assert json.loads(out) == []
    code, out, err = run(capsys, db_url, "ticket", "list", "--field", "窓口=福岡支店")
    assert code != 0 and out == "" and "福岡支店 is not one of 本社, 大阪支店" in err
    code, out, err = run(capsys, db_url, "ticket", "fields", number, "窓口=")
    assert code != 0 and "窓口: a value is required" in err


def test_customers_are_listed_by_their_own_field(capsys, db_url, session: Session, defined, agent: Actor, trainer):
    code, out, _ = run(capsys, db_url, "customer", "add", "氏名=山田 太郎", "製造番号=SN-0001", "--json")
    number = json.loads(out)["id"]
    run(capsys, db_url, "customer", "add", "氏名=鈴木 一郎", "製造番号=SN-0002")
    _, out, _ = run(capsys, db_url, "customer", "show", str(number), "--json")
    assert json.loads(out)["custom"][0] == {
        "field_id": 4, "name": "製造番号", "holds": "text", "value": "SN-0001", "required": False, "choices": [],
    }  # fmt: skip
    _, out, _ = run(capsys, db_url, "customer", "list", "--field", "製造番号=SN-0001", "--json")
    assert [c["id"] for c in json.loads(out)] == [number]
    _, out, _ = run(capsys, db_url, "customer", "list", "--field", "製造番号=SN-0001")
    assert "山田 太郎" in out and "鈴木" not in out
    code, out, err = run(capsys, db_url, "customer", "list", "--field", "製造番号=SN-0001", user="ito")
    assert code != 0 and out == "" and "may not" in err
    _, out, _ = run(capsys, db_url, "customer", "list", "--field", "製造番号=sn-000", "--contains", "--json")
    assert len(json.loads(out)) == 2
    _, out, _ = run(capsys, db_url, "customer", "list", "--json")  # no filter: every customer, in kana order
    assert {c["id"] for c in json.loads(out)} >= {number}
    code, out, err = run(capsys, db_url, "customer", "list", "--field", "数量=1", "--contains")
    assert code != 0 and out == ""


def test_tickets_are_listed_by_part_of_a_text_field(capsys, db_url, session: Session, defined, agent: Actor):
    customer = str(factories.customer(session, agent))
    numbers = []
    for part in ("ABC-100", "XYZ-200"):
        _, out, _ = run(
            capsys, db_url, "ticket", "new", "--customer", customer, "--subject", "故障", "--json",
            "--field", f"品番={part}", "--field", "窓口=本社",
        )  # fmt: skip
        numbers.append(json.loads(out)["number"])
    _, out, _ = run(capsys, db_url, "ticket", "list", "--field-contains", "品番=abc", "--json")
    assert [r["number"] for r in json.loads(out)] == numbers[:1]
    code, out, err = run(capsys, db_url, "ticket", "list", "--field-contains", "窓口=本")
    assert code != 0 and out == "" and "only a text field" in err


def test_a_field_is_renamed_and_retired_with_its_values_kept(capsys, db_url, session: Session, defined, agent):
    customer = str(factories.customer(session, agent))
    _, out, _ = run(
        capsys, db_url, "ticket", "new", "--customer", customer, "--subject", "故障", "--json",
        "--field", "窓口=本社", "--field", "品番=A-1",
    )  # fmt: skip
    number = str(json.loads(out)["number"])
    code, out, _ = run(capsys, db_url, "field", "edit", "1", "--name", "型番", user="admin")
    assert (code, out.strip()) == (0, "Saved field 1.")
    code, out, _ = run(capsys, db_url, "field", "retire", "1", user="admin")
    assert (code, out.strip()) == (0, "Retired field 1: its values are kept.")
    _, out, _ = run(capsys, db_url, "ticket", "show", number, "--json")
    assert "型番" not in {v["name"] for v in json.loads(out)["custom"]}
    run(capsys, db_url, "field", "retire", "1", "--restore", user="admin")
    _, out, _ = run(capsys, db_url, "ticket", "show", number, "--json")
    assert {v["name"]: v["value"] for v in json.loads(out)["custom"]}["型番"] == "A-1"
    code, out, err = run(capsys, db_url, "field", "edit", "2", "--choice", "本社だけ", user="admin")
    assert code != 0 and "本社 is still chosen" in err
