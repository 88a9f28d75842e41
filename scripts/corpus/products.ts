// biome-ignore-all format: word tables for the generated corpus, one row per line, read as tables
import type { Phrase, Setting, Snippet, Thing, Trouble } from './vocabulary.ts';

/** The words of one product of the fictional support site, plus what its site-config entry needs. */
export interface ProductWords {
  /** Config product id; `general` is the pseudo-product of entries that apply to every product. */
  id: string;
  name: Phrase;
  description: Phrase;
  /** The app or console customers use. */
  app: Phrase;
  resources: ReadonlyArray<{ id: string; name: Phrase; description: Phrase }>;
  problemTypes: ReadonlyArray<{ id: string; name: Phrase; subtypes: ReadonlyArray<{ id: string; name: Phrase }> }>;
  things: readonly Thing[];
  troubles: readonly Trouble[];
  settings: readonly Setting[];
  snippets: readonly Snippet[];
  /** Log lines the product writes, quoted in troubleshooting entries. */
  logs: readonly string[];
}

const sh = (code: string, ja: string, en: string): Snippet => ({ lang: 'bash', code, comment: { ja, en }, commentPrefix: '#' });

export const PRODUCTS: readonly ProductWords[] = [
  {
    id: 'drive',
    name: { ja: 'ニンバスドライブ', en: 'Nimbus Drive' },
    description: { ja: 'チームでファイルを保存・共有・同期するクラウドストレージ', en: 'Cloud storage to store, share and sync files as a team' },
    app: { ja: '同期クライアント', en: 'the sync client' },
    resources: [
      { id: 'workspace', name: { ja: 'ワークスペース', en: 'Workspace' }, description: { ja: 'チームのファイルとメンバーの単位', en: 'A team’s files and members' } },
      { id: 'shared-folder', name: { ja: '共有フォルダー', en: 'Shared folder' }, description: { ja: '複数のメンバーで使うフォルダー', en: 'A folder several members work in' } },
      { id: 'sync-client', name: { ja: '同期クライアント', en: 'Sync client' }, description: { ja: 'パソコンにインストールするアプリ', en: 'The desktop app' } },
      { id: 'mobile-app', name: { ja: 'モバイルアプリ', en: 'Mobile app' }, description: { ja: 'iPhone・Android用アプリ', en: 'The iPhone and Android app' } },
    ],
    problemTypes: [
      { id: 'sync', name: { ja: '同期', en: 'Sync' }, subtypes: [{ id: 'stuck', name: { ja: '同期が止まる', en: 'Sync is stuck' } }, { id: 'conflict', name: { ja: '競合ファイル', en: 'Conflicted copies' } }] },
      { id: 'sharing', name: { ja: '共有', en: 'Sharing' }, subtypes: [{ id: 'links', name: { ja: '共有リンク', en: 'Shared links' } }, { id: 'permissions', name: { ja: 'アクセス権', en: 'Permissions' } }] },
      { id: 'storage', name: { ja: '容量', en: 'Storage' }, subtypes: [] },
      { id: 'other', name: { ja: 'その他', en: 'Other' }, subtypes: [] },
    ],
    things: [
      { slug: 'shared-link', ja: '共有リンク', en: 'shared link', acts: ['create', 'delete', 'change', 'disable'], category: 'how-to' },
      { slug: 'folder', ja: 'フォルダー', en: 'folder', acts: ['create', 'share', 'move', 'delete', 'restore', 'download'], category: 'how-to' },
      { slug: 'file', ja: 'ファイル', en: 'file', acts: ['share', 'move', 'restore', 'download', 'duplicate', 'delete'], category: 'how-to' },
      { slug: 'sync-client', ja: '同期クライアント', en: 'sync client', acts: ['restart', 'reinstall', 'update', 'signOut', 'setUp'], category: 'getting-started' },
      { slug: 'version-history', ja: 'バージョン履歴', en: 'version history', mass: true, acts: ['check', 'restore', 'download'], category: 'data' },
      { slug: 'external-sharing', ja: '外部共有', en: 'external sharing', mass: true, acts: ['enable', 'disable', 'change'], category: 'security' },
      { slug: 'selective-sync', ja: '選択型同期', en: 'selective sync', mass: true, acts: ['enable', 'disable', 'setUp'], category: 'how-to' },
      { slug: 'workspace', ja: 'ワークスペース', en: 'workspace', acts: ['create', 'delete', 'export', 'setUp'], category: 'getting-started' },
    ],
    troubles: [
      { slug: 'sync-stops', ja: '同期が途中で止まる', en: 'sync stops partway through', why: 'Why does sync stop partway through?', code: 'DRV-1042', message: { ja: '同期を完了できませんでした', en: 'Sync could not be completed' } },
      { slug: 'shared-link-no-access', ja: '共有リンクを開くと「アクセス権がありません」と表示される', en: 'a shared link says "You don\'t have access"', why: 'Why does a shared link say "You don\'t have access"?', code: 'DRV-2003', message: { ja: 'アクセス権がありません', en: 'You don\'t have access' } },
      { slug: 'upload-fails', ja: 'ファイルのアップロードが失敗する', en: 'file uploads fail', why: 'Why do my file uploads fail?', code: 'DRV-1107', message: { ja: 'アップロードに失敗しました', en: 'Upload failed' } },
      { slug: 'sync-client-sign-in', ja: '同期クライアントにサインインできない', en: 'you can\'t sign in to the sync client', why: 'Why can\'t I sign in to the sync client?', code: 'DRV-4011', message: { ja: 'サインインに失敗しました', en: 'Sign-in failed' } },
      { slug: 'storage-full', ja: '容量が不足していると表示される', en: 'a "storage full" warning appears', why: 'Why does it say my storage is full?', code: 'DRV-5070', message: { ja: 'ストレージの空き容量がありません', en: 'Your storage is full' } },
      { slug: 'conflicted-copy', ja: '「競合コピー」という名前のファイルが増える', en: 'files named "conflicted copy" keep appearing', why: 'Why do I get files named "conflicted copy"?', code: 'DRV-1209', message: { ja: '競合が検出されました', en: 'Conflict detected' } },
    ],
    settings: [
      { slug: 'sync-interval', key: 'sync.interval', name: { ja: '同期間隔', en: 'Sync interval' }, value: { ja: '5分', en: '5 minutes' }, about: { ja: 'サーバーに変更を確認する間隔です。', en: 'How often the client checks the server for changes.' }, category: 'how-to' },
      { slug: 'bandwidth-limit', key: 'sync.bandwidth_limit', name: { ja: '帯域幅の制限', en: 'Bandwidth limit' }, value: { ja: '制限なし', en: 'No limit' }, about: { ja: 'アップロードに使う最大の通信速度です。', en: 'The most bandwidth uploads may use.' }, category: 'how-to' },
      { slug: 'link-expiry', key: 'sharing.link_expiry_days', name: { ja: '共有リンクの有効期限', en: 'Shared link expiry' }, value: { ja: '30日', en: '30 days' }, about: { ja: '新しい共有リンクが自動で無効になるまでの日数です。', en: 'Days until a new shared link stops working.' }, category: 'security' },
      { slug: 'trash-retention', key: 'trash.retention_days', name: { ja: 'ゴミ箱の保持期間', en: 'Trash retention' }, value: { ja: '90日', en: '90 days' }, about: { ja: '削除したファイルを復元できる期間です。', en: 'How long deleted files can be restored.' }, category: 'data' },
    ],
    snippets: [
      sh('nimbus sync --status', '同期の状態を確認します', 'Check the sync status'),
      sh('nimbus sync --reset-cache\nnimbus sync --restart', 'キャッシュを削除して同期をやり直します', 'Clear the cache and restart sync'),
      sh('nimbus login --sso --workspace example-team', 'シングルサインオンでログインします', 'Sign in with single sign-on'),
      { lang: 'json', code: '{\n  "sync": { "interval": 300, "bandwidth_limit": 0 },\n  "exclude": ["*.tmp", "node_modules/"]\n}', comment: { ja: '設定ファイルの例', en: 'Example settings file' }, commentPrefix: null },
    ],
    logs: [
      '2025-03-14T09:12:44Z ERROR [sync] DRV-1042 upload interrupted: connection reset by peer',
      '2025-03-14T09:12:45Z WARN  [sync] retrying in 30s (attempt 3/5)',
      '2025-06-02T23:01:07Z ERROR [auth] DRV-4011 token refresh failed: invalid_grant',
      '2025-08-19T04:55:31Z ERROR [quota] DRV-5070 workspace quota exceeded (1024.0/1024.0 GB)',
    ],
  },
  {
    id: 'mail',
    name: { ja: 'ビズメール', en: 'BizMail' },
    description: { ja: '独自ドメインで使える法人向けメール', en: 'Business email on your own domain' },
    app: { ja: 'メールアプリ', en: 'the mail app' },
    resources: [
      { id: 'mailbox', name: { ja: 'メールボックス', en: 'Mailbox' }, description: { ja: 'ユーザーごとのメールボックス', en: 'A user’s mailbox' } },
      { id: 'domain', name: { ja: '独自ドメイン', en: 'Custom domain' }, description: { ja: 'メールアドレスに使うドメイン', en: 'The domain of your addresses' } },
      { id: 'mailing-list', name: { ja: 'メーリングリスト', en: 'Mailing list' }, description: { ja: 'グループ宛てのアドレス', en: 'A group address' } },
    ],
    problemTypes: [
      { id: 'delivery', name: { ja: '送受信', en: 'Sending and receiving' }, subtypes: [{ id: 'not-received', name: { ja: 'メールが届かない', en: 'Mail not received' } }, { id: 'spam', name: { ja: '迷惑メール判定', en: 'Marked as spam' } }] },
      { id: 'domain', name: { ja: 'ドメイン設定', en: 'Domain setup' }, subtypes: [{ id: 'dns', name: { ja: 'DNSレコード', en: 'DNS records' } }] },
      { id: 'client', name: { ja: 'メールソフト', en: 'Mail clients' }, subtypes: [] },
    ],
    things: [
      { slug: 'mailbox', ja: 'メールボックス', en: 'mailbox', acts: ['create', 'delete', 'export', 'backUp'], category: 'how-to' },
      { slug: 'forwarding-rule', ja: '転送設定', en: 'forwarding rule', acts: ['create', 'change', 'disable', 'delete'], category: 'how-to' },
      { slug: 'spam-filter', ja: '迷惑メールフィルター', en: 'spam filter', acts: ['enable', 'disable', 'change', 'check'], category: 'security' },
      { slug: 'signature', ja: '署名', en: 'signature', acts: ['create', 'edit', 'change', 'delete'], category: 'how-to' },
      { slug: 'alias-address', ja: '別名アドレス', en: 'alias address', acts: ['add', 'remove', 'change'], category: 'account' },
      { slug: 'auto-reply', ja: '自動返信', en: 'auto-reply', acts: ['enable', 'disable', 'setUp'], category: 'how-to' },
      { slug: 'custom-domain', ja: '独自ドメイン', en: 'custom domain', acts: ['add', 'verify', 'remove'], category: 'getting-started' },
      { slug: 'mail-app', ja: 'メールアプリ', en: 'mail app', acts: ['setUp', 'update', 'reinstall', 'signOut'], category: 'getting-started' },
    ],
    troubles: [
      { slug: 'not-arriving', ja: 'メールが届かない', en: 'emails are not arriving', why: 'Why are my emails not arriving?', code: 'MAIL-550', message: { ja: '宛先のメールボックスが見つかりません', en: 'Recipient mailbox not found' } },
      { slug: 'sent-to-spam', ja: '送信したメールが相手の迷惑メールフォルダーに入る', en: 'sent mail lands in the recipient\'s spam folder', why: 'Why does my mail land in the spam folder?', code: 'MAIL-421', message: { ja: '送信元の認証に失敗しました', en: 'Sender authentication failed' } },
      { slug: 'attachment-fails', ja: '添付ファイルを送信できない', en: 'attachments cannot be sent', why: 'Why can\'t I send attachments?', code: 'MAIL-552', message: { ja: 'メッセージのサイズが上限を超えています', en: 'Message size exceeds the limit' } },
      { slug: 'password-prompt', ja: 'メールアプリでパスワードを何度も求められる', en: 'the mail app keeps asking for your password', why: 'Why does the mail app keep asking for my password?', code: 'MAIL-535', message: { ja: '認証情報が正しくありません', en: 'Invalid credentials' } },
      { slug: 'domain-verification', ja: '独自ドメインの認証が完了しない', en: 'domain verification never completes', why: 'Why doesn\'t my domain verification complete?', code: 'MAIL-7001', message: { ja: 'TXTレコードが見つかりません', en: 'TXT record not found' } },
    ],
    settings: [
      { slug: 'spam-level', key: 'filter.spam_level', name: { ja: '迷惑メール判定レベル', en: 'Spam filter level' }, value: { ja: '標準', en: 'Standard' }, about: { ja: '迷惑メールと判定する厳しさです。', en: 'How strictly mail is classed as spam.' }, category: 'security' },
      { slug: 'max-attachment', key: 'limits.attachment_mb', name: { ja: '添付ファイルの上限', en: 'Attachment size limit' }, value: { ja: '25MB', en: '25 MB' }, about: { ja: '1通のメールに添付できる合計サイズです。', en: 'The total attachment size per message.' }, category: 'how-to' },
      { slug: 'external-forwarding', key: 'forwarding.external', name: { ja: '外部への自動転送', en: 'External auto-forwarding' }, value: { ja: '禁止', en: 'Blocked' }, about: { ja: '組織外のアドレスへの自動転送を許可するかどうかです。', en: 'Whether mail may be forwarded outside your organization.' }, category: 'security' },
    ],
    snippets: [
      { lang: 'dns', code: 'example.com.  3600  IN  TXT  "v=spf1 include:_spf.bizmail.example ~all"\nselector1._domainkey.example.com.  3600  IN  CNAME  dkim1.bizmail.example.', comment: { ja: 'SPFとDKIMのレコード', en: 'SPF and DKIM records' }, commentPrefix: ';' },
      sh('dig +short TXT example.com\ndig +short MX example.com', 'DNSレコードを確認します', 'Check the DNS records'),
      { lang: 'text', code: 'IMAP: imap.bizmail.example  port 993  SSL/TLS\nSMTP: smtp.bizmail.example  port 587  STARTTLS', comment: { ja: 'メールアプリのサーバー設定', en: 'Server settings for mail apps' }, commentPrefix: null },
    ],
    logs: [
      '550 5.1.1 <sales@example.com>: Recipient address rejected: User unknown (MAIL-550)',
      '421 4.7.0 Temporary authentication failure, try again later (MAIL-421)',
      '535 5.7.8 Authentication credentials invalid (MAIL-535)',
    ],
  },
  {
    id: 'books',
    name: { ja: 'かんたん会計', en: 'Kantan Books' },
    description: { ja: '請求書の発行から仕訳までできる中小企業向けの会計サービス', en: 'Accounting for small businesses, from invoices to journal entries' },
    app: { ja: '会計画面', en: 'the accounting screen' },
    resources: [
      { id: 'company', name: { ja: '事業所', en: 'Company' }, description: { ja: '帳簿を付ける単位', en: 'A set of books' } },
      { id: 'invoice', name: { ja: '請求書', en: 'Invoice' }, description: { ja: '発行した請求書', en: 'An invoice you issued' } },
      { id: 'bank-feed', name: { ja: '口座連携', en: 'Bank feed' }, description: { ja: '銀行口座やカードの明細の自動取り込み', en: 'Automatic import of bank and card transactions' } },
    ],
    problemTypes: [
      { id: 'invoicing', name: { ja: '請求書', en: 'Invoicing' }, subtypes: [{ id: 'pdf', name: { ja: 'PDF出力', en: 'PDF output' } }, { id: 'tax', name: { ja: '税額計算', en: 'Tax calculation' } }] },
      { id: 'bank-feeds', name: { ja: '口座連携', en: 'Bank feeds' }, subtypes: [] },
      { id: 'closing', name: { ja: '決算', en: 'Year-end closing' }, subtypes: [] },
    ],
    things: [
      { slug: 'invoice', ja: '請求書', en: 'invoice', acts: ['create', 'send', 'edit', 'duplicate', 'delete', 'download'], category: 'how-to' },
      { slug: 'customer-record', ja: '取引先', en: 'customer record', acts: ['add', 'edit', 'import', 'delete'], category: 'how-to' },
      { slug: 'bank-connection', ja: '口座連携', en: 'bank connection', acts: ['add', 'update', 'remove', 'check'], category: 'integrations' },
      { slug: 'journal-entry', ja: '仕訳', en: 'journal entry', acts: ['create', 'edit', 'delete', 'import', 'export'], category: 'how-to' },
      { slug: 'financial-statements', ja: '決算書', en: 'financial statements', mass: true, acts: ['create', 'download', 'export'], category: 'data' },
      { slug: 'tax-settings', ja: '消費税の設定', en: 'consumption tax settings', mass: true, acts: ['change', 'check'], category: 'billing' },
    ],
    troubles: [
      { slug: 'bank-import', ja: '口座連携の明細が取り込まれない', en: 'bank transactions are not imported', why: 'Why aren\'t my bank transactions imported?', code: 'BKS-3102', message: { ja: '金融機関との接続が切れています', en: 'The connection to your bank has expired' } },
      { slug: 'pdf-garbled', ja: '請求書のPDFが文字化けする', en: 'invoice PDFs show garbled characters', why: 'Why do my invoice PDFs show garbled characters?', code: 'BKS-2210', message: { ja: 'フォントを読み込めませんでした', en: 'Could not load the font' } },
      { slug: 'tax-mismatch', ja: '消費税の合計が合わない', en: 'the consumption tax totals do not match', why: 'Why don\'t the consumption tax totals match?', code: 'BKS-4405', message: { ja: '端数処理の設定が一致しません', en: 'Rounding settings do not match' } },
      { slug: 'journal-save', ja: '仕訳を保存できない', en: 'a journal entry cannot be saved', why: 'Why can\'t I save a journal entry?', code: 'BKS-1300', message: { ja: '締め済みの期間には登録できません', en: 'The period is already closed' } },
    ],
    settings: [
      { slug: 'rounding', key: 'tax.rounding', name: { ja: '端数処理', en: 'Rounding' }, value: { ja: '切り捨て', en: 'Round down' }, about: { ja: '消費税の1円未満の端数の扱いです。', en: 'How fractions of a yen are rounded in tax.' }, category: 'billing' },
      { slug: 'fiscal-year', key: 'company.fiscal_year_start', name: { ja: '期首月', en: 'Fiscal year start' }, value: { ja: '4月', en: 'April' }, about: { ja: '会計年度が始まる月です。', en: 'The month your fiscal year begins.' }, category: 'getting-started' },
      { slug: 'invoice-numbering', key: 'invoice.number_format', name: { ja: '請求書番号の形式', en: 'Invoice number format' }, value: { ja: 'INV-{YYYY}-{0000}', en: 'INV-{YYYY}-{0000}' }, about: { ja: '新しい請求書に付ける番号の形式です。', en: 'The format of new invoice numbers.' }, category: 'how-to' },
    ],
    snippets: [
      { lang: 'json', code: '{\n  "invoice_id": "INV-2025-0042",\n  "status": "sent",\n  "total": 110000,\n  "tax": 10000\n}', comment: { ja: 'APIが返す請求書の例', en: 'An invoice as returned by the API' }, commentPrefix: null },
      sh('curl -H "Authorization: Bearer $KANTAN_TOKEN" \\\n  https://api.kantan-books.example/v1/invoices?status=unpaid', '未入金の請求書を取得します', 'List unpaid invoices'),
      { lang: 'csv', code: 'date,description,debit,credit,amount\n2025-04-01,Office rent,rent,bank,220000\n2025-04-03,Sales,bank,sales,55000', comment: { ja: 'インポートできるCSVの形式', en: 'CSV format for import' }, commentPrefix: null },
    ],
    logs: [
      '[2025-04-30 18:22:10] BKS-3102 bank feed "Main account" expired; re-authentication required',
      '[2025-05-01 09:00:02] BKS-1300 journal entry rejected: period 2025-03 is closed',
    ],
  },
  {
    id: 'camera',
    name: { ja: 'みまもりカメラ', en: 'Mimamori Camera' },
    description: { ja: '店舗や事務所を見守るネットワークカメラと録画サービス', en: 'Network cameras and cloud recording for shops and offices' },
    app: { ja: 'ビューアーアプリ', en: 'the viewer app' },
    resources: [
      { id: 'camera-a100', name: { ja: 'カメラ本体 A100', en: 'Camera A100' }, description: { ja: '屋内用の標準モデル', en: 'The standard indoor model' } },
      { id: 'camera-o200', name: { ja: 'カメラ本体 O200', en: 'Camera O200' }, description: { ja: '屋外用の防水モデル', en: 'The weatherproof outdoor model' } },
      { id: 'viewer-app', name: { ja: 'ビューアーアプリ', en: 'Viewer app' }, description: { ja: '映像を見るためのアプリ', en: 'The app to watch video' } },
    ],
    problemTypes: [
      { id: 'connection', name: { ja: '接続', en: 'Connection' }, subtypes: [{ id: 'offline', name: { ja: 'オフライン', en: 'Offline' } }, { id: 'wifi', name: { ja: 'Wi-Fi', en: 'Wi-Fi' } }] },
      { id: 'video', name: { ja: '映像・録画', en: 'Video and recording' }, subtypes: [] },
      { id: 'alerts', name: { ja: '通知', en: 'Alerts' }, subtypes: [] },
      { id: 'hardware', name: { ja: '故障・交換', en: 'Hardware and replacement' }, subtypes: [] },
    ],
    things: [
      { slug: 'camera', ja: 'カメラ', en: 'camera', acts: ['restart', 'reset', 'update', 'add', 'remove'], category: 'getting-started' },
      { slug: 'recording', ja: '録画データ', en: 'recording', acts: ['download', 'delete', 'share', 'check'], category: 'data' },
      { slug: 'motion-detection', ja: '動体検知', en: 'motion detection', mass: true, acts: ['enable', 'disable', 'setUp'], category: 'how-to' },
      { slug: 'alert', ja: '通知', en: 'alert', acts: ['enable', 'disable', 'change'], category: 'how-to' },
      { slug: 'viewer-app', ja: 'ビューアーアプリ', en: 'viewer app', acts: ['reinstall', 'update', 'signOut', 'setUp'], category: 'mobile' },
      { slug: 'wifi-connection', ja: 'Wi-Fi接続', en: 'Wi-Fi connection', acts: ['setUp', 'change', 'check', 'reset'], category: 'getting-started' },
    ],
    troubles: [
      { slug: 'camera-offline', ja: 'カメラがオフラインと表示される', en: 'the camera shows as offline', why: 'Why does my camera show as offline?', code: 'CAM-0401', message: { ja: 'カメラに接続できません', en: 'Cannot reach the camera' } },
      { slug: 'video-drops', ja: '映像が途切れる', en: 'the live video keeps cutting out', why: 'Why does the live video keep cutting out?', code: 'CAM-0612', message: { ja: '映像の受信が中断されました', en: 'Video stream interrupted' } },
      { slug: 'no-motion-alerts', ja: '動体検知の通知が届かない', en: 'motion alerts are not delivered', why: 'Why am I not getting motion alerts?', code: 'CAM-0820', message: { ja: '通知を送信できませんでした', en: 'Alert could not be sent' } },
      { slug: 'playback-fails', ja: '録画データを再生できない', en: 'recordings will not play', why: 'Why won\'t my recordings play?', code: 'CAM-0733', message: { ja: 'この録画は再生できません', en: 'This recording cannot be played' } },
      { slug: 'night-dark', ja: '夜間の映像が真っ暗になる', en: 'night video is completely dark', why: 'Why is the video completely dark at night?', code: 'CAM-0905', message: { ja: '赤外線モードが無効です', en: 'Infrared mode is off' } },
    ],
    settings: [
      { slug: 'motion-sensitivity', key: 'motion.sensitivity', name: { ja: '動体検知の感度', en: 'Motion sensitivity' }, value: { ja: '中', en: 'Medium' }, about: { ja: '小さな動きにも反応するかどうかを決めます。', en: 'Whether small movements trigger detection.' }, category: 'how-to' },
      { slug: 'recording-quality', key: 'recording.quality', name: { ja: '録画画質', en: 'Recording quality' }, value: { ja: '1080p', en: '1080p' }, about: { ja: '録画に使う解像度です。', en: 'The resolution used for recordings.' }, category: 'how-to' },
      { slug: 'retention', key: 'recording.retention_days', name: { ja: '録画の保存期間', en: 'Recording retention' }, value: { ja: '14日', en: '14 days' }, about: { ja: '録画データをクラウドに残す日数です。', en: 'Days recordings are kept in the cloud.' }, category: 'data' },
      { slug: 'night-mode', key: 'video.night_mode', name: { ja: '夜間モード', en: 'Night mode' }, value: { ja: '自動', en: 'Auto' }, about: { ja: '暗いときに赤外線撮影に切り替えます。', en: 'Switches to infrared when it gets dark.' }, category: 'how-to' },
    ],
    snippets: [
      sh('ping -c 4 192.168.1.20', 'カメラとの通信を確認します', 'Check that the camera answers'),
      { lang: 'text', code: 'rtsp://192.168.1.20:554/stream1\nrtsp://192.168.1.20:554/stream2  (low resolution)', comment: { ja: 'ストリームのURL', en: 'Stream URLs' }, commentPrefix: null },
    ],
    logs: [
      '2025-07-11 02:14:09 CAM-0401 heartbeat lost (last seen 02:09:51, rssi -82 dBm)',
      '2025-07-11 02:20:33 CAM-0612 stream stalled: bitrate 180 kbps below minimum 512 kbps',
      '2025-07-12 19:47:02 CAM-0820 push notification rejected: device token expired',
    ],
  },
  {
    id: 'db',
    name: { ja: 'マネージドDB', en: 'Managed DB' },
    description: { ja: 'バックアップと冗長化を自動で行うPostgreSQL互換のデータベース', en: 'PostgreSQL-compatible databases with automatic backups and failover' },
    app: { ja: 'コンソール', en: 'the console' },
    resources: [
      { id: 'cluster', name: { ja: 'クラスター', en: 'Cluster' }, description: { ja: 'プライマリーとスタンバイの組', en: 'A primary and its standby' } },
      { id: 'read-replica', name: { ja: 'リードレプリカ', en: 'Read replica' }, description: { ja: '読み取り専用の複製', en: 'A read-only copy' } },
      { id: 'backup', name: { ja: 'バックアップ', en: 'Backup' }, description: { ja: '自動バックアップとスナップショット', en: 'Automatic backups and snapshots' } },
    ],
    problemTypes: [
      { id: 'connectivity', name: { ja: '接続', en: 'Connectivity' }, subtypes: [{ id: 'timeout', name: { ja: 'タイムアウト', en: 'Timeouts' } }, { id: 'tls', name: { ja: 'TLS証明書', en: 'TLS certificates' } }] },
      { id: 'performance', name: { ja: '性能', en: 'Performance' }, subtypes: [{ id: 'slow-queries', name: { ja: '遅いクエリ', en: 'Slow queries' } }] },
      { id: 'backup-restore', name: { ja: 'バックアップ・復元', en: 'Backup and restore' }, subtypes: [] },
      { id: 'outage', name: { ja: '障害', en: 'Outage' }, subtypes: [] },
    ],
    things: [
      { slug: 'cluster', ja: 'クラスター', en: 'cluster', acts: ['create', 'restart', 'delete', 'update'], category: 'getting-started' },
      { slug: 'snapshot', ja: 'スナップショット', en: 'snapshot', acts: ['create', 'restore', 'delete', 'export'], category: 'data' },
      { slug: 'read-replica', ja: 'リードレプリカ', en: 'read replica', acts: ['add', 'remove', 'restart'], category: 'how-to' },
      { slug: 'parameter-group', ja: 'パラメーターグループ', en: 'parameter group', acts: ['create', 'change', 'reset'], category: 'how-to' },
      { slug: 'database-user', ja: 'データベースユーザー', en: 'database user', acts: ['add', 'remove', 'change'], category: 'security' },
      { slug: 'ip-allowlist', ja: '接続元IPアドレスの許可リスト', en: 'IP allowlist', acts: ['change', 'check', 'setUp'], category: 'security' },
      { slug: 'maintenance-window', ja: 'メンテナンス時間帯', en: 'maintenance window', acts: ['change', 'check'], category: 'how-to' },
    ],
    troubles: [
      { slug: 'cannot-connect', ja: 'データベースに接続できない', en: 'you cannot connect to the database', why: 'Why can\'t I connect to the database?', code: 'DB-08001', message: { ja: 'サーバーに接続できませんでした', en: 'Could not connect to server' } },
      { slug: 'slow-queries', ja: 'クエリの応答が遅い', en: 'queries respond slowly', why: 'Why are my queries slow?', code: 'DB-57014', message: { ja: 'ステートメントがタイムアウトしました', en: 'Statement timeout' } },
      { slug: 'storage-jump', ja: 'ストレージ使用量が急に増えた', en: 'storage usage jumped suddenly', why: 'Why did my storage usage jump suddenly?', code: 'DB-53100', message: { ja: 'ディスクの空き容量が不足しています', en: 'Disk full' } },
      { slug: 'replication-lag', ja: 'レプリケーションの遅延が大きい', en: 'replication lag is high', why: 'Why is replication lag so high?', code: 'DB-REPL-01', message: { ja: 'レプリカの遅延が閾値を超えました', en: 'Replica lag above threshold' } },
      { slug: 'snapshot-fails', ja: 'スナップショットの作成が失敗する', en: 'snapshot creation fails', why: 'Why does snapshot creation fail?', code: 'DB-SNAP-09', message: { ja: 'スナップショットを作成できませんでした', en: 'Snapshot could not be created' } },
    ],
    settings: [
      { slug: 'max-connections', key: 'max_connections', name: { ja: '最大接続数', en: 'Max connections' }, value: { ja: '200', en: '200' }, about: { ja: '同時に受け付ける接続の上限です。', en: 'The most concurrent connections accepted.' }, category: 'how-to' },
      { slug: 'statement-timeout', key: 'statement_timeout', name: { ja: 'ステートメントのタイムアウト', en: 'Statement timeout' }, value: { ja: '30秒', en: '30 s' }, about: { ja: 'これより長いクエリは中断されます。', en: 'Queries running longer are cancelled.' }, category: 'how-to' },
      { slug: 'backup-retention', key: 'backup.retention_days', name: { ja: 'バックアップの保持期間', en: 'Backup retention' }, value: { ja: '7日', en: '7 days' }, about: { ja: 'この期間内の任意の時点に復元できます。', en: 'You can restore to any point within this period.' }, category: 'data' },
      { slug: 'require-tls', key: 'ssl.require', name: { ja: 'TLS接続の強制', en: 'Require TLS' }, value: { ja: '有効', en: 'On' }, about: { ja: '暗号化されていない接続を拒否します。', en: 'Rejects unencrypted connections.' }, category: 'security' },
    ],
    snippets: [
      sh('psql "host=db-prod-1.example.net port=5432 dbname=app user=admin sslmode=require"', 'TLSで接続します', 'Connect over TLS'),
      { lang: 'sql', code: "SELECT pid, state, wait_event, left(query, 60) AS query\nFROM pg_stat_activity\nWHERE state <> 'idle'\nORDER BY query_start;", comment: { ja: '実行中のクエリを確認します', en: 'List running queries' }, commentPrefix: '--' },
      { lang: 'sql', code: 'SELECT relname, pg_size_pretty(pg_total_relation_size(relid)) AS size\nFROM pg_catalog.pg_statio_user_tables\nORDER BY pg_total_relation_size(relid) DESC\nLIMIT 10;', comment: { ja: 'サイズの大きいテーブルを確認します', en: 'Find the largest tables' }, commentPrefix: '--' },
    ],
    logs: [
      'FATAL:  no pg_hba.conf entry for host "203.0.113.7", user "app", database "app", SSL off',
      'ERROR:  canceling statement due to statement timeout',
      'LOG:  checkpoints are occurring too frequently (12 seconds apart)',
    ],
  },
];

/** Entries about the account, billing and security of every product; their frontmatter has no `product`. */
export const GENERAL: ProductWords = {
  id: 'general',
  name: { ja: 'サポートポータル', en: 'Support Portal' },
  description: { ja: 'すべてのサービスに共通のアカウントと請求', en: 'Account and billing for every service' },
  app: { ja: '管理コンソール', en: 'the admin console' },
  resources: [],
  problemTypes: [],
  things: [
    { slug: 'password', ja: 'パスワード', en: 'password', acts: ['change', 'reset'], category: 'account' },
    { slug: 'two-step-verification', ja: '二段階認証', en: 'two-step verification', mass: true, acts: ['enable', 'disable', 'setUp', 'reset'], category: 'security' },
    { slug: 'billing-address', ja: '請求先情報', en: 'billing details', mass: true, acts: ['change', 'check'], category: 'billing' },
    { slug: 'payment-method', ja: '支払い方法', en: 'payment method', acts: ['add', 'change', 'remove'], category: 'billing' },
    { slug: 'member', ja: 'メンバー', en: 'member', acts: ['invite', 'remove', 'change'], category: 'account' },
    { slug: 'administrator', ja: '管理者', en: 'administrator', acts: ['add', 'change', 'remove'], category: 'account' },
    { slug: 'receipt', ja: '領収書', en: 'receipt', acts: ['download', 'check', 'send'], category: 'billing' },
    { slug: 'api-key', ja: 'APIキー', en: 'API key', acts: ['create', 'delete', 'reset', 'check'], category: 'integrations' },
    { slug: 'contract', ja: '契約', en: 'subscription', acts: ['change', 'cancel', 'check'], category: 'billing' },
    { slug: 'single-sign-on', ja: 'シングルサインオン', en: 'single sign-on', mass: true, acts: ['setUp', 'enable', 'disable'], category: 'security' },
  ],
  troubles: [
    { slug: 'cannot-log-in', ja: 'ログインできない', en: 'you cannot log in', why: 'Why can\'t I log in?', code: 'ACC-401', message: { ja: 'メールアドレスまたはパスワードが正しくありません', en: 'Incorrect email address or password' } },
    { slug: 'code-not-arriving', ja: '二段階認証のコードが届かない', en: 'the verification code does not arrive', why: 'Why doesn\'t my verification code arrive?', code: 'ACC-429', message: { ja: 'しばらくしてから再度お試しください', en: 'Please try again later' } },
    { slug: 'unexpected-charge', ja: '請求金額が想定と異なる', en: 'the amount charged is not what you expected', why: 'Why is my bill different from what I expected?', code: 'BIL-210', message: { ja: '日割り計算が適用されました', en: 'Prorated charges applied' } },
    { slug: 'card-declined', ja: 'クレジットカードの決済が失敗する', en: 'the credit card payment fails', why: 'Why was my credit card payment declined?', code: 'BIL-402', message: { ja: 'カードが承認されませんでした', en: 'Card declined' } },
    { slug: 'account-locked', ja: 'アカウントがロックされた', en: 'your account has been locked', why: 'Why has my account been locked?', code: 'ACC-423', message: { ja: 'アカウントがロックされています', en: 'Account locked' } },
  ],
  settings: [
    { slug: 'session-timeout', key: 'security.session_timeout', name: { ja: 'セッションの有効期間', en: 'Session timeout' }, value: { ja: '12時間', en: '12 hours' }, about: { ja: '操作がないまま経過するとログアウトします。', en: 'You are signed out after this much inactivity.' }, category: 'security' },
    { slug: 'password-policy', key: 'security.password_min_length', name: { ja: 'パスワードの最小文字数', en: 'Minimum password length' }, value: { ja: '12文字', en: '12 characters' }, about: { ja: '組織のメンバーに求める長さです。', en: 'The length required of your members.' }, category: 'security' },
    { slug: 'invoice-email', key: 'billing.invoice_email', name: { ja: '請求書の送付先', en: 'Invoice recipient' }, value: { ja: 'オーナーのメールアドレス', en: 'Owner’s email address' }, about: { ja: '毎月の請求書を送るアドレスです。', en: 'Where monthly invoices are sent.' }, category: 'billing' },
  ],
  snippets: [
    sh('curl -H "Authorization: Bearer $API_KEY" https://api.example.com/v1/account', 'APIキーを確認します', 'Check your API key'),
    { lang: 'json', code: '{\n  "error": { "code": "ACC-401", "message": "invalid_credentials" }\n}', comment: { ja: 'エラー応答の例', en: 'An error response' }, commentPrefix: null },
  ],
  logs: ['2025-09-01T08:00:12Z WARN login failed for user=ito@example.com reason=invalid_password attempts=5 (ACC-423)'],
};
