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
from sqlalchemy import Engine, String, Text, Update, select, update
from sqlalchemy.exc import IntegrityError
from sqlmodel import Session, SQLModel

from supportdesk.desk import Desk
from supportdesk.i18n import JA_VALUES
from supportdesk.mail.settings import MailSettings
from supportdesk.models import MailMessage
from supportdesk.services import canned, commerce, custom_fields, drafts, mail_in, mail_out, profiles, views
from supportdesk.services.actor import Actor
from supportdesk.services.cases import mark_exemplary, set_tags
from supportdesk.services.tickets import add_entry, assign, change_status, set_custom_fields, update_fields
from tests.supportdesk import factories
from tests.supportdesk.mail.build import mail

# Fragments that would do something if a renderer treated them as code.
ACTIVE_FRAGMENTS = (
    "[/bold]",
    "[/]",
    "[bold red]",
    "[@click=app.quit]終了[/]",
    "[link=file:///etc/passwd]開く[/link]",
    "[b]",
    "[blink]",  # no widget of the desk blinks: a blinking cell is markup read from data (tests/screens)
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
    "[bold red]赤[/] [link=file:///etc/passwd]開く[/link] [blink]点滅[/blink]",
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
# Codes the desk writes in plain string columns (a mail's direction, kind and delivery state, which process claimed
# it, the key of its raw bytes), named table.column.
_CODES = {f"mail_message.{name}" for name in ("direction", "kind", "state", "claimed_by", "raw_sha256")}
# A team's field: which records it is on, what it holds and its lookup key are the desk's codes (its name and choices
# are people's words, sprayed).
_CODES |= {f"custom_field.{name}" for name in ("kind", "holds", "name_key")}


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
            and f"{name}.{c.name}" not in _CODES
            and not c.name.endswith(("_key", "_tail"))
            and not _is_enum_field(model, c.name)
        ]
        if columns:
            out[name] = (model, columns)
    return out


def storable(text: str, engine: Engine | None = None) -> str:
    """Lone surrogates cannot be written to a database (UTF-8), nor NUL to PostgreSQL's text (the services refuse
    both on input anyway); everything else goes in as it is."""
    text = text.encode("utf-8", "replace").decode("utf-8")
    return text.replace("\x00", "") if engine is not None and engine.dialect.name == "postgresql" else text


# Columns holding JSON the desk writes (audit details, a thread entry's field changes): sprayed inside the JSON.
_JSON_COLUMNS = {"detail", "details", "choices"}


def _sprayed(name: str, current: object, text: str) -> object:
    """`text` in place of a value: inside JSON the desk wrote (audit details, change records) every string but a
    vocabulary code is replaced and the structure kept, so the screens still read it; a mail's quoted history
    stays quoted (the text, then again as "> " lines); anything else becomes the text."""
    if name in _JSON_COLUMNS and current is None:
        return None
    if isinstance(current, str) and "\n> " in current:  # a mail quoting earlier ones: the quote stays a quote
        return text + "\n\n" + "\n".join("> " + line for line in text.split("\n"))
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
    # Vocabulary the desk writes (a priority changed from "normal" to "high") stays: it is a code, not text.
    return text if isinstance(value, str) and value not in JA_VALUES else value


def spray(engine: Engine, hostile: str) -> set[str]:
    """Overwrite every text field the screens show with `hostile` (made unique per row, cut to the column's size).

    Returns the columns (table.column) some row kept as they were: a unique value cut to its column's size (a tag
    of 50 characters) can collide with another row's, and then only that column of that row stays plain.
    """
    hostile = storable(hostile, engine)
    kept: set[str] = set()
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
                if _update(session, update(table).where(*where).values(**values)):
                    continue
                for name, value in values.items():  # one column collided: spray the others
                    if not _update(session, update(table).where(*where).values({name: value})):
                        kept.add(f"{table.name}.{name}")
        session.commit()
    return kept


def _update(session: Session, statement: Update) -> bool:
    try:
        with session.begin_nested():
            session.execute(statement)
    except IntegrityError:
        return False
    return True


@dataclass(frozen=True)
class HostileDesk:
    desk: Desk
    customer: int
    twin: int
    open_ticket: int
    case: int
    colleague: Desk  # another agent: `colleague.heartbeat(open_ticket)` puts their (sprayed) name on the ticket

    def colleague_is_typing(self) -> None:
        """The other agent has the open ticket in front of them (the presence line names them for 20 s)."""
        self.colleague.heartbeat(self.open_ticket, typing=True)


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
    add_mail(session, admin, open_ticket)
    assert agent.id is not None
    assign(session, admin, open_ticket, agent.id, team="一次対応", note="引き継ぎメモ")
    update_fields(session, admin, open_ticket, priority="high", subject="件名の変更")
    drafts.save_draft(session, admin, open_ticket, "reply", "下書き")
    case = factories.ticket(session, agent, twin, "過去の件名", body="過去の本文")
    add_entry(session, agent, case, "reply", "回答")
    change_status(session, agent, case, "resolved", reason="解決")
    mark_exemplary(session, admin, case, "要約", ["事例"])
    views.save_view(session, admin, "ビュー", views.ViewFilters(), shared=True)
    custom_fields.define_field(session, admin, "tickets", "品番", "text")
    custom_fields.define_field(session, admin, "tickets", "窓口", "choice", choices=["本社"])
    custom_fields.define_field(session, admin, "customers", "製造番号", "text")
    set_custom_fields(session, admin, open_ticket, {"品番": "A-100", "窓口": "本社"})
    profiles.edit_customer(session, admin, customer, {"製造番号": "SN-1"})
    canned.add_canned(session, admin, canned.CannedDraft("定型文", "{customer_name} 様"))
    canned.add_canned(session, admin, canned.CannedDraft("チームの定型文", "{agent_name}です"), agent.team)
    desk = Desk(engine=engine, actor=admin)
    return HostileDesk(desk, customer, twin, open_ticket, case, Desk(engine=engine, actor=agent))


def add_mail(session: Session, admin: Actor, ticket: int) -> None:
    """The customer's mail on the ticket (sender, subject, a file, quoted history) and our reply by mail that
    the server refused (its answer shown): every part of a mail entry the thread shows, sprayed later."""
    received = mail_in.receive(
        session,
        admin,
        mail(
            f"Re: 件名 [#{ticket}]",
            "返品の件です。\n\nOn 2026-12-01 山田 wrote:\n> 前のメール\n> 二行目",
            sender="山田 太郎 <a@example.jp>",
            files=[("明細.txt", "text/plain", "明細".encode())],
        ),
    )
    assert received.outcome == "entry" and received.ticket == ticket, received
    settings = MailSettings(address="desk@example.jp", name="サポート")
    mail_out.queue_reply(session, admin, ticket, "返信メール", settings, files=(("案内.txt", "text/plain", b"x"),))
    session.commit()
    queued = session.execute(select(MailMessage.id).where(MailMessage.direction == "out")).scalar_one()
    mail_out.set_state(session, queued, "failed", "550 宛先不明")
