"""Search stays in step with the database, survives crashes, and masks personal data for trainers."""

import itertools
import json
import os
import signal
import subprocess
import sys
from pathlib import Path

import pytest
from sqlmodel import Session, func, select

from search_index import QueryError, SearchIndex
from supportdesk.cli.main import main
from supportdesk.config import index_dir_for
from supportdesk.db import open_session
from supportdesk.desk import Desk
from supportdesk.i18n import t
from supportdesk.models import SearchOutbox, Ticket
from supportdesk.services import search
from supportdesk.services.actor import Actor
from supportdesk.services.case_library import case_markdown, export_manual, list_exemplary, read_case
from supportdesk.services.cases import mark_exemplary
from supportdesk.services.masking import name_label
from supportdesk.services.tickets import add_entry, change_status
from tests.supportdesk import factories
from tests.waiting import processes_progress, wait_until


@pytest.fixture
def index(tmp_path: Path):
    idx = SearchIndex.open(tmp_path / "index")
    yield idx
    idx.close()


@pytest.fixture
def cases(session: Session, agent: Actor) -> dict[str, int]:
    company = factories.company(session, agent, "株式会社さくら商事")
    taro = factories.customer(
        session, agent, company_id=company, email="taro.yamada@sakura.example.jp", address="東京都千代田区丸の内1-1-1"
    )
    refund = factories.ticket(
        session,
        agent,
        taro,
        "請求の二重引き落とし",
        inquiry_type="billing",
        body="山田です。今月の利用料が二重に引き落とされました。03-1234-5678 までお電話ください。",
    )
    add_entry(session, agent, refund, "reply", "山田 太郎 様 返金手続きをいたしました。")
    change_status(session, agent, refund, "resolved", reason="二重請求分を返金")
    password = factories.ticket(session, agent, taro, "パスワードを忘れた", body="ﾊﾟｽﾜｰﾄﾞ再設定のメールが届きません")
    return {"customer": taro, "refund": refund, "password": password}


def _outbox(session: Session) -> int:
    return session.exec(select(func.count()).select_from(SearchOutbox)).one()


def test_every_change_is_queued_and_sync_applies_it(session, agent, cases, index):
    assert _outbox(session) > 0
    search.ensure_index(session, index)
    assert search.pending_changes(session, index) == 0
    assert [h.hit.ticket_id for h in search.search_cases(session, agent, index, "返金").hits] == [cases["refund"]]
    add_entry(session, agent, cases["password"], "reply", "ロック解除後に再送しました。返金はありません。")
    assert search.pending_changes(session, index) == 1
    search.sync_index(session, index)
    found = {h.hit.ticket_id for h in search.search_cases(session, agent, index, "返金").hits}
    assert found == {cases["refund"], cases["password"]}


def test_width_and_kana_variants_find_the_case(session, agent, cases, index):
    search.ensure_index(session, index)
    for query in ("パスワード", "ﾊﾟｽﾜｰﾄﾞ", "type:billing 二重", '"二重に引き落とされ"'):
        hits = search.search_cases(session, agent, index, query).hits
        assert hits, query


def test_a_crash_between_index_commit_and_outbox_delete_only_repeats_work(session, agent, cases, index, monkeypatch):
    search.ensure_index(session, index)
    add_entry(session, agent, cases["password"], "internal_note", "配送センターに確認中")

    def crash(*args, **kwargs):
        raise KeyboardInterrupt("killed")

    monkeypatch.setattr(index._dir, "write_sync", crash)  # killed after the index commit, before its mark
    with pytest.raises(KeyboardInterrupt):
        search.sync_index(session, index)
    monkeypatch.undo()
    session.rollback()
    assert search.pending_changes(session, index) == 1  # the work is still queued
    assert search.sync_index(session, index) == 1
    hits = search.search_cases(session, agent, index, "配送センター").hits
    assert [h.hit.ticket_id for h in hits] == [cases["password"]]  # once, not twice


def test_bad_query_raises_a_hint_not_a_traceback(session, agent, cases, index):
    search.ensure_index(session, index)
    with pytest.raises(QueryError) as err:
        search.search_cases(session, agent, index, '"返金')
    assert "quote" in err.value.hint.lower()


def test_trainer_sees_cases_with_personal_data_masked(session, agent, trainer, lead, cases, index):
    search.ensure_index(session, index)
    result = search.search_cases(session, trainer, index, "二重")
    hit = result.hits[0]
    text = " ".join(s.text for s in hit.hit.snippets) + hit.hit.subject + hit.customer_name
    assert "山田" not in text and "03-1234-5678" not in text
    assert hit.customer_name == name_label()
    mark_exemplary(session, lead, cases["refund"], "山田様への返金の案内が丁寧", ["請求"])
    doc = read_case(session, trainer, cases["refund"])
    markdown = case_markdown(doc)
    assert doc.masked and "山田" not in markdown and "太郎" not in markdown and "03-1234-5678" not in markdown
    assert "返金手続き" in markdown
    assert [r.number for r in list_exemplary(session, trainer, tag="請求")] == [cases["refund"]]
    assert "山田" not in list_exemplary(session, trainer)[0].summary


def test_agents_read_cases_unmasked(session, agent, cases):
    doc = read_case(session, agent, cases["refund"])
    assert not doc.masked and doc.customer == "山田 太郎"


def test_manual_export_is_masked_for_trainers_and_private(session, trainer, cases, tmp_path):
    out = tmp_path / "manual.md"
    assert export_manual(session, trainer, [cases["refund"], cases["password"]], out, "研修用事例集") == 2
    text = out.read_text(encoding="utf-8")
    assert text.startswith("# 研修用事例集") and "#" + str(cases["refund"]) in text
    assert "山田" not in text and "taro.yamada" not in text
    assert out.stat().st_mode & 0o777 == 0o600


def test_cli_search_json_and_bad_query(capsys, db_url, cases, agent):
    assert main(["--db", db_url, "--user", "sato", "search", "返金", "--json"]) == 0
    result = json.loads(capsys.readouterr().out)
    assert result["total"] == 1 and result["hits"][0]["number"] == cases["refund"]
    assert any("**" in s for s in result["hits"][0]["snippets"])
    code = main(["--db", db_url, "--user", "sato", "search", "status:"])
    assert code == 2
    needs_a_value = t('Filter "{name}:" needs a value, e.g. {example}', name="status", example="status:open")
    assert needs_a_value in capsys.readouterr().err


def test_cli_reindex_rebuilds_from_the_database(capsys, db_url, cases, agent):
    assert main(["--db", db_url, "--user", "sato", "reindex"]) == 0
    indexed = t("Indexed {count} tickets into {path}.", count=2, path="\x00").split("\x00")[0]
    assert indexed in capsys.readouterr().out
    assert index_dir_for(db_url).exists()


@pytest.mark.skipif(os.environ.get("SUPPORTDESK_TEST_PG_URL") is not None, reason="uses a SQLite file path")
@pytest.mark.parametrize("indexed_before", [True, False], ids=["desk-in-use", "first-build"])
def test_killing_a_reindex_leaves_search_complete_after_restart(db_url, engine, indexed_before):
    from supportdesk.demo import build_demo

    build_demo(engine, customers=60, tickets=300)
    if indexed_before:
        Desk.open(db_url, "sato", password="sato-demo").sync_index()
    env = {**os.environ, "SUPPORTDESK_USER": "sato", "SUPPORTDESK_PASSWORD": "sato-demo"}
    proc = subprocess.Popen(
        [sys.executable, "-m", "supportdesk.cli.main", "--db", db_url, "reindex"],
        env=env,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    # Kill it while a rebuild directory exists, i.e. in the middle of indexing.
    index_root = index_dir_for(db_url)
    wait_until(
        lambda: proc.poll() is not None or any(index_root.glob("gen-*.building-*")),
        progress=processes_progress([proc]),
        what="the reindex to start building",
        poll=0.02,
    )
    assert any(index_root.glob("gen-*.building-*")), "the reindex never started"
    proc.send_signal(signal.SIGKILL)
    proc.wait()
    desk = Desk.open(db_url, "sato", password="sato-demo")
    desk.sync_index()  # what the app does on start
    with open_session(desk.engine) as session:
        total = session.exec(select(func.count()).select_from(search.Ticket)).one()
    assert desk.search_index().doc_count() == total
    assert desk.search_cases("返品").total > 0


def test_a_rebuild_reads_each_companys_tickets_together_and_misses_none(session, agent):
    # Tickets arrive interleaved; a rebuild takes a company's together so their masker is built once, not per ticket.
    sakura = factories.company(session, agent, "株式会社さくら商事")
    kaede = factories.company(session, agent, "有限会社かえで")
    people = [
        factories.customer(session, agent, "山田 太郎", company_id=sakura, phone="03-1111-0001"),
        factories.customer(session, agent, "佐藤 花子", company_id=kaede, phone="03-1111-0002"),
        factories.customer(session, agent, "鈴木 一郎", company_id=sakura, phone="03-1111-0003"),
        factories.customer(session, agent, "高橋 次郎", phone="03-1111-0004"),
    ]
    for round_ in range(3):
        for person in people:
            factories.ticket(session, agent, person, f"問い合わせ {round_}", body="返品したい")
    company_of = dict(zip(people, (sakura, kaede, sakura, None), strict=True))

    by_id = list(search.all_ticket_docs(session, batch=5))
    by_owner = list(search.ticket_docs_by_owner(session, batch=5))

    # The same documents, masked the same way (a batch of all_ticket_docs comes in the database's order, not by number).
    number = lambda doc: doc.ticket_id  # noqa: E731
    assert sorted(by_owner, key=number) == sorted(by_id, key=number)
    owner = {d.ticket_id: company_of[session.get(Ticket, d.ticket_id).customer_id] for d in by_id}
    runs = [owner[d.ticket_id] for d in by_owner]
    changes = sum(1 for a, b in itertools.pairwise(runs) if a != b)
    assert changes == 2  # three owners (two companies, one customer without one), each in one run
