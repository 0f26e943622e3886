"""Japanese for the desk service: timed rules, triggers and macros, notifications, `supportdesk service`."""

JA: dict[str, str] = {
    # [service] in config.toml
    "must be a table ([service])": "テーブル([service])で書いてください",
    'must be "reopen" or "notify"': '"reopen" か "notify" を指定してください',
    "must be a whole number of days from 0 to {most}": "0〜{most} の整数(日数)を指定してください",
    'must be a time of day like "08:30"': '"08:30" のような時刻を指定してください',
    "must be between 1 and {most} characters": "1〜{most} 文字で書いてください",
    # Notifications
    "the desk": "デスク",
    "#{number} was assigned to you by the rule {rule}": "#{number} がルール「{rule}」によりあなたの担当になりました",
    "#{number} was assigned to you by {who}": "#{number} が{who}さんによりあなたの担当になりました",
    "#{number}: the customer answered": "#{number}: お客様から返信がありました",
    "#{number}: {who} mentioned you in a note": "#{number}: {who}さんがメモであなたに言及しました",
    "#{number}: the follow-up date was reached; the ticket is open again": (
        "#{number}: フォロー日になったため、対応中に戻しました"
    ),
    "#{number}: the follow-up date is reached": "#{number}: フォロー日になりました",
    "#{number}: first response due at {time}": "#{number}: 初回応答の期限が近づいています({time})",
    "#{number}: resolution due at {time}": "#{number}: 解決の期限が近づいています({time})",
    "#{number}: first response overdue since {time}": "#{number}: 初回応答の期限({time})を過ぎました",
    "#{number}: resolution overdue since {time}": "#{number}: 解決の期限({time})を過ぎました",
    "#{number}: the rule {rule} found no agent of {team} signed in; the ticket waits for the team": (
        "#{number}: ルール「{rule}」: {team}にサインイン中の担当者がいないため、チームの対応待ちです"
    ),
    "#{number}: the rule {rule} changed {what}": "#{number}: ルール「{rule}」が{what}を変更しました",
    "Assigned": "担当割当",
    "Customer answered": "お客様返信",
    "Mention": "メンション",
    "Rule": "ルール",
    "inquiry type": "問い合わせ種別",
    "internal note": "社内メモ",
    "acknowledgement mail": "受付メール",
    # Lines the desk writes in a ticket's thread
    "The follow-up date was reached": "フォロー日になりました",
    "Closed automatically after the days set for resolved tickets": "解決から所定の日数が経過したため自動クローズ",
    "Acknowledgement mail queued for the customer": "お客様への受付メールを送信待ちにしました",
    "Reminder mail queued for the customer": "お客様への確認のお願いメールを送信待ちにしました",
    "No agent of the team was signed in; the ticket waits for the team": (
        "チームにサインイン中の担当者がいないため、チームの対応待ちにしました"
    ),
    # Rules: triggers and macros
    "Automation": "自動処理",
    "rule {rule}": "ルール「{rule}」",
    "must not be empty": "空にはできません",
    "must be a list of texts in quotes": "引用符で囲んだ文字列のリストで書いてください",
    "at most {limit} items": "{limit} 件までです",
    "must be one value, not a list": "リストではなく値を1つ指定してください",
    "must be a table": "テーブルで書いてください",
    "a trigger needs at least one action": "トリガーには動作([then])が1つ以上必要です",
    'must be "round_robin" or "least_loaded"': '"round_robin" か "least_loaded" を指定してください',
    "assign to a team or to an agent, not both": "割り当て先はチームか担当者のどちらか一方です",
    "goes with assign_team": "assign_team と一緒に指定します",
    "every rule needs a name": "ルールには名前(name)が必要です",
    "must be one of the keys 1 to 9": "1〜9 のキーを指定してください",
    "must be a whole number of days from 1 to {most}": "1〜{most} の整数(日数)を指定してください",
    "a macro that sets pending needs follow_up_days": "保留にするマクロには follow_up_days が必要です",
    'goes with status = "pending"': 'status = "pending" と一緒に指定します',
    "a macro that resolves needs a reply or a note (the resolution note)": (
        "解決にするマクロには返信かメモ(解決メモになります)が必要です"
    ),
    "a macro needs at least one change": "マクロには変更が1つ以上必要です",
    "two rules are named {name!r}": "同じ名前 {name!r} のルールが2つあります",
    "not valid TOML ({problem})": "TOML として読めません({problem})",
    "write each one as [[{kind}]]": "1件ずつ [[{kind}]] で書いてください",
    "two macros use the same key": "2つのマクロが同じキーを使っています",
    "There is no macro {rule}.": "マクロ {rule} はありません。",
    "macro": "マクロ",
    "the macro {name!r} is switched off": "マクロ {name!r} は無効になっています",
    "at most {limit} tickets at once": "一度に {limit} 件までです",
    "There is no rule {rule}.": "ルール {rule} はありません。",
    "rule": "ルール",
    "someone changed this rule since you opened it; open it again": (
        "開いた後に別の人がこのルールを変更しました。開き直してください"
    ),
    "a trigger named {name!r} exists already": "トリガー {name!r} はすでにあります",
    "a macro named {name!r} exists already": "マクロ {name!r} はすでにあります",
    "the macro {name!r} already uses the key {key}": "キー {key} はマクロ {name!r} が使っています",
    "key": "キー",
    "a rule keeps its kind": "ルールの種類(トリガー/マクロ)は変えられません",
    "someone changed the rules meanwhile; import again": (
        "その間に別の人がルールを変更しました。もう一度取り込んでください"
    ),
    # Notifications, the digest
    "{value} is not an e-mail address": "{value} はメールアドレスではありません",
    "give the address the digest goes to": "まとめメールの送り先アドレスを指定してください",
    "The setting could not be saved; try again.": "設定を保存できませんでした。もう一度お試しください。",
    "SupportDesk: {count} unread notification": "SupportDesk: 未読の通知 {count} 件",
    "{name}, these notifications are waiting for you:": "{name}さん、未読の通知があります:",
    "… and {count} more in the app.": "…ほか {count} 件はアプリでご確認ください。",
    # The commands
    "No notifications.": "通知はありません。",
    "{count} notification marked read.": "{count} 件の通知を既読にしました。",
    "A daily digest goes to {email}.": "毎日のまとめメールを {email} に送ります。",
    "No daily digest.": "毎日のまとめメールは送りません。",
    "cannot be read as UTF-8 text ({problem})": "UTF-8 のテキストとして読めません({problem})",
    "No rules yet.": "ルールはまだありません。",
    "on": "有効",
    "off": "無効",
    "trigger": "トリガー",
    "fired {count} time": "{count} 回実行",
    "Rules written to {path}.": "ルールを {path} に書き出しました。",
    "Rules: {created} created, {changed} changed, {deleted} deleted, {unchanged} unchanged.": (
        "ルール: 追加 {created}、変更 {changed}、削除 {deleted}、変更なし {unchanged}。"
    ),
    "Rule {rule} is on.": "ルール {rule} を有効にしました。",
    "Rule {rule} is off.": "ルール {rule} を無効にしました。",
    "Rule {rule} deleted.": "ルール {rule} を削除しました。",
    "Macro applied to #{number}.": "#{number} にマクロを適用しました。",
    "Macro applied to {count} ticket.": "{count} 件のチケットにマクロを適用しました。",
    "Another instance of the desk service is active; nothing was run.": (
        "デスクサービスは別のインスタンスが稼働中のため、何も実行しませんでした。"
    ),
    "The desk service is not running.": "デスクサービスは稼働していません。",
    "Active: {host} pid {pid}, since {since} (last seen {seen})": (
        "稼働中: {host} pid {pid}({since} から、最終確認 {seen})"
    ),
    "Standby: {host} pid {pid}, since {since}": "待機中: {host} pid {pid}({since} から)",
    "nothing to do": "処理なし",
    "{job}: last run {when}, {runs} runs; last did: {done}": "{job}: 最終実行 {when}、{runs} 回; 前回の処理: {done}",
    "failing {count} times in a row: {problem}": "{count} 回連続で失敗: {problem}",
    "{count} rule firings were interrupted half-way (see the tickets' threads).": (
        "{count} 件のルール実行が途中で中断されました(各チケットの履歴を確認してください)。"
    ),
    # The app: notifications, rules, macros
    "Notifications": "通知",
    "Assigned to you, answers, mentions": "担当割当・お客様の返信・メンションなど",
    "Rules: triggers and macros": "ルール: トリガーとマクロ",
    "What the desk does by itself": "デスクが自動で行うこと",
    "Notification": "通知",
    "… and {count} more ({key})": "…ほか {count} 件({key})",
    "{count} unread notifications ({key})": "未読の通知 {count} 件({key})",
    "Mark read": "既読にする",
    "Mark all read": "すべて既読",
    "Unread only": "未読のみ",
    "Unread": "未読",
    "What happened": "内容",
    "Unread notifications": "未読の通知",
    "All notifications": "すべての通知",
    "New trigger": "新しいトリガー",
    "New macro": "新しいマクロ",
    "On/off": "有効/無効",
    "Up": "上へ",
    "Down": "下へ",
    "Delete": "削除",
    "On": "有効",
    "Fired": "実行回数",
    "{count} time": "{count} 回",
    "changed {when} by {who}": "{when} に{who}が変更",
    "Write the rule, then ctrl+s to save it.": "ルールを書いたら ctrl+s で保存します。",
    "Rule saved.": "ルールを保存しました。",
    "Delete the rule {name}? Its history stays in the audit log.": (
        "ルール {name} を削除しますか?変更履歴は監査ログに残ります。"
    ),
    "Macro": "マクロ",
    "reply: {text}": "返信: {text}",
    "priority {value}": "優先度 {value}",
    "tags {tags}": "タグ {tags}",
    "removes {tags}": "{tags} を外す",
    "follow up in {count} business day": "{count} 営業日後にフォロー",
    "status {value}": "状態 {value}",
    "Apply a macro": "マクロを適用",
    "Apply a macro to {count} tickets": "{count} 件のチケットにマクロを適用",
    "No macros yet: a lead writes them in Rules.": "マクロはまだありません。リーダーがルール画面で作成します。",
    "Rule name": "ルール名",
    "trigger when: created | updated | customer_replied": (
        "トリガー when: created(新規)| updated(更新)| customer_replied(お客様の返信)"
    ),
    "[if] channel inquiry_type priority status customer_rank rfm_segment team words business_hours assigned": (
        "[if] channel inquiry_type priority status customer_rank rfm_segment team words business_hours assigned"
    ),
    "[then] assign_team + assign_by (round_robin | least_loaded) | assign_agent, priority inquiry_type tags": (
        "[then] assign_team + assign_by(round_robin | least_loaded)| assign_agent, priority inquiry_type tags"
    ),
    "       note (internal) acknowledge (mail to the customer)": "       note(社内メモ)acknowledge(お客様へのメール)",
    "macro: key (1–9) reply note status follow_up_days priority tags remove_tags": (
        "マクロ: key(1〜9)reply note status follow_up_days(営業日)priority tags remove_tags"
    ),
}
