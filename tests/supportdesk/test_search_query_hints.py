"""A search the desk cannot read gets one line saying what to type instead, in the reader's language, quoting what
was typed as text: the query parser (search_index) raises its hint as a catalog template with the typed parts as
values, and the command line and the search screen render it through the catalog."""

from __future__ import annotations

import re
import subprocess

import pytest

from search_index import QueryError
from search_index.query_syntax import parse_query
from supportdesk.cli.main import main
from supportdesk.i18n import set_language, t
from supportdesk.services.actor import Actor

MISTAKES = [
    ('"配送 遅延', "引用符が閉じていません"),
    ("stauts:open", "status: のことですか"),
    ("foo:bar", "「foo:」という絞り込みはありません"),
    ("status:", "値が必要です(例: status:open)"),
    ("返品 -", "除外する言葉"),
    ("OR 返品", "OR の両側"),
    ("(返品 OR 交換", "閉じていません"),
    ("返品)", "「)」があります"),
    ("is:open", "「is:open」は使えません"),
    ("created:2026-13-01", "日付「2026-13-01」を読み取れません"),
    ("created:2026-03..2026-01", "終わりが始まりより前です"),
    ("(" * 30 + "a" + ")" * 30, "入れ子が深すぎます"),
    ("あ" * 1001, "1000 文字まで"),
]


@pytest.fixture
def in_japanese() -> object:
    set_language("ja")
    yield
    set_language("en")


@pytest.mark.parametrize(("typed", "japanese"), MISTAKES)
def test_a_query_mistake_reads_in_japanese_on_one_line(in_japanese: object, typed: str, japanese: str) -> None:
    with pytest.raises(QueryError) as caught:
        parse_query(typed)
    line = t(caught.value.template, **caught.value.params)
    assert japanese in line
    assert "\n" not in line and "{" not in line
    assert line != caught.value.hint  # English stays in .hint for logs and the English desk


def test_what_was_typed_is_a_value_in_the_hint_never_part_of_the_template() -> None:
    typed = 'stauts:{0}[bold]"'
    with pytest.raises(QueryError) as caught:
        parse_query(typed)
    assert "{" not in caught.value.template.replace("{raw}", "").replace("{name}", "")
    assert caught.value.params["raw"] == "stauts"
    with pytest.raises(QueryError) as quoted:
        parse_query('返品 "{limit}[red]')
    assert quoted.value.params["text"] == '"{limit}[red]'
    assert '"{limit}[red]' in quoted.value.hint


def test_the_command_line_says_a_query_mistake_in_one_japanese_line(
    db_url: str, lead: Actor, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    monkeypatch.setenv("SUPPORTDESK_DB", db_url)
    monkeypatch.setenv("SUPPORTDESK_USER", lead.login)
    monkeypatch.setenv("SUPPORTDESK_PASSWORD", "")
    monkeypatch.setenv("SUPPORTDESK_LANG", "ja")
    try:
        code = main(["search", "stauts:open 返品"])
    finally:
        set_language("en")
    out, err = capsys.readouterr()
    result = subprocess.CompletedProcess(["supportdesk"], code, out, err)
    lines = result.stderr.splitlines()
    assert len(lines) == 1, result.stderr
    assert re.search("「stauts:」という絞り込みはありません。status: のことですか", lines[0]), lines[0]
    assert result.returncode == 2
