import { createHash } from 'node:crypto';
import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { notEnded } from '../../content/announcement-window.ts';
import { humanizeIssues } from '../../content/human-errors.ts';
import type { Problems } from '../../content/problems.ts';
import { AnnouncementFrontmatter, fallbackChain, type Announcement, type AnnouncementsFile, type SiteConfig } from '../../content/schema/index.ts';
import { parseYamlSource } from '../../content/yaml-source.ts';
import { bundleTranslator } from '../../i18n/bundles.ts';
import type { AssetRegistry } from './assets.ts';
import { CALLOUT_KINDS, prepare, render, type CalloutKind, type LinkTarget } from './render.ts';
import type { SitePlan } from './compile-locale.ts';

/** Where announcements are written: `content/announcements/<locale>/<name>.md`, beside (not inside) the entries' locale folders. */
export const ANNOUNCEMENTS_DIR = 'announcements';

/** The data file of a locale's announcements, as the manifest names it. */
export function announcementsPath(locale: string): string {
  return `data/${locale}/announcements.json`;
}

/** One announcement file as written, validated. */
export interface SourceAnnouncement {
  file: string;
  locale: string;
  meta: AnnouncementFrontmatter;
  body: string;
  bodyLine: number;
  digest: string;
}

const KNOWN_KEYS = ['id', 'title', 'severity', 'products', 'starts', 'ends'];

/**
 * Reads every `content/announcements/<locale>/*.md` of the configured locales. A file with errors is
 * reported (file:line:col, like entries) and left out.
 */
export function loadAnnouncements(contentDir: string, config: SiteConfig, problems: Problems): SourceAnnouncement[] {
  const root = path.join(contentDir, ANNOUNCEMENTS_DIR);
  const locales = new Set(config.locales.available.map((l) => l.code));
  const products = new Set(config.products.map((p) => p.id));
  const found: SourceAnnouncement[] = [];
  for (const locale of listDir(root)
    .filter((d) => d.isDirectory())
    .map((d) => d.name)
    .sort()) {
    if (!locales.has(locale)) {
      problems.warning(
        path.join(root, locale),
        1,
        1,
        `folder "${locale}" is not a configured locale`,
        'add it to locales.available in the site config, or rename the folder',
      );
      continue;
    }
    const dir = path.join(root, locale);
    for (const name of listDir(dir)
      .filter((d) => d.isFile() && d.name.endsWith('.md'))
      .map((d) => d.name)
      .sort()) {
      const file = path.join(dir, name);
      const announcement = parseAnnouncement(file, readFileSync(file, 'utf8'), locale, products, problems);
      if (announcement) found.push(announcement);
    }
  }
  const seen = new Map<string, string>();
  for (const a of found) {
    const key = `${a.locale}\0${a.meta.id}`;
    const other = seen.get(key);
    if (other)
      problems.error(a.file, 2, 1, `announcement id "${a.meta.id}" is also used by ${path.basename(other)}`, 'give each announcement of a locale its own id');
    seen.set(key, a.file);
  }
  return found;
}

function listDir(dir: string) {
  try {
    return readdirSync(dir, { withFileTypes: true }).filter((d) => !d.name.startsWith('.'));
  } catch {
    return [];
  }
}

/** Splits and validates one announcement file; undefined (with problems reported) when it cannot be used. */
export function parseAnnouncement(
  file: string,
  raw: string,
  locale: string,
  products: ReadonlySet<string>,
  problems: Problems,
): SourceAnnouncement | undefined {
  const text = raw.replace(/^\uFEFF/, '').replace(/\r\n?/g, '\n');
  const close = text.indexOf('\n---', 3);
  if (!text.startsWith('---\n') || close < 0) {
    problems.error(file, 1, 1, 'the announcement has no frontmatter', 'begin the file with `---`, the fields (id, title, severity, starts, ends), then `---`');
    return undefined;
  }
  const yaml = parseYamlSource(text.slice(4, close + 1), 1);
  for (const e of yaml.errors) problems.error(file, e.line, e.col, `invalid YAML in frontmatter: ${e.message}`, e.fix);
  if (yaml.errors.length) return undefined;
  const parsed = AnnouncementFrontmatter.safeParse(yaml.data ?? {}, { reportInput: true });
  if (!parsed.success) {
    for (const issue of humanizeIssues(parsed.error.issues, KNOWN_KEYS)) {
      const at = yaml.locate(issue.path, issue.message.startsWith('unknown field') ? 'key' : 'value');
      problems.error(file, at.line, at.col, issue.message, issue.fix);
    }
    return undefined;
  }
  let bad = false;
  parsed.data.products.forEach((product, i) => {
    if (products.has(product)) return;
    const at = yaml.locate(['products', i]);
    problems.error(file, at.line, at.col, `unknown product "${product}"`, `use one of: ${[...products].join(', ')}, or leave products out for every product`);
    bad = true;
  });
  if (bad) return undefined;
  const closeEnd = close + 4;
  const body = text.slice(closeEnd + 1);
  const bodyLine = text.slice(0, closeEnd + 1).split('\n').length;
  if (!body.trim()) {
    problems.error(file, bodyLine, 1, 'the announcement has no text', 'write what customers should know below the closing `---`');
    return undefined;
  }
  return { file, locale, meta: parsed.data, body, bodyLine, digest: createHash('sha256').update(text).digest('hex') };
}

/**
 * Each locale's announcements not yet ended at `now` (locales with none are left out): its own translation of each, else the next locale of
 * its fallback chain that has one, then `more`. Bodies are rendered and sanitized like entries'; their images are added
 * to `assets`.
 */
export function compileAnnouncements(
  plan: SitePlan,
  announcements: readonly SourceAnnouncement[],
  now: number,
  problems: Problems,
  assets: AssetRegistry,
  /** Notices from elsewhere (the status page), already rendered, per locale. */
  more: ReadonlyMap<string, readonly Announcement[]> = new Map(),
): Map<string, AnnouncementsFile> {
  const { config, model } = plan;
  const byId = new Map<string, Map<string, SourceAnnouncement>>();
  for (const a of announcements) {
    if (!byId.has(a.meta.id)) byId.set(a.meta.id, new Map());
    byId.get(a.meta.id)!.set(a.locale, a);
  }
  const out = new Map<string, AnnouncementsFile>();
  const rendered = new Map<string, Announcement>();
  for (const { code } of config.locales.available) {
    const { t: label } = bundleTranslator('content', fallbackChain(config, code));
    const list: Announcement[] = [];
    for (const [id, versions] of [...byId].sort(([a], [b]) => (a < b ? -1 : 1))) {
      const source = fallbackChain(config, code)
        .map((l) => versions.get(l))
        .find((a) => a !== undefined);
      if (!source) continue;
      const key = `${code}\0${source.file}`;
      if (!rendered.has(key)) {
        const result = render(prepare(source.file, source.body, source.bodyLine), {
          locale: code,
          calloutLabels: Object.fromEntries(CALLOUT_KINDS.map((k) => [k, label(`callout.${k}`)])) as Record<CalloutKind, string>,
          taskLabels: { done: label('task.done'), open: label('task.open') },
          entry: (target): LinkTarget | undefined => {
            const family = model.families.get(target);
            if (!family || !plan.published.has(target)) return undefined;
            // Links from an announcement go to an entry, not into its sections.
            return { id: target, type: family.source.meta.type, anchors: new Set(), draft: false };
          },
          entryAtFile: (file) => model.idByFile.get(file),
          knownIds: () => [...plan.published],
          asset: (file) => assets.add(file),
          contentDir: plan.contentDir,
        });
        // A fallback's text is rendered again for each locale that shows it (its links point into that locale); its problems are reported once.
        if (source.locale === code) problems.add(result.problems);
        const m = source.meta;
        rendered.set(key, {
          id,
          locale: source.locale,
          title: m.title,
          severity: m.severity,
          products: m.products,
          starts: m.starts,
          ends: m.ends,
          html: result.html,
        });
      }
      list.push(rendered.get(key)!);
    }
    list.push(...(more.get(code) ?? []));
    const kept = notEnded(list, now).sort((a, b) => Date.parse(a.starts) - Date.parse(b.starts) || (a.id < b.id ? -1 : 1));
    // A locale with none gets no file (and its manifest names none), so browsers do not ask for it.
    if (kept.length) out.set(code, { version: 1, locale: code, announcements: kept });
  }
  return out;
}
