"""Signing in, and creating the first administrator of an empty desk."""

import getpass

from textual import on, work
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Center, Vertical
from textual.widgets import Button, Header, Input, Label, Static
from textual.worker import Worker, WorkerState

from screens.base import DeskScreen, describe_error
from screens.safe_text import SafeInput, data_content
from screens.widgets.key_bar import KeyBar
from supportdesk.desk import Desk, Entrance
from supportdesk.i18n import N_, t


class SignInScreen(DeskScreen[Desk]):
    """Dismisses with the signed-in Desk. With no users yet it creates the first administrator instead."""

    CSS_PATH = "sign_in.tcss"
    BINDINGS = [Binding("ctrl+q", "app.quit", N_("Quit"), id="signin.quit")]

    def __init__(self, entrance: Entrance, login: str | None, hint: str | None, first: bool) -> None:
        super().__init__()
        self.entrance = entrance
        self.login = login or ""
        self.hint = hint
        self.first = first

    def compose(self) -> ComposeResult:
        yield Header()
        with Center(), Vertical(id="sign-in"):
            if self.first:
                yield Static(t("Welcome. Create the administrator of this desk."), classes="title")
                yield Label(t("Login"))
                yield SafeInput(self.login or getpass.getuser(), id="login")
                yield Label(t("Name"))
                yield SafeInput(id="name")
                yield Label(t("Password (leave empty for a single-user desk without sign-in)"))
                yield Input(password=True, id="password")
                yield Label(t("Password again"))
                yield Input(password=True, id="again")
            else:
                yield Static(t("Sign in to SupportDesk"), classes="title")
                yield Label(t("Login"))
                yield SafeInput(self.login, id="login")
                yield Label(t("Password"))
                yield Input(password=True, id="password")
            if self.hint:
                yield Static(data_content(self.hint), id="hint")
            yield Static("", id="error")
            yield Button(t("Create") if self.first else t("Sign in"), id="go", variant="primary")
        yield KeyBar()

    def on_mount(self) -> None:
        target = "#password" if self.login and not self.first else "#login"
        self.query_one(target, Input).focus()

    @on(Input.Submitted)
    def _next(self, event: Input.Submitted) -> None:
        inputs = list(self.query(Input))
        index = inputs.index(event.input)
        if index + 1 < len(inputs) and not inputs[index + 1].value:
            inputs[index + 1].focus()
        else:
            self.submit()

    @on(Button.Pressed, "#go")
    def submit(self) -> None:
        login = self.query_one("#login", Input).value.strip()
        password = self.query_one("#password", Input).value
        if self.first:
            if password != self.query_one("#again", Input).value:
                self.query_one("#error", Static).update(t("The passwords differ."))
                return
            self.create_admin(login, self.query_one("#name", Input).value, password)
        else:
            self.check(login, password)

    @work(thread=True, exclusive=True, group="sign-in", exit_on_error=False)
    def check(self, login: str, password: str) -> Desk:
        return self.entrance.sign_in(login, password)

    @work(thread=True, exclusive=True, group="sign-in", exit_on_error=False)
    def create_admin(self, login: str, name: str, password: str) -> Desk:
        return self.entrance.first_admin(login, name, password)

    def on_worker_state_changed(self, event: Worker.StateChanged) -> None:
        if event.state == WorkerState.SUCCESS:
            self.dismiss(event.worker.result)
        elif event.state == WorkerState.ERROR:
            error = event.worker.error
            self.query_one("#error", Static).update(data_content(describe_error(error)))  # it may quote what was typed
            password = self.query_one("#password", Input)
            password.value = ""
            password.focus()
