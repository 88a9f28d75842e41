import type { FieldPositions } from '../../content/yaml-source.ts';

/**
 * A fast reader for the plain subset of YAML that frontmatter is almost always written in: top-level
 * `key: value` lines whose values are plain or simply quoted scalars, `[a, b]` lists, block lists of
 * scalars, or one level of `key:` / `  sub: value` maps. On anything else (comments, anchors, escapes,
 * multi-line scalars, tabs, numbers other than integers, duplicate keys…) it declines and the caller uses
 * the full YAML parser, so the result is always what `yaml` would give. It exists because the full parser
 * is most of the cost of loading a large content tree; positions match `YamlSource.fields()`.
 */
export function parsePlainYaml(text: string, lineOffset = 0): { data: Record<string, unknown>; fields: FieldPositions } | undefined {
  if (text.includes('\t') || text.includes('\r')) return undefined;
  const lines = text.split('\n');
  const data: Record<string, unknown> = {};
  const fields: Record<string, readonly [number, number]> = {};
  let open: { key: string; kind: 'none' | 'list' | 'map'; indent: number; items: unknown[]; map: Record<string, unknown> } | undefined;

  const close = (): boolean => {
    if (!open) return true;
    // `key:` with nothing under it is null in YAML; rare enough to leave to the full parser.
    if (open.kind === 'none') return false;
    data[open.key] = open.kind === 'list' ? open.items : open.map;
    open = undefined;
    return true;
  };

  for (let i = 0; i < lines.length; i++) {
    const line = lines[i]!;
    const lineNo = i + 1 + lineOffset;
    if (line.trim() === '') {
      if (i === lines.length - 1 || !open) continue;
      return undefined;
    }
    if (line.startsWith(' ')) {
      if (!open) return undefined;
      const item = /^( +)- (.*)$/.exec(line);
      if (item && open.kind !== 'map') {
        if (open.kind === 'none') {
          open.kind = 'list';
          open.indent = item[1]!.length;
          fields[open.key] = [lineNo, item[1]!.length + 1];
        }
        if (item[1]!.length !== open.indent) return undefined;
        const col = item[1]!.length + 3 + leading(item[2]!);
        const value = scalar(item[2]!);
        if (value === DECLINE) return undefined;
        fields[`${open.key}.${open.items.length}`] = [lineNo, col];
        open.items.push(value);
        continue;
      }
      const pair = /^( +)([A-Za-z_][A-Za-z0-9_-]*): (.*)$/.exec(line);
      if (pair && open.kind !== 'list') {
        if (open.kind === 'none') {
          open.kind = 'map';
          open.indent = pair[1]!.length;
          fields[open.key] = [lineNo, pair[1]!.length + 1];
        }
        if (pair[1]!.length !== open.indent) return undefined;
        const sub = pair[2]!;
        if (Object.hasOwn(open.map, sub)) return undefined;
        const raw = pair[3]!;
        const value = scalar(raw);
        if (value === DECLINE || typeof value === 'object') return undefined;
        fields[`${open.key}.${sub}`] = [lineNo, pair[1]!.length + sub.length + 3 + leading(raw)];
        open.map[sub] = value;
        continue;
      }
      return undefined;
    }
    if (!close()) return undefined;
    const pair = /^([A-Za-z_][A-Za-z0-9_-]*):(?: (.*))?$/.exec(line);
    if (!pair) return undefined;
    const key = pair[1]!;
    if (Object.hasOwn(data, key) || fields[key]) return undefined;
    if (fields[''] === undefined) fields[''] = [lineNo, 1];
    const raw = pair[2] ?? '';
    if (raw.trim() === '') {
      open = { key, kind: 'none', indent: 0, items: [], map: {} };
      continue;
    }
    const value = raw.startsWith('[')
      ? flowList(raw, key, lineNo, key.length + 3, fields)
      : raw.startsWith('{')
        ? flowMap(raw, key, lineNo, key.length + 3, fields)
        : scalar(raw);
    if (value === DECLINE) return undefined;
    fields[key] = [lineNo, key.length + 3 + leading(raw)];
    data[key] = value;
  }
  if (!close() || fields[''] === undefined) return undefined;
  return { data, fields };
}

const DECLINE = Symbol('decline');

function leading(raw: string): number {
  return raw.length - raw.trimStart().length;
}

/** `[a, b, "c"]` on one line: items and their positions, or DECLINE. */
function flowList(raw: string, key: string, lineNo: number, col: number, fields: Record<string, readonly [number, number]>): unknown[] | typeof DECLINE {
  const text = raw.trimEnd();
  if (!text.endsWith(']')) return DECLINE;
  const inner = text.slice(1, -1);
  if (/[[\]{}]/.test(inner)) return DECLINE;
  if (inner.trim() === '') return [];
  const items: unknown[] = [];
  let offset = 1;
  for (const part of inner.split(',')) {
    if (part.trim() === '') return DECLINE;
    const value = scalar(part, true);
    if (value === DECLINE || typeof value === 'object') return DECLINE;
    fields[`${key}.${items.length}`] = [lineNo, col + offset + leading(part)];
    items.push(value);
    offset += part.length + 1;
  }
  return items;
}

/** `{ a: x, b: y }` on one line: the map and its positions, or DECLINE. */
function flowMap(
  raw: string,
  key: string,
  lineNo: number,
  col: number,
  fields: Record<string, readonly [number, number]>,
): Record<string, unknown> | typeof DECLINE {
  const text = raw.trimEnd();
  if (!text.endsWith('}')) return DECLINE;
  const inner = text.slice(1, -1);
  if (/[[\]{}]/.test(inner)) return DECLINE;
  const map: Record<string, unknown> = {};
  if (inner.trim() === '') return map;
  let offset = 1;
  for (const part of inner.split(',')) {
    const pair = /^(\s*)([A-Za-z_][A-Za-z0-9_-]*): (.*)$/.exec(part);
    if (!pair || Object.hasOwn(map, pair[2]!)) return DECLINE;
    const value = scalar(pair[3]!, true);
    if (value === DECLINE || typeof value === 'object') return DECLINE;
    fields[`${key}.${pair[2]}`] = [lineNo, col + offset + pair[1]!.length + pair[2]!.length + 2 + leading(pair[3]!)];
    map[pair[2]!] = value;
    offset += part.length + 1;
  }
  return map;
}

const RESERVED_START = /^(?:[?:,[\]{}#&*!|>'"%@`]|-(?:\s|$))/;
const NULL = /^(?:~|null|Null|NULL)$/;
const BOOLEAN = /^(?:true|True|TRUE|false|False|FALSE)$/;
const INTEGER = /^[-+]?[0-9]+$/;
// Anything the core schema would read as a number other than a plain integer, or as infinity / NaN.
const OTHER_NUMBER =
  /^(?:[-+]?(?:\.[0-9]+|[0-9]+\.[0-9]*|[0-9]+(?:\.[0-9]*)?[eE][-+]?[0-9]+)|0o[0-7]+|0x[0-9a-fA-F]+|[-+]?\.(?:inf|Inf|INF)|\.(?:nan|NaN|NAN))$/;

/** One scalar as the YAML core schema reads it, or DECLINE when it is not in the plain subset. */
function scalar(raw: string, inFlow = false): unknown {
  const text = raw.trim();
  if (text === '') return DECLINE;
  const quote = text[0];
  if (quote === '"' || quote === "'") {
    if (text.length < 2 || text[text.length - 1] !== quote) return DECLINE;
    const inner = text.slice(1, -1);
    // In single quotes, '' is a quote; in double quotes only \" and \\ are read here, other escapes are
    // left to the full parser.
    if (quote === "'") return inner.replaceAll("''", '').includes("'") ? DECLINE : inner.replaceAll("''", "'");
    let out = '';
    for (let i = 0; i < inner.length; i++) {
      const c = inner[i]!;
      if (c === '"') return DECLINE;
      if (c !== '\\') {
        out += c;
        continue;
      }
      const next = inner[++i];
      if (next !== '"' && next !== '\\') return DECLINE;
      out += next;
    }
    return out;
  }
  if (RESERVED_START.test(text) || text.includes(': ') || text.endsWith(':') || text.includes(' #')) return DECLINE;
  if (inFlow && /[,[\]{}]/.test(text)) return DECLINE;
  if (NULL.test(text) || OTHER_NUMBER.test(text)) return DECLINE;
  if (BOOLEAN.test(text)) return text[0] === 't' || text[0] === 'T';
  if (INTEGER.test(text)) {
    const n = Number(text);
    return Number.isSafeInteger(n) && !/^[-+]?0[0-9]/.test(text) ? n : DECLINE;
  }
  return text;
}
