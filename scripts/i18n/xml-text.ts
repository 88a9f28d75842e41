import { parseDocument } from 'htmlparser2';
import type { ChildNode, Element } from 'domhandler';
import { ExchangeFormatError } from './exchange-format.ts';
import type { Part } from './inline-codes.ts';

/** Escapes text for XML element content. */
export function xmlText(s: string): string {
  return s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');
}

/** Escapes text for a double-quoted XML attribute (line breaks kept as character references). */
export function xmlAttr(s: string): string {
  return xmlText(s).replace(/"/g, '&quot;').replace(/\n/g, '&#10;').replace(/\t/g, '&#9;').replace(/\r/g, '&#13;');
}

/** Parses XML into a DOM (entities decoded, case kept), or throws with a readable message. */
export function parseXml(text: string): ChildNode[] {
  return parseDocument(text, { xmlMode: true, decodeEntities: true }).children;
}

/** Child elements of a node, optionally only those named `name` (namespace prefix ignored). */
export function elements(node: { children?: ChildNode[] } | ChildNode[], name?: string): Element[] {
  const list = Array.isArray(node) ? node : (node.children ?? []);
  return list.filter((c): c is Element => c.type === 'tag' && (!name || localName(c.name) === name));
}

/** The first descendant element named `name`, depth first. */
export function find(node: { children?: ChildNode[] } | ChildNode[], name: string): Element | undefined {
  for (const el of elements(node)) {
    if (localName(el.name) === name) return el;
    const deeper = find(el, name);
    if (deeper) return deeper;
  }
  return undefined;
}

/** The element's text content. */
export function textOf(node: ChildNode): string {
  if (node.type === 'text') return node.data;
  if ('children' in node) return (node.children as ChildNode[]).map(textOf).join('');
  return '';
}

export function localName(name: string): string {
  return name.includes(':') ? name.slice(name.indexOf(':') + 1) : name;
}

/**
 * Reads a translated XLIFF target into parts: text, placeholders and paired codes, named `x`/`g` in XLIFF 1.2
 * and `ph`/`pc` in 2.0; `<mrk>` annotations are read through. Anything else is refused.
 */
export function readInlineParts(nodes: ChildNode[], names: { placeholder: string; paired: string }): Part[] {
  const parts: Part[] = [];
  for (const node of nodes) {
    if (node.type === 'text' || node.type === 'cdata') {
      const t = textOf(node);
      const last = parts[parts.length - 1];
      if (last?.kind === 'text') last.text += t;
      else parts.push({ kind: 'text', text: t });
    } else if (node.type === 'tag') {
      const el = node as Element;
      const name = localName(el.name);
      const id = Number(el.attribs.id);
      if (name === names.placeholder) parts.push({ kind: 'ph', id, data: '', role: '' });
      else if (name === names.paired) parts.push({ kind: 'pc', id, start: '', end: '', role: '', children: readInlineParts(el.children, names) });
      else if (name === 'mrk') parts.push(...readInlineParts(el.children, names));
      else throw new ExchangeFormatError(`unsupported inline element <${name}> in a target`);
    }
  }
  return parts;
}
