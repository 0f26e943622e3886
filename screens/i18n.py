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
    "Tickets ({open} open of {total})": "問い合わせ (未完了 {open} / 全 {total} 件)",
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
    "in {days} days": "あと{days}日",
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
    "More than {total} cases match": "{total} 件を超える事例",
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
    # Data in and out: import, export, duplicate customers and their merge
    "Import data…": "データの取り込み…",
    "Export data…": "データの書き出し…",
    "Find duplicate customers": "重複顧客の検出",
    "CSV from a spreadsheet, previewed first": "表計算ソフトのCSV(事前に確認)",
    "CSV for Excel": "Excel用CSV",
    "Same phone, e-mail, name or kana": "電話番号・メール・氏名・フリガナが同じ顧客",
    "Customers": "顧客",
    "Companies": "企業",
    "Products": "商品",
    "Tickets with their threads": "問い合わせと対応履歴",
    "Choose a CSV file": "CSVファイルを選択",
    "Export data as CSV": "データをCSVで書き出し",
    "What": "書き出す内容",
    "Byte-order mark, so Excel opens Japanese correctly": "BOM付き(Excelで日本語を正しく開くため)",
    "Japanese column headers": "日本語の列見出し",
    "Exported {count} rows to {path}": "{count} 行を {path} に書き出しました",
    "Choose file": "ファイルを選択",
    "Choose…": "選択…",
    "Preview": "プレビュー",
    "Import": "取り込む",
    "CSV file (ctrl+o to browse)": "CSVファイル(ctrl+o で選択)",
    "Mapping file (TOML, optional)": "列対応ファイル(TOML・任意)",
    "Choose a file and what it holds, then preview it. Nothing is written before you import.": (
        "ファイルと内容の種類を選んでプレビューしてください。取り込むまで何も書き込まれません。"
    ),
    "Reading the file…": "ファイルを読み込み中…",
    "Problems": "問題",
    "Row": "行",
    "Outcome": "結果",
    "Record": "レコード",
    "Column": "列",
    "Value": "値",
    "Reason": "理由",
    "Notes and likely duplicates": "備考と重複の可能性",
    "Update": "更新",
    "Unchanged": "変更なし",
    "Skip": "スキップ",
    "Problem": "問題あり",
    "changes: {fields}": "変更: {fields}",
    (
        "{file}: {encoding}, {delimiter}-separated · {create} to create, {update} to update, "
        "{unchanged} unchanged, {skip} skipped, {error} with problems"
    ): (
        "{file}: {encoding}・区切り {delimiter} · 作成 {create} 件、更新 {update} 件、"
        "変更なし {unchanged} 件、スキップ {skip} 件、問題あり {error} 件"
    ),
    "Ignored columns: {names}": "読み込まない列: {names}",
    "{count} problems: fix the file and preview again; nothing will be imported.": (
        "{count} 件の問題があります。ファイルを直して再度プレビューしてください。このままでは何も取り込まれません。"
    ),
    "Preview the file first; only a file without problems is imported.": (
        "先にプレビューしてください。問題のないファイルだけが取り込まれます。"
    ),
    "Imported {file}: {created} created, {updated} updated, {unchanged} unchanged, {skipped} skipped.": (
        "{file} を取り込みました: 作成 {created} 件、更新 {updated} 件、"
        "変更なし {unchanged} 件、スキップ {skipped} 件。"
    ),
    "Nothing was imported.": "何も取り込まれていません。",
    "Looking for duplicate customers…": "重複顧客を検索中…",
    "{count} likely duplicate pairs · Enter compares and merges": (
        "重複の可能性がある組 {count} 件 · Enter で比較・統合"
    ),
    "No likely duplicates.": "重複の可能性がある顧客はいません。",
    "Phone / e-mail": "電話 / メール",
    "Evidence": "根拠",
    "same phone": "電話番号が同じ",
    "same e-mail": "メールが同じ",
    "same name and company": "氏名と会社が同じ",
    "same name": "氏名が同じ",
    "same kana": "フリガナが同じ",
    "similar kana": "フリガナが似ている",
    "Only a lead or an administrator can merge customers.": "顧客の統合はリーダーか管理者のみ行えます。",
    "Keep A's value": "Aの値を残す",
    "Keep B's value": "Bの値を残す",
    "Keep the other record": "もう一方を残す",
    "Merge": "統合",
    "Field": "項目",
    "Keep": "採用",
    "Keep A #{a} {a_name} and merge B #{b} {b_name} into it": "A #{a} {a_name} を残し、B #{b} {b_name} を統合",
    "a / b picks a field's value · x keeps the other record · ctrl+s merges": (
        "a / b で項目ごとに採用する値を選択 · x で残す側を入れ替え · ctrl+s で統合"
    ),
    "A has {at} tickets, {ap} purchases, {asub} subscriptions; B has {bt}, {bp}, {bsub}: B's move to A.": (
        "A: 問い合わせ {at} 件・購入 {ap} 件・契約 {asub} 件、B: {bt} 件・{bp} 件・{bsub} 件。Bの分はAに移ります。"
    ),
    "Press ctrl+s again to merge B #{b} into A #{a}. This cannot be undone.": (
        "もう一度 ctrl+s を押すと B #{b} を A #{a} に統合します。元に戻せません。"
    ),
    "Merged #{b} into #{a}: {tickets} tickets, {purchases} purchases, {subscriptions} subscriptions moved.": (
        "#{b} を #{a} に統合しました: 問い合わせ {tickets} 件・購入 {purchases} 件・契約 {subscriptions} 件を移動。"
    ),
    # Lead's view: dashboard, lists, bulk changes, saved views, charts
    "Dashboard": "ダッシュボード",
    "Team dashboard": "チームダッシュボード",
    "Charts": "グラフ",
    "30 / 90 days": "30日 / 90日",
    "Open tickets at {moment}": "{moment} 時点の未完了チケット",
    "Needs attention": "要対応",
    "By status": "状態別",
    "By age": "経過日数別",
    "By inquiry type": "問い合わせ種別別",
    "By agent: now, and tickets received {start} – {end}": "担当者別: 現在と {start} 〜 {end} の受付分",
    "SLA by priority: tickets received {start} – {end}": "優先度別SLA: {start} 〜 {end} の受付分",
    "Overdue": "期限超過",
    "Due soon": "期限間近",
    "Follow-ups due today": "本日までのフォロー",
    "Renewing within 30 days": "30日以内に契約更新",
    "Renewals ≤30 d ({count} contracts)": "30日以内に更新 (契約{count}件)",
    "< 1 day": "1日未満",
    "1–3 days": "1〜3日",
    "3–7 days": "3〜7日",
    "> 7 days": "7日超",
    "Agent": "担当者",
    "Item": "項目",
    "Received": "受付",
    "Resolved": "解決",
    "1st response median h": "初回対応 中央値(h)",
    "p90": "90%値",
    "Resolution median h": "解決 中央値(h)",
    "1st response met": "初回対応 達成率",
    "Resolution met": "解決 達成率",
    "All": "全体",
    "Due": "期限",
    "No tickets in this list.": "この一覧にチケットはありません。",
    "New and resolved tickets per day": "日別の新規・解決件数",
    "Time to first response per agent (business hours)": "担当者別の初回対応時間(営業時間)",
    "Time to resolution per agent (business hours)": "担当者別の解決時間(営業時間)",
    "Tickets per inquiry type per week": "週別・問い合わせ種別の件数",
    "Last {days} days: {start} – {end}  (p: 30 / 90 days)": "直近{days}日: {start} 〜 {end}  (p: 30日 / 90日)",
    "Select all": "すべて選択",
    "Bulk change": "一括変更",
    "Select tickets with space first.": "先にスペースキーでチケットを選択してください。",
    "Change {count} selected tickets": "選択した {count} 件のチケットを変更",
    "Reassign": "担当者を変更",
    "Change priority": "優先度を変更",
    "Add a tag": "タグを追加",
    "Reason (required to resolve)": "理由(解決にする場合は必須)",
    "Next": "次へ",
    "Fill in: {what}": "入力してください: {what}",
    "Reassign to {name}": "担当者を {name} に変更",
    "Set priority to {value}": "優先度を {value} に変更",
    "Change status to {value}": "状態を {value} に変更",
    "Add tags {tags}": "タグ {tags} を追加",
    "{count} tickets will change.": "{count} 件のチケットが変更されます。",
    "Already so, left as they are: {numbers}": "すでにその値のため変更なし: {numbers}",
    "Cannot change {count}:": "変更できないチケット {count} 件:",
    "Change {count} tickets": "{count} 件を変更",
    "{changed} changed, {failed} not changed.": "{changed} 件を変更、{failed} 件は変更できませんでした。",
    "{count} tickets changed.": "{count} 件のチケットを変更しました。",
    "Save view": "ビューを保存",
    "Delete view": "ビューを削除",
    "Save this list as a view": "この一覧をビューとして保存",
    "Share with my team": "チームに共有",
    "Give the view a name.": "ビューの名前を入力してください。",
    "View {name!r} saved.": "ビュー {name!r} を保存しました。",
    "View {name!r} deleted.": "ビュー {name!r} を削除しました。",
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
