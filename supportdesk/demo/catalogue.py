"""The demo's product catalogue (~35 items): licences, hardware, cloud subscriptions, support plans, supplies."""

from typing import NamedTuple

SOFTWARE = "ソフトウェア"
HARDWARE = "ハードウェア"
CLOUD = "サブスクリプション"
SUPPORT = "サポート"
SUPPLIES = "消耗品"


class DemoProduct(NamedTuple):
    sku: str
    name: str
    category: str
    unit_price: int  # yen, tax included
    term_months: int = 0  # 0 for a one-off sale; 1 or 12 for subscriptions and plans
    business: bool = False  # bought mostly by companies, often several at once


PRODUCTS: tuple[DemoProduct, ...] = (
    DemoProduct("SW-ACC-001", "スマート家計簿 Pro", SOFTWARE, 4_980),
    DemoProduct("SW-ACC-002", "青色申告会計ソフト 2026", SOFTWARE, 12_800),
    DemoProduct("SW-ACC-003", "会計ソフト デスクトップ版 スタンダード", SOFTWARE, 39_800, business=True),
    DemoProduct("SW-PAY-001", "給与計算ソフト 2026 スタンダード", SOFTWARE, 54_780, business=True),
    DemoProduct("SW-BIZ-001", "販売管理システム ライセンス（5ユーザー）", SOFTWARE, 198_000, business=True),
    DemoProduct("SW-BIZ-002", "名刺管理アプリ ビジネス版", SOFTWARE, 8_800, business=True),
    DemoProduct("SW-SEC-001", "セキュリティ対策ソフト 3年版（3台）", SOFTWARE, 9_980),
    DemoProduct("SW-PDF-001", "PDF編集ツール Pro", SOFTWARE, 15_400),
    DemoProduct("HW-PC-001", "ノートPC 14インチ ビジネスモデル", HARDWARE, 148_000, business=True),
    DemoProduct("HW-PC-002", "ノートPC 13インチ モバイル", HARDWARE, 118_800),
    DemoProduct("HW-PRN-001", "業務用レシートプリンター RP-300", HARDWARE, 32_780, business=True),
    DemoProduct("HW-PRN-002", "A4カラーレーザープリンター LP-820", HARDWARE, 64_900, business=True),
    DemoProduct("HW-PRN-003", "インクジェット複合機 HomeJet 5", HARDWARE, 21_780),
    DemoProduct("HW-NET-001", "ワイヤレスルーター Wi-Fi 7", HARDWARE, 27_500),
    DemoProduct("HW-NET-002", "NAS 4TB（2ベイ）", HARDWARE, 54_800, business=True),
    DemoProduct("HW-POS-001", "POSレジ端末 タブレットセット", HARDWARE, 89_800, business=True),
    DemoProduct("HW-ACC-001", "ハンディスキャナー HS-20", HARDWARE, 12_980),
    DemoProduct("HW-ACC-002", "ドキュメントスキャナー DS-540", HARDWARE, 46_200, business=True),
    DemoProduct("HW-ACC-003", "モバイルバッテリー 20000mAh", HARDWARE, 4_380),
    DemoProduct("SUB-CLD-001", "クラウド会計 月額プラン", CLOUD, 3_278, term_months=1),
    DemoProduct("SUB-CLD-002", "クラウド会計 年額プラン", CLOUD, 35_760, term_months=12),
    DemoProduct("SUB-CLD-003", "クラウドストレージ 1TB 月額", CLOUD, 1_320, term_months=1),
    DemoProduct("SUB-CLD-004", "勤怠管理クラウド 月額（10名）", CLOUD, 3_300, term_months=1, business=True),
    DemoProduct("SUB-CLD-005", "ウェブ会議 ビジネスプラン 年額", CLOUD, 26_400, term_months=12, business=True),
    DemoProduct("SUB-CLD-006", "電子帳簿保存サービス 年額", CLOUD, 19_800, term_months=12, business=True),
    DemoProduct("SUB-SEC-001", "セキュリティ監視サービス 月額", CLOUD, 5_500, term_months=1, business=True),
    DemoProduct("SUP-STD-001", "保守サポート スタンダード（年間）", SUPPORT, 22_000, term_months=12, business=True),
    DemoProduct("SUP-PRM-001", "保守サポート プレミアム（年間）", SUPPORT, 66_000, term_months=12, business=True),
    DemoProduct("SUP-ONS-001", "オンサイト保守（年間）", SUPPORT, 132_000, term_months=12, business=True),
    DemoProduct("SUP-WAR-001", "延長保証 3年", SUPPORT, 8_800),
    DemoProduct("SUP-SET-001", "導入支援パック（リモート2時間）", SUPPORT, 16_500),
    DemoProduct("CON-TNR-001", "トナーカートリッジ LP-820用 ブラック", SUPPLIES, 9_680, business=True),
    DemoProduct("CON-INK-001", "インクカートリッジ 4色パック", SUPPLIES, 5_280),
    DemoProduct("CON-PAP-001", "感熱ロール紙 58mm（20巻）", SUPPLIES, 2_750, business=True),
    DemoProduct("CON-PAP-002", "コピー用紙 A4 2500枚", SUPPLIES, 3_980, business=True),
)
