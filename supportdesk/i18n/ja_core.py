"""Japanese for what the core says: service errors and refusals, config problems, reports and exports."""

JA: dict[str, str] = {
    # An error about one field: "件名: 入力してください"
    "{field}: {why}": "{field}: {why}",
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
    # Fields named by their column (supportdesk/i18n/fields.py)
    "external ref": "外部ID",
    "acquisition channel": "流入経路",
    "gender": "性別",
    "rank": "ランク",
    "company postal code": "会社の郵便番号",
    "company address": "会社の住所",
    "company industry": "業種",
    "company business description": "事業内容",
    "company website": "Webサイト",
    "company social accounts": "SNS",
    "company notes": "会社のメモ",
    "company external ref": "会社の外部ID",
    "sku": "商品コード",
    "order ref": "注文番号",
    "cancel reason": "解約理由",
    "reason": "理由",
    "note": "メモ",
    # Choosing the language
    "{where}: {given!r} is not a language of the desk; use ja (Japanese) or en (English)": (
        "{where}: {given!r} はこのデスクの言語ではありません。ja(日本語)か en(英語)を指定してください"
    ),
    "differs from [sla] timezone; the desk has one clock: set timezone once, at the top": (
        "[sla] の timezone と異なります。デスクの時計は1つです。timezone は先頭で1回だけ指定してください"
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
    "copied out the files held (disclosure)": "保有ファイルを開示用に出力",
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
    # The config file
    "unknown setting(s) {names}; known: {known}": "不明な設定 {names}。使える設定: {known}",
    "must be a table of hours per priority": "優先度ごとの時間の表にしてください",
    "{value!r} is not a priority": "{value!r} は優先度ではありません",
    "must be a whole number of hours above 0": "1以上の整数(時間)にしてください",
    "must be a table of inquiry types ([sla.by_type.complaint])": (
        "問い合わせ種別の表にしてください([sla.by_type.complaint])"
    ),
    "not an inquiry type; known: {known}": "問い合わせ種別ではありません。使える種別: {known}",
    "must be a table with first_response / resolution": "first_response / resolution の表にしてください",
    "must be a time zone like Asia/Tokyo": "Asia/Tokyo のようなタイムゾーンにしてください",
    'must be ["HH:MM", "HH:MM"], opening before closing': '["HH:MM", "HH:MM"](開始が終了より前)にしてください',
    "must be a list of days from {days}": "次の曜日のリストにしてください: {days}",
    'must be a country code like JP, or ""': 'JP のような国コードか "" にしてください',
    'must be a list of yearly dates like "12-31"': '"12-31" のような毎年の日付のリストにしてください',
    "must be a whole number of hours, 0 or more": "0以上の整数(時間)にしてください",
    "must be a table ([sla])": "表([sla])にしてください",
    "not valid TOML ({error})": "TOML として読めません({error})",
    "must be text in quotes": "引用符で囲んだ文字列にしてください",
    'must be a table of binding id = "keys"': 'バインディングID = "キー" の表にしてください',
    (
        "the URL holds a password; remove it (user@host) and run `supportdesk secret set db-password`, "
        "which keeps it in the OS keyring and supplies it at connect time"
    ): (
        "URL にパスワードが含まれています。削除して(user@host)、"
        "`supportdesk secret set db-password` を実行してください。"
        "パスワードは OS のキーリングに保管され、接続時に渡されます"
    ),
    # Storage, encryption, backups
    "backup": "バックアップ",
    "restore": "復元",
    (
        "a PostgreSQL desk is backed up with pg_dump, e.g. `pg_dump --format=custom --file desk.dump "
        "'postgresql://desk@dbhost/supportdesk'`, and restored with pg_restore into an empty database; give pg_dump "
        "the password through ~/.pgpass (mode 0600). See README, Security."
    ): (
        "PostgreSQL のデスクは `pg_dump` でバックアップします(例: `pg_dump --format=custom --file desk.dump "
        "'postgresql://desk@dbhost/supportdesk'`)。復元は空のデータベースに `pg_restore` で行います。"
        "パスワードは ~/.pgpass(モード 0600)で渡してください。README の「Security」を参照。"
    ),
    "only a desk kept in a SQLite file can be backed up or restored by SupportDesk": (
        "SupportDesk でバックアップ・復元できるのは SQLite ファイルのデスクだけです"
    ),
    "that is the desk itself; choose another file for the backup": (
        "デスク自体のファイルです。バックアップ先に別のファイルを指定してください"
    ),
    "{path} already exists; choose another name, or pass --force to replace it.": (
        "{path} はすでにあります。別の名前を指定するか、置き換えるなら --force を付けてください。"
    ),
    "the folder does not exist": "フォルダーがありません",
    "The backup did not verify ({detail}); the desk may need attention.": (
        "バックアップの検証に失敗しました({detail})。デスクの確認が必要かもしれません。"
    ),
    "The backup failed: {detail}": "バックアップに失敗しました: {detail}",
    "No backup file {path}.": "バックアップファイル {path} はありません。",
    "the backup is the desk itself": "バックアップがデスク自体のファイルです",
    (
        "A desk already exists at {path}; restore only fills an empty place. Back it up and move it away, "
        "or pass --force to replace it."
    ): (
        "{path} にはすでにデスクがあります。復元は空の場所にだけ行います。"
        "バックアップしてから移動するか、置き換えるなら --force を付けてください。"
    ),
    (
        "{path} cannot be read with the key in secret {name!r}: it was made with another "
        "key, or it is not an encrypted backup (restore a plain one with sqlite:///…)."
    ): (
        "{path} はシークレット {name!r} の鍵では読めません。別の鍵で作られたか、暗号化されたバックアップでは"
        "ありません(暗号化されていないものは sqlite:///… で復元してください)。"
    ),
    "not a SupportDesk backup (no {tables} table)": (
        "SupportDesk のバックアップではありません({tables} テーブルがありません)"
    ),
    "made by another SupportDesk version (schema {schema}); upgrade first": (
        "別のバージョンの SupportDesk で作られています(スキーマ {schema})。先にアップグレードしてください"
    ),
    "the backup is damaged ({detail})": "バックアップが壊れています({detail})",
    "not a SupportDesk backup: {detail}": "SupportDesk のバックアップではありません: {detail}",
    "not a SupportDesk backup: {detail} (an encrypted backup is restored with --db sqlite+sqlcipher:///…)": (
        "SupportDesk のバックアップではありません: {detail}(暗号化されたバックアップは --db sqlite+sqlcipher:///… "
        "で復元します)"
    ),
    "An encrypted desk needs a file: {example}": "暗号化されたデスクにはファイルが必要です: {example}",
    "The migration would leave broken references: {rows}": "移行すると参照が壊れます: {rows}",
    (
        "The database refused the sign-in ({detail}); store the password with "
        "`supportdesk secret set db-password` or set SUPPORTDESK_SECRET_DB_PASSWORD."
    ): (
        "データベースがサインインを拒否しました({detail})。`supportdesk secret set db-password` で"
        "パスワードを保管するか、SUPPORTDESK_SECRET_DB_PASSWORD を設定してください。"
    ),
    "The database is busy (another program holds a write lock). Nothing was saved; try again.": (
        "データベースが使用中です(他のプログラムが書き込みロックを持っています)。保存していません。もう一度お試しください。"
    ),
    "Cannot open the database: {detail}": "データベースを開けません: {detail}",
    "Cannot reach the database server: {detail}": "データベースサーバーに接続できません: {detail}",
    "Database error: {detail}": "データベースのエラー: {detail}",
    "The database connection was lost; try again.": "データベースとの接続が切れました。もう一度お試しください。",
    "The file is not a SupportDesk database, or it is encrypted (open it as sqlite+sqlcipher:///path).": (
        "SupportDesk のデータベースではないか、暗号化されています(sqlite+sqlcipher:///path で開いてください)。"
    ),
    "This desk needs a password: sign in (SUPPORTDESK_PASSWORD for scripts).": (
        "このデスクにはパスワードが必要です。サインインしてください(スクリプトでは SUPPORTDESK_PASSWORD)。"
    ),
    "no active user {login!r}": "有効なユーザー {login!r} はいません",
    "This desk is encrypted (sqlite+sqlcipher) but SQLCipher is missing; {hint}.": (
        "このデスクは暗号化されています(sqlite+sqlcipher)が SQLCipher がありません。{hint}。"
    ),
    (
        "Cannot open the encrypted desk {path}: the key in secret {name!r} does not fit it, or the file"
        " is not an encrypted SupportDesk desk (a plain desk opens with sqlite:///…)."
    ): (
        "暗号化されたデスク {path} を開けません。シークレット {name!r} の鍵が合わないか、暗号化された SupportDesk の"
        "デスクではありません(暗号化されていないデスクは sqlite:///… で開きます)。"
    ),
    "Cannot open the encrypted desk {path}: {detail}": "暗号化されたデスク {path} を開けません: {detail}",
    "The desk {path} is encrypted and needs its key. {detail}": (
        "デスク {path} は暗号化されていて鍵が必要です。{detail}"
    ),
    # Secrets
    "environment variable": "環境変数",
    "OS keyring": "OS のキーリング",
    "{name!r} is not a secret name: use lower-case letters, digits and '-' (e.g. db-password)": (
        "{name!r} はシークレットの名前にできません。英小文字・数字・'-' を使ってください(例: db-password)"
    ),
    "{path} can be read by other users (mode {mode:04o}); it is ignored until you run `chmod 600 {path}`": (
        "{path} は他のユーザーも読めます(モード {mode:04o})。`chmod 600 {path}` を実行するまで使いません"
    ),
    "{path} is not a readable secrets file ({detail})": "{path} はシークレットファイルとして読めません({detail})",
    '{path} must hold a JSON object of name: "value"': '{path} には 名前: "値" の JSON オブジェクトを書いてください',
    (
        "set the environment variable {variable}, or run `supportdesk secret set {name}` "
        "(stored in the OS keyring when there is one, else in {path} with mode 0600)"
    ): (
        "環境変数 {variable} を設定するか、`supportdesk secret set {name}` を実行してください"
        "(OS のキーリングがあればそこに、なければ {path} にモード 0600 で保管します)"
    ),
    "No secret {name!r}: {how}.": "シークレット {name!r} がありません。{how}。",
    "the secret is empty or has line breaks or NUL characters at its ends": (
        "シークレットが空か、前後に改行や NUL 文字があります"
    ),
}
