"""`FIELD=VALUE` as a person types it in the shell or a form: the field named as a file may head it, the value read
as a file's cell is (dates as people write them, はい/いいえ, vocabulary words in Japanese or English).

Pure, like the rest of this package: which fields may be given is the caller's (a service's) decision, and the
services check the values' rules afterwards exactly as for a file or a form.
"""

from collections.abc import Iterable, Mapping
from typing import Any

from supportdesk.errors import Invalid
from supportdesk.fields import CUSTOM_PREFIX, Kind
from supportdesk.i18n import msg
from supportdesk.importing.columns import COLUMNS, Column, header_key
from supportdesk.untrusted import check, shorten


def split_assignments(items: Iterable[str]) -> dict[str, str]:
    """['phone=03-1111-2222', '品番=A-1'] as {'phone': '03-1111-2222', '品番': 'A-1'}; an empty value clears."""
    pairs: dict[str, str] = {}
    for item in items:
        name, sep, value = item.partition("=")
        if not sep or not name.strip():
            raise Invalid("values", msg("{item}: write FIELD=VALUE, e.g. phone=03-1234-5678", item=shorten(item)))
        pairs[name.strip()] = value
    return pairs


def read_assignments(
    kind: Kind, pairs: Mapping[str, str], allowed: Iterable[str], custom: Iterable[str] = ()
) -> tuple[dict[str, Any], dict[str, str | None]]:
    """The registry fields and the custom fields among `pairs`, their values parsed (None for an empty value).

    A name is a field's name or any header a file may give it (電話番号, TEL, phone); `allowed` are the field names
    that may be set this way, `custom` the names of the kind's custom fields (checked later by their service).
    """
    allowed_fields = set(allowed)
    by_header: dict[str, Column] = {}
    for known in COLUMNS[kind]:
        if known.field in allowed_fields:
            for header in known.headers:
                by_header.setdefault(header_key(header), known)
    customs = {header_key(name): name for name in custom}
    values: dict[str, Any] = {}
    own: dict[str, str | None] = {}
    for name, raw in pairs.items():
        text = check(name, raw).strip()
        key = header_key(name.removeprefix(CUSTOM_PREFIX))
        column = by_header.get(header_key(name))
        if column is not None and not name.startswith(CUSTOM_PREFIX):
            try:
                values[column.field] = column.parser(text) if text else None
            except ValueError as exc:
                raise Invalid(column.field, msg("{value}: {why}", value=shorten(text), why=str(exc))) from None
        elif key in customs:
            own[customs[key]] = text or None
        else:
            names = ", ".join([*sorted(allowed_fields), *customs.values()])
            raise Invalid(name, msg("not a field here; known: {known}", known=names))
    return values, own
