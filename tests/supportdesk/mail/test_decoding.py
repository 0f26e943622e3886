"""Japanese mail as real clients send it reads as the sender wrote it (the parser alone, no database)."""

import pytest

from supportdesk.mail.parse import parse_message
from tests.supportdesk.mail.check import mismatches
from tests.supportdesk.mail.corpus import SAMPLES, Sample


@pytest.mark.parametrize("sample", SAMPLES, ids=[s.name for s in SAMPLES])
def test_agent_reads_each_clients_mail_as_written(sample: Sample) -> None:
    mail = parse_message(sample.raw)
    names = [a.name for a in mail.attachments if not a.undecodable]
    assert mismatches(sample, mail.subject, mail.from_name, mail.from_address, mail.text, names) == []
    assert not any(a.undecodable for a in mail.attachments)


def test_flowed_lines_join_as_the_sender_typed_them() -> None:
    raw = (
        b"From: a@example.com\r\nSubject: x\r\nMIME-Version: 1.0\r\n"
        b"Content-Type: text/plain; charset=UTF-8; format=flowed; delsp=yes\r\n"
        b"Content-Transfer-Encoding: 8bit\r\n\r\n" + "長い行は途中で \r\n折り返されます。\r\n-- \r\n署名\r\n".encode()
    )
    assert parse_message(raw).text == "長い行は途中で折り返されます。\n-- \n署名"


def test_an_empty_plain_part_beside_html_shows_the_html() -> None:
    raw = (
        b"From: a@example.com\r\nSubject: x\r\nMIME-Version: 1.0\r\nDate: Tue, 01 Dec 2026 10:00:00 JST\r\n"
        b'Content-Type: multipart/alternative; boundary="b"\r\n\r\n'
        b"--b\r\nContent-Type: text/plain; charset=utf-8\r\n\r\n\r\n"
        b"--b\r\nContent-Type: text/html; charset=utf-8\r\n\r\n"
        + "<p>本文は&nbsp;HTMLだけ</p>".encode()
        + b"\r\n--b--\r\n"
    )
    mail = parse_message(raw)
    assert mail.text == "本文は HTMLだけ"
    assert mail.date is not None and mail.date.hour == 1  # 10:00 JST is 01:00 UTC
