import { existsSync, statSync } from 'node:fs';
import path from 'node:path';

/**
 * A day `YYYY-MM-DD` from a vendor's time (ISO 8601 text, or Unix seconds as Intercom gives them); `today` when
 * the export has none.
 */
export function isoDay(value: string | number | null | undefined, today: string): string {
  if (value === undefined || value === null || value === '') return today;
  const date = typeof value === 'number' ? new Date(value * 1000) : new Date(value);
  return Number.isNaN(date.getTime()) ? today : date.toISOString().slice(0, 10);
}

/**
 * The article id in a help center link (`…/articles/360001234-Reset-password#x` → `360001234`), when the link
 * is relative or on one of the help center's own hosts. `external` tells a full URL (which can be kept as
 * it is when the article was not exported) from a relative one (which cannot).
 */
export function articleIdInUrl(href: string, hosts: ReadonlySet<string>): { id: string; external: boolean } | undefined {
  let url: URL;
  try {
    url = new URL(href, 'relative:/');
  } catch {
    return undefined;
  }
  const absolute = url.protocol !== 'relative:';
  if (absolute && !hosts.has(url.host)) return undefined;
  const id = /\/articles\/(\d+)(?:[-/]|$)/.exec(url.pathname)?.[1];
  return id ? { id, external: absolute } : undefined;
}

/**
 * A copy of `src` saved beside the export: under `files/` by host and path as `wget -x` saves them
 * (`files/downloads.example.com/i/o/1/a.png`), by path for a relative URL, or by file name alone.
 * Nothing outside the export folder is ever read.
 */
export function localCopy(dir: string, src: string): string | undefined {
  let url: URL;
  try {
    url = new URL(src, 'relative:/');
  } catch {
    return undefined;
  }
  let pathname: string;
  try {
    pathname = decodeURIComponent(url.pathname);
  } catch {
    return undefined;
  }
  const absolute = url.protocol !== 'relative:';
  const candidates = [
    absolute ? path.join(dir, 'files', url.host, pathname) : path.join(dir, 'files', pathname),
    path.join(dir, 'files', path.posix.basename(pathname)),
  ];
  const root = path.resolve(dir);
  return candidates.find((file) => path.resolve(file).startsWith(root + path.sep) && existsSync(file) && statSync(file).isFile());
}
