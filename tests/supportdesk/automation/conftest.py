"""A desk clock the tests move (frozen, in Tokyo), the desk's own account and a small team."""

import os
import time
from collections.abc import Iterator
from datetime import UTC, datetime
from zoneinfo import ZoneInfo

import pytest
import time_machine
from sqlmodel import Session

from supportdesk.models import Role
from supportdesk.services.actor import Actor
from supportdesk.services.automation.account import service_account
from tests.conftest import _add_user
from tests.supportdesk.mail.conftest import mail_servers, smtp_server  # noqa: F401 (the real servers, for rules' mail)

JST = ZoneInfo("Asia/Tokyo")


def jst(*args: int) -> datetime:
    """A moment in Tokyo, as aware UTC (what the desk stores)."""
    return datetime(*args, tzinfo=JST).astimezone(UTC)  # type: ignore[misc]


@pytest.fixture
def clock() -> Iterator[time_machine.Traveller]:
    """'Now' frozen where each test moves it (`clock.move_to(jst(...))`), the process in Tokyo time."""
    old_tz = os.environ.get("TZ")
    os.environ["TZ"] = "Asia/Tokyo"
    time.tzset()
    try:
        with time_machine.travel(jst(2026, 7, 1, 9, 0), tick=False) as traveller:
            yield traveller
    finally:
        if old_tz is None:
            os.environ.pop("TZ", None)
        else:
            os.environ["TZ"] = old_tz
        time.tzset()


@pytest.fixture
def desk_account(session: Session) -> Actor:
    return service_account(session)


@pytest.fixture
def osaka_agent(session: Session) -> Actor:
    return _add_user(session, "tanaka", "田中 陽子", Role.AGENT, team="大阪サポート")
