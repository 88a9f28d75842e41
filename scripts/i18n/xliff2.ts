import type { ExchangeDoc, UnitState } from './exchange.ts';
import { ExchangeFormatError, type ImportedDoc, type ImportedFile } from './exchange-format.ts';
import { codesOf, describeCode, type Part } from './inline-codes.ts';
import { elements, find, parseXml, readInlineParts, textOf, xmlAttr, xmlText } from './xml-text.ts';

const NS = 'urn:oasis:names:tc:xliff:document:2.0';
const STATE_OUT: Record<UnitState, string> = { new: 'initial', review: 'initial', final: 'final' };

/**
 * Writes XLIFF 2.0 (OASIS core): one `<file>` per entry or UI namespace, one `<unit>` per segment with its
 * notes, the original Markdown of each inline code in `<originalData>`, codes as `<ph>` and `<pc>`.
 * Pre-filled targets of stale translations are `initial` (to be checked); current ones `final`.
 */
export function writeXliff2(doc: ExchangeDoc): string {
  const out: string[] = [];
  out.push('<?xml version="1.0" encoding="UTF-8"?>');
  out.push(`<xliff xmlns="${NS}" version="2.0" srcLang="${xmlAttr(doc.sourceLocale)}" trgLang="${xmlAttr(doc.targetLocale)}">`);
  for (const file of doc.files) {
    out.push(`  <file id="${xmlAttr(nmtoken(file.id))}" original="${xmlAttr(file.original)}" xml:space="preserve">`);
    out.push('    <notes>');
    for (const note of file.notes) out.push(`      <note category="context">${xmlText(note)}</note>`);
    out.push(`      <note category="kotae-id">${xmlText(file.id)}</note>`);
    if (file.sourceHash) out.push(`      <note category="kotae-source-hash">${file.sourceHash}</note>`);
    out.push('    </notes>');
    for (const unit of file.units) {
      out.push(`    <unit id="${xmlAttr(nmtoken(unit.id))}" name="${xmlAttr(unit.id)}">`);
      out.push('      <notes>');
      out.push(`        <note category="location">${xmlText(unit.location)}</note>`);
      for (const note of unit.notes) out.push(`        <note category="context">${xmlText(note)}</note>`);
      if (unit.maxLength) out.push(`        <note category="max-length">${unit.maxLength}</note>`);
      out.push('      </notes>');
      const data = new Map<string, string>();
      for (const code of [...codesOf(unit.source), ...codesOf(unit.target ?? [])]) {
        if (code.kind === 'ph') data.set(`d${code.id}`, code.data);
        else {
          data.set(`d${code.id}s`, code.start);
          data.set(`d${code.id}e`, code.end);
        }
      }
      if (data.size) {
        out.push('      <originalData>');
        for (const [id, value] of data) out.push(`        <data id="${id}">${xmlText(value)}</data>`);
        out.push('      </originalData>');
      }
      const state = unit.target ? ` state="${STATE_OUT[unit.state]}"` : '';
      out.push(`      <segment${state}>`);
      out.push(`        <source>${inline(unit.source)}</source>`);
      if (unit.target) out.push(`        <target>${inline(unit.target)}</target>`);
      out.push('      </segment>');
      out.push('    </unit>');
    }
    out.push('  </file>');
  }
  out.push('</xliff>');
  return `${out.join('\n')}\n`;
}

function inline(parts: readonly Part[]): string {
  let s = '';
  for (const p of parts) {
    if (p.kind === 'text') s += xmlText(p.text);
    // A heading id or a variable deleted would break links or the program: CAT tools enforce canDelete.
    else if (p.kind === 'ph')
      s += `<ph id="${p.id}" dataRef="d${p.id}"${p.role === 'anchor' || p.role === 'variable' ? ' canDelete="no"' : ''} disp="${xmlAttr(describeCode(p))}"/>`;
    else
      s += `<pc id="${p.id}" dataRefStart="d${p.id}s" dataRefEnd="d${p.id}e" dispStart="${xmlAttr(p.start)}" dispEnd="${xmlAttr(p.end)}">${inline(p.children)}</pc>`;
  }
  return s;
}

/** XLIFF ids are NMTOKENs; ours already are, except ids a hand-made file might carry. */
function nmtoken(id: string): string {
  return id.replace(/[^\w.:-]/g, '_');
}

/** Reads an XLIFF 2.0 file written by `writeXliff2` and translated in a CAT tool. */
export function readXliff2(text: string): ImportedDoc {
  const root = elements(parseXml(text), 'xliff')[0];
  if (root?.attribs.version?.startsWith('2') !== true) throw new ExchangeFormatError('no <xliff version="2.0"> element');
  const sourceLocale = root.attribs.srcLang ?? '';
  const targetLocale = root.attribs.trgLang ?? '';
  if (!targetLocale) throw new ExchangeFormatError('<xliff> has no trgLang: which locale is this a translation into?');
  const files: ImportedFile[] = elements(root, 'file').map((file) => {
    const notes = elements(elements(file, 'notes')[0] ?? { children: [] }, 'note');
    const note = (category: string) => notes.find((n) => n.attribs.category === category);
    const id = note('kotae-id') ? textOf(note('kotae-id')!) : (file.attribs.id ?? '');
    const hash = note('kotae-source-hash');
    const units = [...elements(file, 'unit'), ...elements(file, 'group').flatMap((g) => elements(g, 'unit'))].map((unit) => {
      const segment = find(unit, 'segment');
      const source = segment ? elements(segment, 'source')[0] : undefined;
      const target = segment ? elements(segment, 'target')[0] : undefined;
      const state = segment?.attribs.state;
      return {
        id: unit.attribs.name ?? unit.attribs.id ?? '',
        source: source ? readInlineParts(source.children, { placeholder: 'ph', paired: 'pc' }) : undefined,
        target: target ? readInlineParts(target.children, { placeholder: 'ph', paired: 'pc' }) : undefined,
        state: (!target ? 'new' : state === 'initial' ? 'review' : 'final') as UnitState,
      };
    });
    return { id, original: file.attribs.original ?? '', sourceHash: hash ? textOf(hash).trim() : undefined, units };
  });
  return { format: 'xliff2', sourceLocale, targetLocale, files };
}
