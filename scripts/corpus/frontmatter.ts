import type { EntryType } from '../../content/schema/entry.ts';

/**
 * Writes entry frontmatter as a writer would: plain YAML scalars where they are unambiguous, double quotes
 * only where YAML needs them. Hand-written rather than through a YAML library because the corpus writes
 * tens of thousands of them.
 */

/** Frontmatter fields in the order a writer lists them; empty lists and defaults are left out. */
export interface FrontmatterFields {
  id: string;
  type: EntryType;
  title: string;
  summary?: string | undefined;
  product?: string | undefined;
  resources: readonly string[];
  category: string;
  tags: readonly string[];
  aliases: readonly string[];
  related: readonly string[];
  updated: string;
  reviewed?: string | undefined;
  draft: boolean;
  order?: number | undefined;
  source?: { locale: string; hash: string } | undefined;
}

// A plain scalar must not start with a YAML indicator, contain ": " or " #", look like another type
// (number, bool, null, date-like digits), or carry surrounding spaces.
const INDICATOR = /^[-?:,[\]{}#&*!|>'"%@`\s]/;
const AMBIGUOUS = /^(?:[-+.]?\d|true$|false$|null$|yes$|no$|on$|off$|~$)/i;

/** `text` as a YAML scalar: plain when safe, otherwise JSON-quoted (every JSON string is valid YAML). */
export function yamlScalar(text: string): string {
  const plain = text.length > 0 && !INDICATOR.test(text) && !AMBIGUOUS.test(text) && !/[\n\t"\\]|: |:$| #|\s$/.test(text);
  return plain ? text : JSON.stringify(text);
}

/** Ids are plain-safe by construction, so a flow list reads naturally: `related: [a, b]`. */
function flowList(ids: readonly string[]): string {
  return `[${ids.map(yamlScalar).join(', ')}]`;
}

function blockList(key: string, items: readonly string[]): string {
  return `${key}:\n${items.map((item) => `  - ${yamlScalar(item)}\n`).join('')}`;
}

/** The YAML between the `---` lines, ending in a newline. */
export function frontmatterYaml(f: FrontmatterFields): string {
  let out = `id: ${f.id}\ntype: ${f.type}\ntitle: ${yamlScalar(f.title)}\n`;
  if (f.summary !== undefined) out += `summary: ${yamlScalar(f.summary)}\n`;
  if (f.product !== undefined) out += `product: ${f.product}\n`;
  if (f.resources.length > 0) out += `resources: ${flowList(f.resources)}\n`;
  out += `category: ${f.category}\n`;
  if (f.tags.length > 0) out += blockList('tags', f.tags);
  if (f.aliases.length > 0) out += blockList('aliases', f.aliases);
  if (f.related.length > 0) out += `related: ${flowList(f.related)}\n`;
  out += `updated: ${f.updated}\n`;
  if (f.reviewed !== undefined) out += `reviewed: ${f.reviewed}\n`;
  if (f.draft) out += 'draft: true\n';
  if (f.order !== undefined) out += `order: ${f.order}\n`;
  if (f.source !== undefined) out += `source:\n  locale: ${yamlScalar(f.source.locale)}\n  hash: "${f.source.hash}"\n`;
  return out;
}
