/** Command-line arguments of `npm run gen:corpus`. */
import { resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { LocaleCode } from '../../content/schema/locale.ts';
import type { CorpusOptions } from './corpus.ts';

/** The help text of `npm run gen:corpus`. */
export const USAGE = `Usage: npm run gen:corpus -- --entries N --locales ja,en --out DIR [--seed S] [--force]

  --entries N     entries per locale (a positive integer)
  --locales LIST  comma-separated locale codes; the first is the default (source) locale.
                  ja and en have their own text; other locales reuse English, marked "[<locale>] ".
  --out DIR       folder to write kotae.config.yaml and <locale>/<product>/<id>.md into; must be
                  empty or missing unless --force is given
  --seed S        any text (default "kotae"); the same seed gives the same corpus
  --force         delete DIR first if it is not empty
`;

/** A command-line mistake; its message is for the person who typed it. */
export class UsageError extends Error {}

const MAX_ENTRIES = 1_000_000;

/** What `npm run gen:corpus` was asked to do. */
export interface CorpusArgs extends CorpusOptions {
  /** Absolute path of the output folder. */
  out: string;
  force: boolean;
}

/**
 * Parses and checks the command line; throws UsageError with a message for people (an empty message for
 * `--help`).
 */
export function parseCorpusArgs(argv: readonly string[]): CorpusArgs {
  const parse = () =>
    parseArgs({
      args: [...argv],
      options: {
        entries: { type: 'string' },
        locales: { type: 'string' },
        out: { type: 'string' },
        seed: { type: 'string', default: 'kotae' },
        force: { type: 'boolean', default: false },
        help: { type: 'boolean', short: 'h', default: false },
      },
      strict: true,
      allowPositionals: false,
    });
  let values: ReturnType<typeof parse>['values'];
  try {
    ({ values } = parse());
  } catch (error) {
    throw new UsageError((error as Error).message);
  }
  if (values.help) throw new UsageError('');
  const missing = (['entries', 'locales', 'out'] as const).filter((key) => values[key] === undefined);
  if (missing.length > 0) throw new UsageError(`missing ${missing.map((m) => `--${m}`).join(', ')}`);

  const entriesText = values.entries!;
  const entries = Number(entriesText);
  if (!/^\d+$/.test(entriesText) || !Number.isSafeInteger(entries) || entries < 1 || entries > MAX_ENTRIES)
    throw new UsageError(`--entries must be a whole number from 1 to ${MAX_ENTRIES}, got "${entriesText}"`);

  const locales = values.locales!.split(',').map((l) => l.trim());
  for (const locale of locales) {
    if (!LocaleCode.safeParse(locale).success) throw new UsageError(`--locales: "${locale}" is not a language tag such as "ja", "en" or "pt-BR"`);
  }
  const duplicate = locales.find((l, i) => locales.indexOf(l) !== i);
  if (duplicate) throw new UsageError(`--locales lists "${duplicate}" twice`);

  if (values.seed.length === 0) throw new UsageError('--seed must not be empty');
  if (values.out!.trim() === '') throw new UsageError('--out must name a folder');
  return { entries, locales, seed: values.seed, out: resolve(values.out!), force: values.force };
}
