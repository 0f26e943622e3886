"""Japanese for the everyday records: tags, customer messages by hand, canned responses, links and merges,
customers and companies by hand, purchases and subscriptions, handle time, custom fields (issue 18)."""

JA: dict[str, str] = {
    # Fields named in errors
    "values": "値",
    "language": "言語",
    "title": "タイトル",
    "kind": "種類",
    "field name": "項目名",
    "choices": "選択肢",
    "field": "項目",
    "value": "値",
    "days": "日数",
    "link": "関連付け",
    "merge": "統合",
    "channel": "受付チャネル",
    "received": "受信日時",
    "custom_fields": "独自項目",
    # FIELD=VALUE in the shell and forms
    "{item}: write FIELD=VALUE, e.g. phone=03-1234-5678": (
        "{item}: 項目=値 の形で書いてください(例: phone=03-1234-5678)"
    ),
    "{value}: {why}": "{value}: {why}",
    "not a field here; known: {known}": "ここで使える項目ではありません。使える項目: {known}",
    # Canned responses
    "write the text of the response": "定型文の本文を書いてください",
    "a brace is not closed; write two braces for a brace itself": (
        "波かっこが閉じていません。かっこ自体を書くときは2つ重ねてください"
    ),
    "{name} is not a placeholder; use {known}": "{name} は差し込み項目ではありません。使えるもの: {known}",
    "{name} may keep canned responses of their own team only.": (
        "{name} さんが管理できるのは自分のチームの定型文だけです。"
    ),
    "{value} is not one of ja, en": "{value} は ja、en のいずれでもありません",
    "There is no canned response {id}.": "定型文 {id} はありません。",
    "give the response a title agents can pick it by": "担当者が選べるようにタイトルを付けてください",
    "No canned responses yet: a lead adds them (ctrl+p → Canned responses).": (
        "定型文はまだありません。リーダーが追加します(ctrl+p → 定型文の管理)。"
    ),
    "Canned responses": "定型文の管理",
    "The texts agents pick with F4 on a ticket (F4 here)": "担当者がチケットで F4 で選ぶ文面 (ここでは F4)",
    "Uses": "使用回数",
    "State": "状態",
    "New": "新規",
    "Edit": "編集",
    "Retire/restore": "廃止/復活",
    "Every team": "全チーム",
    "every team": "全チーム",
    "retired": "廃止",
    "No canned responses yet: press n to write the first.": "定型文はまだありません。n で最初の1件を書きます。",
    "Canned response saved.": "定型文を保存しました。",
    "Offered to agents again.": "担当者にふたたび表示します。",
    "Retired: agents no longer see it.": "廃止しました。担当者には表示されません。",
    "Edit canned response": "定型文の編集",
    "New canned response": "新しい定型文",
    "Japanese": "日本語",
    "English": "英語",
    "Placeholders: {names}": "差し込み項目: {names}",
    "No canned responses yet: add one with `supportdesk canned add`.": (
        "定型文はまだありません。`supportdesk canned add` で追加します。"
    ),
    "used {count}×": "{count}回使用",
    "Added canned response {id}.": "定型文 {id} を追加しました。",
    "Saved canned response {id}.": "定型文 {id} を保存しました。",
    "Canned response {id} is offered again.": "定型文 {id} をふたたび表示します。",
    "Retired canned response {id}.": "定型文 {id} を廃止しました。",
    # The team's own fields from the shell
    "ticket field": "チケットの項目",
    "customer field": "顧客の項目",
    "text value": "テキスト",
    "number value": "数値",
    "date value": "日付",
    "choice value": "選択",
    "required field": "必須",
    "No fields of your own yet: an administrator adds them with `supportdesk field add`.": (
        "独自項目はまだありません。管理者が `supportdesk field add` で追加します。"
    ),
    "Added field {id}.": "項目 {id} を追加しました。",
    "Saved field {id}.": "項目 {id} を保存しました。",
    "Field {id} is back in forms and files.": "項目 {id} をフォームとファイルに戻しました。",
    "Retired field {id}: its values are kept.": "項目 {id} を廃止しました(値は残ります)。",
    "No customer has {field}.": "{field} の顧客はいません。",
    "Saved the fields of #{number}.": "#{number} の項目を保存しました。",
    # Tags
    "a ticket holds at most {limit} tags": "1件のチケットに付けられるタグは{limit}個までです",
    # Purchases and subscriptions
    "{value} is not one of {choices}": "{value} は次のいずれでもありません: {choices}",
    "say why the customer cancelled": "解約の理由を入力してください",
    "no product with the code {sku}; add it first (product add)": (
        "商品コード {sku} の商品はありません。先に登録してください(product add)"
    ),
    "between 1 and 366 days": "1〜366日の範囲で指定してください",
    "{end} is before {start}": "{end} が {start} より前です",
    # Custom fields
    "{value} is not one of tickets, customers": "{value} は tickets、customers のいずれでもありません",
    "{value} is not one of text, number, date, choice": "{value} は text、number、date、choice のいずれでもありません",
    "a field needs a name": "項目名を入力してください",
    "a field's name cannot contain '=' or start with 'custom:'": (
        "項目名に「=」は使えず、「custom:」で始めることもできません"
    ),
    "a choice field needs at least one choice": "選択項目には選択肢が1つ以上必要です",
    "only a choice field has choices": "選択肢を持てるのは選択項目だけです",
    "at most {limit} choices": "選択肢は{limit}個までです",
    "{kind} already have a field {name}": "{kind} には既に項目「{name}」があります",
    "at most {limit} fields per kind of record": "独自項目は種類ごとに{limit}個までです",
    "There is no custom field {id}.": "独自項目 {id} はありません。",
    "{value} is still chosen on some records": "「{value}」はまだ選ばれているレコードがあります",
    "{value} is not a number": "{value} は数値ではありません",
    "{value} is not a date like 2026-12-01": "{value} は 2026-12-01 のような日付ではありません",
    "not a field of these records; known: {known}": "この種類のレコードの項目ではありません。項目: {known}",
    "a value is required": "入力は必須です",
    "give a value to filter by": "絞り込む値を指定してください",
    "Trainers cannot search by the text of {name}.": "トレーナーは「{name}」の文字列では検索できません。",
    # Customers and companies
    "no company with number {number}": "会社番号 {number} の会社はありません",
    "no company called {name}; add it first (company add)": (
        "「{name}」という会社はありません。先に登録してください(company add)"
    ),
    "no company called {name}; type its whole name or its number, or create it first: New company in the commands "
    "(ctrl+p)": (
        "「{name}」という会社はありません。会社名を最後まで入力するか会社番号を入れてください。"
        "新しい会社ならコマンド(ctrl+p)の「新規会社」で先に登録してください"
    ),
    "more than one company is called {name}; give its number": (
        "「{name}」という会社が複数あります。会社番号で指定してください"
    ),
    "a customer needs a name": "顧客の氏名を入力してください",
    "Customer {id} does not exist.": "顧客 {id} は存在しません。",
    "a company needs a name": "会社名を入力してください",
    "Company {id} does not exist.": "会社 {id} は存在しません。",
    "not a company field": "会社の項目ではありません",
    # Links and merges
    "Ticket #{number} does not exist.": "チケット #{number} は存在しません。",
    "Ticket #{number} was merged into #{into}; work on that one.": (
        "チケット #{number} は #{into} に統合されました。そちらで対応してください。"
    ),
    "{value} is not one of related, parent": "{value} は related、parent のいずれでもありません",
    "a ticket cannot be linked to itself": "チケットを自分自身に関連付けることはできません",
    "#{a} and #{b} are already linked": "#{a} と #{b} は既に関連付けられています",
    "#{child} already has a parent, #{parent}": "#{child} には既に親チケット #{parent} があります",
    "#{child} is above #{parent} already": "#{child} は既に #{parent} の上位にあります",
    "#{a} and #{b} are not linked": "#{a} と #{b} は関連付けられていません",
    "a ticket cannot be merged into itself": "チケットを自分自身に統合することはできません",
    "#{a} and #{b} are different customers' tickets; merge the customers first.": (
        "#{a} と #{b} は別の顧客のチケットです。先に顧客を統合してください。"
    ),
    "#{number} is closed; reopen it first or keep the other ticket.": (
        "#{number} は完了しています。再開するか、もう一方を残してください。"
    ),
    "#{a} or #{b} was changed meanwhile; nothing was merged.": (
        "#{a} または #{b} がその間に変更されました。統合していません。"
    ),
    # Customer messages entered by hand
    "the desk writes these lines itself": "この種類の行はデスクが自動で記録します",
    "only a customer's message has a channel and a time received": (
        "受付チャネルと受信日時を持てるのは顧客メッセージだけです"
    ),
    "give the time with its time zone": "タイムゾーン付きの日時を指定してください",
    "the time received cannot be in the future": "受信日時に未来の日時は指定できません",
    # `supportdesk ticket tag|message|link|unlink|merge` and `ticket show`
    "name a tag to add (+tag) or remove (-tag)": "追加するタグ(+タグ)か外すタグ(-タグ)を指定してください",
    "#{number} tags: {tags}": "#{number} のタグ: {tags}",
    "{value} is not a date and time like 2026-12-01T14:30": "{value} は 2026-12-01T14:30 のような日時ではありません",
    "Entered the customer's message on #{number}.": "#{number} に顧客のメッセージを記録しました。",
    "Linked #{number} and #{other}.": "#{number} と #{other} を関連付けました。",
    "#{number} and #{other} are no longer linked.": "#{number} と #{other} の関連付けを外しました。",
    "Merged #{other} into #{keep}: {count} entries moved; #{other} is closed.": (
        "#{other} を #{keep} に統合しました(移した記録 {count} 件)。#{other} は完了になりました。"
    ),
    "  tags: {tags}": "  タグ: {tags}",
    "  merged into #{number}": "  #{number} に統合済み",
    "  {relation} #{number} {subject} ({status})": "  {relation} #{number} {subject}({status})",
    "related": "関連",
    "parent": "親チケット",
    "child": "子チケット",
    "merged into": "統合先",
    "merged from": "統合元",
    # `supportdesk customer add|show|edit|purchase|subscribe|cancel`, `supportdesk company add|show|edit`
    "Added customer {number}.": "顧客 {number} を登録しました。",
    "Saved customer {number}.": "顧客 {number} を保存しました。",
    "Recorded purchase {number}.": "購入 {number} を記録しました。",
    "Recorded subscription {number}.": "契約 {number} を記録しました。",
    "Subscription {number} is cancelled from {day}.": "契約 {number} を {day} 付けで解約しました。",
    "Added company {number}.": "会社 {number} を登録しました。",
    "Saved company {number}.": "会社 {number} を保存しました。",
    "{number} {name} (version {version})": "{number} {name}(版 {version})",
    # `supportdesk report handle-time|cancellations|renewals`
    "Renewals from {start} to {end}": "{start} から {end} までの更新予定",
    # The ticket screen: tags (ctrl+t), links and a merge under the heading
    "Complete": "補完",
    "Tags of #{number}": "#{number} のタグ",
    "Tags, separated by spaces (Tab completes a tag already in use)": ("タグ(空白区切り。Tab で使用中のタグを補完)"),
    "Merged into #{number}; work on that ticket.": "#{number} に統合されました。そちらで対応してください。",
    # The composer: a customer's message entered by hand
    "Customer's message": "顧客からの連絡",
    "What the customer wrote or said (a letter, a fax, a message passed on)…": (
        "顧客が書いたこと・話したこと(手紙、FAX、取り次ぎの伝言など)…"
    ),
    "Write the time received like 2026-12-01 14:30.": "受信日時は 2026-12-01 14:30 のように入力してください。",
    # The ticket screen: ctrl+l links or merges
    "Link": "関連付け",
    "Related to this one": "このチケットと関連",
    "Part of this one (this is its parent)": "このチケットの一部(こちらが親)",
    "This one is part of it (it is the parent)": "このチケットがその一部(相手が親)",
    "Merge it into this one (it is closed)": "このチケットに統合(相手は完了になります)",
    "Link or merge #{number}": "#{number} の関連付け・統合",
    "The other ticket's number": "相手のチケット番号",
    "How they belong together": "関係",
    "received {time}": "受信 {time}",
    # Lists filtered by the team's own fields (f on the home queue and the dashboard's lists, the palette)
    "only a text field is searched for part of its value": "値の一部で探せるのはテキストの項目だけです",
    "The customers whose own field holds a value (製造番号, 契約種別…)": (
        "独自項目の値で顧客を探す(製造番号、契約種別…)"
    ),
    "Customers by field": "独自項目で顧客を探す",
    "Filter by field": "独自項目で絞り込み",
    "Customers: {filter}": "顧客: {filter}",
    "No customer holds this value.": "この値の顧客はいません。",
    "Find customers by a team's field": "独自項目で顧客を探す",
    "The desk has no fields of its own for customers yet.": "顧客の独自項目はまだありません。",
    "The desk has no fields of its own for tickets yet.": "チケットの独自項目はまだありません。",
    "Match": "一致のしかた",
    "is": "一致する",
    "contains": "含む",
    "Filter": "絞り込む",
    "Filter the list by a team's field": "独自項目で一覧を絞り込む",
    "{name} is {value}": "{name} = {value}",
    "{name} contains {value}": "{name} に「{value}」を含む",
    "No customers yet.": "顧客はまだいません。",
}
