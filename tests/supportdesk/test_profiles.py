"""Customers and companies entered by hand, as an agent types them in a form or the shell (FIELD=VALUE, with the
names a spreadsheet gives the fields too), under the same rules as every other way in."""

from datetime import date

import pytest
from sqlmodel import select

from supportdesk.errors import Conflict, Invalid, NotAllowed
from supportdesk.models import AuditEvent, Company, Customer, SearchOutbox
from supportdesk.services.profiles import (
    add_company,
    add_customer,
    company_record,
    customer_record,
    edit_company,
    edit_customer,
    find_companies,
)
from tests.supportdesk import factories


def test_an_agent_adds_a_customer_with_every_seed_field(session, agent):
    company = add_company(session, agent, {"会社名": "株式会社さくら商事", "業種": "卸売", "従業員数": "1,200"})
    number = add_customer(
        session,
        agent,
        {
            "氏名": "山田 太郎",
            "フリガナ": "ﾔﾏﾀﾞ ﾀﾛｳ",
            "email": "Taro@Example.JP",
            "電話番号": "０３-１２３４-５６７８",
            "mobile": "090-1111-2222",
            "〒": "100-0001",
            "住所": "東京都千代田区千代田1-1",
            "性別": "男性",
            "生年月日": "1980/4/1",
            "職業": "会社員",
            "ランク": "vip",
            "流入経路": "紹介",
            "連絡同意": "はい",
            "備考": "午前中は不在",
            "会社名": "(株)さくら商事",
            "部署": "総務部",
            "役職": "部長",
            "決裁権者": "はい",
        },
    )
    c = session.get(Customer, number)
    assert (c.full_name, c.name_kana, c.phone, c.company_id) == ("山田 太郎", "ヤマダ タロウ", "03-1234-5678", company)
    assert (c.gender, c.birth_date, c.rank, c.acquisition_channel) == ("male", date(1980, 4, 1), "vip", "referral")
    assert c.contact_consent and c.consent_at is not None and c.is_decision_maker
    assert session.get(Company, company).employees == 1200


def test_a_customer_needs_a_name_and_sensible_values(session, agent):
    with pytest.raises(Invalid, match="name"):
        add_customer(session, agent, {"電話番号": "03-1234-5678"})
    with pytest.raises(Invalid, match="birth"):
        add_customer(session, agent, {"氏名": "山田 太郎", "生年月日": "1980-02-30"})
    with pytest.raises(Invalid, match="not a field here"):
        add_customer(session, agent, {"氏名": "山田 太郎", "好きな色": "青"})
    with pytest.raises(Invalid, match="no company called"):
        add_customer(session, agent, {"氏名": "山田 太郎", "会社名": "存在しない商事"})


def test_editing_changes_only_what_is_given_and_an_empty_value_clears_it(session, agent):
    number = factories.customer(session, agent, notes="折り返し希望")
    version = edit_customer(session, agent, number, {"notes": "", "job_title": "課長"})
    c = session.get(Customer, number)
    assert (c.notes, c.job_title, c.phone, c.version) == (None, "課長", "03-1234-5678", version)
    with pytest.raises(Conflict):
        edit_customer(session, agent, number, {"job_title": "部長"}, expected_version=version - 1)


def test_the_customer_record_is_read_with_its_company_and_the_read_is_audited(session, agent):
    company = factories.company(session, agent)
    number = factories.customer(session, agent, company_id=company)
    record = customer_record(session, agent, number)
    assert record.profile.full_name == "山田 太郎" and record.company and record.company.id == company
    views = session.exec(select(AuditEvent).where(AuditEvent.action == "customer.view")).all()
    assert [(v.object_type, v.object_id) for v in views] == [("customer", number)]


def test_a_companys_people_list_its_decision_maker_first(session, agent):
    company = factories.company(session, agent)
    factories.customer(session, agent, "佐藤 花子", phone="03-0000-1111", company_id=company)
    boss = factories.customer(session, agent, "鈴木 一郎", phone="03-0000-2222", company_id=company,
                              is_decision_maker=True)  # fmt: skip
    record = company_record(session, agent, company)
    assert [p.id for p in record.people][:1] == [boss] and record.people[0].is_decision_maker
    assert session.exec(select(AuditEvent).where(AuditEvent.action == "company.view")).all()


def test_renaming_a_company_reindexes_its_peoples_tickets(session, agent):
    company = factories.company(session, agent)
    number = factories.ticket(session, agent, factories.customer(session, agent, company_id=company))
    before = len(session.exec(select(SearchOutbox).where(SearchOutbox.ticket_id == number)).all())
    edit_company(
        session, agent, company, {"name": "株式会社さくらホールディングス", "website": "https://sakura.example.jp"}
    )
    after = len(session.exec(select(SearchOutbox).where(SearchOutbox.ticket_id == number)).all())
    assert after == before + 1
    assert session.get(Company, company).name_key != "さくら商事"


def test_a_company_cannot_lose_its_name_and_stale_edits_are_refused(session, agent):
    company = factories.company(session, agent)
    with pytest.raises(Invalid, match="company name"):
        edit_company(session, agent, company, {"name": ""})
    seen = session.get(Company, company).version
    edit_company(session, agent, company, {"industry": "小売"})
    with pytest.raises(Conflict):
        edit_company(session, agent, company, {"industry": "卸売"}, seen)


def test_companies_are_found_however_their_legal_form_is_written(session, agent):
    factories.company(session, agent, "株式会社さくら商事")
    factories.company(session, agent, "有限会社みどり")
    assert [c.name for c in find_companies(session, agent, "(株)さくら")] == ["株式会社さくら商事"]


def test_a_trainer_neither_adds_nor_reads_customers(session, trainer, agent):
    number = factories.customer(session, agent)
    with pytest.raises(NotAllowed):
        add_customer(session, trainer, {"氏名": "山田 太郎"})
    with pytest.raises(NotAllowed):
        customer_record(session, trainer, number)
