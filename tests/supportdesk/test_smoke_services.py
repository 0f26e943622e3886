from supportdesk.services.ticket_queries import get_ticket
from supportdesk.services.tickets import add_entry, change_status
from tests.supportdesk import factories


def test_a_ticket_goes_from_new_to_resolved(session, agent):
    cid = factories.customer(session, agent)
    number = factories.ticket(session, agent, cid, body="パスワードを忘れました")
    add_entry(session, agent, number, "reply", "再設定のURLをお送りしました。")
    change_status(session, agent, number, "resolved", reason="パスワード再設定で解決")
    detail = get_ticket(session, agent, number)
    assert detail.row.status == "resolved"
    assert [e.kind for e in detail.entries] == ["customer_message", "reply", "status_change", "status_change"]
