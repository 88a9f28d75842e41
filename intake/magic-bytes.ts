/**
 * Decides what a file is from its first bytes, never from its name or the declared `Content-Type`.
 * Knows the formats customers attach (images, PDF, archives, plain-text logs, video) and the ones that must
 * never pass as something else (executables, scripts, HTML, SVG). Anything unknown is
 * `application/octet-stream`.
 */

/** How many leading bytes `sniff` looks at. */
export const SNIFF_BYTES = 8192;

const startsWith = (buf: Uint8Array, bytes: readonly number[], offset = 0) =>
  buf.length >= offset + bytes.length && bytes.every((b, i) => buf[offset + i] === b);
const ascii = (s: string) => [...s].map((c) => c.charCodeAt(0));

const SIGNATURES: Array<{ type: string; test: (b: Uint8Array) => boolean }> = [
  { type: 'image/png', test: (b) => startsWith(b, [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]) },
  { type: 'image/jpeg', test: (b) => startsWith(b, [0xff, 0xd8, 0xff]) },
  { type: 'image/gif', test: (b) => startsWith(b, ascii('GIF87a')) || startsWith(b, ascii('GIF89a')) },
  { type: 'image/webp', test: (b) => startsWith(b, ascii('RIFF')) && startsWith(b, ascii('WEBP'), 8) },
  { type: 'image/bmp', test: (b) => startsWith(b, ascii('BM')) && startsWith(b, [0, 0, 0, 0], 6) && b.length >= 26 },
  { type: 'image/tiff', test: (b) => startsWith(b, [0x49, 0x49, 0x2a, 0x00]) || startsWith(b, [0x4d, 0x4d, 0x00, 0x2a]) },
  { type: 'application/pdf', test: (b) => startsWith(b, ascii('%PDF-')) },
  {
    type: 'application/zip',
    test: (b) => startsWith(b, [0x50, 0x4b, 0x03, 0x04]) || startsWith(b, [0x50, 0x4b, 0x05, 0x06]),
  },
  { type: 'application/gzip', test: (b) => startsWith(b, [0x1f, 0x8b, 0x08]) },
  { type: 'application/x-7z-compressed', test: (b) => startsWith(b, [0x37, 0x7a, 0xbc, 0xaf, 0x27, 0x1c]) },
  { type: 'application/vnd.rar', test: (b) => startsWith(b, ascii('Rar!\x1a\x07')) },
  { type: 'video/quicktime', test: (b) => startsWith(b, ascii('ftypqt  '), 4) },
  { type: 'image/heic', test: (b) => startsWith(b, ascii('ftypheic'), 4) || startsWith(b, ascii('ftypmif1'), 4) },
  { type: 'video/mp4', test: (b) => startsWith(b, ascii('ftyp'), 4) },
  { type: 'application/x-msdownload', test: (b) => startsWith(b, ascii('MZ')) },
  { type: 'application/x-executable', test: (b) => startsWith(b, [0x7f, 0x45, 0x4c, 0x46]) },
  {
    type: 'application/x-mach-binary',
    test: (b) =>
      [
        [0xfe, 0xed, 0xfa, 0xce],
        [0xfe, 0xed, 0xfa, 0xcf],
        [0xce, 0xfa, 0xed, 0xfe],
        [0xcf, 0xfa, 0xed, 0xfe],
        [0xca, 0xfe, 0xba, 0xbe],
      ].some((sig) => startsWith(b, sig)),
  },
  { type: 'application/wasm', test: (b) => startsWith(b, [0x00, 0x61, 0x73, 0x6d]) },
];

/**
 * Text that a browser or a shell would treat as code, whatever it is called. Decided by how the text starts,
 * after a byte order mark, white space and comments (browsers skip those too): a shebang is a script, an XML
 * declaration is XML (or SVG when an `<svg` root follows), and any tag (`<x`, `</x`, `<!doctype`, `<?`) is
 * markup, which a browser would render as HTML. Text that only mentions tags further on (a log quoting a
 * request) stays text: it is stored and forwarded as `text/plain` under a `.txt`-like name (file-names.ts),
 * which no browser or mail client renders.
 */
function textKind(text: string): string {
  let start = text.replace(/^\uFEFF/, '').trimStart();
  if (start.startsWith('#!')) return 'text/x-shellscript';
  while (start.startsWith('<!--')) {
    const end = start.indexOf('-->');
    // A comment that does not end within the sample: markup all the same.
    if (end < 0) return 'text/html';
    start = start.slice(end + 3).trimStart();
  }
  const head = start.slice(0, 1024).toLowerCase();
  if (head.startsWith('<?xml')) return /<svg[\s>/]/.test(head) ? 'image/svg+xml' : 'application/xml';
  if (/^<svg[\s>/]/.test(head)) return 'image/svg+xml';
  if (/^<[a-z!?/]/.test(head)) return 'text/html';
  return 'text/plain';
}

function isText(head: Uint8Array): string | undefined {
  const bom = startsWith(head, [0xff, 0xfe]) ? 'utf-16le' : startsWith(head, [0xfe, 0xff]) ? 'utf-16be' : undefined;
  if (bom) return textKind(new TextDecoder(bom).decode(head.subarray(2)));
  if (head.includes(0)) return undefined;
  // A multi-byte character may be cut at the end of the sample; drop up to three trailing bytes.
  for (let cut = 0; cut <= 3 && cut < head.length; cut++) {
    try {
      return textKind(new TextDecoder('utf-8', { fatal: true }).decode(head.subarray(0, head.length - cut)));
    } catch {
      // try a shorter sample
    }
  }
  return undefined;
}

/**
 * Types never accepted as attachments, whatever the site config allows: a browser or an operating system
 * runs them (HTML and SVG carry script, XML can be XHTML, the rest are programs).
 */
export const ACTIVE_TYPES: ReadonlySet<string> = new Set([
  'text/html',
  'image/svg+xml',
  'application/xml',
  'text/x-shellscript',
  'application/x-msdownload',
  'application/x-executable',
  'application/x-mach-binary',
  'application/wasm',
]);

/** The media type of a file whose first bytes (up to `SNIFF_BYTES`) are `head`. */
export function sniff(head: Uint8Array): string {
  if (head.length === 0) return 'application/x-empty';
  for (const { type, test } of SIGNATURES) if (test(head)) return type;
  return isText(head) ?? 'application/octet-stream';
}

/** Text formats a browser may declare for a plain-text file (logs, CSV, JSON, XML). */
const TEXT_ALIASES = new Set([
  'text/plain',
  'text/csv',
  'text/x-log',
  'application/json',
  'application/x-ndjson',
  'application/xml',
  'text/xml',
  'text/markdown',
]);

/**
 * Whether a declared `Content-Type` tells the truth about a file detected as `detected`. An absent or
 * generic declaration (`application/octet-stream`) claims nothing and is accepted.
 */
export function declaredTypeMatches(declared: string | undefined, detected: string): boolean {
  const type = (declared ?? '').split(';')[0]!.trim().toLowerCase();
  if (!type || type === 'application/octet-stream') return true;
  if (type === detected) return true;
  if (detected === 'text/plain' && TEXT_ALIASES.has(type)) return true;
  if (detected === 'image/jpeg' && type === 'image/jpg') return true;
  if (detected === 'application/zip' && (type === 'application/x-zip-compressed' || type.startsWith('application/vnd.openxmlformats'))) return true;
  return false;
}
