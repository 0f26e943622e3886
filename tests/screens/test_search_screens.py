"""Agents and trainers search past cases; trainers read them masked and export a manual."""

from pathlib import Path

import pytest
from sqlmodel import Session
from textual.widgets import DataTable, Input, OptionList, Static, TextArea

from screens.app import SupportDeskApp
from screens.case_reader import CaseScreen
from screens.library import LibraryScreen
from screens.search import HitList, SearchScreen, compose_query
from screens.ticket_view import TicketScreen
from supportdesk.desk import Desk
from supportdesk.i18n import t
from supportdesk.models import Ticket
from supportdesk.services.actor import Actor
from supportdesk.services.cases import mark_exemplary, ticket_tags
from supportdesk.services.masking import name_label
from supportdesk.services.tickets import add_entry, change_status
from tests.screens.conftest import settle as settle_workers
from tests.supportdesk import factories


async def settle(app, pilot) -> None:  # type: ignore[no-untyped-def]
    await settle_workers(pilot, rounds=4)


@pytest.fixture
def library(session: Session, agent: Actor, lead: Actor, trainer: Actor) -> dict[str, int]:
    taro = factories.customer(session, agent, email="taro@example.jp")
    returned = factories.ticket(
        session,
        agent,
        taro,
        "プリンターの返品",
        inquiry_type="return",
        body="山田 太郎です。届いたプリンターが動きません。返品したいです。",
    )
    add_entry(session, agent, returned, "reply", "山田様、交換品を発送しました。")
    change_status(session, agent, returned, "resolved", reason="初期不良で交換")
    mark_exemplary(session, lead, returned, "初期不良の交換を一度の電話で完了", ["初期不良"])
    similar = factories.ticket(
        session,
        agent,
        taro,
        "プリンターが動かない",
        inquiry_type="fault",
        body="プリンターが動きません。返品できますか",
    )
    return {"returned": returned, "similar": similar}


def test_filters_become_query_syntax():
    assert compose_query(" 返品 ", "resolved", "return", True) == "返品 status:resolved type:return is:exemplary"
    assert compose_query("", None, None, False) == ""


async def test_agent_types_a_word_and_sees_highlighted_past_cases(engine, agent, library) -> None:
    app = SupportDeskApp(Desk(engine=engine, actor=agent))
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(app, pilot)
        await pilot.press("ctrl+f")
        await settle(app, pilot)
        screen = app.screen
        assert isinstance(screen, SearchScreen)
        await pilot.press(*"返品")
        await settle(app, pilot)
        hits = screen.query_one("#hits", HitList)
        assert hits.numbers == [library["returned"], library["similar"]]
        await pilot.press("enter", "enter")  # to the results, open the first
        await settle(app, pilot)
        assert isinstance(app.screen, TicketScreen) and app.screen.number == library["returned"]


async def test_a_count_that_stops_at_the_cap_says_more_than(engine, agent, library, monkeypatch) -> None:
    import search_index.index

    monkeypatch.setattr(search_index.index, "TOTAL_CAP", 1)
    monkeypatch.setattr(search_index.index, "ONE_PASS_MAX", 0)  # as on a large desk: counted apart, up to the cap
    app = SupportDeskApp(Desk(engine=engine, actor=agent))
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(app, pilot)
        app.push_screen(SearchScreen("プリンター"))
        await settle(app, pilot)
        assert t("More than {total} cases match", total="1") in str(app.screen.query_one("#search-summary").render())
        app.push_screen(SearchScreen("交換品"))
        await settle(app, pilot)
        assert str(app.screen.query_one("#search-summary").render()).strip() == t("{total} cases match", total="1")


async def test_a_malformed_query_shows_a_hint(engine, agent, library) -> None:
    app = SupportDeskApp(Desk(engine=engine, actor=agent))
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(app, pilot)
        app.push_screen(SearchScreen('"返品'))
        await settle(app, pilot)
        hint = str(app.screen.query_one("#search-hint").render())
        unclosed = t('Unclosed quote in {text} — add the closing "', text='"返品')
        assert unclosed in hint


async def test_trainer_starts_on_search_and_reads_cases_masked(engine, trainer, library) -> None:
    app = SupportDeskApp(Desk(engine=engine, actor=trainer))
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(app, pilot)
        assert isinstance(app.screen, SearchScreen)
        await pilot.press(*"返品")
        await settle(app, pilot)
        rendered = " ".join(str(option.prompt) for option in app.screen.query_one(HitList).options)
        assert "山田" not in rendered and name_label() in rendered
        await pilot.press("enter", "enter")
        await settle(app, pilot)
        assert isinstance(app.screen, CaseScreen)  # never the workspace with the customer's details
        document = str(app.screen.query_one("#case", Static).render())
        assert "交換品を発送しました" in document and "山田" not in document


async def test_library_lists_by_tag_and_exports_a_manual(engine, trainer, library, tmp_path: Path) -> None:
    app = SupportDeskApp(Desk(engine=engine, actor=trainer))
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(app, pilot)
        await pilot.press("ctrl+b")
        await settle(app, pilot)
        screen = app.screen
        assert isinstance(screen, LibraryScreen)
        tags = screen.query_one("#l-tags", OptionList)
        assert "#初期不良 (1)" in str(tags.get_option_at_index(1).prompt)
        table = screen.query_one("#cases", DataTable)
        assert table.row_count == 1
        table.focus()
        await pilot.press("space", "x")
        await settle(app, pilot)
        target = tmp_path / "manual.md"
        app.screen.query_one("#path", Input).value = str(target)
        await pilot.press("ctrl+s")
        await settle(app, pilot)
        text = target.read_text(encoding="utf-8")
        assert "初期不良の交換を一度の電話で完了" in text and "山田" not in text


async def test_workspace_shows_similar_past_cases(engine, agent, library) -> None:
    desk = Desk(engine=engine, actor=agent)
    desk.sync_index()
    app = SupportDeskApp(desk)
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(app, pilot)
        app.push_screen(TicketScreen(library["similar"]))
        await settle(app, pilot)
        similar = app.screen.query_one("#similar", OptionList)
        ids = [similar.get_option_at_index(i).id for i in range(similar.option_count)]
        assert str(library["returned"]) in ids
        similar.focus()
        similar.highlighted = ids.index(str(library["returned"]))
        await pilot.press("enter")
        await settle(app, pilot)
        assert isinstance(app.screen, CaseScreen) and app.screen.number == library["returned"]


async def test_marking_a_case_that_changed_since_it_was_read_is_refused(
    engine, session, agent, lead, library, monkeypatch
) -> None:
    # The lead reads the case, a colleague adds a note meanwhile; saving the case as exemplary would overwrite
    # what the lead has not seen, so it is refused and nothing changes until the lead reads it again.
    notices: list[tuple[str, str]] = []
    app = SupportDeskApp(Desk(engine=engine, actor=lead))
    monkeypatch.setattr(app, "notify", lambda message, **kw: notices.append((str(message), kw.get("severity", ""))))
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(app, pilot)
        app.push_screen(CaseScreen(library["returned"]))
        await settle(app, pilot)
        screen = app.screen
        assert isinstance(screen, CaseScreen) and screen.case is not None
        monkeypatch.setattr(
            screen, "notify", lambda message, **kw: notices.append((str(message), kw.get("severity", "")))
        )
        add_entry(session, agent, library["returned"], "internal_note", "交換品の型番を追記")
        await pilot.press("m")
        await settle(app, pilot)
        app.screen.query_one("#tags", Input).value = "初期不良 交換"
        await pilot.press("ctrl+s")
        await settle(app, pilot)
        assert [severity for _, severity in notices] == ["error"], notices
        session.expire_all()
        assert ticket_tags(session, library["returned"]) == ["初期不良"], "nothing was saved"


async def test_a_japanese_desk_reads_the_hint_in_japanese_with_the_typed_text_as_it_was(engine, agent, library) -> None:
    app = SupportDeskApp(Desk(engine=engine, actor=agent), lang="ja")
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(app, pilot)
        app.push_screen(SearchScreen('"[bold]返品'))
        await settle(app, pilot)
        hint = str(app.screen.query_one("#search-hint").render())
        assert '"[bold]返品 の引用符が閉じていません' in hint  # the brackets shown, not taken as markup


async def test_a_trainer_adding_a_tag_keeps_the_summary_they_read_masked(
    engine, session, lead, trainer, library
) -> None:
    # The lead's summary names the customer; the trainer reads it masked in the dialog. Saving with the summary
    # left as it was adds the tag and keeps the lead's words, never the masked text in their place.
    returned = library["returned"]
    mark_exemplary(session, lead, returned, "山田様の初期不良を一度の電話で交換", [])
    app = SupportDeskApp(Desk(engine=engine, actor=trainer))
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(app, pilot)
        app.push_screen(CaseScreen(returned))
        await settle(app, pilot)
        await pilot.press("m")
        await settle(app, pilot)
        shown = app.screen.query_one("#summary", TextArea).text
        assert "山田" not in shown and "初期不良を一度の電話で交換" in shown
        app.screen.query_one("#tags", Input).value = "交換"
        await pilot.press("ctrl+s")
        await settle(app, pilot)
    session.expire_all()
    ticket = session.get(Ticket, returned)
    assert ticket is not None and ticket.exemplary_summary == "山田様の初期不良を一度の電話で交換"
    assert set(ticket_tags(session, returned)) == {"初期不良", "交換"}, "the tag is added to the ones it had"
