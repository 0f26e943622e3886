"""Hostile strings for the tests of the one rule for untrusted text (supportdesk/untrusted.py).

Markup that Rich or Textual would act on, terminal escape sequences, bidi overrides, NUL and lone surrogates,
mixed with ordinary Japanese. Shared by the core, CLI and screen tests.
"""

from hypothesis import strategies as st

# Fragments that would do something if a renderer treated them as code.
ACTIVE_FRAGMENTS = (
    "[/bold]",
    "[/]",
    "[bold red]",
    "[@click=app.quit]終了[/]",
    "[link=file:///etc/passwd]開く[/link]",
    "[b]",
    "[red on blue]",
    "[$accent]",
    "\\[",
    "[",
    "]",
    "[link='https://example.com']x",
    "[x](https://evil.example)",
    "<https://evil.example>",
    "**太字**",
    "# 見出し",
    "\x1b[2J",
    "\x1b]0;title\x07",
    "\x1b]8;;https://evil.example\x1b\\link\x1b]8;;\x1b\\",
    "\x9b31m",
    "\x07",
    "\x00",
    "\x08",
    "\r",
    "\u202e",
    "\u2066",
    "\u200f",
    "\u2028",
    "\ud800",
    "\udfff",
    "山田 太郎",
    "返品",
    "\t",
    "\n",
)

# The same fragments, as a hand-picked list to try one by one (deterministic, for every field of every screen).
HOSTILE_SAMPLES = (
    "[/bold]顧客",
    "[@click=app.quit]終了[/]",
    "[bold red]赤[/] [link=file:///etc/passwd]開く[/link]",
    "件名\x1b[2J\x1b]0;title\x07",
    "名前\u202eevil\u202c [x](https://evil.example)",
)

hostile_text = st.lists(
    st.one_of(
        st.sampled_from(ACTIVE_FRAGMENTS),
        st.characters(codec=None, categories=("Cc", "Cs", "Cf", "Zl", "Zp")),
        st.text(max_size=5),
    ),
    max_size=30,
).map("".join)
