"""A generated set of ticket texts with every personal value marked, to measure masking.

Deterministic (one seed): people with family and given names of one to four characters, some written with variant
kanji on file (髙, 﨑, 邊 …) and the common form in the text or the other way round; their readings in katakana,
hiragana, half-width and romaji; phones in every separator, width and kanji digits; e-mails with full-width ＠;
postal codes with and without 〒; addresses whole and in part; the company in its legal forms; colleagues and
people not on file named with an honorific. Around them, ordinary support text with traps: a given name that is an
ordinary word (東京) used as a word, the agent introducing themselves ("渡辺です。"), さとう as sugar.

Each case is the people on file, and texts with the (start, end) of every personal value in them.
"""

from __future__ import annotations

import random
from dataclasses import dataclass, field

import jaconv

from supportdesk.masking import Author, Organisation, Person, PersonalData

SEED = 20261203

# Name parts as (kanji, reading). One-character parts, composed ones of two to four characters, and a few that
# the dictionary knows as ordinary words (東京, 希望) to test over-masking.
FAMILY_1 = [
    ("林", "ハヤシ"),
    ("森", "モリ"),
    ("原", "ハラ"),
    ("関", "セキ"),
    ("東", "アズマ"),
    ("堀", "ホリ"),
    ("呉", "ゴ"),
    ("辻", "ツジ"),
    ("岡", "オカ"),
    ("谷", "タニ"),
    ("泉", "イズミ"),
    ("柴", "シバ"),
    ("南", "ミナミ"),
    ("宮", "ミヤ"),
    ("榊", "サカキ"),
    ("桂", "カツラ"),
    ("楠", "クスノキ"),
    ("畑", "ハタ"),
    ("峰", "ミネ"),
    ("翁", "オキナ"),
]
GIVEN_1 = [
    ("一", "ハジメ"),
    ("誠", "マコト"),
    ("翔", "ショウ"),
    ("薫", "カオル"),
    ("忍", "シノブ"),
    ("茂", "シゲル"),
    ("進", "ススム"),
    ("勇", "イサム"),
    ("聡", "サトシ"),
    ("恵", "メグミ"),
    ("舞", "マイ"),
    ("光", "ヒカル"),
    ("望", "ノゾミ"),
    ("学", "マナブ"),
    ("司", "ツカサ"),
    ("蓮", "レン"),
    ("凛", "リン"),
    ("楓", "カエデ"),
]
FAMILY_SYLLABLES = [
    ("山", "ヤマ"),
    ("田", "ダ"),
    ("川", "カワ"),
    ("本", "モト"),
    ("中", "ナカ"),
    ("村", "ムラ"),
    ("井", "イ"),
    ("木", "キ"),
    ("野", "ノ"),
    ("高", "タカ"),
    ("橋", "ハシ"),
    ("松", "マツ"),
    ("島", "シマ"),
    ("藤", "フジ"),
    ("石", "イシ"),
    ("小", "コ"),
    ("大", "オオ"),
    ("西", "ニシ"),
    ("北", "キタ"),
    ("竹", "タケ"),
    ("沢", "サワ"),
    ("崎", "サキ"),
    ("浜", "ハマ"),
    ("池", "イケ"),
    ("口", "グチ"),
    ("岩", "イワ"),
    ("坂", "サカ"),
    ("菊", "キク"),
    ("桑", "クワ"),
    ("梅", "ウメ"),
    ("柳", "ヤナギ"),
    ("堤", "ツツミ"),
    ("磯", "イソ"),
    ("芦", "アシ"),
    ("辺", "ベ"),
    ("斎", "サイ"),
    ("渡", "ワタ"),
    ("瀬", "セ"),
    ("鶴", "ツル"),
    ("亀", "カメ"),
]
GIVEN_SYLLABLES = [
    ("花", "ハナ"),
    ("子", "コ"),
    ("太", "タ"),
    ("郎", "ロウ"),
    ("美", "ミ"),
    ("恵", "エ"),
    ("真", "マ"),
    ("由", "ユ"),
    ("紀", "キ"),
    ("奈", "ナ"),
    ("健", "ケン"),
    ("大", "ダイ"),
    ("輔", "スケ"),
    ("樹", "キ"),
    ("直", "ナオ"),
    ("和", "カズ"),
    ("彦", "ヒコ"),
    ("沙", "サ"),
    ("希", "キ"),
    ("綾", "アヤ"),
    ("秀", "ヒデ"),
    ("雄", "オ"),
    ("千", "チ"),
    ("里", "サト"),
    ("香", "カ"),
    ("智", "トモ"),
    ("也", "ヤ"),
    ("菜", "ナ"),
]
LONG_FAMILY = [
    ("勅使河原", "テシガワラ"),
    ("小比類巻", "コヒルイマキ"),
    ("長曽我部", "チョウソカベ"),
    ("五十嵐", "イガラシ"),
    ("佐々木", "ササキ"),
    ("長谷川", "ハセガワ"),
    ("東海林", "ショウジ"),
    ("宇佐美", "ウサミ"),
]
ORDINARY_GIVEN = [("東京", "トウキョウ"), ("希望", "キボウ"), ("沖縄", "オキナワ")]
# On file with the variant, written with the common form in the text (or the reverse).
VARIANTS = {"高": "髙", "崎": "﨑", "辺": "邊", "斎": "齋", "浜": "濵", "沢": "澤", "島": "嶋", "藤": "籐"}
STAFF = ["渡辺 健", "鈴木 一郎", "小林 恵美"]

FILLER = [
    "先日購入したルーターの件でご連絡しました。",
    "電源を入れても接続できず、再起動も試しましたが改善しません。",
    "返品の手続きについて教えてください。",
    "請求書の金額が二重になっているようです。",
    "ログインできなくなりました。パスワードの再設定をお願いします。",
    "配送が遅れているようですが、いつ届きますか。",
    "東京サポートセンターの営業時間を教えてください。",
    "東京都内への配送は翌日になります。",
    "ご希望の日時をお知らせください。",
    "お客様、いつもご利用ありがとうございます。",
    "皆様にご迷惑をおかけしております。",
    "コーヒーにさとうを入れすぎないようにと書かれていました。",
    "ユーザー様の設定画面から変更できます。",
    "注文番号 ORD-20261101-0001 の商品です。金額は12,800円でした。",
    "2026-11-01 10:00 に発送済みです。",
    "沖縄県への配送は追加料金がかかります。",
    "ドライバーさんに確認します。",
    "担当者様よりご連絡いたします。",
    "製品のシリアルは SN-4455-7788 です。",
    "型番 X200 のファームウェアを最新にしてください。",
    "マイページからご確認ください。",
    "のぞみ号で伺います。",
    "Thank you for contacting support. Dear Customer, please reset your password.",
    "営業時間は10:00-18:00です。",
    "フリーダイヤル 0120-123-456 までご連絡ください。",
    "https://support.example.com/faq/123 を参照してください。",
    "大阪府の倉庫から出荷します。",
    "会議室は5階です。棚番号は A-3-2 です。",
    "サトウキビ由来の素材を使っています。",
    "ハヤシライスの写真が添付されていました。",
    "Please contact our Tokyo office for an invoice.",
    "ご担当者様、ご確認をお願いいたします。",
    "在庫は北倉庫にあります。",
]


@dataclass
class Text:
    author: Author
    parts: list[str] = field(default_factory=list)
    spans: list[tuple[int, int, str]] = field(default_factory=list)  # personal values: (start, end, what)
    length: int = 0

    def plain(self, text: str) -> None:
        self.parts.append(text)
        self.length += len(text)

    def personal(self, text: str, what: str) -> None:
        self.spans.append((self.length, self.length + len(text), what))
        self.plain(text)

    @property
    def text(self) -> str:
        return "".join(self.parts)


@dataclass
class Case:
    data: PersonalData
    texts: list[Text]


def _compose(rng: random.Random, syllables: list[tuple[str, str]], size: int) -> tuple[str, str]:
    picked = rng.sample(syllables, size)
    return "".join(k for k, _ in picked), "".join(r for _, r in picked)


def _family(rng: random.Random, size: int) -> tuple[str, str]:
    if size == 1:
        return rng.choice(FAMILY_1)
    if size == 4 or (size == 3 and rng.random() < 0.3):
        return rng.choice([n for n in LONG_FAMILY if len(n[0]) == size] or LONG_FAMILY)
    return _compose(rng, FAMILY_SYLLABLES, size)


def _given(rng: random.Random, size: int) -> tuple[str, str]:
    if size == 1:
        return rng.choice(GIVEN_1)
    return _compose(rng, GIVEN_SYLLABLES, size)


def _romaji(kana: str) -> str:
    return jaconv.kana2alphabet(jaconv.kata2hira(kana)).replace("-", "")


def _hankaku(kana: str) -> str:
    return jaconv.z2h(kana, kana=True, ascii=False, digit=False)


def _fullwidth(text: str) -> str:
    return jaconv.h2z(text, kana=False, ascii=True, digit=True)


_KANJI_DIGITS = "〇一二三四五六七八九"


def _phone_forms(rng: random.Random, digits: str) -> str:
    a, b, c = (digits[:2], digits[2:6], digits[6:]) if len(digits) == 10 else (digits[:3], digits[3:7], digits[7:])
    forms = [
        f"{a}-{b}-{c}",
        f"{a}\u2212{b}\u2212{c}",
        f"{a}.{b}.{c}",
        f"{a} {b} {c}",
        f"({a}){b}-{c}",
        _fullwidth(f"{a}-{b}-{c}"),
        "".join(_KANJI_DIGITS[int(d)] if d.isdigit() else d for d in f"{a}-{b}-{c}"),
        f"+81-{a[1:]}-{b}-{c}",
        digits,
        f"{a}ー{b}ー{c}",
    ]
    return rng.choice(forms)


def _email_forms(rng: random.Random, email: str) -> str:
    local, domain = email.split("@")
    return rng.choice([email, f"{local}＠{domain}", _fullwidth(email), f"{local} (at) {domain}", email.upper()])


def _postal_forms(rng: random.Random, code: str) -> str:
    return rng.choice(
        [
            f"〒{code[:3]}-{code[3:]}",
            f"〒{code}",
            f"〒 {code[:3]}-{code[3:]}",
            f"{code[:3]}-{code[3:]}",
            f"郵便番号{code}",
            _fullwidth(f"〒{code[:3]}-{code[3:]}"),
        ]
    )


CITIES = [
    ("東京都", "渋谷区", "神南"),
    ("大阪府", "大阪市北区", "梅田"),
    ("神奈川県", "横浜市中区", "山下町"),
    ("愛知県", "名古屋市中村区", "名駅"),
    ("福岡県", "福岡市博多区", "博多駅前"),
    ("北海道", "札幌市中央区", "北一条西"),
]


def _address(rng: random.Random) -> tuple[str, str]:
    """(the address on file, a form of it written in a message)."""
    pref, city, town = rng.choice(CITIES)
    a, b, c = rng.randint(1, 9), rng.randint(1, 30), rng.randint(1, 20)
    building = rng.choice(["", f" サクラビル{rng.randint(2, 9)}F", f" グランハイツ{rng.randint(101, 905)}号室"])
    on_file = f"{pref}{city}{town}{a}丁目{b}番{c}号{building}"
    written = rng.choice(
        [
            on_file,
            f"{pref}{city}{town}{a}-{b}-{c}{building}",
            f"{city}{town}{a}-{b}-{c}",
            f"{city}{town}{a}丁目{b}番{c}号",
            _fullwidth(f"{pref}{city}{town}{a}-{b}-{c}"),
        ]
    )
    return on_file, written


COMPANY_CORES = [
    ("さくら商事", "サクラショウジ"),
    ("青葉システム", "アオバシステム"),
    ("ミドリ電機", "ミドリデンキ"),
    ("北斗物産", "ホクトブッサン"),
    ("ひかり通信", "ヒカリツウシン"),
    ("オリオン工業", "オリオンコウギョウ"),
]


def _company_forms(rng: random.Random, core: str, kana: str) -> str:
    return rng.choice(
        [f"株式会社{core}", f"{core}株式会社", f"(株){core}", f"㈱{core}", core, f"{core}(株)", _hankaku(kana)]
    )


def _person(rng: random.Random, index: int) -> tuple[Person, dict[str, str]]:
    fam_size = rng.choice([1, 1, 2, 2, 2, 3, 4])
    giv_size = rng.choice([1, 2, 2, 3])
    family, family_kana = _family(rng, fam_size)
    given, given_kana = _given(rng, giv_size) if rng.random() > 0.08 else rng.choice(ORDINARY_GIVEN)
    file_family, text_family = family, family
    if any(ch in VARIANTS for ch in family) and rng.random() < 0.5:
        file_family = "".join(VARIANTS.get(ch, ch) for ch in family)
        if rng.random() < 0.5:
            file_family, text_family = text_family, file_family
    digits = rng.choice(["03", "06", "090", "080", "045"]) + "".join(str(rng.randint(0, 9)) for _ in range(8))
    digits = digits[:11] if digits.startswith(("090", "080")) else digits[:10]
    code = f"{rng.randint(100, 999)}{rng.randint(0, 9999):04d}"
    on_file, written = _address(rng)
    email = f"{_romaji(given_kana)}.{_romaji(family_kana)}{index}@example{index % 7}.co.jp"
    person = Person(
        name=f"{file_family} {given}",
        kana=f"{family_kana} {given_kana}",
        emails=(email,),
        phones=(f"{digits[:3]}-{digits[3:7]}-{digits[7:]}",),
        addresses=(on_file,),
        postal_codes=(f"{code[:3]}-{code[3:]}",),
    )
    return person, {
        "family": text_family,
        "given": given,
        "fk": family_kana,
        "gk": given_kana,
        "digits": digits,
        "code": code,
        "address": written,
        "email": email,
    }


def _name_form(rng: random.Random, v: dict[str, str]) -> tuple[str, str]:
    """(a way of writing the person's name, the honorific or word that follows it)."""
    fam, giv, fk, gk = v["family"], v["given"], v["fk"], v["gk"]
    honorific = rng.choice(["様", "さん", "さま", "殿", "様", "さん"])
    forms = [
        (f"{fam} {giv}", honorific),
        (f"{fam}{giv}", rng.choice(["", honorific])),
        (f"{fam}\u3000{giv}", honorific),
        (fam, honorific),
        (giv, rng.choice(["さん", "様", "ちゃん"])),
        (fk, honorific),
        (jaconv.kata2hira(fk), honorific),
        (_hankaku(fk), rng.choice(["様", "ｻﾏ", "さん"])),
        (f"{fk} {gk}", ""),
        (_hankaku(f"{fk}{gk}"), ""),
        (_romaji(fk).capitalize(), rng.choice(["-sama", "-san", " san"])),
        (f"{_romaji(gk).capitalize()} {_romaji(fk).capitalize()}", ""),
        (f"{_romaji(fk).upper()} {_romaji(gk).capitalize()}", ""),
    ]
    if len(fam) >= 2:
        forms.append((fam, rng.choice(["から", "より", "の件", "が"])))
    if len(fk) >= 3:
        forms.append((fk, rng.choice(["から", "の件"])))
    return rng.choice(forms)


UNKNOWN_PEOPLE = ["田村", "杉山", "河合", "ジョンソン", "マルティネス", "木下", "桜井", "野口", "Smith", "Garcia"]


def build_cases(n: int = 400, seed: int = SEED) -> list[Case]:
    rng = random.Random(seed)
    cases = []
    for i in range(n):
        customer, v = _person(rng, i)
        colleague, cv = _person(rng, i + 10_000)
        core, core_kana = rng.choice(COMPANY_CORES)
        company = Organisation(name=f"株式会社{core}", kana=f"カブシキガイシャ{core_kana}")
        staff_name = rng.choice(STAFF)
        data = PersonalData(people=(customer, colleague), companies=(company,), staff=tuple(STAFF))
        texts = []
        for kind in range(rng.randint(3, 5)):
            author = Author(customer=True) if kind % 2 == 0 else Author(staff_name=staff_name)
            t = Text(author)
            if not author.customer:
                t.plain(rng.choice(["お世話になっております。", "いつもありがとうございます。"]))
                t.plain(f"サポートの{staff_name.split()[0]}です。")
            for _ in range(rng.randint(2, 5)):
                _sentence(rng, t, v, cv, core, core_kana)
            texts.append(t)
        cases.append(Case(data, texts))
    return cases


def _sentence(rng: random.Random, t: Text, v: dict[str, str], cv: dict[str, str], core: str, core_kana: str) -> None:
    choice = rng.randrange(10)
    t.plain(rng.choice(FILLER))
    if choice <= 2:
        name, after = _name_form(rng, v)
        t.plain(rng.choice(["", "ご担当の", "先ほど"]))
        t.personal(name, "name")
        t.plain(after + rng.choice(["からお電話がありました。", "へ折り返します。", "。", "のご依頼の件です。"]))
    elif choice == 3:
        t.plain(rng.choice(["電話番号は", "TEL", "連絡先: ", "日中は"]))
        t.personal(_phone_forms(rng, v["digits"]), "phone")
        t.plain(rng.choice(["です。", "までお願いします。", "。"]))
    elif choice == 4:
        t.plain(rng.choice(["メールは", "連絡先: ", "返信先 "]))
        t.personal(_email_forms(rng, v["email"]), "email")
        t.plain(rng.choice([" までお願いします。", " です。"]))
    elif choice == 5:
        t.plain("送り先は")
        t.personal(_postal_forms(rng, v["code"]), "postal")
        t.plain(" ")
        t.personal(v["address"], "address")
        t.plain(rng.choice(["です。", "までお願いします。"]))
    elif choice == 6:
        t.personal(_company_forms(rng, core, core_kana), "company")
        t.plain(rng.choice(["の経理部より連絡がありました。", "様との契約です。", "の件で問い合わせがありました。"]))
    elif choice == 7:
        name, after = _name_form(rng, cv)
        t.plain(rng.choice(["同僚の", "経理の", ""]))
        t.personal(name, "colleague")
        t.plain((after or "さん") + "にも共有済みです。")
    elif choice == 8:
        who = rng.choice(UNKNOWN_PEOPLE)
        t.plain(rng.choice(["倉庫の", "前任の", ""]))
        if who.isascii():
            t.plain("Mr. ")
            t.personal(who, "unknown")
            t.plain(" によると、")
        else:
            t.personal(who, "unknown")
            t.plain(rng.choice(["様", "さん"]) + "によると、在庫はあるそうです。")
    else:
        t.plain(rng.choice(FILLER))
