import type { Element } from 'domhandler';
import type { ExchangeDoc, UnitState } from './exchange.ts';
import { ExchangeFormatError, type ImportedDoc, type ImportedFile } from './exchange-format.ts';
import { describeCode, type Part } from './inline-codes.ts';
import { elements, find, localName, parseXml, readInlineParts, textOf, xmlAttr, xmlText } from './xml-text.ts';

const STATE_OUT: Record<UnitState, string> = { new: 'new', review: 'needs-review-translation', final: 'final' };
const CTYPE: Record<string, string> = { strong: 'bold', emphasis: 'italic', strike: 'x-strike', link: 'link', image: 'x-image' };

/**
 * Writes XLIFF 1.2 (valid under the OASIS strict schema) for CAT tools that predate 2.0: one `<file>` per
 * entry or UI namespace, one `<trans-unit>` per segment, standalone codes as `<x/>` and paired codes as `<g>`,
 * each with `equiv-text` or `ctype` so the tool can show what it stands for. The header names the skeleton an
 * import merges into: `<skl><external-file href="<source file>" uid="<Kotae id>" crc="<source hash>"/>`
 * (the strict schema has no `<prop-group>` in a header). A finished unit is `approved="yes"` with a `final`
 * target, which is what tools built on translate-toolkit count as translated; one to review is neither.
 */
export function writeXliff12(doc: ExchangeDoc): string {
  const out: string[] = [];
  out.push('<?xml version="1.0" encoding="UTF-8"?>');
  out.push('<xliff version="1.2" xmlns="urn:oasis:names:tc:xliff:document:1.2">');
  for (const file of doc.files) {
    out.push(
      `  <file original="${xmlAttr(file.original)}" source-language="${xmlAttr(doc.sourceLocale)}" target-language="${xmlAttr(doc.targetLocale)}" datatype="${file.id.startsWith('ui.') ? 'x-i18next-json' : 'x-markdown'}" product-name="Kotae">`,
    );
    out.push('    <header>');
    out.push(
      `      <skl><external-file href="${xmlAttr(file.original)}" uid="${xmlAttr(file.id)}"${file.sourceHash ? ` crc="${xmlAttr(file.sourceHash)}"` : ''}/></skl>`,
    );
    for (const note of file.notes) out.push(`      <note>${xmlText(note)}</note>`);
    out.push('    </header>');
    out.push('    <body>');
    for (const unit of file.units) {
      const size = unit.maxLength ? ` maxwidth="${unit.maxLength}" size-unit="char"` : '';
      const approved = unit.target && unit.state === 'final' ? ' approved="yes"' : '';
      out.push(`      <trans-unit id="${xmlAttr(unit.id)}" resname="${xmlAttr(unit.id)}"${approved}${size} xml:space="preserve">`);
      out.push(`        <source>${inline(unit.source)}</source>`);
      if (unit.target) out.push(`        <target state="${STATE_OUT[unit.state]}">${inline(unit.target)}</target>`);
      const [file_, line] = unit.location.split(/:(?=\d+$)/);
      out.push(
        `        <context-group purpose="location"><context context-type="sourcefile">${xmlText(file_!)}</context><context context-type="linenumber">${line}</context></context-group>`,
      );
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
  if (root?.attribs.version !== '1.2') throw new ExchangeFormatError('no <xliff version="1.2"> element');
  let sourceLocale = '';
  let targetLocale = '';
  const files: ImportedFile[] = elements(root, 'file').map((file) => {
    sourceLocale ||= file.attribs['source-language'] ?? '';
    targetLocale ||= file.attribs['target-language'] ?? '';
    const header = elements(file, 'header')[0];
    const skeleton = header ? find(elements(header, 'skl')[0] ?? { children: [] }, 'external-file') : undefined;
    // Files exported before the strict schema was followed carry the id and hash in a <prop-group>.
    const props = header ? elements(find(header, 'prop-group') ?? { children: [] }, 'prop') : [];
    const prop = (type: string) => {
      const p = props.find((x) => x.attribs['prop-type'] === type);
      return p ? textOf(p).trim() : undefined;
    };
    const units = collectUnits(elements(file, 'body')[0]).map((unit) => {
      const source = elements(unit, 'source')[0];
      const target = elements(unit, 'target')[0];
      const state = target?.attribs.state;
      const empty = !target?.children.length;
      // translate-toolkit marks a unit fuzzy by taking its approval away (approved="no"), whatever its state.
      const toReview = state === 'new' || state?.startsWith('needs-') || unit.attribs.approved === 'no';
      return {
        id: unit.attribs.resname ?? unit.attribs.id ?? '',
        source: source ? readInlineParts(source.children, { placeholder: 'x', paired: 'g' }) : undefined,
        target: empty ? undefined : readInlineParts(target!.children, { placeholder: 'x', paired: 'g' }),
        state: (empty ? 'new' : toReview ? 'review' : 'final') as UnitState,
      };
    });
    const id = skeleton?.attribs.uid ?? prop('id') ?? file.attribs.original ?? '';
    return { id, original: file.attribs.original ?? '', sourceHash: skeleton?.attribs.crc ?? prop('source-hash'), units };
  });
  if (!targetLocale) throw new ExchangeFormatError('<file> has no target-language: which locale is this a translation into?');
  return { format: 'xliff12', sourceLocale, targetLocale, files };
}

function collectUnits(node: Element | undefined): Element[] {
  if (!node) return [];
  return elements(node).flatMap((el) => (localName(el.name) === 'trans-unit' ? [el] : localName(el.name) === 'group' ? collectUnits(el) : []));
}
