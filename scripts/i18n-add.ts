import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { LocaleCode } from '../content/schema/index.ts';
import { CliExit, parseCliArgs, runAsScript, runCli, throwIfHelp, type CliIo } from './cli-args.ts';
import { CONFIG_FILES } from '../content/site-config.ts';
import { addLocaleToConfig, ConfigEditError } from './i18n/config-edit.ts';
import {
  flattenBundle,
  pluralCategories,
  pluralForm,
  readBundle,
  referenceLocaleOf,
  setBundleKey,
  uiNamespaces,
  writeBundle,
  type BundleData,
} from './i18n/ui-bundles.ts';
import { toolLocale, toolStrings } from './i18n/tool-strings.ts';
import { configOrExit, DEFAULT_I18N_DIR } from './i18n/workspace-cli.ts';

const USAGE = 'npm run i18n:add -- <locale> [--name NAME] [--dir ltr|rtl] [--fallback xx[,yy]] [--content DIR] [--i18n DIR]';

/** `npm run i18n:add`: adds a locale to the site config and empty UI bundles for it. */
export function run(argv: string[], io: CliIo): Promise<number> {
  return runCli(io, () => add(argv, io));
}

function add(argv: string[], io: CliIo): number {
  const { values, positionals } = parseCliArgs(
    argv,
    USAGE,
    {
      content: { type: 'string', default: 'content' },
      i18n: { type: 'string', default: DEFAULT_I18N_DIR },
      name: { type: 'string' },
      dir: { type: 'string' },
      fallback: { type: 'string' },
    },
    true,
  );
  throwIfHelp(values, USAGE);
  const fail = (message: string, code = 2): never => {
    throw new CliExit(code, `${message}\n${code === 2 ? `\nusage: ${USAGE}\n` : ''}`);
  };
  if (positionals.length !== 1) fail('give the code of the locale to add, e.g. `npm run i18n:add -- fr`');
  const code = positionals[0]!;
  if (!LocaleCode.safeParse(code).success)
    fail(`"${code}" is not a language tag Kotae accepts: a language such as "fr", optionally with a script or region ("pt-BR", "zh-Hant")`);
  if (values.dir && values.dir !== 'ltr' && values.dir !== 'rtl') fail('--dir must be ltr or rtl');

  const config = configOrExit(values.content!);
  const known = config.locales.available.map((l) => l.code);
  if (known.includes(code)) fail(`${code} is already in the site config (${known.join(', ')})`, 1);
  const fallback = values.fallback ? values.fallback.split(',').map((s) => s.trim()) : known.includes('en') ? ['en'] : [];
  for (const f of fallback) if (!known.includes(f)) fail(`fallback "${f}" is not in the site config (${known.join(', ')})`);
  const name = values.name ?? (new Intl.DisplayNames([code], { type: 'language' }).of(code) || code);
  const RTL = new Set(['ar', 'he', 'fa', 'ur', 'ps', 'sd', 'ug', 'yi', 'dv', 'ckb']);
  const dir = (values.dir as 'ltr' | 'rtl' | undefined) ?? (RTL.has(code.split('-')[0]!) ? 'rtl' : 'ltr');

  // 1. The config entry, written into the file as it is (comments and formatting kept).
  const configName = CONFIG_FILES.find((n) => existsSync(path.join(values.content!, n)))!;
  const configFile = path.join(values.content!, configName);
  try {
    writeFileSync(
      configFile,
      addLocaleToConfig(readFileSync(configFile, 'utf8'), configName.endsWith('.json') ? 'json' : 'yaml', { code, name, dir, fallback }),
    );
  } catch (error) {
    if (error instanceof ConfigEditError) fail(`${configFile}: ${error.message}`, 1);
    throw error;
  }

  // 2. UI strings: every key of the reference bundles, empty (= not translated yet), plural keys per the locale's CLDR categories.
  const i18nDir = values.i18n!;
  const categories = pluralCategories(code);
  const written: string[] = [];
  for (const namespace of uiNamespaces(i18nDir, config.locales.default)) {
    const file = path.join(i18nDir, code, `${namespace}.json`);
    if (existsSync(file)) continue;
    const reference = flattenBundle(readBundle(path.join(i18nDir, referenceLocaleOf(i18nDir, config.locales.default, namespace), `${namespace}.json`)));
    const data: BundleData = {};
    const plurals = new Set<string>();
    for (const key of reference.keys()) {
      const form = pluralForm(key, reference);
      if (!form) setBundleKey(data, key, '');
      else if (!plurals.has(form.base)) {
        plurals.add(form.base);
        for (const c of categories) setBundleKey(data, `${form.base}_${c}`, '');
      }
    }
    mkdirSync(path.dirname(file), { recursive: true });
    writeBundle(file, data);
    written.push(file);
  }

  const rel = (f: string) => path.relative(process.cwd(), f) || f;
  const t = toolStrings(toolLocale(io.env));
  const commands: [string, string][] = [
    [`npm run i18n:status -- --locale ${code}`, t('add.stepStatus')],
    [`npm run i18n:export -- --locale ${code} --format xliff2 --out ${code}.xlf`, t('add.stepExport')],
    [`npm run i18n:import -- ${code}.xlf`, t('add.stepImport')],
    [`npm run i18n:qa -- --locale ${code}`, t('add.stepQa')],
  ];
  const width = Math.max(...commands.map(([c]) => c.length));
  io.stdout(
    [
      t(fallback.length ? 'add.added' : 'add.addedNoFallback', { code, name, dir, fallback: fallback.join(', '), file: rel(configFile) }),
      ...written.map((f) => t('add.created', { file: rel(f) })),
      '',
      t('add.next'),
      ...commands.map(([c, what]) => `  ${c.padEnd(width)}  ${what}`),
      '',
    ].join('\n'),
  );
  return 0;
}

runAsScript(import.meta.url, run);
