/**
 * The words the synthetic corpus is made of: support vocabulary shared by every product (actions,
 * platforms, menus, causes…), each item written once in Japanese and once in English so that an entry and
 * its translation say the same thing. Product-specific words live in `products.ts`.
 */

/** A language the templates are written in; other locales borrow English (see `corpus.ts`). */
export type Lang = 'ja' | 'en';

/** The same phrase in both template languages. */
export interface Phrase {
  ja: string;
  en: string;
}

/** Something a customer does to a thing. */
export interface Action {
  slug: string;
  /** `verb` takes する/して/できます directly (再起動, 有効に); `noun` names the action (有効化). */
  ja: { verb: string; noun: string };
  en: { base: string; ing: string };
}

/** A thing of a product that actions apply to: a shared link, a mailbox, an invoice. */
export interface Thing {
  slug: string;
  ja: string;
  en: string;
  /** Uncountable in English ("version history"): no article. */
  mass?: boolean;
  /** Keys of `ACTIONS` that make sense for this thing. */
  acts: readonly ActionKey[];
  /** Category id of how-to entries about this thing. */
  category: string;
}

/** A problem customers report, with the error the product shows. */
export interface Trouble {
  slug: string;
  /** A plain-form clause that takes 場合/とき/のは: 同期が途中で止まる */
  ja: string;
  /** A clause that follows "when"/"if": sync stops partway through */
  en: string;
  /** The English question a customer asks: Why does sync stop partway through? */
  why: string;
  code: string;
  message: Phrase;
}

/** A setting of a product, with its configuration key and default value. */
export interface Setting {
  slug: string;
  key: string;
  name: Phrase;
  value: Phrase;
  about: Phrase;
  category: string;
}

/** A command, query or config snippet; the code is the same in every language, the comment is not. */
export interface Snippet {
  lang: string;
  code: string;
  comment: Phrase;
  /** How a comment line starts in this language (`#`, `--`), or null for formats without comments. */
  commentPrefix: string | null;
}

export const ACTIONS = {
  restart: { slug: 'restart', ja: { verb: '再起動', noun: '再起動' }, en: { base: 'restart', ing: 'restarting' } },
  reinstall: { slug: 'reinstall', ja: { verb: '再インストール', noun: '再インストール' }, en: { base: 'reinstall', ing: 'reinstalling' } },
  update: { slug: 'update', ja: { verb: '更新', noun: '更新' }, en: { base: 'update', ing: 'updating' } },
  signOut: { slug: 'sign-out', ja: { verb: 'ログアウト', noun: 'ログアウト' }, en: { base: 'sign out of', ing: 'signing out of' } },
  create: { slug: 'create', ja: { verb: '作成', noun: '作成' }, en: { base: 'create', ing: 'creating' } },
  delete: { slug: 'delete', ja: { verb: '削除', noun: '削除' }, en: { base: 'delete', ing: 'deleting' } },
  restore: { slug: 'restore', ja: { verb: '復元', noun: '復元' }, en: { base: 'restore', ing: 'restoring' } },
  share: { slug: 'share', ja: { verb: '共有', noun: '共有' }, en: { base: 'share', ing: 'sharing' } },
  move: { slug: 'move', ja: { verb: '移動', noun: '移動' }, en: { base: 'move', ing: 'moving' } },
  edit: { slug: 'edit', ja: { verb: '編集', noun: '編集' }, en: { base: 'edit', ing: 'editing' } },
  download: { slug: 'download', ja: { verb: 'ダウンロード', noun: 'ダウンロード' }, en: { base: 'download', ing: 'downloading' } },
  duplicate: { slug: 'duplicate', ja: { verb: '複製', noun: '複製' }, en: { base: 'duplicate', ing: 'duplicating' } },
  enable: { slug: 'enable', ja: { verb: '有効に', noun: '有効化' }, en: { base: 'turn on', ing: 'turning on' } },
  disable: { slug: 'disable', ja: { verb: '無効に', noun: '無効化' }, en: { base: 'turn off', ing: 'turning off' } },
  change: { slug: 'change', ja: { verb: '変更', noun: '変更' }, en: { base: 'change', ing: 'changing' } },
  reset: { slug: 'reset', ja: { verb: 'リセット', noun: 'リセット' }, en: { base: 'reset', ing: 'resetting' } },
  check: { slug: 'check', ja: { verb: '確認', noun: '確認' }, en: { base: 'check', ing: 'checking' } },
  add: { slug: 'add', ja: { verb: '追加', noun: '追加' }, en: { base: 'add', ing: 'adding' } },
  remove: { slug: 'remove', ja: { verb: '削除', noun: '削除' }, en: { base: 'remove', ing: 'removing' } },
  invite: { slug: 'invite', ja: { verb: '招待', noun: '招待' }, en: { base: 'invite', ing: 'inviting' } },
  export: { slug: 'export', ja: { verb: 'エクスポート', noun: 'エクスポート' }, en: { base: 'export', ing: 'exporting' } },
  import: { slug: 'import', ja: { verb: 'インポート', noun: 'インポート' }, en: { base: 'import', ing: 'importing' } },
  backUp: { slug: 'back-up', ja: { verb: 'バックアップ', noun: 'バックアップ' }, en: { base: 'back up', ing: 'backing up' } },
  send: { slug: 'send', ja: { verb: '送信', noun: '送信' }, en: { base: 'send', ing: 'sending' } },
  connect: { slug: 'connect', ja: { verb: '接続', noun: '接続' }, en: { base: 'connect', ing: 'connecting' } },
  verify: { slug: 'verify', ja: { verb: '認証', noun: '認証' }, en: { base: 'verify', ing: 'verifying' } },
  setUp: { slug: 'set-up', ja: { verb: '設定', noun: '設定' }, en: { base: 'set up', ing: 'setting up' } },
  cancel: { slug: 'cancel', ja: { verb: '解約', noun: '解約' }, en: { base: 'cancel', ing: 'cancelling' } },
} as const satisfies Record<string, Action>;
export type ActionKey = keyof typeof ACTIONS;

/** Where the customer uses the product. `en` carries its preposition: "on Windows", "in a web browser". */
export interface Platform {
  slug: string;
  name: Phrase;
  en: string;
}
export const PLATFORMS: readonly Platform[] = [
  { slug: 'windows', name: { ja: 'Windows', en: 'Windows' }, en: 'on Windows' },
  { slug: 'mac', name: { ja: 'Mac', en: 'Mac' }, en: 'on a Mac' },
  { slug: 'iphone', name: { ja: 'iPhone', en: 'iPhone' }, en: 'on iPhone' },
  { slug: 'android', name: { ja: 'Android', en: 'Android' }, en: 'on Android' },
  { slug: 'browser', name: { ja: 'ブラウザ', en: 'web browser' }, en: 'in a web browser' },
];

export const MENUS: readonly Phrase[] = [
  { ja: '設定', en: 'Settings' },
  { ja: '管理コンソール', en: 'Admin console' },
  { ja: 'アカウント設定', en: 'Account settings' },
  { ja: '詳細設定', en: 'Advanced settings' },
  { ja: 'セキュリティ', en: 'Security' },
  { ja: '共有設定', en: 'Sharing' },
  { ja: '通知', en: 'Notifications' },
  { ja: '請求とプラン', en: 'Billing & plans' },
  { ja: '外部連携', en: 'Integrations' },
  { ja: 'メンバー管理', en: 'Members' },
  { ja: '監査ログ', en: 'Audit log' },
];

export const BUTTONS: readonly Phrase[] = [
  { ja: '保存', en: 'Save' },
  { ja: '適用', en: 'Apply' },
  { ja: '次へ', en: 'Next' },
  { ja: '完了', en: 'Done' },
  { ja: '確定', en: 'Confirm' },
  { ja: '再試行', en: 'Retry' },
  { ja: '変更を保存', en: 'Save changes' },
  { ja: 'OK', en: 'OK' },
];

/** Why things go wrong; `ja` is a plain-form clause (〜ている), `en` a clause after "that"/"whether". */
export const CAUSES: readonly Phrase[] = [
  { ja: 'ネットワーク接続が不安定になっている', en: 'the network connection is unstable' },
  { ja: '古いバージョンのアプリを使っている', en: 'an old version of the app is installed' },
  { ja: '管理者が機能の利用を制限している', en: 'an administrator has restricted the feature' },
  { ja: 'セキュリティソフトが通信を遮断している', en: 'security software is blocking the connection' },
  { ja: '保存容量の上限に達している', en: 'the storage limit has been reached' },
  { ja: 'ブラウザのキャッシュに古い情報が残っている', en: 'the browser cache holds outdated data' },
  { ja: '端末の日付と時刻がずれている', en: 'the date and time on the device are wrong' },
  { ja: 'ご契約中のプランの上限を超えている', en: 'your plan limit has been exceeded' },
  { ja: '最近パスワードが変更された', en: 'the password was changed recently' },
  { ja: 'プロキシサーバーの設定が正しくない', en: 'the proxy server settings are incorrect' },
  { ja: '計画メンテナンスが実施されている', en: 'scheduled maintenance is in progress' },
  { ja: '同じアカウントで複数の端末から同時に操作している', en: 'the same account is being used on several devices at once' },
];

export const ROLES: readonly Phrase[] = [
  { ja: '管理者', en: 'administrator' },
  { ja: 'オーナー', en: 'owner' },
  { ja: '編集者', en: 'editor' },
];

/** Support plans; ids are the config's plan ids. */
export const PLANS: ReadonlyArray<{ id: string; name: Phrase; description: Phrase }> = [
  {
    id: 'basic',
    name: { ja: 'ベーシック', en: 'Basic' },
    description: { ja: 'メールでのお問い合わせに営業時間内に回答します。', en: 'Email support during business hours.' },
  },
  {
    id: 'standard',
    name: { ja: 'スタンダード', en: 'Standard' },
    description: {
      ja: '電話とメールで対応し、重大な障害には24時間体制で回答します。',
      en: 'Phone and email support, around the clock for critical incidents.',
    },
  },
  {
    id: 'premium',
    name: { ja: 'プレミアム', en: 'Premium' },
    description: {
      ja: '専任担当者が付き、すべての重要度で最短の目標時間で回答します。',
      en: 'A named support engineer and the shortest response targets at every severity.',
    },
  },
];

export const CATEGORIES: ReadonlyArray<{ id: string; name: Phrase; description: Phrase }> = [
  {
    id: 'getting-started',
    name: { ja: '導入・初期設定', en: 'Getting started' },
    description: { ja: 'アカウントの作成からはじめての設定まで', en: 'From creating an account to your first setup' },
  },
  { id: 'how-to', name: { ja: '使い方', en: 'How-to' }, description: { ja: '日々の操作の手順', en: 'Step-by-step guides for everyday tasks' } },
  {
    id: 'troubleshooting',
    name: { ja: 'トラブルシューティング', en: 'Troubleshooting' },
    description: { ja: 'エラーや不具合の原因と対処方法', en: 'Causes and fixes for errors and problems' },
  },
  {
    id: 'account',
    name: { ja: 'アカウント・ログイン', en: 'Account & sign-in' },
    description: { ja: 'ログイン、パスワード、メンバーの管理', en: 'Signing in, passwords and members' },
  },
  {
    id: 'billing',
    name: { ja: '料金・お支払い', en: 'Billing & payments' },
    description: { ja: 'プラン、請求書、お支払い方法', en: 'Plans, invoices and payment methods' },
  },
  {
    id: 'security',
    name: { ja: 'セキュリティ', en: 'Security' },
    description: { ja: '認証、権限、監査ログ', en: 'Authentication, permissions and audit logs' },
  },
  { id: 'data', name: { ja: 'データ管理', en: 'Data management' }, description: { ja: 'バックアップ、復元、エクスポート', en: 'Backup, restore and export' } },
  { id: 'integrations', name: { ja: '外部連携', en: 'Integrations' }, description: { ja: 'APIと他のサービスとの連携', en: 'The API and other services' } },
  { id: 'mobile', name: { ja: 'モバイル', en: 'Mobile' }, description: { ja: 'iPhone・Androidアプリ', en: 'The iPhone and Android apps' } },
];
