"""A command run in a process that goes on (the CLI's tests, the desk service) lets go of its server connections."""

from __future__ import annotations

import gc

import pytest
from sqlalchemy import Engine

from supportdesk.cli.main import main
from supportdesk.services.actor import Actor


def _open_connections(engine: Engine) -> int:
    with engine.connect() as connection:
        counted = connection.exec_driver_sql(
            "SELECT count(*) FROM pg_stat_activity WHERE datname = current_database()"
        ).scalar_one()
    return int(counted)


def test_commands_run_in_process_leave_no_connection_open(
    capsys: pytest.CaptureFixture[str], db_url: str, engine: Engine, agent: Actor
) -> None:
    if engine.dialect.name != "postgresql":
        pytest.skip("SQLite has no server connections")
    before = _open_connections(engine)
    for _ in range(5):  # each opens a desk, reads through both of its engines, and ends
        assert main(["--db", db_url, "--user", agent.login, "--lang", "en", "ticket", "list"]) == 0
        assert main(["--db", db_url, "--user", agent.login, "--lang", "en", "customer", "find", "03"]) == 0
    capsys.readouterr()
    gc.collect()  # a connection still checked out when its pool was disposed closes once it is collected
    assert _open_connections(engine) <= before
