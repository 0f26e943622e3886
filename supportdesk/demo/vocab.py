"""Fixed vocabularies of the demo desk: staff, regions, names, companies, and the words people use about them.

Kept as plain tuples so a build reads them in a fixed order: the same seed must always pick the same items.
"""

from typing import NamedTuple

from supportdesk.models import Role

TOKYO = "東京サポート"
OSAKA = "大阪サポート"
TEAMS: tuple[str, ...] = (TOKYO, OSAKA)

# (login, name, role, team). Agents are split over both teams so queues per team are worth showing.
DEMO_USERS: tuple[tuple[str, str, Role, str | None], ...] = (
    ("sato", "佐藤 美咲", Role.AGENT, TOKYO),
    ("suzuki", "鈴木 健太", Role.AGENT, TOKYO),
    ("kobayashi", "小林 翼", Role.AGENT, TOKYO),
    ("tanaka", "田中 陽子", Role.AGENT, OSAKA),
    ("watanabe", "渡辺 大輔", Role.AGENT, OSAKA),
    ("nakamura", "中村 翔太", Role.AGENT, OSAKA),
    ("takahashi", "高橋 由美", Role.LEAD, TOKYO),
    ("ito", "伊藤 翔", Role.TRAINER, TOKYO),
    ("admin", "管理者", Role.ADMIN, None),
)


class Region(NamedTuple):
    prefecture: str
    city: str
    postal3: str
    area_code: str
    team: str
    weight: int


REGIONS: tuple[Region, ...] = (
    Region("東京都", "千代田区", "101", "03", TOKYO, 8),
    Region("東京都", "新宿区", "160", "03", TOKYO, 8),
    Region("東京都", "渋谷区", "150", "03", TOKYO, 7),
    Region("東京都", "世田谷区", "154", "03", TOKYO, 7),
    Region("東京都", "八王子市", "192", "042", TOKYO, 3),
    Region("神奈川県", "横浜市中区", "231", "045", TOKYO, 7),
    Region("神奈川県", "川崎市中原区", "211", "044", TOKYO, 4),
    Region("神奈川県", "藤沢市", "251", "0466", TOKYO, 2),
    Region("埼玉県", "さいたま市大宮区", "330", "048", TOKYO, 5),
    Region("千葉県", "千葉市中央区", "260", "043", TOKYO, 4),
    Region("茨城県", "水戸市", "310", "029", TOKYO, 2),
    Region("宮城県", "仙台市青葉区", "980", "022", TOKYO, 3),
    Region("北海道", "札幌市中央区", "060", "011", TOKYO, 4),
    Region("新潟県", "新潟市中央区", "951", "025", TOKYO, 2),
    Region("静岡県", "静岡市葵区", "420", "054", TOKYO, 2),
    Region("愛知県", "名古屋市中区", "460", "052", OSAKA, 6),
    Region("大阪府", "大阪市北区", "530", "06", OSAKA, 8),
    Region("大阪府", "大阪市中央区", "541", "06", OSAKA, 6),
    Region("大阪府", "堺市堺区", "590", "072", OSAKA, 3),
    Region("京都府", "京都市下京区", "600", "075", OSAKA, 4),
    Region("兵庫県", "神戸市中央区", "650", "078", OSAKA, 4),
    Region("奈良県", "奈良市", "630", "0742", OSAKA, 1),
    Region("広島県", "広島市中区", "730", "082", OSAKA, 3),
    Region("岡山県", "岡山市北区", "700", "086", OSAKA, 2),
    Region("香川県", "高松市", "760", "087", OSAKA, 1),
    Region("福岡県", "福岡市博多区", "812", "092", OSAKA, 5),
    Region("熊本県", "熊本市中央区", "860", "096", OSAKA, 2),
    Region("沖縄県", "那覇市", "900", "098", OSAKA, 2),
)

# Extra (kanji, kana, romaji) readings beyond faker's lists, so 100k customers are not all the same few names.
EXTRA_LAST_NAMES: tuple[tuple[str, str, str], ...] = (
    ("藤田", "フジタ", "Fujita"),
    ("岡田", "オカダ", "Okada"),
    ("後藤", "ゴトウ", "Goto"),
    ("長谷川", "ハセガワ", "Hasegawa"),
    ("村上", "ムラカミ", "Murakami"),
    ("近藤", "コンドウ", "Kondo"),
    ("石井", "イシイ", "Ishii"),
    ("坂本", "サカモト", "Sakamoto"),
    ("遠藤", "エンドウ", "Endo"),
    ("青木", "アオキ", "Aoki"),
    ("藤井", "フジイ", "Fujii"),
    ("西村", "ニシムラ", "Nishimura"),
    ("福田", "フクダ", "Fukuda"),
    ("太田", "オオタ", "Ota"),
    ("三浦", "ミウラ", "Miura"),
    ("藤原", "フジワラ", "Fujiwara"),
    ("岡本", "オカモト", "Okamoto"),
    ("松田", "マツダ", "Matsuda"),
    ("中川", "ナカガワ", "Nakagawa"),
    ("中野", "ナカノ", "Nakano"),
    ("原田", "ハラダ", "Harada"),
    ("小野", "オノ", "Ono"),
    ("竹内", "タケウチ", "Takeuchi"),
    ("金子", "カネコ", "Kaneko"),
    ("和田", "ワダ", "Wada"),
    ("中山", "ナカヤマ", "Nakayama"),
    ("石田", "イシダ", "Ishida"),
    ("上田", "ウエダ", "Ueda"),
    ("森田", "モリタ", "Morita"),
    ("柴田", "シバタ", "Shibata"),
    ("酒井", "サカイ", "Sakai"),
    ("工藤", "クドウ", "Kudo"),
    ("横山", "ヨコヤマ", "Yokoyama"),
    ("宮崎", "ミヤザキ", "Miyazaki"),
    ("宮本", "ミヤモト", "Miyamoto"),
    ("内田", "ウチダ", "Uchida"),
    ("高木", "タカギ", "Takagi"),
    ("安藤", "アンドウ", "Ando"),
    ("島田", "シマダ", "Shimada"),
    ("谷口", "タニグチ", "Taniguchi"),
)
EXTRA_FIRST_NAMES_MALE: tuple[tuple[str, str, str], ...] = (
    ("蓮", "レン", "Ren"),
    ("悠真", "ユウマ", "Yuma"),
    ("大樹", "ダイキ", "Daiki"),
    ("拓海", "タクミ", "Takumi"),
    ("健一", "ケンイチ", "Kenichi"),
    ("浩二", "コウジ", "Koji"),
    ("誠", "マコト", "Makoto"),
    ("隆", "タカシ", "Takashi"),
    ("和也", "カズヤ", "Kazuya"),
    ("亮", "リョウ", "Ryo"),
    ("修", "オサム", "Osamu"),
    ("博之", "ヒロユキ", "Hiroyuki"),
)
EXTRA_FIRST_NAMES_FEMALE: tuple[tuple[str, str, str], ...] = (
    ("陽菜", "ヒナ", "Hina"),
    ("結菜", "ユナ", "Yuna"),
    ("美咲", "ミサキ", "Misaki"),
    ("恵子", "ケイコ", "Keiko"),
    ("由美", "ユミ", "Yumi"),
    ("智子", "トモコ", "Tomoko"),
    ("真由美", "マユミ", "Mayumi"),
    ("彩", "アヤ", "Aya"),
    ("優子", "ユウコ", "Yuko"),
    ("麻衣", "マイ", "Mai"),
    ("千尋", "チヒロ", "Chihiro"),
    ("沙織", "サオリ", "Saori"),
)

# Company names are built from a stem and a business word, each with its reading, so the kana is right.
COMPANY_STEMS: tuple[tuple[str, str, str], ...] = (
    ("富士", "フジ", "fuji"),
    ("青葉", "アオバ", "aoba"),
    ("東海", "トウカイ", "tokai"),
    ("北斗", "ホクト", "hokuto"),
    ("みらい", "ミライ", "mirai"),
    ("大和", "ヤマト", "yamato"),
    ("日進", "ニッシン", "nisshin"),
    ("ひかり", "ヒカリ", "hikari"),
    ("若葉", "ワカバ", "wakaba"),
    ("旭", "アサヒ", "asahi"),
    ("千代田", "チヨダ", "chiyoda"),
    ("浪速", "ナニワ", "naniwa"),
    ("瀬戸内", "セトウチ", "setouchi"),
    ("湘南", "ショウナン", "shonan"),
    ("武蔵野", "ムサシノ", "musashino"),
    ("三河", "ミカワ", "mikawa"),
    ("筑紫", "ツクシ", "tsukushi"),
    ("琉球", "リュウキュウ", "ryukyu"),
    ("白樺", "シラカバ", "shirakaba"),
    ("つばさ", "ツバサ", "tsubasa"),
    ("朝日", "アサヒ", "asahi"),
    ("平和", "ヘイワ", "heiwa"),
    ("明治", "メイジ", "meiji"),
    ("昭和", "ショウワ", "showa"),
    ("中央", "チュウオウ", "chuo"),
    ("丸和", "マルワ", "maruwa"),
    ("三協", "サンキョウ", "sankyo"),
    ("共栄", "キョウエイ", "kyoei"),
    ("エムケイ", "エムケイ", "mk"),
    ("アルファ", "アルファ", "alpha"),
    ("グローバル", "グローバル", "global"),
    ("ネクスト", "ネクスト", "next"),
    ("サンライズ", "サンライズ", "sunrise"),
    ("ブルーオーシャン", "ブルーオーシャン", "blueocean"),
    ("アーク", "アーク", "arc"),
    ("ミナト", "ミナト", "minato"),
)
# Business word, its reading, a slug for the web domain, and the industry (業種) it implies.
COMPANY_TRADES: tuple[tuple[str, str, str, str], ...] = (
    ("商事", "ショウジ", "shoji", "卸売業"),
    ("物産", "ブッサン", "bussan", "卸売業"),
    ("工業", "コウギョウ", "kogyo", "製造業"),
    ("製作所", "セイサクショ", "ss", "製造業"),
    ("電機", "デンキ", "denki", "製造業"),
    ("システム", "システム", "system", "情報通信業"),
    ("ソリューションズ", "ソリューションズ", "solutions", "情報通信業"),
    ("テクノロジー", "テクノロジー", "tech", "情報通信業"),
    ("建設", "ケンセツ", "kensetsu", "建設業"),
    ("設備", "セツビ", "setsubi", "建設業"),
    ("食品", "ショクヒン", "foods", "食料品製造業"),
    ("運輸", "ウンユ", "unyu", "運輸業"),
    ("ロジスティクス", "ロジスティクス", "logistics", "運輸業"),
    ("不動産", "フドウサン", "fudosan", "不動産業"),
    ("印刷", "インサツ", "print", "印刷業"),
    ("企画", "キカク", "kikaku", "サービス業"),
    ("薬局", "ヤッキョク", "pharmacy", "小売業"),
    ("ストア", "ストア", "store", "小売業"),
    ("観光", "カンコウ", "kanko", "宿泊業"),
    ("会計事務所", "カイケイジムショ", "kaikei", "専門サービス業"),
    ("クリニック", "クリニック", "clinic", "医療業"),
    ("デザイン", "デザイン", "design", "サービス業"),
)
BUSINESS_DESCRIPTIONS: dict[str, tuple[str, ...]] = {
    "卸売業": ("事務用品・OA機器の卸売", "業務用食品・飲料の卸売", "電子部品の卸売および輸出入"),
    "製造業": ("精密金属部品の製造", "産業用制御機器の設計・製造", "樹脂成形品の製造および組立"),
    "情報通信業": ("業務システムの受託開発", "クラウドサービスの導入支援・運用保守", "Webサイト制作・運用"),
    "建設業": ("住宅リフォーム・内装工事", "空調・給排水設備工事", "土木工事および外構工事"),
    "食料品製造業": ("和菓子の製造・販売", "冷凍食品の製造", "地元野菜を使った惣菜の製造"),
    "運輸業": ("一般貨物自動車運送", "倉庫管理・物流代行", "引越しおよび企業移転サービス"),
    "不動産業": ("賃貸物件の仲介・管理", "オフィスビルの賃貸", "不動産売買の仲介"),
    "印刷業": ("商業印刷・チラシ制作", "名刺・封筒の印刷", "パッケージ印刷"),
    "サービス業": ("イベントの企画・運営", "販促物の企画制作", "人材研修サービス"),
    "小売業": ("調剤薬局の運営", "地域密着型スーパーの運営", "家電・日用品の小売"),
    "宿泊業": ("温泉旅館の経営", "ビジネスホテルの運営", "旅行商品の企画販売"),
    "専門サービス業": ("税務・会計顧問", "中小企業向け経営コンサルティング", "給与計算代行"),
    "医療業": ("内科・小児科クリニックの運営", "歯科診療", "健康診断サービス"),
}

DEPARTMENTS: tuple[str, ...] = (
    "総務部",
    "経理部",
    "情報システム部",
    "営業部",
    "購買部",
    "管理部",
    "人事部",
    "製造部",
    "店舗運営部",
)
JOB_TITLES: tuple[str, ...] = ("部長", "課長", "係長", "主任", "担当", "マネージャー", "リーダー")
DECISION_TITLES: tuple[str, ...] = ("代表取締役", "取締役", "部長", "事業部長")

FREE_MAIL_DOMAINS: tuple[str, ...] = (
    "example.com",
    "example.jp",
    "example.ne.jp",
    "mail.example.jp",
    "docomo.example.ne.jp",
    "au.example.com",
)

CUSTOMER_NOTES: tuple[str, ...] = (
    "平日日中は電話に出られないため、連絡はメール希望。",
    "請求書は郵送希望。",
    "聴覚に不安があるため、電話よりチャット・メールでの対応を希望。",
    "以前、配送トラブルで強いご不満あり。丁寧な対応を。",
    "担当者変更の予定あり（来月から）。",
    "英語での対応を希望（日本語は読めるが返信は英語が楽とのこと）。",
    "年末は繁忙期のため連絡は1月以降に。",
    "紙のマニュアルを希望。",
)

CANCEL_REASONS: tuple[str, ...] = (
    "料金が予算に合わなくなったため",
    "他社サービスへ移行するため",
    "事業縮小に伴い不要になったため",
    "必要な機能が不足しているため",
    "利用頻度が低いため",
    "会社の統合によりシステムを一本化するため",
)
