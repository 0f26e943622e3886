"""The UI's words in English and Japanese: one small table, looked up by the English text.

`t("Open tickets")` returns the text in the current language; a string missing from the table falls back to the
English text, and tests/screens/test_i18n.py fails if any `t("…")` literal in screens/ lacks a translation.
"""

import locale
import os

LANGUAGES = ("en", "ja")

JA: dict[str, str] = {
    # Shell
    "Quit": "終了",
    "Help": "ヘルプ",
    "Back": "戻る",
    "Keys": "キー一覧",
    "Close": "閉じる",
    "Keys on this screen": "この画面のキー",
    "Something went wrong": "問題が発生しました",
    "Your role reads cases without customer profiles.": (
        "このロールでは顧客プロフィールを表示せずに事例を閲覧します。"
    ),
    # Audit log
    "Audit log": "監査ログ",
    "Customer number": "顧客番号",
    "By login": "操作したユーザー",
    "Since (YYYY-MM-DD)": "開始日 (YYYY-MM-DD)",
    "Action, e.g. auth. or customer.view": "操作 (例: auth. / customer.view)",
    "{count} events (newest first)": "{count} 件(新しい順)",
    "When": "日時",
    "Who": "ユーザー",
    "Action": "操作",
    "Object": "対象",
    "Detail": "詳細",
    # Sign-in
    "Sign in to SupportDesk": "SupportDesk にサインイン",
    "Sign in": "サインイン",
    "Login": "ログインID",
    "Password": "パスワード",
    "Password again": "パスワード(確認)",
    "Password (leave empty for a single-user desk without sign-in)": (
        "パスワード(空欄にするとサインイン不要の1人用デスクになります)"
    ),
    "Welcome. Create the administrator of this desk.": "ようこそ。このデスクの管理者を作成してください。",
    "The passwords differ.": "パスワードが一致しません。",
    # Home: lookup and queues
    "Find caller: phone, name, kana, company or e-mail": "発信者を検索: 電話番号・氏名・フリガナ・会社名・メール",
    "Find caller": "発信者検索",
    "New customer": "新規顧客",
    "Refresh": "更新",
    "Open": "開く",
    "Sort": "並べ替え",
    "Clear filters": "絞り込み解除",
    "My open": "自分の未完了",
    "Unassigned": "未割り当て",
    "Follow-up due": "フォロー期限",
    "All open": "すべての未完了",
    "Loading…": "読み込み中…",
    "No tickets in this queue.": "このキューにチケットはありません。",
    "No customer matches {text!r}. Press ctrl+n to create one from what you typed.": (
        "{text!r} に一致する顧客はいません。ctrl+n で入力内容から新規作成できます。"
    ),
    "{count} customers found": "{count} 件の顧客",
    "Sorted by {sort}": "並び順: {sort}",
    "Any status": "すべての状態",
    "Any priority": "すべての優先度",
    "Any type": "すべての種別",
    "Any agent": "すべての担当者",
    # Columns
    "#": "#",
    "Status": "状態",
    "Priority": "優先度",
    "Type": "種別",
    "Customer": "顧客",
    "Subject": "件名",
    "Age": "経過",
    "Assignee": "担当者",
    "Name": "氏名",
    "Kana": "フリガナ",
    "Company": "会社",
    "Phone": "電話",
    "Rank": "ランク",
    "Open tickets": "未完了",
    "Updated": "更新",
    "Date": "日付",
    "Product": "商品",
    "Unit price": "単価",
    "Qty": "数量",
    "Amount": "金額",
    "Contract": "契約日",
    "Renewal": "更新予定日",
    "Cancelled": "解約日",
    "Department": "部署",
    "Decision-maker": "決裁権者",
    # Customer 360
    "Customer 360": "顧客360",
    "Purchases": "購入履歴",
    "Subscriptions": "契約",
    "Tickets": "問い合わせ",
    "Colleagues at the same company": "同じ会社の担当者",
    "Total": "合計",
    "No purchases yet.": "購入履歴はありません。",
    "No subscriptions.": "契約はありません。",
    "No tickets yet.": "問い合わせはありません。",
    "New ticket": "新規チケット",
    "Edit profile": "プロフィール編集",
    "Export personal data": "個人データの書き出し",
    "Anonymise": "匿名化",
    "Anonymised.": "匿名化しました。",
    "Export everything held about {name}": "{name} について保持しているすべてのデータを書き出す",
    "File (.json, or .md for a readable document)": "ファイル(.json、または読みやすい文書なら .md)",
    "Anonymise {name}? This cannot be undone.": "{name} を匿名化しますか?元に戻せません。",
    "Their record is cleared and they are masked in ticket text; tickets and purchases stay for statistics.": (
        "顧客情報は消去され、チケット本文でも伏せ字になります。チケットと購入履歴は統計のために残ります。"
    ),
    "Type the customer number ({number}) to confirm": "確認のため顧客番号 ({number}) を入力してください",
    "Open ticket": "チケットを開く",
    "renews in {days} days": "あと{days}日で更新",
    "Segment": "セグメント",
    "E-mail": "メール",
    "Mobile": "携帯",
    "Address": "住所",
    "Postal code": "郵便番号",
    "Gender": "性別",
    "Date of birth": "生年月日",
    "Occupation": "職業",
    "Acquisition channel": "流入経路",
    "Consent to contact": "連絡許諾",
    "Notes": "メモ",
    "Job title": "役職",
    "Industry": "業種",
    "Business": "事業内容",
    "Founded": "設立",
    "Employees": "従業員数",
    "Website": "Webサイト",
    "Social": "SNS",
    "yes": "あり",
    "no": "なし",
    # Ticket workspace
    "Send": "送信",
    "Reply": "返信",
    "Internal note": "社内メモ",
    "Call": "通話記録",
    "Customer message": "顧客メッセージ",
    "Status change": "状態変更",
    "Kind": "種類",
    "Call timer": "通話タイマー",
    "Canned": "定型文",
    "Assign": "担当変更",
    "Fields": "項目",
    "Reload": "再読込",
    "customer": "顧客",
    "Write a reply…": "返信を入力…",
    "Write an internal note (not sent to the customer)…": "社内メモを入力(顧客には送信されません)…",
    "What was said on the call…": "通話内容を入力…",
    "Call minutes": "通話時間(分)",
    "Timer running {elapsed}": "通話中 {elapsed}",
    "Call timer stopped at {elapsed}": "通話時間 {elapsed}",
    "Sent.": "送信しました。",
    "Saved.": "保存しました。",
    "No messages yet.": "まだメッセージはありません。",
    "Linked purchase": "対象の購入",
    "due": "期限",
    "follow up": "フォロー",
    "team": "チーム",
    "assignee": "担当",
    "priority": "優先度",
    "Your draft is kept; the ticket was reloaded.": "下書きは残っています。チケットを再読込しました。",
    # Dialogs
    "Change status": "状態を変更",
    "Follow-up date (YYYY-MM-DD)": "フォロー日 (YYYY-MM-DD)",
    "Resolution note (required)": "解決内容(必須)",
    "Reason (optional)": "理由(任意)",
    "OK": "OK",
    "Cancel": "キャンセル",
    "Nobody (unassigned)": "なし(未割り当て)",
    "Team": "チーム",
    "Filter…": "絞り込み…",
    "Insert": "挿入",
    "Pick a canned response": "定型文を選択",
    "Set priority, type and purchase": "優先度・種別・対象購入",
    "No purchase": "購入の紐付けなし",
    "Channel": "受付チャネル",
    "What the customer said…": "お客様のお問い合わせ内容…",
    "Create": "作成",
    "Save": "保存",
    "Possible duplicates: {names}. Press Create again to create anyway.": (
        "重複の可能性: {names}。そのまま作成するにはもう一度「作成」を押してください。"
    ),
    "Go to ticket #{number}": "チケット #{number} を開く",
    "Find customer {text!r}": "顧客を検索 {text!r}",
    "Queue: {name}": "キュー: {name}",
    "Show the keys of this screen": "この画面のキー一覧を表示",
    "Required": "必須",
    "First response": "初回対応",
    "The customer replied": "お客様から返信あり",
    # Search and case library
    "Search": "検索",
    "Search cases": "事例検索",
    "Case library": "事例集",
    'Search past cases: words, "phrases", OR, -exclude, status:, type:, created:>2026-01-01': (
        '過去の事例を検索: 語句、"フレーズ"、OR、-除外、status:、type:、created:>2026-01-01'
    ),
    "Type to search every past case.": "入力するとすべての過去事例を検索します。",
    "No past case matches. Try fewer words or another spelling.": (
        "一致する事例はありません。語を減らすか別の表記でお試しください。"
    ),
    "{total} cases match": "{total} 件の事例",
    "Exemplary only": "模範事例のみ",
    "Similar past cases": "類似の過去事例",
    "All tags": "すべてのタグ",
    "Tags": "タグ",
    "Summary": "要約",
    "Select": "選択",
    "Export": "書き出し",
    "Mark exemplary": "模範事例に登録",
    "Exemplary cases ({count}) · space selects, x exports the selection": (
        "模範事例 ({count}件) · スペースで選択、x で選択分を書き出し"
    ),
    "No exemplary cases yet. Leads and trainers mark resolved cases from the case view.": (
        "模範事例はまだありません。リーダーとトレーナーが事例画面から登録できます。"
    ),
    "Export {count} cases as a Markdown manual": "{count} 件の事例を Markdown のマニュアルとして書き出す",
    "Exported to {path}": "{path} に書き出しました",
    "File": "ファイル",
    "Title": "タイトル",
    "What makes this case worth learning from (required)": "この事例から学べること(必須)",
    "Tags, separated by spaces": "タグ(スペース区切り)",
}

# Vocabulary values shown in tables (statuses, priorities, types, channels, ranks, segments).
JA_VALUES: dict[str, str] = {
    "new": "新規",
    "open": "対応中",
    "pending": "顧客待ち",
    "on_hold": "保留",
    "resolved": "解決",
    "closed": "完了",
    "low": "低",
    "normal": "中",
    "high": "高",
    "urgent": "緊急",
    "question": "質問",
    "complaint": "苦情",
    "return": "返品・交換",
    "billing": "請求",
    "fault": "技術的な不具合",
    "order_change": "注文変更",
    "cancellation": "解約",
    "request": "要望",
    "phone": "電話",
    "email": "メール",
    "chat": "チャット",
    "line": "LINE",
    "web_form": "Webフォーム",
    "in_person": "来店・対面",
    "regular": "一般",
    "vip": "VIP",
    "dormant": "休眠",
    "female": "女性",
    "male": "男性",
    "other": "その他",
    "unstated": "回答なし",
    "web": "Web",
    "store": "店舗",
    "referral": "紹介",
    "ad": "広告",
    "event": "イベント",
    "updated": "更新日時",
    "received": "受付日時",
    "priority": "優先度",
    "due": "期限",
    "number": "番号",
    "reply": "返信",
    "internal_note": "社内メモ",
    "call_log": "通話記録",
    "customer_message": "顧客メッセージ",
    "status_change": "状態変更",
    "subject": "件名",
    "resolution_note": "解決内容",
    "exemplary_summary": "事例の要約",
    "agent": "担当者",
    "lead": "リーダー",
    "trainer": "トレーナー",
    "admin": "管理者",
}

_current = "en"  # set from the environment at the end of this module


def detect_language(explicit: str | None = None) -> str:
    """--lang or config first, then the locale (LC_ALL, LC_MESSAGES, LANG), else English."""
    for candidate in (explicit, os.environ.get("SUPPORTDESK_LANG")):
        if candidate:
            return "ja" if candidate.lower().startswith("ja") else "en"
    for var in ("LC_ALL", "LC_MESSAGES", "LANG"):
        value = os.environ.get(var)
        if value:
            return "ja" if value.lower().startswith("ja") else "en"
    code = locale.getlocale()[0] or ""
    return "ja" if code.lower().startswith("ja") else "en"


def set_language(lang: str) -> None:
    global _current
    _current = lang if lang in LANGUAGES else "en"


def language() -> str:
    return _current


def t(message: str, /, **values: object) -> str:
    """The text in the current language, with {placeholders} filled."""
    chosen = JA.get(message, message) if _current == "ja" else message
    return chosen.format(**values) if values else chosen


def v(value: str | None) -> str:
    """A vocabulary value (status, priority, type, channel …) for display."""
    if not value:
        return "—"
    if _current == "ja":
        return JA_VALUES.get(value, value)
    return value.replace("_", " ")


# Binding descriptions are read when screen classes are defined, so the language is chosen at import time;
# the CLI exports SUPPORTDESK_LANG before it imports the app.
set_language(detect_language())
