import { Parser } from 'htmlparser2';

/** A JSON-LD object as a page carries it. */
export type JsonLdData = Record<string, unknown>;

/** Every `<script type="application/ld+json">` of a page, parsed, in document order. */
export function jsonLdOf(html: string): JsonLdData[] {
  const blocks: string[] = [];
  let inside = false;
  new Parser({
    onopentag: (name, a) => (inside = name === 'script' && a.type === 'application/ld+json') && blocks.push(''),
    ontext: (text) => {
      if (inside) blocks[blocks.length - 1] += text;
    },
    onclosetag: () => (inside = false),
  }).end(html);
  return blocks.map((b) => JSON.parse(b) as JsonLdData);
}
