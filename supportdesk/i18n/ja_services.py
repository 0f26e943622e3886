"""Japanese for what the services say: refusals, conflicts and validation, keyed by the English text."""

JA: dict[str, str] = {
    # Lists inside messages
    "list\x04, ": "、",
    # Tickets
    "Ticket #{number} was changed after you opened it. Nothing was saved; reload it and try again.": (
        "チケット #{number} は開いた後に変更されました。保存していません。再読込してからやり直してください。"
    ),
    (
        "Ticket #{number} was changed by {name} at {time} after you opened it. "
        "Nothing was saved; reload it and try again."
    ): (
        "チケット #{number} は開いた後に {name} さんが {time} に変更しました。"
        "保存していません。再読込してからやり直してください。"
    ),
    "no active user with id {id}": "ID {id} の有効なユーザーはいません",
    "a ticket needs a subject": "件名を入力してください",
    "no customer with id {id}": "ID {id} の顧客はいません",
    "purchase {id} is not one of this customer's": "購入 {id} はこの顧客の購入ではありません",
    "ticket #{number} is already {status}": "チケット #{number} はすでに「{status}」です",
    "Ticket #{number} cannot go from {current} to {target}; allowed next: {options}.": (
        "チケット #{number} は「{current}」から「{target}」にできません。次にできる状態: {options}。"
    ),
    "a pending ticket needs a follow-up date": "顧客待ちにするにはフォロー日が必要です",
    "{date} is in the past": "{date} は過去の日付です",
    "say briefly how the inquiry was resolved": "どのように解決したかを簡単に書いてください",
    "status changes are recorded by changing the status": "状態の変更は状態を変えることで記録されます",
    "a call log needs a duration between 0 seconds and 24 hours": "通話記録には0秒から24時間までの通話時間が必要です",
    "only call logs have a duration": "通話時間を記録できるのは通話記録だけです",
    "write something first": "内容を入力してください",
    "Ticket #{number} is closed; reopen it first or open a new ticket.": (
        "チケット #{number} は完了しています。再開するか、新しいチケットを作成してください。"
    ),
    "Ticket #{number} belongs to another agent; ask a lead to reassign it.": (
        "チケット #{number} は他の担当者のものです。担当の変更はリーダーに依頼してください。"
    ),
    "Ticket #{number} is unassigned: take it yourself, or ask a lead to hand it out.": (
        "チケット #{number} は未割り当てです。自分で担当するか、リーダーに割り当てを依頼してください。"
    ),
    # Permissions
    "{name} ({role}) may not {action}.": "{name} さん({role})には「{action}」の権限がありません。",
    # Bulk changes and views
    "pending tickets need a follow-up date": "顧客待ちにするにはフォロー日が必要です",
    "say briefly how the inquiries were resolved": "どのように解決したかを簡単に書いてください",
    "name at least one tag to add": "追加するタグを1つ以上指定してください",
    "select at least one ticket": "チケットを1件以上選択してください",
    "at most {count} tickets at once": "一度に変更できるのは {count} 件までです",
    "The bulk action was done; its summary could not be recorded.": (
        "一括変更は完了しましたが、その記録を保存できませんでした。"
    ),
    "{value!r} is not a queue; known: {known}": "{value!r} はキューではありません。使えるもの: {known}",
    "not known {kind}: {values}": "不明な {kind}: {values}",
    "give the view a name": "ビューの名前を入力してください",
    "The view could not be saved; try again.": "ビューを保存できませんでした。もう一度お試しください。",
    "View {id} does not exist.": "ビュー {id} はありません。",
    "{name} may not remove another person's view {view!r}.": "{name} さんは他の人のビュー {view!r} を削除できません。",
    "The view could not be removed; try again.": "ビューを削除できませんでした。もう一度お試しください。",
    # Cases and the case library
    "Case #{number} does not exist.": "事例 #{number} はありません。",
    "choose at least one case to export": "書き出す事例を1件以上選んでください",
    "{path} is a folder; give a file name such as {example}": (
        "{path} はフォルダーです。{example} のようにファイル名を指定してください"
    ),
    "the folder {path} does not exist": "フォルダー {path} はありません",
    "Ticket #{number} is {status}; only resolved or closed cases can be exemplary.": (
        "チケット #{number} は「{status}」です。模範事例にできるのは解決済みか完了の事例だけです。"
    ),
    "say in a sentence or two what makes this case worth learning from": (
        "この事例から学べることを1〜2文で書いてください"
    ),
    # Products, purchases, subscriptions
    "a product needs a code (SKU) and a name": "商品にはコード(SKU)と名前が必要です",
    "a whole, non-negative number of yen": "0以上の整数(円)で入力してください",
    "must be a whole number of at least 1": "1以上の整数で入力してください",
    "cannot be before the contract date": "契約日より前にはできません",
    "The product could not be saved.": "商品を保存できませんでした。",
    "no product with id {id}": "ID {id} の商品はありません",
    "The purchase could not be saved.": "購入を保存できませんでした。",
    "The subscription could not be saved.": "契約を保存できませんでした。",
    "no subscription with id {id}": "ID {id} の契約はありません",
    "already cancelled on {date}": "{date} にすでに解約されています",
    # Customers and companies
    "cannot be in the future": "未来の日付にはできません",
    "cannot be negative": "負の数にはできません",
    "The company could not be saved; try again.": "会社を保存できませんでした。もう一度お試しください。",
    "no company with id {id}": "ID {id} の会社はありません",
    "The customer could not be saved; try again.": "顧客を保存できませんでした。もう一度お試しください。",
    "not a customer field": "顧客の項目ではありません",
    "Customer {id} was changed by someone else after you opened it. Nothing was saved; reload.": (
        "顧客 {id} は開いた後に他の人が変更しました。保存していません。再読込してください。"
    ),
    # Exports, merges, reports
    "en or ja": "en か ja を指定してください",
    "#{id} was already merged into #{into}": "#{id} はすでに #{into} に統合されています",
    "choose two different customers": "異なる2人の顧客を選んでください",
    "Customer {id} was changed by someone else; nothing was merged. Look again.": (
        "顧客 {id} は他の人が変更しました。統合していません。もう一度確認してください。"
    ),
    "not a field a merge can pick; one of {choices}": "統合で選べる項目ではありません。次のいずれか: {choices}",
    "pick A (keep #{a}) or B (#{b}), not {given!r}": "A(#{a} を残す)か B(#{b})を選んでください({given!r} は使えません)",
    "One of the customers or their tickets was changed meanwhile; nothing was merged.": (
        "その間に顧客かそのチケットが変更されました。統合していません。"
    ),
    # Text from people: the one rule for control characters and lengths
    # Users, sign-in and passwords
    "The password could not be saved; try again.": "パスワードを保存できませんでした。もう一度お試しください。",
    "{login!r} is taken": "{login!r} はすでに使われています",
    "The user could not be saved.": "ユーザーを保存できませんでした。",
    "This desk already has users; an administrator adds more with `supportdesk user add`.": (
        "このデスクにはすでにユーザーがいます。追加は管理者が `supportdesk user add` で行います。"
    ),
    "The first user could not be created.": "最初のユーザーを作成できませんでした。",
    ("Set your own password first (supportdesk user passwd): once one user has a password, everyone signs in."): (
        "まず自分のパスワードを設定してください(supportdesk user passwd)。"
        "1人でもパスワードを持つと、全員がサインインするようになります。"
    ),
    "{login!r} is disabled": "{login!r} は無効になっています",
    "No user {login!r} on this desk. Use --user LOGIN (known: {known}).": (
        "このデスクにユーザー {login!r} はいません。--user LOGIN で指定してください(登録済み: {known})。"
    ),
    "you cannot disable your own account": "自分のアカウントは無効にできません",
    # Privacy requests
    "The export could not be recorded; try again.": "書き出しを記録できませんでした。もう一度お試しください。",
    "The correction could not be recorded; try again.": "訂正を記録できませんでした。もう一度お試しください。",
    "type the customer number {id} to confirm": "確認のため顧客番号 {id} を入力してください",
    "customer {id} was already anonymised on {date}": "顧客 {id} は {date} にすでに匿名化されています",
    # RFM segments (services/rfm.py)
    "segment\x04Champion": "優良顧客",
    "segment\x04Loyal": "ロイヤル顧客",
    "segment\x04New": "新規顧客",
    "segment\x04Promising": "有望顧客",
    "segment\x04At risk": "離反リスク",
    "segment\x04Lapsed": "休眠顧客",
    "segment\x04Needs attention": "要注意",
    "segment\x04No purchases": "購入なし",
    # The case manual (Markdown) a trainer exports
    "Case manual": "対応事例集",
    "Received: {when}": "受付日時: {when}",
    "Resolved: {when}": "解決: {when}",
    "Type: {type} / Channel: {channel} / Status: {status}": "種別: {type} / 受付: {channel} / 状態: {status}",
    "Customer: {name}": "お客様: {name}",
    "Product: {name}": "商品: {name}",
    "Tags: {tags}": "タグ: {tags}",
    "Key points": "ポイント",
    "What was done": "対応履歴",
    "({minutes} min {seconds} s)": "({minutes}分{seconds}秒)",
    "handover note": "引き継ぎメモ",
    # Search hints (search_index words them as English templates)
    "{kind!r} is not something an agent writes": "{kind!r} は担当者が書く種類ではありません",
    "between 0 seconds and 24 hours": "0秒から24時間までにしてください",
    # Audit actions as people read them (supportdesk/services/audit_display.py)
    "signed in": "サインイン",
    "sign-in failed": "サインイン失敗",
    "sign-in locked": "サインインをロック",
    "first administrator created": "最初の管理者を作成",
    "user added": "ユーザー追加",
    "user enabled": "ユーザーを有効化",
    "user disabled": "ユーザーを無効化",
    "role changed": "役割を変更",
    "password set": "パスワード設定",
    "customer viewed": "顧客を閲覧",
    "customer added": "顧客を追加",
    "customer changed": "顧客を変更",
    "customers merged": "顧客を統合",
    "company viewed": "会社を閲覧",
    "company added": "会社を追加",
    "company changed": "会社を変更",
    "product added": "商品を追加",
    "purchase recorded": "購入を記録",
    "subscription recorded": "契約を記録",
    "subscription cancelled": "契約を解約",
    "ticket viewed": "チケットを閲覧",
    "ticket created": "チケットを作成",
    "ticket changed": "チケットを変更",
    "status changed": "状態を変更",
    "ticket assigned": "担当を割り当て",
    "tags changed": "タグを変更",
    "team's fields changed": "独自項目を変更",
    "tickets linked": "チケットを関連付け",
    "link removed": "関連付けを解除",
    "ticket merged in": "チケットを統合",
    "ticket merged into another": "別のチケットに統合",
    "bulk change": "一括変更",
    "macro on a selection": "選択したチケットにマクロ",
    "rule acted on the ticket": "ルールによる処理",
    "marked exemplary": "模範事例に指定",
    "case read": "事例を閲覧",
    "case manual exported": "事例集を書き出し",
    "attachment saved": "添付ファイルを保存",
    "attachment cleared for trainers": "添付ファイルを研修担当に公開",
    "canned response added": "定型文を追加",
    "canned response changed": "定型文を変更",
    "canned response retired": "定型文を廃止",
    "canned response restored": "定型文を復活",
    "team field added": "独自項目を追加",
    "team field changed": "独自項目の定義を変更",
    "mail received": "メール受信",
    "mail queued": "メール送信待ち",
    "mail sent again": "メール再送",
    "digest settings changed": "ダイジェスト設定を変更",
    "personal data disclosed": "個人データを開示",
    "personal files disclosed": "保有ファイルを開示",
    "personal data corrected": "個人データを訂正",
    "personal data erased": "個人データを消去",
    "renewals report": "更新予定レポート",
    "view saved": "ビューを保存",
    "view deleted": "ビューを削除",
    "desk backed up": "デスクをバックアップ",
    "desk restored": "デスクを復元",
    "rule created": "ルールを作成",
    "rule changed": "ルールを変更",
    "rule deleted": "ルールを削除",
    "rule switched on": "ルールを有効化",
    "rule switched off": "ルールを無効化",
    "rule moved": "ルールの順序を変更",
    "{kind} added": "{kind}を追加",
    "imported: {kind}": "取り込み: {kind}",
    "exported: {kind}": "書き出し: {kind}",
    "ticket": "チケット",
    "canned response": "定型文",
    "team field": "独自項目",
    "saved view": "保存ビュー",
    "desk": "デスク",
    "mail\x04received": "受信",
    "mail\x04sent": "送信",
    # An audit event's details (supportdesk/services/audit_display.py)
    "added": "追加",
    "by": "実行者",
    "changed": "変更",
    "characters": "文字数",
    "created": "作成",
    "encrypted": "暗号化",
    "entries": "記録",
    "entry": "記録",
    "fields": "項目",
    "fields from the merged record": "統合元から採った項目",
    "from": "変更前",
    "holds": "内容",
    "into": "統合先",
    "masked": "伏せ字",
    "merged": "統合",
    "merged records": "統合した記録",
    "OS user": "OS ユーザー",
    "characters of the reason": "理由の文字数",
    "removed": "削除",
    "revision": "版",
    "rows": "行数",
    "safe": "研修担当に公開",
    "shared": "共有",
    "skipped": "スキップ",
    "source": "出所",
    "to": "変更後",
    "unchanged": "変更なし",
    "updated": "更新",
    "users needing a password": "パスワード未設定のユーザー",
    "{count} characters": "{count} 文字",
}
