"""Canned responses (定型文): placeholders filled safely, and the list filtered by what the agent types."""

import pytest

from supportdesk.demo.canned_seed import SEED
from supportdesk.services.canned import PLACEHOLDERS, CannedResponse, filter_canned, render

# The demo's seed as the desk lists it, each with a name to tell it by in these tests.
KEYS = (
    "greeting",
    "password_reset",
    "return_accept",
    "billing_refund",
    "delivery_delay",
    "waiting_customer",
    "closing",
    "english_ack",
)
CANNED = tuple(
    CannedResponse(index, d.title, d.body, d.lang, None, 0, False, 1) for index, d in enumerate(SEED, start=1)
)

EVERYTHING = {
    "customer_name": "山田 太郎",
    "company": "株式会社さくら商事",
    "product": "スマート家計簿 Pro",
    "ticket_number": 1042,
    "agent_name": "佐藤 美咲",
}


def keys(responses: list[CannedResponse]) -> list[str]:
    return [KEYS[r.id - 1] for r in responses]


# ---- placeholders ---------------------------------------------------------------------------------------------


def test_all_five_placeholders_are_filled() -> None:
    template = "{customer_name} 様({company})/{product}/#{ticket_number}/担当 {agent_name}"
    assert render(template, **EVERYTHING) == "山田 太郎 様(株式会社さくら商事)/スマート家計簿 Pro/#1042/担当 佐藤 美咲"
    assert set(PLACEHOLDERS) == set(EVERYTHING)


def test_every_shipped_response_renders_without_leftover_braces() -> None:
    for response in CANNED:
        text = render(response.body, **EVERYTHING)
        assert "{" not in text and "}" not in text, response.title
        assert "山田 太郎" in text, response.title


def test_a_missing_value_renders_empty() -> None:
    """A customer without a company, a ticket without a linked purchase: no 'None' in the reply."""
    text = render("{customer_name} 様 {company}ご担当 / {product}", customer_name="佐々木 花子", company=None)
    assert text == "佐々木 花子 様 ご担当 / "
    assert "None" not in render(CANNED[0].body)


def test_an_unknown_placeholder_stays_visible_so_the_typo_shows() -> None:
    assert render("{customer_name} 様 {costomer_name}", **EVERYTHING) == "山田 太郎 様 {costomer_name}"


def test_a_value_given_for_an_extra_placeholder_is_used() -> None:
    assert render("{customer_name} 様 注文番号 {order_ref}", customer_name="山田 太郎", order_ref="A-17") == (
        "山田 太郎 様 注文番号 A-17"
    )


def test_doubled_braces_are_literal_braces() -> None:
    assert render("{{customer_name}} は {customer_name}", customer_name="山田") == "{customer_name} は 山田"


@pytest.mark.parametrize("template", ["{customer_name} 様 {", "料金 } を {customer_name}", "{customer_name} {0}", "{}"])
def test_a_stray_brace_gives_the_text_back_rather_than_failing(template: str) -> None:
    assert render(template, **EVERYTHING) == template


# ---- filtering ------------------------------------------------------------------------------------------------


def test_nothing_typed_lists_every_response() -> None:
    assert filter_canned("", CANNED) == list(CANNED)
    assert filter_canned("   ", CANNED) == list(CANNED)


def test_filter_by_a_word_of_the_title() -> None:
    assert keys(filter_canned("配送遅延", CANNED)) == ["delivery_delay"]


def test_filter_by_a_word_of_the_body() -> None:
    assert keys(filter_canned("返送伝票", CANNED)) == ["return_accept"]


def test_fullwidth_letters_find_ascii_words() -> None:
    assert keys(filter_canned("ｕｒｌ", CANNED)) == ["password_reset"]
    assert keys(filter_canned("ＤＥＡＲ", CANNED)) == ["english_ack"]


def test_halfwidth_katakana_finds_the_fullwidth_title() -> None:
    assert keys(filter_canned("ﾊﾟｽﾜｰﾄﾞ", CANNED)) == ["password_reset"]


def test_english_is_matched_without_case() -> None:
    assert keys(filter_canned("ACKNOWLEDGEMENT", CANNED)) == ["english_ack"]


def test_every_typed_word_must_match() -> None:
    assert keys(filter_canned("返品　伝票", CANNED)) == ["return_accept"]  # an ideographic space separates words too
    assert filter_canned("返品 パスワード", CANNED) == []


def test_a_word_found_nowhere_lists_nothing() -> None:
    assert filter_canned("解約金", CANNED) == []
