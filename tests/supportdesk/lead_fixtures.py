"""A demo desk for the lead's tests, built once per module and copied for each test."""

import shutil
from datetime import UTC, date, datetime
from pathlib import Path

import pytest
from sqlalchemy import Engine, make_url
from sqlmodel import Session

from supportdesk.db import make_engine
from supportdesk.demo import build_demo
from supportdesk.desk import Desk
from supportdesk.services.users import resolve_actor

TODAY = date(2026, 11, 23)
NOW = datetime(2026, 11, 23, 3, 0, tzinfo=UTC)  # noon in Tokyo, the demo's "now"


@pytest.fixture(scope="module")
def _demo_file(tmp_path_factory: pytest.TempPathFactory, _template_db: Path) -> Path:
    """The demo desk built once per module; each test gets its own copy."""
    path = tmp_path_factory.mktemp("demo") / "demo.db"
    shutil.copy(_template_db, path)
    engine = make_engine(f"sqlite:///{path}")
    build_demo(engine, today=TODAY)
    with engine.connect() as connection:
        connection.exec_driver_sql("PRAGMA wal_checkpoint(TRUNCATE)")
    engine.dispose()
    return path


@pytest.fixture
def demo(engine: Engine, db_url: str, _demo_file: Path) -> Desk:
    if engine.dialect.name == "sqlite":
        engine.dispose()
        shutil.copy(_demo_file, make_url(db_url).database)
    else:
        build_demo(engine, today=TODAY)
    with Session(engine) as session:
        lead = resolve_actor(session, "takahashi")
    return Desk(engine=engine, actor=lead)
