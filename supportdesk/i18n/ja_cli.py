"""Japanese for the `supportdesk` command's output: results, prompts, progress and one-line errors."""

JA: dict[str, str] = {
    "Checking rows": "行を確認中",
    "Importing": "取り込み中",
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
}
