import { stringify } from 'yaml';
import { EntryId, localize, TITLE_MAX, type SiteConfig, type UnansweredGroup } from '../../content/schema/index.ts';
import type { Translate } from '../../i18n/runtime/translator.ts';

/**
 * Content gaps to drafts: one draft FAQ per group of questions nothing answered, for a writer to finish.
 * The most asked spelling is the title, the others become the entry's `aliases` (search matches them like
 * the title), the product is the one the questions were asked about most, and `draft: true` keeps it out
 * of the published site until a writer clears it (`npm run check` accepts drafts).
 */
export interface GapDraft {
  /** Path under the content folder: `<locale>/<product or general>/<id>.md`. */
  file: string;
  id: string;
  text: string;
}

export interface GapDraftOptions {
  config: Pick<SiteConfig, 'locales' | 'products' | 'categories'>;
  /** Ids already taken by entries of the content. */
  takenIds: ReadonlySet<string>;
  today: string;
  range: { since: string; until: string };
  /** Writer-facing text (the `tools` bundle) in a locale. */
  t: (locale: string) => Translate;
}

export function gapDrafts(groups: readonly UnansweredGroup[], options: GapDraftOptions): GapDraft[] {
  const taken = new Set(options.takenIds);
  const products = new Set(options.config.products.map((p) => p.id));
  const available = new Set(options.config.locales.available.map((l) => l.code));
  return groups.map((group) => {
    const locale = group.locales.map((l) => l.locale).find((l) => available.has(l)) ?? options.config.locales.default;
    const product = group.products.map((p) => p.product).find((p) => products.has(p));
    const id = uniqueId(slugOf(group.example), taken);
    taken.add(id);
    const title = group.example.trim().slice(0, TITLE_MAX);
    const aliases = [...new Set(group.variants.map((v) => v.query.trim().slice(0, TITLE_MAX)))].filter((q) => q && q !== title);
    const category = options.config.categories[0]!.id;
    const frontmatter = {
      id,
      type: 'faq',
      title,
      ...(product ? { product } : {}),
      category,
      ...(aliases.length ? { aliases } : {}),
      updated: options.today,
      draft: true,
    };
    const t = options.t(locale);
    const productName = product ? localize(options.config.products.find((p) => p.id === product)!.name, locale, [options.config.locales.default]) : '';
    const body = [
      `<!-- ${t('insights.draft.note', { count: group.count, since: options.range.since, until: options.range.until })} -->`,
      '',
      t(product ? 'insights.draft.bodyForProduct' : 'insights.draft.body', { product: productName }),
      '',
    ].join('\n');
    return { file: `${locale}/${product ?? 'general'}/${id}.md`, id, text: `---\n${stringify(frontmatter, { lineWidth: 0 })}---\n\n${body}` };
  });
}

/** A URL slug from a question in a Latin script; a stable hash-based id for scripts without one. */
function slugOf(question: string): string {
  const words = question
    .normalize('NFKD')
    .replace(/[\u0300-\u036f]/g, '')
    .toLowerCase()
    .match(/[a-z0-9]+/g);
  const slug = (words ?? []).join('-').slice(0, 60).replace(/-+$/, '');
  return slug.length >= 3 && EntryId.safeParse(slug).success ? slug : `question-${hash(question.normalize('NFKC'))}`;
}

function uniqueId(base: string, taken: ReadonlySet<string>): string {
  if (!taken.has(base)) return base;
  for (let n = 2; ; n++) if (!taken.has(`${base}-${n}`)) return `${base}-${n}`;
}

/** FNV-1a, 32 bits, as 8 hex digits: short, stable across runs. */
function hash(text: string): string {
  let h = 0x811c9dc5;
  for (let i = 0; i < text.length; i++) h = Math.imul(h ^ text.charCodeAt(i), 0x01000193);
  return (h >>> 0).toString(16).padStart(8, '0');
}
