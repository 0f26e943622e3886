"""A trainer at the shell: `ticket list`, `ticket show --json` and `search` show nobody, and refuse to look for one."""

import json

import pytest
from sqlmodel import Session

from supportdesk.cli.main import main
from supportdesk.i18n import t
from supportdesk.models import Ticket
from supportdesk.services.actor import Actor
from supportdesk.services.cases import mark_exemplary
from supportdesk.services.masking import name_label
from supportdesk.services.tickets import add_entry, change_status
from tests.supportdesk import factories


@pytest.fixture
def ticket(session: Session, agent: Actor, lead: Actor, trainer: Actor) -> int:
    company = factories.company(session, agent, "株式会社さくら商事", name_kana="サクラショウジ")
    hayashi = factories.customer(
        session,
        agent,
        "林 一",
        name_kana="ハヤシ ハジメ",
        company_id=company,
        email="hajime.hayashi@sakura.example.jp",
        phone="03-5555-1111",
    )
    factories.customer(session, agent, "髙橋 﨑子", name_kana="タカハシ サキコ", company_id=company, phone="035552222")
    body = "ﾊﾔｼです。請求書を再発行してください。"
    number = factories.ticket(session, agent, hayashi, "林様 請求書の再発行", body=body)
    add_entry(session, agent, number, "reply", "Hayashi-sama, 高橋様にも 03−5555−1111 でご連絡しました。")
    change_status(session, agent, number, "resolved", reason="林様へ〒1500001宛に送付")
    row = session.get(Ticket, number)  # resolved: its resolution note names the customer too
    assert row is not None
    row.resolution_note = "崎子様と林様に hajime.hayashi＠sakura.example.jp で送付済み"
    session.add(row)
    session.commit()
    mark_exemplary(session, lead, number, "さくら商事の林様への対応", ["林様"])
    return number


# 高橋 alone is also the lead who marked the case (高橋 由美, an author the trainer may see): the colleague is 高橋様.
PERSONAL = ("林", "ﾊﾔｼ", "Hayashi", "hayashi", "高橋様", "崎子", "5555", "1500001", "さくら商事", "sakura")


def _clean(text: str) -> bool:
    return not [v for v in PERSONAL if v in text]


def test_trainer_lists_and_reads_tickets_without_anyone_in_them(capsys, db_url, ticket):
    assert main(["--db", db_url, "--user", "ito", "ticket", "list", "--all", "--json"]) == 0
    listed = capsys.readouterr().out
    assert str(ticket) in listed and _clean(listed), listed
    assert main(["--db", db_url, "--user", "ito", "ticket", "show", str(ticket), "--json"]) == 0
    shown = capsys.readouterr().out
    detail = json.loads(shown)
    assert detail["resolution_note"] and name_label() + "様" in detail["resolution_note"]
    assert _clean(shown), shown
    assert main(["--db", db_url, "--user", "ito", "ticket", "show", str(ticket)]) == 0
    assert _clean(capsys.readouterr().out)


def test_trainer_search_shows_the_case_and_refuses_to_look_for_a_person(capsys, db_url, ticket):
    assert main(["--db", db_url, "--user", "ito", "search", "請求書", "--json"]) == 0
    found = capsys.readouterr().out
    assert json.loads(found)["hits"][0]["number"] == ticket and _clean(found), found
    assert main(["--db", db_url, "--user", "ito", "search", "林"]) == 0
    assert t("No past case matches {query!r}.", query="林") in capsys.readouterr().out
    for query in ('customer:"林 一"', "company:さくら商事", "03-5555-1111", "hajime.hayashi@sakura.example.jp"):
        assert main(["--db", db_url, "--user", "ito", "search", query]) == 4, query
        refusal = capsys.readouterr().err
        assert refusal.count("\n") == 1 and ("Trainers" in refusal or "トレーナー" in refusal), refusal


def test_an_agent_still_searches_by_the_customer(capsys, db_url, ticket):
    assert main(["--db", db_url, "--user", "sato", "search", 'customer:"林 一"', "--json"]) == 0
    assert json.loads(capsys.readouterr().out)["hits"][0]["customer_name"] == "林 一"
