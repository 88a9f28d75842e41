import type { Element } from 'domhandler';
import type { ExchangeDoc, UnitState } from './exchange.ts';
import { ExchangeFormatError, type ImportedDoc, type ImportedFile } from './exchange-format.ts';
import { describeCode, type Part } from './inline-codes.ts';
import { elements, find, localName, parseXml, readInlineParts, textOf, xmlAttr, xmlText } from './xml-text.ts';

const STATE_OUT: Record<UnitState, string> = { new: 'new', review: 'needs-review-translation', final: 'final' };
const CTYPE: Record<string, string> = { strong: 'bold', emphasis: 'italic', strike: 'x-strike', link: 'link', image: 'x-image' };

/**
 * Writes XLIFF 1.2 for CAT tools that predate 2.0: one `<file>` per entry or UI namespace (its Kotae id and
 * source hash in the header's `<prop-group>`), one `<trans-unit>` per segment, standalone codes as `<x/>`
 * and paired codes as `<g>`, each with `equiv-text` or `ctype` so the tool can show what it stands for.
 */
export function writeXliff12(doc: ExchangeDoc): string {
  const out: string[] = [];
  out.push('<?xml version="1.0" encoding="UTF-8"?>');
  out.push('<xliff version="1.2" xmlns="urn:oasis:names:tc:xliff:document:1.2">');
  for (const file of doc.files) {
    out.push(`  <file original="${xmlAttr(file.original)}" source-language="${xmlAttr(doc.sourceLocale)}" target-language="${xmlAttr(doc.targetLocale)}" datatype="${file.id.startsWith('ui.') ? 'x-i18next-json' : 'x-markdown'}" product-name="Kotae">`);
    out.push('    <header>');
    out.push('      <prop-group name="kotae">');
    out.push(`        <prop prop-type="id">${xmlText(file.id)}</prop>`);
    if (file.sourceHash) out.push(`        <prop prop-type="source-hash">${file.sourceHash}</prop>`);
    out.push('      </prop-group>');
    for (const note of file.notes) out.push(`      <note>${xmlText(note)}</note>`);
    out.push('    </header>');
    out.push('    <body>');
    for (const unit of file.units) {
      const size = unit.maxLength ? ` maxwidth="${unit.maxLength}" size-unit="char"` : '';
      out.push(`      <trans-unit id="${xmlAttr(unit.id)}" resname="${xmlAttr(unit.id)}"${size} xml:space="preserve">`);
      out.push(`        <source>${inline(unit.source)}</source>`);
      if (unit.target) out.push(`        <target state="${STATE_OUT[unit.state]}">${inline(unit.target)}</target>`);
      const [file_, line] = unit.location.split(/:(?=\d+$)/);
      out.push(`        <context-group purpose="location"><context context-type="sourcefile">${xmlText(file_!)}</context><context context-type="linenumber">${line}</context></context-group>`);
      for (const note of unit.notes) out.push(`        <note>${xmlText(note)}</note>`);
      out.push('      </trans-unit>');
    }
    out.push('    </body>');
    out.push('  </file>');
  }
  out.push('</xliff>');
  return `${out.join('\n')}\n`;
}

function inline(parts: readonly Part[]): string {
  let s = '';
  for (const p of parts) {
    if (p.kind === 'text') s += xmlText(p.text);
    else if (p.kind === 'ph') s += `<x id="${p.id}" ctype="x-${p.role}" equiv-text="${xmlAttr(describeCode(p))}"/>`;
    else s += `<g id="${p.id}" ctype="${CTYPE[p.role] ?? `x-${p.role}`}">${inline(p.children)}</g>`;
  }
  return s;
}

/** Reads an XLIFF 1.2 file written by `writeXliff12` and translated in a CAT tool. */
export function readXliff12(text: string): ImportedDoc {
  const root = elements(parseXml(text), 'xliff')[0];
  if (!root || root.attribs.version !== '1.2') throw new ExchangeFormatError('no <xliff version="1.2"> element');
  let sourceLocale = '';
  let targetLocale = '';
  const files: ImportedFile[] = elements(root, 'file').map((file) => {
    sourceLocale ||= file.attribs['source-language'] ?? '';
    targetLocale ||= file.attribs['target-language'] ?? '';
    const header = elements(file, 'header')[0];
    const props = header ? elements(find(header, 'prop-group') ?? { children: [] }, 'prop') : [];
    const prop = (type: string) => {
      const p = props.find((x) => x.attribs['prop-type'] === type);
      return p ? textOf(p).trim() : undefined;
    };
    const units = collectUnits(elements(file, 'body')[0]).map((unit) => {
      const target = elements(unit, 'target')[0];
      const state = target?.attribs.state;
      const empty = !target || !target.children.length;
      return {
        id: unit.attribs.resname ?? unit.attribs.id ?? '',
        target: empty ? undefined : readInlineParts(target!.children, { placeholder: 'x', paired: 'g' }),
        state: (empty ? 'new' : state === 'new' || state?.startsWith('needs-') ? 'review' : 'final') as UnitState,
      };
    });
    return { id: prop('id') ?? file.attribs.original ?? '', original: file.attribs.original ?? '', sourceHash: prop('source-hash'), units };
  });
  if (!targetLocale) throw new ExchangeFormatError('<file> has no target-language: which locale is this a translation into?');
  return { format: 'xliff12', sourceLocale, targetLocale, files };
}

function collectUnits(node: Element | undefined): Element[] {
  if (!node) return [];
  return elements(node).flatMap((el) => (localName(el.name) === 'trans-unit' ? [el] : localName(el.name) === 'group' ? collectUnits(el) : []));
}

