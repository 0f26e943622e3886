"""A lead keeps the team's canned responses from the shell: add (the language read from the text), list with use
counts, preview, edit, retire and restore; agents may not; a mistake is one line and saves nothing."""

import json

import pytest
from sqlmodel import Session

from supportdesk.cli.main import main
from supportdesk.services.actor import Actor
from supportdesk.services.canned import list_canned, use_canned


def run(capsys: pytest.CaptureFixture[str], db_url: str, *args: str, user: str = "takahashi") -> tuple[int, str, str]:
    code = main(["--db", db_url, "--user", user, "--lang", "en", *args])
    out, err = capsys.readouterr()
    return code, out, err


def test_a_lead_keeps_canned_responses_from_the_shell(capsys, db_url, session: Session, lead: Actor, agent: Actor):
    code, out, _ = run(capsys, db_url, "canned", "add", "お礼", "{customer_name} 様 ありがとうございました。", "--json")
    assert code == 0
    canned_id = json.loads(out)["id"]
    code, out, _ = run(capsys, db_url, "canned", "add", "Thanks", "Dear {customer_name},", "--every-team")
    assert (code, out.strip()) == (0, f"Added canned response {canned_id + 1}.")
    use_canned(session, agent, canned_id)

    code, out, _ = run(capsys, db_url, "canned", "list", "--json")
    listed = {r["title"]: r for r in json.loads(out)}
    assert code == 0 and set(listed) == {"お礼", "Thanks"}
    assert (listed["お礼"]["lang"], listed["お礼"]["team"], listed["お礼"]["uses"]) == ("ja", "東京サポート", 1)
    assert (listed["Thanks"]["lang"], listed["Thanks"]["team"]) == ("en", None)
    _, out, _ = run(capsys, db_url, "canned", "list")
    assert "used 1×" in out and "every team" in out

    _, out, _ = run(capsys, db_url, "canned", "show", str(canned_id), "--preview")
    assert out.splitlines()[-1] == "山田 太郎 様 ありがとうございました。"

    code, out, _ = run(capsys, db_url, "canned", "edit", str(canned_id), "--title", "ご購入のお礼")
    assert (code, out.strip()) == (0, f"Saved canned response {canned_id}.")
    code, out, _ = run(capsys, db_url, "canned", "retire", str(canned_id))
    assert (code, out.strip()) == (0, f"Retired canned response {canned_id}.")
    assert [r.title for r in list_canned(session, agent)] == ["Thanks"]
    _, out, _ = run(capsys, db_url, "canned", "list")
    assert "ご購入のお礼" not in out
    _, out, _ = run(capsys, db_url, "canned", "list", "--retired")
    assert "ご購入のお礼" in out and "retired" in out
    run(capsys, db_url, "canned", "retire", str(canned_id), "--restore")
    assert [r.title for r in list_canned(session, agent)] == ["Thanks", "ご購入のお礼"]


def test_a_placeholder_typo_is_one_line_and_nothing_is_saved(capsys, db_url, session: Session, lead: Actor):
    code, out, err = run(capsys, db_url, "canned", "add", "お礼", "{costomer_name} 様")
    assert code != 0 and out == "" and err.count("\n") == 1
    assert "{costomer_name} is not a placeholder" in err
    assert list_canned(session, lead, manage=True, include_retired=True) == []


def test_agents_may_not_keep_canned_responses(capsys, db_url, agent: Actor):
    code, out, err = run(capsys, db_url, "canned", "add", "お礼", "ありがとうございます", user="sato")
    assert code != 0 and out == "" and "may not manage canned responses" in err
    code, out, err = run(capsys, db_url, "canned", "list", user="sato")
    assert code != 0 and out == "" and "may not manage canned responses" in err
