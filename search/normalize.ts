/**
 * Text normalization shared by indexing and querying, so that both ends see the same characters.
 *
 * `normalize('ＡＢＣ　ｶﾀｶﾅ')` → `'abc かたかな'`; `normalize('サーバー')` → `'さーば'`.
 */

const LONG_VOWEL = 0x30fc;
// biome-ignore lint/suspicious/noControlCharactersInRegex: the range is all of ASCII, control characters included
const NON_ASCII = /[^\x00-\x7f]+/g;

function isKatakana(code: number): boolean {
  return code >= 0x30a1 && code <= 0x30fa;
}

// Small kana written for glides and the geminate mark are spelled both ways by customers (ヴァ/ヴア, old
// systems without small kana); folding them to full-size kana makes both spellings meet.
// biome-ignore format: a table of code point pairs, read as pairs
const SMALL_TO_LARGE: Record<number, number> = {
  0x3041: 0x3042, 0x3043: 0x3044, 0x3045: 0x3046, 0x3047: 0x3048, 0x3049: 0x304a,
  0x3063: 0x3064, 0x3083: 0x3084, 0x3085: 0x3086, 0x3087: 0x3088, 0x308e: 0x308f,
  0x3095: 0x304b, 0x3096: 0x3051,
};

function isCombining(code: number): boolean {
  return (code >= 0x300 && code <= 0x36f) || code === 0x3099 || code === 0x309a || code === 0xff9e || code === 0xff9f;
}

/** Characters NFKC leaves alone and case folding cannot touch: the common case, kept off the slow path. */
function isStable(code: number): boolean {
  return (
    (code >= 0x61 && code <= 0x7a) ||
    (code >= 0x30 && code <= 0x39) ||
    code === 0x20 ||
    (code >= 0x4e00 && code <= 0x9fff) ||
    (code >= 0x3041 && code <= 0x3096) ||
    (code >= 0x30a1 && code <= 0x30fa)
  );
}

/** Normalized text plus, for each of its UTF-16 units, the offset of the source unit it came from. */
export interface NormalizedText {
  text: string;
  /** `offsets[i]` is where normalized unit `i` starts in the source; `offsets[text.length]` is the source length. */
  offsets: number[];
}

/**
 * Normalizes text for matching and keeps a map back to the source (for highlighting): NFKC (full-width ASCII
 * and half-width katakana become their usual forms), a long-vowel mark that ends a katakana word is dropped
 * (サーバー and サーバ meet), case and Latin diacritics are folded, katakana becomes hiragana and small
 * kana become full-size kana. The result means the same for search but is not meant to be shown.
 */
export function normalizeWithOffsets(source: string): NormalizedText {
  const offsets: number[] = [];
  const text = normalizeText(source, offsets);
  offsets.push(source.length);
  return { text, offsets };
}

/** The normalization itself; records offsets only when given an array for them (indexing needs none). */
function normalizeText(source: string, offsets: number[] | null): string {
  // ASCII needs only case folding and maps one to one; only the other stretches take the slow path.
  let text = '';
  let at = 0;
  NON_ASCII.lastIndex = 0;
  for (let match = NON_ASCII.exec(source); match; match = NON_ASCII.exec(source)) {
    let start = match.index;
    // A combining mark belongs to the character before it.
    if (start > at && isCombining(source.charCodeAt(start))) start--;
    text += asciiLower(source, at, start, offsets);
    const end = NON_ASCII.lastIndex;
    text += normalizeSegment(source.slice(start, end), start, offsets);
    at = end;
  }
  text += asciiLower(source, at, source.length, offsets);
  return text;
}

function asciiLower(source: string, from: number, to: number, offsets: number[] | null): string {
  if (offsets) for (let k = from; k < to; k++) offsets.push(k);
  return from === to ? '' : source.slice(from, to).toLowerCase();
}

/** Reusable buffers of normalizeSegment (one call at a time): code units and where each came from. */
let units = new Uint16Array(1024);
let from = new Int32Array(1024);
let out = new Uint16Array(1024);

function grown<T extends Uint16Array | Int32Array>(array: T, needed: number): T {
  if (needed <= array.length) return array;
  const next = new (array.constructor as new (n: number) => T)(Math.max(needed, array.length * 2));
  next.set(array);
  return next;
}

/** A string of the first `length` units of `codes`, in slices small enough for `fromCharCode`'s arguments. */
function stringOf(codes: Uint16Array, length: number): string {
  let text = '';
  for (let k = 0; k < length; k += 4096) {
    text += String.fromCharCode.apply(null, codes.subarray(k, Math.min(length, k + 4096)) as unknown as number[]);
  }
  return text;
}

function normalizeSegment(source: string, base: number, offsets: number[] | null): string {
  // Pass 1: NFKC per grapheme-ish cluster (base + combining marks), so every output unit maps to a source offset.
  const n = source.length;
  let count = 0;
  let i = 0;
  while (i < n) {
    const code = source.charCodeAt(i);
    if (isStable(code) && !(i + 1 < n && isCombining(source.charCodeAt(i + 1)))) {
      if (count >= units.length) {
        units = grown(units, count + 1);
        from = grown(from, count + 1);
      }
      units[count] = code;
      from[count++] = i;
      i++;
      continue;
    }
    let end = i + 1;
    if (code >= 0xd800 && code <= 0xdbff && end < n) end++;
    while (end < n && isCombining(source.charCodeAt(end))) end++;
    const mapped = source.slice(i, end).normalize('NFKC');
    units = grown(units, count + mapped.length);
    from = grown(from, count + mapped.length);
    for (let k = 0; k < mapped.length; k++) {
      units[count] = mapped.charCodeAt(k);
      from[count++] = i;
    }
    i = end;
  }
  // Pass 2: long vowels, kana folding, case and diacritics.
  let length = 0;
  out = grown(out, count);
  for (let k = 0; k < count; k++) {
    let code = units[k]!;
    if (code === LONG_VOWEL) {
      const prev = k > 0 ? units[k - 1]! : 0;
      const next = k + 1 < count ? units[k + 1]! : 0;
      // Only a mark closing a katakana word varies in spelling (JIS Z 8301); one inside a word stays.
      if (isKatakana(prev) && !isKatakana(next) && next !== LONG_VOWEL) continue;
    } else if (code >= 0x30a1 && code <= 0x30f6) {
      code -= 0x60;
    }
    const large = SMALL_TO_LARGE[code];
    if (large !== undefined) code = large;
    if (code >= 0x41 && code <= 0x5a) code += 32;
    else if (code >= 0xc0 && !(code >= 0x3000 && code <= 0x9fff)) {
      let piece = String.fromCharCode(code);
      if (code >= 0xd800 && code <= 0xdbff && k + 1 < count) {
        piece += String.fromCharCode(units[k + 1]!);
        k++;
      }
      // Latin diacritics only: decomposing kana would separate voicing marks, so only U+0300–U+036F go.
      piece = piece
        .toLowerCase()
        .normalize('NFD')
        .replace(/[\u0300-\u036f]/g, '')
        .normalize('NFC');
      out = grown(out, length + piece.length + (count - k));
      for (let p = 0; p < piece.length; p++) {
        if (offsets) offsets.push(base + from[k]!);
        out[length++] = piece.charCodeAt(p);
      }
      continue;
    }
    if (offsets) offsets.push(base + from[k]!);
    out[length++] = code;
  }
  return stringOf(out, length);
}

/** {@link normalizeWithOffsets} without the offset map. */
export function normalize(text: string): string {
  return normalizeText(text, null);
}
