import { existsSync, mkdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { parse as parseYaml } from 'yaml';
import { CliExit, parseCliArgs, runAsScript, runCli, throwIfHelp, type CliIo } from './cli-args.ts';
import { toolLocale, toolStrings } from './i18n/tool-strings.ts';
import { readIntercom } from './import/intercom.ts';
import { readMarkdownSite, type MarkdownFlavor } from './import/markdown-site.ts';
import type { SourceSite } from './import/model.ts';
import { reportJson, reportText } from './import/report.ts';
import { writeContentTree, type ImportMapping } from './import/write-tree.ts';
import { readZendesk } from './import/zendesk.ts';

const USAGE =
  'npm run import -- zendesk|intercom|markdown DIR [--from vitepress|docusaurus|starlight] [--out DIR] [--update] [--map FILE] [--default-locale xx] [--report FILE] [--today YYYY-MM-DD]';

/**
 * `npm run import`: an existing help center (a Zendesk Guide or Intercom Articles API export, or a VitePress,
 * Docusaurus or Starlight docs folder) → a Kotae content tree, with a report of what was left behind.
 */
export function run(argv: string[], io: CliIo): Promise<number> {
  return runCli(io, () => importSite(argv, io));
}

function importSite(argv: string[], io: CliIo): number {
  const { values, positionals } = parseCliArgs(
    argv,
    USAGE,
    {
      from: { type: 'string' },
      out: { type: 'string' },
      update: { type: 'boolean', default: false },
      map: { type: 'string' },
      'default-locale': { type: 'string', default: 'en' },
      report: { type: 'string' },
      today: { type: 'string', default: new Date().toISOString().slice(0, 10) },
    },
    true,
  );
  throwIfHelp(values, USAGE);
  const [kind, dir] = positionals;
  if (positionals.length !== 2 || !['zendesk', 'intercom', 'markdown'].includes(kind!)) throw new CliExit(2, `usage: ${USAGE}\n`);
  if (!existsSync(dir!) || !statSync(dir!).isDirectory()) throw new CliExit(2, `not a folder: ${dir}\n`);
  if (values.from && !['vitepress', 'docusaurus', 'starlight'].includes(values.from))
    throw new CliExit(2, `--from is vitepress, docusaurus or starlight\n\nusage: ${USAGE}\n`);
  const mapping = readMapping(values.map);
  const today = values.today!;
  const source = path.resolve(dir!);
  let site: SourceSite;
  if (kind === 'zendesk') site = readZendesk(source, mapping.locales, today);
  else if (kind === 'intercom') site = readIntercom(source, mapping.locales, today);
  else site = readMarkdownSite(source, values.from as MarkdownFlavor | undefined, mapping.locales, values['default-locale']!, today);

  // A new folder by default, so a first import never lands in someone's content by accident.
  const out = path.resolve(values.out ?? `${site.system}-import`);
  mkdirSync(out, { recursive: true });
  const report = writeContentTree(site, { out, update: values.update!, today, mapping });
  const t = toolStrings(toolLocale(io.env));
  for (const d of report.dropped) d.why = t(`importSite.why.${d.reason}`);
  const reportFile = path.resolve(values.report ?? path.join(out, '..', `${path.basename(out)}.import-report.json`));
  writeFileSync(reportFile, reportJson(report));
  io.stdout(
    `${reportText(report, t)}${t('importSite.json', { file: path.relative(process.cwd(), reportFile) })}\n${t('importSite.next', { out: path.relative(process.cwd(), out) || '.' })}\n`,
  );
  return 0;
}

function readMapping(file: string | undefined): ImportMapping {
  const empty: ImportMapping = { locales: {}, products: {}, categories: {} };
  if (!file) return empty;
  const data = (parseYaml(readFileSync(file, 'utf8')) ?? {}) as Partial<ImportMapping>;
  const record = (v: unknown) => Object.fromEntries(Object.entries((v ?? {}) as Record<string, unknown>).map(([k, x]) => [k, String(x)]));
  return {
    locales: record(data.locales),
    products: record(data.products),
    categories: record(data.categories),
    ...(typeof data.product === 'string' && { product: data.product }),
  };
}

runAsScript(import.meta.url, run);
