"""`--help` speaks the desk's language: every command's and subcommand's help, its options' help and typer's own words
(Usage, Options, [default: …]) are Japanese in a Japanese desk and English in an English one (issue 12 item 4).

Each help runs through the real entry point (`main`), as a person types it. What is typed stays as typed in both
languages: command and option names, metavars (NUMBER, FIELD=VALUE), value types (<int>), choices and defaults.
"""

import re

import pytest
from typer import _click as click_types
from typer.core import TyperArgument, TyperGroup

from supportdesk import i18n
from supportdesk.cli.main import main, whole_cli
from tests.supportdesk.test_cli_errors import every_command, same_on_both_databases
from tests.supportdesk.test_cli_one_language import english_words, japanese_runs

pytestmark = same_on_both_databases  # help is drawn the same on both; each test takes both languages itself

COMMANDS = sorted(every_command())


def argument_names(command: click_types.Command) -> set[str]:
    names = {str(param.name) for param in command.params if isinstance(param, TyperArgument)}
    for sub in command.commands.values() if isinstance(command, TyperGroup) else ():
        names |= argument_names(sub)
    return names


# Typed as they are in both languages: command names, and arguments by their names (typer shows `{text}`).
TYPED = {word for path in COMMANDS for word in path.split()} | argument_names(whole_cli())

# What typer shows of a parameter as notation rather than words: its type and choices (<int range>,
# <updated|received>), a default or range value, and metavars (NUMBER, FIELD=VALUE..., [OPTIONS]).
NOTATION = re.compile(
    r"<[^<>\n]*>"
    r"|\[(?:default|既定): [^\]\n]*\]"
    r"|\b[A-Z][A-Z0-9_]*(?:[=|][A-Z][A-Z0-9_]*)*(?:\.\.\.)?(?![A-Za-z])"
    r"|\bShift_JIS\b"  # an encoding's name
)
BOX = re.compile(r"[╭╮╰╯│─]")


def help_of(command: str, capsys: pytest.CaptureFixture[str]) -> str:
    code = main([*command.split(), "--help"])
    out, err = capsys.readouterr()
    assert code == 0 and err == "", f"`supportdesk {command} --help` failed ({code}): {err}"
    return out


def words_of_the_desk(out: str) -> str:
    """The help as prose: box lines, notation and the names of commands and arguments (typed as they are) taken out."""
    text = NOTATION.sub(" ", BOX.sub(" ", out))
    return " ".join(word for word in text.split() if word.strip("{}[].") not in TYPED)


@pytest.mark.parametrize("lang", ["ja", "en"])
def test_every_commands_help_is_in_the_desks_language_only(
    lang: str, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("SUPPORTDESK_LANG", lang)
    monkeypatch.setenv("COLUMNS", "250")  # a parameter's type and choices on one line, read as one notation
    other_language = english_words if lang == "ja" else japanese_runs
    wrong = {}
    for command in COMMANDS:
        out = help_of(command, capsys)
        i18n.set_language(lang)
        assert i18n.t("Usage: ").strip() in out and i18n.pt("help", "Options") in out, out
        found = other_language(words_of_the_desk(out))
        if found:
            wrong[command or "(root)"] = sorted(found)
    assert not wrong, f"--help with words of the other language ({lang} desk):\n" + "\n".join(
        f"  supportdesk {where} --help: {words}" for where, words in wrong.items()
    )


@pytest.mark.parametrize("lang", ["ja", "en"])
def test_no_help_text_is_cut_off_in_an_80_column_terminal(
    lang: str, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    """Rich cuts a word longer than its cell with "…" at the cell's edge, and a Japanese sentence is one long word to
    it (a text's own "…", as in `phone=03-…`, is followed by the rest of its line's blank cells)."""
    monkeypatch.setenv("SUPPORTDESK_LANG", lang)
    monkeypatch.setenv("COLUMNS", "80")
    cut = [command or "(root)" for command in COMMANDS if re.search(r"…\s?│", help_of(command, capsys))]
    assert cut == []


def test_a_help_text_with_brackets_is_printed_as_written(
    capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    """typer reads help as Rich markup: `[mail]` (the config file's section) would vanish as a style tag."""
    monkeypatch.setenv("COLUMNS", "250")
    for lang in ("ja", "en"):
        monkeypatch.setenv("SUPPORTDESK_LANG", lang)
        assert "[mail]" in help_of("mail fetch", capsys)


def test_the_root_help_lists_every_command_in_japanese(
    capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("SUPPORTDESK_LANG", "ja")
    monkeypatch.setenv("COLUMNS", "250")
    out = help_of("", capsys)
    assert "使い方: supportdesk [OPTIONS] COMMAND [ARGS]..." in out
    assert "チケット(問い合わせ)を扱います。" in out
    assert "このヘルプを表示して終了します。" in out
    assert "╭─ コマンド " in out and "╭─ オプション " in out
