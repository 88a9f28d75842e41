import type { YAMLError } from 'yaml';

/** A YAML syntax error as a writer should read it: where the mistake is written, what it is, and its fix. */
export interface YamlMistake {
  /** 0-based offset in the YAML text. */
  offset: number;
  message: string;
  fix: string;
}

/**
 * Explains a syntax error of the `yaml` parser by its code. The parser reports where it noticed the
 * mistake, which for an unclosed `[`, `{` or quote is the next line (or the end of the text): those are
 * traced back to where they were opened.
 */
export function explainYamlError(text: string, error: YAMLError, lineOf: (offset: number) => number): YamlMistake {
  const at = error.pos[0];
  const first = error.message.split('\n')[0] ?? error.message;
  const lineText = (offset: number) => text.slice(text.lastIndexOf('\n', offset - 1) + 1, nextBreak(text, offset));
  const opener = unclosedBefore(text, at);
  if (opener && (/^Flow (sequence|map)/.test(first) || /Missing closing/.test(first) || error.code === 'MISSING_CHAR')) {
    const line = lineOf(opener.offset);
    const close = { '[': ']', '{': '}', '"': '"', "'": "'" }[opener.char];
    const inside = opener.char === '"' ? ' (write \\" for a quote inside it)' : opener.char === "'" ? " (write '' for an apostrophe inside it)" : '';
    return {
      offset: opener.offset,
      message: `the ${opener.char} opened on line ${line} is not closed`,
      fix: `close the ${opener.char} opened on line ${line} with ${close} on the same line${inside}`,
    };
  }
  switch (error.code) {
    case 'BLOCK_AS_IMPLICIT_KEY': {
      const line = lineText(at);
      const start = text.lastIndexOf('\n', at - 1) + 1;
      const rest = line.slice(at - start);
      if (/:(\s|$)/.test(rest)) {
        const key = /^\s*([^:]+):/.exec(line)?.[1]?.trim() ?? 'key';
        const value = line.slice(line.indexOf(':') + 1).trim();
        return {
          offset: at,
          message: 'a ":" followed by a space inside a value without quotes',
          fix: `put the value in quotes: ${key}: "${value.replace(/"/g, '\\"')}"`,
        };
      }
      // The next line is indented under a field that already has its value on its own line.
      const next = nextBreak(text, at) + 1;
      return {
        offset: next < text.length ? next : at,
        message: 'this line is indented under a field that already has a value',
        fix: 'start the line where the other fields start, or quote a value that goes on over several lines',
      };
    }
    case 'TAB_AS_INDENT':
      return { offset: at, message: 'a tab is used for indentation', fix: 'indent with spaces, not tabs' };
    case 'DUPLICATE_KEY': {
      const key = /^\s*([^:]+):/.exec(lineText(at))?.[1]?.trim();
      return { offset: at, message: `the field ${key ? `"${key}" ` : ''}is written twice`, fix: 'keep one of the two lines' };
    }
    case 'UNEXPECTED_TOKEN':
      if (/^Unexpected scalar at node end/.test(first) && /:\s*['"]/.test(lineText(at)))
        return {
          offset: at,
          message: 'text goes on after the closing quote',
          fix: `put the whole value inside the quotes (inside '…' write '' for an apostrophe, or use "…")`,
        };
      return { offset: at, message: first, fix: 'fix the YAML syntax at this position' };
    case 'MULTILINE_IMPLICIT_KEY':
      return { offset: at, message: 'a field name must be followed by ":" on the same line', fix: 'write each field as `name: value` on one line' };
    default:
      return { offset: at, message: first, fix: 'fix the YAML syntax at this position' };
  }
}

function nextBreak(text: string, offset: number): number {
  const end = text.indexOf('\n', offset);
  return end < 0 ? text.length : end;
}

/**
 * The last `[`, `{` or quote still open at `end`: scans the text as YAML reads it (quotes open only where a
 * value starts, `#` after a space starts a comment outside quotes).
 */
function unclosedBefore(text: string, end: number): { char: '[' | '{' | '"' | "'"; offset: number } | undefined {
  const open: { char: '[' | '{'; offset: number }[] = [];
  let quote: { char: '"' | "'"; offset: number } | undefined;
  for (let i = 0; i < end && i < text.length; i++) {
    const c = text[i]!;
    if (quote) {
      if (quote.char === '"' && c === '\\') i++;
      else if (quote.char === "'" && c === "'" && text[i + 1] === "'") i++;
      else if (c === quote.char) quote = undefined;
      continue;
    }
    if (c === '#' && (i === 0 || /\s/.test(text[i - 1]!))) {
      i = nextBreak(text, i) - 1;
      continue;
    }
    if ((c === '"' || c === "'") && /(^|[:[{,\-\n])\s*$/.test(text.slice(Math.max(0, i - 40), i))) quote = { char: c, offset: i };
    else if (c === '[' || c === '{') open.push({ char: c, offset: i });
    else if ((c === ']' || c === '}') && open.length) open.pop();
  }
  return quote ?? open.at(-1);
}
