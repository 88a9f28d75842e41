import { createHash } from 'node:crypto';
import { copyFileSync, existsSync, mkdirSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { stringify } from 'yaml';
import { EntryId, SUMMARY_MAX, TITLE_MAX } from '../../content/schema/index.ts';
import { sourceHash } from '../../content/source-hash.ts';
import { isSafeHref } from '../pipeline/html-policy.ts';
import { htmlToMarkdown, type ConvertContext } from './html-to-markdown.ts';
import { markdownToKotae } from './markdown-body.ts';
import type { Dropped, DropReason, SourceArticle, SourceGroup, SourceSite } from './model.ts';
import { siteConfigYaml } from './site-config-yaml.ts';

/** What cannot be guessed from an export, written by the team (`--map FILE`, YAML). */
export interface ImportMapping {
  /** Vendor locale → Kotae locale (`en-us: en`). */
  locales: Record<string, string>;
  /** Group key (`zendesk:category:200001`, `intercom:collection:301`, `folder:guide`) → Kotae product id. */
  products: Record<string, string>;
  /** Group key → Kotae category id. */
  categories: Record<string, string>;
  /** Product of entries whose export has no product level (Intercom, Markdown sites). */
  product?: string;
}

export interface ImportOptions {
  out: string;
  /** Replace entries a previous import of the same source wrote; never anything else. */
  update: boolean;
  today: string;
  mapping: ImportMapping;
}

export type EntryStatus = 'created' | 'updated' | 'unchanged' | 'kept' | 'conflict';

export interface ImportReport {
  system: SourceSite['system'];
  source: string;
  out: string;
  defaultLocale: string;
  /** Per locale, how many entries were created, updated, left unchanged or kept (exists, no `--update`). */
  entries: Record<string, Record<EntryStatus, number>>;
  files: { sourceId: string; locale: string; id: string; file: string; status: EntryStatus }[];
  assets: string[];
  dropped: Dropped[];
  /** `written` for a new content tree; otherwise what the existing site config lacks. */
  config: { status: 'written' | 'kept'; missingProducts: string[]; missingCategories: string[] };
}

const IMAGE_TYPES = new Set(['.png', '.jpg', '.jpeg', '.gif', '.webp', '.avif', '.svg']);
const UNSAFE_SVG = /<script\b|\son[a-z]+\s*=|javascript:|<foreignObject\b|<iframe\b|<embed\b|<object\b|<!ENTITY/i;

/**
 * Writes an export as a Kotae content tree: one entry per article and locale (translations carry the hash
 * of the source text as written, so `i18n:status` is right from the start), assets copied beside them, links
 * between articles rewritten to `id:` links, the old URLs kept as `previousUrls`. An entry a previous import
 * wrote is found again by `importedFrom` and keeps its id and file; files it did not write are never touched.
 */
export function writeContentTree(site: SourceSite, options: ImportOptions): ImportReport {
  const out = path.resolve(options.out);
  const report: ImportReport = {
    system: site.system,
    source: site.dir,
    out,
    defaultLocale: site.defaultLocale,
    entries: {},
    files: [],
    assets: [],
    dropped: site.dropped,
    config: { status: 'kept', missingProducts: [], missingCategories: [] },
  };
  const existing = existingEntries(out);
  const families = new Map<string, SourceArticle[]>();
  for (const a of site.articles) families.set(a.sourceId, [...(families.get(a.sourceId) ?? []), a]);

  // Ids first: links between articles need every article's id before any body is converted.
  const taken = new Set([...existing.values()].flatMap((byLocale) => [...byLocale.values()].map((e) => e.id)));
  for (const id of existing.ids) taken.add(id);
  const idOf = new Map<string, string>();
  const idByNative = new Map<string, string>();
  for (const [sourceId, texts] of [...families].sort((a, b) => (a[0] < b[0] ? -1 : 1))) {
    const previous = [...(existing.get(sourceId)?.values() ?? [])][0]?.id;
    const id = previous ?? uniqueId(proposedId(site, texts), taken, texts[0]!.nativeId);
    taken.add(id);
    idOf.set(sourceId, id);
    idByNative.set(texts[0]!.nativeId, id);
  }

  const groupId = (groups: SourceGroup[], mapped: Record<string, string>, key: string | undefined, kind: string) => {
    if (key === undefined) return undefined;
    if (mapped[key]) return mapped[key];
    const group = groups.find((g) => g.key === key);
    const name = group?.names.en ?? Object.values(group?.names ?? {})[0];
    return slugify(name ?? '') || `${kind}-${slugify(key)}`;
  };
  const usedProducts = new Map<string, SourceGroup | undefined>();
  const usedCategories = new Map<string, SourceGroup | undefined>();
  const assetNames = new Map<string, string>();

  for (const [sourceId, texts] of [...families].sort((a, b) => (a[0] < b[0] ? -1 : 1))) {
    const id = idOf.get(sourceId)!;
    const original = texts.find((t) => t.original) ?? texts.find((t) => t.locale === site.defaultLocale) ?? texts[0]!;
    const ordered = [original, ...texts.filter((t) => t !== original)];
    const product = original.productKey ? groupId(site.products, options.mapping.products, original.productKey, 'product') : options.mapping.product;
    const category = groupId(site.categories, options.mapping.categories, original.categoryKey, 'category')!;
    if (product)
      usedProducts.set(
        product,
        site.products.find((g) => g.key === original.productKey),
      );
    usedCategories.set(
      category,
      site.categories.find((g) => g.key === original.categoryKey),
    );
    const relPath = existing.get(sourceId)?.get(original.locale)?.relPath ?? `${category}/${id}.md`;
    let sourceText: { title: string; summary?: string | undefined; body: string } | undefined;
    const seen = new Set<string>();
    for (const text of ordered) {
      if (seen.has(text.locale)) {
        site.dropped.push({ sourceId, locale: text.locale, place: text.place, what: `a second ${text.locale} text`, reason: 'secondText' });
        continue;
      }
      seen.add(text.locale);
      const file = path.join(out, text.locale, existing.get(sourceId)?.get(text.locale)?.relPath ?? relPath);
      // Markdown bodies say which line each report is about; HTML bodies have their JSON path.
      let line: number | undefined;
      const drop = (what: string, reason: DropReason) =>
        site.dropped.push({
          sourceId,
          locale: text.locale,
          place: line === undefined ? (text.bodyPlace ?? text.place) : `${text.place}:${line}`,
          what,
          reason,
        });
      const ctx = convertContext(site, text, file, out, idByNative, assetNames, report, drop);
      const body =
        'html' in text.body
          ? htmlToMarkdown(text.body.html, ctx)
          : markdownToKotae(
              text.body.markdown,
              ctx,
              (n) => {
                line = n;
              },
              text.body.firstLine,
              text.title,
            );
      const title = clip(text.title, TITLE_MAX);
      const summary = text.summary ? clip(text.summary, SUMMARY_MAX) : undefined;
      const isSource = text === original;
      if (isSource) sourceText = { title, summary, body };
      const source = isSource
        ? undefined
        : {
            locale: original.locale,
            // A translation its vendor marks outdated gets a hash no source has, so Kotae marks it stale too.
            hash: text.outdated ? '0000000000000000' : sourceHash({ ...sourceText!, aliases: [] }),
          };
      const meta = {
        id,
        type: /[?？]\s*$/.test(original.title) ? 'faq' : 'article',
        title,
        ...(summary && { summary }),
        ...(product && { product }),
        category,
        ...(text.tags.length && { tags: text.tags }),
        updated: text.updated,
        ...(text.published && text.published <= text.updated && { published: text.published }),
        ...(text.draft && { draft: true }),
        ...(text.order !== undefined && { order: text.order }),
        ...(source && { source }),
        importedFrom: sourceId,
        ...(text.urls.length && { previousUrls: [...new Set(text.urls.flatMap(oldPaths))] }),
      };
      const content = `---\n${stringify(meta, { lineWidth: 0 })}---\n\n${body}`;
      const status = writeEntry(file, content, sourceId, existing.get(sourceId)?.has(text.locale) ?? false, options.update);
      if (status === 'conflict')
        site.dropped.push({
          sourceId,
          locale: text.locale,
          place: text.place,
          what: path.relative(out, file),
          reason: 'conflict',
        });
      const counts = (report.entries[text.locale] ??= { created: 0, updated: 0, unchanged: 0, kept: 0, conflict: 0 });
      counts[status]++;
      report.files.push({ sourceId, locale: text.locale, id, file: path.relative(out, file), status });
    }
  }

  const configFile = path.join(out, 'kotae.config.yaml');
  const locales = [...new Set([site.defaultLocale, ...site.articles.map((a) => a.locale)])];
  if (!existsSync(configFile)) {
    writeFileSync(configFile, siteConfigYaml(site, locales, usedProducts, usedCategories, options.today));
    report.config.status = 'written';
  } else {
    const config = readFileSync(configFile, 'utf8');
    report.config.missingProducts = [...usedProducts.keys()].filter((p) => !new RegExp(`id: ${p}\\b`).test(config)).sort();
    report.config.missingCategories = [...usedCategories.keys()].filter((c) => !new RegExp(`id: ${c}\\b`).test(config)).sort();
  }
  report.assets.sort();
  report.files.sort((a, b) => (a.file < b.file ? -1 : a.file > b.file ? 1 : 0));
  return report;
}

/** How links, images and dropped HTML of one article's text are handled while it is converted. */
function convertContext(
  site: SourceSite,
  text: SourceArticle,
  file: string,
  out: string,
  idByNative: ReadonlyMap<string, string>,
  assetNames: Map<string, string>,
  report: ImportReport,
  drop: (what: string, reason: DropReason) => void,
): ConvertContext {
  const oldPage = text.urls.find((u) => /^https?:/i.test(u));
  return {
    drop,
    link(href) {
      if (href.startsWith('#')) {
        drop(`link to "${href}"`, 'oldAnchor');
        return undefined;
      }
      const target = site.articleOfLink(href, text);
      if (target) {
        const id = idByNative.get(target.nativeId);
        if (id) return `id:${id}`;
        drop(`link to "${href}"`, target.external ? 'notExportedKept' : 'notExportedText');
        return target.external ? href : undefined;
      }
      if (/^(https?|mailto|tel):/i.test(href)) return href;
      if (!isSafeHref(href)) return undefined;
      const local = site.localFile(href, text);
      if (local) {
        drop(`link to the file "${path.basename(local)}"`, 'fileLink');
        return undefined;
      }
      const absolute = oldPage ? new URL(href, oldPage).href : undefined;
      drop(`link to "${href}"`, absolute ? 'notArticleKept' : 'notArticleText');
      return absolute;
    },
    image(src, alt) {
      const local = site.localFile(src, text);
      if (!local) {
        const absolute = /^https?:/i.test(src) ? src : oldPage ? new URL(src, oldPage).href : undefined;
        drop(`image "${src}"`, absolute ? 'remoteImageKept' : 'remoteImageText');
        return absolute;
      }
      const ext = path.extname(local).toLowerCase();
      const bytes = readFileSync(local);
      if (!IMAGE_TYPES.has(ext) || (ext === '.svg' && UNSAFE_SVG.test(bytes.toString('utf8')))) {
        drop(`image "${path.basename(local)}"`, IMAGE_TYPES.has(ext) ? 'unsafeSvg' : 'notImage');
        return undefined;
      }
      const name = assetName(local, bytes, out, assetNames);
      if (!report.assets.includes(name)) report.assets.push(name);
      if (!alt) drop(`alt text of "${name}"`, 'noAlt');
      return path
        .relative(path.dirname(file), path.join(out, 'assets', name))
        .split(path.sep)
        .join('/');
    },
  };
}

/** Copies an image into `assets/` under a readable name; the same bytes get the same name. */
function assetName(file: string, bytes: Buffer, out: string, names: Map<string, string>): string {
  const digest = createHash('sha256').update(bytes).digest('hex');
  const known = names.get(digest);
  if (known) return known;
  const ext = path.extname(file).toLowerCase();
  const stem = slugify(path.basename(file, path.extname(file))) || 'image';
  let name = `${stem}${ext}`;
  const target = () => path.join(out, 'assets', name);
  if (existsSync(target()) && !readFileSync(target()).equals(bytes)) name = `${stem}-${digest.slice(0, 8)}${ext}`;
  mkdirSync(path.join(out, 'assets'), { recursive: true });
  if (!existsSync(target())) copyFileSync(file, target());
  names.set(digest, name);
  return name;
}

function writeEntry(file: string, content: string, _sourceId: string, ours: boolean, update: boolean): EntryStatus {
  if (!existsSync(file)) {
    mkdirSync(path.dirname(file), { recursive: true });
    writeFileSync(file, content);
    return 'created';
  }
  if (!ours) return 'conflict';
  if (readFileSync(file, 'utf8') === content) return 'unchanged';
  if (!update) return 'kept';
  writeFileSync(file, content);
  return 'updated';
}

interface ExistingEntry {
  id: string;
  relPath: string;
}

/** Entries already in the output folder: by `importedFrom` and locale, and every id in use. */
function existingEntries(out: string): Map<string, Map<string, ExistingEntry>> & { ids: Set<string> } {
  const found = Object.assign(new Map<string, Map<string, ExistingEntry>>(), { ids: new Set<string>() });
  if (!existsSync(out)) return found;
  for (const locale of readdirSync(out, { withFileTypes: true })) {
    if (!locale.isDirectory() || locale.name === 'assets' || locale.name.startsWith('.')) continue;
    for (const rel of readdirSync(path.join(out, locale.name), { recursive: true, encoding: 'utf8' })) {
      if (!rel.endsWith('.md')) continue;
      const text = readFileSync(path.join(out, locale.name, rel), 'utf8');
      const id = /^id:\s*(\S+)/m.exec(text)?.[1];
      if (id) found.ids.add(id);
      const from = /^importedFrom:\s*(\S+)/m.exec(text)?.[1];
      if (!id || !from) continue;
      const byLocale = found.get(from) ?? new Map<string, ExistingEntry>();
      byLocale.set(locale.name, { id, relPath: rel.split(path.sep).join('/') });
      found.set(from, byLocale);
    }
  }
  return found;
}

/** An id from the English title when there is one, else from a file name, else from the vendor's id. */
function proposedId(site: SourceSite, texts: readonly SourceArticle[]): string {
  const english = texts.find((t) => t.locale === 'en' || t.locale.startsWith('en-'));
  const fromTitle = english ? slugify(english.title) : '';
  if (fromTitle) return fromTitle;
  const fromHint = slugify(texts[0]!.slugHint ?? '');
  if (fromHint) return fromHint;
  return `${site.system}-${slugify(texts[0]!.nativeId)}`;
}

function uniqueId(wanted: string, taken: ReadonlySet<string>, nativeId: string): string {
  if (!taken.has(wanted)) return wanted;
  const withNative = `${wanted.slice(0, 60)}-${slugify(nativeId)}`.replace(/-+/g, '-');
  if (!taken.has(withNative)) return withNative;
  for (let n = 2; ; n++) if (!taken.has(`${withNative}-${n}`)) return `${withNative}-${n}`;
}

/** `How do I reset my password?` → `how-do-i-reset-my-password`; empty when nothing Latin is left (Japanese titles). */
export function slugify(text: string): string {
  const slug = text
    .normalize('NFKD')
    .replace(/[\u0300-\u036f]/g, '')
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-+|-+$/g, '');
  const cut = slug.length > 60 ? slug.slice(0, 60).replace(/-[^-]*$/, '') : slug;
  return EntryId.safeParse(cut).success ? cut : '';
}

/** The old URL as a path of the new site: the host is dropped (the redirect answers where the site is served). */
function oldPaths(url: string): string[] {
  let parsed: URL;
  try {
    parsed = new URL(url, 'https://old.invalid/');
  } catch {
    return [];
  }
  const p = parsed.pathname;
  return /^\/(?!\/)[^?#\s\\"<>]*$/.test(p) && p !== '/' ? [p] : [];
}

function clip(text: string, max: number): string {
  const clean = text.replace(/\s+/g, ' ').trim();
  return [...clean].length <= max ? clean : `${[...clean].slice(0, max - 1).join('')}…`;
}
