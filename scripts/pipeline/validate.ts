import path from 'node:path';
import type { SiteConfig } from '../../content/schema/index.ts';
import { closest } from '../../content/human-errors.ts';
import { fieldAt, type EntryHeader, type SourceEntry } from './load.ts';
import type { Problems } from '../../content/problems.ts';

/** How one entry id is written across locales. */
export interface EntryFamily<E extends EntryHeader = SourceEntry> {
  id: string;
  /** The original the others are translated from. */
  source: E;
  /** Translations by locale (the source's own locale excluded). */
  translations: Map<string, E>;
  /** Locales whose translation was made from an older source. */
  stale: Set<string>;
  /** Current hash of the source text; what an up-to-date translation records. */
  sourceHash: string;
}

/** The checked content: one family per entry id. */
export interface ContentModel<E extends EntryHeader = SourceEntry> {
  families: Map<string, EntryFamily<E>>;
  /** Absolute file path → entry id, for relative links. */
  idByFile: Map<string, string>;
}

export interface ValidateOptions {
  /** Today's date (YYYY-MM-DD) for review-age warnings; injectable so results are reproducible. */
  today: string;
  contentDir: string;
}

/**
 * Checks what no single file can: ids unique per locale, translations agreeing with their source on id and
 * type, references to products, resources, categories and related entries, stale and missing translations,
 * and review age. Reports to `problems` and returns the content grouped into entry families.
 */
export function validateContent<E extends EntryHeader>(
  entries: readonly E[],
  config: SiteConfig,
  problems: Problems,
  options: ValidateOptions,
): ContentModel<E> {
  const at = (entry: E, key: string) => fieldAt(entry, [key]);
  const err = (entry: E, key: string, message: string, fix: string) => {
    const p = at(entry, key);
    problems.error(entry.file, p.line, p.col, message, fix);
  };
  const warn = (entry: E, key: string, message: string, fix: string) => {
    const p = at(entry, key);
    problems.warning(entry.file, p.line, p.col, message, fix);
  };

  // Unique ids per locale.
  const byLocale = new Map<string, Map<string, E>>();
  for (const entry of entries) {
    const ids = byLocale.get(entry.locale) ?? new Map<string, E>();
    byLocale.set(entry.locale, ids);
    const first = ids.get(entry.meta.id);
    if (first) {
      err(
        entry,
        'id',
        `duplicate id "${entry.meta.id}" (also in ${path.relative(options.contentDir, first.file)})`,
        'give each entry its own id; translations go in another locale folder',
      );
      continue;
    }
    ids.set(entry.meta.id, entry);
  }
  const unique = [...byLocale.values()].flatMap((m) => [...m.values()]);

  // The same path in two locales is the same entry: it must have the same id.
  const byPath = new Map<string, E[]>();
  for (const entry of unique) byPath.set(entry.relPath, [...(byPath.get(entry.relPath) ?? []), entry]);
  for (const group of byPath.values()) {
    const [first, ...rest] = group;
    for (const other of rest)
      if (other.meta.id !== first!.meta.id)
        err(
          other,
          'id',
          `id "${other.meta.id}" differs from "${first!.meta.id}" in ${path.relative(options.contentDir, first!.file)}, the same file in another locale`,
          `a translation keeps the source's id: use "${first!.meta.id}", or move the file`,
        );
  }

  // Families: an entry without `source` is an original; a translation names its source locale.
  const families = new Map<string, EntryFamily<E>>();
  const defaultLocale = config.locales.default;
  const originals = unique.filter((e) => !e.meta.source).sort((a, b) => rank(a.locale) - rank(b.locale));
  function rank(locale: string) {
    return locale === defaultLocale ? 0 : 1;
  }
  for (const entry of originals) {
    if (families.has(entry.meta.id)) {
      const source = families.get(entry.meta.id)!.source;
      warn(
        entry,
        'id',
        `"${entry.meta.id}" also exists in ${source.locale} but has no \`source\` field`,
        `mark it as a translation: source: { locale: ${source.locale}, hash: ${families.get(entry.meta.id)!.sourceHash} }`,
      );
      addTranslation(families.get(entry.meta.id)!, entry, false);
      continue;
    }
    families.set(entry.meta.id, {
      id: entry.meta.id,
      source: entry,
      translations: new Map(),
      stale: new Set(),
      sourceHash: entry.textHash,
    });
  }
  for (const entry of unique.filter((e) => e.meta.source)) {
    const wanted = entry.meta.source!;
    const family = families.get(entry.meta.id);
    if (!family || family.source.locale !== wanted.locale) {
      const known = [...(byLocale.get(wanted.locale)?.keys() ?? [])];
      const hint = closest(entry.meta.id, known);
      err(
        entry,
        'source',
        `orphaned translation: no entry "${entry.meta.id}" in ${wanted.locale} to translate from`,
        hint ? `did you mean id "${hint}"? Otherwise remove this translation` : `remove this file, or fix its id or source.locale`,
      );
      continue;
    }
    addTranslation(family, entry, true);
  }

  function addTranslation(family: EntryFamily<E>, entry: E, checkHash: boolean) {
    if (entry.meta.type !== family.source.meta.type) {
      err(
        entry,
        'type',
        `type "${entry.meta.type}" differs from the source's "${family.source.meta.type}"`,
        `a translation keeps the source's type: use "${family.source.meta.type}"`,
      );
      return;
    }
    family.translations.set(entry.locale, entry);
    if (checkHash && entry.meta.source!.hash !== family.sourceHash) {
      family.stale.add(entry.locale);
      const p = fieldAt(entry, ['source', 'hash']);
      problems.warning(
        entry.file,
        p.line,
        p.col,
        `stale translation: the ${family.source.locale} source changed since this was translated`,
        `update the text from the source, then set source.hash to ${family.sourceHash}`,
      );
    }
  }

  // References to the config and to other entries.
  const products = new Map(config.products.map((p) => [p.id, p]));
  const categories = config.categories.map((c) => c.id);
  for (const entry of unique) {
    const { meta } = entry;
    if (meta.product && !products.has(meta.product)) {
      const hint = closest(meta.product, [...products.keys()]);
      err(entry, 'product', `unknown product "${meta.product}"`, hint ? `did you mean "${hint}"?` : `use one of: ${[...products.keys()].join(', ')}`);
    }
    const resources = meta.product ? (products.get(meta.product)?.resources ?? []).map((r) => r.id) : [];
    meta.resources.forEach((resource, i) => {
      if (!meta.product) {
        const p = fieldAt(entry, ['resources', i]);
        problems.error(entry.file, p.line, p.col, `resource "${resource}" given without a product`, 'add `product:` or remove `resources:`');
      } else if (products.has(meta.product) && !resources.includes(resource)) {
        const p = fieldAt(entry, ['resources', i]);
        const hint = closest(resource, resources);
        problems.error(
          entry.file,
          p.line,
          p.col,
          `unknown resource "${resource}" of product "${meta.product}"`,
          hint ? `did you mean "${hint}"?` : `use one of: ${resources.join(', ') || '(this product has no resources)'}`,
        );
      }
    });
    if (!categories.includes(meta.category)) {
      const hint = closest(meta.category, categories);
      err(entry, 'category', `unknown category "${meta.category}"`, hint ? `did you mean "${hint}"?` : `use one of: ${categories.join(', ')}`);
    }
    meta.related.forEach((id, i) => {
      const p = fieldAt(entry, ['related', i]);
      if (!families.has(id)) {
        const hint = closest(id, [...families.keys()]);
        problems.error(entry.file, p.line, p.col, `related entry "${id}" does not exist`, hint ? `did you mean "${hint}"?` : 'check the id, or remove it');
      } else if (id === meta.id) {
        problems.warning(entry.file, p.line, p.col, 'an entry lists itself as related', 'remove it');
      }
    });
    if (meta.published && meta.published > meta.updated)
      err(
        entry,
        'published',
        `published ${meta.published} is after updated ${meta.updated}`,
        'an entry is updated on or after the day it was first published: fix one of the dates',
      );
    if (meta.reviewed) {
      const age = daysBetween(meta.reviewed, options.today);
      if (age > config.review.maxAgeDays)
        warn(
          entry,
          'reviewed',
          `not reviewed for ${age} days (limit ${config.review.maxAgeDays})`,
          'check the entry is still right, then set `reviewed:` to today',
        );
    }
  }

  // Missing translations are reported on the source, once per locale.
  for (const family of families.values()) {
    if (family.source.meta.draft) continue;
    for (const locale of config.locales.available) {
      if (locale.code === family.source.locale || family.translations.has(locale.code)) continue;
      warn(family.source, 'id', `no ${locale.code} translation`, `translate it as ${path.join(locale.code, family.source.relPath)}`);
    }
  }

  const idByFile = new Map<string, string>();
  for (const entry of unique) idByFile.set(entry.file, entry.meta.id);
  return { families, idByFile };
}

function daysBetween(from: string, to: string): number {
  return Math.floor((Date.parse(`${to}T00:00:00Z`) - Date.parse(`${from}T00:00:00Z`)) / 86_400_000);
}
