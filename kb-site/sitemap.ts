import type { LocalePlan } from './site-plan.ts';

const escapeXml = (s: string) => s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');

/**
 * hreflang alternates of the page at `suffix` (the path after `/<locale>/`): every locale that lists that
 * page, then `x-default` — the root language chooser for locale homes, else the default locale's page
 * when it has one. Empty when no locale lists the page.
 */
export function alternatesOf(
  plans: ReadonlyMap<string, LocalePlan>,
  defaultLocale: string,
  suffix: string,
  absolute: (url: string) => string,
): { locale: string; href: string }[] {
  const links: { locale: string; href: string }[] = [];
  for (const [locale, plan] of plans) if (plan.listed.has(suffix)) links.push({ locale, href: absolute(`/${locale}/${suffix}`) });
  if (!links.length) return [];
  if (suffix === '') links.push({ locale: 'x-default', href: absolute('/') });
  else if (plans.get(defaultLocale)?.listed.has(suffix)) links.push({ locale: 'x-default', href: absolute(`/${defaultLocale}/${suffix}`) });
  return links;
}

/**
 * `sitemap.xml`: the root and every listed page of every locale (homes, products, categories, FAQ lists,
 * translated entries — never a fallback page), each with its hreflang alternates and `x-default`, and the
 * entry's `lastmod`. URLs in a stable order, so the file is byte-identical across builds.
 */
export function sitemapXml(
  plans: ReadonlyMap<string, LocalePlan>,
  defaultLocale: string,
  absolute: (url: string) => string,
  lastmod: (locale: string, suffix: string) => string | undefined,
): string {
  const out: string[] = [
    '<?xml version="1.0" encoding="UTF-8"?>',
    '<urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9" xmlns:xhtml="http://www.w3.org/1999/xhtml">',
  ];
  const rootAlternates = [...plans.keys()].map((locale) => ({ locale, href: absolute(`/${locale}/`) }));
  out.push(urlXml(absolute('/'), [...rootAlternates, { locale: 'x-default', href: absolute('/') }], undefined));
  for (const [locale, plan] of plans) {
    for (const suffix of plan.listed)
      out.push(urlXml(absolute(`/${locale}/${suffix}`), alternatesOf(plans, defaultLocale, suffix, absolute), lastmod(locale, suffix)));
  }
  out.push('</urlset>', '');
  return out.join('\n');
}

function urlXml(loc: string, alternates: readonly { locale: string; href: string }[], lastmod: string | undefined): string {
  const lines = [`<url><loc>${escapeXml(loc)}</loc>`];
  if (lastmod) lines.push(`<lastmod>${escapeXml(lastmod)}</lastmod>`);
  for (const a of alternates) lines.push(`<xhtml:link rel="alternate" hreflang="${escapeXml(a.locale)}" href="${escapeXml(a.href)}"/>`);
  return `${lines.join('')}</url>`;
}

/**
 * `robots.txt`: everything may be crawled, and where the sitemap is. Search pages stay crawlable (a crawler
 * blocked from a page cannot see its canonical link); they canonicalize to the query-less search page and
 * are not in the sitemap.
 */
export function robotsTxt(absolute: (url: string) => string): string {
  return ['User-agent: *', 'Allow: /', '', `Sitemap: ${absolute('/sitemap.xml')}`, ''].join('\n');
}
