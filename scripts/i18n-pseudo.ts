import { cpSync, existsSync, mkdirSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { parseCliArgs, runAsScript, runCli, throwIfHelp, type CliIo } from './cli-args.ts';
import { loadLocale } from './pipeline/load.ts';
import { Problems } from '../content/problems.ts';
import { CONFIG_FILES } from '../content/site-config.ts';
import { addLocaleToConfig, addLocalizedValues } from './i18n/config-edit.ts';
import { buildWithBundles } from './i18n/pseudo-build.ts';
import { applySegments, segmentFile } from './i18n/markdown-segments.ts';
import { PSEUDO_LOCALES, pseudoText, type PseudoLocale } from './i18n/pseudo-locale.ts';
import { flattenBundle, readBundle, setBundleKey, writeBundle, type BundleData } from './i18n/ui-bundles.ts';
import { configOrExit, DEFAULT_I18N_DIR } from './i18n/workspace-cli.ts';

const USAGE = 'npm run i18n:pseudo -- --out DIR [--build] [--content DIR] [--i18n DIR] [--locales en-XA,ar-XB]';

/** `npm run i18n:pseudo`: pseudo-locales (en-XA, ar-XB) of the content and UI strings, optionally built into a site. */
export function run(argv: string[], io: CliIo): Promise<number> {
  return runCli(io, () => pseudo(argv, io));
}

function pseudo(argv: string[], io: CliIo): number {
  const { values } = parseCliArgs(argv, USAGE, {
    out: { type: 'string' },
    content: { type: 'string', default: 'content' },
    i18n: { type: 'string', default: DEFAULT_I18N_DIR },
    locales: { type: 'string', default: 'en-XA,ar-XB' },
    build: { type: 'boolean', default: false },
  });
  throwIfHelp(values, USAGE);
  if (!values.out) {
    io.stderr(`--out DIR is required\n\nusage: ${USAGE}\n`);
    return 2;
  }
  const locales = values.locales!.split(',').map((s) => s.trim());
  for (const l of locales)
    if (!(l in PSEUDO_LOCALES)) {
      io.stderr(`unknown pseudo-locale "${l}": use ${Object.keys(PSEUDO_LOCALES).join(', ')}\n\nusage: ${USAGE}\n`);
      return 2;
    }
  const config = configOrExit(values.content!);
  if (!config.locales.available.some((l) => l.code === 'en')) {
    io.stderr('pseudo-locales are generated from English, and the site config has no en locale\n');
    return 2;
  }

  const out = path.resolve(values.out);
  const contentOut = path.join(out, 'content');
  const i18nOut = path.join(out, 'i18n');
  // Only an earlier output of this command is replaced: never a folder that holds anything else.
  if (existsSync(out) && readdirSync(out).some((name) => !['content', 'i18n', 'dist', 'root'].includes(name))) {
    io.stderr(`${out} exists and is not an earlier i18n:pseudo output; choose an empty or new folder\n`);
    return 2;
  }
  rmSync(out, { recursive: true, force: true });
  // The content folder may hold code (schemas); only the content is copied.
  cpSync(values.content!, contentOut, { recursive: true, filter: (src) => !/\.tsx?$/.test(src) && path.basename(src) !== 'schema' });
  // Bundles only: the code beside them (bundles.ts, the runtime) stays in the repository.
  cpSync(values.i18n!, i18nOut, {
    recursive: true,
    filter: (src) => !src.endsWith('.ts') && path.relative(values.i18n!, src).split(path.sep)[0] !== 'runtime',
  });

  // Entries: every English entry, its text pseudo-translated, recorded as a translation of the same source.
  const english = loadLocale(values.content!, 'en', new Problems());
  for (const locale of locales as PseudoLocale[]) {
    for (const entry of english) {
      const file = segmentFile(readFileSync(entry.file, 'utf8'));
      const replacements = new Map(file.segments.map((s) => [s.key, pseudoText(locale, s.text, s.yaml ? 'plain' : 'markdown')]));
      let text = applySegments(file, replacements);
      if (!entry.meta.source) {
        const fmEnd = segmentFile(text).frontmatter.end;
        text = `${text.slice(0, fmEnd)}source: { locale: en, hash: "${entry.textHash}" }\n${text.slice(fmEnd)}`;
      }
      const dest = path.join(contentOut, locale, entry.relPath);
      mkdirSync(path.dirname(dest), { recursive: true });
      writeFileSync(dest, text);
    }
  }

  // Config: the locales (falling back to English), and a pseudo value beside every English text.
  const configName = CONFIG_FILES.find((name) => existsSync(path.join(contentOut, name)))!;
  const configFile = path.join(contentOut, configName);
  let configText = readFileSync(configFile, 'utf8');
  const format = configName.endsWith('.json') ? 'json' : 'yaml';
  for (const locale of locales as PseudoLocale[])
    configText = addLocaleToConfig(configText, format, { code: locale, name: PSEUDO_LOCALES[locale].name, dir: PSEUDO_LOCALES[locale].dir, fallback: ['en'] });
  if (format === 'yaml')
    configText = addLocalizedValues(configText, (en) => Object.fromEntries(locales.map((l) => [l, pseudoText(l as PseudoLocale, en, 'plain')])));
  writeFileSync(configFile, configText);

  // UI strings: every namespace English has, every string pseudo-translated (variables and tags kept).
  const enDir = path.join(values.i18n!, 'en');
  for (const locale of locales as PseudoLocale[]) {
    mkdirSync(path.join(i18nOut, locale), { recursive: true });
    for (const name of readdirSync(enDir).filter((n) => n.endsWith('.json'))) {
      const data: BundleData = {};
      for (const [key, text] of flattenBundle(readBundle(path.join(enDir, name)))) setBundleKey(data, key, pseudoText(locale, text, 'ui'));
      writeBundle(path.join(i18nOut, locale, name), data);
    }
  }
  const rel = (f: string) => path.relative(process.cwd(), f) || f;
  io.stderr(`wrote ${locales.join(' and ')} (${english.length} entries each) to ${rel(contentOut)}, UI strings to ${rel(i18nOut)}\n`);
  if (values.build) {
    const dist = path.join(out, 'dist');
    const built = buildWithBundles(contentOut, i18nOut, dist, out);
    if (!built.ok) {
      io.stderr(`the build of the pseudo-locales failed:\n${built.stderr}`);
      return 1;
    }
    io.stderr(`built the site into ${rel(dist)}: open /${locales[0]}/ (serve it with any static server)\n`);
  } else {
    io.stderr(`to build the site with these UI strings: npm run i18n:pseudo -- --out ${rel(out)} --build\n`);
  }
  return 0;
}

runAsScript(import.meta.url, run);
