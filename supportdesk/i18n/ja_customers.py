"""Japanese for the app's customer records: the customer and company forms, purchases and subscriptions from the
customer 360, renewals and cancellations for leads, the dashboard's handle time (issue 18 items 5-7)."""

JA: dict[str, str] = {
    # The customer and company forms
    "name or number": "会社名または番号",
    "Company name": "会社名",
    "New company": "新規会社",
    "Edit company": "会社情報の編集",
    "A customer's company (B2B)": "法人顧客の会社(企業情報)",
    # The customer 360: purchases and subscriptions
    "Purchase": "購入",
    "Subscription": "契約",
    "Cancellation": "解約",
    "The product catalogue is empty: import products first.": "商品マスタが空です。先に商品をインポートしてください。",
    "Pick the subscription in the list first (Tab), then press c.": (
        "先に一覧で契約を選び(Tab で移動)、c を押してください。"
    ),
    "No subscription to cancel.": "解約できる契約がありません。",
    "New purchase": "購入の登録",
    "Quantity": "数量",
    "Unit price (empty: the catalogue's)": "単価(空欄なら商品マスタの単価)",
    "Order number": "注文番号",
    "New subscription": "契約の登録",
    "Contract date": "契約日",
    "Renewal date": "契約更新予定日",
    "Cancel the subscription": "契約の解約",
    "In the customer's words": "お客様の言葉で",
    "Cancellation date": "解約日",
    "{field}: required": "{field}: 入力してください",
    "{field}: {value} cannot be read": "{field}: {value} を読み取れません",
    # Renewals and cancellations (leads)
    "Renewals": "契約更新予定",
    "Renewals and cancellations": "契約更新予定と解約",
    "Upcoming renewals (30/60/90 days) and cancellations by reason": "今後の契約更新(30/60/90日)と理由別の解約",
    "30 / 60 / 90 days ahead": "30/60/90日先",
    "30 / 90 days back": "過去30/90日",
    "Renewals in the next {days} days: {count}": "今後 {days} 日の契約更新: {count} 件",
    "In": "あと",
    "{days} d": "{days} 日",
    "Cancellations {start} – {end}: {count}": "解約 {start} 〜 {end}: {count} 件",
    # The dashboard: handle time
    "Calls": "通話数",
    "Talk min": "通話分",
    "AHT min": "平均処理分",
    "Min per ticket": "チケット当たり分",
    "Not on the desk": "デスク外",
}
