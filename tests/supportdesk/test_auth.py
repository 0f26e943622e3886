"""Signing in, lock-out after failed attempts, user administration and the audit trail of it all."""

import io
import json
from datetime import UTC, datetime, timedelta

import pytest
from sqlmodel import Session, select

from supportdesk.cli.main import main
from supportdesk.errors import Invalid, NotAllowed
from supportdesk.i18n import t, v
from supportdesk.models import AuditEvent, User
from supportdesk.services import auth, users
from supportdesk.services.actor import Actor

NOW = datetime(2026, 11, 23, 3, 0, tzinfo=UTC)


@pytest.fixture
def with_password(session: Session, admin: Actor) -> Actor:
    auth.set_password(session, admin, "admin", "admin-password")
    return users.create_user(session, admin, "yoshida", "吉田 綾", "agent", "東京サポート", password="correct-horse")


def _actions(session: Session) -> list[str]:
    return list(session.exec(select(AuditEvent.action).order_by(AuditEvent.id)))


def test_password_is_stored_only_as_an_argon2_hash(session, with_password):
    user = session.exec(select(User).where(User.login == "yoshida")).one()
    assert user.password_hash.startswith("$argon2id$") and "correct-horse" not in user.password_hash
    for event in session.exec(select(AuditEvent)):
        assert "correct-horse" not in (event.detail or "")


def test_sign_in_with_the_right_password(session, with_password):
    actor = auth.sign_in(session, "YOSHIDA ", "correct-horse", now=NOW)
    assert actor.login == "yoshida"
    assert "auth.sign_in" in _actions(session)
    assert session.exec(select(User).where(User.login == "yoshida")).one().last_sign_in_at == NOW


def test_unknown_login_and_wrong_password_get_the_same_answer(session, with_password):
    with pytest.raises(NotAllowed) as unknown:
        auth.sign_in(session, "nobody", "whatever1", now=NOW)
    with pytest.raises(NotAllowed) as wrong:
        auth.sign_in(session, "yoshida", "wrong-pass", now=NOW)
    assert str(unknown.value) == str(wrong.value) == t("Wrong login or password.")
    assert _actions(session).count("auth.failed") == 2


def test_repeated_failures_lock_the_account_for_a_growing_delay(session, with_password):
    for _ in range(3):
        with pytest.raises(NotAllowed):
            auth.sign_in(session, "yoshida", "wrong-pass", now=NOW)
    # Locked now: even the right password waits.
    with pytest.raises(NotAllowed, match="try again in 5 seconds"):
        auth.sign_in(session, "yoshida", "correct-horse", now=NOW + timedelta(seconds=1))
    # After the delay the right password works and resets the count.
    assert auth.sign_in(session, "yoshida", "correct-horse", now=NOW + timedelta(seconds=6)).login == "yoshida"
    assert auth.locked_until(session, "yoshida", now=NOW + timedelta(seconds=6)) is None
    assert "auth.locked" in _actions(session)


def test_lock_delay_doubles_up_to_fifteen_minutes():
    assert [auth.lock_delay(n).total_seconds() for n in (1, 2, 3, 4, 5)] == [0, 0, 5, 10, 20]
    assert auth.lock_delay(40) == timedelta(minutes=15)


def test_disabled_users_cannot_sign_in(session, admin, with_password):
    users.set_active(session, admin, "yoshida", False)
    with pytest.raises(NotAllowed):
        auth.sign_in(session, "yoshida", "correct-horse", now=NOW)


def test_short_passwords_are_refused(session, admin):
    with pytest.raises(Invalid, match="at least 8"):
        users.create_user(session, admin, "short", "短", "agent", password="1234")


def test_users_change_their_own_password_with_the_current_one(session, with_password):
    with pytest.raises(NotAllowed, match="current password"):
        auth.set_password(session, with_password, "yoshida", "new-password-1", current_password="nope")
    auth.set_password(session, with_password, "yoshida", "new-password-1", current_password="correct-horse")
    assert auth.sign_in(session, "yoshida", "new-password-1", now=NOW).login == "yoshida"


def test_only_admins_manage_other_users(session, agent, with_password):
    with pytest.raises(NotAllowed):
        auth.set_password(session, agent, "yoshida", "hijacked-123")
    with pytest.raises(NotAllowed):
        users.create_user(session, agent, "x", "x", "agent")
    with pytest.raises(NotAllowed):
        users.set_active(session, agent, "yoshida", False)


def test_first_admin_only_on_an_empty_desk(session):
    actor = auth.create_first_admin(session, "Kimura", "木村 拓也", "first-admin-pw")
    assert actor.role == "admin" and actor.login == "kimura"
    with pytest.raises(NotAllowed, match="already has users"):
        auth.create_first_admin(session, "other", "other", None)


def test_cli_needs_the_password_once_users_have_one(capsys, monkeypatch, db_url, admin, with_password):
    monkeypatch.setattr("sys.stdin", io.StringIO(""))
    assert main(["--db", db_url, "--user", "yoshida", "ticket", "list"]) == 4
    assert t("This desk needs a password: set SUPPORTDESK_PASSWORD or run in a terminal.") in capsys.readouterr().err
    monkeypatch.setenv("SUPPORTDESK_PASSWORD", "wrong-pass")
    assert main(["--db", db_url, "--user", "yoshida", "ticket", "list"]) == 4
    assert t("Wrong login or password.") in capsys.readouterr().err
    monkeypatch.setenv("SUPPORTDESK_PASSWORD", "correct-horse")
    assert main(["--db", db_url, "--user", "yoshida", "ticket", "list", "--json"]) == 0


def test_an_admin_without_a_password_cannot_lock_themself_out(session, admin):
    with pytest.raises(NotAllowed, match="Set your own password first"):
        users.create_user(session, admin, "mori", "森 花", "lead", password="a-long-password")


def test_cli_user_admin_and_audit(capsys, monkeypatch, db_url, session, admin):
    monkeypatch.setattr("sys.stdin", io.StringIO("admin-password\n"))
    assert main(["--db", db_url, "--user", "admin", "user", "passwd"]) == 0
    monkeypatch.setenv("SUPPORTDESK_PASSWORD", "admin-password")
    monkeypatch.setattr("sys.stdin", io.StringIO("a-long-password\n"))
    assert main(["--db", db_url, "--user", "admin", "user", "add", "mori", "--name", "森 花", "--role", "lead"]) == 0
    capsys.readouterr()
    assert main(["--db", db_url, "--user", "admin", "user", "list", "--json"]) == 0
    listed = {u["login"]: u for u in json.loads(capsys.readouterr().out)}
    assert listed["mori"]["role"] == "lead" and listed["mori"]["has_password"]
    assert main(["--db", db_url, "--user", "admin", "user", "disable", "mori"]) == 0
    assert main(["--db", db_url, "--user", "admin", "audit", "--action", "user.", "--json"]) == 0
    actions = [e["action"] for e in json.loads(capsys.readouterr().out.split("\n", 1)[1])]
    assert {"user.create", "user.password", "user.disable"} <= set(actions)


def test_only_admins_read_the_audit_log(capsys, db_url, agent):
    assert main(["--db", db_url, "--user", "sato", "audit"]) == 4
    assert v("read the audit log") in capsys.readouterr().err  # "… may not read the audit log" / 「監査ログの閲覧」
