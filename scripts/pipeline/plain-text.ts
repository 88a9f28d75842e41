import type { Token, Tokens } from 'marked';

const ENTITIES: Record<string, string> = { amp: '&', lt: '<', gt: '>', quot: '"', apos: "'", nbsp: '\u00a0' };

/** Decodes the HTML entities that survive in Markdown text tokens (`&amp;`, `&#39;`, `&#x3042;`). */
export function decodeEntities(text: string): string {
  return text.replace(/&(#x[0-9a-f]+|#\d+|[a-z]+);/gi, (whole, name: string) => {
    if (name[0] === '#') {
      const code = name[1] === 'x' || name[1] === 'X' ? parseInt(name.slice(2), 16) : parseInt(name.slice(1), 10);
      return Number.isFinite(code) && code > 0 && code < 0x110000 ? String.fromCodePoint(code) : whole;
    }
    return ENTITIES[name.toLowerCase()] ?? whole;
  });
}

/** The reader-visible text of inline tokens: markup dropped, link text and image alt text kept. */
export function inlineText(tokens: readonly Token[] | undefined): string {
  if (!tokens) return '';
  let out = '';
  for (const t of tokens) {
    switch (t.type) {
      case 'text':
        out += 'tokens' in t && t.tokens ? inlineText(t.tokens) : decodeEntities(t.text);
        break;
      case 'escape':
      case 'codespan':
        out += decodeEntities(t.text);
        break;
      case 'image':
        out += (t as Tokens.Image).text;
        break;
      case 'br':
        out += '\n';
        break;
      case 'html':
      case 'checkbox':
        break;
      default:
        out += 'tokens' in t && t.tokens ? inlineText(t.tokens) : 'text' in t ? decodeEntities(String(t.text)) : '';
    }
  }
  return out;
}

/** The reader-visible text of a block token; blocks, list items and table rows end up on their own lines. */
export function blockText(t: Token): string {
  switch (t.type) {
    case 'paragraph':
    case 'text':
    case 'heading':
      return 'tokens' in t && t.tokens ? inlineText(t.tokens) : decodeEntities(t.text);
    case 'code':
      return t.text;
    case 'list':
      return (t as Tokens.List).items.map((item) => item.tokens.map(blockText).filter(Boolean).join('\n')).join('\n');
    case 'table': {
      const table = t as Tokens.Table;
      const row = (cells: Tokens.TableCell[]) => cells.map((c) => inlineText(c.tokens)).join(' \u2502 ');
      return [row(table.header), ...table.rows.map(row)].join('\n');
    }
    case 'blockquote':
      return (t as Tokens.Blockquote).tokens.map(blockText).filter(Boolean).join('\n');
    case 'html':
      return decodeEntities(t.text.replace(/<[^>]*>/g, ' '))
        .replace(/\s+/g, ' ')
        .trim();
    default:
      return '';
  }
}
