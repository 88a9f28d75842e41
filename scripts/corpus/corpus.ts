/**
 * The synthetic corpus as files: `kotae.config.yaml` and, for every locale, one Markdown file per entry at
 * `<locale>/<product>/<id>.md` (entries about every product go to `general/`). The first locale is the
 * source; the others are translations whose `source.hash` matches the source text. Japanese and English
 * have their own templates; any other locale reuses English, with `[<locale>] ` before title and summary.
 */
import { mkdirSync } from 'node:fs';
import { writeFile } from 'node:fs/promises';
import { dirname, join } from 'node:path';
import { sourceHash } from '../../content/source-hash.ts';
import { BodyComposer, planEntries, type EntryPlan } from './compose.ts';
import { renderMarkdown } from './document.ts';
import { frontmatterYaml } from './frontmatter.ts';
import { createRandom, hashSeed } from './random.ts';
import { corpusSiteConfigYaml } from './site-config.ts';
import type { Lang, Phrase } from './vocabulary.ts';

export interface CorpusOptions {
  /** Entries per locale. */
  entries: number;
  /** Locale codes; the first is the default (source) locale. */
  locales: readonly string[];
  seed: string;
}

/** A file of the corpus, its path relative to the corpus folder with `/` separators. */
export interface CorpusFile {
  path: string;
  content: string;
}

export const CONFIG_FILE = 'kotae.config.yaml';

const isoDate = (day: number): string => new Date(day * 86_400_000).toISOString().slice(0, 10);

/** How a locale is written: its template language and the marker of borrowed English. */
function writing(locale: string): { lang: Lang; marker: string } {
  const language = locale.split('-')[0];
  if (language === 'ja') return { lang: 'ja', marker: '' };
  if (language === 'en') return { lang: 'en', marker: '' };
  return { lang: 'en', marker: `[${locale}] ` };
}

interface LocalizedEntry {
  title: string;
  summary: string | undefined;
  aliases: string[];
  tags: string[];
  body: string;
}

function localize(plan: EntryPlan, bodies: Record<Lang, () => string>, locale: string): LocalizedEntry {
  const { lang, marker } = writing(locale);
  const text = (p: Phrase): string => p[lang];
  return {
    title: marker + text(plan.title),
    summary: plan.summary ? marker + text(plan.summary) : undefined,
    aliases: plan.aliases.map(text),
    tags: plan.tags.map(text),
    body: bodies[lang](),
  };
}

/**
 * Every file of the corpus, config first, then each entry in all locales. Deterministic: the same options
 * give byte-identical files in the same order.
 *
 * @example for (const file of corpusFiles({ entries: 50, locales: ['ja', 'en'], seed: 'kotae' })) …
 */
export function* corpusFiles(options: CorpusOptions): Generator<CorpusFile> {
  const [source] = options.locales;
  if (source === undefined) throw new Error('at least one locale is needed');
  yield { path: CONFIG_FILE, content: corpusSiteConfigYaml(options.locales) };

  const plans = planEntries(options.seed, options.entries);
  const composer = new BodyComposer(options.seed, plans);
  for (const plan of plans) {
    const blocks = composer.compose(plan);
    const cache: Partial<Record<Lang, string>> = {};
    const bodies: Record<Lang, () => string> = {
      ja: () => (cache.ja ??= renderMarkdown(blocks, 'ja')),
      en: () => (cache.en ??= renderMarkdown(blocks, 'en')),
    };
    const folder = plan.product ?? 'general';
    const original = localize(plan, bodies, source);
    // The file body starts after the newline that closes the frontmatter: a blank line, then the text.
    const fileBody = (markdown: string): string => `\n${markdown}\n`;
    const hash = sourceHash({ ...original, body: fileBody(original.body) });

    for (const locale of options.locales) {
      const entry = locale === source ? original : localize(plan, bodies, locale);
      const translated = locale !== source;
      const lag = translated ? createRandom(hashSeed(options.seed, 'translated', plan.index, locale)).int(0, 20) : 0;
      const yaml = frontmatterYaml({
        id: plan.id,
        type: plan.type,
        title: entry.title,
        summary: entry.summary,
        product: plan.product ?? undefined,
        resources: plan.resources,
        category: plan.category,
        tags: entry.tags,
        aliases: entry.aliases,
        related: plan.related,
        updated: isoDate(plan.updated + lag),
        reviewed: plan.reviewed === null ? undefined : isoDate(Math.max(plan.reviewed, plan.updated + lag)),
        draft: plan.draft,
        order: plan.order ?? undefined,
        source: translated ? { locale: source, hash } : undefined,
      });
      yield { path: `${locale}/${folder}/${plan.id}.md`, content: `---\n${yaml}---\n${fileBody(entry.body)}` };
    }
  }
}

/** Writes in flight at once: file creation waits on the disk, so overlapping writes beats one at a time. */
const WRITE_CONCURRENCY = 32;

/**
 * Writes the corpus under `dir` (which should be empty) and returns how much was written. Files are
 * generated as they are written, so memory stays flat however large the corpus.
 */
export async function writeCorpus(dir: string, options: CorpusOptions): Promise<{ files: number; bytes: number }> {
  const made = new Set<string>();
  const inFlight = new Set<Promise<void>>();
  let failure: unknown = null;
  let files = 0;
  let bytes = 0;
  for (const file of corpusFiles(options)) {
    if (failure !== null) break;
    const path = join(dir, file.path);
    const folder = dirname(path);
    if (!made.has(folder)) {
      mkdirSync(folder, { recursive: true });
      made.add(folder);
    }
    const write: Promise<void> = writeFile(path, file.content).then(
      () => void inFlight.delete(write),
      (error: unknown) => {
        failure ??= error;
        inFlight.delete(write);
      },
    );
    inFlight.add(write);
    if (inFlight.size >= WRITE_CONCURRENCY) await Promise.race(inFlight);
    files++;
    bytes += Buffer.byteLength(file.content);
  }
  await Promise.all(inFlight);
  if (failure !== null) throw failure;
  return { files, bytes };
}
