"""Attachment names and the words of small text files are found by full-text search of past cases."""

from pathlib import Path

from sqlmodel import Session

from search_index import SearchIndex
from supportdesk.services.actor import Actor
from supportdesk.services.mail_in import receive
from supportdesk.services.search import search_cases, sync_index
from tests.supportdesk.mail.build import mail


def test_a_file_name_and_a_text_attachment_are_searchable(session: Session, agent: Actor, tmp_path: Path):
    index = SearchIndex.open(tmp_path / "index")
    try:
        named = receive(session, agent, mail(subject="見積", files=[("特注品見積書.pdf", "application/pdf", b"%PDF")]))
        log = "ERROR E-4711 タイムアウト\n".encode("shift_jis")
        logged = receive(session, agent, mail(subject="ログ", files=[("app.log", "text/plain", log)]))
        sync_index(session, index)
        assert [h.hit.ticket_id for h in search_cases(session, agent, index, "特注品見積書").hits] == [named.ticket]
        assert [h.hit.ticket_id for h in search_cases(session, agent, index, "E-4711").hits] == [logged.ticket]
    finally:
        index.close()
