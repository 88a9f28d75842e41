import type { ExchangeDoc, UnitState } from './exchange.ts';
import { ExchangeFormatError, type ImportedDoc, type ImportedFile } from './exchange-format.ts';
import { codesOf, describeCode, numberedText, type Part } from './inline-codes.ts';

/** Explains the numbered placeholders once per unit that has any, in the translator's comment. */
export const PLACEHOLDER_HELP =
  'Numbers in braces stand for formatting that must be kept: {1} is a fixed piece (code, tag, variable), {2}…{/2} surround words (a link, bold text). Keep every one, move them with the words they belong to, never translate what they stand for.';

/**
 * Writes a gettext PO file: one message per segment with `msgctxt` = `<file id>/<unit id>`, codes as
 * numbered placeholders (`{1}`, `{2}…{/2}`), a `#.` comment with the context, the max length and what each
 * placeholder stands for, `#:` with the source line, and `#, fuzzy` on translations to be checked. Entry source
 * hashes travel in the header (`X-Kotae-Source-Hash: <id> <hash>`).
 */
export function writePo(doc: ExchangeDoc): string {
  const header = [
    'Project-Id-Version: Kotae',
    `PO-Revision-Date: ${poDate(new Date())}`,
    'Last-Translator: ',
    'Language-Team: ',
    'MIME-Version: 1.0',
    'Content-Type: text/plain; charset=UTF-8',
    'Content-Transfer-Encoding: 8bit',
    `Language: ${doc.targetLocale.replace('-', '_')}`,
    `X-Kotae-Source-Language: ${doc.sourceLocale}`,
    `X-Kotae-Target-Language: ${doc.targetLocale}`,
    ...doc.files.filter((f) => f.sourceHash).map((f) => `X-Kotae-Source-Hash: ${f.id} ${f.sourceHash}`),
  ];
  const out: string[] = [
    `# Kotae translation exchange: ${doc.sourceLocale} → ${doc.targetLocale}.`,
    `# ${PLACEHOLDER_HELP}`,
    'msgid ""',
    'msgstr ""',
    ...header.map((h) => quote(`${h}\n`)),
    '',
  ];
  for (const file of doc.files) {
    for (const unit of file.units) {
      for (const note of [...(unit === file.units[0] ? file.notes : []), ...unit.notes]) out.push(`#. ${note}`);
      if (unit.maxLength) out.push(`#. Max length: ${unit.maxLength} characters.`);
      const codes = codesOf(unit.source);
      if (codes.length) {
        out.push(`#. ${PLACEHOLDER_HELP}`);
        for (const code of codes)
          out.push(`#. ${code.kind === 'pc' ? `{${code.id}}…{/${code.id}}` : `{${code.id}}`} = ${describeCode(code).replace(/\n/g, '\\n')}`);
      }
      out.push(`#: ${unit.location}`);
      if (unit.target && unit.state === 'review') out.push('#, fuzzy');
      out.push(`msgctxt ${quote(`${file.id}/${unit.id}`)}`);
      out.push(`msgid ${quote(numberedText(unit.source))}`);
      out.push(`msgstr ${quote(unit.target ? numberedText(unit.target) : '')}`);
      out.push('');
    }
  }
  return out.join('\n');
}

/** gettext's date format, `2026-11-24 14:30+0000`. */
function poDate(d: Date): string {
  return `${d.toISOString().slice(0, 16).replace('T', ' ')}+0000`;
}

function quote(s: string): string {
  const esc = s.replace(/\\/g, '\\\\').replace(/"/g, '\\"').replace(/\t/g, '\\t').replace(/\r/g, '\\r');
  if (!esc.includes('\n') || esc === '\n') return `"${esc.replace(/\n/g, '\\n')}"`;
  // Multi-line strings as gettext writes them: an empty first line, then one line per \n.
  const lines = esc.split(/(?<=\n)/).map((l) => `"${l.replace(/\n/g, '\\n')}"`);
  return `""\n${lines.join('\n')}`;
}

/** Reads a PO file written by `writePo` and translated (gettext escapes, multi-line strings, `fuzzy`). */
export function readPo(text: string): ImportedDoc {
  const messages = parseMessages(text);
  const header = messages.find((m) => m.msgid === '' && m.msgctxt === undefined)?.msgstr ?? '';
  const field = (name: string) => [...header.matchAll(new RegExp(`^${name}: *(.*)$`, 'gm'))].map((m) => m[1]!.trim());
  const targetLocale = field('X-Kotae-Target-Language')[0] ?? field('Language')[0]?.replace('_', '-') ?? '';
  if (!targetLocale) throw new ExchangeFormatError('the PO header has no Language: which locale is this a translation into?');
  const hashes = new Map(field('X-Kotae-Source-Hash').map((v) => v.split(/\s+/) as [string, string]));
  const files = new Map<string, ImportedFile>();
  for (const m of messages) {
    if (m.msgctxt === undefined) continue;
    const slash = m.msgctxt.lastIndexOf('/');
    if (slash < 0) throw new ExchangeFormatError(`line ${m.line}: msgctxt "${m.msgctxt}" is not <file>/<unit> as exported`);
    const fileId = m.msgctxt.slice(0, slash);
    const file = files.get(fileId) ?? { id: fileId, original: '', sourceHash: hashes.get(fileId), units: [] };
    files.set(fileId, file);
    const target = m.msgstr ? parsePlaceholders(m.msgstr, m.line) : undefined;
    file.units.push({
      id: m.msgctxt.slice(slash + 1),
      source: parsePlaceholders(m.msgid, m.line),
      target,
      state: (!target ? 'new' : m.fuzzy ? 'review' : 'final') as UnitState,
    });
  }
  return { format: 'po', sourceLocale: field('X-Kotae-Source-Language')[0] ?? '', targetLocale, files: [...files.values()] };
}

interface Message {
  msgctxt?: string | undefined;
  msgid: string;
  msgstr: string;
  fuzzy: boolean;
  line: number;
}

function parseMessages(text: string): Message[] {
  const out: Message[] = [];
  let cur: Partial<Message> & { fuzzy: boolean; line: number } = { fuzzy: false, line: 1 };
  let field: 'msgctxt' | 'msgid' | 'msgstr' | 'msgid_plural' | undefined;
  const finish = () => {
    if (cur.msgid !== undefined) out.push({ msgctxt: cur.msgctxt, msgid: cur.msgid, msgstr: cur.msgstr ?? '', fuzzy: cur.fuzzy, line: cur.line });
    cur = { fuzzy: false, line: 0 };
    field = undefined;
  };
  text.split(/\r?\n/).forEach((raw, i) => {
    const line = raw.trim();
    if (!line) return;
    if (line.startsWith('#~')) return;
    if (line.startsWith('#')) {
      if (field === 'msgstr') finish();
      if (line.startsWith('#,') && /\bfuzzy\b/.test(line)) cur.fuzzy = true;
      return;
    }
    const m = /^(msgctxt|msgid_plural|msgid|msgstr(?:\[\d+\])?)\s+(".*")$/.exec(line);
    if (m) {
      const key = m[1]!.startsWith('msgstr') ? 'msgstr' : (m[1] as 'msgctxt' | 'msgid' | 'msgid_plural');
      if ((key === 'msgctxt' || (key === 'msgid' && field !== 'msgctxt')) && field) finish();
      if (!cur.line) cur.line = i + 1;
      field = key;
      if (key !== 'msgid_plural') cur[key] = (cur[key] ?? '') + unquote(m[2]!, i + 1);
      return;
    }
    if (line.startsWith('"') && field) {
      if (field !== 'msgid_plural') cur[field] = (cur[field] ?? '') + unquote(line, i + 1);
      return;
    }
    throw new ExchangeFormatError(`line ${i + 1}: cannot read "${line.slice(0, 40)}" as PO`);
  });
  finish();
  return out;
}

function unquote(s: string, line: number): string {
  if (!/^".*"$/.test(s)) throw new ExchangeFormatError(`line ${line}: a string must be in double quotes`);
  return s.slice(1, -1).replace(/\\(.)/g, (_, c: string) => ({ n: '\n', t: '\t', r: '\r', '"': '"', '\\': '\\' })[c] ?? c);
}

/** Turns `{1}`, `{2}…{/2}` back into code references (ids only; the import resolves them). */
export function parsePlaceholders(s: string, line = 0): Part[] {
  const root: Part[] = [];
  const stack: { id: number; children: Part[] }[] = [];
  const top = () => (stack.length ? stack[stack.length - 1]!.children : root);
  const re = /\{(\/?)(\d+)\}/g;
  let last = 0;
  const text = (t: string) => {
    if (t) top().push({ kind: 'text', text: t });
  };
  for (const m of s.matchAll(re)) {
    text(s.slice(last, m.index));
    last = m.index + m[0].length;
    const id = Number(m[2]);
    if (m[1]) {
      const open = stack.pop();
      if (!open || open.id !== id) throw new ExchangeFormatError(`line ${line}: {/${id}} closes ${open ? `{${open.id}}` : 'nothing'}`);
      continue;
    }
    // An opening placeholder has a matching {/id} later; otherwise it is standalone.
    if (s.includes(`{/${id}}`, last)) {
      const part: Part = { kind: 'pc', id, start: '', end: '', role: '', children: [] };
      top().push(part);
      stack.push({ id, children: part.children });
    } else top().push({ kind: 'ph', id, data: '', role: '' });
  }
  text(s.slice(last));
  if (stack.length) throw new ExchangeFormatError(`line ${line}: {${stack[stack.length - 1]!.id}} is never closed with {/${stack[stack.length - 1]!.id}}`);
  return root;
}
