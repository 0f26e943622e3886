"""Text from people is data: control characters are refused on the way in and shown visibly on the way out."""

import json
from datetime import date

import pytest
from hypothesis import given
from hypothesis import strategies as st
from sqlmodel import Session

from supportdesk.errors import Invalid
from supportdesk.models import Customer, Ticket, TicketEntry
from supportdesk.services import cases, tickets, views
from supportdesk.services.case_library import case_markdown, read_case
from supportdesk.services.customers import CompanyCreate, CustomerCreate, create_company, create_customer
from supportdesk.services.datafiles.imports import preview_import
from supportdesk.untrusted import (
    MAX_BODY,
    check,
    check_block,
    escape_json_text,
    first_refused,
    scrub,
    shorten,
    visible,
)
from tests.hostile_text import hostile_text
from tests.supportdesk import factories
from tests.supportdesk.factories import count
from tests.words import in_english

# What a terminal acts on: C0 but tab/newline, DEL, C1; plus what reorders or breaks lines on a screen.
TERMINAL_ACTIVE = {chr(c) for c in [*range(0x00, 0x09), *range(0x0B, 0x20), *range(0x7F, 0xA0)]}
REORDERING = {"\u061c", "\u200e", "\u200f", *map(chr, range(0x202A, 0x202F)), *map(chr, range(0x2066, 0x206A))}


def test_a_name_with_an_escape_sequence_is_refused_with_the_field_and_position(session: Session, agent):
    with pytest.raises(Invalid) as refused:
        create_customer(session, agent, CustomerCreate(full_name="山田\x1b[2J太郎"))
    assert refused.value.field == "full name"
    assert "U+001B ESC" in in_english(refused.value) and "character 3" in in_english(refused.value)
    assert count(session, Customer) == 0


@pytest.mark.parametrize("bad", ["\x00", "\x07", "\x08", "\x0b", "\x0c", "\x1b", "\x7f", "\x85", "\x9b", "\ud800"])
def test_every_control_character_and_a_lone_surrogate_is_refused(bad: str):
    with pytest.raises(Invalid):
        check("body", f"前{bad}後")


def test_tabs_newlines_markup_and_bidi_controls_are_kept_as_written():
    text = "[bold]太字[/bold]\t[@click=app.quit]終了[/]\n\u202eabc [link=file:///etc/passwd]x[/link]"
    assert check("body", text) == text


def test_windows_and_old_mac_line_endings_become_newlines():
    assert check("body", "一行目\r\n二行目\r三行目") == "一行目\n二行目\n三行目"


def test_a_body_over_the_limit_is_refused_with_both_sizes(session: Session, agent):
    customer = factories.customer(session, agent)
    with pytest.raises(Invalid) as refused:
        factories.ticket(session, agent, customer, body="あ" * (MAX_BODY + 1))
    said = in_english(refused.value)
    assert refused.value.field == "body" and "100,001" in said and "100,000" in said
    assert count(session, Ticket) == 0
    assert factories.ticket(session, agent, customer, body="あ" * MAX_BODY)


def test_a_name_longer_than_the_model_allows_is_refused(session: Session, agent):
    with pytest.raises(Invalid) as refused:
        create_customer(session, agent, CustomerCreate(full_name="山" * 100_000))
    assert refused.value.field == "full name" and "at most 200" in in_english(refused.value)
    with pytest.raises(Invalid, match="company name"):
        create_company(session, agent, CompanyCreate(name="株式会社" + "x" * 300))


def test_subject_reply_reason_tags_and_view_names_follow_the_same_rule(session: Session, agent, lead):
    customer = factories.customer(session, agent)
    with pytest.raises(Invalid, match="subject"):
        factories.ticket(session, agent, customer, subject="件名\x00")
    number = factories.ticket(session, agent, customer)
    with pytest.raises(Invalid, match="body"):
        tickets.add_entry(session, agent, number, "reply", "お世話になります\x1b]0;title\x07")
    with pytest.raises(Invalid, match="reason"):
        tickets.change_status(session, agent, number, "resolved", reason="解決\x9b")
    with pytest.raises(Invalid, match="tag"):
        cases.set_tags(session, agent, number, ["初期不良\x08"])
    with pytest.raises(Invalid, match="name"):
        views.save_view(session, lead, "私の\x1bビュー", views.ViewFilters())
    assert count(session, TicketEntry, ticket_id=number) == 1  # only the line that opened it


def test_a_csv_cell_with_a_control_character_is_reported_on_its_row(session: Session, lead):
    data = "氏名,電話番号,備考\r\n山田\x00太郎,03-1234-5678,\r\n佐藤 花子,03-1111-2222,メモ\x1b[31m赤\r\n".encode()
    plan = preview_import(session, lead, "customers", data, source="x.csv", today=date(2026, 6, 30))
    assert not plan.ok
    reported = {(p.row, p.column) for p in plan.problems}
    assert reported == {(2, "氏名"), (3, "備考")}
    assert all("control character" in in_english(p.reason) for p in plan.problems), plan.problems


def test_a_csv_name_longer_than_the_model_allows_is_reported(session: Session, lead):
    data = f"氏名,電話番号\r\n{'長' * 201},03-1234-5678\r\n".encode()
    plan = preview_import(session, lead, "customers", data, source="x.csv", today=date(2026, 6, 30))
    assert [(p.row, p.column) for p in plan.problems] == [(2, "氏名")]
    assert "at most 200" in in_english(plan.problems[0].reason)


def test_visible_shows_escapes_and_bidi_controls_as_marks():
    assert visible("a\x1b[2Jb\x1b]0;t\x07") == "a␛[2Jb␛]0;t␇"
    assert visible("名前\u202e逆") == "名前<U+202E>逆"
    assert visible("x\x9by") == "x<U+009B>y"
    assert visible("一行目\n\t二行目") == "一行目\n\t二行目"
    assert visible("一行目\n\t二行目", one_line=True) == "一行目  二行目"


def test_mail_text_is_scrubbed_not_refused():
    assert scrub("件名\x1b[2J\r\n本文\x00") == "件名\ufffd[2J\n本文\ufffd"
    assert check("body", scrub("x\x1b\ud800y")) == "x\ufffd\ufffdy"


def test_a_value_quoted_in_a_message_is_short_and_visible():
    assert shorten("\x1b" + "あ" * 100, 10) == "␛あああああああ" + "あ…"
    assert len(shorten("x" * 1000)) == 40


@given(hostile_text)
def test_shown_text_never_holds_a_character_a_terminal_acts_on(text: str):
    for one_line in (False, True):
        shown = visible(text, one_line=one_line)
        assert not (set(shown) & (TERMINAL_ACTIVE | REORDERING | {"\u2028", "\u2029"}))
        shown.encode("utf-8")  # no lone surrogate survives
    assert "\n" not in visible(text, one_line=True)


@given(hostile_text)
def test_scrubbed_text_always_passes_the_input_rule_and_keeps_what_was_allowed(text: str):
    scrubbed = scrub(text)
    assert first_refused(scrubbed) is None
    assert check_block("body", scrubbed) == scrubbed.strip()
    if first_refused(text) is None:
        assert scrubbed == check("body", text)


@given(st.dictionaries(st.text(max_size=5), hostile_text, max_size=3))
def test_json_escaping_keeps_the_data_exact_and_the_output_inert(value: dict[str, str]):
    text = escape_json_text(json.dumps(value, ensure_ascii=False))
    # Lone surrogates cannot be stored (refused on input); a high one next to a low one reads back as one character.
    if not any(first_refused(v) for v in value.values()):
        assert json.loads(text) == value
    assert not (set(text) & (TERMINAL_ACTIVE | REORDERING))
    text.encode("utf-8")


def test_a_manual_shows_a_link_or_html_in_a_body_as_text(session: Session, agent) -> None:
    customer = factories.customer(session, agent, "[山田](javascript:alert(1))")
    number = factories.ticket(
        session, agent, customer, "件名 <img src=x>", body="[読む](https://evil.example) **強調**"
    )
    tickets.change_status(session, agent, number, "resolved", reason="# 見出し")
    markdown = case_markdown(read_case(session, agent, number))
    assert "\\[読む\\](https://evil.example) \\*\\*強調\\*\\*" in markdown
    assert "\\<img src=x\\>" in markdown and "\\[山田\\](javascript:alert(1))" in markdown
    assert "\n\\# 見出し" in markdown
