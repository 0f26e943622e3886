"""The command's language is ja or en, chosen once before anything runs; anything else is one clear line."""

from pathlib import Path

import pytest

from supportdesk import i18n
from supportdesk.cli.language import lang_option
from supportdesk.cli.main import main
from supportdesk.config import load_settings
from supportdesk.errors import Invalid


def test_lang_english_is_refused_with_one_line_naming_ja_and_en(capsys: pytest.CaptureFixture[str]) -> None:
    code = main(["--lang", "english", "ticket", "list"])
    err = capsys.readouterr().err
    assert code == 2
    assert err.count("\n") == 1
    assert "--lang" in err and "'english'" in err and "ja" in err and "en" in err


def test_an_unknown_language_in_the_environment_is_refused(
    capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("SUPPORTDESK_LANG", "fr")
    assert main(["ticket", "list"]) == 2
    assert "SUPPORTDESK_LANG" in capsys.readouterr().err


def test_lang_english_in_the_config_file_is_refused(tmp_path: Path) -> None:
    path = tmp_path / "config.toml"
    path.write_text('lang = "english"\n', encoding="utf-8")
    i18n.set_language("en")
    with pytest.raises(Invalid) as refused:
        load_settings(path)
    assert str(refused.value) == f"{path} lang: must be ja (Japanese) or en (English), not 'english'"
    i18n.set_language("ja")
    assert "ja(日本語)か en(英語)を指定してください" in str(refused.value)


def test_the_language_is_decided_before_the_command_runs(
    capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.delenv("SUPPORTDESK_LANG")
    for name in ("LC_ALL", "LC_MESSAGES"):
        monkeypatch.delenv(name, raising=False)
    monkeypatch.setenv("LANG", "en_US.UTF-8")
    main(["--lang", "ja", "--help"])
    assert i18n.language() == "ja"
    main(["--help"])
    assert i18n.language() == "en"


@pytest.mark.parametrize(
    ("argv", "expected"),
    [
        (["--lang", "ja", "ticket", "list"], "ja"),
        (["--lang=en", "search", "x"], "en"),
        (["ticket", "reply", "1", "--", "--lang", "ja"], None),  # text after -- is not an option
        (["ticket", "list"], None),
    ],
)
def test_the_lang_option_is_read_before_typer_parses(argv: list[str], expected: str | None) -> None:
    assert lang_option(argv) == expected
