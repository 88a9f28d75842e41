import path from 'node:path';
import type { ToolT } from '../i18n/tool-strings.ts';
import type { ImportReport } from './write-tree.ts';

/** The import report as JSON (every field of `ImportReport`), for tools and for keeping beside the content. */
export function reportJson(report: ImportReport): string {
  return `${JSON.stringify(report, null, 2)}\n`;
}

/** The import report for a person: entries per locale, images, the site config, then each thing left behind. */
export function reportText(report: ImportReport, t: ToolT, cwd = process.cwd()): string {
  const rel = (p: string) => path.relative(cwd, p) || '.';
  const lines = [t('importSite.heading', { system: report.system, source: rel(report.source), out: rel(report.out) })];
  for (const [locale, counts] of Object.entries(report.entries).sort((a, b) =>
    a[0] === report.defaultLocale ? -1 : b[0] === report.defaultLocale ? 1 : a[0] < b[0] ? -1 : 1,
  ))
    lines.push(t('importSite.locale', { locale, ...counts }));
  lines.push(t('importSite.assets', { count: report.assets.length }));
  if (report.config.status === 'written') lines.push(t('importSite.configWritten'));
  else if (report.config.missingProducts.length || report.config.missingCategories.length)
    lines.push(
      t('importSite.configMissing', {
        products: report.config.missingProducts.join(', ') || '-',
        categories: report.config.missingCategories.join(', ') || '-',
      }),
    );
  if (report.dropped.length) {
    lines.push(t('importSite.dropped', { count: report.dropped.length }));
    for (const d of report.dropped) lines.push(t('importSite.droppedLine', { ...d }));
  } else lines.push(t('importSite.nothingDropped'));
  return `${lines.join('\n')}\n`;
}
