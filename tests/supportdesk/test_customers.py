"""顧客: recording callers as they are spelled, and finding them again however the agent types them."""

from datetime import timedelta

import pytest
from sqlmodel import Session, delete, select

from supportdesk.errors import Invalid, NotFound
from supportdesk.kanji_variants import spellings
from supportdesk.models import AuditEvent, Company, Customer, SearchOutbox, Status
from supportdesk.normalize import name_key
from supportdesk.services import caller_lookup
from supportdesk.services.caller_lookup import find_customers
from supportdesk.services.customers import (
    CompanyCreate,
    CustomerCreate,
    company_members,
    create_company,
    create_customer,
    duplicate_candidates,
    update_customer,
)
from tests.supportdesk import factories
from tests.supportdesk.factories import count, soon, ticket_in

# --- creating -------------------------------------------------------------------------------------------------


def _stored(session: Session, customer_id: int) -> Customer:
    customer = session.get(Customer, customer_id)
    assert customer is not None
    return customer


@pytest.mark.parametrize(
    ("change", "field"),
    [
        ({"full_name": ""}, "name"),
        ({"full_name": " \u3000 "}, "name"),
        ({"email": "taro.example.com"}, "email"),
        ({"email": "taro@example"}, "email"),
        ({"email": "taro@@example.com"}, "email"),
        ({"phone": "12345"}, "phone"),
        ({"phone": "電話なし"}, "phone"),
        ({"phone": "0" * 16}, "phone"),
        ({"mobile": "090"}, "mobile"),
        ({"birth_date": soon(1)}, "date of birth"),
        ({"gender": "unknown"}, "gender"),
        ({"rank": "platinum"}, "rank"),
        ({"acquisition_channel": "tv"}, "acquisition channel"),
        ({"company_id": 999}, "company"),
    ],
)
def test_a_customer_with_a_bad_field_is_refused_naming_the_field(session, agent, change, field):
    data = {"full_name": "山田 太郎", **change}
    with pytest.raises(Invalid) as refused:
        create_customer(session, agent, CustomerCreate(**data))
    assert refused.value.field == field
    assert count(session, Customer) == 0
    assert count(session, AuditEvent) == 0


def test_a_birth_date_of_today_is_accepted(session, agent):
    today = soon(0)
    cid = create_customer(session, agent, CustomerCreate(full_name="新生 はな", birth_date=today), today=today)
    assert _stored(session, cid).birth_date == today
    with pytest.raises(Invalid):
        create_customer(
            session, agent, CustomerCreate(full_name="未来 人", birth_date=today + timedelta(1)), today=today
        )


def test_only_a_name_is_required(session, agent):
    cid = create_customer(session, agent, CustomerCreate(full_name="匿名 希望"))
    customer = _stored(session, cid)
    assert (customer.email, customer.phone, customer.name_kana, customer.company_id) == (None, None, None, None)
    assert (customer.email_key, customer.phone_key) == ("", "")
    assert customer.rank == "new"


def test_the_callers_spelling_is_kept_for_display_while_the_keys_are_normalised(session, agent):
    cid = create_customer(
        session,
        agent,
        CustomerCreate(
            full_name="  山田\u3000太郎 ",
            name_kana="ﾔﾏﾀﾞ ﾀﾛｳ",
            email=" Taro.Yamada@Example.CO.JP ",
            phone="０３－１２３４－５６７８",
            mobile="090 1234 5678",
            notes="  ",
        ),
    )
    customer = _stored(session, cid)
    assert customer.full_name == "山田 太郎"
    assert customer.name_kana == "ヤマダ タロウ"
    assert customer.email == "Taro.Yamada@Example.CO.JP"
    assert customer.phone == "03-1234-5678"
    assert customer.mobile == "090 1234 5678"
    assert customer.notes is None
    assert customer.name_key == "山田太郎"
    assert customer.kana_key == "ヤマダタロウ"
    assert customer.email_key == "taro.yamada@example.co.jp"
    assert (customer.phone_key, customer.mobile_key) == ("0312345678", "09012345678")


def test_consent_to_contact_is_stamped_when_given(session, agent):
    yes = _stored(session, factories.customer(session, agent, contact_consent=True))
    no = _stored(session, factories.customer(session, agent, "田中 花子", contact_consent=False))
    assert yes.consent_at is not None
    assert no.consent_at is None


def test_creating_a_customer_is_audited(session, agent):
    cid = factories.customer(session, agent)
    assert count(session, AuditEvent, action="customer.create", object_id=cid, actor_id=agent.id) == 1


def test_a_company_keeps_its_written_name_and_matches_by_its_bare_name(session, agent):
    company_id = factories.company(session, agent, "㈱さくら商事", name_kana="ｶﾌﾞｼｷｶﾞｲｼｬ ｻｸﾗｼｮｳｼﾞ", phone="03-5555-0000")
    company = session.get(Company, company_id)
    assert company.name == "(株)さくら商事"
    assert (company.name_key, company.kana_key, company.phone_key) == ("さくら商事", "サクラショウジ", "0355550000")


@pytest.mark.parametrize(
    ("change", "field"),
    [({"name": " "}, "company name"), ({"phone": "123"}, "company phone"), ({"employees": -1}, "employees")],
)
def test_a_company_with_a_bad_field_is_refused(session, agent, change, field):
    with pytest.raises(Invalid) as refused:
        create_company(session, agent, CompanyCreate(**{"name": "さくら商事", **change}))
    assert refused.value.field == field
    assert count(session, Company) == 0


# --- finding the caller ---------------------------------------------------------------------------------------


@pytest.fixture
def desk(session, agent):
    """A few customers: a B2C caller, a namesake, and two people at a company with a main line."""
    sakura = factories.company(session, agent, "株式会社さくら商事", name_kana="サクラショウジ", phone="03-5555-0000")
    return {
        "yamada": factories.customer(
            session, agent, "山田 太郎", name_kana="ヤマダ タロウ", phone="03-1234-5678", email="Taro@Example.com"
        ),
        "yamada_hanako": factories.customer(
            session, agent, "山田 花子", name_kana="ヤマダ ハナコ", phone="06-2222-3333", mobile="080-1111-2222"
        ),
        "longer_number": factories.customer(session, agent, "長井 番", name_kana="ナガイ バン", phone="03-1234-56789"),
        "tanaka": factories.customer(
            session, agent, "田中 一郎", name_kana="タナカ イチロウ", phone="045-000-1111", company_id=sakura
        ),
        "suzuki": factories.customer(
            session,
            agent,
            "鈴木 次郎",
            name_kana="スズキ ジロウ",
            phone="045-000-2222",
            company_id=sakura,
            is_decision_maker=True,
        ),
        "sakura": sakura,
    }


def _found(session, agent, text) -> list[int]:
    return [m.customer.id for m in find_customers(session, agent, text)]


@pytest.mark.parametrize(
    "typed", ["03-1234-5678", "0312345678", "(03)1234-5678", "０３－１２３４－５６７８", "+81 3-1234-5678"]
)
def test_agent_finds_caller_by_phone_in_any_format(session, agent, desk, typed):
    matches = find_customers(session, agent, typed)
    assert matches[0].customer.id == desk["yamada"]
    assert (matches[0].match, matches[0].score) == ("phone", 0)


def test_agent_finds_caller_by_fullwidth_phone(session, agent, desk):
    assert _found(session, agent, "０３１２３４５６７８")[0] == desk["yamada"]


@pytest.mark.parametrize("typed", ["山\U0010ffff", "\U0010ffff\U0010ffff", "山\ud7ff", "ヤマ\U0010fffd"])
def test_a_lookup_ending_in_the_last_code_points_finds_nothing_and_does_not_fail(session, agent, desk, typed):
    # The prefix search's upper bound is the next code point: past U+10FFFF there is none, after U+D7FF comes the
    # surrogate block that no text can hold.
    assert _found(session, agent, typed) == []


def test_an_exact_phone_match_ranks_above_a_longer_number_that_starts_the_same(session, agent, desk):
    matches = find_customers(session, agent, "03-1234-5678")
    assert [m.customer.id for m in matches] == [desk["yamada"], desk["longer_number"]]
    assert [m.score for m in matches] == [0, 10]


def test_the_first_digits_of_a_number_find_every_caller_it_could_be(session, agent, desk):
    assert set(_found(session, agent, "03-1234")) == {desk["yamada"], desk["longer_number"]}


def test_agent_finds_caller_by_mobile(session, agent, desk):
    [match] = find_customers(session, agent, "080 1111 2222")
    assert (match.customer.id, match.match) == (desk["yamada_hanako"], "phone")


def test_a_call_from_a_companys_main_line_lists_its_people_after_direct_matches(session, agent, desk):
    matches = find_customers(session, agent, "03-5555-0000")
    assert {m.customer.id for m in matches} == {desk["tanaka"], desk["suzuki"]}
    assert {m.match for m in matches} == {"company phone"}


@pytest.mark.parametrize(
    "typed", ["taro@example.com", "TARO@EXAMPLE.COM", "Taro@Example.com", "ｔａｒｏ＠ｅｘａｍｐｌｅ．ｃｏｍ"]
)
def test_agent_finds_caller_by_email_in_any_case(session, agent, desk, typed):
    [match] = find_customers(session, agent, typed)
    assert (match.customer.id, match.match, match.score) == (desk["yamada"], "email", 0)


@pytest.mark.parametrize("typed", ["山田太郎", "山田 太郎", "山田\u3000太郎", " 山田　 太郎 "])
def test_agent_finds_caller_by_name_with_or_without_a_space(session, agent, desk, typed):
    matches = find_customers(session, agent, typed)
    assert matches[0].customer.id == desk["yamada"]
    assert matches[0].match == "name"


def test_a_family_name_finds_everyone_with_it(session, agent, desk):
    assert set(_found(session, agent, "山田")) == {desk["yamada"], desk["yamada_hanako"]}


@pytest.mark.parametrize(
    ("stored", "typed"),
    [
        ("髙橋 一郎", "高橋"),  # はしご高 in the record, the everyday 高 typed
        ("高橋 一郎", "髙橋一郎"),
        ("渡邉 恵", "渡辺"),
        ("渡辺 恵", "渡邊 恵"),
        ("山﨑 誠", "山崎"),
        ("齋藤 修", "斎藤"),
        ("𠮷田 茂", "吉田"),
        ("濱田 優", "浜田"),
    ],
)
def test_a_name_written_with_variant_kanji_finds_the_caller(session, agent, stored, typed):
    person = factories.customer(session, agent, stored, name_kana=None, phone=None)
    factories.customer(session, agent, "佃 三郎", name_kana=None, phone=None)  # 佃 is a name of its own, not 田
    matches = find_customers(session, agent, typed)
    assert [m.customer.id for m in matches] == [person]
    assert matches[0].match == "name"


def test_two_common_kanji_are_never_taken_for_each_other(session, agent):
    factories.customer(session, agent, "吉佃 太郎", name_kana=None, phone=None)
    factories.customer(session, agent, "広岸 花子", name_kana=None, phone=None)
    assert find_customers(session, agent, "吉田") == []
    assert find_customers(session, agent, "広田") == []


def test_a_company_written_with_variant_kanji_lists_its_people(session, agent):
    company = factories.company(session, agent, "株式会社髙島屋商事")
    person = factories.customer(session, agent, "中村 蓮", name_kana=None, phone=None, company_id=company)
    assert [m.customer.id for m in find_customers(session, agent, "高島屋")] == [person]


@pytest.mark.parametrize("walk_above", [caller_lookup.WALK_ABOVE, 0], ids=["sorted", "walked"])
@pytest.mark.parametrize("few_ranges", [caller_lookup.FEW_RANGES, 100], ids=["union", "or"])
def test_a_long_name_rich_in_variant_kanji_finds_the_same_people_however_its_spellings_are_asked(
    session, agent, monkeypatch, few_ranges, walk_above
):
    """株式会社髙島屋商事 and 齋藤 修 have 27-32 spellings: asked as a union of key ranges (an OR of that many made
    SQLite scan every customer) or as one OR, sorted or walked in ranking order, the same people come back."""
    assert len(spellings(name_key("株式会社高島屋商事"))) > caller_lookup.FEW_RANGES
    monkeypatch.setattr(caller_lookup, "FEW_RANGES", few_ranges)
    monkeypatch.setattr(caller_lookup, "WALK_ABOVE", walk_above)
    company = factories.company(session, agent, "株式会社髙島屋商事")
    staff = [
        factories.customer(session, agent, name, name_kana=None, phone=None, company_id=company)
        for name in ("中村 蓮", "中村 葵", "中村 陽")
    ]
    saito = factories.customer(session, agent, "斎藤 修", name_kana=None, phone=None)
    factories.customer(session, agent, "斎藤 花子", name_kana=None, phone=None)
    yoshida = [factories.customer(session, agent, name, name_kana=None, phone=None) for name in ("𠮷田 茂", "吉田 優")]
    assert {m.customer.id for m in find_customers(session, agent, "株式会社高島屋商事")} == set(staff)
    assert [m.customer.id for m in find_customers(session, agent, "齋藤 修")] == [saito]
    assert {m.customer.id for m in find_customers(session, agent, "吉田")} == set(yoshida)


@pytest.mark.parametrize(
    "typed",
    ["03-1234-5678\x00", "山田 太郎\x1b", "taro@example.com\x07", "\ud800山田 太郎\udfff", "ヤマダ\x00 タロウ"],
)
def test_a_lookup_pasted_with_control_characters_still_finds_the_caller(session, agent, desk, typed):
    """No stored text holds a NUL, an escape or a lone surrogate: they are dropped before the lookup (PostgreSQL
    refused a NUL in a parameter with an error the agent could do nothing about)."""
    assert desk["yamada"] in _found(session, agent, typed)


def test_a_lookup_longer_than_anything_it_could_match_is_refused_with_the_limit(session, agent, desk):
    """5 MB pasted into the lookup took SQLite 24 s and made PostgreSQL drop the connection (a name's 32 spellings
    are each a parameter): over MAX_LOOKUP characters the lookup says so, before any statement."""
    assert desk["yamada"] in _found(session, agent, "山田 太郎" + " " * (caller_lookup.MAX_LOOKUP - 5))
    with pytest.raises(Invalid, match=f"{caller_lookup.MAX_LOOKUP}") as refused:
        find_customers(session, agent, "齋" * 5_000_000)
    assert refused.value.field == "query"


@pytest.mark.parametrize("typed", ["ﾔﾏﾀﾞ ﾀﾛｳ", "ﾔﾏﾀﾞﾀﾛｳ", "やまだ たろう", "やまだたろう", "ヤマダタロウ"])
def test_agent_finds_caller_by_reading_in_half_width_or_hiragana(session, agent, desk, typed):
    matches = find_customers(session, agent, typed)
    assert [m.customer.id for m in matches] == [desk["yamada"]]
    assert (matches[0].match, matches[0].score) == ("kana", 20)


def test_the_start_of_a_reading_finds_everyone_it_could_be(session, agent, desk):
    assert set(_found(session, agent, "やまだ")) == {desk["yamada"], desk["yamada_hanako"]}


@pytest.mark.parametrize(
    "typed",
    [
        "(株)さくら商事",
        "さくら商事(株)",
        "株式会社さくら商事",
        "さくら商事株式会社",
        "㈱さくら商事",
        "さくら商事㈱",
        "さくら",
    ],
)
def test_agent_finds_the_people_at_a_company_however_its_type_is_written(session, agent, desk, typed):
    matches = find_customers(session, agent, typed)
    assert {m.customer.id for m in matches} == {desk["tanaka"], desk["suzuki"]}
    assert {m.match for m in matches} == {"company"}
    assert {m.customer.company_name for m in matches} == {"株式会社さくら商事"}


def test_agent_finds_the_people_at_a_company_by_its_reading(session, agent, desk):
    assert set(_found(session, agent, "さくらしょうじ")) == {desk["tanaka"], desk["suzuki"]}


def test_a_direct_name_match_ranks_above_company_members(session, agent, desk):
    fuji = factories.company(session, agent, "山田工業株式会社")
    member = factories.customer(session, agent, "佐々木 三郎", phone="011-000-0000", company_id=fuji)
    matches = find_customers(session, agent, "山田")
    assert [m.customer.id for m in matches][-1] == member
    assert matches[-1].match == "company"
    assert all(m.score < matches[-1].score for m in matches[:-1])


@pytest.mark.parametrize("typed", ["", "  ", "\u3000"])
def test_an_empty_lookup_finds_nobody(session, agent, desk, typed):
    assert find_customers(session, agent, typed) == []


def test_nobody_is_found_for_a_stranger(session, agent, desk):
    assert find_customers(session, agent, "099-9999-9999") == []
    assert find_customers(session, agent, "存在しない名前") == []


def test_the_lookup_shows_how_many_tickets_each_caller_has_open(session, agent, desk):
    ticket_in(session, agent, desk["yamada"], Status.NEW)
    ticket_in(session, agent, desk["yamada"], Status.PENDING)
    ticket_in(session, agent, desk["yamada"], Status.ON_HOLD)
    ticket_in(session, agent, desk["yamada"], Status.RESOLVED)
    ticket_in(session, agent, desk["yamada"], Status.CLOSED)
    counts = {m.customer.id: m.open_tickets for m in find_customers(session, agent, "山田")}
    assert counts == {desk["yamada"]: 3, desk["yamada_hanako"]: 0}


def test_the_lookup_returns_no_more_than_asked(session, agent, desk):
    assert len(find_customers(session, agent, "03", limit=1)) == 1


# --- duplicates -----------------------------------------------------------------------------------------------


def _reasons(session, agent, data, **kw) -> dict[int, tuple[str, ...]]:
    return {d.customer.id: d.reasons for d in duplicate_candidates(session, agent, data, **kw)}


def test_the_same_phone_in_another_format_is_a_likely_duplicate(session, agent, desk):
    found = _reasons(session, agent, CustomerCreate(full_name="ヤマダ", phone="(03)1234-5678"))
    assert found == {desk["yamada"]: ("same phone",)}


def test_a_new_mobile_equal_to_a_known_mobile_is_a_likely_duplicate(session, agent, desk):
    found = _reasons(session, agent, CustomerCreate(full_name="別人", mobile="08011112222"))
    assert found == {desk["yamada_hanako"]: ("same phone",)}


def test_the_same_email_in_another_case_is_a_likely_duplicate(session, agent, desk):
    found = _reasons(session, agent, CustomerCreate(full_name="Taro", email="TARO@example.COM"))
    assert found == {desk["yamada"]: ("same e-mail",)}


def test_the_same_name_without_a_company_is_a_likely_duplicate(session, agent, desk):
    found = _reasons(session, agent, CustomerCreate(full_name="山田太郎"))
    assert found == {desk["yamada"]: ("same name",)}


def test_the_same_name_at_the_same_company_is_a_likely_duplicate(session, agent, desk):
    found = _reasons(session, agent, CustomerCreate(full_name="田中　一郎", company_id=desk["sakura"]))
    assert found == {desk["tanaka"]: ("same name and company",)}


def test_the_same_name_at_another_company_is_someone_else(session, agent, desk):
    other = factories.company(session, agent, "株式会社ひまわり")
    assert _reasons(session, agent, CustomerCreate(full_name="田中 一郎", company_id=other)) == {}
    assert _reasons(session, agent, CustomerCreate(full_name="田中 一郎")) == {}


def test_every_reason_for_a_duplicate_is_given(session, agent, desk):
    data = CustomerCreate(full_name="山田 太郎", phone="03-1234-5678", email="taro@example.com")
    assert _reasons(session, agent, data) == {desk["yamada"]: ("same phone", "same e-mail", "same name")}


def test_a_customer_is_not_their_own_duplicate_when_edited(session, agent, desk):
    data = CustomerCreate(full_name="山田 太郎", phone="03-1234-5678")
    assert _reasons(session, agent, data, exclude_id=desk["yamada"]) == {}


def test_nothing_to_compare_means_no_duplicates(session, agent, desk):
    assert duplicate_candidates(session, agent, CustomerCreate(full_name=" ")) == []


# --- corrections (訂正) ----------------------------------------------------------------------------------------


def test_a_corrected_phone_is_found_by_its_new_number_only(session, agent, desk):
    version = _stored(session, desk["yamada"]).version
    new_version = update_customer(session, agent, desk["yamada"], {"phone": "０３－９８７６－５４３２"})
    assert new_version == version + 1
    assert _found(session, agent, "03-9876-5432") == [desk["yamada"]]
    assert desk["yamada"] not in _found(session, agent, "03-1234-5678")
    assert _stored(session, desk["yamada"]).phone == "03-9876-5432"


def test_a_corrected_name_and_reading_are_found_by_their_new_spelling(session, agent, desk):
    update_customer(session, agent, desk["yamada"], {"full_name": "山田 太朗", "name_kana": "ﾔﾏﾀﾞ ﾀﾛｳ"})
    customer = _stored(session, desk["yamada"])
    assert (customer.name_key, customer.kana_key) == ("山田太朗", "ヤマダタロウ")
    assert _found(session, agent, "山田太朗") == [desk["yamada"]]


def test_renaming_a_customer_queues_their_tickets_for_reindexing(session, agent, desk):
    numbers = {ticket_in(session, agent, desk["yamada"], s) for s in (Status.NEW, Status.CLOSED)}
    other = ticket_in(session, agent, desk["tanaka"], Status.NEW)
    session.exec(delete(SearchOutbox))  # type: ignore[call-overload]
    session.commit()
    update_customer(session, agent, desk["yamada"], {"full_name": "山田 太朗"})
    queued = {row.ticket_id for row in session.exec(select(SearchOutbox))}
    assert queued == numbers
    assert other not in queued


def test_moving_a_customer_to_another_company_queues_their_tickets(session, agent, desk):
    number = ticket_in(session, agent, desk["yamada"], Status.OPEN)
    session.exec(delete(SearchOutbox))  # type: ignore[call-overload]
    session.commit()
    update_customer(session, agent, desk["yamada"], {"company_id": desk["sakura"]})
    assert [row.ticket_id for row in session.exec(select(SearchOutbox))] == [number]


def test_correcting_a_note_does_not_reindex_tickets(session, agent, desk):
    ticket_in(session, agent, desk["yamada"], Status.OPEN)
    before = count(session, SearchOutbox)
    update_customer(session, agent, desk["yamada"], {"notes": "平日午前は不在"})
    assert count(session, SearchOutbox) == before


def test_a_correction_is_audited_with_the_fields_changed(session, agent, desk):
    update_customer(session, agent, desk["yamada"], {"email": "new@example.jp", "notes": "メール変更"})
    [event] = session.exec(select(AuditEvent).where(AuditEvent.action == "customer.update")).all()
    assert (event.object_id, event.actor_id) == (desk["yamada"], agent.id)
    assert '"fields": ["email", "notes"]' in event.detail


def test_a_correction_that_changes_nothing_writes_nothing(session, agent, desk):
    version = _stored(session, desk["yamada"]).version
    audits = count(session, AuditEvent)
    assert update_customer(session, agent, desk["yamada"], {"full_name": "山田\u3000太郎"}) == version
    assert count(session, AuditEvent) == audits


@pytest.mark.parametrize(
    ("changes", "field"),
    [
        ({"email": "not-an-address"}, "email"),
        ({"full_name": ""}, "name"),
        ({"phone": "1"}, "phone"),
        ({"birth_date": soon(30)}, "date of birth"),
        ({"rank": "gold"}, "rank"),
        ({"company_id": 999}, "company"),
        ({"shoe_size": 27}, "shoe_size"),
        ({"name_key": "hack"}, "name_key"),
    ],
)
def test_a_bad_correction_is_refused_and_nothing_changes(session, agent, desk, changes, field):
    version = _stored(session, desk["yamada"]).version
    with pytest.raises(Invalid) as refused:
        update_customer(session, agent, desk["yamada"], changes)
    assert refused.value.field == field
    stored = session.get(Customer, desk["yamada"], populate_existing=True)
    assert (stored.version, stored.email, stored.full_name) == (version, "Taro@Example.com", "山田 太郎")


def test_giving_consent_later_stamps_when(session, agent, desk):
    update_customer(session, agent, desk["yamada"], {"contact_consent": True})
    assert _stored(session, desk["yamada"]).consent_at is not None


def test_correcting_a_customer_who_does_not_exist_says_so(session, agent):
    with pytest.raises(NotFound):
        update_customer(session, agent, 404, {"notes": "x"})


# --- companies ------------------------------------------------------------------------------------------------


def test_a_companys_decision_maker_is_listed_first(session, agent, desk):
    members = company_members(session, agent, desk["sakura"])
    assert [m.id for m in members] == [desk["suzuki"], desk["tanaka"]]
    assert [m.is_decision_maker for m in members] == [True, False]


def test_other_members_are_listed_by_reading(session, agent, desk):
    factories.customer(
        session, agent, "相川 愛", name_kana="アイカワ アイ", phone="045-000-3333", company_id=desk["sakura"]
    )
    names = [m.full_name for m in company_members(session, agent, desk["sakura"])]
    assert names == ["鈴木 次郎", "相川 愛", "田中 一郎"]


# --- lookup as callers speak ----------------------------------------------------------------------------------


def test_the_last_four_digits_find_the_caller_with_their_name_to_confirm(session, agent, desk):
    matches = find_customers(session, agent, "5678")
    assert [m.customer.id for m in matches] == [desk["yamada"]]
    assert (matches[0].match, matches[0].customer.full_name) == ("phone tail", "山田 太郎")


def test_the_last_four_digits_of_a_mobile_find_its_owner(session, agent, desk):
    # 080-1111-2222 is Hanako's mobile; 045-000-2222 is Suzuki's phone: both could be the caller.
    matches = find_customers(session, agent, "2222")
    assert {m.customer.id for m in matches} == {desk["yamada_hanako"], desk["suzuki"]}
    assert {m.match for m in matches} == {"phone tail"}


def test_four_digits_that_end_no_number_find_nobody(session, agent, desk):
    assert find_customers(session, agent, "9999") == []


@pytest.mark.parametrize("typed", ["hanako.y", "HANAKO.YA", "ｈａｎａｋｏ．ｙ", "hanako_"])
def test_the_part_of_an_email_before_the_at_finds_the_caller(session, agent, desk, typed):
    hanako = factories.customer(session, agent, "森 花子", email="hanako.yamada@example.jp")
    other = factories.customer(session, agent, "林 花子", email="hanako_h@example.jp")
    [match] = find_customers(session, agent, typed)
    expected = other if typed.endswith("_") else hanako
    assert (match.customer.id, match.match, match.score) == (expected, "email start", 25)


def test_the_whole_part_before_the_at_ranks_as_almost_certain(session, agent, desk):
    other = factories.customer(session, agent, "別人 太郎", email="taroko@example.com")
    matches = find_customers(session, agent, "taro")
    assert [m.customer.id for m in matches] == [desk["yamada"], other]
    assert [m.score for m in matches] == [15, 25]


@pytest.mark.parametrize("typed", ["yamada", "Yamada", "YAMADA", "ｙａｍａｄａ", "yamad"])
def test_a_family_name_in_romaji_finds_everyone_with_that_reading(session, agent, desk, typed):
    assert set(_found(session, agent, typed)) == {desk["yamada"], desk["yamada_hanako"]}


@pytest.mark.parametrize("typed", ["yamada tarou", "yamadatarou", "yamada taro"])
def test_a_full_name_in_romaji_finds_the_caller(session, agent, desk, typed):
    matches = find_customers(session, agent, typed)
    assert [m.customer.id for m in matches] == [desk["yamada"]]
    assert matches[0].match == "kana"


def test_hepburn_and_kunrei_spellings_find_the_same_reading(session, agent, desk):
    assert _found(session, agent, "suzuki jirou") == _found(session, agent, "suzuki zirou") == [desk["suzuki"]]


def test_letters_that_are_no_japanese_syllable_are_not_read_as_kana(session, agent, desk):
    factories.customer(session, agent, "Smith John", name_kana="スミス ジョン")
    assert [m.match for m in find_customers(session, agent, "smith")] == ["name"]


@pytest.mark.parametrize(
    "typed", ["(ｶ)ｻｸﾗｼｮｳｼﾞ", "ｶ)ｻｸﾗｼﾖｳｼﾞ", "ｻｸﾗｼﾖｳｼﾞ(ｶ", "(ｶ)ｻｸﾗｼﾖｳｼﾞ", "ｻｸﾗｼﾖｳｼﾞ", "カ)サクラショウジ"]
)
def test_a_company_in_bank_notation_finds_its_people(session, agent, desk, typed):
    matches = find_customers(session, agent, typed)
    assert {m.customer.id for m in matches} == {desk["tanaka"], desk["suzuki"]}
    assert {m.match for m in matches} == {"company"}


def test_a_person_in_bank_notation_is_found_by_their_reading(session, agent, desk):
    kyoko = factories.customer(session, agent, "北村 京子", name_kana="キタムラ キョウコ")
    matches = find_customers(session, agent, "ｷﾀﾑﾗ ｷﾖｳｺ")
    assert [(m.customer.id, m.match) for m in matches] == [(kyoko, "kana")]


def test_an_exact_reading_ranks_above_one_that_matches_only_in_bank_notation(session, agent, desk):
    kiyoko = factories.customer(session, agent, "北村 清子", name_kana="キタムラ キヨウコ")
    kyoko = factories.customer(session, agent, "北村 京子", name_kana="キタムラ キョウコ")
    assert _found(session, agent, "キタムラ キョウコ") == [kyoko, kiyoko]


def test_keys_follow_a_corrected_phone_to_its_new_last_digits(session, agent, desk):
    update_customer(session, agent, desk["yamada"], {"phone": "03-1234-0001"})
    assert find_customers(session, agent, "5678") == []
    assert _found(session, agent, "0001") == [desk["yamada"]]
