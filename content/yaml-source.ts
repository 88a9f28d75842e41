import { explainYamlError } from './yaml-errors.ts';
import { isMap, isSeq, LineCounter, parseDocument, type Document, type Node } from 'yaml';

/** A parsed YAML text that can say where (line, column) any key path is written. */
export interface YamlSource {
  data: unknown;
  /** Syntax errors, positioned where the mistake is written, with a fix that fits the kind of mistake. */
  errors: { line: number; col: number; message: string; fix: string }[];
  /** Position of `path` (the value if present, else the nearest written ancestor), 1-based. */
  locate(path: readonly (string | number)[], at?: 'key' | 'value'): { line: number; col: number };
  /** The positions `locate` gives for every path up to two levels deep, as plain data (see `FieldPositions`). */
  fields(): FieldPositions;
}

/**
 * Where each field of a small YAML document is written, keyed by path (`id`, `source.hash`, `related.2`,
 * and `` for the document itself): the value's position, or the key's when the value is empty. Plain data,
 * so it can cross to a worker thread and outlive the parsed document, which is far larger.
 */
export type FieldPositions = Record<string, readonly [line: number, col: number]>;

/** Position of `path` in `fields`: the deepest written ancestor, like `YamlSource.locate`. */
export function locateField(fields: FieldPositions, path: readonly (string | number)[]): { line: number; col: number } {
  for (let depth = path.length; depth >= 0; depth--) {
    const hit = fields[path.slice(0, depth).join('.')];
    if (hit) return { line: hit[0], col: hit[1] };
  }
  return { line: 1, col: 1 };
}

/**
 * Parses YAML keeping node positions, so schema errors can point at the exact key.
 * `lineOffset` is added to every line (frontmatter starts on line 2 of its file).
 */
export function parseYamlSource(text: string, lineOffset = 0): YamlSource {
  const lines = new LineCounter();
  const doc: Document = parseDocument(text, { lineCounter: lines, prettyErrors: false, uniqueKeys: true });
  const pos = (offset: number) => {
    const p = lines.linePos(offset);
    return { line: p.line + lineOffset, col: p.col };
  };
  // The parser's later errors mostly follow from its first one (an unclosed [ makes the rest unreadable).
  const errors = doc.errors.slice(0, 1).map((e) => {
    const mistake = explainYamlError(text, e, (offset) => pos(offset).line);
    return { ...pos(mistake.offset), message: mistake.message, fix: mistake.fix };
  });
  return {
    data: errors.length ? undefined : doc.toJS(),
    errors,
    locate(path, at = 'value') {
      let node: unknown = doc.contents;
      let best = { line: 1 + lineOffset, col: 1 };
      if (node && (node as Node).range) best = pos((node as Node).range![0]);
      for (const step of path) {
        if (isMap(node)) {
          const pair = node.items.find((item) => (item.key as { value?: unknown } | null)?.value === step);
          if (!pair) return best;
          const keyNode = pair.key as Node | null;
          if (keyNode?.range) best = pos(keyNode.range[0]);
          node = pair.value;
          if (at === 'value' && node && (node as Node).range && step === path[path.length - 1]) {
            best = pos((node as Node).range![0]);
          }
        } else if (isSeq(node) && typeof step === 'number') {
          const item = node.items[step] as Node | undefined;
          if (!item?.range) return best;
          best = pos(item.range[0]);
          node = item;
        } else {
          return best;
        }
      }
      return best;
    },
    fields() {
      const found: Record<string, readonly [number, number]> = {};
      const put = (path: (string | number)[]) => {
        const p = this.locate(path);
        found[path.join('.')] = [p.line, p.col];
      };
      put([]);
      const root = doc.contents;
      if (!isMap(root)) return found;
      for (const pair of root.items) {
        const key = (pair.key as { value?: unknown } | null)?.value;
        if (typeof key !== 'string') continue;
        put([key]);
        const value = pair.value;
        if (isMap(value))
          for (const inner of value.items) {
            const sub = (inner.key as { value?: unknown } | null)?.value;
            if (typeof sub === 'string') put([key, sub]);
          }
        else if (isSeq(value)) value.items.forEach((_, i) => put([key, i]));
      }
      return found;
    },
  };
}
