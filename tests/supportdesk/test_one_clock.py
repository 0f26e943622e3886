"""One clock: what a person reads is on the desk's time zone (config `timezone`, Asia/Tokyo by default), whatever
the machine's zone says. The machine here runs on New York time and the clock stops just after midnight in Tokyo,
when New York is still on the day before: every "today", time and CSV cell must be Tokyo's.
"""

import csv
import io
import os
import time
from collections.abc import Iterator
from datetime import UTC, date, datetime
from pathlib import Path

import pytest
import time_machine
from sqlalchemy import Engine
from sqlmodel import Session

from supportdesk import clock
from supportdesk.cli.main import main
from supportdesk.config import load_settings
from supportdesk.desk import Desk
from supportdesk.errors import Conflict, Invalid
from supportdesk.services.actor import Actor
from supportdesk.services.datafiles.exports import write_csv
from supportdesk.services.ticket_queries import get_ticket
from supportdesk.services.tickets import add_entry, change_status
from supportdesk.services.views import base_filter
from tests.supportdesk import factories
from tests.words import in_english

# 00:30 on Tuesday 3 November in Tokyo; 10:30 on Monday 2 November in New York.
JUST_AFTER_MIDNIGHT_IN_TOKYO = datetime(2026, 11, 2, 15, 30, tzinfo=UTC)
TOKYO_TODAY, NEW_YORK_TODAY = date(2026, 11, 3), date(2026, 11, 2)


@pytest.fixture
def new_york_machine() -> Iterator[time_machine.Traveller]:
    old = os.environ.get("TZ")
    os.environ["TZ"] = "America/New_York"
    time.tzset()
    try:
        with time_machine.travel(JUST_AFTER_MIDNIGHT_IN_TOKYO, tick=False) as traveller:
            assert date.today() == NEW_YORK_TODAY  # the machine really is on the day before
            yield traveller
    finally:
        if old is None:
            os.environ.pop("TZ", None)
        else:
            os.environ["TZ"] = old
        time.tzset()


def test_today_and_times_are_the_desks_not_the_machines(new_york_machine: time_machine.Traveller) -> None:
    assert clock.today() == TOKYO_TODAY
    assert clock.when(clock.now()) == "2026-11-03 00:30"
    assert clock.csv_time(clock.now()) == "2026-11-03 00:30:00+09:00"
    assert clock.start_of_day(TOKYO_TODAY) == datetime(2026, 11, 2, 15, 0, tzinfo=UTC)


def test_a_follow_up_for_tokyos_today_is_accepted_and_due_today(
    new_york_machine: time_machine.Traveller, session: Session, agent: Actor, lead: Actor, engine: Engine
) -> None:
    number = factories.ticket(session, agent, factories.customer(session, agent))
    # New York's calendar says this is tomorrow; the desk's says today, which is allowed for a follow-up.
    change_status(session, agent, number, "pending", follow_up_on=TOKYO_TODAY, reason="折り返し待ち")
    other = factories.ticket(session, agent, factories.customer(session, agent, "佐々木 花子", phone="090-1111-2222"))
    with pytest.raises(Invalid, match="is in the past"):  # the machine's "today" is yesterday in Tokyo
        change_status(session, agent, other, "pending", follow_up_on=NEW_YORK_TODAY)
    # The home queue and the lead's dashboard count the same follow-up as due today.
    assert Desk(engine=engine, actor=agent).count_tickets(base_filter("follow_up", agent.id, clock.today())) == 1
    board = Desk(engine=engine, actor=lead).dashboard()
    assert board.cell("follow_up_today").count == 1


def test_the_refusal_names_the_colleague_at_the_desks_time(
    new_york_machine: time_machine.Traveller, session: Session, agent: Actor, other_agent: Actor
) -> None:
    number = factories.ticket(session, agent, factories.customer(session, agent))
    seen = get_ticket(session, agent, number).version
    add_entry(session, other_agent, number, "reply", "確認いたします。")
    with pytest.raises(Conflict) as refused:
        add_entry(session, agent, number, "reply", "二重に返信", expected_version=seen)
    assert "changed by 鈴木 健太 at 00:30" in in_english(refused.value)


def test_csv_cells_carry_the_desks_offset(
    new_york_machine: time_machine.Traveller, session: Session, agent: Actor, lead: Actor
) -> None:
    factories.ticket(session, agent, factories.customer(session, agent))
    out = io.StringIO()
    write_csv(session, lead, "tickets", out)
    rows = list(csv.DictReader(io.StringIO(out.getvalue())))
    assert rows and rows[0]["received_at"] == "2026-11-03 00:30:00+09:00"


def test_the_cli_shows_the_desks_time(
    new_york_machine: time_machine.Traveller,
    session: Session,
    agent: Actor,
    db_url: str,
    capsys: pytest.CaptureFixture[str],
) -> None:
    number = factories.ticket(session, agent, factories.customer(session, agent))
    assert main(["--db", db_url, "--user", "sato", "ticket", "show", str(number)]) == 0
    assert "2026-11-03 00:30" in capsys.readouterr().out


def test_another_desk_zone_comes_from_the_config_file(tmp_path: Path) -> None:
    path = tmp_path / "config.toml"
    path.write_text('timezone = "America/New_York"\n', encoding="utf-8")
    settings = load_settings(path)
    assert settings.timezone == settings.sla.timezone == "America/New_York"
    path.write_text('timezone = "Asia/Tokyo"\n[sla]\ntimezone = "Europe/London"\n', encoding="utf-8")
    with pytest.raises(Invalid, match="one clock"):
        load_settings(path)
    path.write_text('timezone = "Mars/Olympus"\n', encoding="utf-8")
    with pytest.raises(Invalid, match="time zone like Asia/Tokyo"):
        load_settings(path)
