import { stringify } from 'yaml';
import type { SourceGroup, SourceSite } from './model.ts';

/**
 * The site config of a new content tree made by an import: its locales, and the products and categories its
 * entries use, named as the export names them. What no export knows (support plans, severities, business
 * hours, contact methods, the intake) gets placeholders that pass `npm run check`, marked to be replaced.
 */
export function siteConfigYaml(
  site: SourceSite,
  locales: readonly string[],
  products: ReadonlyMap<string, SourceGroup | undefined>,
  categories: ReadonlyMap<string, SourceGroup | undefined>,
  today: string,
): string {
  const names = (group: SourceGroup | undefined, id: string) => (group && Object.keys(group.names).length ? { ...group.names } : id);
  const byOrder = <T>(groups: ReadonlyMap<string, SourceGroup | undefined>, make: (id: string, g: SourceGroup | undefined) => T) =>
    [...groups].sort((a, b) => (a[1]?.order ?? 0) - (b[1]?.order ?? 0) || (a[0] < b[0] ? -1 : 1)).map(([id, g]) => make(id, g));
  const config = {
    site: { name: `Help center (imported from ${site.system})` },
    locales: {
      default: site.defaultLocale,
      available: locales.map((code) => ({ code, name: code, ...(code !== site.defaultLocale && { fallback: [site.defaultLocale] }) })),
    },
    categories: byOrder(categories, (id, g) => ({
      id,
      name: names(g, id),
      ...(g?.descriptions && Object.keys(g.descriptions).length && { description: g.descriptions }),
    })),
    products: (products.size ? byOrder(products, (id, g) => ({ id, name: names(g, id) })) : [{ id: 'help', name: 'Help' }]).map((p) => ({
      ...p,
      problemTypes: [{ id: 'question', name: { [site.defaultLocale]: site.defaultLocale === 'ja' ? '質問' : 'Question' } }],
    })),
    plans: [{ id: 'standard', name: 'Standard' }],
    severities: [
      {
        id: 'normal',
        name: 'Normal',
        definition: 'Replace with your own severities',
        firstResponse: [{ plan: 'standard', minutes: 480, clock: 'business-hours' }],
      },
    ],
    businessHours: {
      timeZone: 'UTC',
      weekly: { mon: [['09:00', '17:00']], tue: [['09:00', '17:00']], wed: [['09:00', '17:00']], thu: [['09:00', '17:00']], fri: [['09:00', '17:00']] },
    },
    contactMethods: [{ id: 'email', name: 'Email' }],
    attachments: { allowedTypes: ['image/png', 'image/jpeg'] },
    intake: { url: 'http://localhost:4401' },
  };
  return `# Written by \`npm run import\` (${site.system}, ${today}). Locales, products and categories come from the export;
# plans, severities, business hours, contact methods and the intake are placeholders: replace them before going live.
${stringify(config, { lineWidth: 0 })}`;
}
