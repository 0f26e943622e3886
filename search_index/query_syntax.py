"""The search syntax a support person types, parsed into a small tree.

    配送 遅延                 both words (AND is implied)
    "配送 遅延"               a phrase
    返品 OR 交換              either word (OR binds tighter than the implied AND)
    -解約                     exclude
    (返品 OR 交換) 配送       grouping
    status:open  type:請求  agent:sato  customer:田中  company:山田商事
    product:"Smart Router"  channel:phone  priority:high  tag:vip
    created:>2026-01-01  created:<2026-03-01  created:2026-01..2026-03  updated:2026-02
    is:exemplary

Full-width input works: “ ” ＂ 「 」 as quotes, ： as colon, ideographic space,
ＯＲ, －. Our own parser (rather than whoosh's QueryParser) means every mistake
becomes a QueryError whose hint a support person can act on.
"""

from __future__ import annotations

import difflib
import re
import unicodedata
from dataclasses import dataclass
from datetime import date

from search_index.errors import QueryError
from search_index.normalize import normalize_value
from search_index.query_dates import parse_date_filter

MAX_QUERY_LENGTH = 1000
MAX_NESTING = 20


# --- The tree --------------------------------------------------------------


@dataclass(frozen=True)
class Word:
    text: str


@dataclass(frozen=True)
class Phrase:
    text: str


@dataclass(frozen=True)
class FieldFilter:
    """``field`` is a schema field; ``values`` are alternatives (status:open,pending)."""

    field: str
    values: tuple[str, ...]
    phrase: bool = False


@dataclass(frozen=True)
class DateFilter:
    field: str  # "created" or "updated"
    start: date | None  # inclusive, a local calendar day
    end: date | None  # exclusive


@dataclass(frozen=True)
class IsFilter:
    what: str  # "exemplary"


@dataclass(frozen=True)
class Not:
    node: Node


@dataclass(frozen=True)
class AnyOf:
    nodes: tuple[Node, ...]


@dataclass(frozen=True)
class AllOf:
    nodes: tuple[Node, ...]


Node = Word | Phrase | FieldFilter | DateFilter | IsFilter | Not | AnyOf | AllOf


# --- Filters ---------------------------------------------------------------

# What users type → schema field. Japanese names are accepted alongside.
FILTERS: dict[str, str] = {
    "status": "status",
    "type": "inquiry_type",
    "agent": "agent",
    "customer": "customer",
    "company": "company",
    "product": "product",
    "channel": "channel",
    "priority": "priority",
    "tag": "tags",
    "created": "created",
    "updated": "updated",
    "is": "is",
}
_FILTER_ALIASES: dict[str, str] = {
    "tags": "tag",
    "assignee": "agent",
    "ステータス": "status",
    "状態": "status",
    "種別": "type",
    "担当": "agent",
    "担当者": "agent",
    "顧客": "customer",
    "会社": "company",
    "製品": "product",
    "窓口": "channel",
    "優先度": "priority",
    "タグ": "tag",
    "作成日": "created",
    "更新日": "updated",
}
_EXAMPLES = {
    "status": "status:open",
    "type": "type:請求",
    "agent": "agent:sato",
    "customer": "customer:田中",
    "company": "company:山田商事",
    "product": 'product:"Smart Router"',
    "channel": "channel:phone",
    "priority": "priority:high",
    "tag": "tag:vip",
    "created": "created:>2026-01-01",
    "updated": "updated:2026-01..2026-03",
    "is": "is:exemplary",
}
_TEXT_FILTERS = {"customer", "company", "product"}
_IS_VALUES = {"exemplary": "exemplary", "模範": "exemplary", "模範回答": "exemplary"}
# "https://..." typed into the search box is text, not an unknown filter.
_URL_SCHEMES = {"http", "https", "ftp", "mailto", "file"}
_ASCII_NAME = re.compile(r"[a-z_]+")

# Characters that mean the same to a person but not to a parser.
_QUOTES = str.maketrans({"“": '"', "”": '"', "„": '"', "‟": '"', "「": '"', "」": '"', "『": '"', "』": '"'})
_MINUS = str.maketrans({"−": "-", "‐": "-", "‑": "-", "–": "-"})


def _prepare(query: str) -> str:
    return unicodedata.normalize("NFKC", query).translate(_QUOTES).translate(_MINUS)


def _filter_name(raw: str) -> str | None:
    """Canonical filter name for ``raw`` (before the colon), or None if not a filter."""
    key = raw.lower()
    key = _FILTER_ALIASES.get(key, key)
    return key if key in FILTERS else None


def _unknown_filter(raw: str) -> QueryError:
    names = list(FILTERS) + [k for k in _FILTER_ALIASES if k.isascii()]
    close = difflib.get_close_matches(raw.lower(), names, n=1, cutoff=0.6)
    if close:
        name = _FILTER_ALIASES.get(close[0], close[0])
        return QueryError('Unknown filter "{raw}:" — did you mean {name}:?', raw=raw, name=name)
    known = " ".join(f"{n}:" for n in FILTERS)
    return QueryError(
        'Unknown filter "{raw}:" — filters are {known} (put text with a colon in quotes)', raw=raw, known=known
    )


def _make_filter(name: str, value: str, quoted: bool) -> Node:
    if not value.strip():
        raise QueryError('Filter "{name}:" needs a value, e.g. {example}', name=name, example=_EXAMPLES[name])
    field = FILTERS[name]
    if field in ("created", "updated"):
        start, end = parse_date_filter(name, value.strip())
        return DateFilter(field, start, end)
    if field == "is":
        what = _IS_VALUES.get(normalize_value(value))
        if what is None:
            raise QueryError('Unknown "is:{value}" — try is:exemplary', value=value)
        return IsFilter(what)
    if name in _TEXT_FILTERS:
        return FieldFilter(field, (value,), phrase=quoted)
    parts = [value] if quoted else value.split(",")
    values = tuple(v for v in (normalize_value(p) for p in parts) if v)
    if not values:
        raise QueryError('Filter "{name}:" needs a value, e.g. {example}', name=name, example=_EXAMPLES[name])
    return FieldFilter(field, values)


# --- Lexer -----------------------------------------------------------------

_LPAREN, _RPAREN, _OR, _NOT, _ATOM = "(", ")", "OR", "NOT", "atom"
_Lexeme = tuple[str, Node | None]
_WORD_END = re.compile(r'[\s()"]')


def _read_quoted(q: str, i: int) -> tuple[str, int]:
    """Text between the quote at ``i`` and the next one; returns (text, index after)."""
    close = q.find('"', i + 1)
    if close < 0:
        raise QueryError('Unclosed quote in {text} — add the closing "', text=q[i:][:40])
    return q[i + 1 : close], close + 1


def _lex(q: str) -> list[_Lexeme]:
    out: list[_Lexeme] = []
    i, n = 0, len(q)
    while i < n:
        c = q[i]
        if c.isspace():
            i += 1
        elif c in "()":
            out.append((c, None))
            i += 1
        elif c == '"':
            text, i = _read_quoted(q, i)
            out.append((_ATOM, Phrase(text)))
        elif c == "-":
            if i + 1 >= n or q[i + 1].isspace() or q[i + 1] == ")":
                raise QueryError('"-" must be followed directly by what to exclude, e.g. -解約')
            out.append((_NOT, None))
            i += 1
        else:
            m = _WORD_END.search(q, i)
            end = m.start() if m else n
            word = q[i:end]
            lexeme, i = _lex_word(q, word, i, end)
            if lexeme is not None:
                out.append(lexeme)
    return out


def _lex_word(q: str, word: str, start: int, end: int) -> tuple[_Lexeme | None, int]:
    if word in ("OR", "or", "|"):
        return (_OR, None), end
    if word == "NOT":
        return (_NOT, None), end
    if word == "AND":
        return None, end  # AND is what words do anyway
    raw, colon, value = word.partition(":")
    if colon and raw:
        name = _filter_name(raw)
        if name is not None:
            quoted = False
            if not value and end < len(q) and q[end] == '"':
                value, end = _read_quoted(q, end)
                quoted = True
            return (_ATOM, _make_filter(name, value, quoted)), end
        is_url = raw.lower() in _URL_SCHEMES and value.startswith("//")
        if _ASCII_NAME.fullmatch(raw.lower()) and value and not is_url:
            raise _unknown_filter(raw)
    return (_ATOM, Word(word)), end


# --- Parser ----------------------------------------------------------------


class _Parser:
    """Recursive descent: query := or_group*; or_group := unary (OR unary)*."""

    def __init__(self, lexemes: list[_Lexeme]) -> None:
        self.lexemes = lexemes
        self.pos = 0
        self.depth = 0

    def peek(self) -> str | None:
        return self.lexemes[self.pos][0] if self.pos < len(self.lexemes) else None

    def parse(self) -> Node | None:
        node = self.all_of()
        if self.peek() == _RPAREN:
            raise QueryError('Unmatched ")" — remove it or add a "(" before it')
        return node

    def all_of(self) -> Node | None:
        nodes: list[Node] = []
        while self.peek() not in (None, _RPAREN):
            node = self.any_of()
            if node is not None:
                nodes.append(node)
        if not nodes:
            return None
        return nodes[0] if len(nodes) == 1 else AllOf(tuple(nodes))

    def any_of(self) -> Node | None:
        if self.peek() == _OR:
            raise QueryError("OR needs something to search on both sides, e.g. 返品 OR 交換")
        nodes = [self.unary()]
        while self.peek() == _OR:
            self.pos += 1
            if self.peek() in (None, _RPAREN, _OR):
                raise QueryError("OR needs something to search on both sides, e.g. 返品 OR 交換")
            nodes.append(self.unary())
        kept = tuple(n for n in nodes if n is not None)
        if not kept:
            return None
        return kept[0] if len(kept) == 1 else AnyOf(kept)

    def unary(self) -> Node | None:
        kind = self.peek()
        if kind == _NOT:
            self.pos += 1
            if self.peek() in (None, _RPAREN, _OR):
                raise QueryError('"-" must be followed directly by what to exclude, e.g. -解約')
            inner = self.unary()
            return None if inner is None else Not(inner)
        if kind == "(":
            self.pos += 1
            self.depth += 1
            if self.depth > MAX_NESTING:
                raise QueryError("Too many nested parentheses")
            inner = self.all_of()
            if self.peek() != _RPAREN:
                raise QueryError('Unclosed "(" — add the closing ")"')
            self.pos += 1
            self.depth -= 1
            return inner
        if kind == _RPAREN:
            raise QueryError('Unmatched ")" — remove it or add a "(" before it')
        _, node = self.lexemes[self.pos]
        self.pos += 1
        return node


def parse_query(query: str) -> Node | None:
    """Parse what the user typed; None when there is nothing to search for.

    Raises QueryError (with a hint) for anything it cannot understand.
    """
    if len(query) > MAX_QUERY_LENGTH:
        raise QueryError("The search text is too long (at most {limit} characters)", limit=MAX_QUERY_LENGTH)
    return _Parser(_lex(_prepare(query))).parse()


def filters_used(query: str) -> set[str]:
    """The filters a query uses, by their field (customer, company, tags …); raises QueryError like parse_query."""
    found: set[str] = set()

    def walk(node: Node | None) -> None:
        if isinstance(node, FieldFilter):
            found.add(node.field)
        elif isinstance(node, Not):
            walk(node.node)
        elif isinstance(node, AnyOf | AllOf):
            for child in node.nodes:
                walk(child)

    walk(parse_query(query))
    return found


def words_used(query: str) -> list[str]:
    """The free-text words and phrases of a query, as typed (filters left out)."""
    found: list[str] = []

    def walk(node: Node | None) -> None:
        if isinstance(node, Word | Phrase):
            found.append(node.text)
        elif isinstance(node, Not):
            walk(node.node)
        elif isinstance(node, AnyOf | AllOf):
            for child in node.nodes:
                walk(child)

    walk(parse_query(query))
    return found
