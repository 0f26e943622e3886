"""Hostile strings, and a desk full of them, for the tests of the one rule for untrusted text (untrusted.py).

Markup that Rich or Textual would act on, terminal escape sequences, bidi overrides, NUL and lone surrogates,
mixed with ordinary Japanese. Shared by the core, CLI and screen tests.
"""

import enum
import json
import types
import typing
from dataclasses import dataclass
from datetime import date, timedelta

from hypothesis import strategies as st
from sqlalchemy import Engine, String, Text, select, update
from sqlmodel import Session, SQLModel

from supportdesk.desk import Desk
from supportdesk.services import commerce, views
from supportdesk.services.actor import Actor
from supportdesk.services.cases import mark_exemplary, set_tags
from supportdesk.services.tickets import add_entry, change_status
from tests.supportdesk import factories

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
    "\x7f",
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


# Every character a screen must never hand to the terminal as it is.
CONTROL = {chr(c) for c in [*range(0x00, 0x20), *range(0x7F, 0xA0)]}
REORDERING = {"\u061c", "\u200e", "\u200f", "\u2028", "\u2029", *map(chr, range(0x202A, 0x202F))}
REORDERING |= set(map(chr, range(0x2066, 0x206A)))
NEVER_SHOWN = CONTROL | REORDERING
# A word every sprayed value carries, so search finds the hostile text and builds snippets around it.
FINDABLE = "返品"
# Columns that hold codes the desk itself writes (not text from people), and tables that hold no text to show.
_NOT_TEXT = {"password_hash", "login", "filters", "sort", "action", "object_type", "mime_type", "sha256"}
_NOT_SHOWN_TABLES = {"alembic_version", "search_outbox", "sign_in_throttle"}


def _is_enum_field(model: type[SQLModel], name: str) -> bool:
    field = model.model_fields.get(name)
    if field is None:
        return False
    annotation = field.annotation
    options = typing.get_args(annotation) if isinstance(annotation, types.UnionType) else (annotation,)
    return any(isinstance(option, type) and issubclass(option, enum.Enum) for option in options)


def _holds_text(kind: object) -> bool:
    # SQLModel's AutoString wraps String; TEXT columns are plain Text.
    return isinstance(kind, String | Text) or isinstance(getattr(kind, "impl", None), String | Text)


def _text_columns() -> dict[str, tuple[type[SQLModel], list[str]]]:
    models = {m.class_.__tablename__: m.class_ for m in SQLModel._sa_registry.mappers}  # type: ignore[attr-defined]
    out: dict[str, tuple[type[SQLModel], list[str]]] = {}
    for name, model in models.items():
        if name in _NOT_SHOWN_TABLES:
            continue
        columns = [
            c.name
            for c in model.__table__.columns  # type: ignore[attr-defined]
            if _holds_text(c.type)
            and c.name not in _NOT_TEXT
            and not c.name.endswith(("_key", "_tail"))
            and not _is_enum_field(model, c.name)
        ]
        if columns:
            out[name] = (model, columns)
    return out


def storable(text: str) -> str:
    """Lone surrogates cannot be written to a database (UTF-8); everything else goes in as it is."""
    return text.encode("utf-8", "replace").decode("utf-8")


# Columns holding JSON the desk writes (audit details, a thread entry's field changes): sprayed inside the JSON.
_JSON_COLUMNS = {"detail", "details"}


def _sprayed(name: str, current: object, text: str) -> object:
    """`text` in place of a value: inside JSON the desk wrote (audit details, change records) every string is
    replaced and the structure kept, so the screens still read it; anything else becomes the text."""
    if name in _JSON_COLUMNS and current is None:
        return None
    if isinstance(current, str) and current[:1] in "[{":
        try:
            return json.dumps(_leaves(json.loads(current), text), ensure_ascii=False)
        except ValueError:
            pass
    return text


def _leaves(value: object, text: str) -> object:
    if isinstance(value, dict):
        return {key: _leaves(item, text) for key, item in value.items()}
    if isinstance(value, list):
        return [_leaves(item, text) for item in value]
    return text if isinstance(value, str) else value


def spray(engine: Engine, hostile: str) -> None:
    """Overwrite every text field the screens show with `hostile` (made unique per row, cut to the column's size)."""
    hostile = storable(hostile)
    with Session(engine) as session:
        for model, columns in _text_columns().values():
            table = model.__table__  # type: ignore[attr-defined]
            primary = list(table.primary_key.columns)
            for row in session.execute(select(*primary, *(table.c[name] for name in columns))).all():
                keys, current = row[: len(primary)], row[len(primary) :]
                text = f"{hostile} {FINDABLE} {'-'.join(map(str, keys))}"
                values = {}
                for name, before in zip(columns, current, strict=True):
                    value = _sprayed(name, before, text)
                    length = getattr(table.c[name].type, "length", None)
                    values[name] = value[-length:] if length and isinstance(value, str) else value
                where = [column == key for column, key in zip(primary, keys, strict=True)]
                try:
                    with session.begin_nested():  # a unique tag cut to 50 characters may collide: keep that row
                        session.execute(update(table).where(*where).values(**values))
                except Exception:
                    pass
        session.commit()


@dataclass(frozen=True)
class HostileDesk:
    desk: Desk
    customer: int
    twin: int
    open_ticket: int
    case: int


def build_desk(engine: Engine, session: Session, admin: Actor, agent: Actor) -> HostileDesk:
    """A small desk with one of everything a screen shows, built with plain words (sprayed later)."""
    company = factories.company(session, admin, industry="小売", notes="メモ")
    customer = factories.customer(
        session, admin, company_id=company, email="a@example.jp", notes="メモ", address="東京都", department="総務"
    )
    twin = factories.customer(session, admin, company_id=company)  # same name and phone: a likely duplicate
    product = commerce.add_product(session, admin, "SKU-1", "家計簿", 1_000, is_subscription=True)
    purchase = commerce.add_purchase(
        session, admin, commerce.PurchaseCreate(customer, product, date.today(), order_ref="A-1")
    )
    subscription = commerce.add_subscription(session, admin, customer, product, date.today() - timedelta(days=30))
    commerce.cancel_subscription(session, admin, subscription, date.today(), "解約理由")
    commerce.add_subscription(session, admin, customer, product, date.today(), renewal_on=date.today())
    open_ticket = factories.ticket(session, admin, customer, "件名", body="本文", purchase_id=purchase)
    add_entry(session, admin, open_ticket, "reply", "返信")
    add_entry(session, admin, open_ticket, "internal_note", "メモ")
    add_entry(session, admin, open_ticket, "call_log", "通話", call_duration_seconds=60)
    set_tags(session, admin, open_ticket, ["タグ"])
    case = factories.ticket(session, agent, twin, "過去の件名", body="過去の本文")
    add_entry(session, agent, case, "reply", "回答")
    change_status(session, agent, case, "resolved", reason="解決")
    mark_exemplary(session, admin, case, "要約", ["事例"])
    views.save_view(session, admin, "ビュー", views.ViewFilters(), shared=True)
    desk = Desk(engine=engine, actor=admin)
    return HostileDesk(desk, customer, twin, open_ticket, case)
