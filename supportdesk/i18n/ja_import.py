"""Japanese for importing files: what is wrong with a file, a row or a cell, and the preview's notes."""

JA: dict[str, str] = {
    "comma": "カンマ",
    "tab": "タブ",
    # The file and its columns
    "{value!r} is not comma or tab": "{value!r} はカンマでもタブでもありません",
    '[columns] maps a header to a field name: "お客様名" = "full_name"': (
        '[columns] には列見出しと項目名の対応を書きます: "お客様名" = "full_name"'
    ),
    "{header!r} = {field!r}: not a field of this file; known: {known}": (
        "{header!r} = {field!r}: このファイルの項目ではありません。使える項目: {known}"
    ),
    "column {name!r} is mapped to {field!r}, which is not a field of this file": (
        "列 {name!r} は {field!r} に対応付けられていますが、このファイルの項目ではありません"
    ),
    'columns {first!r} and {second!r} both give {field}; map one of them to ""': (
        '列 {first!r} と {second!r} がどちらも {field} です。どちらかを "" に対応付けてください'
    ),
    "the file needs a column {names}": "このファイルには列 {names} が必要です",
    "the file is not {encoding} (line {line})": "ファイルが {encoding} ではありません({line} 行目)",
    "line {line} is neither UTF-8 nor Shift_JIS (CP932); save the sheet from Excel as 'CSV UTF-8 (コンマ区切り)'": (
        "{line} 行目が UTF-8 でも Shift_JIS(CP932)でもありません。Excel で「CSV UTF-8 (コンマ区切り)」として"
        "保存してください"
    ),
    "broken quoting on line {lines} ({detail}); a quote inside a value must be doubled": (
        "{lines} 行目の引用符が壊れています({detail})。値の中の引用符は2つ重ねてください"
    ),
    "the first row should name the columns, and it is empty": "1行目には列見出しが必要ですが、空です",
    "{cells} cells but {columns} columns; a value with a comma needs quotes": (
        "セルが {cells} 個ありますが列は {columns} 個です。カンマを含む値は引用符で囲んでください"
    ),
    "the file is empty": "ファイルが空です",
    "{path} is not a file": "{path} はファイルではありません",
    "it is for {mapping}, not {kind}": "{kind} ではなく {mapping} 用のファイルです",
    "row {row}": "{row} 行目",
    "row {row}, {column}": "{row} 行目の {column}",
    "{count} problem, nothing was imported: {where}: {reason}. Preview the file (--dry-run) to see it.": (
        "問題が {count} 件あるため、何も取り込んでいません。最初の問題: {where}: {reason}。"
        "すべての問題はプレビュー(--dry-run)で確認できます。"
    ),
    # Cells
    "not a whole number": "整数ではありません",
    "too large (more than 15 digits)": "大きすぎます(15桁を超えています)",
    "not a whole number of yen": "円の整数ではありません",
    "not a number of minutes": "分の数値ではありません",
    "not a date (write it as 2026-06-01 or 2026/6/1)": (
        "日付ではありません(2026-06-01 か 2026/6/1 の形で書いてください)"
    ),
    "no such date": "存在しない日付です",
    "not a date and time (write it as 2026-06-01 09:30)": "日時ではありません(2026-06-01 09:30 の形で書いてください)",
    "no such time of day": "存在しない時刻です",
    "not yes or no (はい/いいえ, 1/0, true/false)": "はい/いいえではありません(はい/いいえ、1/0、true/false)",
    "not one of {choices}": "次のいずれかにしてください: {choices}",
    # Rows
    "a product code (商品コード) is needed": "商品コードが必要です",
    "no product has this code; import the products first": (
        "この商品コードの商品はありません。先に商品を取り込んでください"
    ),
    "is not unit price × quantity ({price:,} × {quantity:,} = {total:,})": (
        "単価 × 数量({price:,} × {quantity:,} = {total:,})と一致しません"
    ),
    "a purchase needs a date": "購入には日付が必要です",
    "purchase line": "購入明細",
    "purchase #{id} of customer #{customer}": "顧客 #{customer} の購入 #{id}",
    "a subscription needs a contract date": "契約には契約日が必要です",
    "subscription #{id} of customer #{customer}": "顧客 #{customer} の契約 #{id}",
    "company #{id} {name}": "会社 #{id} {name}",
    "customer #{id} {name}": "顧客 #{id} {name}",
    "likely the same as {record} (same name or phone)": "{record} と同じ可能性があります(名前か電話番号が同じ)",
    "no company has this id; import the companies first": "この会社IDの会社はありません。先に会社を取り込んでください",
    "more than one company has this name; give the company id (会社ID) instead": (
        "この名前の会社が複数あります。代わりに会社IDを指定してください"
    ),
    "creates company {name}": "会社 {name} を作成します",
    "person": "人",
    "{column} {value} has no leading 0: did Excel drop it?": (
        "{column} の {value} に先頭の0がありません。Excel が削除したのかもしれません"
    ),
    "merged into #{id}; edit that customer instead": "#{id} に統合されています。そちらの顧客を編集してください",
    "likely the same as #{id} {name} ({evidence})": "#{id} {name} と同じ可能性があります({evidence})",
    "likely the same as row {row} ({evidence})": "{row} 行目と同じ可能性があります({evidence})",
    "no customer has this id; import the customers first": "この顧客IDの顧客はいません。先に顧客を取り込んでください",
    "no customer has this number": "この番号の顧客はいません",
    "is #{id} {name} on this desk, not {named}": "このデスクでは #{id} {name} です({named} ではありません)",
    "more than one customer matches; give the customer id (顧客ID)": "複数の顧客が該当します。顧客IDを指定してください",
    "no such customer": "該当する顧客はいません",
    "the row does not say whose it is (顧客ID, e-mail, phone or name)": (
        "誰の行かわかりません(顧客ID・メール・電話番号・氏名のいずれかが必要です)"
    ),
    "is {record} on this desk; a file from another desk?": (
        "このデスクでは {record} です。別のデスクのファイルではありませんか?"
    ),
    "the same {what} as row {row}": "{row} 行目と同じ{what}です",
    "the row has no ticket id (問い合わせID) to keep a ticket's thread together": (
        "問い合わせIDがないため、チケットの対応履歴をまとめられません"
    ),
    "differs from row {row} ({value}) of the same ticket": "同じチケットの {row} 行目({value})と異なります",
    "ticket #{id} {subject}": "チケット #{id} {subject}",
    "{count} thread entry": "対応履歴 {count} 件",
    "adds {count} thread entry": "対応履歴を {count} 件追加",
    "when the inquiry was received is needed": "受付日時が必要です",
    "no user has this login": "このログインIDのユーザーはいません",
    "is not one of this customer's purchases": "この顧客の購入ではありません",
    "a status change needs the status it changed to": "状態変更には変更後の状態が必要です",
    "an entry needs its text": "本文が必要です",
}
