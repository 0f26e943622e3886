"""Japanese for the `supportdesk` command's output: results, prompts, progress and one-line errors."""

JA: dict[str, str] = {
    "Checking rows": "行を確認中",
    "Importing": "取り込み中",
    "Wrote {count} rows to {path}.": "{count} 行を {path} に書き出しました。",
    "{count} to create": "作成 {count} 件",
    "{count} to update": "更新 {count} 件",
    "{count} unchanged": "変更なし {count} 件",
    "{count} skipped": "スキップ {count} 件",
    "{count} with problems": "問題あり {count} 件",
    "Copied {count} files into {path}.": "{path} に {count} 件のファイルをコピーしました。",
    # One-line errors of the command line (supportdesk/cli/failures.py)
    "a value": "値",
    "{param}: {why}": "{param}: {why}",
    "{param}: {value} is not one of {choices}": "{param}: {value} は指定できません({choices} のいずれか)",
    "{param}: {value} is not a whole number": "{param}: {value} は整数ではありません",
    "{param}: {value} is not a finite number": "{param}: {value} は有限の数ではありません",
    "{param}: {value} is not a number": "{param}: {value} は数値ではありません",
    "{param}: {value} is below {limit}": "{param}: {value} は {limit} 未満です",
    "{param}: {value} is above {limit}": "{param}: {value} は {limit} を超えています",
    "{param}: {value} is not yes or no": "{param}: {value} は yes / no ではありません",
    "{param}: {value} is not valid ({why})": "{param}: {value} は無効です({why})",
    "{option} goes before the command, e.g. supportdesk {option} ticket list": (
        "{option} はコマンドの前に書きます(例: supportdesk {option} ticket list)"
    ),
    "no such option {option} (did you mean {choices}?)": (
        "{option} というオプションはありません({choices} のことですか?)"
    ),
    "no such option {option}": "{option} というオプションはありません",
    "{param} is missing": "{param} がありません",
    "{option} takes no value": "{option} には値を付けません",
    "{option} needs a value": "{option} には値が必要です",
    "no such command {name} (did you mean {choices}?)": "{name} というコマンドはありません({choices} のことですか?)",
    "no such command {name} (commands: {choices})": "{name} というコマンドはありません(コマンド: {choices})",
    "unexpected extra argument {args}": "余分な引数があります: {args}",
    "a command is missing": "コマンドがありません",
    "{problem} — usage: {usage} (see {path} --help)": "{problem} — 使い方: {usage}(詳しくは {path} --help)",
    "interrupted; nothing more was done": "中断しました。これ以上の処理は行っていません",
    "the database could not be used: {why}": "データベースを使用できません: {why}",
    "{file}: {why}": "{file}: {why}",
    "unexpected error {kind}: {why} (run again with --debug for the details)": (
        "予期しないエラー {kind}: {why}(詳細は --debug を付けて再実行してください)"
    ),
    "argument {position} {value} is not valid UTF-8; check the terminal's encoding": (
        "引数 {position} {value} は正しい UTF-8 ではありません。端末の文字コードを確認してください"
    ),
    "argument {position} contains U+{code:04X}, which is not a character": (
        "引数 {position} に文字ではない U+{code:04X} が含まれています"
    ),
    # Reading files and passwords
    "--mapping": "--mapping",
    "--password-stdin": "--password-stdin",
    "{path} does not exist": "{path} は存在しません",
    "{path} is a folder, not a file": "{path} はファイルではなくフォルダーです",
    "{path} cannot be read ({why})": "{path} を読み込めません({why})",
    "{path} is not UTF-8 text (byte {offset})": "{path} は UTF-8 のテキストではありません({offset} バイト目)",
    "standard input is empty; pipe the password in": "標準入力が空です。パスワードをパイプで渡してください",
    (
        "{count} users exist only in the backup: their passwords were not restored; an "
        "administrator sets new ones (supportdesk user passwd LOGIN)."
    ): (
        "{count} 人のユーザーはバックアップにしかいないため、パスワードは復元していません。"
        "管理者が新しいパスワードを設定してください (supportdesk user passwd ログインID)。"
    ),
    (
        "Customer {customer} anonymised: {tickets} tickets kept, {rows} records rewritten, {merged} "
        "merged duplicates erased."
    ): (
        "顧客 {customer} を匿名化しました: 問い合わせ {tickets} 件を保持、{rows} 件の記録を書き換え、"
        "統合済みの重複 {merged} 件を消去。"
    ),
    "The search index is busy; its old copies are purged by its next sync.": (
        "検索インデックスが使用中です。古い写しは次の同期で消去されます。"
    ),
    "Another program has the desk open: the database log is cleared when it closes.": (
        "別のプログラムがデスクを開いています。データベースのログはそれが閉じたときに消去されます。"
    ),
    "{login} is now {role}.": "{login} の役割を{role}にしました。",
    # supportdesk serve
    "this desk has no passwords, so anyone who reaches the page would be signed in; set one first": (
        "このデスクにはパスワードがないため、ページを開いた人は誰でもサインインできてしまいます。先にパスワードを設定してください"
    ),
    "Listening on {host}: put a reverse proxy with TLS in front of it.": (
        "{host} で待ち受けます。TLS を使うリバースプロキシを前に置いてください。"
    ),
    # supportdesk demo (what `make demo` shows first)
    "Building the demo desk:": "デモデスクを作成中:",
    "starting": "準備",
    "staff accounts": "スタッフのアカウント",
    "customers and purchases": "顧客と購入履歴",
    "tickets and threads": "問い合わせとやり取り",
    "done": "完了",
    "Demo desk ready in {seconds} s: {customers} customers, {tickets} tickets, {entries} thread entries at {place}": (
        "デモデスクを {seconds} 秒で作成しました: 顧客 {customers} 人、問い合わせ {tickets} 件、"
        "やり取り {entries} 件({place})"
    ),
    "Using the demo desk at {place} (--rebuild makes a new one).": (
        "{place} のデモデスクを使います(--rebuild で作り直します)。"
    ),
    "Demo desk: each user's password is their login + -demo (sato-demo, takahashi-demo, ito-demo …).": (
        "デモデスク: パスワードは各ユーザーのログインIDに -demo を付けたものです(sato-demo、takahashi-demo、"
        "ito-demo …)。"
    ),
    # Tickets
    "No tickets match.": "該当するチケットはありません。",
    (
        "status {status} · priority {priority} · type {type} · channel {channel} · assignee {assignee} · "
        "version {version}"
    ): "状態 {status} · 優先度 {priority} · 種別 {type} · 受付 {channel} · 担当 {assignee} · バージョン {version}",
    "individual": "個人",
    "customer {name} ({company})": "顧客 {name}({company})",
    "follow up on {date}": "フォロー日 {date}",
    "Created ticket #{number}.": "チケット #{number} を作成しました。",
    "Added to #{number}: {kind}.": "#{number} に{kind}を追加しました。",
    "Logged a {minutes:g}-minute call on #{number}.": "#{number} に {minutes:g} 分の通話を記録しました。",
    "#{number} is now {status}.": "#{number} を「{status}」にしました。",
    "#{number} is now assigned to {login}.": "#{number} の担当を {login} にしました。",
    "#{number} is now assigned to nobody.": "#{number} を未割り当てにしました。",
    "give an agent's login, or --unassign": "担当者のログインIDか --unassign を指定してください",
    "{value!r} is not a date like 2026-12-01": "{value!r} は 2026-12-01 のような日付ではありません",
    "{value!r} is not a date like 2026-12-01, or +N days from today": (
        "{value!r} は 2026-12-01 のような日付でも、+N(今日から N 日後)でもありません"
    ),
    # Customers
    "No customer matches {text!r}.": "{text!r} に一致する顧客はいません。",
    "open: {count}": "未完了: {count}",
    "last digits of the phone": "電話番号の下4桁",
    "start of the e-mail": "メールアドレスの先頭",
    "kana": "フリガナ",
    "Merge a pair with: {command}": "統合するには: {command}",
    "{given!r}: write FIELD=A or FIELD=B, e.g. email=B": (
        "{given!r}: 項目=A か 項目=B の形で書いてください(例: email=B)"
    ),
    "tickets/purchases/subscriptions: A {a}  B {b}": "問い合わせ/購入/契約: A {a}  B {b}",
    "Kept from #{b}: {fields}": "#{b} から採用した項目: {fields}",
    # Import and export
    "{file}: {kind}, {encoding}, {delimiter}-separated; {summary}": (
        "{file}: {kind}、{encoding}、区切り {delimiter}。{summary}"
    ),
    "no rows": "行はありません",
    "columns: {columns}": "列: {columns}",
    "{count} problems; nothing will be imported until they are fixed:": (
        "問題が {count} 件あります。直すまで何も取り込まれません:"
    ),
    "{count} problem in {file}; fix it before importing": (
        "{file} に問題が {count} 件あります。直してから取り込んでください"
    ),
    "{count} problem in {file}; nothing was imported": "{file} に問題が {count} 件あります。何も取り込んでいません",
    # Reports
    "Nothing to report.": "集計する対象はありません。",
    "By agent: tickets received {start} – {end}": "担当者別: {start} 〜 {end} の受付分",
    "By inquiry type: tickets received {start} – {end}": "問い合わせ種別別: {start} 〜 {end} の受付分",
    "report\x04Priority": "優先度",
    "report\x04Type": "種別",
    "report\x04Login": "ログインID",
    "report\x04Agent": "担当者",
    "report\x04Received": "受付",
    "report\x04Resolved": "解決",
    "report\x04Open now": "現在の未完了",
    "report\x04Overdue now": "現在の期限超過",
    "report\x04Due soon now": "現在の期限間近",
    "report\x041st response met": "初回対応 達成",
    "report\x041st response missed": "初回対応 未達",
    "report\x041st response met %": "初回対応 達成率(%)",
    "report\x04Resolution met": "解決 達成",
    "report\x04Resolution missed": "解決 未達",
    "report\x04Resolution met %": "解決 達成率(%)",
    "report\x041st response median h": "初回対応 中央値(時間)",
    "report\x041st response p90 h": "初回対応 90%値(時間)",
    "report\x04Resolution median h": "解決 中央値(時間)",
    "report\x04Resolution p90 h": "解決 90%値(時間)",
    # Search
    "No past case matches {query!r}.": "{query!r} に一致する過去の事例はありません。",
    "{total:,} cases match; the best {shown}:": "{total:,} 件の事例が一致しました。上位 {shown} 件:",
    "More than {total:,} cases match; the best {shown}:": "{total:,} 件を超える事例が一致しました。上位 {shown} 件:",
    "Indexing tickets": "チケットを索引中",
    "Indexed {count} tickets into {path}.": "{count} 件のチケットを {path} に索引しました。",
    # Users, sign-in, secrets
    "This desk needs a password: set SUPPORTDESK_PASSWORD or run in a terminal.": (
        "このデスクにはパスワードが必要です。SUPPORTDESK_PASSWORD を設定するか、端末から実行してください。"
    ),
    "Password for {login}": "{login} のパスワード",
    "Added {login} ({role}).": "{login}({role})を追加しました。",
    "disabled": "無効",
    "user\x04active": "有効",
    "no password": "パスワードなし",
    "locked until {time}": "{time} までロック中",
    "last sign-in {time}": "最終サインイン {time}",
    "Disabled {login}.": "{login} を無効にしました。",
    "Enabled {login}.": "{login} を有効にしました。",
    "Current password": "現在のパスワード",
    "New password for {login}": "{login} の新しいパスワード",
    "Password for {login} changed.": "{login} のパスワードを変更しました。",
    "No audit events match.": "該当する監査ログはありません。",
    "Value for {name}": "{name} の値",
    "the value is empty; nothing was stored": "値が空です。何も保管していません",
    "Stored {name} in the {source} (no usable OS keyring here).": (
        "{name} を {source} に保管しました(この環境では OS のキーリングを使えません)。"
    ),
    "Stored {name} in the {source}.": "{name} を {source} に保管しました。",
    "Note: {variable} is set in this environment and is used first.": (
        "注意: この環境では {variable} が設定されていて、そちらが優先されます。"
    ),
    "No stored secret {name!r} in the keyring or the secrets file.": (
        "キーリングにもシークレットファイルにも {name!r} は保管されていません。"
    ),
    "Removed {name} from the {source}.": "{name} を {source} から削除しました。",
    "{variable} is still set in this environment; unset it yourself.": (
        "この環境にはまだ {variable} が設定されています。ご自身で解除してください。"
    ),
    # Privacy requests
    "Wrote {path}.": "{path} に書き出しました。",
    "use FIELD=VALUE with one of {fields}": "項目=値 の形で、次のいずれかの項目を指定してください: {fields}",
    "Corrected {fields} of customer {customer}.": "顧客 {customer} の {fields} を訂正しました。",
    "run in a terminal to confirm, or pass --yes": "端末から実行して確認するか、--yes を付けてください",
    "This cannot be undone. Type the customer number ({customer}) to anonymise": (
        "元に戻せません。匿名化するには顧客番号 ({customer}) を入力してください"
    ),
    # Backup and restore
    "Backing up": "バックアップ中",
    "pages": "ページ",
    "Backed up {pages} pages ({size}, schema {revision}) to {path} (mode 0600).": (
        "{pages} ページ({size}、スキーマ {revision})を {path} にバックアップしました(モード 0600)。"
    ),
    "The backup is encrypted with the desk's key.": "バックアップはデスクの鍵で暗号化されています。",
    "Copying the backup": "バックアップをコピー中",
    "Restored {tickets} tickets to {path} (schema {revision}); search index rebuilt with {indexed} tickets.": (
        "{tickets} 件のチケットを {path} に復元しました(スキーマ {revision})。検索索引を {indexed} 件で作り直しました。"
    ),
    "The backup was upgraded from schema {revision}.": "バックアップをスキーマ {revision} からアップグレードしました。",
    # The demo desk and the schema
    "this desk already has {customers} customers and {tickets} tickets; build the demo into a new, empty database": (
        "このデスクにはすでに顧客 {customers} 人とチケット {tickets} 件があります。"
        "デモは新しい空のデータベースに作成してください"
    ),
    "Schema at {now} (was {before}).": "スキーマは {now} です(以前は {before})。",
    "empty": "空",
    # Reports from main's records work (supportdesk/cli/reports.py)
    "Handle time: calls logged {start} – {end}": "処理時間: {start} 〜 {end} に記録された通話",
    "Cancellations by reason: {start} – {end}": "理由別の解約: {start} 〜 {end}",
    "report\x04By": "集計単位",
    "report\x04Key": "キー",
    "report\x04Calls": "通話数",
    "report\x04Tickets": "チケット数",
    "report\x04Talk min": "通話時間(分)",
    "report\x04Avg call min": "平均通話時間(分)",
    "report\x04Avg handle min per ticket": "チケットあたり平均処理時間(分)",
    "report\x04Reason": "理由",
    "report\x04Count": "件数",
    "report\x04Share %": "割合 %",
    "report\x04Subscription": "契約番号",
    "report\x04Customer no.": "顧客番号",
    "report\x04Customer": "顧客",
    "report\x04Company": "会社",
    "report\x04Product": "商品",
    "report\x04Since": "契約開始",
    "report\x04Renews on": "更新日",
    "report\x04Days left": "残り日数",
    "report\x04agent": "担当者",
    "report\x04type": "種別",
    "report\x04all": "全体",
    "not given": "理由なし",
    "supportdesk customer merge KEEP OTHER [--keep FIELD=A|B …]": (
        "supportdesk customer merge 残す顧客番号 統合する顧客番号 [--keep 項目=A|B …]"
    ),
}
