import path from 'node:path';
import type { SiteConfig } from '../../content/schema/index.ts';
import type { SourceEntry } from '../pipeline/load.ts';
import type { ContentModel } from '../pipeline/validate.ts';

/** A translation that exists and matches the current source. */
export interface TranslatedItem {
  id: string;
  file: string;
}

/** An entry that has no translation in the locale yet. */
export interface MissingItem {
  id: string;
  /** The source file to translate from. */
  sourceFile: string;
  /** Where the translation should be created. */
  expectedFile: string;
  /** What the new translation records as `source`. */
  sourceLocale: string;
  sourceHash: string;
}

/** A translation made from an older version of its source. */
export interface StaleItem {
  id: string;
  file: string;
  sourceFile: string;
  /** The hash the translation records (`source.hash`). */
  recordedHash: string;
  /** The hash of the source now: what the translation must record once updated. */
  currentHash: string;
}

/** A translation whose source entry no longer exists (or lives in another locale than it says). */
export interface OrphanedItem {
  id: string;
  file: string;
  /** The locale its `source.locale` names. */
  sourceLocale: string;
}

/** Translation state of the content in one locale. */
export interface LocaleContentStatus {
  translated: TranslatedItem[];
  missing: MissingItem[];
  stale: StaleItem[];
  orphaned: OrphanedItem[];
}

/**
 * Sorts every entry family of the validated content into translated, missing and stale per locale, and
 * finds orphaned translations among the loaded entries. Drafts are never counted as missing, as in `check`.
 * Every configured locale gets a status (all lists empty when it has nothing to translate).
 */
export function contentStatus(entries: readonly SourceEntry[], model: ContentModel, config: SiteConfig, contentDir: string): Map<string, LocaleContentStatus> {
  const status = new Map<string, LocaleContentStatus>();
  for (const locale of config.locales.available) status.set(locale.code, { translated: [], missing: [], stale: [], orphaned: [] });

  const families = [...model.families.values()].sort((a, b) => compare(a.id, b.id));
  for (const family of families) {
    for (const [locale, own] of status) {
      if (locale === family.source.locale) continue;
      const translation = family.translations.get(locale);
      if (!translation) {
        if (!family.source.meta.draft)
          own.missing.push({
            id: family.id,
            sourceFile: family.source.file,
            expectedFile: path.resolve(contentDir, locale, family.source.relPath),
            sourceLocale: family.source.locale,
            sourceHash: family.sourceHash,
          });
      } else if (family.stale.has(locale)) {
        own.stale.push({
          id: family.id,
          file: translation.file,
          sourceFile: family.source.file,
          recordedHash: translation.meta.source?.hash ?? '',
          currentHash: family.sourceHash,
        });
      } else {
        own.translated.push({ id: family.id, file: translation.file });
      }
    }
  }

  // Same rule as validateContent's "orphaned translation": the named source locale has no original with this id.
  for (const entry of entries) {
    const wanted = entry.meta.source;
    if (!wanted) continue;
    const family = model.families.get(entry.meta.id);
    if (family && family.source.locale === wanted.locale) continue;
    status.get(entry.locale)?.orphaned.push({ id: entry.meta.id, file: entry.file, sourceLocale: wanted.locale });
  }
  for (const own of status.values()) own.orphaned.sort((a, b) => compare(a.id, b.id) || compare(a.file, b.file));
  return status;
}

function compare(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}
