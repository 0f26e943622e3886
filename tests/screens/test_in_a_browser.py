"""The desk in a web browser: `supportdesk serve`, driven by a real headless Chromium.

The browser loads the page, an agent signs in with the desk's own password and finds a caller by a phone number
typed in full width, all through the page's terminal — keys go in as a person types them, and what the browser
receives over its websocket is replayed on a terminal emulator (pyte) to read the screen the person sees.
"""

import os
import shutil
import socket
import subprocess
import sys
import tempfile
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path
from urllib.parse import parse_qs, urlparse

import pyte
import pytest
from sqlalchemy import Engine

from tests.conftest import PG_URL
from tests.waiting import tree_cpu_seconds, wait_until

CHROMIUM = shutil.which("chromium") or "/usr/bin/chromium"
# Debian's Chromium, headless, with nothing that reaches out on its own, in a profile of its own.
FLAGS = [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
]
SUPPORTDESK = Path(sys.executable).with_name("supportdesk")

pytestmark = [
    pytest.mark.skipif(PG_URL is not None, reason="serving is the same on both databases; the SQLite pass covers it"),
    pytest.mark.skipif(
        not Path(CHROMIUM).exists() and not os.environ.get("CI"),
        reason="no Chromium here (.ci installs Debian's chromium; as root: apt-get install chromium)",
    ),
]


@dataclass
class Terminal:
    """What the page's terminal shows, rebuilt from the bytes the server sent it."""

    screen: pyte.Screen = field(default_factory=lambda: pyte.Screen(80, 24))
    frames: int = 0
    typed: list[str] = field(default_factory=list)

    def __post_init__(self) -> None:
        self.stream = pyte.ByteStream(self.screen)

    def resize(self, columns: int, lines: int) -> None:
        self.screen.resize(lines, columns)

    def feed(self, payload: bytes | str) -> None:
        if isinstance(payload, bytes):  # text frames are the server's JSON messages (pong, instance id)
            self.stream.feed(payload)
            self.frames += 1

    @property
    def text(self) -> str:
        return "\n".join(self.screen.display)

    def field_border(self, label: str) -> str:
        """The colour of the left edge of the input under `label`: Textual draws the focused one in the accent."""
        for number, line in enumerate(self.screen.display):
            if line.strip().strip("█").strip() == label:
                row = self.screen.buffer[number + 2]
                edge = next((x for x in range(self.screen.columns) if row[x].data == "▊"), None)
                return "" if edge is None else str(row[edge].fg)
        return ""


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return int(probe.getsockname()[1])


@pytest.fixture
def demo_desk(db_url: str, engine: Engine) -> str:
    from supportdesk.demo import build_demo

    build_demo(engine, customers=20, tickets=20)  # the showcase caller 山田 太郎, 03-1234-5678, and demo passwords
    return db_url


@pytest.fixture
def server(demo_desk: str, tmp_path: Path) -> Iterator[str]:
    port = free_port()
    env = {k: v for k, v in os.environ.items() if k not in ("SUPPORTDESK_PASSWORD", "SUPPORTDESK_USER")}
    log = (tmp_path / "serve.log").open("wb")
    proc = subprocess.Popen(
        [str(SUPPORTDESK), "--db", demo_desk, "--lang", "en", "serve", "--port", str(port)],
        env=env,
        stdout=log,
        stderr=subprocess.STDOUT,
    )

    def listening() -> bool:
        if proc.poll() is not None:
            pytest.fail(f"supportdesk serve exited {proc.returncode}: {(tmp_path / 'serve.log').read_text()[-2000:]}")
        with socket.socket() as probe:
            return probe.connect_ex(("127.0.0.1", port)) == 0

    wait_until(listening, progress=lambda: tree_cpu_seconds(proc.pid), what="supportdesk serve to listen", poll=0.05)
    yield f"http://127.0.0.1:{port}/"
    proc.terminate()
    proc.wait()
    log.close()


def test_an_agent_signs_in_through_a_browser_and_finds_a_caller_by_a_fullwidth_phone(server) -> None:
    from playwright.sync_api import sync_playwright

    url = server
    terminal = Terminal()

    def watch(ws) -> None:  # type: ignore[no-untyped-def]
        size = parse_qs(urlparse(ws.url).query)
        terminal.resize(int(size["width"][0]), int(size["height"][0]))
        ws.on("framereceived", terminal.feed)
        ws.on("framesent", lambda payload: (resize_from(payload), terminal.typed.append(str(payload)[:40])))

    def resize_from(payload: bytes | str) -> None:
        if isinstance(payload, str) and payload.startswith('["resize"'):
            import json

            size = json.loads(payload)[1]
            terminal.resize(int(size["width"]), int(size["height"]))

    with tempfile.TemporaryDirectory() as profile, sync_playwright() as playwright:
        browser = playwright.chromium.launch_persistent_context(
            profile, executable_path=CHROMIUM, args=FLAGS, headless=True, viewport={"width": 1400, "height": 900}
        )
        try:
            page = browser.new_page()
            page.on("websocket", watch)
            requested: list[str] = []
            page.on("request", lambda request: requested.append(request.url))

            def until(text: str, what: str) -> None:
                # Progress is what the screen shows: a cursor blinking sends frames but changes no text.
                wait_until(
                    lambda: text in terminal.text,
                    progress=lambda: terminal.text,
                    what=f"{what} (sent: {terminal.typed[-30:]}; screen now:\n{terminal.text})",
                    poll=0.05,
                    sleep=lambda seconds: page.wait_for_timeout(seconds * 1000),
                )

            page.goto(url)
            until("Sign in to SupportDesk", "the sign-in screen in the page")
            # The page drew it too: the terminal canvas is on the page and has received the first bytes.
            assert page.locator("body.-first-byte #terminal .xterm-screen").count() == 1
            # Opening the desk tells no third party who works when: the page asks only the desk for anything.
            origin = urlparse(url).netloc
            elsewhere = [u for u in requested if urlparse(u).netloc != origin and not u.startswith("data:")]
            assert requested and not elsewhere, elsewhere

            # Keys go to the page's terminal as a person types them, each step once the screen shows the last.
            page.locator("#terminal .xterm-helper-textarea").focus()
            page.keyboard.type("sato")
            until("sato", "the login typed into the sign-in form")
            focused = terminal.field_border("Login")
            # Enter moves on to the password; the next key waits until it has, as a person watching the screen
            # would (a letter typed at once can reach the login field before the focus moves).
            page.keyboard.press("Enter")
            wait_until(
                lambda: terminal.field_border("Password") == focused,
                progress=lambda: terminal.text + terminal.field_border("Password"),
                what="the focus to move to the password field",
                poll=0.05,
                sleep=lambda seconds: page.wait_for_timeout(seconds * 1000),
            )
            page.keyboard.type("sato-demo")
            until("•" * len("sato-demo"), "the password typed, masked, into its own field")
            page.keyboard.press("Enter")
            until("Find caller", "the home screen after signing in")

            page.keyboard.type("０３１２３４５６７８")  # as an agent types a caller's number with a Japanese IME on
            until("０３１２３４５６７８", "the number in the lookup box")
            # The queue below lists 山田 太郎's tickets already; the caller found shows with the phone number.
            until("03-1234-5678", "the caller found by a full-width phone number")
            found = [line for line in terminal.screen.display if "03-1234-5678" in line]
            assert any("山田 太郎" in line for line in found), "\n".join(found)
        finally:
            browser.close()
