"""One catalog for every word a person reads: each marked text has Japanese, and every entry is used.

Texts are found the way translators' tools find them, with Babel's extractor over supportdesk/ and screens/:
`t("…")`, `tn("…", "…", n)`, `N_("…")` (text kept in a table and translated later), `msg("…")` (an error's text,
rendered when shown) and the literal field of `Invalid("subject", …)`. The commands' --help texts (typer `help=`
and docstrings, which no extractor sees as marked) are read from the built command tree (cli/help_language.py).
"""

from collections import Counter
from enum import StrEnum
from pathlib import Path

import pytest
from babel.messages.extract import extract_from_dir

from search_index.documents import RESOLUTION_KIND, SUBJECT_KIND, SUMMARY_KIND
from supportdesk import i18n
from supportdesk.cli.help_language import help_texts
from supportdesk.cli.main import whole_cli
from supportdesk.i18n import catalog
from supportdesk.models import (
    AcquisitionChannel,
    CancelReason,
    Channel,
    CustomerRank,
    CustomType,
    EntryKind,
    Gender,
    InquiryType,
    LinkKind,
    Priority,
    Role,
    Status,
)
from supportdesk.services.actor import Action
from supportdesk.services.custom_fields import CustomKind
from supportdesk.services.ticket_queries import TicketSort

ROOT = Path(__file__).resolve().parents[2]
KEYWORDS = {
    # The first argument of these names a field in the error they may raise.
    "check_line": (1,),
    "check_block": (1,),
    "check_phone": (1,),
    "t": None,
    "tn": (1, 2),
    "msgn": (1, 2),
    "N_": None,
    "msg": None,
    "Invalid": (1,),
    "pt": ((1, "c"), 2),
    "pN_": ((1, "c"), 2),
    # search_index knows nothing of the catalog: it words a hint as an English template the catalog translates.
    "QueryError": (1,),
}

# Closed vocabularies shown through v(): every value has Japanese, and the table holds nothing else.
VOCABULARIES: list[type[StrEnum]] = [
    Status,
    Priority,
    InquiryType,
    Channel,
    CustomerRank,
    TicketSort,
    EntryKind,
    Role,
    Gender,
    AcquisitionChannel,
    Action,  # named in refusals: "may not view customer profiles"
    CancelReason,
    LinkKind,
    CustomType,  # what a team's own field holds, and the records it is on (audit details, refusals)
    CustomKind,
]


def marked_texts(*roots: Path) -> dict[str, list[str]]:
    """Every marked text under `roots`, with where it is (file:line)."""
    found: dict[str, list[str]] = {}
    for root in roots:
        for filename, lineno, message, _comments, context in extract_from_dir(root, keywords=KEYWORDS):
            # tn(singular, plural, n): Japanese has one form, keyed by the singular.
            text = message[0] if isinstance(message, tuple) else message
            key = f"{context}{i18n.CONTEXT_SEPARATOR}{text}" if context else text
            found.setdefault(key, []).append(f"{root.name}/{filename}:{lineno}")
    return found


def help_of_every_command() -> dict[str, list[str]]:
    """Every --help text of the `supportdesk` command, with the command and option it is on."""
    found: dict[str, list[str]] = {}
    for text, where in help_texts(whole_cli()):
        found.setdefault(text, []).append(f"--help of {where}")
    return found


@pytest.fixture(scope="module")
def in_source() -> dict[str, list[str]]:
    found = marked_texts(ROOT / "supportdesk", ROOT / "screens", ROOT / "search_index")
    for text, where in help_of_every_command().items():
        found.setdefault(text, []).extend(where)
    return found


def test_every_text_people_read_has_japanese(in_source: dict[str, list[str]]) -> None:
    missing = {text: where for text, where in in_source.items() if not catalog.JA.get(text)}
    assert not missing, "add to supportdesk/i18n/ja_*.py:\n" + "\n".join(
        f"    {text!r}: '',  # {where[0]}" for text, where in missing.items()
    )


def test_the_catalog_holds_no_text_nothing_uses(in_source: dict[str, list[str]]) -> None:
    unused = sorted(set(catalog.JA) - set(in_source))
    assert not unused, "remove from supportdesk/i18n/ja_*.py (no code marks them):\n" + "\n".join(map(repr, unused))


def test_each_text_is_in_one_part_of_the_catalog_only() -> None:
    counts = Counter(text for part in catalog.PARTS.values() for text in part)
    assert [text for text, n in counts.items() if n > 1] == []


def test_every_field_an_error_can_name_by_its_column_has_japanese() -> None:
    """Customers' and companies' fields are checked in loops and named by their column ("postal code")."""
    from supportdesk.models import Company
    from supportdesk.services import customers

    named = {key.replace("_", " ") for key in customers._TEXT_FIELDS | set(customers._ENUM_FIELDS)}
    text_columns = [c.name for c in Company.__table__.columns if str(c.type).startswith(("VARCHAR", "TEXT"))]
    named |= {f"company {name.replace('_', ' ')}" for name in text_columns if not name.endswith("_key")}
    assert sorted(named - set(catalog.JA)) == []


def test_japanese_keeps_every_placeholder_of_the_english() -> None:
    """A translation that drops or renames {count} would raise KeyError, or say the wrong thing, at runtime."""
    wrong = {en: ja for en, ja in catalog.JA.items() if i18n.placeholders(en) != i18n.placeholders(ja)}
    assert not wrong


def test_every_vocabulary_value_has_japanese_and_the_table_nothing_else() -> None:
    values = {member.value for vocabulary in VOCABULARIES for member in vocabulary}
    values |= {SUBJECT_KIND, SUMMARY_KIND, RESOLUTION_KIND}  # where a search snippet comes from
    assert sorted(values - set(catalog.JA_VALUES)) == []
    assert sorted(set(catalog.JA_VALUES) - values) == []


def test_every_commands_help_is_seen_docstrings_included() -> None:
    """Guard for the help scan: an option's help=, a command's docstring and a group's help= are all found."""
    found = help_of_every_command()
    assert "Print machine-readable JSON." in found  # help= of an option
    assert "Show one ticket with its whole thread." in found  # a command's docstring
    assert "Work with tickets (inquiries)." in found  # help= of a command group
    assert any(where.endswith("ticket show NUMBER") for where in found["The ticket's number."])  # an argument


def test_the_extractor_finds_each_way_texts_are_marked(tmp_path: Path) -> None:
    """Guard for the scan: a new text in any of the marked forms is seen (and so must be translated)."""
    (tmp_path / "new_screen.py").write_text(
        "LABELS = {'a': N_('Refund issued')}\n"
        "def compose(kind, n):\n"
        "    yield t('Brand-new words')\n"
        "    yield t(LABELS[kind])\n"
        "    yield tn('{count} refund', '{count} refunds', n)\n"
        "    raise Invalid('refund', msg('at most {limit} yen', limit=5))\n"
        "    yield pt('column', 'Refund')\n"
    )
    found = marked_texts(tmp_path)
    assert set(found) == {
        "Refund issued",
        "Brand-new words",
        "{count} refund",
        "refund",
        "at most {limit} yen",
        "column\x04Refund",
    }


# ---- looking texts up ------------------------------------------------------------------------------------------


def test_texts_values_and_messages_show_in_the_current_language() -> None:
    i18n.set_language("ja")
    assert i18n.t("Sign in") == "サインイン"
    assert (i18n.v("on_hold"), i18n.v("urgent"), i18n.v("web_form"), i18n.v("vip")) == (
        "保留",
        "緊急",
        "Webフォーム",
        "VIP",
    )
    assert i18n.v(None) == "—"
    message = i18n.msg("{count} customers found", count=3)
    assert str(message) == "3 件の顧客"
    i18n.set_language("en")
    assert (i18n.v("on_hold"), i18n.v("web_form"), i18n.v("line")) == ("on hold", "web form", "LINE")
    assert str(message) == "3 customers found"  # the same message, shown later in another language
    assert i18n.pt("column", "Open") == "Open"
    i18n.set_language("ja")
    assert i18n.pt("column", "Open") == "未完了"  # a count of open tickets, not the action 開く


def test_an_error_is_rendered_in_the_language_of_whoever_reads_it() -> None:
    from supportdesk.errors import Invalid

    i18n.set_language("en")
    refused = Invalid("Subject", i18n.msg("{count} customers found", count=2))
    assert str(refused) == "Subject: 2 customers found"
    i18n.set_language("ja")
    assert str(refused) == "件名: 2 件の顧客"
    assert refused.field == "Subject"  # forms still point at the field by its name


@pytest.mark.parametrize(
    ("environ", "expected"),
    [
        ({}, "ja"),  # a locale that says nothing: the desk's first language
        ({"LANG": "C"}, "ja"),
        ({"LANG": "C.UTF-8"}, "ja"),
        ({"LC_ALL": "POSIX"}, "ja"),
        ({"LANG": "ja_JP.UTF-8"}, "ja"),
        ({"LANG": "en_US.UTF-8"}, "en"),
        ({"LANG": "de_DE.UTF-8"}, "en"),
        ({"LANG": "ja_JP.UTF-8", "LC_ALL": "en_GB.UTF-8"}, "en"),  # LC_ALL overrides LANG
        ({"LANG": "en_US.UTF-8", "LC_MESSAGES": "ja_JP.UTF-8"}, "ja"),
    ],
)
def test_the_default_language_comes_from_the_locale(environ: dict[str, str], expected: str) -> None:
    assert i18n.choose_language(environ=environ) == expected


def test_lang_flag_beats_the_environment_beats_the_config_file() -> None:
    env = {"LANG": "en_US.UTF-8", "SUPPORTDESK_LANG": "ja"}
    assert i18n.choose_language("en", "ja", environ=env) == "en"
    assert i18n.choose_language(None, "en", environ=env) == "ja"
    assert i18n.choose_language(None, "en", environ={"LANG": "ja_JP.UTF-8"}) == "en"


@pytest.mark.parametrize("given", ["english", "japanese", "JA", "ja_JP", "fr", "jp"])
def test_only_ja_and_en_are_languages(given: str) -> None:
    i18n.set_language("en")
    with pytest.raises(i18n.LanguageError, match=r"use ja \(Japanese\) or en \(English\)"):
        i18n.choose_language(None, given, environ={})
    with pytest.raises(i18n.LanguageError, match=f"'{given}'"):
        i18n.set_language(given)
