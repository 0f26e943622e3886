"""How commands print: JSON for machines, compact text for people (errors: failures.py)."""

import json
import sys
from typing import Any

from supportdesk.services.readmodels import to_jsonable


def print_json(value: Any) -> None:
    json.dump(to_jsonable(value), sys.stdout, ensure_ascii=False, indent=2)
    sys.stdout.write("\n")


def local_time(value: Any) -> str:
    """Aware UTC timestamps shown in the user's local time zone."""
    return value.astimezone().strftime("%Y-%m-%d %H:%M") if value else "-"


def cell(text: str | None, width: int) -> str:
    """Pad or cut to a display width, counting East Asian wide characters as two columns."""
    import unicodedata

    text = text or ""
    out, used = [], 0
    for ch in text:
        w = 2 if unicodedata.east_asian_width(ch) in "WF" else 1
        if used + w > width:
            break
        out.append(ch)
        used += w
    return "".join(out) + " " * (width - used)
