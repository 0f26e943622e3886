"""The everyday records from the shell: tags, a customer's letter entered by hand, links and merges (issue 18)."""

import json
import re

import pytest
from sqlmodel import Session

from supportdesk import clock
from supportdesk.cli.main import main
from supportdesk.i18n import language, pt, t
from supportdesk.models import Status
from supportdesk.services.actor import Actor
from supportdesk.services.cases import ticket_tags
from tests.supportdesk import factories


@pytest.fixture
def tickets(session: Session, agent: Actor) -> dict[str, int]:
    taro = factories.customer(session, agent)
    first = factories.ticket(session, agent, taro, "プリンターが動かない", body="電源が入りません")
    again = factories.ticket(session, agent, taro, "プリンターの件(再度)", body="昨日も電話しました")
    return {"first": first, "again": again}


def run(capsys: pytest.CaptureFixture[str], db_url: str, *args: str, user: str = "sato") -> tuple[int, str, str]:
    code = main(["--db", db_url, "--user", user, "--lang", "en", *args])  # the words below are English
    out, err = capsys.readouterr()
    return code, out, err


def test_an_agent_adds_and_removes_tags_and_show_lists_them(capsys, db_url, session, tickets):
    number = str(tickets["first"])
    code, out, _ = run(capsys, db_url, "ticket", "tag", number, "+初期不良", "返品")
    assert (code, out.strip()) == (0, f"#{number} tags: 初期不良 返品")
    code, out, _ = run(capsys, db_url, "ticket", "tag", number, "-返品", "+交換", "--json")
    assert code == 0 and json.loads(out)["tags"] == ["交換", "初期不良"]
    session.expire_all()
    assert ticket_tags(session, tickets["first"]) == ["交換", "初期不良"]
    _, out, _ = run(capsys, db_url, "ticket", "show", number)
    assert "  tags: 交換 初期不良" in out.splitlines()
    _, out, _ = run(capsys, db_url, "ticket", "show", number, "--json")
    assert json.loads(out)["tags"] == ["交換", "初期不良"]


def test_a_tag_command_without_a_tag_is_one_clear_line(capsys, db_url, tickets):
    code, out, err = run(capsys, db_url, "ticket", "tag", str(tickets["first"]), "+")
    assert code != 0 and out == "" and err.count("\n") == 1 and "name a tag to add (+tag) or remove (-tag)" in err


def test_a_letter_is_entered_with_its_channel_and_the_day_it_came(capsys, db_url, tickets):
    number = str(tickets["first"])
    code, out, _ = run(
        capsys, db_url, "ticket", "message", number, "お手紙で失礼します。", "--channel", "letter",
        "--received", "2026-11-30T10:00+09:00",
    )  # fmt: skip
    assert (code, out.strip()) == (0, f"Entered the customer's message on #{number}.")
    _, out, _ = run(capsys, db_url, "ticket", "show", number, "--json")
    letter = json.loads(out)["entries"][-1]
    assert (letter["kind"], letter["body"], letter["channel"]) == ("customer_message", "お手紙で失礼します。", "letter")
    assert letter["received_at"].startswith("2026-11-30T01:00")


def test_a_letter_on_a_colleagues_ticket_waiting_for_the_customer_reopens_it(capsys, db_url, tickets, lead):
    """A lead enters the letter on an agent's pending ticket from the shell: it reopens, with how it came."""
    number = str(tickets["first"])
    run(capsys, db_url, "ticket", "assign", number, "sato")
    code, _, err = run(capsys, db_url, "ticket", "status", number, "pending", "--follow-up", "+3")
    assert code == 0, err
    code, out, err = run(
        capsys, db_url, "ticket", "message", number, "書類を同封しました。", "--channel", "letter",
        "--received", "2026-11-30T10:00+09:00", user="takahashi",
    )  # fmt: skip
    assert (code, err) == (0, ""), err
    _, out, _ = run(capsys, db_url, "ticket", "show", number, "--json")
    shown = json.loads(out)
    assert shown["row"]["status"] == "open"
    letter = [e for e in shown["entries"] if e["kind"] == "customer_message"][-1]
    assert (letter["body"], letter["channel"]) == ("書類を同封しました。", "letter")


def test_a_mistyped_time_received_is_refused_and_nothing_is_entered(capsys, db_url, tickets):
    number = str(tickets["first"])
    code, out, err = run(capsys, db_url, "ticket", "message", number, "お手紙", "--received", "11/30")
    assert code != 0 and out == "" and "11/30 is not a date and time like 2026-12-01T14:30" in err
    _, out, _ = run(capsys, db_url, "ticket", "show", number, "--json")
    assert [e["body"] for e in json.loads(out)["entries"] if e["kind"] == "customer_message"] == ["電源が入りません"]


def test_two_tickets_are_linked_and_each_shows_the_other(capsys, db_url, tickets):
    first, again = str(tickets["first"]), str(tickets["again"])
    code, out, _ = run(capsys, db_url, "ticket", "link", first, again, "--kind", "parent")
    assert (code, out.strip()) == (0, f"Linked #{first} and #{again}.")
    _, out, _ = run(capsys, db_url, "ticket", "show", first)
    assert f"  child #{again} プリンターの件(再度) (new)" in out.splitlines()
    _, out, _ = run(capsys, db_url, "ticket", "show", again)
    assert f"  parent #{first} プリンターが動かない (new)" in out.splitlines()
    code, out, _ = run(capsys, db_url, "ticket", "unlink", again, first)
    assert code == 0
    _, out, _ = run(capsys, db_url, "ticket", "show", first, "--json")
    assert json.loads(out)["links"] == []


def test_a_customer_who_called_twice_has_one_ticket_after_a_merge(capsys, db_url, session, tickets):
    first, again = str(tickets["first"]), str(tickets["again"])
    code, out, _ = run(capsys, db_url, "ticket", "merge", first, again, "--note", "同じ件で二度お電話")
    assert code == 0 and out.startswith(f"Merged #{again} into #{first}: 1 entries moved")
    _, out, _ = run(capsys, db_url, "ticket", "show", first, "--json")
    kept = json.loads(out)
    assert [e["body"] for e in kept["entries"] if e["kind"] == "customer_message"] == [
        "電源が入りません",
        "昨日も電話しました",
    ]
    _, out, _ = run(capsys, db_url, "ticket", "show", again)
    assert f"  merged into #{first}" in out.splitlines()
    _, out, _ = run(capsys, db_url, "ticket", "show", again, "--json")
    assert json.loads(out)["row"]["status"] == Status.CLOSED


def test_a_trainer_cannot_merge_tickets(capsys, db_url, trainer, tickets):
    code, _, err = run(capsys, db_url, "ticket", "merge", str(tickets["first"]), str(tickets["again"]), user="ito")
    assert code != 0 and err.count("\n") == 1


def test_an_agent_adds_a_company_and_its_decision_maker_from_the_shell(capsys, db_url, agent):
    code, out, _ = run(capsys, db_url, "company", "add", "会社名=株式会社みどり商会", "業種=小売", "--json")
    assert code == 0
    company = json.loads(out)["id"]
    code, out, _ = run(
        capsys, db_url, "customer", "add", "氏名=山田 太郎", "電話番号=03-1234-5678", "会社名=みどり商会",
        "決裁権者=はい", "性別=男性", "生年月日=1980/4/1",
    )  # fmt: skip
    assert code == 0 and out.startswith("Added customer ")
    customer = out.split()[2].rstrip(".")
    _, out, _ = run(capsys, db_url, "customer", "show", customer, "--json")
    record = json.loads(out)
    assert record["profile"]["company_id"] == company and record["profile"]["is_decision_maker"] is True
    assert (record["profile"]["gender"], record["profile"]["birth_date"]) == ("male", "1980-04-01")
    _, out, _ = run(capsys, db_url, "customer", "show", customer)
    assert "  Decision-maker: yes" in out.splitlines() and "  Phone: 03-1234-5678" in out.splitlines()
    _, out, _ = run(capsys, db_url, "company", "show", str(company))
    assert f"  {int(customer):>7} 山田 太郎 *" in out.splitlines()


def test_a_company_named_in_part_is_refused_with_the_command_that_adds_it(capsys, db_url, session, agent):
    factories.company(session, agent, "株式会社みどり商会")
    code, out, err = run(capsys, db_url, "customer", "add", "氏名=山田 太郎", "会社名=みどり")
    assert code == 2 and not out
    assert "no company called みどり" in err and "(company add)" in err and "ctrl+p" not in err


def test_a_customer_is_edited_field_by_field_and_a_stale_edit_is_refused(capsys, db_url, session, agent):
    taro = factories.customer(session, agent, phone="03-1234-5678")
    code, out, _ = run(capsys, db_url, "customer", "edit", str(taro), "携帯=090-1111-2222", "phone=", "--json")
    assert code == 0
    version = json.loads(out)["version"]
    _, out, _ = run(capsys, db_url, "customer", "show", str(taro), "--json")
    profile = json.loads(out)["profile"]
    assert (profile["mobile"], profile["phone"]) == ("090-1111-2222", None)
    code, out, err = run(capsys, db_url, "customer", "edit", str(taro), "職業=会社員", "--expect-version", "1")
    assert code != 0 and out == "" and err.count("\n") == 1
    code, _, _ = run(capsys, db_url, "customer", "edit", str(taro), "職業=会社員", "--expect-version", str(version))
    assert code == 0


def test_a_pair_without_an_equals_sign_is_one_clear_line(capsys, db_url, agent):
    code, out, err = run(capsys, db_url, "customer", "add", "山田 太郎")
    assert code != 0 and out == ""
    assert err.count("\n") == 1 and "山田 太郎: write FIELD=VALUE, e.g. phone=03-1234-5678" in err


def test_a_subscription_is_recorded_and_cancelled_with_its_reason(capsys, db_url, session, agent):
    from supportdesk.models import Product, Subscription

    taro = factories.customer(session, agent)
    plan = Product(sku="SUP-1", name="年間サポート", unit_price=12_000, is_subscription=True)
    session.add(plan)
    session.commit()
    args = ("customer", "subscribe", str(taro), "--product", str(plan.id), "--from", "2026-04-01", "--json")
    code, out, _ = run(capsys, db_url, *args)
    assert code == 0
    subscription = json.loads(out)["id"]
    code, out, _ = run(
        capsys, db_url, "customer", "cancel", str(subscription), "--reason", "price", "--words", "値上げのため",
        "--on", "2026-11-30",
    )  # fmt: skip
    assert (code, out.strip()) == (0, f"Subscription {subscription} is cancelled from 2026-11-30.")
    session.expire_all()
    row = session.get(Subscription, subscription)
    assert row is not None and (row.cancelled_on.isoformat(), row.cancel_category) == ("2026-11-30", "price")
    code, out, _ = run(
        capsys, db_url, "customer", "purchase", str(taro), "--product", str(plan.id), "--on", "2026-04-01"
    )
    assert code == 0 and out.startswith("Recorded purchase ")


def test_a_lead_reads_handle_time_renewals_and_cancellations_from_the_shell(capsys, db_url, session, agent, lead):
    from datetime import timedelta

    from supportdesk.models import Product
    from supportdesk.services.commerce import add_subscription, cancel_subscription
    from supportdesk.services.tickets import add_entry

    taro = factories.customer(session, agent)
    number = factories.ticket(session, agent, taro, "設定を教えてほしい", inquiry_type="question")
    add_entry(session, agent, number, "call_log", "手順をご案内", call_duration_seconds=360)
    add_entry(session, agent, number, "call_log", "再度ご案内", call_duration_seconds=240)
    plan = Product(sku="SUP-1", name="年間サポート", unit_price=12_000, is_subscription=True)
    session.add(plan)
    session.commit()
    today = clock.today()  # the desk's date: the report counts days on the desk's clock
    add_subscription(session, agent, taro, plan.id, today - timedelta(days=300), today + timedelta(days=20))
    gone = add_subscription(session, agent, taro, plan.id, today - timedelta(days=100))
    cancel_subscription(session, agent, gone, today, "高いので", "price")

    code, out, _ = run(capsys, db_url, "report", "handle-time", "--json", user="takahashi")
    rows = {(r["group"], r["key"]): r for r in json.loads(out)["rows"]}
    assert code == 0
    assert (rows["agent", "sato"]["calls"], rows["agent", "sato"]["talk_minutes"]) == (2, 10.0)
    assert rows["type", "question"]["average_call_minutes"] == 5.0
    code, out, _ = run(capsys, db_url, "report", "renewals", "--days", "30", "--json", user="takahashi")
    assert code == 0 and [(r["customer_id"], r["days_left"]) for r in json.loads(out)["rows"]] == [(taro, 20)]
    code, out, _ = run(capsys, db_url, "report", "renewals", "--days", "10", user="takahashi")
    assert code == 0 and out.strip() == t("Nothing to report.")
    code, out, _ = run(capsys, db_url, "report", "cancellations", "--json", user="takahashi")
    counts = {r["reason"]: r["count"] for r in json.loads(out)["rows"]}
    assert code == 0 and counts["price"] == 1 and sum(counts.values()) == 1
    # As text: headings, groups, types and reasons in the reader's language (JSON keeps the codes).
    for kind, heading in (("handle-time", "Talk min"), ("cancellations", "Share %"), ("renewals", "Days left")):
        code, out, _ = run(capsys, db_url, "report", kind, user="takahashi")
        assert code == 0 and pt("report", heading) in out
        if language() == "ja":
            words = set(re.findall(r"[A-Za-z_]{2,}", out)) - {"sato", "SUP"}  # a login and a product code are data
            assert not words, out
    code, _, err = run(capsys, db_url, "report", "handle-time")  # an agent
    assert code != 0 and err.count("\n") == 1
