"""Every word a person reads, in Japanese or English: one catalog for the app, the services and the CLI.

English text is the message id; the Japanese catalog (`supportdesk/i18n/ja_*.py`) maps it. Use:

    t("Sent.")                                  # the text now, in the chosen language
    t("{count} tickets changed.", count=3)      # {placeholders} filled after translation
    N_("My open")                               # marks text kept in a table; t(label) translates it later
    pt("column", "Open")                        # the same English in another sense (未完了, not 開く)
    raise Invalid("subject", msg("at most {limit} characters", limit=200))   # rendered when shown
    v("on_hold")                                # a vocabulary value (status, priority …): 保留 / on hold

The language is chosen once per process, before any screen is imported (`choose_language`, `set_language`).
`tests/supportdesk/test_catalog.py` extracts every marked text with Babel and fails on one without Japanese or
on a catalog entry nothing uses.
"""

import os
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from string import Formatter
from typing import Final, TypeAlias

from supportdesk.i18n.catalog import JA, JA_VALUES

LANGUAGES: Final = ("ja", "en")
# The desk's first language: a locale that says nothing (C, POSIX) gets Japanese.
DEFAULT_LANGUAGE: Final = "ja"

_current = DEFAULT_LANGUAGE
_record_missing = False
_missing: set[str] = set()

# Between a context and its text in catalog keys (gettext's own convention): "column\x04Open".
CONTEXT_SEPARATOR: Final = "\x04"

# English names of vocabulary values where value.replace("_", " ") is not how English writes them.
_EN_VALUES: Final = {"line": "LINE", "vip": "VIP", "web": "Web", "fax": "FAX"}


class LanguageError(ValueError):
    """A language other than ja or en was asked for."""


# ---- choosing the language ---------------------------------------------------------------------------------


def language_from_locale(environ: Mapping[str, str] | None = None) -> str:
    """The language the locale asks for: the first of LC_ALL, LC_MESSAGES, LANG that is set decides (POSIX).

    Japanese for a Japanese locale and for one that says nothing (unset, C, POSIX); English for any other.
    """
    env = os.environ if environ is None else environ
    for name in ("LC_ALL", "LC_MESSAGES", "LANG"):
        value = env.get(name, "")
        if value:
            code = value.split(".")[0].split("@")[0].lower()
            if code in ("c", "posix") or code.startswith("ja"):
                return "ja"
            return "en"
    return DEFAULT_LANGUAGE


def check_language(given: str, where: str = "lang") -> str:
    """`given` when it is ja or en; anything else is refused, naming where it came from."""
    if given in LANGUAGES:
        return given
    raise LanguageError(
        t(
            "{where}: {given!r} is not a language of the desk; use ja (Japanese) or en (English)",
            where=where,
            given=given,
        )
    )


def choose_language(
    explicit: str | None = None, configured: str | None = None, environ: Mapping[str, str] | None = None
) -> str:
    """--lang, else SUPPORTDESK_LANG, else `lang` in the config file, else the locale."""
    env = os.environ if environ is None else environ
    for where, given in (("--lang", explicit), ("SUPPORTDESK_LANG", env.get("SUPPORTDESK_LANG")), ("lang", configured)):
        if given:
            return check_language(given, where)
    return language_from_locale(env)


def set_language(lang: str) -> None:
    """Switch every later text to `lang` (ja or en). The entry points call it once, before screens are imported."""
    global _current
    _current = check_language(lang)


def language() -> str:
    return _current


# ---- looking texts up --------------------------------------------------------------------------------------


def N_(text: str) -> str:
    """Mark `text` for the catalog without translating it (labels kept in tables, binding descriptions)."""
    return text


def pN_(context: str, text: str) -> str:
    """Mark `text` meant in `context` (a column heading "Open" is not the action "Open"); t() translates it."""
    return f"{context}{CONTEXT_SEPARATOR}{text}"


def pt(context: str, text: str, /, **params: object) -> str:
    """`text` meant in `context`, in the current language."""
    return t(pN_(context, text), **params)


def t(text: str, /, **params: object) -> str:
    """`text` in the current language, with {placeholders} filled from `params`."""
    chosen = _lookup(text)
    return _fill(chosen, params) if params else chosen


def tn(singular: str, plural: str, count: int, /, **params: object) -> str:
    """One of two English forms by `count` (Japanese has one, keyed by the singular), {count} filled."""
    chosen = _lookup(singular)
    if _current == "en":
        chosen = singular if count == 1 else plural
    return _fill(chosen, {"count": count, **params})


def v(value: str | None) -> str:
    """A vocabulary value (status, priority, type, channel, role …) as a person reads it."""
    if not value:
        return "—"
    if _current == "ja":
        found = JA_VALUES.get(value)
        if found is None:
            _note_missing(f"value {value!r}")
            return value
        return found
    if _record_missing and value not in JA_VALUES:
        _note_missing(f"value {value!r}")
    return _EN_VALUES.get(value, value.replace("_", " "))


def knows(text: str) -> bool:
    """Whether the catalog has `text` (for words that come from a library and may or may not be ours)."""
    return text in JA


def field_label(name: str) -> str:
    """The name of a field in an error: translated when the catalog knows it, else as given (a path, a column)."""
    return JA.get(name, name) if _current == "ja" else name


def _lookup(text: str) -> str:
    found = JA.get(text)
    if found is None:
        _note_missing(text)
    elif _current == "ja":
        return found
    return text.rpartition(CONTEXT_SEPARATOR)[2]


def _fill(text: str, params: Mapping[str, object]) -> str:
    rendered = {name: str(value) if isinstance(value, LAZY) else value for name, value in params.items()}
    return text.format(**rendered)


def _note_missing(text: str) -> None:
    if _record_missing:
        _missing.add(text)


def unmarked(text: str) -> str:
    """Text that reaches a person without going through the catalog (an error raised with a plain string).

    Returned as it is; tests note it like a missing text, so every error a person can see is a message.
    """
    if text not in JA:
        _note_missing(f"not a catalog message: {text}")
    return text


def record_missing(on: bool = True) -> None:
    """Tests: remember every text looked up that the catalog lacks (`take_missing` returns them)."""
    global _record_missing
    _record_missing = on


def take_missing() -> set[str]:
    found = set(_missing)
    _missing.clear()
    return found


def placeholders(text: str) -> set[str]:
    """The {names} a text fills, without conversions or format specs."""
    return {name for _, name, _, _ in Formatter().parse(text) if name}


# ---- messages rendered when they are shown -----------------------------------------------------------------


@dataclass(frozen=True)
class Msg:
    """A text and its values, rendered in the language current when it is shown (errors cross threads)."""

    text: str
    params: Mapping[str, object] = field(default_factory=dict)

    def __str__(self) -> str:
        return t(self.text, **self.params)


def msg(text: str, /, **params: object) -> Msg:
    """A catalog text to render later: what services put in the errors they raise."""
    return Msg(text, params)


@dataclass(frozen=True)
class MsgN:
    """Like Msg, with the English form chosen by `count` when rendered (tn)."""

    singular: str
    plural: str
    count: int
    params: Mapping[str, object] = field(default_factory=dict)

    def __str__(self) -> str:
        return tn(self.singular, self.plural, self.count, **self.params)


def msgn(singular: str, plural: str, count: int, /, **params: object) -> MsgN:
    return MsgN(singular, plural, count, params)


@dataclass(frozen=True)
class Term:
    """A vocabulary value inside a message (a status in "cannot go from {current} to {target}")."""

    value: str

    def __str__(self) -> str:
        return v(self.value)


@dataclass(frozen=True)
class FieldName:
    """The field an error names: translated when the catalog knows it, else as given (a path, a CSV column)."""

    name: str

    def __str__(self) -> str:
        return field_label(self.name)


def term(value: str) -> Term:
    return Term(str(value))


@dataclass(frozen=True)
class Terms:
    """Vocabulary values listed in a message: "open, pending" / 「対応中、顧客待ち」."""

    values: tuple[str, ...]

    def __str__(self) -> str:
        return listing(v(value) for value in self.values)


def terms(values: Iterable[str]) -> Terms:
    return Terms(tuple(str(value) for value in values))


@dataclass(frozen=True)
class Texts:
    """Catalog texts listed in a message ("same phone, same kana" / 「電話番号が同じ、フリガナが同じ」)."""

    texts: tuple[str, ...]

    def __str__(self) -> str:
        return listing(t(text) for text in self.texts)


def texts(items: Iterable[str]) -> Texts:
    return Texts(tuple(items))


def listing(items: Iterable[object]) -> str:
    """Items joined as the language lists them ("a, b" / 「a、b」)."""
    return pt("list", ", ").join(str(item) for item in items)


# Values rendered in the reader's language when the message holding them is shown.
LAZY: tuple[type, ...] = (Msg, MsgN, Term, Terms, Texts, FieldName)

# What a person reads, kept as a message until it is shown (an error's text, an import problem, a note).
Readable: TypeAlias = Msg | MsgN | str
