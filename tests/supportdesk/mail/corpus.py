# ruff: noqa: E501  (Japanese sample text reads best one message line per source line)
"""Japanese mail shaped like real clients' output, bytes built by hand, with what an agent should read.

Each sample names the client whose habits it copies. `body` is the text the desk must show (for HTML mail: the
paragraphs that must appear, in order). Used by the parser tests and by the import-and-read-back test that keeps
the figure of how much decodes exactly.
"""

from dataclasses import dataclass, field

from tests.supportdesk.mail.jabytes import (
    b_word,
    b_words_split,
    base64_body,
    encode,
    iso2022jp,
    q_word,
    qp_body,
)


@dataclass(frozen=True)
class Sample:
    name: str
    raw: bytes
    subject: str
    from_name: str
    from_address: str
    body: str
    attachments: tuple[str, ...] = ()
    html: bool = False
    tags: tuple[str, ...] = field(default_factory=tuple)


def _head(**headers: str) -> bytes:
    lines = [f"{k.replace('_', '-')}: {v}" for k, v in headers.items()]
    return ("\r\n".join(lines) + "\r\n").encode("ascii")


def _message(headers: bytes, body: bytes) -> bytes:
    return headers + b"\r\n" + body


def _date(n: int) -> str:
    return f"Tue, {1 + n % 28:02d} Dec 2026 {9 + n % 9:02d}:{n % 60:02d}:00 +0900"


SAMPLES: list[Sample] = []


def sample(name: str, *, subject: str, from_name: str, address: str, body: str, **kw: object):  # type: ignore[no-untyped-def]
    def add(build):  # type: ignore[no-untyped-def]
        SAMPLES.append(
            Sample(name, build(), subject, from_name, address, body, **kw)  # type: ignore[arg-type]
        )
        return build

    return add


# --- Outlook on Windows: ISO-2022-JP with NEC special characters and IBM extension kanji -------------------------


@sample(
    "outlook-cp50220",
    subject="【至急】①②の件　㈱髙﨑工業",
    from_name="髙﨑 一郎",
    address="ichiro.takasaki@takasaki-kogyo.co.jp",
    body="サポートご担当者様\n\n㈱髙﨑工業の髙﨑です。\n注文番号①と②の商品が届いておりません。\n\n№12345\n髙﨑 一郎",
    attachments=("注文書①.pdf",),
)
def _outlook() -> bytes:
    subject = "【至急】①②の件　㈱髙﨑工業"
    body = "サポートご担当者様\r\n\r\n㈱髙﨑工業の髙﨑です。\r\n注文番号①と②の商品が届いておりません。\r\n\r\n№12345\r\n髙﨑 一郎\r\n"
    fname = b_word(iso2022jp("注文書①.pdf"), "iso-2022-jp")
    head = _head(
        From=f"{b_word(iso2022jp('髙﨑 一郎'), 'iso-2022-jp')} <ichiro.takasaki@takasaki-kogyo.co.jp>",
        To="support@desk.example.jp",
        Subject=b_word(iso2022jp(subject), "iso-2022-jp"),
        Date=_date(1),
        Message_ID="<000001d9a1b2$3c4d5e60$b5e81a20$@takasaki-kogyo.co.jp>",
        MIME_Version="1.0",
        Content_Type='multipart/mixed; boundary="----=_NextPart_000_0001_01D9A1B2.3C4D5E60"',
        X_Mailer="Microsoft Outlook 16.0",
        Content_Language="ja",
    )
    parts = (
        b"------=_NextPart_000_0001_01D9A1B2.3C4D5E60\r\n"
        b'Content-Type: text/plain;\r\n\tcharset="iso-2022-jp"\r\nContent-Transfer-Encoding: 7bit\r\n\r\n'
        + iso2022jp(body)
        + b"\r\n------=_NextPart_000_0001_01D9A1B2.3C4D5E60\r\n"
        + f'Content-Type: application/pdf;\r\n\tname="{fname}"\r\n'.encode()
        + f'Content-Disposition: attachment;\r\n\tfilename="{fname}"\r\n'.encode()
        + b"Content-Transfer-Encoding: base64\r\n\r\n"
        + base64_body(b"%PDF-1.4\n%\xe2\xe3\xcf\xd3\n")
        + b"\r\n------=_NextPart_000_0001_01D9A1B2.3C4D5E60--\r\n"
    )
    return _message(head, parts)


@sample(
    "outlook-alternative-iso2022jp",
    subject="請求書の再発行について（㈱さくら商事）",
    from_name="佐々木 花子",
    address="h-sasaki@sakura-shoji.co.jp",
    body="いつもお世話になっております。\n㈱さくら商事の佐々木です。\n\n11月分の請求書を再発行いただけますでしょうか。\n宛名は「㈱さくら商事 経理部」でお願いいたします。",
)
def _outlook_alt() -> bytes:
    body = (
        "いつもお世話になっております。\r\n㈱さくら商事の佐々木です。\r\n\r\n11月分の請求書を再発行いただけますでしょうか。\r\n"
        "宛名は「㈱さくら商事 経理部」でお願いいたします。\r\n"
    )
    html = "<html><body><p>いつもお世話になっております。</p><p>㈱さくら商事の佐々木です。</p></body></html>"
    head = _head(
        From=f'"{b_word(iso2022jp("佐々木 花子"), "iso-2022-jp")}" <h-sasaki@sakura-shoji.co.jp>',
        To="support@desk.example.jp",
        Subject=b_word(iso2022jp("請求書の再発行について（㈱さくら商事）"), "iso-2022-jp"),
        Date=_date(2),
        Message_ID="<TYCP286MB1234ABCD@TYCP286.JPNP286.PROD.OUTLOOK.COM>",
        MIME_Version="1.0",
        Content_Type='multipart/alternative; boundary="_000_TYCP286MB1234_"',
    )
    parts = (
        b'--_000_TYCP286MB1234_\r\nContent-Type: text/plain; charset="iso-2022-jp"\r\n'
        b"Content-Transfer-Encoding: 7bit\r\n\r\n"
        + iso2022jp(body)
        + b'\r\n--_000_TYCP286MB1234_\r\nContent-Type: text/html; charset="iso-2022-jp"\r\n'
        b"Content-Transfer-Encoding: quoted-printable\r\n\r\n"
        + qp_body(iso2022jp(html))
        + b"\r\n--_000_TYCP286MB1234_--\r\n"
    )
    return _message(head, parts)


# --- Feature phones and old mobile mailers: half-width kana inside ISO-2022-JP -----------------------------------


@sample(
    "au-halfwidth-kana",
    subject="ｷｬﾝｾﾙしたいです",
    from_name="",
    address="tanaka.k-1985@ezweb.ne.jp",
    body="ﾊﾟｽﾜｰﾄﾞを忘れました｡\nﾛｸﾞｲﾝできません｡ｷｬﾝｾﾙしたいです｡\n田中",
)
def _au() -> bytes:
    head = _head(
        From="tanaka.k-1985@ezweb.ne.jp",
        To="support@desk.example.jp",
        Subject=b_word(iso2022jp("ｷｬﾝｾﾙしたいです"), "ISO-2022-JP"),
        Date=_date(3),
        Message_ID="<20261203091500.1234.tanaka@ezweb.ne.jp>",
        MIME_Version="1.0",
        Content_Type="text/plain; charset=ISO-2022-JP",
        Content_Transfer_Encoding="7bit",
    )
    return _message(head, iso2022jp("ﾊﾟｽﾜｰﾄﾞを忘れました｡\r\nﾛｸﾞｲﾝできません｡ｷｬﾝｾﾙしたいです｡\r\n田中\r\n"))


@sample(
    "softbank-so-si-kana",
    subject="ﾍﾝﾋﾟﾝ",
    from_name="",
    address="yuki0315@softbank.ne.jp",
    body="商品をﾍﾝﾋﾟﾝしたいです",
)
def _so_si() -> bytes:
    # Some mobile gateways shift half-width kana in with SO/SI (CP50221's other form) instead of ESC ( I.
    kana = bytes(b - 0x80 for b in "ﾍﾝﾋﾟﾝ".encode("cp932"))
    subject_bytes = b"\x0e" + kana + b"\x0f"
    head = _head(
        From="yuki0315@softbank.ne.jp",
        To="support@desk.example.jp",
        Subject=b_word(subject_bytes, "iso-2022-jp"),
        Date=_date(4),
        Message_ID="<4f5a6b7c.softbank.ne.jp>",
        MIME_Version="1.0",
        Content_Type="text/plain; charset=iso-2022-jp",
    )
    body = iso2022jp("商品を") + b"\x0e" + kana + b"\x0f" + iso2022jp("したいです\r\n")
    return _message(head, body)


# --- docomo, Shift_JIS and EUC-JP ----------------------------------------------------------------------------------


@sample(
    "docomo-shift-jis-8bit",
    subject="充電器が壊れました",
    from_name="鈴木 一郎",
    address="suzuki.ichiro@docomo.ne.jp",
    body="昨日届いた充電器が動きません。\n交換できますか？\n\n鈴木",
)
def _docomo() -> bytes:
    head = _head(
        From=f"{b_word(encode('鈴木 一郎', 'shift_jis'), 'Shift_JIS')} <suzuki.ichiro@docomo.ne.jp>",
        To="support@desk.example.jp",
        Subject=b_word(encode("充電器が壊れました", "shift_jis"), "Shift_JIS"),
        Date=_date(5),
        Message_ID="<20261203.docomo.suzuki.1234@docomo.ne.jp>",
        MIME_Version="1.0",
        Content_Type="text/plain; charset=Shift_JIS",
        Content_Transfer_Encoding="8bit",
    )
    return _message(head, encode("昨日届いた充電器が動きません。\r\n交換できますか？\r\n\r\n鈴木\r\n", "shift_jis"))


@sample(
    "shift-jis-base64-nec",
    subject="②回目の問い合わせです",
    from_name="山本 美咲",
    address="misaki.yamamoto@example.ne.jp",
    body="以前①でお問い合わせした件です。\n㈲山本商店 山本",
)
def _sjis_b64() -> bytes:
    head = _head(
        From=f"{b_word(encode('山本 美咲', 'shift_jis'), 'shift_jis')} <misaki.yamamoto@example.ne.jp>",
        To="support@desk.example.jp",
        Subject=b_word(encode("②回目の問い合わせです", "shift_jis"), "shift_jis"),
        Date=_date(6),
        Message_ID="<sjis-b64-0001@example.ne.jp>",
        MIME_Version="1.0",
        Content_Type='text/plain; charset="shift_jis"',
        Content_Transfer_Encoding="base64",
    )
    return _message(head, base64_body(encode("以前①でお問い合わせした件です。\r\n㈲山本商店 山本\r\n", "shift_jis")))


@sample(
    "euc-jp-unix-mailer",
    subject="返品の手続きについて",
    from_name="小林 健",
    address="ken@kobayashi.example.org",
    body="先週購入したキーボードを返品したいのですが、\n手続きを教えてください。",
)
def _euc() -> bytes:
    head = _head(
        From=f"{b_word(encode('小林 健', 'euc-jp'), 'EUC-JP')} <ken@kobayashi.example.org>",
        To="support@desk.example.jp",
        Subject=b_word(encode("返品の手続きについて", "euc-jp"), "EUC-JP"),
        Date=_date(7),
        Message_ID="<87a1b2c3d4.fsf@kobayashi.example.org>",
        MIME_Version="1.0",
        Content_Type="text/plain; charset=EUC-JP",
        Content_Transfer_Encoding="8bit",
        User_Agent="Mew version 6.8 on Emacs 29.1",
    )
    return _message(
        head, encode("先週購入したキーボードを返品したいのですが、\r\n手続きを教えてください。\r\n", "euc-jp")
    )


# --- Gmail, iPhone, Thunderbird ------------------------------------------------------------------------------------


@sample(
    "gmail-alternative-base64",
    subject="ログインできない件（アカウント：hanako_w）",
    from_name="渡辺 花子",
    address="hanako.watanabe@gmail.com",
    body="お世話になります。\nアプリにログインできなくなりました。\nパスワード再設定のメールも届きません。\n\n渡辺",
)
def _gmail() -> bytes:
    text = "お世話になります。\r\nアプリにログインできなくなりました。\r\nパスワード再設定のメールも届きません。\r\n\r\n渡辺\r\n"
    html = '<div dir="ltr">お世話になります。<br>アプリにログインできなくなりました。<br></div>\r\n'
    subject = "ログインできない件（アカウント：hanako_w）".encode()
    head = _head(
        MIME_Version="1.0",
        From=f"{b_word('渡辺 花子'.encode(), 'UTF-8')} <hanako.watanabe@gmail.com>",
        Date=_date(8),
        Message_ID="<CAHk9XyZ8q+7fJ3=abcDEF_ghIJ-klMnOp@mail.gmail.com>",
        Subject=b_words_split(subject, "UTF-8", 19),  # cuts the third character in half
        To="support@desk.example.jp",
        Content_Type='multipart/alternative; boundary="000000000000a1b2c3d4e5f6"',
    )
    parts = (
        b'--000000000000a1b2c3d4e5f6\r\nContent-Type: text/plain; charset="UTF-8"\r\n'
        b"Content-Transfer-Encoding: base64\r\n\r\n"
        + base64_body(text.encode())
        + b'\r\n--000000000000a1b2c3d4e5f6\r\nContent-Type: text/html; charset="UTF-8"\r\n'
        b"Content-Transfer-Encoding: base64\r\n\r\n"
        + base64_body(html.encode())
        + b"\r\n--000000000000a1b2c3d4e5f6--\r\n"
    )
    return _message(head, parts)


@sample(
    "iphone-iso2022jp-photo",
    subject="初期不良だと思います",
    from_name="井上 翔太",
    address="shota.inoue@icloud.com",
    body="届いたイヤホンの右側から音が出ません。\n写真を添付します。\n\niPhoneから送信",
    attachments=("IMG_4821.jpeg",),
)
def _iphone() -> bytes:
    head = _head(
        Content_Type="multipart/mixed; boundary=Apple-Mail-1A2B3C4D-5E6F-7081-92A3-B4C5D6E7F809",
        Content_Transfer_Encoding="7bit",
        From=f"{b_word(iso2022jp('井上 翔太'), 'iso-2022-jp')} <shota.inoue@icloud.com>",
        Mime_Version="1.0 (1.0)",
        Date=_date(9),
        Subject=b_word(iso2022jp("初期不良だと思います"), "iso-2022-jp"),
        Message_ID="<7E1F2A3B-4C5D-6E7F-8091-A2B3C4D5E6F7@icloud.com>",
        To="support@desk.example.jp",
        X_Mailer="iPhone Mail (21F90)",
    )
    boundary = b"--Apple-Mail-1A2B3C4D-5E6F-7081-92A3-B4C5D6E7F809"
    parts = (
        boundary
        + b"\r\nContent-Type: text/plain;\r\n\tcharset=iso-2022-jp\r\nContent-Transfer-Encoding: 7bit\r\n\r\n"
        + iso2022jp("届いたイヤホンの右側から音が出ません。\r\n写真を添付します。\r\n\r\n")
        + boundary
        + b"\r\nContent-Type: image/jpeg;\r\n\tname=IMG_4821.jpeg;\r\n\tx-apple-part-url=0F1E2D3C\r\n"
        b"Content-Disposition: inline;\r\n\tfilename=IMG_4821.jpeg\r\nContent-Transfer-Encoding: base64\r\n\r\n"
        + base64_body(b"\xff\xd8\xff\xe0\x00\x10JFIF\x00" + bytes(range(64)))
        + b"\r\n"
        + boundary
        + b"\r\nContent-Type: text/plain;\r\n\tcharset=iso-2022-jp\r\nContent-Transfer-Encoding: 7bit\r\n\r\n"
        + iso2022jp("\r\niPhoneから送信")
        + b"\r\n"
        + boundary
        + b"--\r\n"
    )
    return _message(head, parts)


@sample(
    "iphone-utf8-qp",
    subject="Re: ご注文内容の確認",
    from_name="中村 さくら",
    address="sakura.n@me.com",
    body="確認しました。住所は「東京都世田谷区桜丘１−２−３」で合っています。\n\niPhoneから送信",
)
def _iphone_qp() -> bytes:
    head = _head(
        Content_Type="text/plain; charset=utf-8",
        Content_Transfer_Encoding="quoted-printable",
        From=f"{q_word('中村 さくら'.encode(), 'utf-8')} <sakura.n@me.com>",
        Mime_Version="1.0 (1.0)",
        Date=_date(10),
        Subject=f"Re: {b_word('ご注文内容の確認'.encode(), 'utf-8')}",
        Message_ID="<A1B2C3D4-E5F6-4711-8899-AABBCCDDEEFF@me.com>",
        To="support@desk.example.jp",
        X_Mailer="iPhone Mail (22A3354)",
    )
    text = "確認しました。住所は「東京都世田谷区桜丘１−２−３」で合っています。\r\n\r\niPhoneから送信"
    return _message(head, qp_body(text.encode()))


@sample(
    "thunderbird-rfc2231",
    subject="見積書の件",
    from_name="加藤 誠",
    address="makoto.kato@example.com",
    body="見積書を添付いたします。\nご確認のほどよろしくお願いいたします。\n\n-- \n加藤 誠",
    attachments=("御見積書_2026年12月.xlsx", "仕様書（改訂版）.pdf"),
)
def _thunderbird() -> bytes:
    head = _head(
        Message_ID="<0d3f5a2e-7b1c-4e8f-9a6d-2c4b8e1f3a5d@example.com>",
        Date=_date(11),
        MIME_Version="1.0",
        User_Agent="Mozilla Thunderbird",
        Content_Language="ja",
        To="support@desk.example.jp",
        From=f"{b_word('加藤 誠'.encode(), 'UTF-8')} <makoto.kato@example.com>",
        Subject=b_word("見積書の件".encode(), "UTF-8"),
        Content_Type='multipart/mixed; boundary="------------Xy9BqHnC3kD4vR0a"',
    )
    xlsx = "御見積書_2026年12月.xlsx".encode()
    pct = "".join(f"%{b:02X}" if b > 0x7E or chr(b) in "%'()* " else chr(b) for b in xlsx)
    pdf = "仕様書（改訂版）.pdf".encode()
    pdf_pct = "".join(f"%{b:02X}" if b > 0x7E else chr(b) for b in pdf)
    parts = (
        b"This is a multi-part message in MIME format.\r\n--------------Xy9BqHnC3kD4vR0a\r\n"
        b"Content-Type: text/plain; charset=UTF-8; format=flowed\r\nContent-Transfer-Encoding: 8bit\r\n\r\n"
        + "見積書を添付いたします。\r\nご確認のほどよろしくお願いいたします。\r\n\r\n-- \r\n加藤 誠\r\n".encode()
        + b"--------------Xy9BqHnC3kD4vR0a\r\n"
        b"Content-Type: application/vnd.openxmlformats-officedocument.spreadsheetml.sheet;\r\n"
        + f" name*=UTF-8''{pct}\r\nContent-Disposition: attachment;\r\n filename*=UTF-8''{pct}\r\n".encode()
        + b"Content-Transfer-Encoding: base64\r\n\r\n"
        + base64_body(b"PK\x03\x04" + bytes(40))
        + b"\r\n--------------Xy9BqHnC3kD4vR0a\r\nContent-Type: application/pdf;\r\n"
        + f" name*0*=UTF-8''{pdf_pct[:30]};\r\n name*1*={pdf_pct[30:]}\r\n".encode()
        + b"Content-Disposition: attachment;\r\n"
        + f" filename*0*=UTF-8''{pdf_pct[:30]};\r\n filename*1*={pdf_pct[30:]}\r\n".encode()
        + b"Content-Transfer-Encoding: base64\r\n\r\n"
        + base64_body(b"%PDF-1.7\n")
        + b"\r\n--------------Xy9BqHnC3kD4vR0a--\r\n"
    )
    return _message(head, parts)


# --- Quirks: no charset, HTML only, split words, raw 8-bit headers ---------------------------------------------


@sample(
    "no-charset-utf8",
    subject="問い合わせフォームより",
    from_name="",
    address="noreply-form@example.shop",
    body="お名前：松本 大輔\nご用件：配送日時の変更\n内容：12月5日の午前に変更できますか。",
)
def _no_charset() -> bytes:
    # A web form's mailer: 8-bit UTF-8 with no charset parameter at all, and a raw UTF-8 subject.
    head = (
        b"From: noreply-form@example.shop\r\nTo: support@desk.example.jp\r\n"
        + "Subject: 問い合わせフォームより\r\n".encode()
        + _head(Date=_date(12), Message_ID="<form-20261203-0001@example.shop>", MIME_Version="1.0")
        + b"Content-Type: text/plain\r\nContent-Transfer-Encoding: 8bit\r\n"
    )
    body = "お名前：松本 大輔\r\nご用件：配送日時の変更\r\n内容：12月5日の午前に変更できますか。\r\n".encode()
    return _message(head, body)


@sample(
    "no-charset-iso2022jp",
    subject="領収書の発行",
    from_name="",
    address="kimura@example.co.jp",
    body="領収書を㈱木村製作所宛で発行してください。",
)
def _no_charset_jis() -> bytes:
    head = _head(
        From="kimura@example.co.jp",
        To="support@desk.example.jp",
        Subject=b_word(iso2022jp("領収書の発行"), "ISO-2022-JP"),
        Date=_date(13),
        Message_ID="<no-charset-jis@example.co.jp>",
        MIME_Version="1.0",
        Content_Type="text/plain",
    )
    return _message(head, iso2022jp("領収書を㈱木村製作所宛で発行してください。\r\n"))


@sample(
    "no-content-type-sjis",
    subject="配送状況",
    from_name="",
    address="k.yoshida@example.jp",
    body="荷物がまだ届きません。追跡番号を教えてください。",
)
def _no_content_type() -> bytes:
    # No MIME headers at all, Shift_JIS body: old scripts and some CGI mailers.
    head = _head(
        From="k.yoshida@example.jp",
        To="support@desk.example.jp",
        Subject=b_word(encode("配送状況", "shift_jis"), "SHIFT_JIS"),
        Date=_date(14),
        Message_ID="<cgi.0001@example.jp>",
    )
    return _message(head, encode("荷物がまだ届きません。追跡番号を教えてください。\r\n", "shift_jis"))


@sample(
    "html-only-utf8",
    subject="サービス解約のお願い",
    from_name="森 由美",
    address="yumi.mori@example.com",
    body="いつもありがとうございます。\n来月末でサービスを解約したいと考えております。\n契約番号\nC-2026-0042",
    html=True,
)
def _html_only() -> bytes:
    html = (
        "<!DOCTYPE html><html><head><style>p{color:red}</style><script>alert(1)</script></head><body>"
        "<p>いつもありがとうございます。</p><p>来月末でサービスを<b>解約</b>したいと考えております。</p>"
        "<table><tr><td>契約番号</td><td>C-2026-0042</td></tr></table></body></html>"
    )
    head = _head(
        From=f"{b_word('森 由美'.encode(), 'utf-8')} <yumi.mori@example.com>",
        To="support@desk.example.jp",
        Subject=b_word("サービス解約のお願い".encode(), "utf-8"),
        Date=_date(15),
        Message_ID="<html-only-0001@example.com>",
        MIME_Version="1.0",
        Content_Type='text/html; charset="utf-8"',
        Content_Transfer_Encoding="quoted-printable",
    )
    return _message(head, qp_body(html.encode()))


@sample(
    "docomo-deco-mail-html-sjis",
    subject="画面が割れました",
    from_name="",
    address="hana-77@docomo.ne.jp",
    body="スマホの画面が割れました。\n修理の受付はどこですか？",
    html=True,
)
def _deco_mail() -> bytes:
    html = "<html><body><div>スマホの画面が割れました。</div><div>修理の受付はどこですか？</div></body></html>"
    head = _head(
        From="hana-77@docomo.ne.jp",
        To="support@desk.example.jp",
        Subject=b_word(encode("画面が割れました", "shift_jis"), "Shift_JIS"),
        Date=_date(16),
        Message_ID="<deco.0001.hana@docomo.ne.jp>",
        MIME_Version="1.0",
        Content_Type='multipart/related; boundary="--deco"',
    )
    parts = (
        b"----deco\r\nContent-Type: text/html; charset=Shift_JIS\r\nContent-Transfer-Encoding: 8bit\r\n\r\n"
        + encode(html, "shift_jis")
        + b"\r\n----deco--\r\n"
    )
    return _message(head, parts)


@sample(
    "iso2022jp-subject-split-mid-char",
    subject="商品の色違いへの交換を希望します",
    from_name="清水 陽子",
    address="yoko.shimizu@example.ne.jp",
    body="色違いへの交換は可能でしょうか。",
)
def _split_jis() -> bytes:
    data = iso2022jp("商品の色違いへの交換を希望します")
    head = _head(
        From=f"{b_word(iso2022jp('清水 陽子'), 'ISO-2022-JP')} <yoko.shimizu@example.ne.jp>",
        To="support@desk.example.jp",
        Subject=b_words_split(data, "ISO-2022-JP", 12),  # inside the 4th two-byte character
        Date=_date(17),
        Message_ID="<split-jis-0001@example.ne.jp>",
        MIME_Version="1.0",
        Content_Type="text/plain; charset=ISO-2022-JP",
        Content_Transfer_Encoding="7bit",
    )
    return _message(head, iso2022jp("色違いへの交換は可能でしょうか。\r\n"))


@sample(
    "q-encoded-subject-with-underscores",
    subject="Fw: 配送 遅延 のお知らせ",
    from_name="Aoki Ryo",
    address="ryo.aoki@example.com",
    body="転送します。",
)
def _q_subject() -> bytes:
    head = _head(
        From='"Aoki Ryo" <Ryo.Aoki@Example.COM>',
        To="support@desk.example.jp",
        Subject=f"Fw: {q_word('配送 遅延 のお知らせ'.encode(), 'utf-8').replace('?Q?', '?q?')}",
        Date=_date(18),
        Message_ID="<q-subject-0001@example.com>",
        MIME_Version="1.0",
        Content_Type="text/plain; charset=utf-8",
        Content_Transfer_Encoding="base64",
    )
    return _message(head, base64_body("転送します。\r\n".encode()))


@sample(
    "quoted-encoded-word-filename-sjis",
    subject="返品申込書",
    from_name="藤田 明美",
    address="akemi.fujita@example.co.jp",
    body="返品申込書を送ります。",
    attachments=("返品申込書①.pdf", "レシート.jpg"),
)
def _quoted_ew_filename() -> bytes:
    pdf = b_word(encode("返品申込書①.pdf", "shift_jis"), "Shift_JIS")
    jpg = b_word("レシート.jpg".encode(), "UTF-8")
    head = _head(
        From=f"{b_word(encode('藤田 明美', 'shift_jis'), 'Shift_JIS')} <akemi.fujita@example.co.jp>",
        To="support@desk.example.jp",
        Subject=b_word(encode("返品申込書", "shift_jis"), "Shift_JIS"),
        Date=_date(19),
        Message_ID="<quoted-ew-0001@example.co.jp>",
        MIME_Version="1.0",
        Content_Type='multipart/mixed; boundary="b1"',
    )
    parts = (
        b"--b1\r\nContent-Type: text/plain; charset=Shift_JIS\r\nContent-Transfer-Encoding: base64\r\n\r\n"
        + base64_body(encode("返品申込書を送ります。\r\n", "shift_jis"))
        + f'\r\n--b1\r\nContent-Type: application/pdf; name="{pdf}"\r\n'.encode()
        + f'Content-Disposition: attachment; filename="{pdf}"\r\nContent-Transfer-Encoding: base64\r\n\r\n'.encode()
        + base64_body(b"%PDF-1.3\n")
        + f'\r\n--b1\r\nContent-Type: image/jpeg; name="{jpg}"\r\nContent-Transfer-Encoding: base64\r\n\r\n'.encode()
        + base64_body(b"\xff\xd8\xff\xdb")
        + b"\r\n--b1--\r\n"
    )
    return _message(head, parts)


@sample(
    "rfc2231-iso2022jp-continuation",
    subject="不具合の動画",
    from_name="岡田 剛",
    address="okada@example.co.jp",
    body="動画を添付しました。",
    attachments=("不具合の様子（①回目）.mp4",),
)
def _rfc2231_jis() -> bytes:
    name = iso2022jp("不具合の様子（①回目）.mp4")
    pct = "".join(f"%{b:02X}" for b in name)
    cut = 36
    head = _head(
        From=f"{b_word(iso2022jp('岡田 剛'), 'ISO-2022-JP')} <okada@example.co.jp>",
        To="support@desk.example.jp",
        Subject=b_word(iso2022jp("不具合の動画"), "ISO-2022-JP"),
        Date=_date(20),
        Message_ID="<rfc2231-jis-0001@example.co.jp>",
        MIME_Version="1.0",
        Content_Type='multipart/mixed; boundary="=_b2"',
    )
    parts = (
        b"--=_b2\r\nContent-Type: text/plain; charset=ISO-2022-JP\r\n\r\n"
        + iso2022jp("動画を添付しました。\r\n")
        + b"\r\n--=_b2\r\nContent-Type: video/mp4\r\nContent-Disposition: attachment;\r\n"
        + f" filename*0*=ISO-2022-JP'ja'{pct[:cut]};\r\n filename*1*={pct[cut:]}\r\n".encode()
        + b"Content-Transfer-Encoding: base64\r\n\r\n"
        + base64_body(b"\x00\x00\x00\x18ftypmp42")
        + b"\r\n--=_b2--\r\n"
    )
    return _message(head, parts)


@sample(
    "raw-sjis-display-name",
    subject="電話がつながりません",
    from_name="吉田 健二",
    address="kenji@example.jp",
    body="サポート窓口に電話してもつながりません。",
)
def _raw_name() -> bytes:
    # Unencoded Shift_JIS bytes in From and Subject: broken, but sent by old in-house systems.
    head = (
        b'From: "'
        + encode("吉田 健二", "shift_jis")
        + b'" <kenji@example.jp>\r\n'
        + b"Subject: "
        + encode("電話がつながりません", "shift_jis")
        + b"\r\n"
        + _head(
            To="support@desk.example.jp",
            Date=_date(21),
            Message_ID="<raw-sjis-0001@example.jp>",
            MIME_Version="1.0",
            Content_Type="text/plain; charset=Shift_JIS",
            Content_Transfer_Encoding="8bit",
        )
    )
    return _message(head, encode("サポート窓口に電話してもつながりません。\r\n", "shift_jis"))


@sample(
    "mislabelled-iso2022jp-is-sjis",
    subject="ポイントが反映されない",
    from_name="",
    address="points@example.ne.jp",
    body="先月のポイントが反映されていません。",
)
def _mislabelled() -> bytes:
    head = _head(
        From="points@example.ne.jp",
        To="support@desk.example.jp",
        Subject=b_word(encode("ポイントが反映されない", "shift_jis"), "ISO-2022-JP"),
        Date=_date(22),
        Message_ID="<mislabel-0001@example.ne.jp>",
        MIME_Version="1.0",
        Content_Type="text/plain; charset=ISO-2022-JP",
        Content_Transfer_Encoding="8bit",
    )
    return _message(head, encode("先月のポイントが反映されていません。\r\n", "shift_jis"))


@sample(
    "english-latin1-outlook",
    subject="Refund for order #4471 – café machine",
    from_name="José Müller",
    address="jose.muller@example.de",
    body="Hello,\nthe café machine arrived broken. I’d like a refund.\nRegards, José",
)
def _latin1() -> bytes:
    head = _head(
        From=f"{q_word('José Müller'.encode('cp1252'), 'iso-8859-1')} <jose.muller@example.de>",
        To="support@desk.example.jp",
        Subject=q_word("Refund for order #4471 – café machine".encode("cp1252"), "windows-1252"),
        Date=_date(23),
        Message_ID="<latin1-0001@example.de>",
        MIME_Version="1.0",
        Content_Type='text/plain; charset="iso-8859-1"',
        Content_Transfer_Encoding="quoted-printable",
    )
    text = "Hello,\r\nthe café machine arrived broken. I’d like a refund.\r\nRegards, José\r\n"
    return _message(head, qp_body(text.encode("cp1252")))


@sample(
    "yahoo-utf8-multiple-words",
    subject="【再送】アカウント削除の依頼（会員番号 0012345）",
    from_name="高田 恵",
    address="megumi_takada@yahoo.co.jp",
    body="先日お送りした依頼の再送です。\nアカウントを削除してください。",
)
def _yahoo() -> bytes:
    subject = "【再送】アカウント削除の依頼（会員番号 0012345）".encode()
    words = [subject[:21], subject[21:45], subject[45:]]  # each cut inside a character
    head = _head(
        From=f"{b_word('高田 恵'.encode(), 'UTF-8')} <megumi_takada@yahoo.co.jp>",
        To="support@desk.example.jp",
        Subject="\r\n ".join(b_word(w, "UTF-8") for w in words),
        Date=_date(24),
        Message_ID="<1234567890.12345.1701234567890@mail.yahoo.co.jp>",
        MIME_Version="1.0",
        Content_Type="text/plain; charset=UTF-8",
        Content_Transfer_Encoding="base64",
    )
    return _message(head, base64_body("先日お送りした依頼の再送です。\r\nアカウントを削除してください。\r\n".encode()))


@sample(
    "becky-iso2022jp-kanji-variants",
    subject="﨑と髙の表示について",
    from_name="山﨑 隆",
    address="t.yamasaki@example.co.jp",
    body="宛名の「山﨑」が「山崎」と表示されます。\n髙島屋の「髙」も同じです。\n∑∮∟⊿も試しました。",
)
def _becky() -> bytes:
    head = _head(
        From=f"{b_word(iso2022jp('山﨑 隆'), 'ISO-2022-JP')} <t.yamasaki@example.co.jp>",
        To="support@desk.example.jp",
        Subject=b_word(iso2022jp("﨑と髙の表示について"), "ISO-2022-JP"),
        Date=_date(25),
        Message_ID="<20261203120000.ABCD.t.yamasaki@example.co.jp>",
        MIME_Version="1.0",
        Content_Type="text/plain; charset=ISO-2022-JP",
        Content_Transfer_Encoding="7bit",
        X_Mailer="Becky! ver. 2.81.04",
    )
    body = "宛名の「山﨑」が「山崎」と表示されます。\r\n髙島屋の「髙」も同じです。\r\n∑∮∟⊿も試しました。\r\n"
    return _message(head, iso2022jp(body))
