"""Japanese for what the core says: service errors and refusals, config problems, reports and exports."""

JA: dict[str, str] = {
    # Fields named in errors (Invalid("subject", …) shows 件名: …)
    "--keep": "--keep",
    "body": "本文",
    "call duration": "通話時間",
    "cancellation date": "解約日",
    "cases": "事例",
    "company": "会社",
    "company name": "会社名",
    "confirmation": "確認",
    "customers": "顧客数",
    "date of birth": "生年月日",
    "delimiter": "区切り文字",
    "demo": "デモ",
    "email": "メール",
    "employees": "従業員数",
    "encoding": "文字コード",
    "entry kind": "種類",
    "file": "ファイル",
    "follow-up date": "フォロー日",
    "headers": "列見出し",
    "login": "ログインID",
    "mapping file": "列対応ファイル",
    "name": "氏名",
    "password": "パスワード",
    "period": "期間",
    "product": "商品",
    "purchase": "購入",
    "quantity": "数量",
    "query": "検索語",
    "renewal date": "更新予定日",
    "report": "レポート",
    "resolution note": "解決内容",
    "role": "ロール",
    "selection": "選択",
    "since": "開始日",
    "sort": "並び順",
    "status": "状態",
    "subject": "件名",
    "subscription": "契約",
    "summary": "要約",
    "tag": "タグ",
    "tickets": "チケット数",
    "unit price": "単価",
    "user": "ユーザー",
    "view": "ビュー",
    # Choosing the language
    "{where}: {given!r} is not a language of the desk; use ja (Japanese) or en (English)": (
        "{where}: {given!r} はこのデスクの言語ではありません。ja(日本語)か en(英語)を指定してください"
    ),
    "must be ja (Japanese) or en (English), not {given!r}": (
        "ja(日本語)か en(英語)を指定してください({given!r} は使えません)"
    ),
    # Limits that keep impossible values out of the database
    "at most {limit} yen": "{limit} 円以下にしてください",
    "at most {limit}": "{limit} 以下にしてください",
    "the file starts with a {name} byte-order mark but line {line} is not {name} "
    "(the file may be cut short or damaged)": (
        "ファイルは {name} のバイト順マークで始まっていますが、{line} 行目が {name} ではありません"
        "(ファイルが途中で切れているか壊れている可能性があります)"
    ),
    # Masked personal data, as trainers read it (supportdesk/masking/kinds.py)
    "[name]": "〇〇",
    "[company]": "[会社名]",
    "[phone]": "[電話番号]",
    "[e-mail]": "[メール]",
    "[address]": "[住所]",
    "[postal code]": "〒[郵便番号]",
    "Trainers search cases without the people in them: customer: and company: cannot be used.": (
        "トレーナーは個人を含まない形で事例を検索します。customer: と company: は使えません。"
    ),
    "Trainers cannot search by phone number or e-mail address: cases are searched without personal data.": (
        "トレーナーは電話番号やメールアドレスで検索できません。事例は個人情報を除いて検索されます。"
    ),
}
