"""A team desk's pooled connections are checked before use only after they sat idle: a desk call that follows
another pays no extra round trip, and a connection the server closed while it was idle is replaced unseen."""

from collections.abc import Iterator

import pytest
from sqlalchemy import Engine, text

from supportdesk import idle_ping
from supportdesk.db import make_engine
from tests.conftest import PG_URL

pytestmark = pytest.mark.skipif(PG_URL is None, reason="PostgreSQL connection pooling")


@pytest.fixture
def pooled(db_url: str) -> Iterator[Engine]:
    engine = make_engine(db_url)
    yield engine
    engine.dispose()


@pytest.fixture
def pings(pooled: Engine, monkeypatch: pytest.MonkeyPatch) -> list[object]:
    """Every ping the pool sends, counted on the way to the driver."""
    sent: list[object] = []
    real = pooled.dialect.do_ping

    def counted(dbapi_connection: object) -> bool:
        sent.append(dbapi_connection)
        return real(dbapi_connection)

    monkeypatch.setattr(pooled.dialect, "do_ping", counted)
    return sent


def _backend_pid(engine: Engine) -> int:
    with engine.connect() as connection:
        return int(connection.execute(text("SELECT pg_backend_pid()")).scalar_one())


def test_calls_one_after_another_send_no_ping(pooled: Engine, pings: list[object]) -> None:
    first = _backend_pid(pooled)
    for _ in range(5):
        assert _backend_pid(pooled) == first  # the same pooled connection, reused
    assert pings == []


def test_a_connection_idle_long_enough_is_pinged_and_replaced_when_the_server_closed_it(
    pooled: Engine, pings: list[object], monkeypatch: pytest.MonkeyPatch
) -> None:
    pooled_pid = _backend_pid(pooled)
    admin = make_engine(PG_URL or "")
    with admin.begin() as connection:  # the server ends it (a restart, an idle timeout, an administrator)
        assert connection.execute(text("SELECT pg_terminate_backend(:pid)"), {"pid": pooled_pid}).scalar_one()
    admin.dispose()
    monkeypatch.setattr(idle_ping, "IDLE_SECONDS", 0.0)  # it has now been idle "long enough"
    assert _backend_pid(pooled) != pooled_pid  # the call got a fresh connection and never saw the dead one
    assert len(pings) == 1


def test_a_team_desk_runs_its_short_queries_without_jit(pooled: Engine) -> None:
    # Compiling a query whose estimate passed jit_above_cost cost 10-30 ms per call (docs/PERFORMANCE.md).
    with pooled.connect() as connection:
        assert connection.execute(text("SHOW jit")).scalar_one() == "off"


def test_options_given_in_the_url_are_kept_beside_jit_off(db_url: str) -> None:
    engine = make_engine(f"{db_url}{'&' if '?' in db_url else '?'}options=-c%20statement_timeout%3D12345")
    try:
        with engine.connect() as connection:
            assert connection.execute(text("SHOW statement_timeout")).scalar_one() == "12345ms"
            assert connection.execute(text("SHOW jit")).scalar_one() == "off"
    finally:
        engine.dispose()
