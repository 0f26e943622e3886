"""Leads and trainers turn resolved tickets into exemplary cases; anyone working tickets can tag them."""

import pytest
from sqlmodel import select

from supportdesk.errors import Conflict, Invalid, NotAllowed
from supportdesk.models import AuditEvent, SearchOutbox, Ticket
from supportdesk.services.cases import mark_exemplary, normalise_tags, set_tags, ticket_tags
from supportdesk.services.tickets import change_status
from tests.supportdesk import factories


@pytest.fixture
def resolved(session, agent):
    cid = factories.customer(session, agent)
    number = factories.ticket(session, agent, cid, "二重請求")
    change_status(session, agent, number, "resolved", reason="返金で解決")
    return number


def test_tags_are_normalised_and_deduplicated():
    assert normalise_tags(["#初期不良", "ＶＩＰ 法人", "vip, 返品、返品"]) == ["初期不良", "vip", "法人", "返品"]


def test_a_too_long_tag_is_refused():
    with pytest.raises(Invalid):
        normalise_tags(["x" * 51])


def test_trainer_marks_a_resolved_case_exemplary_with_summary_and_tags(session, resolved, trainer):
    version = mark_exemplary(session, trainer, resolved, "  返金の案内が丁寧  ", ["請求", "#返金"])
    ticket = session.get(Ticket, resolved)
    assert ticket.is_exemplary and ticket.exemplary_summary == "返金の案内が丁寧"
    assert ticket.exemplary_by_id == trainer.id and ticket.version == version
    assert ticket_tags(session, resolved) == ["請求", "返金"]
    events = session.exec(select(AuditEvent.action).where(AuditEvent.object_id == resolved)).all()
    assert "ticket.exemplary" in events
    assert session.exec(select(SearchOutbox).where(SearchOutbox.ticket_id == resolved)).all()


def test_an_open_ticket_cannot_be_exemplary(session, agent, lead):
    cid = factories.customer(session, agent)
    number = factories.ticket(session, agent, cid)
    with pytest.raises(NotAllowed, match="only resolved or closed"):
        mark_exemplary(session, lead, number, "まだ解決していない")


def test_agents_cannot_curate_cases_but_can_tag(session, resolved, agent):
    with pytest.raises(NotAllowed):
        mark_exemplary(session, agent, resolved, "自薦")
    set_tags(session, agent, resolved, ["請求"])
    assert ticket_tags(session, resolved) == ["請求"]


def test_summary_is_required(session, resolved, lead):
    with pytest.raises(Invalid, match="summary"):
        mark_exemplary(session, lead, resolved, "   ")


def test_marking_a_case_someone_changed_since_is_refused(session, resolved, lead):
    version = session.get(Ticket, resolved).version
    with pytest.raises(Conflict):
        mark_exemplary(session, lead, resolved, "模範対応", expected_version=version - 1)
    mark_exemplary(session, lead, resolved, "模範対応", expected_version=version)
    assert session.get(Ticket, resolved).is_exemplary
