/**
 * Fills `{{name}}` placeholders (i18next JSON v4 syntax) in a UI string. A placeholder with no value is left
 * as written, so a missing value is visible rather than silently blank.
 * @example interpolate('Last updated: {{date}}', { date: 'May 1, 2026' }) // 'Last updated: May 1, 2026'
 */
export function interpolate(template: string, values: Readonly<Record<string, string>> = {}): string {
  return interpolateParts(template, values).join('');
}

/**
 * Like `interpolate`, but values may be any node (e.g. a `<time>` element) and the result is the list of
 * text and value parts in order, ready to be children of an element.
 */
export function interpolateParts<T>(template: string, values: Readonly<Record<string, T | string>>): (T | string)[] {
  const parts: (T | string)[] = [];
  let last = 0;
  for (const match of template.matchAll(/\{\{\s*([\w.-]+)\s*\}\}/g)) {
    const name = match[1] ?? '';
    if (!Object.hasOwn(values, name)) continue;
    if (match.index > last) parts.push(template.slice(last, match.index));
    parts.push(values[name] as T | string);
    last = match.index + match[0].length;
  }
  if (last < template.length) parts.push(template.slice(last));
  return parts;
}
