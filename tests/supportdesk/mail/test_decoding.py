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
