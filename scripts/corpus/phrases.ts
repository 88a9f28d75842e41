// biome-ignore-all format: word tables for the generated corpus, one row per line, read as tables
/**
 * Sentence templates of the synthetic corpus. Each template fills the same slots in Japanese and English
 * and returns both, so an entry's translation says what its source says. Japanese is written as a support
 * writer would (no spaces between words, full-width punctuation); English in plain sentence case.
 */
import type { ProductWords } from './products.ts';
import type { Random } from './random.ts';
import {
  BUTTONS,
  CAUSES,
  MENUS,
  PLANS,
  ROLES,
  type Action,
  type Phrase,
  type Platform,
  type Setting,
  type Thing,
  type Trouble,
} from './vocabulary.ts';
import type { EntryType } from '../../content/schema/entry.ts';

/** What an entry is about; every template reads its slots from here. */
export interface Topic {
  product: ProductWords;
  thing: Thing;
  action: Action;
  trouble: Trouble;
  setting: Setting;
  platform: Platform;
}

/** The shape of an entry: it decides title, summary, aliases and body blueprint. */
export type Kind = 'howto' | 'trouble' | 'setting' | 'about' | 'start';

/** A sentence (or title, or item) with its slots filled from the topic, in both languages. */
export type Template = (t: Topic, r: Random) => Phrase;

const cap = (s: string): string => s.charAt(0).toUpperCase() + s.slice(1);
/** Lower-cases a leading capital unless it starts an acronym ("TLS", "API"). */
const lower = (s: string): string => (/^[A-Z][a-z]/.test(s) ? s.charAt(0).toLowerCase() + s.slice(1) : s);
const article = (s: string): string => `${/^[aeiou]/i.test(s) ? 'an' : 'a'} ${s}`;
const the = (t: Thing): string => (t.mass ? t.en : `the ${t.en}`);
const an = (t: Thing): string => (t.mass ? t.en : article(t.en));
const plural = (s: string): string =>
  /(s|x|ch|sh)$/.test(s) ? `${s}es` : /[^aeiou]y$/.test(s) ? `${s.slice(0, -1)}ies` : `${s}s`;
const product = (t: Topic): Phrase => t.product.name;
const settingEn = (t: Topic): string => lower(t.setting.name.en);
const button = (a: Action): Phrase => ({ ja: a.ja.noun, en: cap(a.en.base) });

/** "…を有効にする" / "turn on the …": the action applied to the thing, as a title fragment. */
export function doThing(t: Topic): Phrase {
  return { ja: `${t.thing.ja}を${t.action.ja.verb}する`, en: cap(`${t.action.en.base} ${the(t.thing)}`) };
}

// Titles. FAQ titles are questions as a customer asks them; article titles name the task or problem.
const FAQ_TITLES: Record<Kind, readonly Template[]> = {
  howto: [
    (t) => ({ ja: `${t.thing.ja}を${t.action.ja.verb}するにはどうすればよいですか？`, en: `How do I ${t.action.en.base} ${an(t.thing)}?` }),
    (t) => ({ ja: `${t.platform.name.ja}で${t.thing.ja}を${t.action.ja.verb}する方法を教えてください`, en: `How can I ${t.action.en.base} ${the(t.thing)} ${t.platform.en}?` }),
    (t) => ({ ja: `${t.thing.ja}を${t.action.ja.verb}できますか？`, en: `Can I ${t.action.en.base} ${the(t.thing)}?` }),
    (t) => ({ ja: `${t.product.name.ja}で${t.thing.ja}を${t.action.ja.verb}したい`, en: `I want to ${t.action.en.base} ${an(t.thing)} in ${t.product.name.en}` }),
    (t, r) => {
      const plan = r.pick(PLANS).name;
      return { ja: `${plan.ja}プランでも${t.thing.ja}を${t.action.ja.verb}できますか？`, en: `Can I ${t.action.en.base} ${the(t.thing)} on the ${plan.en} plan?` };
    },
  ],
  trouble: [
    (t) => ({ ja: `${t.trouble.ja}のはなぜですか？`, en: t.trouble.why }),
    (t) => ({ ja: `${t.trouble.ja}場合はどうすればよいですか？`, en: `What should I do if ${t.trouble.en}?` }),
    (t) => ({ ja: `「${t.trouble.message.ja}」と表示されます`, en: `It says "${t.trouble.message.en}"` }),
    (t) => ({ ja: `エラーコード${t.trouble.code}が表示されました`, en: `I got error code ${t.trouble.code}` }),
  ],
  setting: [
    (t) => ({ ja: `${t.setting.name.ja}はどこで変更できますか？`, en: `Where can I change the ${settingEn(t)}?` }),
    (t) => ({ ja: `${t.setting.name.ja}の初期値は何ですか？`, en: `What is the default ${settingEn(t)}?` }),
  ],
  about: [
    (t) => ({ ja: `${t.thing.ja}とは何ですか？`, en: `What is ${an(t.thing)} in ${t.product.name.en}?` }),
    (t) => ({ ja: `${t.thing.ja}に上限はありますか？`, en: `Is there a limit on ${t.thing.mass ? t.thing.en : plural(t.thing.en)}?` }),
  ],
  start: [
    (t) => ({ ja: `${t.platform.name.ja}で${t.product.app.ja}を使うには何が必要ですか？`, en: `What do I need to use ${t.product.app.en} ${t.platform.en}?` }),
  ],
};

const ARTICLE_TITLES: Record<Kind, readonly Template[]> = {
  howto: [
    (t) => ({ ja: `${t.thing.ja}を${t.action.ja.verb}する`, en: cap(`${t.action.en.ing} ${the(t.thing)}`) }),
    (t) => ({ ja: `${t.product.name.ja}で${t.thing.ja}を${t.action.ja.verb}する手順`, en: `How to ${t.action.en.base} ${an(t.thing)} in ${t.product.name.en}` }),
    (t) => ({ ja: `${t.platform.name.ja}で${t.thing.ja}を${t.action.ja.verb}する方法`, en: cap(`${t.action.en.ing} ${the(t.thing)} ${t.platform.en}`) }),
    (t) => ({ ja: `${t.thing.ja}の${t.action.ja.noun}方法`, en: `Ways to ${t.action.en.base} ${the(t.thing)}` }),
  ],
  trouble: [
    (t) => ({ ja: `${t.trouble.ja}場合の対処方法`, en: `What to do when ${t.trouble.en}` }),
    (t) => ({ ja: `「${t.trouble.message.ja}」と表示される場合`, en: `"${t.trouble.message.en}" error` }),
    (t) => ({ ja: `エラー${t.trouble.code}の原因と対処方法`, en: `Error ${t.trouble.code}: causes and fixes` }),
    (t) => ({ ja: `${t.product.name.ja}で${t.trouble.ja}ときのチェックリスト`, en: `Checklist: ${t.trouble.en} in ${t.product.name.en}` }),
  ],
  setting: [
    (t) => ({ ja: `${t.setting.name.ja}の設定ガイド`, en: `Guide to the ${settingEn(t)} setting` }),
    (t) => ({ ja: `${t.product.name.ja}の${t.setting.name.ja}を見直す`, en: `Tuning the ${settingEn(t)} in ${t.product.name.en}` }),
  ],
  about: [
    (t) => ({ ja: `${t.product.name.ja}の${t.thing.ja}について`, en: `About ${t.thing.mass ? t.thing.en : plural(t.thing.en)} in ${t.product.name.en}` }),
    (t) => ({ ja: `${t.thing.ja}の仕組みと制限事項`, en: `How ${the(t.thing)} works, and its limits` }),
  ],
  start: [
    (t) => ({ ja: `${t.platform.name.ja}で${t.product.app.ja}を使い始める`, en: `Getting started with ${t.product.app.en} ${t.platform.en}` }),
    (t) => ({ ja: `${t.product.name.ja}の導入ガイド（${t.platform.name.ja}）`, en: `${t.product.name.en} setup guide (${t.platform.name.en})` }),
  ],
};

/** Title candidates of an entry, most specific first; the caller keeps the first that fits the length limit. */
export function titleTemplates(kind: Kind, type: EntryType): readonly Template[] {
  return (type === 'faq' ? FAQ_TITLES : ARTICLE_TITLES)[kind];
}

/** Whether a title template at `index` mentions the platform (then the entry id does too). */
export function titleNamesPlatform(kind: Kind, type: EntryType, index: number): boolean {
  if (kind === 'start') return true;
  return kind === 'howto' && index === (type === 'faq' ? 1 : 2);
}

export const SUMMARIES: Record<Kind, readonly Template[]> = {
  howto: [
    (t) => ({ ja: `${product(t).ja}で${t.thing.ja}を${t.action.ja.verb}する手順を、${t.platform.name.ja}の画面を例に説明します。`, en: `How to ${t.action.en.base} ${the(t.thing)} in ${product(t).en}, using the ${t.platform.name.en} screens as an example.` }),
    (t) => ({ ja: `${t.thing.ja}の${t.action.ja.noun}に必要な権限と、操作の流れをまとめました。`, en: `The permissions you need to ${t.action.en.base} ${the(t.thing)}, and the steps to follow.` }),
  ],
  trouble: [
    (t) => ({ ja: `${t.trouble.ja}場合に考えられる原因と、確認する順番をまとめました。`, en: `Likely causes when ${t.trouble.en}, and the order to check them in.` }),
    (t) => ({ ja: `エラーコード${t.trouble.code}（${t.trouble.message.ja}）が表示されたときの対処方法です。`, en: `What to do when you see error code ${t.trouble.code} (${t.trouble.message.en}).` }),
  ],
  setting: [
    (t) => ({ ja: `${t.setting.name.ja}の意味と初期値、変更するときの注意点を説明します。`, en: `What the ${settingEn(t)} setting does, its default, and what to watch for when you change it.` }),
  ],
  about: [
    (t) => ({ ja: `${t.thing.ja}でできることと、プランごとの上限を紹介します。`, en: `What you can do with ${the(t.thing)}, and the limits of each plan.` }),
  ],
  start: [
    (t) => ({ ja: `${t.platform.name.ja}に${t.product.app.ja}を導入し、最初のログインまでを行う手順です。`, en: `Install ${t.product.app.en} ${t.platform.en} and sign in for the first time.` }),
  ],
};

/** Other ways customers ask for the same entry, as typed into a search box. */
export const ALIASES: Record<Kind, readonly Template[]> = {
  howto: [
    (t) => ({ ja: `${t.thing.ja}の${t.action.ja.noun}`, en: `${t.action.en.base} ${t.thing.en}` }),
    (t) => ({ ja: `${t.thing.ja}を${t.action.ja.verb}したい`, en: `how to ${t.action.en.base} ${t.thing.en}` }),
    (t) => ({ ja: `${t.thing.ja}が${t.action.ja.verb}できない`, en: `can't ${t.action.en.base} ${t.thing.en}` }),
    (t) => ({ ja: `${t.product.name.ja}の${t.thing.ja}`, en: `${t.product.name.en} ${t.thing.en}` }),
  ],
  trouble: [
    (t) => ({ ja: t.trouble.code, en: `${t.trouble.code} error` }),
    (t) => ({ ja: `「${t.trouble.message.ja}」と表示される`, en: `"${t.trouble.message.en}"` }),
    (t) => ({ ja: `${t.product.name.ja}が使えない`, en: `${t.product.name.en} not working` }),
  ],
  setting: [
    (t) => ({ ja: `${t.setting.name.ja}の変更`, en: `change ${settingEn(t)}` }),
    (t) => ({ ja: t.setting.key, en: t.setting.key }),
  ],
  about: [
    (t) => ({ ja: `${t.thing.ja}の上限`, en: `${t.thing.en} limits` }),
    (t) => ({ ja: `${t.thing.ja}とは`, en: `what is ${t.thing.en}` }),
  ],
  start: [
    (t) => ({ ja: `${t.product.app.ja}のインストール`, en: `install ${t.product.app.en.replace(/^the /, '')}` }),
    (t) => ({ ja: `${t.product.name.ja}の初期設定`, en: `${t.product.name.en} first-time setup` }),
  ],
};

const n = (r: Random): number => r.pick([2, 3, 5, 10, 15, 30]);

/** General explanatory sentences, usable in any entry. */
export const SENTENCES: readonly Template[] = [
  (t) => ({ ja: `${product(t).ja}では、${t.thing.ja}を${t.action.ja.verb}できます。`, en: `In ${product(t).en}, you can ${t.action.en.base} ${the(t.thing)}.` }),
  (_t, r) => {
    const role = r.pick(ROLES);
    return { ja: `この操作には${role.ja}の権限が必要です。`, en: `You need ${role.en} permissions to do this.` };
  },
  (_t, r) => {
    const m = n(r);
    return { ja: `変更は通常${m}分以内にすべての端末に反映されます。`, en: `Changes usually reach all devices within ${m} minutes.` };
  },
  (t, r) => {
    const plan = r.pick(PLANS).name;
    const m = r.pick([5, 10, 50, 100, 500, 1000]);
    return t.thing.mass
      ? { ja: `${plan.ja}プランでは、${t.thing.ja}を利用できる期間に上限があります。`, en: `On the ${plan.en} plan, ${t.thing.en} has a time limit.` }
      : { ja: `${plan.ja}プランでは、${t.thing.ja}を最大${m}件まで利用できます。`, en: `The ${plan.en} plan allows up to ${m} ${plural(t.thing.en)}.` };
  },
  (t) => ({ ja: `${t.setting.name.ja}の初期値は「${t.setting.value.ja}」です。${t.setting.about.ja}`, en: `The default ${settingEn(t)} is "${t.setting.value.en}". ${t.setting.about.en}` }),
  (_t, r) => {
    const cause = r.pick(CAUSES);
    return { ja: `${cause.ja}場合は、この操作を完了できないことがあります。`, en: `If ${cause.en}, this may not complete.` };
  },
  (_t, r) => {
    const cause = r.pick(CAUSES);
    return { ja: `多くの場合、${cause.ja}ことが原因です。`, en: `In most cases, the cause is that ${cause.en}.` };
  },
  (t) => ({ ja: `${t.platform.name.ja}版の${t.product.app.ja}では、表示される画面が一部異なります。`, en: `${cap(t.product.app.en)} looks slightly different ${t.platform.en}.` }),
  () => ({ ja: '操作の前に、大切なデータをバックアップしておくことをおすすめします。', en: 'We recommend backing up important data before you start.' }),
  (t) => ({ ja: `${t.thing.ja}を${t.action.ja.verb}すると、関係するメンバーに通知メールが送信されます。`, en: `When you ${t.action.en.base} ${the(t.thing)}, the members concerned receive an email notification.` }),
  () => ({ ja: 'この設定は組織全体に適用され、個々のユーザーが上書きすることはできません。', en: 'This setting applies to the whole organization; individual users cannot override it.' }),
  (t) => ({ ja: `エラーコード\`${t.trouble.code}\`は「${t.trouble.message.ja}」を意味します。`, en: `Error code \`${t.trouble.code}\` means "${t.trouble.message.en}".` }),
  (t) => ({ ja: `${t.product.app.ja}を最新バージョンに更新すると解決することがあります。`, en: `Updating ${t.product.app.en} to the latest version often fixes this.` }),
  (_t, r) => {
    const m = n(r);
    return { ja: `一時的な問題の場合は、${m}分ほど時間をおいてから再度お試しください。`, en: `If the problem is temporary, wait about ${m} minutes and try again.` };
  },
  (_t, r) => {
    const role = r.pick(ROLES);
    return { ja: `${role.ja}以外のメンバーには、この項目は表示されません。`, en: `Members who are not ${article(role.en)} do not see this option.` };
  },
  (t) => ({ ja: `${product(t).ja}の${t.thing.ja}は、${t.platform.name.ja}からでも同じように操作できます。`, en: `You can work with ${the(t.thing)} in ${product(t).en} ${t.platform.en} in the same way.` }),
  () => ({ ja: '処理には数秒から数分かかることがあります。その間も他の作業を続けられます。', en: 'Processing can take from a few seconds to a few minutes; you can keep working meanwhile.' }),
  () => ({ ja: '社内のネットワークからのみ接続できるように制限している場合は、ネットワーク管理者にご相談ください。', en: 'If your company only allows connections from its own network, check with your network administrator.' }),
  () => ({ ja: '設定を変更した日時と変更したユーザーは、監査ログで確認できます。', en: 'The audit log records who changed a setting and when.' }),
  (t) => ({ ja: `設定キー\`${t.setting.key}\`を使うと、APIからも同じ値を変更できます。`, en: `You can change the same value through the API with the \`${t.setting.key}\` key.` }),
  (t) => ({ ja: `${t.thing.ja}の${t.action.ja.noun}は、スマートフォンのアプリからは行えません。パソコンのブラウザをご利用ください。`, en: `You cannot ${t.action.en.base} ${the(t.thing)} from the phone app; use a browser on a computer.` }),
  (_t, r) => {
    const day = r.pick(['月曜日', '水曜日', '金曜日']);
    const en = { 月曜日: 'Monday', 水曜日: 'Wednesday', 金曜日: 'Friday' }[day];
    return { ja: `毎週${day}の深夜2時から4時までは定期メンテナンスのため、一部の機能が使えません。`, en: `Some features are unavailable every ${en} from 2:00 to 4:00 a.m. for scheduled maintenance.` };
  },
  (t) => ({ ja: `${t.trouble.ja}ときは、まず${t.product.app.ja}からログアウトし、もう一度ログインしてみてください。`, en: `When ${t.trouble.en}, first sign out of ${t.product.app.en} and sign in again.` }),
  (t, r) => {
    const menu = r.pick(MENUS);
    return { ja: `${t.thing.ja}の一覧は、**${menu.ja}**画面からいつでも確認できます。`, en: `You can always see your ${t.thing.mass ? t.thing.en : plural(t.thing.en)} on the **${menu.en}** screen.` };
  },
  (t) => ({ ja: `${t.platform.name.ja}で通知の許可を求める画面が表示されたら、「許可」を選んでください。`, en: `${cap(t.platform.en)}, choose "Allow" when asked for notification permission.` }),
  (t) =>
    t.thing.mass
      ? { ja: `${t.thing.ja}の状態は、画面上部のアイコンの色で確認できます。`, en: `The icon color at the top of the screen shows the state of ${t.thing.en}.` }
      : { ja: `複数の${t.thing.ja}をまとめて${t.action.ja.verb}するには、一覧でチェックボックスを選択してから操作します。`, en: `To ${t.action.en.base} several ${plural(t.thing.en)} at once, tick their checkboxes in the list first.` },
  (t) => ({ ja: `${t.setting.name.ja}を「${t.setting.value.ja}」以外に変更した場合は、動作を必ず確認してください。`, en: `If you change the ${settingEn(t)} from "${t.setting.value.en}", check that everything still works.` }),
  (t) => ({ ja: `${product(t).ja}の利用状況は、毎月1日に前月分のレポートとしてメールで届きます。`, en: `A report of last month’s ${product(t).en} usage is emailed on the 1st of every month.` }),
  () => ({ ja: '障害が発生している場合は、ステータスページ（status.example.com）でお知らせします。', en: 'We post incidents on the status page (status.example.com).' }),
  (t, r) => {
    const role = r.pick(ROLES);
    return { ja: `${role.ja}は、メンバーごとに${t.thing.ja}の操作を許可するかどうかを選べます。`, en: `${cap(article(role.en))} can choose, member by member, who may work with ${the(t.thing)}.` };
  },
  (t, r) => {
    const m = r.pick([60, 120, 300, 600]);
    return { ja: `APIで${t.thing.ja}を${t.action.ja.verb}する場合は、1分あたり${m}回までのリクエスト制限があります。`, en: `Through the API, you can ${t.action.en.base} ${the(t.thing)} up to ${m} times per minute.` };
  },
  (t, r) => {
    const days = r.pick([30, 90, 180, 365]);
    return { ja: `${t.thing.ja}を${t.action.ja.verb}した記録は、${days}日間保存されます。`, en: `A record of each change to ${the(t.thing)} is kept for ${days} days.` };
  },
  (t) => ({ ja: `古いバージョンの${t.product.app.ja}はサポート対象外です。`, en: `Old versions of ${t.product.app.en} are no longer supported.` }),
  (t) => ({ ja: `「${t.trouble.message.ja}」と表示された場合は、画面の指示に従って操作をやり直してください。`, en: `If you see "${t.trouble.message.en}", follow the on-screen instructions and try again.` }),
  (t, r) => {
    const plan = r.pick(PLANS).name;
    return { ja: `${t.thing.ja}の${t.action.ja.noun}は、${plan.ja}プラン以上で利用できます。`, en: `${cap(t.action.en.ing)} ${the(t.thing)} is available on the ${plan.en} plan and above.` };
  },
  () => ({ ja: '法人のお客様は、専用の窓口からもお問い合わせいただけます。', en: 'Business customers can also reach us through a dedicated support line.' }),
  () => ({ ja: '夜間や休日に発生した問題は、翌営業日に順次対応します。', en: 'Problems reported at night or on holidays are handled from the next business day.' }),
  (t) => ({ ja: `${t.platform.name.ja}の省電力モードが有効になっていると、バックグラウンドでの処理が止まることがあります。`, en: `Battery saver mode ${t.platform.en} can pause background work.` }),
  (t) => ({ ja: `組織で${t.setting.name.ja}を管理している場合、個人の設定画面には表示されません。`, en: `If your organization manages the ${settingEn(t)}, it does not appear in your personal settings.` }),
  (t) => ({ ja: `${t.trouble.code}のエラーは、通常は数分以内に自動で解消されます。`, en: `A ${t.trouble.code} error usually clears by itself within a few minutes.` }),
];

/** What to have ready before following the steps of a how-to. */
export const PREREQUISITES: readonly Template[] = [
  () => ({ ja: '管理者の権限を持つアカウント', en: 'An account with administrator rights' }),
  (t) => ({ ja: `最新バージョンの${t.product.app.ja}`, en: `The latest version of ${t.product.app.en}` }),
  (t) => ({ ja: `${t.thing.ja}の${t.action.ja.noun}に必要な情報`, en: `The information needed to ${t.action.en.base} ${the(t.thing)}` }),
  () => ({ ja: '安定したインターネット接続', en: 'A stable internet connection' }),
  (_t, r) => {
    const plan = r.pick(PLANS).name;
    return { ja: `${plan.ja}プラン以上のご契約`, en: `A ${plan.en} plan or higher` };
  },
  () => ({ ja: '作業前に取得したバックアップ', en: 'A backup made before you start' }),
];

/** Headings of the extra sections of long articles. */
export const EXTRA_HEADINGS: readonly Phrase[] = [
  { ja: '補足', en: 'Notes' },
  { ja: '注意事項', en: 'Things to watch' },
  { ja: '運用のヒント', en: 'Tips for everyday use' },
  { ja: '仕様', en: 'Specifications' },
  { ja: '参考情報', en: 'Further information' },
  { ja: 'よくある誤解', en: 'Common misunderstandings' },
];

/** The sentence that opens an entry of each kind. */
export const OPENERS: Record<Kind, readonly Template[]> = {
  howto: [
    (t) => ({ ja: `この記事では、${product(t).ja}で${t.thing.ja}を${t.action.ja.verb}する手順を説明します。`, en: `This article explains how to ${t.action.en.base} ${the(t.thing)} in ${product(t).en}.` }),
    (t) => ({ ja: `${t.thing.ja}は、管理画面またはアプリから${t.action.ja.verb}できます。`, en: `You can ${t.action.en.base} ${the(t.thing)} from the admin screen or the app.` }),
    (t) => ({ ja: `はい、${t.thing.ja}は数回の操作で${t.action.ja.verb}できます。`, en: `Yes. You can ${t.action.en.base} ${the(t.thing)} in a few clicks.` }),
  ],
  trouble: [
    (t) => ({ ja: `${t.trouble.ja}場合は、次の順に確認してください。`, en: `If ${t.trouble.en}, check the following in order.` }),
    (t) => ({ ja: `「${t.trouble.message.ja}」（${t.trouble.code}）は、${product(t).ja}が処理を完了できなかったことを示します。`, en: `"${t.trouble.message.en}" (${t.trouble.code}) means ${product(t).en} could not finish the operation.` }),
    (t, r) => {
      const cause = r.pick(CAUSES);
      return { ja: `${t.trouble.ja}原因として最も多いのは、${cause.ja}ことです。`, en: `The most common reason ${t.trouble.en} is that ${cause.en}.` };
    },
  ],
  setting: [
    (t) => ({ ja: `${t.setting.name.ja}は、${product(t).ja}の**${MENUS[0]!.ja}**画面で変更できます。${t.setting.about.ja}`, en: `You can change the ${settingEn(t)} on the **${MENUS[0]!.en}** screen of ${product(t).en}. ${t.setting.about.en}` }),
  ],
  about: [
    (t) => ({ ja: `${t.thing.ja}は、${product(t).ja}の基本的な機能のひとつです。`, en: `${cap(t.thing.mass ? t.thing.en : plural(t.thing.en))} are one of the basic features of ${product(t).en}.` }),
  ],
  start: [
    (t) => ({ ja: `${t.platform.name.ja}で${product(t).ja}を使うには、${t.product.app.ja}をインストールしてログインします。`, en: `To use ${product(t).en} ${t.platform.en}, install ${t.product.app.en} and sign in.` }),
  ],
};

/** One numbered step; the blueprint chooses the order (open, navigate, act, confirm, verify). */
export const STEPS = {
  open: ((t, r) => {
    const menu = r.pick(MENUS);
    return { ja: `${t.product.app.ja}を開き、画面右上の**${menu.ja}**をクリックします。`, en: `Open ${t.product.app.en} and click **${menu.en}** in the upper-right corner.` };
  }) as Template,
  navigate: ((_t, r) => {
    const [a, b] = r.sample(MENUS, 2) as [Phrase, Phrase];
    return { ja: `**${a.ja}** > **${b.ja}**の順に選択します。`, en: `Select **${a.en}** > **${b.en}**.` };
  }) as Template,
  select: ((t) => ({ ja: `一覧から対象の${t.thing.ja}を選びます。`, en: `Choose ${the(t.thing)} from the list.` })) as Template,
  act: ((t) => {
    const b = button(t.action);
    return { ja: `**${b.ja}**をクリックします。`, en: `Click **${b.en}**.` };
  }) as Template,
  fill: ((t) => ({ ja: `必要な項目を入力します。${t.setting.name.ja}は「${t.setting.value.ja}」のままで問題ありません。`, en: `Fill in the required fields. You can leave ${settingEn(t)} at "${t.setting.value.en}".` })) as Template,
  confirm: ((_t, r) => {
    const b = r.pick(BUTTONS);
    return { ja: `確認画面の内容を確かめて、**${b.ja}**をクリックします。`, en: `Review the confirmation screen and click **${b.en}**.` };
  }) as Template,
  wait: ((_t, r) => {
    const m = n(r);
    return { ja: `${m}分ほど待ってから、画面を再読み込みします。`, en: `Wait about ${m} minutes, then reload the page.` };
  }) as Template,
  verify: (() => ({ ja: '変更が反映されていることを確認します。', en: 'Check that the change has taken effect.' })) as Template,
  restart: ((t) => ({ ja: `${t.product.app.ja}をいったん終了し、もう一度起動します。`, en: `Quit ${t.product.app.en} and start it again.` })) as Template,
} satisfies Record<string, Template>;

/** A step that runs `command` (inline code). */
export function commandStep(command: string): Phrase {
  return { ja: `ターミナルで\`${command}\`を実行します。`, en: `Run \`${command}\` in a terminal.` };
}

/** Items of the "before you contact support" checklist. */
export const CHECKS: readonly Template[] = [
  (t) => ({ ja: `${t.product.app.ja}が最新バージョンになっている`, en: `${cap(t.product.app.en)} is on the latest version` }),
  () => ({ ja: '別のネットワークでも同じ症状が出るか試した', en: 'You tried another network and saw the same problem' }),
  () => ({ ja: 'エラーコードと発生した日時を控えた', en: 'You noted the error code and when it happened' }),
  () => ({ ja: 'ブラウザのキャッシュとCookieを削除した', en: 'You cleared the browser cache and cookies' }),
  () => ({ ja: 'ステータスページで障害情報を確認した', en: 'You checked the status page for incidents' }),
  () => ({ ja: '端末を再起動した', en: 'You restarted the device' }),
  () => ({ ja: 'エラー画面のスクリーンショットを用意した', en: 'You have a screenshot of the error' }),
  (t) => ({ ja: `${t.platform.name.ja}以外の環境でも再現するか確かめた`, en: `You checked whether it also happens outside ${t.platform.name.en}` }),
];

/** Fixes named in error-code tables. */
export const FIXES: readonly Phrase[] = [
  { ja: '時間をおいて再試行する', en: 'Wait and try again' },
  { ja: 'アプリを最新版に更新する', en: 'Update the app' },
  { ja: '管理者に権限を確認する', en: 'Ask your administrator for access' },
  { ja: '接続先の設定を見直す', en: 'Check the connection settings' },
  { ja: 'プランの上限を確認する', en: 'Check your plan limits' },
  { ja: 'サポートに問い合わせる', en: 'Contact support' },
];

export const CALLOUTS = {
  NOTE: ((_t, r) => {
    const plan = r.pick(PLANS).name;
    return { ja: `${plan.ja}プランでは、この機能の一部を利用できません。`, en: `Parts of this feature are not available on the ${plan.en} plan.` };
  }) as Template,
  TIP: ((_t, r) => {
    const key = r.pick(['Ctrl+Shift+S', 'Ctrl+K', '⌘+K', 'Alt+Enter']);
    return { ja: `キーボードショートカット\`${key}\`でも同じ操作ができます。`, en: `The keyboard shortcut \`${key}\` does the same.` };
  }) as Template,
  IMPORTANT: ((_t, r) => {
    const role = r.pick(ROLES);
    return { ja: `${role.ja}の権限がないと、この項目は表示されません。`, en: `This option only appears for ${plural(role.en)}.` };
  }) as Template,
  WARNING: ((t) =>
    ['delete', 'remove', 'reset', 'cancel'].includes(t.action.slug)
      ? { ja: `${t.action.ja.noun}した${t.thing.ja}は元に戻せません。必要に応じて事前にエクスポートしてください。`, en: `Once you ${t.action.en.base} ${the(t.thing)}, it cannot be undone. Export what you need first.` }
      : { ja: `設定を誤ると、メンバーが${product(t).ja}にアクセスできなくなることがあります。`, en: `A wrong setting can lock members out of ${product(t).en}.` }) as Template,
  CAUTION: (() => ({ ja: '本番環境で操作する前に、テスト用の環境で動作を確認してください。', en: 'Try this in a test environment before you do it in production.' })) as Template,
} satisfies Record<string, Template>;

export const HEADINGS = {
  overview: { ja: '概要', en: 'Overview' },
  before: { ja: '始める前に', en: 'Before you begin' },
  steps: { ja: '手順', en: 'Steps' },
  symptoms: { ja: '症状', en: 'Symptoms' },
  causes: { ja: '考えられる原因', en: 'Possible causes' },
  fixes: { ja: '対処方法', en: 'How to fix it' },
  persists: { ja: '解決しない場合', en: 'If the problem persists' },
  errors: { ja: 'エラーコード一覧', en: 'Error codes' },
  reference: { ja: '設定項目', en: 'Settings reference' },
  change: { ja: '設定を変更する', en: 'Change the setting' },
  limits: { ja: '制限事項', en: 'Limitations' },
  plans: { ja: 'プランごとの違い', en: 'Differences between plans' },
  features: { ja: 'できること', en: 'What you can do' },
  requirements: { ja: '動作環境', en: 'System requirements' },
  install: { ja: 'インストール', en: 'Install' },
  signIn: { ja: 'ログインする', en: 'Sign in' },
  faq: { ja: 'よくある質問', en: 'Frequently asked questions' },
  seeAlso: { ja: '関連情報', en: 'See also' },
} satisfies Record<string, Phrase>;

/** `### 方法1：…` / `### Method 1: …` */
export function methodHeading(index: number, fix: Phrase): Phrase {
  return { ja: `方法${index}：${fix.ja}`, en: `Method ${index}: ${fix.en}` };
}

/** `### Windowsの場合` / `### On Windows` */
export function platformHeading(platform: Platform): Phrase {
  return { ja: `${platform.name.ja}の場合`, en: cap(platform.en) };
}

/** A sentence pointing to another entry, `[title](id:…)`. */
export function linkSentence(title: Phrase, id: string, r: Random): Phrase {
  const ja = `[${title.ja}](id:${id})`;
  const en = `[${title.en}](id:${id})`;
  return r.pick([
    { ja: `詳しくは${ja}を参照してください。`, en: `For details, see ${en}.` },
    { ja: `あわせて${ja}もご覧ください。`, en: `See also ${en}.` },
    { ja: `手順は${ja}で説明しています。`, en: `The steps are described in ${en}.` },
  ]);
}

/** A cause as a bullet item, and "If …, …" fixes. */
export { CAUSES };
export const causeLine = (cause: Phrase): Phrase => ({ ja: `${cause.ja}`, en: cap(cause.en) });

/** A sentence introducing a code block, from its comment. */
export function codeIntro(comment: Phrase): Phrase {
  return { ja: `${comment.ja}：`, en: `${comment.en}:` };
}

/** A sentence introducing log lines. */
export function logIntro(t: Topic): Phrase {
  return { ja: `${t.product.app.ja}のログには、次のような行が記録されます。`, en: `${cap(t.product.app.en)} logs lines like these:` };
}

/** Q&A inside an article: `### Q. …` */
export function questionHeading(question: Phrase): Phrase {
  return { ja: `Q. ${question.ja}`, en: `Q. ${question.en}` };
}

export { cap, plural };
