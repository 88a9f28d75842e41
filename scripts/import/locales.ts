/** Vendor locale code → Kotae locale code, from the mapping file (`locales:`). */
export type LocaleMap = Readonly<Record<string, string>>;

/**
 * The Kotae locale of a vendor's locale code: as the mapping file says, else its language alone (`en-us` →
 * `en`, `ja-JP` → `ja`), since help centers rarely keep two regions of one language apart. A site that does
 * maps them itself (`pt-br: pt-BR`).
 */
export function localeOf(code: string | undefined, map: LocaleMap): string {
  const raw = code ?? '';
  const mapped = map[raw] ?? map[raw.toLowerCase()];
  if (mapped) return mapped;
  return raw.toLowerCase().split(/[-_]/)[0] || 'en';
}
