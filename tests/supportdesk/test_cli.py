"""The `supportdesk` command as a person or a script uses it."""

import json

import pytest
from sqlmodel import Session

from supportdesk.cli.main import main
from supportdesk.demo.build import MIN_CUSTOMERS
from supportdesk.i18n import field_label, t, v
from supportdesk.services.actor import Actor
from tests.supportdesk import factories


@pytest.fixture
def desk_data(session: Session, agent: Actor, other_agent: Actor, lead: Actor) -> dict[str, int]:
    company = factories.company(session, agent, "㈱さくら商事")
    taro = factories.customer(session, agent, company_id=company, email="Taro.Yamada@Sakura.example.jp")
    colleague = factories.customer(
        session, agent, "小林 直子", name_kana="コバヤシ ナオコ", phone="03-9999-0000", company_id=company
    )
    open_ticket = factories.ticket(session, agent, taro, "ログインできない", body="パスワードを忘れました")
    done = factories.ticket(session, agent, colleague, "請求書の再発行")
    return {"taro": taro, "colleague": colleague, "open": open_ticket, "done": done}


def run(capsys: pytest.CaptureFixture[str], db_url: str, *args: str, user: str = "sato") -> tuple[int, str, str]:
    code = main(["--db", db_url, "--user", user, *args])
    out, err = capsys.readouterr()
    return code, out, err


def test_ticket_list_json_returns_the_open_tickets(capsys, db_url, desk_data):
    code, out, _ = run(capsys, db_url, "ticket", "list", "--json")
    assert code == 0
    rows = json.loads(out)
    assert {r["number"] for r in rows} == {desk_data["open"], desk_data["done"]}
    assert {"number", "status", "priority", "inquiry_type", "customer_name", "subject", "assignee_login"} <= set(
        rows[0]
    )


def test_ticket_list_filters_by_status(capsys, db_url, desk_data):
    run(capsys, db_url, "ticket", "status", str(desk_data["done"]), "resolved", "--reason", "再発行済み")
    code, out, _ = run(capsys, db_url, "ticket", "list", "--status", "resolved", "--json")
    assert code == 0
    assert [r["number"] for r in json.loads(out)] == [desk_data["done"]]
    _, out, _ = run(capsys, db_url, "ticket", "list", "--json")
    assert [r["number"] for r in json.loads(out)] == [desk_data["open"]]


def test_ticket_show_json_has_the_thread_and_version(capsys, db_url, desk_data):
    code, out, _ = run(capsys, db_url, "ticket", "show", str(desk_data["open"]), "--json")
    detail = json.loads(out)
    assert code == 0
    assert detail["row"]["version"] >= 1
    assert detail["entries"][0]["body"] == "パスワードを忘れました"
    # Input is NFKC-normalised (the domain's 入力ルール), which spells ㈱ as (株); the type stays where the user put it.
    assert detail["customer"]["company_name"] == "(株)さくら商事"
    assert "resolved" in detail["allowed_next"]


def test_ticket_show_reads_as_text_without_python_values(capsys, db_url, desk_data):
    code, out, _ = run(capsys, db_url, "ticket", "show", str(desk_data["open"]))
    assert code == 0
    assert "None" not in out
    assert f" {v('status_change')} -→{v('new')} — " in out  # the ticket's first status has no status before it


def test_reply_note_and_call_are_recorded_in_order(capsys, db_url, desk_data):
    number = str(desk_data["open"])
    assert run(capsys, db_url, "ticket", "reply", number, "再設定メールを送りました")[0] == 0
    assert run(capsys, db_url, "ticket", "note", number, "本人確認済み")[0] == 0
    assert run(capsys, db_url, "ticket", "call", number, "--minutes", "4.5", "折り返し電話")[0] == 0
    _, out, _ = run(capsys, db_url, "ticket", "show", number, "--json")
    kinds = [(e["kind"], e["call_duration_seconds"]) for e in json.loads(out)["entries"]]
    assert kinds == [
        ("customer_message", None),
        ("status_change", None),
        ("reply", None),
        ("status_change", None),
        ("internal_note", None),
        ("call_log", 270),
    ]


def test_a_stale_status_change_is_refused_with_a_clear_message(capsys, db_url, desk_data):
    number = str(desk_data["open"])
    _, out, _ = run(capsys, db_url, "ticket", "show", number, "--json")
    seen = json.loads(out)["row"]["version"]
    # A colleague replies in the meantime.
    assert run(capsys, db_url, "ticket", "reply", number, "お電話しました", user="suzuki")[0] == 0
    code, out, err = run(
        capsys,
        db_url,
        "ticket",
        "status",
        number,
        "pending",
        "--follow-up",
        "2099-01-01",
        "--expect-version",
        str(seen),
    )
    assert code == 5
    assert out == ""
    changed = t(
        "Ticket #{number} was changed by {name} at {time} after you opened it. "
        "Nothing was saved; reload it and try again.",
        number=number,
        name="鈴木 健太",
        time="\x00",
    )
    before_time, after_time = changed.split("\x00")
    assert before_time in err and after_time in err
    assert "Traceback" not in err
    _, out, _ = run(capsys, db_url, "ticket", "show", number, "--json")
    assert json.loads(out)["row"]["status"] == "open"


def test_status_change_with_the_current_version_succeeds(capsys, db_url, desk_data):
    number = str(desk_data["open"])
    _, out, _ = run(capsys, db_url, "ticket", "show", number, "--json")
    seen = json.loads(out)["row"]["version"]
    code, out, _ = run(
        capsys,
        db_url,
        "ticket",
        "status",
        number,
        "on_hold",
        "--reason",
        "メーカー確認中",
        "--expect-version",
        str(seen),
        "--json",
    )
    assert code == 0
    assert json.loads(out) == {"number": int(number), "status": "on_hold", "version": seen + 1}


def test_bad_input_gets_one_clear_line_and_a_non_zero_exit(capsys, db_url, desk_data):
    number = str(desk_data["open"])
    code, _, err = run(capsys, db_url, "ticket", "status", number, "pending")
    assert code == 2 and t("a pending ticket needs a follow-up date") in err and err.count("\n") == 1
    code, _, err = run(capsys, db_url, "ticket", "status", number, "pending", "--follow-up", "next week")
    assert code == 2 and err.count("\n") == 1 and "next week" in err
    code, _, err = run(capsys, db_url, "ticket", "show", "424242")
    assert code == 3 and t("Ticket #{number} does not exist.", number=424242) in err
    code, _, err = run(capsys, db_url, "ticket", "status", number, "closed")
    not_allowed = t(
        "Ticket #{number} cannot go from {current} to {target}; allowed next: {options}.",
        number=number,
        current=v("new"),
        target=v("closed"),
        options="\x00",
    )
    assert code == 4 and not_allowed.split("\x00")[0] in err
    code, _, err = run(capsys, db_url, "ticket", "list", user="nobody")
    no_user = t("No user {login!r} on this desk. Use --user LOGIN (known: {known}).", login="nobody", known="\x00")
    assert code == 3 and no_user.split("\x00")[0] in err and "sato" in err


def test_agent_cannot_take_a_colleagues_ticket_but_a_lead_can(capsys, db_url, desk_data):
    number = str(desk_data["open"])
    code, _, err = run(capsys, db_url, "ticket", "assign", number, "suzuki", user="suzuki")
    assert (
        code == 4 and t("Ticket #{number} belongs to another agent; ask a lead to reassign it.", number=number) in err
    )
    code, out, _ = run(capsys, db_url, "ticket", "assign", number, "suzuki", "--json", user="takahashi")
    assert code == 0 and json.loads(out)["assignee"] == "suzuki"


def test_a_handover_with_a_note_shows_in_ticket_show(capsys, db_url, desk_data):
    number = str(desk_data["open"])
    code, _, _ = run(
        capsys, db_url, "ticket", "assign", number, "suzuki", "--note", "午後に折り返し希望", user="takahashi"
    )
    assert code == 0
    code, out, _ = run(capsys, db_url, "ticket", "show", number)
    assert code == 0
    assert f"{v('assignment')} {t('assignee')} 佐藤 美咲 → 鈴木 健太 — 高橋 由美" in out and "午後に折り返し希望" in out


def test_new_ticket_from_the_shell(capsys, db_url, desk_data):
    code, out, _ = run(
        capsys,
        db_url,
        "ticket",
        "new",
        "--customer",
        str(desk_data["taro"]),
        "--subject",
        "返品の相談",
        "--type",
        "return",
        "--body",
        "箱が破損していました",
        "--json",
    )
    assert code == 0
    number = json.loads(out)["number"]
    _, out, _ = run(capsys, db_url, "ticket", "show", str(number), "--json")
    detail = json.loads(out)
    assert detail["row"]["inquiry_type"] == "return"
    assert detail["row"]["assignee_login"] == "sato"


@pytest.mark.parametrize("typed", ["(株)さくら", "株式会社さくら商事", "さくら商事㈱", "さくら"])
def test_customer_find_by_company_variant_finds_its_people(capsys, db_url, desk_data, typed):
    code, out, _ = run(capsys, db_url, "customer", "find", typed, "--json")
    assert code == 0
    assert {m["customer"]["id"] for m in json.loads(out)} == {desk_data["taro"], desk_data["colleague"]}


def test_customer_find_by_phone_any_format(capsys, db_url, desk_data):
    for typed in ("03-1234-5678", "0312345678", "０３１２３４５６７８"):
        _, out, _ = run(capsys, db_url, "customer", "find", typed, "--json")
        matches = json.loads(out)
        assert matches[0]["customer"]["id"] == desk_data["taro"]
        assert matches[0]["match"] == "phone"


def test_customer_find_text_output_and_empty_result(capsys, db_url, desk_data):
    code, out, _ = run(capsys, db_url, "customer", "find", "taro.yamada@")
    assert code == 0 and "山田 太郎" in out
    code, out, _ = run(capsys, db_url, "customer", "find", "存在しない人")
    assert code == 0 and t("No customer matches {text!r}.", text="存在しない人") in out


def test_customer_find_of_a_pasted_page_is_one_line_and_exit_code_2(capsys, db_url, desk_data):
    code, out, err = run(capsys, db_url, "customer", "find", "山田" * 300)
    assert code == 2 and out == ""
    assert len(err.strip().splitlines()) == 1 and "600" in err and "500" in err, err


def test_first_run_on_an_empty_desk_makes_the_os_user_its_admin(capsys, tmp_path, monkeypatch):
    monkeypatch.setattr("getpass.getuser", lambda: "kimura")
    url = f"sqlite:///{tmp_path / 'fresh.db'}"
    code = main(["--db", url, "ticket", "list", "--json"])
    out, _ = capsys.readouterr()
    assert code == 0 and json.loads(out) == []
    assert (tmp_path / "fresh.db").stat().st_mode & 0o777 == 0o600


def test_upgrade_brings_an_empty_database_to_head(capsys, tmp_path):
    url = f"sqlite:///{tmp_path / 'old.db'}"
    assert main(["--db", url, "upgrade"]) == 0
    was_empty = t("Schema at {now} (was {before}).", now="\x00", before=t("empty")).split("\x00")[1]
    assert was_empty in capsys.readouterr().out


def test_demo_builds_its_own_desk_once_without_launching(capsys, tmp_path, monkeypatch):
    monkeypatch.setenv("SUPPORTDESK_DATA_DIR", str(tmp_path / "data"))
    monkeypatch.setenv("SUPPORTDESK_PASSWORD", "sato-demo")
    assert main(["demo", "--no-launch", "--customers", "30", "--tickets", "40"]) == 0
    out = capsys.readouterr().out
    ready = t(
        "Demo desk ready in {seconds} s: {customers} customers, {tickets} tickets, {entries} thread entries at {place}",
        seconds="0.0",
        customers="\x01",
        tickets="\x02",
        entries=0,
        place="",
    )
    between = ready.split("\x01")[1].split("\x02")[0]  # ", " + "tickets" words between the two counts
    assert f"30{between}40" in out
    demo_db = tmp_path / "data" / "demo" / "supportdesk-demo.db"
    assert demo_db.exists() and demo_db.stat().st_mode & 0o777 == 0o600
    assert main(["demo", "--no-launch"]) == 0
    assert t("Using the demo desk at {place} (--rebuild makes a new one).", place=demo_db) in capsys.readouterr().out
    assert main(["--demo", "ticket", "list", "--all", "--limit", "1000", "--json"]) == 0
    rows = json.loads(capsys.readouterr().out)
    assert len(rows) == 40
    assert main(["--demo", "customer", "find", "(株)さくら", "--json"]) == 0
    names = {m["customer"]["full_name"] for m in json.loads(capsys.readouterr().out)}
    assert "山田 太郎" in names

    # Asking for a demo too small for its showcase records is refused before --rebuild throws this one away.
    assert main(["demo", "--no-launch", "--rebuild", "--customers", "3"]) == 2
    err = capsys.readouterr().err
    too_few = t("at least {limit} (the showcase records need {need})", limit=MIN_CUSTOMERS, need=MIN_CUSTOMERS - 1)
    assert err == f"supportdesk: {field_label('customers')}: {too_few}\n"
    assert main(["--demo", "ticket", "list", "--all", "--limit", "1000", "--json"]) == 0
    assert len(json.loads(capsys.readouterr().out)) == 40

    # A Japanese desk hears about its demo desk in Japanese (what `make demo` prints first).
    assert main(["--lang", "ja", "demo", "--no-launch"]) == 0
    assert "のデモデスクを使います(--rebuild で作り直します)。" in capsys.readouterr().out
