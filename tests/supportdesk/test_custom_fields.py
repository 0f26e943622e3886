"""Teams add fields of their own (品番, 製造番号, 保証期限) to tickets and customers without a migration: defined
by an administrator, checked like every other field, in forms, `show`, lists, search, files and erasure."""

from collections.abc import Iterator
from contextlib import contextmanager
from datetime import date

import pytest
from sqlmodel import select

from search_index import SearchIndex
from supportdesk.errors import Conflict, Invalid, NotAllowed
from supportdesk.models import AuditEvent, CustomValue
from supportdesk.services import erasure
from supportdesk.services.custom_fields import (
    change_field,
    clean_value,
    define_field,
    list_fields,
    list_filter,
)
from supportdesk.services.customer_360 import customer_360
from supportdesk.services.customers import CustomerCreate, create_customer, update_customer
from supportdesk.services.privacy import anonymise_person, export_person
from supportdesk.services.profiles import add_customer, customer_record, customers_by_field
from supportdesk.services.search import search_cases, sync_index
from supportdesk.services.ticket_queries import TicketFilter, get_ticket, list_tickets
from supportdesk.services.tickets import TicketCreate, create_ticket, set_custom_fields
from supportdesk.services.views import ViewFilters, list_views, save_view
from tests.supportdesk import factories
from tests.words import in_english


@contextmanager
def refused(kind: type[Exception], words: str) -> Iterator[None]:
    """The call is refused with `words` in its English text (rendered in the pass's language too)."""
    with pytest.raises(kind) as caught:
        yield
    assert words in in_english(caught.value)


@pytest.fixture
def fields(session, admin) -> dict[str, int]:
    return {
        "品番": define_field(session, admin, "tickets", "品番", "text"),
        "数量": define_field(session, admin, "tickets", "数量", "number"),
        "保証期限": define_field(session, admin, "tickets", "保証期限", "date"),
        "窓口": define_field(session, admin, "tickets", "窓口", "choice", choices=["本社", "大阪支店"]),
        "製造番号": define_field(session, admin, "customers", "製造番号", "text"),
    }


def _field(session, admin, kind: str, name: str):
    return next(f for f in list_fields(session, admin, kind) if f.name == name)


@pytest.mark.parametrize(
    ("name", "typed", "stored"),
    [
        ("数量", "１，２００", "1200"),
        ("数量", "2.50", "2.5"),
        ("保証期限", "2027年3月31日", "2027-03-31"),
        ("保証期限", "2027/3/31", "2027-03-31"),
        ("窓口", "おおさか支店".replace("おおさか", "大阪"), "大阪支店"),
        ("品番", "  A-100 ", "A-100"),
        ("品番", "", None),
    ],
)
def test_values_are_read_as_people_type_them_and_kept_in_one_form(session, admin, fields, name, typed, stored):
    assert clean_value(_field(session, admin, "tickets", name), typed) == stored


@pytest.mark.parametrize(
    ("name", "typed", "words"),
    [("数量", "たくさん", "not a number"), ("保証期限", "2027-02-30", "date"), ("窓口", "福岡支店", "not one of")],
)
def test_a_value_the_field_cannot_hold_is_refused(session, admin, fields, name, typed, words):
    with refused(Invalid, words):
        clean_value(_field(session, admin, "tickets", name), typed)


def test_only_administrators_define_fields_and_names_are_unique_in_any_width(session, admin, lead, fields):
    with pytest.raises(NotAllowed):
        define_field(session, lead, "tickets", "色", "text")
    with refused(Invalid, "already have"):
        define_field(session, admin, "tickets", "品 番", "text")
    with refused(Invalid, "at least one choice"):
        define_field(session, admin, "tickets", "区分", "choice")
    assert session.exec(select(AuditEvent).where(AuditEvent.action == "custom_field.create")).all()


def test_a_ticket_carries_its_fields_with_a_line_in_the_thread(session, agent, admin, fields):
    customer = factories.customer(session, agent)
    number = create_ticket(session, agent, TicketCreate(customer, "故障", custom={"品番": "A-100", "数量": "2"}))
    set_custom_fields(session, agent, number, {"品番": "A-200", "保証期限": "2027/3/31"})
    shown = {v.name: v.value for v in get_ticket(session, agent, number).custom}
    assert shown == {"品番": "A-200", "数量": "2", "保証期限": "2027-03-31", "窓口": None}
    (line,) = [e for e in get_ticket(session, agent, number).entries if e.kind == "field_change"]
    assert {(c.field, c.before, c.after) for c in line.changes} == {
        ("custom:品番", "A-100", "A-200"),
        ("custom:保証期限", None, "2027-03-31"),
    }
    event = session.exec(select(AuditEvent).where(AuditEvent.action == "ticket.custom")).one()
    assert "A-200" not in (event.detail or "")


def test_a_required_field_is_needed_when_a_customer_is_created_and_cannot_be_cleared(session, agent, admin, fields):
    change_field(session, admin, fields["製造番号"], required=True)
    with refused(Invalid, "製造番号: a value is required"):
        create_customer(session, agent, CustomerCreate(full_name="山田 太郎"))
    number = add_customer(session, agent, {"氏名": "山田 太郎", "製造番号": "SN-0001"})
    assert {v.name: v.value for v in customer_record(session, agent, number).custom} == {"製造番号": "SN-0001"}
    with refused(Invalid, "required"):
        update_customer(session, agent, number, {}, custom={"製造番号": ""})


def test_retired_fields_leave_forms_and_keep_their_values(session, agent, admin, fields):
    number = factories.ticket(session, agent, factories.customer(session, agent))
    set_custom_fields(session, agent, number, {"窓口": "本社"})
    with refused(Invalid, "still chosen"):
        change_field(session, admin, fields["窓口"], choices=["大阪支店"])
    change_field(session, admin, fields["窓口"], retired=True)
    assert "窓口" not in [v.name for v in get_ticket(session, agent, number).custom]
    change_field(session, admin, fields["窓口"], retired=False)
    assert {v.name: v.value for v in get_ticket(session, agent, number).custom}["窓口"] == "本社"
    seen = _field(session, admin, "tickets", "品番").version
    change_field(session, admin, fields["品番"], name="型番")
    with pytest.raises(Conflict):
        change_field(session, admin, fields["品番"], required=True, expected_version=seen)


def test_lists_filter_by_a_fields_value(session, agent, admin, fields):
    customer = factories.customer(session, agent)
    a, b = (factories.ticket(session, agent, customer) for _ in range(2))
    set_custom_fields(session, agent, a, {"保証期限": "2027-03-31"})
    set_custom_fields(session, agent, b, {"保証期限": "2027-04-01"})
    flt = TicketFilter(custom=((fields["保証期限"], "2027-03-31"),))
    assert [r.number for r in list_tickets(session, agent, flt)] == [a]
    number = add_customer(session, agent, {"氏名": "佐藤 花子", "製造番号": "SN-7"})
    add_customer(session, agent, {"氏名": "鈴木 一郎", "製造番号": "SN-8"})
    assert [c.id for c in customers_by_field(session, agent, "製造番号", "SN-7")] == [number]


def test_search_filters_by_a_fields_value(session, agent, trainer, fields, tmp_path):
    customer = factories.customer(session, agent)
    a = factories.ticket(session, agent, customer, "電源が入らない")
    b = factories.ticket(session, agent, customer, "電源ボタンが固い")
    set_custom_fields(session, agent, a, {"品番": "A-100", "窓口": "本社"})
    set_custom_fields(session, agent, b, {"品番": "B-200", "窓口": "大阪支店"})
    with SearchIndex.open(tmp_path / "index") as index:
        sync_index(session, index)
        assert [h.hit.ticket_id for h in search_cases(session, agent, index, "電源 品番:A-100").hits] == [a]
        assert [h.hit.ticket_id for h in search_cases(session, agent, index, '窓口:"大阪支店"').hits] == [b]
        assert search_cases(session, agent, index, "品番:Z-999").hits == ()
        assert [h.hit.ticket_id for h in search_cases(session, trainer, index, "窓口:本社").hits] == [a]
        with refused(NotAllowed, "text of 品番"):
            search_cases(session, trainer, index, "品番:A-100")


def test_a_trainer_reads_a_tickets_text_values_masked(session, agent, trainer, fields):
    number = factories.ticket(session, agent, factories.customer(session, agent))
    set_custom_fields(session, agent, number, {"品番": "山田様の持ち込み品"})
    (value,) = [v for v in get_ticket(session, trainer, number).custom if v.name == "品番"]
    assert value.value and "山田" not in value.value


def test_erasing_a_person_removes_their_own_fields_and_scrubs_their_tickets(session, agent, admin, fields):
    number = add_customer(session, agent, {"氏名": "山田 太郎", "電話番号": "03-1234-5678", "製造番号": "SN-42"})
    ticket = factories.ticket(session, agent, number)
    set_custom_fields(session, agent, ticket, {"品番": "山田 太郎 様の端末 A-1"})
    disclosed = export_person(session, admin, number)
    assert {"field": "製造番号", "value": "SN-42"} in disclosed["other"]["custom_fields"]
    anonymise_person(session, admin, number, str(number))
    held = session.exec(select(CustomValue.value)).all()
    assert "SN-42" not in held and all("山田" not in value for value in held)
    assert "custom_fields" in {kind.name for kind in erasure.kinds()}


def test_customer_fields_are_not_for_trainers(session, agent, trainer, fields):
    add_customer(session, agent, {"氏名": "山田 太郎", "製造番号": "SN-1"})
    with pytest.raises(NotAllowed):
        customers_by_field(session, trainer, "製造番号", "SN-1")
    assert date.today()  # the module's dates are the desk's, not the test's


@pytest.mark.parametrize("role", ["agent", "lead", "admin", "trainer"])
def test_each_role_filters_lists_by_the_fields_it_may_read(request, session, agent, fields, role):
    actor = request.getfixturevalue(role)
    number = factories.ticket(session, agent, factories.customer(session, agent))
    set_custom_fields(session, agent, number, {"品番": "A-100", "窓口": "本社"})
    add_customer(session, agent, {"氏名": "山田 太郎", "製造番号": "SN-1"})
    assert list_filter(session, actor, "tickets", "窓口", "本社") == (fields["窓口"], "本社")
    if role == "trainer":  # masked readers: no filter by a text that may be a name, no customers at all
        with pytest.raises(NotAllowed):
            list_filter(session, actor, "tickets", "品番", "A-100")
        with pytest.raises(NotAllowed):
            list_filter(session, actor, "customers", "製造番号", "SN-1")
    else:
        assert list_filter(session, actor, "tickets", "品番", "A-100") == (fields["品番"], "A-100")
        assert [c.full_name for c in customers_by_field(session, actor, "製造番号", "SN-1")] == ["山田 太郎"]


def test_lists_filter_by_part_of_a_text_field_in_any_letter_case(session, agent, admin, fields):
    customer = factories.customer(session, agent)
    a, b = (factories.ticket(session, agent, customer) for _ in range(2))
    set_custom_fields(session, agent, a, {"品番": "ABC-100-X"})
    set_custom_fields(session, agent, b, {"品番": "B-200"})
    part = list_filter(session, agent, "tickets", "品番", "c-100", contains=True)
    assert part == (fields["品番"], "c-100")
    assert [r.number for r in list_tickets(session, agent, TicketFilter(custom_contains=(part,)))] == [a]
    assert list_tickets(session, agent, TicketFilter(custom_contains=((fields["品番"], "%"),))) == []  # no wildcard
    number = add_customer(session, agent, {"氏名": "佐藤 花子", "製造番号": "SN-700"})
    add_customer(session, agent, {"氏名": "鈴木 一郎", "製造番号": "XY-8"})
    assert [c.id for c in customers_by_field(session, agent, "製造番号", "sn-7", contains=True)] == [number]
    with refused(Invalid, "only a text field"):
        list_filter(session, agent, "tickets", "数量", "12", contains=True)


def test_a_saved_view_keeps_its_field_filters(session, agent, fields):
    number = factories.ticket(session, agent, factories.customer(session, agent))
    set_custom_fields(session, agent, number, {"品番": "A-100", "窓口": "本社"})
    factories.ticket(session, agent, factories.customer(session, agent))
    filters = ViewFilters(base="all", fields=((fields["窓口"], "本社", False), (fields["品番"], "a-1", True)))
    view = save_view(session, agent, "本社の A-1", filters)
    (saved,) = [v for v in list_views(session, agent) if v.id == view]
    assert saved.filters == filters
    flt = saved.filters.to_filter(agent.id, date(2026, 12, 1))
    assert [r.number for r in list_tickets(session, agent, flt)] == [number]
    assert ViewFilters.from_json('{"base": "all"}').fields == ()  # views saved before keep reading


@pytest.mark.parametrize("role", ["agent", "lead", "admin", "trainer"])
def test_the_customer_360_carries_the_customers_own_fields(request, session, agent, fields, role):
    actor = request.getfixturevalue(role)
    number = add_customer(session, agent, {"氏名": "山田 太郎", "製造番号": "SN-42"})
    if role == "trainer":  # trainers never read a customer's record
        with pytest.raises(NotAllowed):
            customer_360(session, actor, number, date(2026, 12, 1))
        return
    view = customer_360(session, actor, number, date(2026, 12, 1))
    assert [(f.name, f.value) for f in view.custom] == [("製造番号", "SN-42")]
