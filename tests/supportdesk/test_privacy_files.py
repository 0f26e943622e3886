"""A 開示 request gets the files too: every file the person's tickets hold, copied out owner-only, none lost to a
shared name, none able to leave the folder, and nothing of another person's."""

import stat
from pathlib import Path

import pytest
from sqlmodel import Session

from supportdesk.errors import NotAllowed
from supportdesk.services.actor import Actor
from supportdesk.services.mail_in import receive
from supportdesk.services.privacy import save_person_files
from tests.supportdesk.mail.build import mail


def test_a_person_gets_a_copy_of_every_file_their_tickets_hold(
    session: Session, agent: Actor, admin: Actor, tmp_path: Path
):
    files = [
        ("receipt.pdf", "application/pdf", b"%PDF-1 receipt"),
        ("receipt.pdf", "application/pdf", b"%PDF-1 another receipt, same name"),
        ("../../etc/passwd", "text/plain", b"not a way out"),
    ]
    theirs = receive(session, agent, mail(files=files))
    receive(session, agent, mail(sender="他人 <other@example.jp>", files=[("other.txt", "text/plain", b"not theirs")]))
    folder = tmp_path / "開示" / "files"

    written = save_person_files(session, admin, theirs.customer, folder)

    assert sorted(path.read_bytes() for path in written) == sorted(data for _name, _type, data in files)
    assert all(path.parent == folder and path.name.startswith(f"{theirs.ticket}-") for path in written)
    assert stat.S_IMODE(folder.stat().st_mode) == 0o700
    assert all(stat.S_IMODE(path.stat().st_mode) == 0o600 for path in written)
    assert sorted(p.name for p in (tmp_path / "開示").rglob("*") if p.is_file()) == sorted(p.name for p in written)


def test_only_someone_who_handles_privacy_requests_may_copy_a_persons_files(
    session: Session, agent: Actor, tmp_path: Path
):
    theirs = receive(session, agent, mail(files=[("receipt.pdf", "application/pdf", b"%PDF-1")]))
    with pytest.raises(NotAllowed):
        save_person_files(session, agent, theirs.customer, tmp_path / "files")
    assert not (tmp_path / "files").exists()


def test_the_export_command_copies_the_files_beside_the_document(
    capsys, db_url: str, session: Session, agent: Actor, admin: Actor, tmp_path: Path
):
    from supportdesk.cli.main import main

    theirs = receive(session, agent, mail(files=[("receipt.pdf", "application/pdf", b"%PDF-1")]))
    out, files = tmp_path / "request" / "person.json", tmp_path / "request" / "files"
    out.parent.mkdir()
    command = ["--db", db_url, "--user", "admin", "privacy", "export", str(theirs.customer), "--out", str(out)]
    assert main([*command, "--files", str(files)]) == 0
    assert [p.read_bytes() for p in files.iterdir()] == [b"%PDF-1"]
    assert "1" in capsys.readouterr().err
    assert main([*command, "--files", str(files)]) == 2  # nothing overwritten: the first copy stays as it was
