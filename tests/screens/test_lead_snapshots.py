"""The lead's dashboard on the busy morning, frozen in time (120x40; the desk's clock Asia/Tokyo, machine UTC).

Review the SVG in __snapshots__/ when it changes: `pytest tests/screens/test_lead_snapshots.py --snapshot-update`.
"""

from sqlalchemy import Engine

from screens.app import SupportDeskApp
from supportdesk.desk import Desk
from supportdesk.services.actor import Actor
from tests.screens.conftest import Morning
from tests.screens.test_snapshots import SIZE, open_dashboard, pytestmark, steps

__all__ = ["pytestmark"]


def test_lead_dashboard_of_the_busy_morning(
    snap_compare, busy_desk: Morning, engine: Engine, lead: Actor, lang: str
) -> None:
    app = SupportDeskApp(Desk(engine=engine, actor=lead), lang=lang)
    assert snap_compare(app, terminal_size=SIZE, run_before=steps(open_dashboard))
