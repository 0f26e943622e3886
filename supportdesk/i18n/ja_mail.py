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
    "write something first": "先に本文を入力してください",
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
}
