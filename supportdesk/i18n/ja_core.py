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
    # What one import takes (supportdesk/importing/table.py)
    "is {size} MB; an import takes at most {limit} MB. Split it into smaller files and import them one after the "
    "other": ("{size} MB あります。1回の取り込みは {limit} MB までです。小さなファイルに分けて順に取り込んでください"),
    "has more than {limit} rows; an import takes at most {limit}. Split it into smaller files and import them one "
    "after the other": (
        "{limit} 行を超えています。1回の取り込みは {limit} 行までです。小さなファイルに分けて順に取り込んでください"
    ),
    # Text from people (supportdesk/untrusted.py) and the fields it is refused in
    "contains a control character ({code}) at character {position}; remove it and try again": (
        "{position} 文字目に制御文字({code})が含まれています。取り除いてからやり直してください"
    ),
    "contains a broken character (lone surrogate {code}) at character {position}; remove it and try again": (
        "{position} 文字目に壊れた文字(単独のサロゲート {code})が含まれています。取り除いてからやり直してください"
    ),
    "is {length} characters long; at most {limit} are allowed": "{length} 文字あります。{limit} 文字以内にしてください",
    "{tag} is longer than {limit} characters": "{tag} は {limit} 文字を超えています",
    "{value!r} is not one of {choices}": "{value!r} は指定できません({choices} のいずれか)",
    "{value!r} does not look like a phone number": "{value!r} は電話番号として読めません",
    "{value!r} is not an e-mail address": "{value!r} はメールアドレスではありません",
    "address": "住所",
    "business description": "事業内容",
    "cancellation reason": "解約理由",
    "category": "カテゴリ",
    "company name kana": "会社名フリガナ",
    "company phone": "会社の電話番号",
    "department": "部署",
    "external id": "外部ID",
    "full name": "氏名",
    "industry": "業種",
    "job title": "役職",
    "mobile": "携帯電話",
    "name kana": "フリガナ",
    "notes": "メモ",
    "occupation": "職業",
    "order number": "注文番号",
    "phone": "電話番号",
    "postal code": "郵便番号",
    "product code": "商品コード",
    "product name": "商品名",
    "social accounts": "SNSアカウント",
    "website": "ウェブサイト",
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
    # The disclosure document (開示), services/disclosure.py
    "Reading": "フリガナ",
    "Decision maker": "決裁者",
    "Customer rank": "顧客ランク",
    "How they found us": "流入経路",
    "Agreed to be contacted": "連絡への同意",
    "Agreed on": "同意日",
    "Reference in other systems": "他システムでの番号",
    "Registered on": "登録日",
    "Last changed on": "最終更新日",
    "Anonymised on": "匿名化日",
    "viewed the customer profile": "顧客情報を閲覧",
    "viewed an inquiry": "問い合わせを閲覧",
    "registered the customer": "顧客を登録",
    "changed the customer's details": "顧客情報を変更",
    "merged a duplicate record": "重複した登録を統合",
    "recorded an inquiry": "問い合わせを記録",
    "changed an inquiry": "問い合わせを変更",
    "changed an inquiry's status": "問い合わせの状態を変更",
    "assigned an inquiry": "問い合わせの担当を設定",
    "exported this data (disclosure)": "このデータを開示用に出力",
    "corrected the data": "データを訂正",
    "anonymised the data (erasure)": "データを匿名化 (削除)",
    "¥{amount}": "{amount}円",
    "# Personal data held about {name} (customer {id})": "# 保有個人データの開示: {name} 様 (顧客番号 {id})",
    "Printed from SupportDesk on {day}.": "{day} に SupportDesk から出力しました。",
    "Customer details": "顧客情報",
    "nothing held": "保有しているデータはありません",
    "none": "なし",
    "Who viewed or changed this data": "閲覧・変更の記録",
    "nothing recorded": "記録はありません",
    "- {day} {product} × {quantity}, {amount}": "- {day} {product} ×{quantity} {amount}",
    "cancelled on {day}": "{day} 解約",
    "renews on {day}": "次回更新 {day}",
    "active": "契約中",
    "- {product}: since {start}, {status}": "- {product}: {start} から契約、{status}",
    "### Inquiry #{id}: {subject} ({status}, received {day})": (
        "### お問い合わせ #{id}: {subject} ({status}、{day} 受付)"
    ),
    "- {when} {before} → {after}: {reason}": "- {when} {before} → {after}: {reason}",
    "Inquiries": "お問い合わせ",
    "Resolution": "解決内容",
    # Signing in, accounts, restore and erasure (security)
    "Wrong login or password.": "ログインIDまたはパスワードが違います。",
    "Too many sign-ins at once; try again.": "同時にサインインが集中しています。もう一度お試しください。",
    "Too many failed sign-ins; try again in {seconds} seconds.": (
        "サインインの失敗が続いたため、{seconds} 秒後にもう一度お試しください。"
    ),
    "No user {login}.": "ユーザー {login} はいません。",
    "This desk has no passwords yet: an administrator sets theirs first (supportdesk user passwd), then everyone's.": (
        "このデスクにはまだパスワードがありません。まず管理者が自分のパスワードを設定し"
        "(supportdesk user passwd)、その後で他の人のパスワードを設定します。"
    ),
    "The current password is wrong.": "現在のパスワードが違います。",
    "at least {count} characters": "{count} 文字以上にしてください",
    "at most {limit} characters": "{limit} 文字以内にしてください",
    "no spaces at the start or end": "前後に空白を入れないでください",
    "a login is needed": "ログインIDを入力してください",
    "one word without spaces": "空白を含まない1語にしてください",
    "Your account was disabled by an administrator; you are signed out.": (
        "管理者によってアカウントが無効にされたため、サインアウトしました。"
    ),
    "Your role changed to {role}; sign in again to go on.": (
        "役割が{role}に変わりました。続けるにはもう一度サインインしてください。"
    ),
    "you cannot take administration away from yourself; ask another administrator": (
        "自分自身の管理者権限は外せません。別の管理者に依頼してください"
    ),
    "customer {id} was merged into {into}; erase that one": (
        "顧客 {id} は {into} に統合済みです。{into} を削除してください"
    ),
    "The desk at {path} cannot be read with the key given; it is not replaced.": (
        "{path} のデスクは指定された鍵で読めません。置き換えませんでした。"
    ),
    "The desk at {path} cannot be read ({error}); it is not replaced.": (
        "{path} のデスクを読めません ({error})。置き換えませんでした。"
    ),
    "the backup's schema was changed ({what}); it is not restored": (
        "バックアップのスキーマが変更されています ({what})。復元しませんでした"
    ),
    (
        "A desk already exists at {path}: only one of its administrators may replace it. Sign in to "
        "it as an administrator (--user, SUPPORTDESK_PASSWORD), then restore."
    ): (
        "{path} には既にデスクがあります。置き換えられるのはそのデスクの管理者だけです。"
        "管理者としてサインインしてから (--user、SUPPORTDESK_PASSWORD) 復元してください。"
    ),
    (
        "The desk at {path} is open in another program (the app, a command, a script): close it "
        "first, then restore. Restoring now would lose what it writes afterwards."
    ): (
        "{path} のデスクは別のプログラム (アプリ、コマンド、スクリプト) で開かれています。"
        "閉じてから復元してください。今復元すると、その後の書き込みが失われます。"
    ),
    # Search query mistakes (search_index raises QueryError with these templates; the CLI and screens show them)
    'Unknown filter "{raw}:" — did you mean {name}:?': "「{raw}:」という絞り込みはありません。{name}: のことですか?",
    'Unknown filter "{raw}:" — filters are {known} (put text with a colon in quotes)': (
        '「{raw}:」という絞り込みはありません。使えるのは {known} です(コロンを含む言葉は "" で囲んでください)'
    ),
    'Filter "{name}:" needs a value, e.g. {example}': "絞り込み「{name}:」には値が必要です(例: {example})",
    'Unknown "is:{value}" — try is:exemplary': "「is:{value}」は使えません。is:exemplary をお試しください",
    'Unclosed quote in {text} — add the closing "': '{text} の引用符が閉じていません。閉じる " を加えてください',
    "The search text is too long (at most {limit} characters)": "検索語が長すぎます({limit} 文字まで)",
    'Can\'t read the date "{text}" in {field}: — use YYYY-MM-DD or YYYY-MM, '
    "e.g. {field}:>2026-01-01 or {field}:2026-01..2026-03": (
        "{field}: の日付「{text}」を読み取れません。YYYY-MM-DD か YYYY-MM で入力してください"
        "(例: {field}:>2026-01-01、{field}:2026-01..2026-03)"
    ),
    "{field}:{value} ends before it starts — write the earlier date first": (
        "{field}:{value} は終わりが始まりより前です。早い日付を先に書いてください"
    ),
    "{field}: cannot be used in a search of masked cases": "{field}: はマスクされた事例の検索では使えません",
    "This search could not be run: {reason}": "この検索を実行できませんでした: {reason}",
    '"-" must be followed directly by what to exclude, e.g. -解約': (
        "「-」のすぐ後に除外する言葉を続けてください(例: -解約)"
    ),
    'Unmatched ")" — remove it or add a "(" before it': (
        "対応する「(」のない「)」があります。消すか、前に「(」を加えてください"
    ),
    "OR needs something to search on both sides, e.g. 返品 OR 交換": (
        "OR の両側に検索する言葉が必要です(例: 返品 OR 交換)"
    ),
    "Too many nested parentheses": "括弧の入れ子が深すぎます",
    'Unclosed "(" — add the closing ")"': "「(」が閉じていません。閉じる「)」を加えてください",
    # The demo desk's size (supportdesk/demo/build.py)
    "at least {limit} (the showcase records need {need})": "{limit} 以上にしてください(見本のデータに {need} 必要です)",
    "at least {limit} (the showcase tickets)": "{limit} 以上にしてください(見本の問い合わせの分)",
}
