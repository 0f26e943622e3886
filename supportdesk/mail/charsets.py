"""Bytes of a mail part or header to text, the way Japanese mail clients meant them.

Python's codecs are stricter than the clients that write Japanese mail:

- Windows mailers (Outlook, Becky!, Thunderbird on Windows) label CP50220/CP50221 text as ISO-2022-JP and put NEC
  special characters (①, ㈱, №) and IBM extension kanji (髙, 﨑) in it; `iso2022_jp` rejects them. Decoding as
  Windows does means mapping each JIS X 0208 pair to Shift_JIS and decoding that as cp932.
- Half-width katakana arrive inside ISO-2022-JP after `ESC ( I`, or between SO and SI.
- "Shift_JIS" is cp932 in practice, and EUC-JP may carry JIS X 0212/0213 characters.
- A part without a charset parameter, or with a wrong one, still has to be read.

`decode` never returns U+FFFD: it returns None when no reading is exact, and the caller keeps the bytes.
"""

from dataclasses import dataclass

_ESC = 0x1B
_SO, _SI = 0x0E, 0x0F

# What each label really means on the wire, as the encoding to try first.
_ALIASES = {
    "iso-2022-jp": "cp50220",
    "iso2022jp": "cp50220",
    "iso-2022-jp-1": "cp50220",
    "iso-2022-jp-2": "cp50220",
    "iso-2022-jp-3": "cp50220",
    "iso-2022-jp-2004": "cp50220",
    "iso-2022-jp-ms": "cp50220",
    "csiso2022jp": "cp50220",
    "cp50220": "cp50220",
    "cp50221": "cp50220",
    "cp50222": "cp50220",
    "jis": "cp50220",
    "shift_jis": "cp932",
    "shift-jis": "cp932",
    "sjis": "cp932",
    "x-sjis": "cp932",
    "s-jis": "cp932",
    "ms_kanji": "cp932",
    "csshiftjis": "cp932",
    "windows-31j": "cp932",
    "cp932": "cp932",
    "shift_jisx0213": "shift_jisx0213",
    "shift_jis-2004": "shift_jis_2004",
    "euc-jp": "euc-jp",
    "x-euc-jp": "euc-jp",
    "eucjp": "euc-jp",
    "cseucpkdfmtjapanese": "euc-jp",
    "euc-jis-2004": "euc_jis_2004",
    "cp51932": "euc-jp",
    "utf-8": "utf-8",
    "utf8": "utf-8",
    "us-ascii": "ascii",
    "ascii": "ascii",
    "iso-8859-1": "cp1252",  # what a mailer that says Latin-1 writes is Windows-1252 (curly quotes, €)
    "latin1": "cp1252",
    "latin-1": "cp1252",
}
# Labels that say nothing about the bytes: the text decides.
_UNKNOWN = {"", "unknown-8bit", "x-unknown", "unknown", "default", "8bit", "binary", "charset"}


# Below this a guessed reading is mostly half-width kana, accents and symbols: kept as bytes, not shown as text.
_LEAST_PLAUSIBLE = 0.2


@dataclass(frozen=True)
class Decoded:
    text: str
    encoding: str  # what the bytes were read as
    guessed: bool  # the label was missing, unknown or wrong


def _jis_pair_to_sjis(first: int, second: int) -> bytes:
    """One JIS X 0208 row/cell pair (0x21–0x7E each) as the two Shift_JIS bytes cp932 knows."""
    row = first - 0x21
    lead = (row >> 1) + (0x81 if row < 62 else 0xC1)
    trail = second + 0x7E if row & 1 else second + (0x1F if second < 0x60 else 0x20)
    return bytes((lead, trail))


def decode_cp50220(data: bytes) -> str:
    """ISO-2022-JP as Windows writes it (CP50220/50221); raises UnicodeDecodeError on bytes it cannot place."""
    out: list[str] = []
    mode = "ascii"
    i, n = 0, len(data)
    while i < n:
        byte = data[i]
        if byte == _ESC:
            seq = data[i + 1 : i + 4]
            if seq[:2] in (b"(B", b"(J", b"(H"):
                mode, i = "ascii", i + 3
            elif seq[:2] == b"(I":
                mode, i = "kana", i + 3
            elif seq[:2] in (b"$@", b"$B"):
                mode, i = "jis0208", i + 3
            elif seq == b"&@\x1b" and data[i + 4 : i + 6] == b"$B":  # JIS X 0208-1990 announcer
                mode, i = "jis0208", i + 6
            elif seq[:3] in (b"$(D", b"$(O", b"$(Q", b"$(P"):
                # JIS X 0212 / 0213 planes: rare; the 2004 codec reads them from their own escape.
                end = data.find(b"\x1b", i + 4)
                end = n if end < 0 else end
                out.append((data[i:end] + b"\x1b(B").decode("iso2022_jp_2004" if seq[2:] != b"D" else "iso2022_jp_2"))
                i = end
            else:
                raise UnicodeDecodeError("cp50220", data, i, i + 1, "unknown escape sequence")
            continue
        if byte == _SO:
            mode, i = "kana", i + 1
            continue
        if byte == _SI:
            mode, i = "ascii", i + 1
            continue
        if byte in (0x0A, 0x0D):
            # Line ends reset nothing in the standard, but mailers that forget ESC ( B before a newline exist.
            out.append(chr(byte))
            i += 1
            continue
        if mode == "jis0208":
            if byte in (0x20, 0x09):
                # A space left in two-byte mode (some encoders never switch back for it): it can only be a space.
                out.append(chr(byte))
                i += 1
                continue
            if i + 1 >= n:
                raise UnicodeDecodeError("cp50220", data, i, n, "half a character at the end")
            first, second = byte, data[i + 1]
            if not (0x21 <= first <= 0x7E and 0x21 <= second <= 0x7E):
                raise UnicodeDecodeError("cp50220", data, i, i + 2, "not a JIS X 0208 pair")
            out.append(_jis_pair_to_sjis(first, second).decode("cp932"))
            i += 2
        elif mode == "kana":
            if 0x21 <= byte <= 0x5F:
                out.append(bytes((byte + 0x80,)).decode("cp932"))
            elif 0xA1 <= byte <= 0xDF:
                out.append(bytes((byte,)).decode("cp932"))
            elif byte < 0x80:
                out.append(chr(byte))
            else:
                raise UnicodeDecodeError("cp50220", data, i, i + 1, "not a half-width kana")
            i += 1
        else:
            if byte < 0x80:
                out.append(chr(byte))
            elif 0xA1 <= byte <= 0xDF:
                # Eight-bit half-width kana left raw in "ISO-2022-JP" by some mobile mailers.
                out.append(bytes((byte,)).decode("cp932"))
            else:
                raise UnicodeDecodeError("cp50220", data, i, i + 1, "eight-bit byte in ISO-2022-JP")
            i += 1
    return "".join(out)


def _strict(data: bytes, encoding: str) -> str | None:
    try:
        if encoding == "cp50220":
            return decode_cp50220(data)
        return data.decode(encoding)
    except (UnicodeDecodeError, LookupError):
        return None


def _plausibility(text: str) -> float:
    """How much a reading looks like Japanese or English prose: mojibake is half-width kana and rare symbols."""
    good, bad = 0.0, 0.0
    for ch in text:
        code = ord(ch)
        if ch.isascii():
            good += 1 if (ch.isprintable() or ch in "\r\n\t") else -4
        elif 0x3040 <= code <= 0x30FF or 0x4E00 <= code <= 0x9FFF or 0x3000 <= code <= 0x303F:
            good += 2
        elif 0xFF61 <= code <= 0xFF9F:
            bad += 1  # half-width kana: what EUC-JP looks like when read as Shift_JIS
        elif 0xFF01 <= code <= 0xFF5E:
            good += 1
        elif code < 0x100 or 0xE000 <= code <= 0xF8FF:
            bad += 2
        elif code < 0x20 and ch not in "\r\n\t\f":
            bad += 4  # Latin-1 accents and private use: a wrong reading
        else:
            bad += 0.5
    return (good - 3 * bad) / max(len(text), 1)


def _guess(data: bytes, first: str | None) -> Decoded | None:
    candidates: list[str] = []
    if first:
        candidates.append(first)
    if b"\x1b$" in data or b"\x1b(" in data:
        candidates.append("cp50220")
    candidates += ["utf-8", "cp932", "euc-jp", "euc_jis_2004", "shift_jisx0213"]
    readings: list[tuple[float, int, str, str]] = []
    for order, encoding in enumerate(dict.fromkeys(candidates)):
        text = _strict(data, encoding)
        if text is None:
            continue
        if "\x1b" in text:
            continue  # an escape sequence no reading understood is not text
        if encoding in ("utf-8", "cp50220") or data.isascii():
            # A strict UTF-8 or escape-sequence reading of non-ASCII bytes is almost never an accident.
            return Decoded(text, encoding, guessed=True)
        readings.append((_plausibility(text), -order, encoding, text))
    if not readings:
        return None
    score, _order, encoding, text = max(readings)
    if score < _LEAST_PLAUSIBLE:
        return None  # every reading is noise: binary data, or an encoding we do not know
    return Decoded(text, encoding, guessed=True)


def decode(data: bytes, label: str | None) -> Decoded | None:
    """Read `data` labelled `label`; None when no reading is exact (never a replacement character)."""
    name = (label or "").strip().strip('"').lower()
    if data.isascii() and b"\x1b" not in data and b"\x0e" not in data:
        return Decoded(data.decode("ascii"), "ascii", guessed=False)
    encoding = _ALIASES.get(name)
    if encoding is None and name not in _UNKNOWN:
        try:
            import codecs

            encoding = codecs.lookup(name).name
        except LookupError:
            encoding = None
    if encoding is not None and encoding != "ascii":
        text = _strict(data, encoding)
        if text is not None and not (encoding == "cp1252" and _looks_japanese_bytes(data)):
            return Decoded(text, encoding, guessed=False)
    return _guess(data, encoding if encoding not in (None, "ascii", "cp1252") else None)


def _looks_japanese_bytes(data: bytes) -> bool:
    # A "Latin-1" label on UTF-8 or Shift_JIS bytes is a common webmail bug; cp1252 would read them all.
    return _strict(data, "utf-8") is not None or b"\x1b$B" in data


def _sjis_pair_to_jis(lead: int, trail: int) -> bytes:
    if lead >= 0xE0:
        lead -= 0x40
    row = (lead - 0x81) * 2 + 0x21
    if trail >= 0x9F:
        row += 1
        trail -= 0x7E
    else:
        trail -= 0x1F if trail < 0x80 else 0x20
    return bytes((row, trail))


def encode_cp50220(text: str) -> bytes:
    """Text as ISO-2022-JP the way Windows writes it (① and 髙 included; half-width kana become full-width).

    Raises UnicodeEncodeError for characters outside cp932 (emoji, 𠮷): the caller sends UTF-8 instead.
    """
    import re
    import unicodedata

    # Half-width kana: old mobile mailers show ESC ( I badly; the full-width form (ｶﾞ → ガ) reads the same.
    text = re.sub("[\uff61-\uff9f]+", lambda m: unicodedata.normalize("NFKC", m.group()), text)
    out = bytearray()
    mode = "ascii"
    for ch in text:
        if ch.isascii():
            if mode != "ascii":
                out += b"\x1b(B"
                mode = "ascii"
            out += ch.encode("ascii")
            continue
        sjis = ch.encode("cp932")
        if mode != "jis":
            out += b"\x1b$B"
            mode = "jis"
        out += _sjis_pair_to_jis(sjis[0], sjis[1])
    if mode != "ascii":
        out += b"\x1b(B"
    return bytes(out)
