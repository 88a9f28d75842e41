/**
 * Composes the entries of the synthetic corpus: first a plan of every entry (id, kind, topic, title,
 * metadata, related ids), then each entry's body as blocks. Planning all entries first lets bodies link to
 * any other entry by its real title.
 */
import { TITLE_MAX } from '../../content/schema/entry.ts';
import type { Block, CalloutType } from './document.ts';
import {
  ALIASES,
  CALLOUTS,
  CAUSES,
  CHECKS,
  EXTRA_HEADINGS,
  PREREQUISITES,
  FIXES,
  HEADINGS,
  OPENERS,
  SENTENCES,
  STEPS,
  SUMMARIES,
  causeLine,
  codeIntro,
  commandStep,
  doThing,
  linkSentence,
  logIntro,
  methodHeading,
  platformHeading,
  plural,
  questionHeading,
  titleNamesPlatform,
  titleTemplates,
  type Kind,
  type Template,
  type Topic,
} from './phrases.ts';
import { GENERAL, PRODUCTS, type ProductWords } from './products.ts';
import { createRandom, hashSeed, type Random } from './random.ts';
import { ACTIONS, CATEGORIES, PLANS, PLATFORMS, type Phrase } from './vocabulary.ts';
import type { EntryType } from '../../content/schema/entry.ts';

/** Everything about an entry except its body; the same in every locale. */
export interface EntryPlan {
  index: number;
  id: string;
  type: EntryType;
  kind: Kind;
  topic: Topic;
  title: Phrase;
  summary: Phrase | null;
  aliases: Phrase[];
  /** Config product id, or null for entries about every product. */
  product: string | null;
  resources: string[];
  category: string;
  tags: Phrase[];
  /** Days since 1970-01-01 (UTC). */
  updated: number;
  reviewed: number | null;
  draft: boolean;
  order: number | null;
  related: string[];
}

/** Room left in a title for a locale marker such as `[fr] ` (see corpus.ts). */
export const TITLE_ROOM = 16;

const FIRST_DAY = Date.UTC(2022, 0, 1) / 86_400_000;
const LAST_DAY = Date.UTC(2026, 5, 30) / 86_400_000;

const KINDS: ReadonlyArray<[Kind, number, number]> = [
  // kind, weight, chance of being a FAQ rather than an article
  ['howto', 40, 0.55],
  ['trouble', 30, 0.5],
  ['setting', 10, 0.7],
  ['about', 10, 0.6],
  ['start', 10, 0.3],
];
const KIND_TOTAL = KINDS.reduce((sum, [, weight]) => sum + weight, 0);

function pickKind(r: Random): [Kind, number] {
  let roll = r.next() * KIND_TOTAL;
  for (const [kind, weight, faq] of KINDS) {
    roll -= weight;
    if (roll < 0) return [kind, faq];
  }
  return ['howto', 0.5];
}

const categoryName = (id: string): Phrase => CATEGORIES.find((c) => c.id === id)?.name ?? { ja: id, en: id };
const fits = (p: Phrase, max: number): boolean => p.ja.length <= max && p.en.length <= max;
const mobile = (t: Topic): boolean => t.platform.slug === 'iphone' || t.platform.slug === 'android';

function uniqueBy(phrases: Phrase[]): Phrase[] {
  const seen = new Set<string>();
  return phrases.filter((p) => !seen.has(p.ja) && !seen.has(p.en) && (seen.add(p.ja), seen.add(p.en), true));
}

function categoryFor(kind: Kind, t: Topic, r: Random): string {
  switch (kind) {
    case 'trouble':
      return r.chance(0.85) ? 'troubleshooting' : t.thing.category;
    case 'setting':
      return t.setting.category;
    case 'start':
      return mobile(t) && r.chance(0.5) ? 'mobile' : 'getting-started';
    default:
      return mobile(t) && r.chance(0.2) ? 'mobile' : t.thing.category;
  }
}

function idBase(kind: Kind, t: Topic, namesPlatform: boolean): string {
  const platform = namesPlatform ? `-${t.platform.slug}` : '';
  const base = {
    howto: `${t.action.slug}-${t.thing.slug}${platform}`,
    trouble: t.trouble.slug,
    setting: `${t.setting.slug}-setting`,
    about: `about-${t.thing.slug}`,
    start: `get-started${platform}`,
  }[kind];
  return t.product === GENERAL ? base : `${t.product.id}-${base}`;
}

function planOne(index: number, r: Random, ids: Map<string, number>): EntryPlan {
  const [kind, faqChance] = pickKind(r);
  const type = r.chance(faqChance) ? 'faq' : 'article';
  const product: ProductWords = r.chance(0.12) ? GENERAL : r.pick(PRODUCTS);
  const thing = r.pick(product.things);
  const topic: Topic = {
    product,
    thing,
    action: ACTIONS[r.pick(thing.acts)],
    trouble: r.pick(product.troubles),
    setting: r.pick(product.settings),
    platform: r.pick(PLATFORMS),
  };

  // Keep the chosen title template unless it is too long in either language; then the first that fits.
  const templates = titleTemplates(kind, type);
  const chosen = r.int(0, templates.length - 1);
  const order = [chosen, ...templates.keys()];
  let titleIndex = chosen;
  let title = templates[chosen]!(topic, r);
  for (const i of order) {
    const candidate = i === chosen ? title : templates[i]!(topic, r);
    if (fits(candidate, TITLE_MAX - TITLE_ROOM)) {
      titleIndex = i;
      title = candidate;
      break;
    }
  }

  const base = idBase(kind, topic, titleNamesPlatform(kind, type, titleIndex));
  const seen = (ids.get(base) ?? 0) + 1;
  ids.set(base, seen);
  const id = seen === 1 ? base : `${base}-${seen}`;

  const summary = r.chance(0.85) ? r.pick(SUMMARIES[kind])(topic, r) : null;
  const aliases = uniqueBy(r.sample(ALIASES[kind], r.int(0, 3)).map((tpl) => tpl(topic, r))).filter(
    (a) => a.ja !== title.ja && fits(a, TITLE_MAX - TITLE_ROOM),
  );
  const category = categoryFor(kind, topic, r);
  const tagPool: Phrase[] = [categoryName(category), { ja: thing.ja, en: thing.en }, topic.platform.name];
  if (product !== GENERAL) tagPool.push(product.name);
  if (kind === 'howto') tagPool.push({ ja: topic.action.ja.noun, en: topic.action.en.base });
  if (kind === 'trouble') tagPool.push({ ja: 'エラー', en: 'error' }, { ja: topic.trouble.code, en: topic.trouble.code });
  if (kind === 'setting') tagPool.push(topic.setting.name);
  const updated = r.int(FIRST_DAY, LAST_DAY);

  return {
    index,
    id,
    type,
    kind,
    topic,
    title,
    summary,
    aliases,
    product: product === GENERAL ? null : product.id,
    resources: product.resources.length > 0 ? r.sample(product.resources, r.int(0, 2)).map((res) => res.id) : [],
    category,
    tags: uniqueBy(r.sample(tagPool, r.int(1, 4))),
    updated,
    reviewed: r.chance(0.5) ? Math.min(updated + r.int(0, 180), LAST_DAY) : null,
    draft: r.chance(0.02),
    order: r.chance(0.1) ? r.int(1, 20) : null,
    related: [],
  };
}

/**
 * Plans `count` entries from `seed`: ids unique, related ids pointing to published (non-draft) entries of the
 * same product. Deterministic: the same seed and count give the same plans.
 */
export function planEntries(seed: string, count: number): EntryPlan[] {
  const r = createRandom(hashSeed(seed, 'plan'));
  const ids = new Map<string, number>();
  const plans: EntryPlan[] = [];
  for (let i = 0; i < count; i++) plans.push(planOne(i, r, ids));

  const published = new Map<string | null, EntryPlan[]>();
  for (const plan of plans) {
    if (plan.draft) continue;
    const group = published.get(plan.product) ?? [];
    group.push(plan);
    published.set(plan.product, group);
  }
  for (const plan of plans) {
    const pool = published.get(plan.product) ?? [];
    const wanted = Math.min(r.pick([0, 1, 2, 2, 3, 4]), pool.length - 1);
    const related = new Set<string>();
    // Random picks with a bounded number of tries: the pool can hold thousands of entries.
    for (let tries = 0; related.size < wanted && tries < wanted * 4; tries++) {
      const other = r.pick(pool);
      if (other.id !== plan.id) related.add(other.id);
    }
    plan.related = [...related];
  }
  return plans;
}

/** Builds bodies of entries; one per corpus, so link targets can be found by product. */
export class BodyComposer {
  private readonly byId = new Map<string, EntryPlan>();
  private readonly published = new Map<string | null, EntryPlan[]>();

  constructor(
    private readonly seed: string,
    plans: readonly EntryPlan[],
  ) {
    for (const plan of plans) {
      this.byId.set(plan.id, plan);
      if (plan.draft) continue;
      const group = this.published.get(plan.product) ?? [];
      group.push(plan);
      this.published.set(plan.product, group);
    }
  }

  /** The blocks of `plan`'s body; deterministic for a given seed and plan. */
  compose(plan: EntryPlan): Block[] {
    const r = createRandom(hashSeed(this.seed, 'body', plan.index));
    const w = new Writer(
      plan,
      r,
      (id) => this.byId.get(id),
      () => this.linkTarget(plan, r),
    );
    return plan.type === 'faq' ? w.faq() : w.article();
  }

  private linkTarget(plan: EntryPlan, r: Random): EntryPlan | undefined {
    if (plan.related.length > 0 && r.chance(0.6)) return this.byId.get(r.pick(plan.related));
    const pool = this.published.get(plan.product) ?? [];
    const other = pool.length > 0 ? r.pick(pool) : undefined;
    return other && other.id !== plan.id ? other : undefined;
  }
}

/** Writes one entry's blocks. Verbosity varies per entry so lengths range from a few lines to long articles. */
class Writer {
  private readonly t: Topic;
  private readonly blocks: Block[] = [];
  private readonly verbosity: number;
  private deck: Template[] = [];

  constructor(
    private readonly plan: EntryPlan,
    private readonly r: Random,
    private readonly find: (id: string) => EntryPlan | undefined,
    private readonly target: () => EntryPlan | undefined,
  ) {
    this.t = plan.topic;
    this.verbosity = plan.type === 'faq' ? r.pick([0, 0, 0, 1, 2]) : r.pick([0, 1, 1, 2, 2, 3, 4, 5, 6]);
  }

  faq(): Block[] {
    const { r } = this;
    this.paragraph(r.int(1, 2) + this.verbosity, r.pick(OPENERS[this.plan.kind])(this.t, r));
    if (this.plan.kind === 'trouble' && r.chance(0.6)) this.bullets(r.sample(CAUSES, r.int(2, 4)).map(causeLine));
    else if (r.chance(0.45)) this.steps(r.chance(0.2), this.plan.kind === 'setting' ? this.settingTopic() : this.t);
    if (r.chance(0.4)) this.paragraph(r.int(1, 2) + this.verbosity);
    if (r.chance(0.15)) this.callout();
    if (r.chance(0.1)) this.code();
    if (r.chance(0.5)) this.link();
    return this.blocks;
  }

  article(): Block[] {
    const { r } = this;
    this.paragraph(r.int(1, 3) + this.verbosity, r.pick(OPENERS[this.plan.kind])(this.t, r));
    switch (this.plan.kind) {
      case 'howto':
        this.howto();
        break;
      case 'trouble':
        this.trouble();
        break;
      case 'setting':
        this.settingGuide();
        break;
      case 'about':
        this.about();
        break;
      case 'start':
        this.start();
        break;
    }
    for (const heading of r.sample(EXTRA_HEADINGS, this.verbosity - 1)) {
      this.heading(2, heading);
      this.paragraph(2 + this.verbosity);
      if (r.chance(0.5)) this.link();
    }
    if (r.chance(0.3 + 0.15 * this.verbosity)) this.faqSection();
    this.seeAlso();
    return this.blocks;
  }

  private howto(): void {
    const { r } = this;
    if (r.chance(0.5)) {
      this.heading(2, HEADINGS.before);
      const items = r.sample(PREREQUISITES, r.int(2, 4));
      if (r.chance(0.5)) this.tasks(items, 0.3);
      else this.bullets(items.map((tpl) => tpl(this.t, r)));
    }
    this.heading(2, HEADINGS.steps);
    if (r.chance(0.4)) {
      for (const platform of r.sample(PLATFORMS, r.int(2, 3))) {
        this.heading(3, platformHeading(platform));
        this.steps(platform.slug !== 'iphone' && platform.slug !== 'android' && r.chance(0.3));
      }
    } else {
      this.steps(r.chance(0.3));
    }
    if (r.chance(0.5)) this.callout();
    if (r.chance(0.3)) {
      this.heading(2, HEADINGS.reference);
      this.settingsTable();
    }
    if (r.chance(0.3)) this.code();
    if (r.chance(0.5)) {
      this.heading(2, HEADINGS.limits);
      this.paragraph(1 + this.verbosity);
    }
  }

  private trouble(): void {
    const { r, t } = this;
    this.heading(2, HEADINGS.symptoms);
    this.paragraph(1 + this.verbosity);
    if (r.chance(0.6)) {
      this.blocks.push({ kind: 'paragraph', sentences: [logIntro(t)] });
      const logs = r.sample(t.product.logs, r.int(1, 3)).join('\n');
      this.blocks.push({ kind: 'code', lang: 'text', code: { ja: logs, en: logs } });
    }
    this.heading(2, HEADINGS.causes);
    this.bullets(r.sample(CAUSES, r.int(3, 5)).map(causeLine));
    this.heading(2, HEADINGS.fixes);
    const methods = r.int(2, 3 + this.verbosity);
    for (let i = 1; i <= methods; i++) {
      const fix = this.fix();
      this.heading(3, methodHeading(i, fix.text));
      this.paragraph(r.int(1, 2) + (this.verbosity >> 1));
      if (r.chance(0.6)) this.steps(r.chance(0.3), fix.topic);
      else if (r.chance(0.4)) this.code();
    }
    if (r.chance(0.35)) {
      this.heading(2, HEADINGS.errors);
      this.errorTable();
    }
    this.heading(2, HEADINGS.persists);
    this.tasks(r.sample(CHECKS, r.int(3, 5)), 0);
    this.paragraph(1, {
      ja: 'すべて確認しても解決しない場合は、上記の情報を添えてサポートにお問い合わせください。',
      en: 'If none of this helps, contact support and include the information above.',
    });
  }

  private settingGuide(): void {
    const { r, t } = this;
    this.heading(2, HEADINGS.reference);
    this.settingsTable();
    for (const setting of t.product.settings) {
      this.heading(3, setting.name);
      this.paragraph(r.int(0, 1) + this.verbosity, {
        ja: `${setting.about.ja}初期値は「${setting.value.ja}」です。`,
        en: `${setting.about.en} The default is "${setting.value.en}".`,
      });
    }
    this.heading(2, HEADINGS.change);
    this.steps(false, this.settingTopic());
    if (r.chance(0.6)) this.callout();
    if (r.chance(0.4)) this.code();
  }

  private about(): void {
    const { r, t } = this;
    this.heading(2, HEADINGS.features);
    const others = t.product.things.filter((x) => x !== t.thing);
    this.bullets(
      t.thing.acts.map((key) => {
        const action = ACTIONS[key];
        return {
          ja: `${t.thing.ja}の${action.ja.noun}`,
          en: `${action.en.base.charAt(0).toUpperCase()}${action.en.base.slice(1)} ${t.thing.mass ? t.thing.en : plural(t.thing.en)}`,
        };
      }),
    );
    this.heading(2, HEADINGS.plans);
    this.planTable();
    this.paragraph(1 + this.verbosity);
    this.heading(2, HEADINGS.limits);
    this.bullets(
      r.sample(others, r.int(1, 3)).map((x) => ({
        ja: `${x.ja}とは別に管理されます`,
        en: `Managed separately from ${x.mass ? x.en : plural(x.en)}`,
      })),
    );
    if (r.chance(0.5)) this.callout();
  }

  private start(): void {
    const { r, t } = this;
    this.heading(2, HEADINGS.requirements);
    this.requirementsTable();
    this.heading(2, HEADINGS.install);
    this.steps(t.platform.slug === 'windows' || t.platform.slug === 'mac');
    this.heading(2, HEADINGS.signIn);
    this.steps(false);
    if (r.chance(0.5)) this.code();
    if (r.chance(0.5)) this.callout();
  }

  /** A way to fix the problem, and the topic its steps are about. */
  private fix(): { text: Phrase; topic: Topic } {
    const { r, t } = this;
    if (r.chance(0.5)) {
      const thing = r.pick(t.product.things);
      const topic = { ...t, thing, action: ACTIONS[r.pick(thing.acts)] };
      return { text: doThing(topic), topic };
    }
    const text = r.pick([
      { ja: 'キャッシュを削除する', en: 'Clear the cache' },
      { ja: 'ネットワーク接続を確認する', en: 'Check the network connection' },
      { ja: 'アプリを再インストールする', en: 'Reinstall the app' },
      { ja: '端末の時刻設定を自動にする', en: 'Set the device clock to automatic' },
      { ja: '別のブラウザで試す', en: 'Try another browser' },
      { ja: '権限を見直す', en: 'Review permissions' },
    ]);
    return { text, topic: t };
  }

  private heading(level: 2 | 3, text: Phrase): void {
    this.blocks.push({ kind: 'heading', level, text });
  }

  /** The next sentence template: the pool is dealt like a shuffled deck, so an entry rarely repeats itself. */
  private draw(): Template {
    if (this.deck.length === 0) this.deck = this.r.sample(SENTENCES, SENTENCES.length);
    return this.deck.pop()!;
  }

  /** A paragraph of `count` sentences from the general pool, after an optional opening sentence. */
  private paragraph(count: number, first?: Phrase): void {
    const sentences: Phrase[] = [];
    for (let i = 0; i < count; i++) sentences.push(this.draw()(this.t, this.r));
    if (first) sentences.unshift(first);
    if (sentences.length > 0) this.blocks.push({ kind: 'paragraph', sentences });
  }

  private bullets(items: Phrase[]): void {
    if (items.length > 0) this.blocks.push({ kind: 'bullets', items });
  }

  private tasks(templates: readonly Template[], doneChance: number): void {
    this.blocks.push({ kind: 'tasks', items: templates.map((tpl) => ({ done: this.r.chance(doneChance), text: tpl(this.t, this.r) })) });
  }

  /** Steps of a setting change: the action is "change", and there is no thing to pick from a list. */
  private settingTopic(): Topic {
    return { ...this.t, action: ACTIONS.change };
  }

  private steps(withCommand: boolean, t: Topic = this.t): void {
    const { r } = this;
    const items: Phrase[] = [STEPS.open(t, r)];
    if (r.chance(0.7)) items.push(STEPS.navigate(t, r));
    if (t.action !== ACTIONS.change && r.chance(0.6)) items.push(STEPS.select(t, r));
    items.push(STEPS.act(t, r));
    if (r.chance(0.4)) items.push(STEPS.fill(t, r));
    items.push(STEPS.confirm(t, r));
    if (r.chance(0.3)) items.push(STEPS.wait(t, r));
    if (r.chance(0.2)) items.push(STEPS.restart(t, r));
    const shell = t.product.snippets.find((s) => s.lang === 'bash');
    // A command continued with a backslash is one command: join it before taking the first.
    if (withCommand && shell) items.push(commandStep(shell.code.replace(/\\\n\s*/g, '').split('\n')[0]!));
    if (r.chance(0.6)) items.push(STEPS.verify(t, r));
    this.blocks.push({ kind: 'steps', items });
  }

  private callout(): void {
    const type = this.r.pick<CalloutType>(['NOTE', 'TIP', 'IMPORTANT', 'WARNING', 'CAUTION']);
    this.blocks.push({ kind: 'callout', type, sentences: [CALLOUTS[type](this.t, this.r)] });
  }

  private code(): void {
    const snippet = this.r.pick(this.t.product.snippets);
    if (snippet.commentPrefix === null) {
      this.blocks.push({ kind: 'paragraph', sentences: [codeIntro(snippet.comment)] });
      this.blocks.push({ kind: 'code', lang: snippet.lang, code: { ja: snippet.code, en: snippet.code } });
      return;
    }
    const p = snippet.commentPrefix;
    this.blocks.push({
      kind: 'code',
      lang: snippet.lang,
      code: { ja: `${p} ${snippet.comment.ja}\n${snippet.code}`, en: `${p} ${snippet.comment.en}\n${snippet.code}` },
    });
  }

  private link(): void {
    const target = this.target();
    if (target) this.blocks.push({ kind: 'paragraph', sentences: [linkSentence(target.title, target.id, this.r)] });
  }

  private faqSection(): void {
    const { r } = this;
    this.heading(2, HEADINGS.faq);
    const questions = r.int(1, 3);
    for (let i = 0; i < questions; i++) {
      const target = this.target();
      const question = target && target.type === 'faq' ? target.title : null;
      if (!question || !target) continue;
      this.heading(3, questionHeading(question));
      this.paragraph(r.int(1, 2), undefined);
      this.blocks.push({ kind: 'paragraph', sentences: [linkSentence(target.title, target.id, r)] });
    }
    // A FAQ heading with no question under it reads as a mistake; drop it.
    const last = this.blocks[this.blocks.length - 1];
    if (last?.kind === 'heading' && last.text === HEADINGS.faq) this.blocks.pop();
  }

  private seeAlso(): void {
    const links = this.plan.related.map((id) => this.find(id)).filter((p): p is EntryPlan => p !== undefined);
    if (links.length === 0) return;
    this.heading(2, HEADINGS.seeAlso);
    this.bullets(links.map((p) => ({ ja: `[${p.title.ja}](id:${p.id})`, en: `[${p.title.en}](id:${p.id})` })));
  }

  private settingsTable(): void {
    const settings = this.t.product.settings;
    this.blocks.push({
      kind: 'table',
      header: [
        { ja: '設定項目', en: 'Setting' },
        { ja: 'キー', en: 'Key' },
        { ja: '初期値', en: 'Default' },
        { ja: '説明', en: 'Description' },
      ],
      rows: settings.map((s) => [s.name, { ja: `\`${s.key}\``, en: `\`${s.key}\`` }, s.value, s.about]),
    });
  }

  private errorTable(): void {
    this.blocks.push({
      kind: 'table',
      header: [
        { ja: 'エラーコード', en: 'Error code' },
        { ja: 'メッセージ', en: 'Message' },
        { ja: '対処', en: 'What to do' },
      ],
      rows: this.t.product.troubles.map((x) => [{ ja: `\`${x.code}\``, en: `\`${x.code}\`` }, x.message, this.r.pick(FIXES)]),
    });
  }

  private planTable(): void {
    const thing = this.t.thing;
    const limits = [this.r.pick([5, 10, 20]), this.r.pick([50, 100, 200]), 0];
    const support: Phrase[] = [
      { ja: 'メール', en: 'Email' },
      { ja: 'メール・電話', en: 'Email and phone' },
      { ja: '専任担当者', en: 'Named engineer' },
    ];
    this.blocks.push({
      kind: 'table',
      header: [
        { ja: 'プラン', en: 'Plan' },
        { ja: `${thing.ja}の上限`, en: `Limit for ${thing.mass ? thing.en : plural(thing.en)}` },
        { ja: 'サポート窓口', en: 'Support' },
      ],
      rows: PLANS.map((plan, i) => [plan.name, limits[i] ? { ja: `${limits[i]}件`, en: String(limits[i]) } : { ja: '無制限', en: 'Unlimited' }, support[i]!]),
    });
  }

  private requirementsTable(): void {
    const requirement: Record<string, Phrase> = {
      windows: { ja: 'Windows 10以降（64ビット版）', en: 'Windows 10 or later (64-bit)' },
      mac: { ja: 'macOS 13以降', en: 'macOS 13 or later' },
      iphone: { ja: 'iOS 16以降', en: 'iOS 16 or later' },
      android: { ja: 'Android 12以降', en: 'Android 12 or later' },
      browser: { ja: '最新版のChrome、Edge、Safari、Firefox', en: 'The latest Chrome, Edge, Safari or Firefox' },
    };
    this.blocks.push({
      kind: 'table',
      header: [
        { ja: '項目', en: 'Item' },
        { ja: '要件', en: 'Requirement' },
      ],
      rows: [
        [{ ja: 'OS', en: 'OS' }, requirement[this.t.platform.slug] ?? requirement.browser!],
        [
          { ja: 'メモリ', en: 'Memory' },
          { ja: '4GB以上', en: '4 GB or more' },
        ],
        [
          { ja: 'ストレージ', en: 'Disk' },
          { ja: '空き容量2GB以上', en: '2 GB free' },
        ],
        [
          { ja: '通信', en: 'Network' },
          { ja: 'HTTPS（ポート443）で外部に接続できること', en: 'Outbound HTTPS (port 443)' },
        ],
      ],
    });
  }
}
