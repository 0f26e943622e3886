"""Japanese for the mail channel: mail in and out, attachments, the mail servers and the `mail` commands."""

JA: dict[str, str] = {
    # Fields named in errors
    "attach": "添付",
    "attachment": "添付ファイル",
    "file name": "ファイル名",
    "mail": "メール",
    "mail.imap_host": "[mail] imap_host",
    "mail.smtp_host": "[mail] smtp_host",
    "mail.smtp_security": "[mail] smtp_security",
    "output file": "保存先",
    "path": "パス",
    "recipient": "宛先",
    # Errors and refusals
    "files go out by mail: add --mail": "ファイルはメールで送ります: --mail を付けてください",
    "no IMAP server is set in [mail]": "[mail] に IMAP サーバーが設定されていません",
    "no SMTP server is set in [mail]": "[mail] に SMTP サーバーが設定されていません",
    "a server off this machine needs TLS": "このマシン以外のサーバーには TLS が必要です",
    "IMAP server {host}:{port}: {problem}": "IMAP サーバー {host}:{port}: {problem}",
    "IMAP fetch of {folder} stopped after {count} messages: {problem}": (
        "{folder} の受信が {count} 通で中断しました: {problem}"
    ),
    "Ticket #{number} has no attachment {attachment}.": "チケット #{number} に添付ファイル {attachment} はありません。",
    "Trainers may open a file only after an administrator marked it free of personal data.": (
        "トレーナーが開けるのは、個人情報を含まないと管理者が確認したファイルだけです。"
    ),
    "{name} was over the size limit when it arrived; the desk did not keep it.": (
        "{name} は受信時にサイズ上限を超えていたため、保存していません。"
    ),
    "The file of attachment {attachment} is no longer held (erased on request).": (
        "添付ファイル {attachment} の内容は削除依頼により消去されています。"
    ),
    "the attachment's name would leave the folder": "添付ファイル名が保存先フォルダーの外を指しています",
    "{path} already exists; choose another name": "{path} は既に存在します。別の名前を指定してください",
    "The ticket kept changing while a mail was added to it; fetch again.": (
        "メールの追加中にチケットが何度も変更されました。もう一度受信してください。"
    ),
    'No desk address is set: add [mail] address = "…" to the config file to reply by mail.': (
        "デスクのメールアドレスが未設定です。"
        'メールで返信するには設定ファイルに [mail] address = "…" を追加してください。'
    ),
    "the customer of ticket #{number} has no e-mail address": "チケット #{number} の顧客にメールアドレスがありません",
    "{name} is over the {limit} MB limit": "{name} は上限 {limit} MB を超えています",
    "There is no outgoing mail {mail}.": "送信メール {mail} はありません。",
    "mail {mail} is {state}; only unconfirmed, failed or bounced mail is sent again": (
        "メール {mail} は {state} です。再送できるのは未確認・失敗・不達のメールだけです"
    ),
    # How mail reads in a thread (supportdesk/services/mail_display.py)
    "automatic reply": "自動応答",
    "bounce": "不達通知",
    "queued": "送信待ち",
    "sending": "送信中",
    "handing over": "引き渡し中",
    "sent": "送信済み",
    "failed": "送信失敗",
    "unconfirmed": "送信未確認",
    "bounced": "不達",
    "mail from {sender} · {subject}": "メール受信 {sender} · {subject}",
    "mail to {to} · {state}": "メール送信 {to} · {state}",
    "not kept: over the size limit": "サイズ上限超過のため未保存",
    "text that could not be read": "読み取れなかった本文",
    # Fields of the 開示 export
    "ticket_number": "チケット番号",
    "direction": "方向",
    "sender": "差出人",
    "mail_date": "日時",
    "delivery": "配信状況",
    "content_type": "種類",
    "size": "サイズ(バイト)",
    "sha256": "SHA-256",
    # Settings in [mail]
    "must be a whole number": "整数にしてください",
    "must be true or false": "true か false にしてください",
    "must be a table ([mail])": "表([mail])にしてください",
    'must be a list of folder names, like ["INBOX"]': '["INBOX"] のようなフォルダー名のリストにしてください',
    'must be a table of team = "signature text"': 'チーム = "署名" の表にしてください',
    "must be one of {choices}": "次のいずれかにしてください: {choices}",
    "must be a port number": "ポート番号にしてください",
    "must be a whole number above 0": "1以上の整数にしてください",
    '"none" is only for a server on this machine (127.0.0.1)': (
        '"none" はこのマシン上のサーバー(127.0.0.1)にだけ使えます'
    ),
    # The `mail` commands and `ticket reply --mail` / `ticket attachment`
    "nothing to take": "取り込むものはありません",
    "{count} message: {summary}.": "{count} 通: {summary}。",
    "nothing new": "新着なし",
    "Fetched {count} message: {summary}.": "{count} 通を受信: {summary}。",
    "Outbound queue: {states}.": "送信キュー: {states}。",
    "nothing due": "送信予定なし",
    "server: {answer}": "サーバーの応答: {answer}",
    "Outbound: {states}": "送信: {states}",
    "mail {mail} on #{ticket} to {to}: {state} — {answer}": "メール {mail}(#{ticket}、宛先 {to}): {state} — {answer}",
    "Fetch: never run": "受信: 未実行",
    "error: {error}": "エラー: {error}",
    "{count} new": "新着 {count} 通",
    "Fetch {mailbox}: {when} · {outcome}": "受信 {mailbox}: {when} · {outcome}",
    "Mail {mail} is queued again; `supportdesk mail send` delivers it.": (
        "メール {mail} を再び送信キューに入れました。`supportdesk mail send` で送信されます。"
    ),
    "{when} fetched {fetched}, sent {sent}": "{when} 受信 {fetched} 通、送信 {sent} 通",
    "{count} new ticket": "新規チケット {count} 件",
    "{count} added to a ticket": "既存チケットに追加 {count} 件",
    "{count} already on the desk": "取り込み済み {count} 件",
    "{count} automatic reply": "自動応答 {count} 件",
    "{count} bounce": "不達通知 {count} 件",
    "{count} {state}": "{state} {count} 通",
    "attachment {file}": "添付 {file}",
    "Reply on #{number} queued for {to} (`supportdesk mail send` sends it).": (
        "#{number} の返信を {to} 宛てに送信キューへ入れました(`supportdesk mail send` で送信されます)。"
    ),
    "Saved {path}.": "{path} に保存しました。",
    "Attachment {attachment} on #{number} is closed to trainers.": (
        "#{number} の添付ファイル {attachment} をトレーナーに非公開にしました。"
    ),
    "Attachment {attachment} on #{number} is open to trainers.": (
        "#{number} の添付ファイル {attachment} をトレーナーに公開しました。"
    ),
}
