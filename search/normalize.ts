/**
 * Text normalization shared by indexing and querying, so that both ends see the same characters.
 *
 * `normalize('ＡＢＣ　ｶﾀｶﾅ')` → `'abc かたかな'`; `normalize('サーバー')` → `'さーば'`.
 */

const LONG_VOWEL = 0x30fc;
const NON_ASCII = /[^\x00-\x7f]+/g;

function isKatakana(code: number): boolean {
  return code >= 0x30a1 && code <= 0x30fa;
}

// Small kana written for glides and the geminate mark are spelled both ways by customers (ヴァ/ヴア, old
// systems without small kana); folding them to full-size kana makes both spellings meet.
const SMALL_TO_LARGE: Record<number, number> = {
  0x3041: 0x3042, 0x3043: 0x3044, 0x3045: 0x3046, 0x3047: 0x3048, 0x3049: 0x304a,
  0x3063: 0x3064, 0x3083: 0x3084, 0x3085: 0x3086, 0x3087: 0x3088, 0x308e: 0x308f,
  0x3095: 0x304b, 0x3096: 0x3051,
};

function isCombining(code: number): boolean {
  return (
    (code >= 0x300 && code <= 0x36f) || code === 0x3099 || code === 0x309a || code === 0xff9e || code === 0xff9f
  );
}

/** Characters NFKC leaves alone and case folding cannot touch: the common case, kept off the slow path. */
function isStable(code: number): boolean {
  return (
    (code >= 0x61 && code <= 0x7a) || (code >= 0x30 && code <= 0x39) || code === 0x20 ||
    (code >= 0x4e00 && code <= 0x9fff) || (code >= 0x3041 && code <= 0x3096) || (code >= 0x30a1 && code <= 0x30fa)
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
  // ASCII needs only case folding and maps one to one; only the other stretches take the slow path.
  const offsets: number[] = [];
  let text = '';
  let at = 0;
  NON_ASCII.lastIndex = 0;
  for (let match = NON_ASCII.exec(source); match; match = NON_ASCII.exec(source)) {
    let start = match.index;
    // A combining mark belongs to the character before it.
    if (start > at && isCombining(source.charCodeAt(start))) start--;
    text += asciiLower(source, at, start, offsets);
    text += normalizeSegment(source.slice(start, NON_ASCII.lastIndex), start, offsets);
    at = NON_ASCII.lastIndex;
  }
  text += asciiLower(source, at, source.length, offsets);
  offsets.push(source.length);
  return { text, offsets };
}

function asciiLower(source: string, from: number, to: number, offsets: number[]): string {
  for (let k = from; k < to; k++) offsets.push(k);
  return source.slice(from, to).toLowerCase();
}

function normalizeSegment(source: string, base: number, offsets: number[]): string {
  // Pass 1: NFKC per grapheme-ish cluster (base + combining marks), so every output unit maps to a source offset.
  const units: number[] = [];
  const from: number[] = [];
  const n = source.length;
  let i = 0;
  while (i < n) {
    const code = source.charCodeAt(i);
    if (isStable(code) && !(i + 1 < n && isCombining(source.charCodeAt(i + 1)))) {
      units.push(code);
      from.push(i);
      i++;
      continue;
    }
    let end = i + 1;
    if (code >= 0xd800 && code <= 0xdbff && end < n) end++;
    while (end < n && isCombining(source.charCodeAt(end))) end++;
    const mapped = source.slice(i, end).normalize('NFKC');
    for (let k = 0; k < mapped.length; k++) {
      units.push(mapped.charCodeAt(k));
      from.push(i);
    }
    i = end;
  }
  // Pass 2: long vowels, kana folding, case and diacritics.
  let out = '';
  for (let k = 0; k < units.length; k++) {
    let code = units[k]!;
    if (code === LONG_VOWEL) {
      const prev = k > 0 ? units[k - 1]! : 0;
      const next = k + 1 < units.length ? units[k + 1]! : 0;
      // Only a mark closing a katakana word varies in spelling (JIS Z 8301); one inside a word stays.
      if (isKatakana(prev) && !isKatakana(next) && next !== LONG_VOWEL) continue;
    } else if (code >= 0x30a1 && code <= 0x30f6) {
      code -= 0x60;
    }
    const large = SMALL_TO_LARGE[code];
    if (large !== undefined) code = large;
    let piece = String.fromCharCode(code);
    if (code >= 0x41 && code <= 0x5a) piece = String.fromCharCode(code + 32);
    else if (code >= 0xc0 && !(code >= 0x3000 && code <= 0x9fff)) {
      if (code >= 0xd800 && code <= 0xdbff && k + 1 < units.length) {
        piece += String.fromCharCode(units[k + 1]!);
        k++;
      }
      // Latin diacritics only: decomposing kana would separate voicing marks, so only U+0300–U+036F go.
      piece = piece.toLowerCase().normalize('NFD').replace(/[\u0300-\u036f]/g, '').normalize('NFC');
    }
    for (let p = 0; p < piece.length; p++) offsets.push(base + from[k]!);
    out += piece;
  }
  return out;
}

/** {@link normalizeWithOffsets} without the offset map. */
export function normalize(text: string): string {
  return normalizeWithOffsets(text).text;
}
