"""The corpus of Japanese mail goes through `supportdesk mail import` and reads back through the shell as sent.

This is how the held-out set is judged: import, then `ticket show --json` and `customer find --json`. The figure
of how many samples decode exactly is kept here; a change that loses one fails.
"""

import json

import pytest

from supportdesk.cli.main import main
from supportdesk.i18n import t, tn
from supportdesk.services.actor import Actor
from tests.supportdesk.mail.check import mismatches
from tests.supportdesk.mail.corpus import SAMPLES

# Every sample of the corpus, subject, sender, body and file names exact (25 of 25 on 2026-12-03).
EXACT = len(SAMPLES)


def run(capsys: pytest.CaptureFixture[str], db_url: str, *args: str) -> tuple[int, str, str]:
    code = main(["--db", db_url, "--user", "sato", *args])
    out, err = capsys.readouterr()
    return code, out, err


def test_japanese_mail_from_real_clients_reads_back_exactly(capsys, db_url, tmp_path, agent: Actor):
    folder = tmp_path / "mail"
    folder.mkdir()
    for number, sample in enumerate(SAMPLES):
        (folder / f"{number:02d}-{sample.name}.eml").write_bytes(sample.raw)
    code, out, err = run(capsys, db_url, "mail", "import", str(folder), "--json")
    assert code == 0, err
    taken = {m["source"].rsplit("/", 1)[-1]: m for m in json.loads(out)["messages"]}
    assert {m["outcome"] for m in taken.values()} == {"ticket"}

    exact, report = 0, []
    for number, sample in enumerate(SAMPLES):
        ticket = taken[f"{number:02d}-{sample.name}.eml"]["ticket"]
        _, shown, _ = run(capsys, db_url, "ticket", "show", str(ticket), "--json")
        detail = json.loads(shown)
        message = next(e for e in detail["entries"] if e["kind"] == "customer_message")
        names = [a["filename"] for e in detail["entries"] for a in e["attachments"]]
        assert detail["row"]["channel"] == "email"
        _, found, _ = run(capsys, db_url, "customer", "find", sample.from_address, "--json")
        people = [m["customer"] for m in json.loads(found)]
        expected_name = sample.from_name or sample.from_address.split("@")[0]
        wrong = mismatches(
            sample,
            detail["row"]["subject"],
            message["mail"]["from_name"],
            message["mail"]["from_address"],
            message["body"],
            names,
        )
        if [p["full_name"] for p in people] != [expected_name] or people[0]["email"] != sample.from_address:
            wrong.append(f"customer {people!r}")
        if not wrong:
            exact += 1
        report.append(f"{sample.name}: {'exact' if not wrong else '; '.join(wrong)}")
    print(f"\ncorpus: {exact} of {len(SAMPLES)} decode exactly\n" + "\n".join(report))
    assert exact >= EXACT, "\n".join(report)


def test_importing_the_same_mail_again_adds_nothing(capsys, db_url, tmp_path, agent: Actor):
    path = tmp_path / "one.eml"
    path.write_bytes(SAMPLES[0].raw)
    assert run(capsys, db_url, "mail", "import", str(path))[0] == 0
    code, out, _ = run(capsys, db_url, "mail", "import", str(path), "--json")
    assert code == 0
    assert json.loads(out)["counts"] == {"duplicate": 1}
    _, listed, _ = run(capsys, db_url, "ticket", "list", "--json")
    assert len(json.loads(listed)) == 1


def test_an_mbox_and_a_maildir_are_read_like_single_files(capsys, db_url, tmp_path, agent: Actor):
    import mailbox

    box = mailbox.mbox(tmp_path / "archive.mbox")
    for sample in SAMPLES[:3]:
        box.add(sample.raw)
    box.close()
    maildir = mailbox.Maildir(tmp_path / "Maildir")
    for sample in SAMPLES[3:5]:
        maildir.add(sample.raw)
    code, out, _ = run(capsys, db_url, "mail", "import", str(tmp_path / "archive.mbox"), str(tmp_path / "Maildir"))
    assert code == 0
    new_tickets = tn("{count} new ticket", "{count} new tickets", 5)
    assert out.strip() == tn("{count} message: {summary}.", "{count} messages: {summary}.", 5, summary=new_tickets)


def test_a_path_without_mail_is_one_clear_line(capsys, db_url, tmp_path, agent: Actor):
    code, _out, err = run(capsys, db_url, "mail", "import", str(tmp_path / "missing.eml"))
    assert code == 2
    missing = str(tmp_path / "missing.eml")
    assert err.strip().count("\n") == 0 and t("{path} does not exist", path=missing) in err
