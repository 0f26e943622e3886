"""Mail from the shell: reply by mail, see delivery in `ticket show`, save files, read the queue's status."""

import json
import stat
from pathlib import Path

import pytest

from supportdesk.cli.main import main
from supportdesk.services.actor import Actor
from supportdesk.services.mail_display import split_quoted
from tests.supportdesk.mail.build import mail
from tests.supportdesk.mail.servers import SmtpServer
from tests.supportdesk.mail.test_fetch import _write_config


def run(capsys: pytest.CaptureFixture[str], db_url: str, *args: str) -> tuple[int, str, str]:
    # The mail commands' words are checked in English whatever the pass's language (the one-language test covers
    # the Japanese): what is checked here is what the desk did.
    code = main(["--lang", "en", "--db", db_url, "--user", "sato", *args])
    out, err = capsys.readouterr()
    return code, out, err


def _import(capsys, db_url: str, tmp_path: Path, raw: bytes) -> int:
    path = tmp_path / "in.eml"
    path.write_bytes(raw)
    code, out, err = run(capsys, db_url, "mail", "import", str(path), "--json")
    assert code == 0, err
    return int(json.loads(out)["messages"][0]["ticket"])


def test_agent_replies_by_mail_and_sees_it_sent_in_the_thread(
    capsys, db_url, tmp_path: Path, agent: Actor, smtp_server: SmtpServer
):
    _write_config(smtp_server.settings())
    number = _import(capsys, db_url, tmp_path, mail(files=[("レシート.jpg", "image/jpeg", b"\xff\xd8jpeg")]))
    slip = tmp_path / "返品伝票.pdf"
    slip.write_bytes(b"%PDF-1.4")
    code, out, err = run(
        capsys, db_url, "ticket", "reply", str(number), "伝票をお送りします。", "--mail", "--attach", str(slip)
    )
    assert code == 0, err
    assert "queued for taro@example.jp" in out
    code, out, _ = run(capsys, db_url, "mail", "send")
    assert (code, out.strip()) == (0, "Outbound queue: 1 sent.")
    _code, shown, _ = run(capsys, db_url, "ticket", "show", str(number))
    assert "mail from 山田 太郎 <taro@example.jp> · 返品したい" in shown
    assert "mail to taro@example.jp · sent (250 2.0.0 Ok: queued as TEST)" in shown
    assert "レシート.jpg (image/jpeg, 6 B)" in shown and "返品伝票.pdf (application/pdf, 8 B)" in shown
    _code, status, _ = run(capsys, db_url, "mail", "status")
    assert status.startswith("Outbound: 1 sent")


def test_a_file_is_saved_from_the_shell_readable_by_its_owner_only(capsys, db_url, tmp_path: Path, agent: Actor):
    number = _import(capsys, db_url, tmp_path, mail(files=[("見積書.pdf", "application/pdf", b"%PDF-estimate")]))
    _code, shown, _ = run(capsys, db_url, "ticket", "show", str(number), "--json")
    [file] = [a for e in json.loads(shown)["entries"] for a in e["attachments"]]
    assert (file["filename"], file["size"], file["content_type"]) == ("見積書.pdf", 13, "application/pdf")
    target = tmp_path / "out"
    target.mkdir()
    code, _out, err = run(
        capsys, db_url, "ticket", "attachment", "save", str(number), str(file["id"]), "--out", str(target)
    )
    assert code == 0, err
    saved = target / "見積書.pdf"
    assert saved.read_bytes() == b"%PDF-estimate" and stat.S_IMODE(saved.stat().st_mode) == 0o600
    code, _out, err = run(
        capsys, db_url, "ticket", "attachment", "save", str(number), str(file["id"]), "--out", str(saved)
    )
    assert code == 2 and "already exists" in err


def test_replying_by_mail_without_a_desk_address_says_what_to_set(capsys, db_url, tmp_path: Path, agent: Actor):
    number = _import(capsys, db_url, tmp_path, mail())
    code, _out, err = run(capsys, db_url, "ticket", "reply", str(number), "お返事", "--mail")
    assert code == 4 and "[mail] address" in err


def test_quoted_history_below_the_new_text_folds_away():
    history = "2026年12月1日(火) 10:00 サポート <support@desk.example.jp>:\n> ご確認ください。\n> 以上"
    assert split_quoted(f"承知しました。\n明日届けます。\n\n{history}") == ("承知しました。\n明日届けます。", history)
    outlook = "了解です。\n\n-----Original Message-----\nFrom: support\nSent: ...\n本文"
    assert split_quoted(outlook)[0] == "了解です。"
    inline = "> 型番は？\nA-100です。"
    assert split_quoted(inline) == (inline, "")
