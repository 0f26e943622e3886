"""The columns each kind of file may have (the file fields of supportdesk.fields, with their parsers), the columns
a file must have, and mapping files.

docs/IMPORT.md lists the same table for people; tests/supportdesk/test_importing.py checks the two agree.
"""

import re
import tomllib
import unicodedata
from dataclasses import dataclass
from typing import Any

from supportdesk.errors import Invalid
from supportdesk.fields import Field, Kind, Type, Use, fields_of
from supportdesk.i18n import Readable, msg
from supportdesk.importing import values as parse
from supportdesk.importing.encoding import DELIMITERS, ENCODINGS
from supportdesk.importing.values import Parser


@dataclass(frozen=True)
class Column:
    """A column an import recognises: a field of the registry (supportdesk.fields) with its cell parser."""

    field: str
    parser: Parser
    ja: tuple[str, ...]  # the first is the header of a Japanese export
    en: tuple[str, ...] = ()  # besides the field name itself
    info: bool = False  # written for people to read, ignored on import (a product's name on a purchase line)

    @property
    def headers(self) -> tuple[str, ...]:
        return (self.field, *self.en, *self.ja)


_PARSERS: dict[Type, Parser] = {
    Type.TEXT: parse.text,
    Type.INTEGER: parse.integer,
    Type.YEN: parse.yen,
    Type.DATE: parse.day,
    Type.MOMENT: parse.moment,
    Type.YES_NO: parse.yes_no,
    Type.LOGIN: parse.login,
    Type.MINUTES: parse.decimal_minutes,
}


def _column(field: Field) -> Column:
    parser = parse.vocabulary(field.choices) if field.choices is not None else _PARSERS[field.holds]
    return Column(field.name, parser, field.ja, field.en, info=Use.READ not in field.uses)


COLUMNS: dict[Kind, tuple[Column, ...]] = {kind: tuple(map(_column, fields_of(kind, Use.FILE))) for kind in Kind}

_CUSTOMER_ANY = ("customer_ref", "customer_supportdesk_id", "customer_email", "customer_phone", "customer_name")
# Each tuple: the file needs at least one of these columns.
REQUIRED: dict[Kind, tuple[tuple[str, ...], ...]] = {
    Kind.COMPANIES: (("name",),),
    Kind.CUSTOMERS: (("full_name", "family_name"),),
    Kind.PRODUCTS: (("sku",), ("name",)),
    Kind.PURCHASES: (_CUSTOMER_ANY, ("sku",), ("purchased_on",)),
    Kind.SUBSCRIPTIONS: (_CUSTOMER_ANY, ("sku",), ("contract_on",)),
    Kind.TICKETS: (("external_ref", "supportdesk_id"), _CUSTOMER_ANY, ("received_at",), ("subject",)),
}

_HEADER_NOISE = re.compile(r"[\s_\-‐・()\[\]【】*※:：]+")


def header_key(header: str) -> str:
    """Headers match whatever their width, case, spacing and brackets: 'E-Mail', 'ｅｍａｉｌ' and 'email' are one."""
    return _HEADER_NOISE.sub("", unicodedata.normalize("NFKC", header).lower())


def column(kind: Kind, field: str) -> Column:
    return next(c for c in COLUMNS[kind] if c.field == field)


@dataclass(frozen=True)
class Mapping:
    """A mapping file: which header is which field (overriding the aliases), and optionally how to read the file."""

    columns: dict[str, str]
    kind: Kind | None = None
    encoding: str | None = None
    delimiter: str | None = None


def load_mapping(text: str, where: str = "mapping file") -> Mapping:
    """Parse a TOML mapping file; unknown keys and unknown fields are refused with the known ones named."""
    try:
        raw: dict[str, Any] = tomllib.loads(text)
    except tomllib.TOMLDecodeError as exc:
        raise Invalid(where, msg("not valid TOML ({error})", error=exc)) from None
    known = {"kind", "encoding", "delimiter", "columns"}
    if unknown := set(raw) - known:
        raise Invalid(
            where,
            msg(
                "unknown setting(s) {names}; known: {known}",
                names=", ".join(sorted(unknown)),
                known=", ".join(sorted(known)),
            ),
        )
    kind = raw.get("kind")
    if kind is not None and kind not in set(Kind):
        raise Invalid(where, msg("{value!r} is not one of {choices}", value=kind, choices=", ".join(Kind)))
    encoding, delimiter = raw.get("encoding"), raw.get("delimiter")
    if encoding is not None and str(encoding).lower() not in ENCODINGS:
        raise Invalid(
            where, msg("{value!r} is not one of {choices}", value=encoding, choices=", ".join(sorted(set(ENCODINGS))))
        )
    if delimiter is not None and delimiter not in DELIMITERS:
        raise Invalid(where, msg("{value!r} is not comma or tab", value=delimiter))
    columns = raw.get("columns", {})
    if not isinstance(columns, dict) or not all(isinstance(v, str) for v in columns.values()):
        raise Invalid(where, msg('[columns] maps a header to a field name: "お客様名" = "full_name"'))
    if kind is not None:
        fields = {c.field for c in COLUMNS[Kind(kind)]}
        for header, field in columns.items():
            if field and field not in fields:
                raise Invalid(
                    where,
                    msg(
                        "{header!r} = {field!r}: not a field of this file; known: {known}",
                        header=header,
                        field=field,
                        known=", ".join(sorted(fields)),
                    ),
                )
    return Mapping(dict(columns), Kind(kind) if kind else None, encoding, delimiter)


@dataclass(frozen=True)
class ColumnMap:
    """Which cell holds which field, and the file's columns nothing reads."""

    index: dict[str, int]  # field -> position in the row
    header: dict[str, str]  # field -> the header as written in the file
    ignored: tuple[str, ...]
    problems: tuple[Readable, ...]  # file-level: a missing required column, two columns for one field


def map_columns(
    kind: Kind, headers: tuple[str, ...], mapping: Mapping | None = None, extra: tuple[Column, ...] = ()
) -> ColumnMap:
    """Name each column by the mapping file first, then by the aliases; report what is missing or doubled.

    `extra`: the desk's own columns for this kind (the team's fields), recognised by their names like the others.
    """
    known = {c.field: c for c in (*COLUMNS[kind], *extra)}
    by_key = {header_key(h): c.field for c in known.values() for h in c.headers}
    fields = set(known)
    explicit = {header_key(h): f for h, f in (mapping.columns.items() if mapping else ())}
    index: dict[str, int] = {}
    header: dict[str, str] = {}
    ignored: list[str] = []
    problems: list[Readable] = []
    for position, name in enumerate(headers):
        key = header_key(name)
        field = explicit[key] if key in explicit else by_key.get(key)
        if field and field not in fields:
            problems.append(
                msg("column {name!r} is mapped to {field!r}, which is not a field of this file", name=name, field=field)
            )
            continue
        if not field or known[field].info:
            if name and not field:
                ignored.append(name)
            continue
        if field in index:
            problems.append(
                msg(
                    'columns {first!r} and {second!r} both give {field}; map one of them to ""',
                    first=header[field],
                    second=name,
                    field=field,
                )
            )
            continue
        index[field] = position
        header[field] = name
    for options in REQUIRED[kind]:
        if not any(o in index for o in options):
            names = " / ".join(f"{column(kind, o).ja[0]} ({o})" for o in options)
            problems.append(msg("the file needs a column {names}", names=names))
    return ColumnMap(index, header, tuple(ignored), tuple(problems))
