import type { SearchDocument } from '../../content/schema/search-document.ts';

/** A section document with defaults for the fields a test does not care about. */
export function doc(fields: Partial<SearchDocument> & { id: string; title: string; text: string }): SearchDocument {
  const [entry, anchor] = fields.id.split('#');
  return {
    entry: entry!,
    type: 'article',
    locale: 'en',
    aliases: [],
    tags: [],
    headings: [],
    anchor: anchor ?? null,
    resources: [],
    category: 'general',
    url: `/en/${entry}/${anchor ? `#${anchor}` : ''}`,
    updated: '2026-01-01',
    ...fields,
  };
}

/** A small English knowledge base: an entry with sections, and neighbours that share some words. */
export const EN_DOCS: SearchDocument[] = [
  doc({
    id: 'reset-password',
    title: 'Reset your password',
    text: 'If you forgot your password, you can reset it from the sign-in page.',
    aliases: ['I cannot log in'],
  }),
  doc({
    id: 'reset-password#email-link',
    title: 'Reset your password',
    headings: ['The reset email'],
    text: 'The reset link in the email expires after 60 minutes. Request a new link if it has expired.',
  }),
  doc({
    id: 'billing-invoices',
    title: 'Download invoices',
    text: 'Invoices are listed under Billing. Each invoice can be downloaded as a PDF.',
    product: 'cloud',
    tags: ['billing'],
  }),
  doc({
    id: 'billing-invoices-camera',
    title: 'Camera subscription invoices',
    text: 'Invoices for the camera subscription are sent by email every month.',
    product: 'camera',
    tags: ['billing'],
  }),
  doc({
    id: 'camera-wifi',
    title: 'Connect the camera to Wi-Fi',
    text: 'The camera supports WPA3 networks on 2.4 GHz and 5 GHz. Hold the button to start pairing.',
    product: 'camera',
  }),
  doc({ id: 'delete-account', title: 'Delete your account', text: 'Deleting the account removes all projects and cannot be undone.' }),
  doc({ id: 'password-policy', title: 'Password rules', text: 'A password needs twelve characters. Passwords are checked against known leaks.' }),
  doc({ id: 'storage-limits', title: 'Storage limits', text: 'Each database can store up to 32 TB. Contact sales for more storage.', fallbackFrom: 'ja' }),
];

/** A small Japanese knowledge base. */
export const JA_DOCS: SearchDocument[] = [
  doc({ id: 'password-reset', locale: 'ja', title: 'パスワードを再設定する', text: 'パスワードを忘れた場合は、サインイン画面から再設定できます。' }),
  doc({ id: 'server-setup', locale: 'ja', title: 'サーバーの設定', text: 'サーバーの初期設定はコンソールから行います。' }),
  doc({ id: 'rainy-season', locale: 'ja', title: '梅雨の時期', text: '梅雨は五月から七月にかけての雨の多い期間です。' }),
  doc({ id: 'invoice', locale: 'ja', title: '請求書のダウンロード', text: '請求書はＰＤＦでダウンロードできます。' }),
];
