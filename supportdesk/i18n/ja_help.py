"""Japanese for `supportdesk --help`: each command's help, its options' and arguments' help, and typer's own words.

The English ids are the help texts as written in supportdesk/cli/ (typer `help=` and the docstrings typer shows);
supportdesk/cli/help_language.py translates the built command tree with them. What a person types (values, option
values, field assignments) is quoted as code (`…`).
"""

JA: dict[str, str] = {
    # typer's and click's own words (supportdesk/cli/help_language.py)
    "Show this message and exit.": "このヘルプを表示して終了します。",
    "Usage: ": "使い方: ",
    "help\x04Arguments": "引数",
    "help\x04Options": "オプション",
    "help\x04Commands": "コマンド",
    "[default: {}]": "[既定: {}]",
    "[env var: {}]": "[環境変数: {}]",
    "[required]": "[必須]",
    "(deprecated) ": "(非推奨) ",
    # the commands' help, in the order `supportdesk --help` lists them
    "SupportDesk: the inquiry and support desk in your terminal. Without a command, opens the app.": (
        "SupportDesk: 端末で使う問い合わせ・サポート窓口です。コマンドなしで起動するとアプリを開きます。"
    ),
    "Database URL (sqlite:///path or postgresql://…); env SUPPORTDESK_DB.": (
        "データベースの URL(`sqlite:///path` または `postgresql://…`)。環境変数 SUPPORTDESK_DB でも指定できます。"
    ),
    "Act as this user (login); env SUPPORTDESK_USER.": (
        "このユーザー(ログイン名)として操作します。環境変数 SUPPORTDESK_USER でも指定できます。"
    ),
    "Use the demo desk built by `supportdesk demo`.": "`supportdesk demo` で作ったデモ窓口を使います。",
    "UI language: ja or en (default from the locale).": "画面の言語: `ja` または `en`(既定はロケールから)。",
    "Read the password from the first line of standard input (for scripts, like docker login).": (
        "パスワードを標準入力の 1 行目から読みます(スクリプト用。`docker login` と同じ)。"
    ),
    "On an error, also print the full traceback.": "エラーのとき、トレースバック全体も表示します。",
    "Bring the database schema up to date (the app also does this on start).": (
        "データベースのスキーマを最新にします(アプリも起動時に行います)。"
    ),
    "Work with tickets (inquiries).": "チケット(問い合わせ)を扱います。",
    "List tickets; by default the open ones (new, open, pending, on hold), most recently updated first.": (
        "チケットの一覧。既定では未完了のもの(新規・対応中・顧客待ち・保留)を更新の新しい順に表示します。"
    ),
    "Only these statuses.": "これらの状態のみ。",
    "Include resolved and closed tickets.": "解決・完了のチケットも含めます。",
    "Only tickets assigned to me.": "自分の担当のチケットのみ。",
    "Only tickets nobody owns.": "担当者のいないチケットのみ。",
    "Sort order.": "並び順。",
    "Only where the team's own field holds this: part_no=A-100 (repeatable).": (
        "チーム独自の項目がこの値のもののみ: `品番=A-100`(繰り返し指定可)。"
    ),
    "Print machine-readable JSON.": "機械で読める JSON で出力します。",
    "Show one ticket with its whole thread.": "1 件のチケットをスレッド全体とともに表示します。",
    "The ticket's number.": "チケット番号。",
    "Open a new ticket for a customer.": "顧客の新しいチケットを作ります。",
    "Customer number (see `customer find`).": "顧客番号(`customer find` で確認)。",
    "One line saying what it is about.": "何についての問い合わせかを 1 行で。",
    "The customer's words ('-' reads stdin).": "顧客の言葉(`-` で標準入力から読みます)。",
    "Purchase id this is about.": "関係する購入の ID。",
    "The team's own field: part_no=A-100 (repeatable).": "チーム独自の項目: `品番=A-100`(繰り返し指定可)。",
    "Record a reply to the customer ('-' reads the text from stdin); --mail also sends it by mail.": (
        "顧客への返信を記録します(`-` で本文を標準入力から読みます)。--mail を付けるとメールでも送ります。"
    ),
    "Send it to the customer by mail (queued, then sent).": "顧客にメールで送ります(送信待ちに入れてから送信)。",
    "A file to send with it (with --mail).": "一緒に送るファイル(--mail と併用)。",
    "Refuse the change if the ticket is no longer at this version.": (
        "チケットがこの版でなくなっていれば変更を拒否します。"
    ),
    "Add an internal note (never shown to the customer).": "社内メモを追加します(顧客には表示されません)。",
    "Log a phone call with its duration.": "電話対応を通話時間とともに記録します。",
    "How long the call took (up to a day).": "通話にかかった時間(最大 1 日)。",
    "Change a ticket's status through the allowed transitions.": "許された遷移に沿ってチケットの状態を変えます。",
    "Why; required when resolving.": "理由。解決にするときは必須です。",
    "Follow-up date (YYYY-MM-DD, or +N days from today); required for pending.": (
        "フォローアップ日(`YYYY-MM-DD`、または今日から `+N` 日)。顧客待ちにするときは必須です。"
    ),
    "Give a ticket to an agent (or to nobody), with an optional handover note.": (
        "チケットを担当者に割り当てます(担当なしにもできます)。引き継ぎメモを添えられます。"
    ),
    "Agent's login; omit with --unassign.": "担当者のログイン名。--unassign のときは省略します。",
    "Leave the ticket with nobody.": "チケットを担当なしにします。",
    "Also move it to this team.": "このチームにも移します。",
    "A handover note for the next person.": "次の担当者への引き継ぎメモ。",
    "Set the team's own fields on a ticket (FIELD= with nothing after it clears one); see `field list`.": (
        "チケットにチーム独自の項目を設定します(`FIELD=` のように値を空にすると消去)。`field list` を参照。"
    ),
    "e.g. part_no=A-100 warranty_end=2027/3/31": "例: `品番=A-100 保証期限=2027/3/31`",
    "Add and remove a ticket's tags; the others stay (e.g. ticket tag 12 +refund -defective).": (
        "チケットのタグを追加・削除します。ほかのタグはそのまま残ります(例: `ticket tag 12 +返品 -初期不良`)。"
    ),
    "+tag adds it, -tag removes it.": "`+タグ` で追加、`-タグ` で削除します。",
    (
        "Enter a customer's message by hand (a letter, a fax, a chat transcript, a message passed on).\n\nA pending "
        "or resolved ticket waiting on the customer reopens, as when they write by mail."
    ): (
        "顧客からのメッセージを手で入力します(手紙、FAX、チャットの記録、取り次いだ伝言など)。"
        "\n\n顧客の返事を待っている顧客待ち・解決のチケットは、メールが届いたときと同じく再開されます。"
    ),
    "What the customer wrote or said ('-' reads stdin).": "顧客が書いた・話した内容(`-` で標準入力から読みます)。",
    "How it came (default: the ticket's channel).": "受付経路(既定: チケットの受付経路)。",
    "When the customer sent it (YYYY-MM-DDTHH:MM, local time; default: now).": (
        "顧客が送った日時(`YYYY-MM-DDTHH:MM`、現地時刻。既定: 現在)。"
    ),
    "Link two tickets: related (both about one thing) or parent and child; both threads show it.": (
        "2 件のチケットを関連付けます: 関連(同じ件について)または親子。両方のスレッドに表示されます。"
    ),
    "The other ticket's number.": "相手のチケット番号。",
    "related, or parent: NUMBER is the parent of OTHER.": "`related`(関連)または `parent`(NUMBER が OTHER の親)。",
    "Take the link between two tickets away.": "2 件のチケットの関連付けを外します。",
    "Merge OTHER into KEEP: its conversation moves over in time order and OTHER is closed pointing to KEEP.": (
        "OTHER を KEEP に統合します: やり取りは時刻順に移り、OTHER は KEEP を指して完了になります。"
    ),
    "The ticket that stays.": "残すチケット。",
    "The ticket merged into KEEP.": "KEEP に統合するチケット。",
    "Why, for the thread (e.g. the customer called twice).": "スレッドに残す理由(例: 顧客から 2 回電話があった)。",
    "Files on a ticket's thread.": "チケットのスレッドにあるファイル。",
    "Save a file from a ticket (never over an existing file; readable by you only).": (
        "チケットのファイルを保存します(既存のファイルは上書きしません。自分だけが読めます)。"
    ),
    "The number shown as [N] in `ticket show`.": "`ticket show` で [N] と表示される番号。",
    "A file to create, or a folder to save it in.": "作るファイル、または保存先のフォルダー。",
    "Mark a file as holding no personal data, so trainers may open it (administrators).": (
        "ファイルに個人情報がないと印を付け、トレーナーも開けるようにします(管理者)。"
    ),
    "Take the mark away again.": "印を外します。",
    "Find and inspect customers.": "顧客を探して確認します。",
    ("Find customers as an agent types on a call: 03-1234-5678, 5678, a name in kana or romaji, a company, taro@…"): (
        "電話中に担当者が打つように顧客を探します: `03-1234-5678`、`5678`、ﾔﾏﾀﾞ、`yamada`、(株)さくら、ｶ)ｻｸﾗ、`taro@…`"
    ),
    "Phone (or its last four digits), e-mail (or the part before the @), name, kana, romaji or company.": (
        "電話番号(または下 4 桁)、メールアドレス(または @ の前)、氏名、フリガナ、ローマ字、会社名。"
    ),
    "Pairs of customers that are probably one person, with the evidence (same phone, e-mail, name, kana).": (
        "同一人物らしい顧客の組を、その根拠(電話番号・メールアドレス・氏名・フリガナが同じ)とともに表示します。"
    ),
    (
        "Merge customer B into A: B's tickets, purchases and subscriptions move to A; B stays only as a "
        "tombstone.\n\nEach field keeps A's value unless A has none (then B's), or --keep FIELD=B says otherwise. "
        "One audit event."
    ): (
        "顧客 B を A に統合します: B のチケット・購入・契約は A に移り、B は統合済みの記録としてのみ残ります。"
        "\n\n各項目は A の値を残します。A に値がなければ B の値、--keep FIELD=B の指定があればそれに従います。"
        "監査記録は 1 件です。"
    ),
    "The customer that stays.": "残す顧客。",
    "The duplicate merged into A.": "A に統合する重複顧客。",
    "FIELD=A|B: whose value to keep (repeatable; default: A's).": (
        "`FIELD=A|B`: どちらの値を残すか(繰り返し指定可。既定: A の値)。"
    ),
    "Show both records and the picks; merge nothing.": "両方の記録と選ばれる値を表示し、統合はしません。",
    "Add a customer from FIELD=VALUE pairs (a name is required), e.g. full_name='Yamada Taro' phone=03-1234-5678.": (
        "`FIELD=VALUE` の組から顧客を追加します(氏名は必須)。例: `氏名=山田太郎 電話番号=03-1234-5678`。"
    ),
    "e.g. full_name='Yamada Taro' phone=03-…": "例: `氏名=山田太郎 電話番号=03-…`",
    "Show a customer's record: every field, their company and the team's own fields.": (
        "顧客の記録を表示します: すべての項目、会社、チーム独自の項目。"
    ),
    "The customer's number (see `customer find`).": "顧客番号(`customer find` で確認)。",
    "Change the fields given (FIELD= with nothing after it clears one), e.g. is_decision_maker=yes mobile=.": (
        "指定した項目を変更します(`FIELD=` のように値を空にすると消去)。例: `決裁権者=はい 携帯=`。"
    ),
    "Refuse the change if the record changed since.": "記録がその後変更されていれば変更を拒否します。",
    "Record a purchase for a customer.": "顧客の購入を記録します。",
    "The product's number (see the catalogue).": "商品番号(商品カタログを参照)。",
    "The day of purchase (YYYY-MM-DD); default today.": "購入日(`YYYY-MM-DD`)。既定は今日。",
    "Yen per unit; default the catalogue price.": "単価(円)。既定はカタログの価格。",
    "The order number, as the shop gave it.": "ショップが付けた注文番号。",
    "Record a subscription (a contract that renews) for a customer.": "顧客の契約(更新される契約)を記録します。",
    "The subscription product's number.": "契約商品の番号。",
    "Contract day (YYYY-MM-DD); default today.": "契約日(`YYYY-MM-DD`)。既定は今日。",
    "Next renewal day (YYYY-MM-DD); default a year on.": "次の更新日(`YYYY-MM-DD`)。既定は 1 年後。",
    "Record a cancellation with the day it takes effect and why.": "解約を、効力の生じる日と理由とともに記録します。",
    "Why, as leads count it.": "リーダーが集計する解約理由。",
    "The customer's own words.": "顧客自身の言葉。",
    "The day it ends (YYYY-MM-DD); default today.": "終了日(`YYYY-MM-DD`)。既定は今日。",
    "Customers in kana order; with --field, those whose own field holds a value (2027/3/31 reads as a date).": (
        "顧客をカナ順に表示します。`--field` を付けると、独自項目がその値の顧客だけ(`2027/3/31` は日付として読みます)。"
    ),
    "A text field holding the value anywhere (any letter case).": (
        "テキスト項目のどこかにその値を含む顧客(大文字小文字を区別しない)。"
    ),
    "A text field of the team's holding TEXT anywhere (any case).": (
        "チームの独自テキスト項目のどこかに `TEXT` を含むチケット(大文字小文字を区別しない)。"
    ),
    "The team's own field and its value: serial_no=SN-0001.": "チーム独自の項目とその値: `製造番号=SN-0001`。",
    "Add, show and edit companies.": "会社を追加・表示・編集します。",
    "Add a company from FIELD=VALUE pairs (a name is required), e.g. name='Sakura Co.' industry=retail.": (
        "`FIELD=VALUE` の組から会社を追加します(会社名は必須)。例: `会社名=株式会社さくら 業種=小売`。"
    ),
    "Show a company with its people, decision-makers first.": "会社とその人々を、決裁権者を先にして表示します。",
    "The company's number.": "会社番号。",
    "Change a company's fields (FIELD= clears one; the name cannot be cleared).": (
        "会社の項目を変更します(`FIELD=` で消去。会社名は消去できません)。"
    ),
    "Manage who can use the desk (administrators).": "窓口を使える人を管理します(管理者)。",
    "Add a user; asks for their first password (or reads it from stdin).": (
        "ユーザーを追加します。最初のパスワードを尋ねます(または標準入力から読みます)。"
    ),
    "Full name as colleagues see it.": "同僚に表示される氏名。",
    "agent, lead, trainer or admin.": (
        "`agent`(担当者)、`lead`(リーダー)、`trainer`(トレーナー)、`admin`(管理者)のいずれか。"
    ),
    "Team, e.g. Tokyo support.": "チーム。例: 東京サポート。",
    "Create without a password.": "パスワードなしで作ります。",
    "Every account, active or not.": "有効・無効を問わずすべてのアカウント。",
    "Stop an account from signing in or acting; its history stays.": (
        "アカウントのサインインと操作を止めます。履歴は残ります。"
    ),
    "Let a disabled account sign in again.": "無効にしたアカウントが再びサインインできるようにします。",
    "Give an account another role (agent, lead, trainer, admin); if signed in, they must sign in again.": (
        "アカウントの役割を変えます(`agent`、`lead`、`trainer`、`admin`)。サインイン中なら、"
        "もう一度サインインが必要です。"
    ),
    "Set a password: your own (you are asked for the current one), or anyone's as an administrator.": (
        "パスワードを設定します: 自分のもの(今のパスワードを尋ねます)、または管理者として誰のものでも。"
    ),
    "Default: yourself.": "既定: 自分。",
    "Privacy requests for one person: export, correct, anonymise (administrators).": (
        "一人についての個人情報の請求: 開示、訂正、削除(管理者)。"
    ),
    "Everything held about one person (a disclosure request), as JSON or a readable document.": (
        "一人について保有しているすべての情報(開示)を、JSON または読みやすい文書で出力します。"
    ),
    "A readable document instead of JSON.": "JSON の代わりに読みやすい文書で。",
    "Write to this file (created 0600) instead of stdout.": (
        "標準出力の代わりにこのファイルに書きます(権限 0600 で作成)。"
    ),
    "Also copy the files their tickets hold into this folder (created 0700).": (
        "その人のチケットにあるファイルもこのフォルダーにコピーします(権限 0700 で作成)。"
    ),
    "Correct a person's data on their request.": "本人の請求により、その人の情報を訂正します。",
    "FIELD=VALUE pairs, e.g. phone=03-1111-2222": "`FIELD=VALUE` の組。例: `電話番号=03-1111-2222`",
    "Erase a person: clear their record and mask them in ticket text; statistics stay. Cannot be undone.": (
        "個人の情報を削除します: 記録を消し、チケットの本文で伏せ字にします。統計は残ります。元に戻せません。"
    ),
    "Do not ask; for scripts that already confirmed.": "確認しません。確認済みのスクリプト用。",
    "Mail in and out: import, fetch, send, status.": "メールの受信と送信: 取り込み、受信、送信、状況。",
    "Take messages from files into the desk, as a fetch would (a message already taken is skipped).": (
        "ファイルのメッセージを、受信と同じように窓口に取り込みます(取り込み済みのものは飛ばします)。"
    ),
    ".eml files, mbox files or Maildir folders.": "`.eml` ファイル、`mbox` ファイル、`Maildir` フォルダー。",
    "Take new mail from the IMAP folders in [mail] (password: `supportdesk secret set mail-imap-password`).": (
        "設定の [mail] にある IMAP フォルダーから新しいメールを受信します(パスワード: `supportdesk secret set "
        "mail-imap-password`)。"
    ),
    "Deliver the replies waiting in the outbound queue (password: `supportdesk secret set mail-smtp-password`).": (
        "送信待ちの返信を配信します(パスワード: `supportdesk secret set mail-smtp-password`)。"
    ),
    "The outbound queue, mail that needs a person (failed, unconfirmed, bounced) and the last fetches.": (
        "送信待ち、人の対応が要るメール(送信失敗・未確認・不達)、最近の受信。"
    ),
    "Queue an unconfirmed, failed or bounced mail again (after checking the customer did not get it).": (
        "未確認・送信失敗・不達のメールをもう一度送信待ちにします(顧客に届いていないことを確かめてから)。"
    ),
    "Fetch and send continuously: new mail as it arrives (IMAP IDLE, or every `interval` seconds).": (
        "受信と送信を続けます: 新しいメールを届きしだい(IMAP の IDLE、または `interval` 秒ごと)。"
    ),
    "One round of fetch and send, then stop.": "受信と送信を 1 回行って終わります。",
    "Read the audit log (administrators): who viewed or changed what, when.": (
        "監査ログを読みます(管理者): 誰が何をいつ見たか・変えたか。"
    ),
    "Events on this customer and their tickets.": "この顧客とそのチケットについての記録。",
    "Events by this login.": "このログイン名による記録。",
    "From this date (YYYY-MM-DD).": "この日から(`YYYY-MM-DD`)。",
    "Action prefix, e.g. customer. or auth.": "操作の接頭辞。例: `customer.`、`auth.`",
    "Build (once) and open a demo desk with realistic Japanese customers, purchases and tickets.": (
        "本物らしい日本の顧客・購入・チケットの入ったデモ窓口を作り(初回のみ)、開きます。"
    ),
    "Only build the demo desk.": "デモ窓口を作るだけにします。",
    "Throw away the demo desk and build it again.": "デモ窓口を捨てて作り直します。",
    "How many customers to generate.": "作る顧客の数。",
    "How many tickets to generate.": "作るチケットの数。",
    "Same seed, same desk.": "同じシードなら同じ窓口になります。",
    "Figures of a period: the same as the lead's dashboard shows (leads and admins).": (
        "期間の集計: リーダーのダッシュボードと同じ数字です(リーダーと管理者)。"
    ),
    (
        "sla (by priority), agents, types (by inquiry type), handle-time (calls per agent and type), cancellations "
        "(by reason) or renewals (the next --days)."
    ): (
        "`sla`(優先度別)、`agents`(担当者別)、`types`(問い合わせ種別ごと)、`handle-time`(担当者・種別ごとの通話)、"
        "`cancellations`(理由別の解約)、`renewals`(今後 --days 日の更新)。"
    ),
    "First day (YYYY-MM-DD); default 30 days ago.": "初日(`YYYY-MM-DD`)。既定は 30 日前。",
    "Last day, included (YYYY-MM-DD); default today.": "最終日、当日を含む(`YYYY-MM-DD`)。既定は今日。",
    "Write the report to this CSV file.": "集計をこの CSV ファイルに書きます。",
    "Start the CSV with a UTF-8 BOM so Excel opens it.": "Excel で開けるよう、CSV を UTF-8 の BOM で始めます。",
    "renewals: how many days ahead (30, 60, 90 …).": "更新: 何日先まで(30、60、90 …)。",
    "Search every past case in full text (Japanese and English).": "過去のすべての事例を全文検索します(日本語と英語)。",
    'Words, "phrases", OR, -exclude, status: type: agent: created:>2026-01-01 …': (
        '語、`"フレーズ"`、`OR`、`-除外`、`status:` `type:` `agent:` `created:>2026-01-01` …'
    ),
    "Rebuild the full-text index from the database (the old index serves searches until the new one is ready).": (
        "データベースから全文検索の索引を作り直します(新しい索引ができるまでは古い索引で検索できます)。"
    ),
    "Secrets (db-password for PostgreSQL, db-key for an encrypted desk): environment, OS keyring or a 0600 file.": (
        "秘密情報(PostgreSQL 用の `db-password`、暗号化した窓口の `db-key`): 環境変数、OS のキーリング、または権限 "
        "0600 のファイル。"
    ),
    "Store a secret: typed without echo at a terminal, else read from stdin (one line).": (
        "秘密情報を保存します: 端末では表示せずに入力、それ以外は標準入力から 1 行読みます。"
    ),
    "Secret name, e.g. db-password or db-key.": "秘密情報の名前。例: `db-password`、`db-key`。",
    "Store in the 0600 file in the config dir even when a keyring exists.": (
        "キーリングがあっても、設定フォルダーの権限 0600 のファイルに保存します。"
    ),
    "Remove a secret from the OS keyring and the secrets file.": (
        "OS のキーリングと秘密情報のファイルから秘密情報を削除します。"
    ),
    "Say which source a secret would be read from (never prints the value).": (
        "秘密情報をどこから読むことになるかを示します(値は表示しません)。"
    ),
    "Back up the desk while it is in use (SQLite online backup; for PostgreSQL it explains pg_dump). Admins only.": (
        "使用中の窓口をバックアップします(SQLite はオンラインバックアップ。PostgreSQL では `pg_dump` "
        "の使い方を示します)。管理者のみ。"
    ),
    "Where to write the backup (created with mode 0600).": "バックアップの書き込み先(権限 0600 で作成)。",
    "Replace FILE if it exists.": "FILE があれば置き換えます。",
    "Restore a backup into the desk location (--db), upgrade its schema and rebuild the search index.": (
        "バックアップを窓口の場所(--db)に復元し、スキーマを最新にして検索索引を作り直します。"
    ),
    "A backup made by `supportdesk backup`.": "`supportdesk backup` で作ったバックアップ。",
    "Replace an existing desk (it is lost).": "既存の窓口を置き換えます(元の窓口は失われます)。",
    (
        "Import customers, companies, products, purchases, subscriptions or tickets from a CSV file.\n\nPreview with "
        "--dry-run first: every row's outcome, every problem (row, column, value, reason) and likely\nduplicates. "
        "The import itself writes all rows or none; importing the same file again changes nothing."
    ): (
        "顧客・会社・商品・購入・契約・チケットを CSV ファイルから取り込みます。\n\nまず --dry-run "
        "で確認してください: 各行の結果、すべての問題(行、列、値、理由)、重複の可能性を表示します。"
        "取り込みは全行を書くか、1 行も書かないかのどちらかです。同じファイルをもう一度取り込んでも何も変わりません。"
    ),
    "What the file holds.": "ファイルの内容。",
    "A CSV file (UTF-8 or Shift_JIS, , or tab).": (
        "CSV ファイル(UTF-8 または Shift_JIS、カンマ区切りまたはタブ区切り)。"
    ),
    "Show what would happen; write nothing.": "何が起きるかを表示し、何も書きません。",
    "A TOML file naming the columns (docs/IMPORT.md).": "列の対応を書いた TOML ファイル(`docs/IMPORT.md`)。",
    "utf-8 or cp932 (Shift_JIS); detected when not given.": (
        "`utf-8` または `cp932`(Shift_JIS)。指定しなければ判定します。"
    ),
    "comma or tab; detected when not given.": "`comma`(カンマ)または `tab`(タブ)。指定しなければ判定します。",
    "Export every record of a kind as CSV. Tickets: one row per thread entry, the ticket's columns repeated.": (
        "ある種類のすべての記録を CSV で書き出します。チケットはスレッドの記録ごとに 1 行で、"
        "チケットの列を繰り返します。"
    ),
    "What to export.": "書き出すもの。",
    "Write to this file (else stdout).": "このファイルに書きます(指定しなければ標準出力)。",
    "Start with a UTF-8 byte-order mark, so Excel reads Japanese.": (
        "Excel が日本語を読めるよう、UTF-8 のバイト順マークで始めます。"
    ),
    "Column headers: en (field names) or ja (Japanese).": "列見出し: `en`(項目名)または `ja`(日本語)。",
    "Serve the app to web browsers (each tab signs in with its own account).": (
        "アプリを Web ブラウザーに提供します(タブごとに自分のアカウントでサインインします)。"
    ),
    "Address to listen on; 127.0.0.1 keeps it to this machine (use TLS in front otherwise).": (
        "待ち受けるアドレス。`127.0.0.1` ならこのマシンからだけです(それ以外では前段に TLS を置いてください)。"
    ),
    "TCP port.": "TCP ポート。",
    "The address browsers use, when a proxy serves it (https://desk.example.jp).": (
        "プロキシ経由のとき、ブラウザーが使うアドレス(`https://desk.example.jp`)。"
    ),
    "The desk service: timed rules, triggers, notifications, mail and the search index, run by one process.": (
        "窓口サービス: 時間ルール、トリガー、通知、メール、検索索引を 1 つのプロセスで実行します。"
    ),
    "Run every job once (when no other instance is active), then stop.": (
        "各ジョブを 1 回実行して終わります(ほかのインスタンスが動いていないとき)。"
    ),
    "Who runs the desk service (and who stands by), since when, and what each job did last.": (
        "窓口サービスを誰が動かしているか(誰が待機しているか)、いつからか、各ジョブが最後に何をしたか。"
    ),
    "Your notifications: assigned to you, customers' answers, mentions, due times, rules.": (
        "あなたへの通知: 割り当て、顧客の返事、メンション、期限、ルール。"
    ),
    "Only those not read yet.": "未読のもののみ。",
    "At most this many, newest first.": "新しい順に最大この件数。",
    "Mark notifications read (all of yours when no ID is given).": (
        "通知を既読にします(ID を指定しなければ自分の通知すべて)。"
    ),
    "Which ones (default: all).": "どの通知か(既定: すべて)。",
    "Ask for a daily digest of your unread notifications by mail (business days), or stop it.": (
        "未読の通知の日次まとめをメールで受け取ります(営業日)。または停止します。"
    ),
    "A daily mail of your unread notifications, or none.": "未読の通知の日次メール。または受け取らない。",
    "Where the digest goes.": "まとめの送り先。",
    "Triggers and macros: list them, keep them in a file, see who changed what.": (
        "トリガーとマクロ: 一覧、ファイルでの管理、誰が何を変えたか。"
    ),
    "Triggers in the order they run, then macros.": "実行順のトリガー、続いてマクロ。",
    "One rule as its editor shows it (TOML).": "1 件のルールを編集画面と同じ形(TOML)で表示します。",
    "The rule's number (rules list).": "ルール番号(`rules list`)。",
    "Write every rule to a rules file (TOML), to keep in version control.": (
        "すべてのルールをルールファイル(TOML)に書き出します。バージョン管理で保管できます。"
    ),
    "Make the desk's rules what a rules file says (rules it does not name are deleted; every change audited).": (
        "窓口のルールをルールファイルのとおりにします(ファイルにないルールは削除。すべての変更は監査されます)。"
    ),
    "Every change to the rules (or to one rule): who, when, from where, and what the rule became.": (
        "ルール(または 1 件のルール)へのすべての変更: 誰が、いつ、どこから、ルールがどうなったか。"
    ),
    "Switch a rule on.": "ルールを有効にします。",
    "Switch a rule off (it keeps its place and history).": "ルールを無効にします(順番と履歴は残ります)。",
    "Delete a rule (its history stays).": "ルールを削除します(履歴は残ります)。",
    "Apply a macro to tickets.": "チケットにマクロを適用します。",
    "Apply a macro to one ticket, or to several at once (leads).": (
        "マクロを 1 件のチケット、または複数のチケットにまとめて適用します(リーダー)。"
    ),
    "The macro's number or name.": "マクロの番号または名前。",
    "Ticket numbers.": "チケット番号。",
    "Canned responses: list, add, edit and retire your team's texts with placeholders.": (
        "定型文: チームの差し込み文字入りの文面を一覧・追加・編集・廃止します。"
    ),
    "The responses you keep, with how often agents used each.": "保管している定型文と、担当者がそれぞれを使った回数。",
    "Also list retired responses.": "廃止した定型文も表示します。",
    "One response's text (or its preview).": "1 件の定型文の本文(またはプレビュー)。",
    "The response's number (see `canned list`).": "定型文の番号(`canned list` で確認)。",
    "Fill the placeholders with example values.": "差し込み文字を例の値で埋めます。",
    "Add a response (e.g. canned add Thanks 'Dear {customer_name}, thank you for your patience.').": (
        "定型文を追加します(例: `canned add お礼 '{customer_name} 様 ありがとうございました。'`)。"
    ),
    "What agents pick it by.": "担当者が選ぶときの題名。",
    "The text with placeholders such as {customer_name} ('-' reads stdin).": (
        "`{customer_name}` などの差し込み文字を含む本文(`-` で標準入力から読みます)。"
    ),
    "ja or en (default: ja when the text holds Japanese, else en).": (
        "`ja` または `en`(既定: 本文に日本語があれば `ja`、なければ `en`)。"
    ),
    "The team it is for (default: yours); --every-team for the whole desk.": (
        "対象のチーム(既定: 自分のチーム)。窓口全体には --every-team。"
    ),
    "For every team of the desk.": "窓口のすべてのチーム向け。",
    "Change a response's title, text, language or team (what is not given stays).": (
        "定型文の題名・本文・言語・チームを変えます(指定しないものはそのまま)。"
    ),
    "A new title.": "新しい題名。",
    "Refuse if it changed since this version.": "この版から変更されていれば拒否します。",
    "Take a response out of the agents' list (its use count stays); --restore puts it back.": (
        "定型文を担当者の一覧から外します(使用回数は残ります)。--restore で戻します。"
    ),
    "Offer a retired response again.": "廃止した定型文を再び使えるようにします。",
    (
        "The team's own fields on tickets and customers (part numbers, serial numbers, warranty ends): list, add, "
        "change, retire."
    ): ("チケットと顧客にチームが独自に設ける項目(品番、製造番号、保証期限など): 一覧、追加、変更、廃止。"),
    "The fields defined on the desk, in the order forms show them.": (
        "窓口で定義された項目を、フォームに並ぶ順に表示します。"
    ),
    "tickets or customers (default: both).": "`tickets` または `customers`(既定: 両方)。",
    "Also list retired fields.": "廃止した項目も表示します。",
    "Add a field (e.g. field add tickets desk --type choice --choice head-office --choice osaka).": (
        "項目を追加します(例: `field add tickets 窓口 --type choice --choice 本社 --choice 大阪支店`)。"
    ),
    "tickets or customers.": "`tickets` または `customers`。",
    "What forms, files and `show` call it, e.g. part_no.": "フォーム、ファイル、`show` での項目名。例: 品番。",
    "What it holds.": "項目の型。",
    "One allowed value (repeat for each) of a choice field.": "選択式の項目で選べる値(値ごとに繰り返し指定)。",
    "Every new record must have a value.": "新しい記録には必ず値が要ります。",
    "Rename a field, change its choices or whether it is required.": "項目の名前、選択肢、必須かどうかを変えます。",
    "The field's number (see `field list`).": "項目番号(`field list` で確認)。",
    "A new name (its values stay).": "新しい名前(値はそのまま)。",
    "The allowed values, all of them (repeat for each).": "選べる値のすべて(値ごとに繰り返し指定)。",
    "Whether a new record must have a value.": "新しい記録に値が必須かどうか。",
    "Take a field out of forms and files (its values are kept); --restore brings it back.": (
        "項目をフォームとファイルから外します(値は残ります)。--restore で戻します。"
    ),
    "Bring a retired field back, with its values.": "廃止した項目を値とともに戻します。",
}
