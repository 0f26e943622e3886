"""Personal data recognised by its shape, whoever it belongs to: e-mails, phones, postal codes, addresses,
company names with a legal form, and names followed by an honorific (様, さん) or after Mr./Ms.

Every function takes the folded text (``Folded.light``: NFKC, lower case, dashes as "-", kanji numerals in number
runs as digits) and returns (start, end, kind) spans of it.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterator

from supportdesk.masking.fold import Folded, fold
from supportdesk.masking.kinds import ADDRESS, COMPANY, EMAIL, NAME, PHONE, POSTAL
from supportdesk.masking.lexicon import can_be_person_name, is_known_word, only_proper_noun, tokenizer

Span = tuple[int, int, str]

# ---- e-mail --------------------------------------------------------------------------------------------------

_AT = r"(?:\s*@\s*|\s*[(\[<{（［]\s*(?:at|あっと|アット)\s*[)\]>}）］]\s*|\s+at\s+|\s*(?:アットマーク|あっとまーく)\s*)"
_DOT = r"(?:\.|\s*[(\[<{（［]\s*(?:dot|どっと|ドット)\s*[)\]>}）］]\s*|\s+dot\s+)"
_EMAIL = re.compile(rf"[a-z0-9][a-z0-9._%+\-]*{_AT}[a-z0-9\-]+(?:{_DOT}[a-z0-9\-]+)*{_DOT}[a-z]{{2,}}")

# ---- phone ---------------------------------------------------------------------------------------------------

# 03-5555-1111, 090 1234 5678, (03)5555-1111, +81-3-5555-1111, 0120-123-456, 03.5555.1111, TEL03…; kanji
# numerals and full-width digits arrive here as digits. Separators: one or two of - . space ( ) /.
_PHONE = re.compile(r"(?<![0-9])(?:\(\s?)?(?:\+\s?81|0)(?:[\s\-.()/]{0,2}[0-9]){8,11}(?![0-9])")


def phone_digits_ok(found: str) -> bool:
    digits = re.sub(r"[^0-9]", "", found)
    if digits.startswith(("0120", "0570")):
        return False  # free-dial and navi-dial numbers belong to businesses (ours, mostly), not to a person
    if found.lstrip().startswith("+"):
        national = digits[2:].lstrip("0")
        return 9 <= len(national) <= 10
    return 10 <= len(digits) <= 11


# ---- postal code ---------------------------------------------------------------------------------------------

_POSTAL = re.compile(
    r"(?:〒|郵便番号\s*[:：]?|zip\s*[:：]?)\s*[0-9]{3}\s?-?\s?[0-9]{4}(?![0-9])"  # with the mark: 〒1500001 too
    r"|(?<![0-9\-])[0-9]{3}-[0-9]{4}(?![0-9\-])"  # without it only with the hyphen (150-0001)
)

# ---- address -------------------------------------------------------------------------------------------------

_PREFECTURES = (
    "北海道|東京都|京都府|大阪府|青森県|岩手県|宮城県|秋田県|山形県|福島県|茨城県|栃木県|群馬県|埼玉県|千葉県|神奈川県|"
    "新潟県|富山県|石川県|福井県|山梨県|長野県|岐阜県|静岡県|愛知県|三重県|滋賀県|兵庫県|奈良県|和歌山県|鳥取県|"
    "島根県|岡山県|広島県|山口県|徳島県|香川県|愛媛県|高知県|福岡県|佐賀県|長崎県|熊本県|大分県|宮崎県|鹿児島県|沖縄県"
)
_PLACE = r"[\u4e00-\u9fff々ヶケ\u30a1-\u30fa\u30fcが-ゔのノ]"
_NUM = r"[0-9〇一二三四五六七八九十]+"
# A block: 1-2-3, 1丁目2番3号, 1丁目2-3, 12番地, 3-12-1-502; then an optional building and room.
_BLOCK = rf"{_NUM}\s?(?:丁目|番地|番|号|-){{1}}(?:\s?{_NUM}\s?(?:丁目|番地|番|号|-)?){{0,4}}"
_BUILDING_WORDS = "ビル|マンション|ハイツ|コーポ|荘|タワー|レジデンス|ハウス|アパート|ヒルズ|プラザ"
_ROOM = r"[0-9]+(?:階|f|号室|号)"
_BUILDING_NAME = rf"[\u4e00-\u9fff\u30a1-\u30fa\u30fca-z0-9・&]{{1,20}}?(?:{_BUILDING_WORDS})"
_BUILDING = rf"(?:\s?{_BUILDING_NAME}(?:\s?[0-9]+(?:階|f|号室|号)?)?|\s?{_ROOM})?"
_ADDRESS = re.compile(
    rf"(?:(?:{_PREFECTURES}){_PLACE}{{1,8}}?(?:市|区|郡|町|村)|{_PLACE}{{1,6}}?(?:市|区)){_PLACE}{{0,12}}?{_BLOCK}{_BUILDING}"
)

# ---- companies -----------------------------------------------------------------------------------------------

_LEGAL = (
    "株式会社|有限会社|合同会社|合資会社|合名会社|一般社団法人|一般財団法人|特定非営利活動法人|npo法人"
    "|\\(株\\)|\\(有\\)|\\(同\\)"
)
_LEGAL_RE = re.compile(_LEGAL)
_NAMEISH = r"[\u4e00-\u9fff々ヶ\u30a1-\u30fa\u30fc・a-z0-9&\-]"


def _company_tokens_after(text: str, start: int) -> int:
    """End of the company name that follows a legal form at ``start`` (株式会社さくら商事の → さくら商事)."""
    window = text[start : start + 24]
    end = start
    for m in tokenizer().tokenize(window):
        pos = m.part_of_speech()
        if (pos[0] in ("名詞", "接尾辞") and pos[2] != "副詞可能" and pos[1] != "代名詞") or not is_known_word(
            m.surface()
        ):
            if m.surface().strip() == "" or m.surface() in ("様", "御中", "殿"):
                break
            end = start + m.end()
        else:
            break
    return end


def _company_tokens_before(text: str, end: int) -> int:
    """Start of the company name that stands before a legal form ending at ``end`` (今回ヤマト運輸株式会社)."""
    run_start = end
    while run_start > 0 and end - run_start < 20 and re.match(_NAMEISH, text[run_start - 1]):
        run_start -= 1
    run = text[run_start:end]
    if not run:
        return end
    tokens = list(tokenizer().tokenize(run))
    start = end
    for m in reversed(tokens):
        pos = m.part_of_speech()
        if pos[2] == "副詞可能" or pos[1] in ("代名詞", "数詞") or pos[0] in ("連体詞", "接頭辞", "助詞"):
            break
        start = run_start + m.begin()
    return start


def companies(text: str) -> Iterator[Span]:
    for m in _LEGAL_RE.finditer(text):
        after = _company_tokens_after(text, m.end())
        before = _company_tokens_before(text, m.start()) if after == m.end() else m.start()
        if after > m.end() or before < m.start():
            yield before, after, COMPANY


# ---- names by their honorific ---------------------------------------------------------------------------------

HONORIFICS = (
    "様|さま|サマ|さん|サン|殿|氏|くん|クン|君|ちゃん|チャン|先生|部長|課長|係長|社長|主任|店長|専務|常務|会長|"
    "室長|支店長|副社長|取締役|マネージャー"
)
_HONORIFIC = re.compile(rf"(?:{HONORIFICS})")
_LATIN_HONORIFIC = re.compile(r"[\-\s](?:sama|san|kun|chan|sensei|dono)(?![a-z])")
# Words that take 様/さん but are nobody's name (お客様, 皆様, 奥様, 神様, ご担当者様, 運転手さん …).
_NOT_NAMES = frozenset(
    [
        "客",
        "皆",
        "奥",
        "神",
        "王",
        "姫",
        "方",
        "殿",
        "母",
        "父",
        "兄",
        "姉",
        "弟",
        "妹",
        "娘",
        "孫",
        "嫁",
        "婿",
        "妻",
        "夫",
        "主人",
        "旦那",
        "息子",
        "子供",
        "親御",
        "先方",
        "相手",
        "各位",
        "御社",
        "貴社",
        "弊社",
        "当社",
        "担当",
        "担当者",
        "会員",
        "利用者",
        "購入者",
        "契約者",
        "申込者",
        "登録者",
        "使用者",
        "責任者",
        "関係者",
        "業者",
        "医者",
        "患者",
        "店員",
        "社員",
        "職員",
        "配達員",
        "運転手",
        "大家",
        "家主",
        "上",
        "下",
        "中",
        "外",
        "内",
        "皆々",
        "神々",
        "仏",
        "天",
        "お客",
        "おかみ",
        "女将",
        "若",
        "坊ちゃん",
        "お嬢",
        "お嬢様",
        "王子",
        "女王",
        "殿下",
        "陛下",
    ]
)
_KANJI_RUN = re.compile(r"[\u4e00-\u9fff々ヶ]{1,8}$")
_KATAKANA_RUN = re.compile(r"[\u30a1-\u30fa\u30fc・]{2,12}$")


def _kanji_name_before(run: str) -> int:
    """How many characters at the end of a kanji run are a name (経理部田中 → 2), by the dictionary."""
    taken = 0
    for m in reversed(list(tokenizer().tokenize(run))):
        word = m.surface()
        if word in _NOT_NAMES or not can_be_person_name(word):
            break
        taken += len(word)
    return taken


def honorific_names(folded: Folded, is_staff: Callable[[str], bool]) -> Iterator[Span]:
    """Names of people not on file, recognised by an honorific after them (田中様, スミス様, Tanaka-san, Mr. Smith).

    ``is_staff`` says whether a name is one of the desk's own agents: customers write "渡辺さんに対応いただきました"
    about the agent, who is not the personal data being protected.
    """
    text = folded.light
    for h in _HONORIFIC.finditer(text):
        at = h.start() - 1 if h.start() and text[h.start() - 1] == " " else h.start()
        before = text[max(0, at - 12) : at]
        kanji = _KANJI_RUN.search(before)
        if kanji:
            size = _kanji_name_before(kanji.group())
            if size and not is_staff(kanji.group()[-size:]):
                yield at - size, at, NAME
            continue
        katakana = _KATAKANA_RUN.search(before)
        if katakana:
            word = katakana.group().strip("・")
            # Unknown katakana before 様 is a foreign name (スミス様); ドライバーさん is a dictionary word too.
            if (not is_known_word(word) or only_proper_noun(word)) and not is_staff(word):
                yield at - len(katakana.group()), at, NAME
    found = [m.span("name") for m in _AFTER_TITLE.finditer(text)]
    for h in _LATIN_HONORIFIC.finditer(text):
        named = _BEFORE_HONORIFIC.search(text, max(0, h.start() - 45), h.start())
        if named:
            found.append(named.span("name"))
    for start, end in found:
        name = text[start:end]
        first, _ = folded.span(start, end)
        # Names are capitalised (Mr. Tanaka); "dear all", "Dear Customer" are not names.
        capitalised = folded.original[first : first + 1].isupper()
        if capitalised and name.split()[0] not in _NOT_LATIN_NAMES and not is_staff(name):
            yield start, end, NAME


_LATIN_WORD = r"[a-z][a-z'\-]{1,20}"
_NOT_LATIN_NAMES = frozenset(
    [
        "sir",
        "madam",
        "madame",
        "customer",
        "customers",
        "team",
        "support",
        "all",
        "colleagues",
        "valued",
        "client",
        "clients",
        "user",
        "users",
        "member",
        "members",
        "friend",
        "friends",
        "everyone",
        "partner",
        "partners",
        "shop",
        "store",
        "staff",
        "manager",
    ]
)
_AFTER_TITLE = re.compile(rf"(?<![a-z])(?:mr|ms|mrs|miss|dear|dr)\.?\s+(?P<name>{_LATIN_WORD}(?:\s+{_LATIN_WORD})?)")
_BEFORE_HONORIFIC = re.compile(rf"(?<![a-z])(?P<name>{_LATIN_WORD}(?:\s+{_LATIN_WORD})?)$")


def shapes(text: str, digits_only: bool = False) -> Iterator[Span]:
    """E-mails, phones, postal codes and addresses in ``text``."""
    for m in _EMAIL.finditer(text):
        yield m.start(), m.end(), EMAIL
    for m in _PHONE.finditer(text):
        if phone_digits_ok(m.group()):
            yield m.start(), m.end(), PHONE
    for m in _POSTAL.finditer(text):
        yield m.start(), m.end(), POSTAL
    if not digits_only:
        yield from _addresses(text)


_MUNICIPALITY = re.compile(r"[市区郡町村]")
_ANY_DIGIT = re.compile(r"[0-9〇一二三四五六七八九十]")


def _addresses(text: str) -> Iterator[Span]:
    """Addresses, looked for only around a municipality (市, 区 …): scanning every position was most of the time."""
    if not _ANY_DIGIT.search(text):
        return
    done = 0
    for m in _MUNICIPALITY.finditer(text):
        if m.start() < done:
            continue
        found = _ADDRESS.search(text, max(done, m.start() - 16), m.end() + 80)
        if found and found.start() <= m.start() < found.end():
            yield found.start(), found.end(), ADDRESS
            done = found.end()


def looks_like_contact(text: str) -> str | None:
    """The kind of contact detail a search query spells (an e-mail or a phone number), if it spells one."""
    for start, end, kind in shapes(fold(text).light, digits_only=True):
        if kind in (EMAIL, PHONE) and end > start:
            return kind
    return None
