"""The dashboard's handle-time panel: talk time and average handle time (AHT) per agent and per inquiry type, from
the call logs of the dashboard's period (services/handle_time.py, the same figures as `report handle-time`)."""

from rich.text import Text
from textual.app import ComposeResult
from textual.containers import Horizontal, Vertical
from textual.widgets import DataTable, Static

from screens.safe_text import SafeDataTable
from screens.tables import fill_table
from supportdesk.i18n import N_, t, v
from supportdesk.services.handle_time import ALL, BY_AGENT, BY_TYPE, NOBODY, HandleRow, HandleTime


def _minutes(value: float | None) -> Text:
    return Text("—" if value is None else f"{value:.1f}", justify="right")


def _cells(label: str, row: HandleRow) -> tuple[str | Text, ...]:
    return (
        label,
        Text(str(row.calls), justify="right"),
        Text(str(row.tickets), justify="right"),
        _minutes(row.talk_minutes),
        _minutes(row.average_call_minutes),
        _minutes(row.average_ticket_minutes),
    )


def _columns(first: str) -> list[tuple[str, str, int | None]]:
    return [
        (t(first), first, 20),
        (t("Calls"), "Calls", None),
        (t("Tickets"), "Tickets", None),
        (t("Talk min"), "Talk", None),
        (t("AHT min"), "AHT", None),
        (t("Min per ticket"), "Per ticket", None),
    ]


class HandleTimePanel(Vertical):
    DEFAULT_CSS = """
    HandleTimePanel {
        height: auto;
        padding: 0 1;
    }
    HandleTimePanel Horizontal {
        height: auto;
    }
    HandleTimePanel DataTable {
        width: auto;
        height: auto;
        max-height: 12;
        margin-right: 2;
    }
    """

    def compose(self) -> ComposeResult:
        yield Static("", classes="panel-title", id="handle-title")
        with Horizontal():
            yield SafeDataTable(id="handle-agents", cursor_type="row")
            yield SafeDataTable(id="handle-types", cursor_type="row")

    def show(self, figures: HandleTime) -> None:
        title = t("Handle time: calls logged {start} – {end}", start=figures.start, end=figures.end)
        self.query_one("#handle-title", Static).update(title)
        agents = [r for r in figures.rows if r.group in (BY_AGENT, ALL)]
        fill_table(
            self.query_one("#handle-agents", DataTable),
            _columns(N_("Agent")),
            (
                (
                    _cells(t("All") if r.group == ALL else (t("Not on the desk") if r.key == NOBODY else r.name), r),
                    r.key,
                )
                for r in agents
            ),
        )
        fill_table(
            self.query_one("#handle-types", DataTable),
            _columns(N_("Type")),
            ((_cells(v(r.key), r), r.key) for r in figures.rows if r.group == BY_TYPE),
        )
