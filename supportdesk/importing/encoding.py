"""Which encoding and delimiter a spreadsheet's CSV export uses.

Excel writes "CSV (コンマ区切り)" in Shift_JIS (in fact CP932, which adds ①, ㈱ and the NEC/IBM extensions),
"CSV UTF-8" with a byte-order mark, and "Unicode テキスト" as tab-separated UTF-16; other tools write plain UTF-8.
"""

import codecs

from supportdesk.errors import Invalid
from supportdesk.i18n import N_, msg, t

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
# How a preview names the delimiter it found ("comma" / 「カンマ」).
DELIMITER_NAMES = {"comma": N_("comma"), "tab": N_("tab")}


def delimiter_name(name: str) -> str:
    """A delimiter as the reader says it ("comma", "tab"; anything else as given)."""
    return t(DELIMITER_NAMES[name]) if name in DELIMITER_NAMES else name


def _line_of(data: bytes, offset: int) -> int:
    return data.count(b"\n", 0, offset) + 1


_CHUNK = 1 << 20


def _check_decodes(data: bytes, codec: str, start: int = 0) -> int | None:
    """The offset of the first byte `codec` cannot decode, or None; reads in chunks, keeping no text."""
    decoder = codecs.getincrementaldecoder(codec)()
    for at in range(start, len(data), _CHUNK):
        try:
            decoder.decode(data[at : at + _CHUNK], final=at + _CHUNK >= len(data))
        except UnicodeDecodeError as exc:
            return at + exc.start
    if len(data) <= start:
        try:
            decoder.decode(b"", final=True)
        except UnicodeDecodeError:
            return start
    return None


def detect(data: bytes, encoding: str | None = None) -> str:
    """The codec to read the file with, by the rules of `decode`, without decoding it into one string."""
    if encoding:
        codec = ENCODINGS.get(encoding.lower())
        if codec is None:
            raise Invalid(
                "encoding",
                msg("{value!r} is not one of {choices}", value=encoding, choices=", ".join(sorted(set(ENCODINGS)))),
            )
        bad = _check_decodes(data, codec)
        if bad is not None:
            raise Invalid(
                "encoding", msg("the file is not {encoding} (line {line})", encoding=encoding, line=_line_of(data, bad))
            )
        return codec
    for bom, codec, name in ((codecs.BOM_UTF8, "utf-8-sig", "UTF-8"), (codecs.BOM_UTF16_LE, "utf-16", "UTF-16")):
        if data.startswith(bom) or (codec == "utf-16" and data.startswith(codecs.BOM_UTF16_BE)):
            skip = len(codecs.BOM_UTF8) if codec == "utf-8-sig" else 0
            bad = _check_decodes(data, "utf-8" if codec == "utf-8-sig" else codec, skip)
            if bad is not None:
                raise Invalid(
                    "encoding",
                    msg(
                        "the file starts with a {name} byte-order mark but line {line} is not {name} "
                        "(the file may be cut short or damaged)",
                        name=name,
                        line=_line_of(data, bad),
                    ),
                )
            return codec
    if _check_decodes(data, "utf-8") is None:
        return "utf-8"
    bad = _check_decodes(data, "cp932")
    if bad is not None:
        raise Invalid(
            "encoding",
            msg(
                "line {line} is neither UTF-8 nor Shift_JIS (CP932); "
                "save the sheet from Excel as 'CSV UTF-8 (コンマ区切り)'",
                line=_line_of(data, bad),
            ),
        )
    return "cp932"


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
