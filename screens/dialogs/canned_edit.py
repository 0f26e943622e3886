"""Write or change a canned response: its title, language, team and text, with the text filled with example
values below as the lead types (and the reason it cannot be saved, when it cannot)."""

from functools import partial

from textual import on
from textual.app import ComposeResult
from textual.containers import Horizontal, Vertical
from textual.widgets import Button, Input, Select, Static, TextArea
from textual.worker import Worker, WorkerState

from screens.dialogs.base import Dialog
from screens.safe_text import SafeInput, SafeTextArea, data_content, data_text
from screens.workers import fetch
from supportdesk.errors import Invalid
from supportdesk.i18n import t
from supportdesk.services.canned import (
    LANGS,
    PLACEHOLDERS,
    CannedDraft,
    CannedResponse,
    check_template,
    guess_lang,
    preview,
)

EVERY_TEAM = "\x00every"  # the Select's value for "every team" (no team name holds a NUL: services refuse it)


class CannedEditDialog(Dialog[int | None]):
    """A new response (`response` None) or a change to one; dismisses with its id once saved."""

    # Its look is in dialogs.tcss: the text and its preview side by side, the whole form within 100x30.

    def __init__(self, response: CannedResponse | None, teams: list[str]) -> None:
        super().__init__()
        self.response = response
        self.teams = teams
        self.lang_picked = response is not None  # a new text's language follows what is typed until one is picked

    def compose(self) -> ComposeResult:
        r = self.response
        heading = t("Edit canned response") + f": {r.title}" if r else t("New canned response")
        own = self.desk.actor.team
        team = (r.team if r else own) or EVERY_TEAM
        names = sorted({*self.teams, *(x for x in (own, r.team if r else None) if x)})
        with Vertical(id="canned-edit"):
            yield Static(data_content(heading, one_line=True), classes="title")
            with Horizontal(classes="row"):
                yield SafeInput(r.title if r else "", placeholder=t("Title"), id="canned-title")
                yield Select(
                    [(t("Japanese"), "ja"), (t("English"), "en")],
                    value=r.lang if r and r.lang in LANGS else "ja",
                    allow_blank=False,
                    id="canned-lang",
                )
                options = [(t("Every team"), EVERY_TEAM)] + [(data_text(n), n) for n in names]
                yield Select(options, value=team, allow_blank=False, id="canned-team")
            names_text = " ".join("{" + p + "}" for p in PLACEHOLDERS)
            yield Static(t("Placeholders: {names}", names=names_text), classes="field-label", markup=False)
            with Horizontal(id="canned-edit-texts"):
                yield SafeTextArea(r.body if r else "", id="canned-body")
                yield Static("", id="canned-edit-preview")
            yield Static("", classes="error")
            with Horizontal(classes="buttons"):
                yield Button(t("Cancel"), id="cancel")
                yield Button(t("Save") + " (ctrl+s)", id="ok", variant="primary")

    def on_mount(self) -> None:
        self.query_one("#canned-edit-preview", Static).border_title = t("Preview")
        self.query_one("#canned-title", Input).focus()
        self._preview()

    @on(TextArea.Changed, "#canned-body")
    def _preview(self) -> None:
        body = self.query_one("#canned-body", TextArea).text
        if not self.lang_picked and body.strip():
            lang = self.query_one("#canned-lang", Select)
            with lang.prevent(Select.Changed):
                lang.value = guess_lang(body)
        try:
            check_template(body)
        except Invalid as problem:
            self.query_one("#canned-edit-preview", Static).update(data_content(problem.why) if body.strip() else "")
            return
        self.query_one("#canned-edit-preview", Static).update(data_content(preview(body, self.desk.actor.name)))

    @on(Select.Changed, "#canned-lang")
    def _lang_picked(self) -> None:
        self.lang_picked = True

    @on(Input.Submitted, "#canned-title")
    def _next(self) -> None:
        self.query_one("#canned-body", TextArea).focus()

    def action_submit(self) -> None:
        title = self.query_one("#canned-title", Input).value
        body = self.query_one("#canned-body", TextArea).text
        lang = str(self.query_one("#canned-lang", Select).value)
        chosen = str(self.query_one("#canned-team", Select).value)
        team = None if chosen == EVERY_TEAM else chosen
        desk = self.desk
        r = self.response
        if r is None:
            call = partial(desk.add_canned, CannedDraft(title, body, lang), team)
        else:
            call = partial(
                desk.edit_canned, r.id, title=title, body=body, lang=lang, team=team, expected_version=r.version
            )
        fetch(self, call, self._saved, group="canned-save")

    def _saved(self, result: int) -> None:
        self.dismiss(self.response.id if self.response is not None else result)

    def on_worker_state_changed(self, event: Worker.StateChanged) -> None:
        if event.state == WorkerState.ERROR:
            self.show_error(event.worker.error)
