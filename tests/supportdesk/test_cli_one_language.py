"""Every command speaks one language: no English words in a Japanese desk's output, no Japanese words of the desk's
own in an English one (issue 12 item 4). Each command runs as the hostile-text walk runs it (every command the
typer app has), on a desk whose data is in the other script, so what the desk itself says can be told apart."""

import re
from pathlib import Path

import pytest

from supportdesk import i18n
from tests.hostile_text import HostileDesk, spray
from tests.supportdesk.test_cli_hostile import NOT_RUN, Cli, all_commands, hostile, run_every_command

__all__ = ["hostile"]  # the walk's desk, a fixture

# Words that are the same in both languages: product and protocol names, units, codes people type.
SHARED = {
    "SupportDesk",
    "CSV",
    "UTF",
    "BOM",
    "JSON",
    "TOML",
    "IMAP",
    "SMTP",
    "SLA",
    "RFM",
    "ID",
    "URL",
    "TLS",
    "MB",
    "Excel",
    "OS",  # the OS keyring
    "KiB",
    "CP",
    "Shift_JIS",
    "PostgreSQL",
    "SQLite",
    "pid",
    "ctrl",
    "LINE",
    "FAX",
    "Web",
    "VIP",
    "Re",
}
# What the walk itself typed or the desk holds in ASCII (logins, addresses, codes, file names).
DATA = re.compile(
    r"[\w.+-]+@[\w.-]+|\b(admin|sato|hostile|takahashi|nobody-such|SKU-\d|A-\d|sha256|desk\.backup|rules\.toml|"
    r"hostile\.(csv|eml)|full_name|notes|name|db-key|example|jp|com|keyring|supportdesk(?: [a-z -]+)?)\b"
    r"|--?[a-z][a-z-]*|\b[A-Z]+-\d+\b|\b\d+(\.\d+)?\w?\b|/[\w./-]+"
    r"|\b[A-Z][A-Z0-9]*(?:_[A-Z0-9]+)+\b"  # an environment variable (SUPPORTDESK_SECRET_MAIL_IMAP_PASSWORD)
    r"|\b[a-z]+/[\w.+-]+"  # a file's type (text/plain)
    r"|\b[0-9a-f]{64}\b"  # a file's sha256
    r"|\.(txt|csv|eml|toml)\b|\butf-8\b"
    r"|\bOn\b[^\n]*\bwrote:"  # the quoted history in the customer's mail
    r"|\[mail\]"  # a section of the config file
    r"|\b[a-z]+(?:-[a-z]+)+\b"  # a secret's name (mail-imap-password)
    r"|`[^`\n]*`"  # a command to type, quoted as code (`pg_dump --format=custom …`)
    r"|README(?:\s*の)?\s*「[^」]*」"  # a section of the README, named as the README (in English) heads it
)
# The walk types these in Japanese whatever the language (a tag, a search word, a file's headers, a mail's body).
TYPED_JAPANESE = {
    "事例",
    "返品",
    "返品したい",
    "氏名",
    "電話番号",
    "返",
    "品",
    "タグ",
    "品番",
    "窓口",
    "本社",
    "製造番号",
}  # 返品 ends every sprayed value


def english_words(output: str) -> set[str]:
    words = set(re.findall(r"[A-Za-z][A-Za-z']+", DATA.sub(" ", output)))
    return {w for w in words if w not in SHARED}


def japanese_runs(output: str) -> set[str]:
    runs = set(re.findall(r"[\u3040-\u30ff\u3400-\u9fff\uff01-\uff5e]+", output))
    return runs - TYPED_JAPANESE


class Collecting(Cli):
    """The hostile walk's runner, keeping what each text command printed (JSON is data for programs)."""

    said: dict[str, str]

    def __call__(self, command: str, *args: str, user: str = "admin", stdin: str = "") -> tuple[str, str]:
        out, err = super().__call__(command, *args, user=user, stdin=stdin)
        machine = "--json" in args or command == "export" or (command == "privacy export" and "--text" not in args)
        if not machine:
            self.said[f"{command} {' '.join(args)}"] = out + err
        return out, err


@pytest.mark.parametrize("lang", ["ja", "en"])
def test_every_command_speaks_the_desks_language_only(
    lang: str,
    hostile: HostileDesk,
    capsys: pytest.CaptureFixture[str],
    monkeypatch: pytest.MonkeyPatch,
    db_url: str,
    tmp_path: Path,
) -> None:
    monkeypatch.setenv("SUPPORTDESK_LANG", lang)
    i18n.set_language(lang)
    if lang == "en":  # data in ASCII, so a Japanese word in the output is the desk's own
        spray(hostile.desk.engine, "Plain data")
    cli = Collecting(capsys, monkeypatch, db_url)
    cli.said = {}
    run_every_command(cli, hostile, tmp_path, "Plain data" if lang == "en" else "山田のデータ")
    assert all_commands() - cli.ran - NOT_RUN.keys() == set()
    folder = str(tmp_path)
    found = {
        where: (english_words if lang == "ja" else japanese_runs)(said.replace(folder, " "))
        for where, said in cli.said.items()
    }
    wrong = {where: sorted(words) for where, words in found.items() if words}
    assert not wrong, f"words of the other language ({lang} desk):\n" + "\n".join(
        f"  {where}: {words}" for where, words in wrong.items()
    )
