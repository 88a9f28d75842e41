import { FILE_NAME_MAX } from '../content/schema/file-name.ts';
/**
 * The names attachments carry to support. A customer's file name is shown to an agent and becomes the name of
 * a file the agent opens, so it must read as what it is:
 * - invisible and direction-changing characters are removed (`invoice<U+202E>txt.exe` shows as
 *   "invoiceexe.txt"), and compatibility forms are folded (NFKC), so a fullwidth dot or slash cannot fake an
 *   extension or a folder;
 * - the extension is one of the type decided from the bytes (`magic-bytes.ts`): a PNG named `poly.html` is
 *   forwarded as `poly.png`, a text file named `notes` as `notes.txt`;
 * - at most `MAX_NAME_LENGTH` characters, shortened in the stem so that the extension stays.
 */

/** The longest name accepted, in characters, as the OpenAPI document says (`filename` maxLength). */
export const MAX_NAME_LENGTH = FILE_NAME_MAX;

/**
 * File name extensions per detected media type, the usual one first. Types missing here (active content,
 * executables) have no name a customer's file may carry; `nameForType` gives them none of their own.
 */
const EXTENSIONS: Record<string, readonly string[]> = {
  'image/png': ['png'],
  'image/jpeg': ['jpg', 'jpeg', 'jpe', 'jfif'],
  'image/gif': ['gif'],
  'image/webp': ['webp'],
  'image/bmp': ['bmp'],
  'image/tiff': ['tif', 'tiff'],
  'image/heic': ['heic', 'heif'],
  'application/pdf': ['pdf'],
  // Office and OpenDocument files are zip archives.
  'application/zip': ['zip', 'docx', 'xlsx', 'pptx', 'odt', 'ods', 'odp'],
  'application/gzip': ['gz', 'tgz'],
  'application/x-7z-compressed': ['7z'],
  'application/vnd.rar': ['rar'],
  'video/mp4': ['mp4', 'm4v'],
  'video/quicktime': ['mov', 'qt'],
  // Text that does not start like markup or a script (see magic-bytes.ts); never html, svg, xml or js.
  'text/plain': ['txt', 'log', 'csv', 'tsv', 'json', 'ndjson', 'md', 'yaml', 'yml', 'ini', 'conf', 'cfg', 'properties', 'trace', 'out', 'err'],
  'application/octet-stream': ['bin'],
};

// Removed: format characters (Cf: bidi controls U+202A–202E and U+2066–2069, zero-width U+200B–200D, BOM),
// other default-ignorable code points (Hangul fillers, variation selectors, combining grapheme joiner),
// controls, private use, lone surrogates, noncharacters, line and paragraph separators; and characters that
// file systems or mail headers treat specially.
const INVISIBLE = /[\p{Cf}\p{Default_Ignorable_Code_Point}\p{Cc}\p{Co}\p{Cs}\p{Noncharacter_Code_Point}\p{Zl}\p{Zp}]/gu;
const RESERVED = /["<>|*?:]/g;

/**
 * A name that reads as what it is: NFKC-folded, without invisible, direction-changing and reserved
 * characters, the last path segment, spaces collapsed, no leading or trailing dots and spaces (Windows drops
 * trailing ones, which would change the extension); undefined when nothing usable is left. Does not shorten.
 *
 * @example cleanFileName('C:\\Users\\me\\invoice\u202Etxt.exe') // 'invoicetxt.exe'
 */
export function cleanFileName(raw: string | undefined): string | undefined {
  if (!raw) return undefined;
  const folded = raw.normalize('NFKC').replace(INVISIBLE, '').normalize('NFKC');
  const base = folded.split(/[\\/]/).pop() ?? '';
  const cleaned = base
    .replace(RESERVED, '')
    .replace(/\s+/gu, ' ')
    .replace(/^[\s.]+|[\s.]+$/gu, '');
  return cleaned || undefined;
}

/** Whether a customer's file may be named as a file of this type at all (false for active content). */
export function hasSafeName(type: string): boolean {
  return type in EXTENSIONS;
}

/**
 * `name` with an extension of `type`: kept when it already has one (case as given), else the last extension
 * replaced (`poly.html` → `poly.png`) or, without one, added (`notes` → `notes.txt`); then shortened to
 * `MAX_NAME_LENGTH` in the stem. A type without safe extensions gets `.bin`.
 */
export function nameForType(name: string, type: string): string {
  const extensions = EXTENSIONS[type] ?? EXTENSIONS['application/octet-stream']!;
  const match = /^(.+)\.([A-Za-z0-9]{1,10})$/.exec(name);
  let stem = match ? match[1]! : name;
  let ext = match?.[2];
  if (!ext || !extensions.includes(ext.toLowerCase())) ext = extensions[0]!;
  // Counted in UTF-16 code units, which is never fewer than characters: the limit holds either way.
  const room = MAX_NAME_LENGTH - ext.length - 1;
  if (stem.length > room) stem = cutAt(stem, room).replace(/[\s.]+$/u, '') || 'file';
  return `${stem}.${ext}`;
}

/** The first `units` UTF-16 code units of `s`, without splitting a surrogate pair. */
function cutAt(s: string, units: number): string {
  let out = '';
  for (const char of s) {
    if (out.length + char.length > units) break;
    out += char;
  }
  return out;
}
