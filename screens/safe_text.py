"""Text from people on screen: always a `Content`/`Text` object with control characters made visible.

Textual reads a plain `str` as markup almost everywhere (labels, statics, table cells, tabs, options, palette
hits, border titles): `[/bold]` in a customer's name raises MarkupError, `[@click=app.quit]` runs an action. So a
string that came from a person or a file reaches a widget only through these helpers, which apply the core's
rule (`supportdesk.untrusted.visible`) and wrap the result so Textual never parses it:

- `data_text(value)`: a Rich `Text` for a DataTable cell (one line by default);
- `data_content(value)`: a Textual `Content` for a Static, Label, Tab, Option, Select prompt or border title;
- `say(template, **values)`: a translated sentence with data in it, as `Content` (the sentence is plain text too);
- `SafeDataTable`: a DataTable whose `str` cells and labels are shown as text, never markup (use it for every
  table; the hostile-text test checks every table on every screen);
- `SafeInput`, `SafeTextArea`: fields that show a pasted or prefilled control character as a visible mark
  instead of passing it to the terminal (Input and TextArea draw their text as it is).

Translated words are ours and could carry markup, but none do: everything here is shown literally.
"""

from collections.abc import Iterable
from typing import Any

from rich.text import Text
from textual.content import Content
from textual.geometry import Size
from textual.widgets import DataTable, Input, TextArea
from textual.widgets.data_table import CellType, ColumnKey, RowKey
from textual.widgets.text_area import Edit, EditResult

from supportdesk.untrusted import marked, visible


def shown(value: object, *, one_line: bool = False) -> str:
    """The string to show for a value from data: `str(value)` with control characters made visible."""
    return visible("" if value is None else str(value), one_line=one_line)


def data_text(value: object, *, style: str = "", one_line: bool = True, justify: Any = None) -> Text:
    """A value from data as a Rich Text (never markup), on one line unless told otherwise: for table cells."""
    return Text(shown(value, one_line=one_line), style=style, justify=justify, end="")


def data_content(value: object, *, style: str = "", one_line: bool = False) -> Content:
    """A value from data as Textual Content (never markup): for Static, Label, Tab, Option, titles."""
    content = Content(shown(value, one_line=one_line))
    return content.stylize(style) if style else content


def say(template: str, **values: object) -> Content:
    """A translated sentence with values from data filled in, all shown as plain text.

    `template` is the already translated text with `{name}` fields (as `t()` returns it before formatting);
    values are formatted with the template's own format spec (so `{name!r}` quotes) and made visible.
    """
    return Content(visible(template.format(**values)))


def data_card(title: object, lines: Iterable[object]) -> Text:
    """A small card: a bold title line, then the non-empty lines, all from data and shown as text."""
    card = Text()
    card.append(shown(title, one_line=True), style="bold")
    for line in lines:
        if line:
            card.append("\n" + shown(line, one_line=True))
    return card


def safe_text(text: Text, *, one_line: bool = False) -> Text:
    """A Rich Text built elsewhere, with its control characters made visible and its styles kept."""
    pattern = marked(one_line)
    plain = text.plain
    if not pattern.search(plain):
        return text
    cuts = sorted({cut for found in pattern.finditer(plain) for cut in (found.start(), found.end())})
    result = Text(style=text.style, justify=text.justify, no_wrap=text.no_wrap, end=text.end)
    for piece in text.divide(cuts):
        if len(piece.plain) == 1 and pattern.fullmatch(piece.plain):
            mark = Text(visible(piece.plain, one_line=one_line))
            for span in piece.spans:
                mark.stylize(span.style, 0, len(mark))
            result.append_text(mark)
        else:
            result.append_text(piece)
    return result


def safe_cell(cell: Any) -> Any:
    """A DataTable cell as text: a str is data shown literally, a Text keeps its styles, anything else as is."""
    if isinstance(cell, str):
        return data_text(cell)
    if isinstance(cell, Text):
        return safe_text(cell, one_line=True)
    return cell


class SafeDataTable(DataTable[CellType]):
    """A DataTable that shows `str` cells and column labels as text, never as markup (DataTable parses them)."""

    def add_column(self, label: Any, *, width: int | None = None, key: str | None = None, default: Any = None) -> Any:
        return super().add_column(safe_cell(label), width=width, key=key, default=default)

    def add_row(self, *cells: Any, height: int | None = 1, key: str | None = None, label: Any = None) -> RowKey:
        return super().add_row(
            *(safe_cell(cell) for cell in cells),
            height=height,
            key=key,
            label=None if label is None else safe_cell(label),
        )

    def update_cell(
        self, row_key: RowKey | str, column_key: ColumnKey | str, value: Any, *, update_width: bool = False
    ) -> None:
        super().update_cell(row_key, column_key, safe_cell(value), update_width=update_width)

    def _update_dimensions(self, new_rows: Iterable[RowKey]) -> None:
        """DataTable measures every cell of the rows just added, to size columns of automatic width and rows of
        automatic height. Our tables give each column its width (ticket_table.fit_columns, tables.fill_table) and
        each row one line, where that measuring changes nothing yet was most of the time of adding a 500-row queue
        page (bench/bench_app.py): then only the table's size is set, as DataTable does after measuring."""
        added = list(new_rows)
        rows = [self.rows.get(key) for key in added]
        if any(column.auto_width for column in self.columns.values()) or any(
            row is not None and (row.auto_height or row.label is not None) for row in rows
        ):
            super()._update_dimensions(added)
        else:
            width = sum(column.get_render_width(self) for column in self.columns.values())
            width += self._row_label_column_width
            self.virtual_size = Size(width, self._total_row_height + (self.header_height if self.show_header else 0))
        # A table of `height: auto` takes its height from its virtual size, but Textual keys the box model it caches
        # on a count of layout requests that a new virtual size does not raise when a layout request is already
        # pending: a screen laid out between that request and this measuring kept the table 0 lines high for good
        # (the 360's subscriptions and colleagues, blank on a loaded machine, in three fresh-clone runs).
        self._box_model_cache.clear()


class SafeInput(Input):
    """An Input whose value never holds a character a terminal acts on: pasted ESC becomes ␛, on one line."""

    def validate_value(self, value: str) -> str:
        return visible(value, one_line=True)


def _as_typed(text: str) -> str:
    return visible(text.replace("\r\n", "\n").replace("\r", "\n"))


class SafeTextArea(TextArea):
    """A TextArea that turns control characters into visible marks as they come in (typed, pasted, loaded)."""

    def __init__(self, text: str = "", **kwargs: Any) -> None:
        super().__init__(_as_typed(text), **kwargs)

    def edit(self, edit: Edit) -> EditResult:
        edit.text = _as_typed(edit.text)
        return super().edit(edit)

    def load_text(self, text: str) -> None:
        super().load_text(_as_typed(text))
