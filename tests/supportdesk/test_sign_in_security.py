"""Sign-in as a guesser would try it: parallel guesses, unknown logins, passwords typed as logins, full-width
logins, a passwordless desk, and an account disabled or demoted while its owner is signed in."""

import threading
from dataclasses import replace
from datetime import UTC, date, datetime
from typing import Literal

import pytest
from argon2 import PasswordHasher
from sqlalchemy import Engine
from sqlmodel import Session, select

from supportdesk.desk import Desk
from supportdesk.errors import NotAllowed, SessionEnded
from supportdesk.i18n import t
from supportdesk.models import AuditEvent, SignInThrottle, User
from supportdesk.services import auth, passwords, users
from supportdesk.services.actor import Actor
from supportdesk.services.caller_lookup import find_customers
from supportdesk.services.customer_360 import read_customer_360
from supportdesk.services.ticket_queries import read_ticket
from tests.supportdesk import factories
from tests.supportdesk.test_round_trips import statements
from tests.words import in_english

TODAY = date(2026, 12, 3)

NOW = datetime(2026, 11, 23, 3, 0, tzinfo=UTC)


@pytest.fixture
def yoshida(session: Session, admin: Actor) -> Actor:
    auth.set_password(session, admin, "admin", "admin-password")
    return users.create_user(session, admin, "yoshida", "吉田 綾", "agent", "東京サポート", password="correct-horse")


def _answers(session: Session, login: str, tries: int) -> list[str]:
    answers = []
    for _ in range(tries):
        with pytest.raises(NotAllowed) as refused:
            auth.sign_in(session, login, "wrong-guess", now=NOW)
        answers.append(in_english(refused.value))
    return answers


def test_a_login_typed_in_full_width_or_capitals_signs_in(session, admin):
    auth.set_password(session, admin, "admin", "admin-password")
    created = users.create_user(session, admin, "ＳＡＴＯ２", "佐藤 二郎", "agent", password="sato-password")
    assert created.login == "sato2"
    for typed in ("sato2", "SATO2", "ＳＡＴＯ２", " Ｓａｔｏ２ "):
        assert auth.sign_in(session, typed, "sato-password", now=NOW).login == "sato2"


def test_a_desk_without_passwords_finds_a_full_width_user(engine, session, admin, agent):
    assert Desk.sign_in(engine, "ＳＡＴＯ", None, Desk(engine, admin).settings).actor.login == "sato"


def test_unknown_and_real_logins_get_the_same_answers_and_the_same_lock_out(session, yoshida):
    real = _answers(session, "yoshida", 5)
    unknown = _answers(session, "nobody-here", 5)
    assert real == unknown
    assert real[:3] == [auth.WRONG] * 3 and real[3].startswith("Too many failed sign-ins")


def test_unknown_logins_cost_the_same_argon2_work(session, yoshida, monkeypatch):
    checked: list[bool] = []

    class CountingHasher(PasswordHasher):
        def verify(self, hash: str | bytes, password: str | bytes) -> Literal[True]:
            checked.append(True)
            return super().verify(hash, password)

    monkeypatch.setattr(passwords, "_hasher", CountingHasher())
    _answers(session, "nobody-here", 1)
    _answers(session, "yoshida", 1)
    users.set_active(session, users.current_actor(session, _admin(session)), "yoshida", False)
    _answers(session, "yoshida", 1)
    assert len(checked) == 3  # unknown, wrong password, disabled account: one Argon2 verification each


def _admin(session: Session) -> Actor:
    return Actor.from_user(session.exec(select(User).where(User.login == "admin")).one())


def test_a_password_typed_as_the_login_is_not_kept_anywhere(session, yoshida):
    _answers(session, "my-secret-Passw0rd", 1)
    events = session.exec(select(AuditEvent).where(AuditEvent.action == "auth.failed")).all()
    assert len(events) == 1 and "my-secret" not in (events[0].detail or "") and events[0].object_id is None
    stored = [row.login_digest for row in session.exec(select(SignInThrottle))]
    assert stored and all("secret" not in value for value in stored)


def test_logins_that_cannot_be_logins_are_refused_without_a_trace(session, yoshida):
    before = len(session.exec(select(AuditEvent)).all())
    for typed in ("x" * 65, "two words", "tab\there", "nul\x00", "a" * 100_000):
        with pytest.raises(NotAllowed, match="Wrong login or password"):
            auth.sign_in(session, typed, "whatever-1", now=NOW)
    assert len(session.exec(select(AuditEvent)).all()) == before
    assert session.exec(select(SignInThrottle)).all() == []


def test_parallel_guesses_cannot_get_past_the_lock_out(engine: Engine, session, yoshida):
    """Twelve wrong guesses sent at the same instant from twelve connections: only the free attempts are checked."""
    guesses = 12
    start = threading.Barrier(guesses)
    answers: list[str] = []

    def guess() -> None:
        with Session(engine) as own:
            start.wait()
            try:
                auth.sign_in(own, "yoshida", "wrong-guess", now=NOW)
            except NotAllowed as refused:
                answers.append(str(refused))

    threads = [threading.Thread(target=guess) for _ in range(guesses)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert len(answers) == guesses
    checked = [a for a in answers if a == t(auth.WRONG)]
    assert len(checked) == auth.FREE_ATTEMPTS, answers
    session.expire_all()
    failed = session.exec(select(AuditEvent).where(AuditEvent.action == "auth.failed")).all()
    assert len(failed) == auth.FREE_ATTEMPTS
    # Even the right password waits out the delay the guesses earned.
    with pytest.raises(NotAllowed, match="Too many failed sign-ins"):
        auth.sign_in(session, "yoshida", "correct-horse", now=NOW)


def test_on_a_desk_without_passwords_only_an_administrator_turns_them_on(session, admin, agent):
    with pytest.raises(NotAllowed, match="administrator sets theirs first"):
        auth.set_password(session, agent, "sato", "my-own-password")
    assert not auth.needs_sign_in(session)  # the admins can still use the desk
    auth.set_password(session, admin, "admin", "admin-password")
    auth.set_password(session, agent, "sato", "my-own-password")
    assert auth.sign_in(session, "sato", "my-own-password", now=NOW).login == "sato"


def test_a_disabled_user_is_refused_at_the_next_action(engine, session, admin, agent):
    customer = factories.customer(session, agent)
    desk = Desk(engine=engine, actor=agent)
    number = desk.create_ticket(factories_ticket(customer))
    users.set_active(session, admin, "sato", False)
    with pytest.raises(SessionEnded, match="disabled"):
        desk.get_ticket(number)
    with pytest.raises(SessionEnded):
        desk.add_entry(number, "internal_note", "まだ書ける?")


def test_a_demoted_user_is_refused_until_they_sign_in_again(engine, session, admin, lead):
    desk = Desk(engine=engine, actor=lead)
    assert desk.dashboard() is not None
    users.set_role(session, admin, "takahashi", "agent")
    with pytest.raises(SessionEnded, match="role changed"):
        desk.dashboard()
    again = Desk(engine=engine, actor=users.resolve_actor(session, "takahashi"))
    with pytest.raises(NotAllowed):
        again.dashboard()


# A lookup is a read (Desk._read): on PostgreSQL its first statement also reads the account (users.account_columns),
# on SQLite the account is read first by a statement of its own. The same refusals either way.
# A whole phone number or e-mail reads the people it names in that same statement (caller_lookup._first_statement).
@pytest.mark.parametrize("typed", ["03-1234-5678", "山田", "nobody@example.jp"])
def test_an_agent_disabled_between_two_lookups_is_refused_the_second_and_shown_nobody(
    engine, session, admin, agent, typed
):
    factories.customer(session, agent)
    desk = Desk(engine=engine, actor=agent)
    assert [m.customer.full_name for m in desk.find_customers(typed)] == ([] if "@" in typed else ["山田 太郎"])
    users.set_active(session, admin, "sato", False)
    with statements(engine) as sent, pytest.raises(SessionEnded, match="disabled"):
        desk.find_customers(typed)
    assert len(sent) == 1, sent  # refused at the first statement: nobody found was returned, no other was sent
    with pytest.raises(SessionEnded, match="disabled"):
        desk.count_tickets()  # nor how many tickets there are


def test_an_agent_made_lead_meanwhile_is_refused_the_next_lookup(engine, session, admin, agent):
    factories.customer(session, agent)
    desk = Desk(engine=engine, actor=agent)
    assert desk.find_customers("山田")
    users.set_role(session, admin, "sato", "lead")
    with pytest.raises(SessionEnded, match="role changed"):
        desk.find_customers("山田")


def test_an_agent_moved_to_another_team_meanwhile_gets_the_lookup_answered_as_their_new_team(engine, session, agent):
    factories.customer(session, agent)
    desk = Desk(engine=engine, actor=agent)
    before = desk.find_customers("03-1234-5678")
    user = session.get(User, agent.id)
    user.team = "大阪サポート"  # no service moves a user between teams yet: straight into the database
    session.commit()
    assert desk.find_customers("03-1234-5678") == before
    assert desk.actor == replace(agent, team="大阪サポート")
    assert desk.find_customers("03-1234-5678") == before  # and on as that


# Opening a ticket or a 360 is a read too (Desk._read_then_record): the same refusal, before anything is shown or
# recorded as seen.
@pytest.mark.parametrize("opened", ["ticket", "customer"])
def test_an_agent_disabled_between_two_opens_is_refused_the_second_and_nothing_is_recorded(
    engine, session, admin, agent, lead, opened
):
    customer = factories.customer(session, agent)
    number = factories.ticket(session, agent, customer)
    desk = Desk(engine=engine, actor=lead)
    open_it = (lambda: desk.get_ticket(number)) if opened == "ticket" else (lambda: desk.customer_360(customer, TODAY))
    open_it()
    users.set_active(session, admin, lead.login, False)
    views = select(AuditEvent).where(AuditEvent.actor_id == lead.id, AuditEvent.action == f"{opened}.view")
    recorded = len(session.exec(views).all())
    with statements(engine) as sent, pytest.raises(SessionEnded, match="disabled"):
        open_it()
    assert len(sent) == 1, sent  # refused at the first statement: on PostgreSQL the read's own, on SQLite the check
    assert len(session.exec(views).all()) == recorded


@pytest.mark.parametrize("read", ["lookup", "ticket", "customer 360"])
@pytest.mark.parametrize("change", ["none", "disabled", "made lead", "new team", "no such user"])
def test_the_check_in_a_reads_first_statement_gives_the_verdict_of_a_check_of_its_own(
    engine, session, admin, agent, change, read
):
    """users.account_columns (the user's row as one JSON array) on either backend, though only PostgreSQL's Desk
    uses it: the same actor, or the same refusal, as users.current_actor reading the account by itself."""
    customer = factories.customer(session, agent)
    number = factories.ticket(session, agent, customer)
    if change == "disabled":
        users.set_active(session, admin, "sato", False)
    elif change == "made lead":
        users.set_role(session, admin, "sato", "lead")
    elif change == "new team":
        user = session.get(User, agent.id)
        user.team = "大阪サポート"
        session.commit()
    actor = replace(agent, id=10_000) if change == "no such user" else agent

    def verdict(read_first: bool) -> Actor | str:
        with Session(engine) as fresh, statements(engine) as sent:
            try:
                if not read_first:
                    return users.current_actor(fresh, actor)
                users.check_account_in_first_read(fresh, actor)
                if read == "lookup":
                    find_customers(fresh, actor, "03-1234-5678")
                elif read == "ticket":
                    read_ticket(fresh, actor, number)
                else:
                    read_customer_360(fresh, actor, customer, TODAY)
                return users.checked_actor(fresh, actor)
            except SessionEnded as refused:
                return str(refused)
            finally:
                assert sent, "a read was sent"
                # The read's first statement checked the account: none of its own.
                assert '"user"' in sent[0] or "FROM user" in sent[0], sent[0]
                assert not [s for s in sent[1:] if s.lstrip().startswith(("SELECT user.", 'SELECT "user".'))], sent

    assert verdict(read_first=True) == verdict(read_first=False)
    assert (verdict(read_first=True) == agent) == (change == "none")


@pytest.mark.parametrize("typed", ["", "-"])
def test_a_lookup_of_nothing_still_refuses_a_disabled_agent(engine, session, admin, agent, typed):
    """Nothing to look up sends no statement to check the account in: it is read on its own, as before."""
    desk = Desk(engine=engine, actor=agent)
    assert desk.find_customers(typed) == []
    users.set_active(session, admin, "sato", False)
    with pytest.raises(SessionEnded, match="disabled"):
        desk.find_customers(typed)


def test_a_trainer_disabled_meanwhile_is_told_their_session_ended_not_that_lookups_are_not_theirs(
    engine, session, admin, trainer
):
    desk = Desk(engine=engine, actor=trainer)
    with pytest.raises(NotAllowed) as refused:
        desk.find_customers("03-1234-5678")
    assert not isinstance(refused.value, SessionEnded)
    users.set_active(session, admin, trainer.login, False)
    with pytest.raises(SessionEnded, match="disabled"):
        desk.find_customers("03-1234-5678")


def factories_ticket(customer_id: int):  # type: ignore[no-untyped-def]
    from supportdesk.services.tickets import TicketCreate

    return TicketCreate(customer_id=customer_id, subject="ログインできない")
