"""Encoders that write Japanese mail bytes as real clients do, for building test mail by hand.

Python's own `iso2022_jp` codecs cannot write what Windows clients write (①, ㈱, 髙, 﨑, half-width kana), so the
bytes are built here: each character through cp932, then Shift_JIS → JIS X 0208 row/cell, with the escape
sequences a mailer emits.
"""

import base64
import quopri

ESC_ASCII = b"\x1b(B"
ESC_JIS = b"\x1b$B"
ESC_KANA = b"\x1b(I"


def _sjis_to_jis(lead: int, trail: int) -> bytes:
    if lead >= 0xE0:
        lead -= 0x40
    row = (lead - 0x81) * 2 + 0x21
    if trail >= 0x9F:
        row += 1
        trail -= 0x7E
    else:
        trail -= 0x1F if trail < 0x80 else 0x20
    return bytes((row, trail))


def iso2022jp(text: str, *, kana_escape: bool = True) -> bytes:
    """CP50220/CP50221 as Outlook writes it: ASCII runs, JIS X 0208 runs, half-width kana after ESC ( I."""
    out = bytearray()
    mode = "ascii"
    for ch in text:
        if ch in "\r\n":
            if mode != "ascii":
                out += ESC_ASCII
                mode = "ascii"
            out += ch.encode()
            continue
        if ch.isascii():
            if mode != "ascii":
                out += ESC_ASCII
                mode = "ascii"
            out += ch.encode()
            continue
        sjis = ch.encode("cp932")
        if len(sjis) == 1:  # half-width katakana
            if not kana_escape:
                raise ValueError("half-width kana needs ESC ( I")
            if mode != "kana":
                out += ESC_KANA
                mode = "kana"
            out.append(sjis[0] - 0x80)
            continue
        if mode != "jis":
            out += ESC_JIS
            mode = "jis"
        out += _sjis_to_jis(sjis[0], sjis[1])
    if mode != "ascii":
        out += ESC_ASCII
    return bytes(out)


def encode(text: str, charset: str) -> bytes:
    if charset.lower() == "iso-2022-jp":
        return iso2022jp(text)
    return text.encode({"shift_jis": "cp932", "euc-jp": "euc-jp", "utf-8": "utf-8"}[charset.lower()])


def b_word(data: bytes, charset: str) -> str:
    return f"=?{charset}?B?{base64.b64encode(data).decode()}?="


def q_word(data: bytes, charset: str) -> str:
    body = quopri.encodestring(data, header=True).decode().replace("=\n", "")
    return f"=?{charset}?Q?{body}?="


def b_words_split(data: bytes, charset: str, cut: int) -> str:
    """Two encoded words cut at byte `cut` (mid-character, as some clients fold long subjects)."""
    return f"{b_word(data[:cut], charset)}\r\n {b_word(data[cut:], charset)}"


def base64_body(data: bytes) -> bytes:
    encoded = base64.b64encode(data)
    return b"\r\n".join(encoded[i : i + 76] for i in range(0, len(encoded), 76))


def qp_body(data: bytes) -> bytes:
    # Line ends are the message's, not data: encode the lines, then end each with CRLF.
    return quopri.encodestring(data.replace(b"\r\n", b"\n")).replace(b"\n", b"\r\n")


def crlf(text: str) -> bytes:
    return text.replace("\r\n", "\n").replace("\n", "\r\n").encode("ascii")
