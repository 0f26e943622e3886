"""Which encoding and delimiter a spreadsheet's CSV export uses.

Excel writes "CSV (コンマ区切り)" in Shift_JIS (in fact CP932, which adds ①, ㈱ and the NEC/IBM extensions),
"CSV UTF-8" with a byte-order mark, and "Unicode テキスト" as tab-separated UTF-16; other tools write plain UTF-8.
"""

import codecs

from supportdesk.errors import Invalid
from supportdesk.i18n import msg

# Names a person may give in a mapping file or on the command line, to the codec we decode with.
ENCODINGS: dict[str, str] = {
    "utf-8": "utf-8",
    "utf8": "utf-8",
    "utf-8-sig": "utf-8-sig",
    "cp932": "cp932",
    "shift_jis": "cp932",
    "shift-jis": "cp932",
    "sjis": "cp932",
    "ms932": "cp932",
    "windows-31j": "cp932",
    "utf-16": "utf-16",
}
DELIMITERS: dict[str, str] = {",": ",", "comma": ",", "\t": "\t", "tab": "\t"}


def _line_of(data: bytes, offset: int) -> int:
    return data.count(b"\n", 0, offset) + 1


def _decode_marked(body: bytes, codec: str, data: bytes, offset: int) -> str:
    try:
        return body.decode(codec)
    except UnicodeDecodeError as exc:
        name = "UTF-8" if codec == "utf-8" else "UTF-16"
        line = _line_of(data, offset + exc.start)
        raise Invalid(
            "encoding",
            msg(
                "the file starts with a {name} byte-order mark but line {line} is not {name} "
                "(the file may be cut short or damaged)",
                name=name,
                line=line,
            ),
        ) from None


def decode(data: bytes, encoding: str | None = None) -> tuple[str, str]:
    """The file's text and the encoding it was in: a BOM decides, else UTF-8 if it decodes, else CP932."""
    if encoding:
        codec = ENCODINGS.get(encoding.lower())
        if codec is None:
            raise Invalid("encoding", f"{encoding!r} is not one of {', '.join(sorted(set(ENCODINGS)))}")
        try:
            return data.decode(codec), codec
        except UnicodeDecodeError as exc:
            raise Invalid("encoding", f"the file is not {encoding} (line {_line_of(data, exc.start)})") from None
    # A byte-order mark names the encoding, so a file that then fails to decode is damaged, not Shift_JIS.
    if data.startswith(codecs.BOM_UTF8):
        return _decode_marked(data[len(codecs.BOM_UTF8) :], "utf-8", data, len(codecs.BOM_UTF8)), "utf-8-sig"
    if data.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)):
        return _decode_marked(data, "utf-16", data, 0), "utf-16"
    try:
        return data.decode("utf-8"), "utf-8"
    except UnicodeDecodeError:
        pass
    # Any byte string of CP932 is rarely valid UTF-8, so trying UTF-8 first cannot mistake a Shift_JIS file.
    try:
        return data.decode("cp932"), "cp932"
    except UnicodeDecodeError as exc:
        raise Invalid(
            "encoding",
            f"line {_line_of(data, exc.start)} is neither UTF-8 nor Shift_JIS (CP932); "
            "save the sheet from Excel as 'CSV UTF-8 (コンマ区切り)'",
        ) from None


def sniff_delimiter(text: str) -> str:
    """Comma or tab, judged by the header line (outside quotes), where a tab is never part of a name."""
    header = next((line for line in text.splitlines() if line.strip()), "")
    tabs = commas = 0
    quoted = False
    for ch in header:
        if ch == '"':
            quoted = not quoted
        elif not quoted:
            tabs += ch == "\t"
            commas += ch == ","
    return "\t" if tabs > commas else ","
