import { normalize, normalizeWithOffsets } from './normalize.ts';
import { stem } from './stem.ts';
import { STOP_WORDS } from './stop-words.ts';

/** One indexed or queried unit of text. */
export interface Token {
  /** The term as stored in the index (normalized, stemmed for words, or a character bigram/unigram). */
  term: string;
  /** The normalized surface form before stemming (for prefix matching and typo correction). */
  surface: string;
  /** 'w' a word of a space-delimited script, 'b' a CJK bigram, 'u' a single CJK character, 'g' a character
   *  n-gram of a word (term `#` + n-gram; only when asked for). */
  kind: 'w' | 'b' | 'u' | 'g';
  /** Ordinal of the token in the text, for proximity. */
  position: number;
  /** Source offsets of the token (UTF-16, end exclusive). */
  start: number;
  end: number;
  /** Set on a Japanese bigram that likely straddles a word boundary (a kana particle, or hiragana next to
   *  another script): it says less about the topic, so queries weigh it less (see Profile.boundaryWeight). */
  boundary?: true;
}

/** How text of one locale is analyzed: the same settings apply at index and at query time. */
export interface Analyzer {
  locale: string;
  /**
   * Tokens of `text`. With `only`, returns just the tokens whose term is in it (and skips the work of
   * stemming words that cannot be): what highlighting needs.
   */
  analyze(text: string, only?: ReadonlySet<string>, grams?: number): Token[];
  /**
   * The terms `analyze(text, undefined, grams)` would return, in the same order, handed to `sink` without
   * building tokens or an offset map: what indexing needs, at a fraction of the allocations. Positions and
   * `at` refer to the normalized text.
   */
  scan(text: string, sink: TermSink, grams?: number): void;
  /** True if the normalized word `w` (a Latin-script word, unstemmed) is a stop word. */
  isStopWord(w: string): boolean;
}

const WORD_CHAR = /[\p{L}\p{N}\p{M}]/u;

/** Scripts written without spaces between words: indexed as overlapping character bigrams. */
function isCjk(code: number): boolean {
  return (
    (code >= 0x3041 && code <= 0x309f) ||
    code === 0x30fc ||
    (code >= 0x30a0 && code <= 0x30ff) ||
    (code >= 0x3400 && code <= 0x4dbf) ||
    (code >= 0x4e00 && code <= 0x9fff) ||
    code === 0x3005 ||
    code === 0x3006 ||
    (code >= 0xf900 && code <= 0xfaff) ||
    (code >= 0xac00 && code <= 0xd7af) ||
    (code >= 0x1100 && code <= 0x11ff) ||
    (code >= 0x3130 && code <= 0x318f) ||
    (code >= 0x0e00 && code <= 0x0e7f) ||
    (code >= 0xd800 && code <= 0xdbff)
  );
}

/** Han ideographs (and the iteration marks), which are indexed as unigrams beside the bigrams. */
function isIdeograph(code: number): boolean {
  return (code >= 0x3400 && code <= 0x4dbf) || (code >= 0x4e00 && code <= 0x9fff) || (code >= 0xf900 && code <= 0xfaff) || code === 0x3005;
}

function isWordChar(code: number, ch: string): boolean {
  if ((code >= 0x61 && code <= 0x7a) || (code >= 0x30 && code <= 0x39)) return true;
  if (code < 0x80) return false;
  return WORD_CHAR.test(ch);
}

function isApostrophe(code: number): boolean {
  return code === 0x27 || code === 0x2019;
}

function languageOf(locale: string): string {
  return locale.split('-')[0]!.toLowerCase();
}

/** Writing system of a CJK character as the customer wrote it (katakana is folded to hiragana later). */
const Script = { Other: 0, Hiragana: 1, Katakana: 2, Han: 3 } as const;

function scriptOf(code: number): number {
  if (code >= 0x3041 && code <= 0x309f) return Script.Hiragana;
  if ((code >= 0x30a0 && code <= 0x30ff) || (code >= 0xff66 && code <= 0xff9f)) return Script.Katakana;
  if (isIdeograph(code)) return Script.Han;
  return Script.Other;
}

/** Hiragana that are case particles nearly everywhere they stand between words. */
const PARTICLES = new Set(['の', 'は', 'が', 'を', 'に', 'で', 'と', 'も', 'へ', 'や', 'か']);

/**
 * Hiragana pairs that are, in running text, nearly always a function word or an inflection (から "from",
 * ない "not", する "do"; pairs the stop words already drop, like ある, are not repeated). Katakana folds to
 * hiragana, so a bigram inside a katakana word can fold onto one of them (アンカラ → あんから, ナイフ → ないふ)
 * and would then match every から of every text at full weight.
 */
const FUNCTION_PAIRS = new Set('から まで より ので のに には では への だけ ほど しか こと もの する ない なる'.split(' '));

/**
 * Whether the bigram of source characters `a`, `b` (normalized `gram`) likely straddles a word boundary:
 * hiragana beside katakana or a Han character (a particle or inflection after a word, 雨の, の期), or a
 * hiragana pair with a particle (のは). Such bigrams recur in every text and match across words.
 */
function straddles(a: number, b: number, gram: string): boolean {
  // The long-vowel mark belongs to the word it lengthens, whatever its script.
  if (a === 0x30fc || b === 0x30fc) return false;
  const sa = scriptOf(a);
  const sb = scriptOf(b);
  if (sa === Script.Hiragana && sb === Script.Hiragana) return PARTICLES.has(gram[0]!) || PARTICLES.has(gram[1]!);
  // Not a boundary, but as weak evidence as one: the index's postings of the folded pair are the function word's.
  if (sa === Script.Katakana && sb === Script.Katakana) return FUNCTION_PAIRS.has(gram);
  return (sa === Script.Hiragana) !== (sb === Script.Hiragana) && sa !== Script.Other && sb !== Script.Other;
}

/** Bigrams lying inside a CJK stop word (as `pairKey`s): function words contribute nothing to which text answers. */
function stopBigrams(words: ReadonlySet<string> | undefined): Set<number> {
  const out = new Set<number>();
  if (!words) return out;
  for (const w of words) {
    const n = normalizeWithOffsets(w).text;
    if (!isCjk(n.charCodeAt(0))) continue;
    for (let i = 0; i + 1 < n.length; i++) out.add(pairKey(n.charCodeAt(i), n.charCodeAt(i + 1)));
  }
  return out;
}

/** A CJK bigram as one number (two UTF-16 units). */
export function pairKey(c0: number, c1: number): number {
  return c0 * 0x10000 + c1;
}

/**
 * Receives the terms of a text in order, as {@link Analyzer.scan} finds them: bigrams and single CJK
 * characters as character codes (no string is made for them), words and word n-grams as strings.
 * `at` is the index of the term in the normalized text; `end` (words) one past its last unit there.
 */
export interface TermSink {
  pair(c0: number, c1: number, position: number, at: number): void;
  char(c: number, position: number, at: number): void;
  word(term: string, surface: string, position: number, at: number, end: number): void;
  /** Character n-grams of a word (only when n-grams are asked for); the term includes its `#`. */
  gram?(term: string, surface: string, position: number, at: number, end: number): void;
}

/**
 * Returns the analyzer of `locale`. Latin-script words are folded and, for English (and for Latin words
 * inside CJK text, which are nearly always English), lightly stemmed; stop words of the language are
 * dropped. CJK runs become overlapping bigrams, or a unigram when the run is one character long; Han
 * ideographs are also indexed as unigrams.
 *
 * @example
 * createAnalyzer('en').analyze('Resetting passwords').map((t) => t.term) // ['reset', 'password']
 * createAnalyzer('ja').analyze('梅雨前線').map((t) => t.term)
 * // ['梅', '梅雨', '雨', '雨前', '前', '前線', '線']
 */
export function createAnalyzer(locale: string): Analyzer {
  const language = languageOf(locale);
  const words = STOP_WORDS[language];
  const latinStops = words && language !== 'ja' && language !== 'zh' && language !== 'ko' ? words : STOP_WORDS.en!;
  const stemWords = language === 'en' || language === 'ja' || language === 'zh' || language === 'ko';
  const cjkStops = stopBigrams(words);
  // A one-character stop word (何, 誰) also spoils every bigram it is part of (何年, は何).
  const cjkStopChars = new Set([...(words ?? [])].filter((w) => w.length === 1 && isCjk(w.charCodeAt(0))).map((w) => w.charCodeAt(0)));
  const isStopWord = (w: string): boolean => latinStops.has(w);
  // Words recur: indexing 10,000 English entries stems each distinct word once instead of at every
  // occurrence. Bounded, as a widget may run for long.
  const stems = new Map<string, string>();
  const stemOf = (word: string): string => {
    let stemmed = stems.get(word);
    if (stemmed === undefined) {
      if (stems.size >= 100_000) stems.clear();
      stems.set(word, (stemmed = stem(word)));
    }
    return stemmed;
  };

  /**
   * The one tokenizer behind `analyze` and `scan`, over normalized text. `wantWord` (highlighting) skips
   * the stemming of words that cannot matter.
   */
  function tokenize(text: string, sink: TermSink, grams: number, wantWord?: (word: string) => boolean): void {
    let position = 0;
    const n = text.length;
    let i = 0;
    while (i < n) {
      const code = text.charCodeAt(i);
      if (isCjk(code)) {
        let end = i + 1;
        while (end < n && isCjk(text.charCodeAt(end))) end++;
        if (end - i === 1) {
          if (!cjkStopChars.has(code)) sink.char(code, position, i);
          position++;
        } else {
          let c0 = code;
          for (let k = i; k + 1 < end; k++) {
            const c1 = text.charCodeAt(k + 1);
            // Ideographs also stand alone: they carry meaning by themselves, and one-character
            // queries (雨) must find them wherever they are.
            const stop0 = cjkStopChars.has(c0);
            if (!stop0 && isIdeograph(c0)) sink.char(c0, position, k);
            if (!stop0 && !cjkStopChars.has(c1) && !cjkStops.has(pairKey(c0, c1))) sink.pair(c0, c1, position, k);
            position++;
            c0 = c1;
          }
          if (isIdeograph(c0) && !cjkStopChars.has(c0)) sink.char(c0, position, end - 1);
          position++;
        }
        i = end;
        continue;
      }
      if (isWordChar(code, text[i]!)) {
        let end = i;
        let apostrophes = false;
        while (end < n) {
          const c = text.charCodeAt(end);
          if ((c >= 0x61 && c <= 0x7a) || (c >= 0x30 && c <= 0x39)) {
            end++;
            continue;
          }
          if (isCjk(c)) break;
          if (isApostrophe(c) && end + 1 < n && isWordChar(text.charCodeAt(end + 1), text[end + 1]!)) apostrophes = true;
          else if (!isWordChar(c, text[end]!)) break;
          end++;
        }
        const raw = text.slice(i, end);
        const word = apostrophes ? raw.replace(/['\u2019]/g, '') : raw;
        if (!isStopWord(word)) {
          if (grams && sink.gram && word.length >= grams) {
            // Character n-grams of the word, with its edges marked: they still match when the word is
            // misspelled, inflected differently or split ("git hub").
            const padded = `^${word}$`;
            for (let g = 0; g + grams <= padded.length; g++) sink.gram(`#${padded.slice(g, g + grams)}`, word, position, i, end);
          }
          if (!wantWord || wantWord(word)) sink.word(stemWords ? stemOf(word) : word, word, position, i, end);
        }
        position++;
        i = end;
        continue;
      }
      i++;
    }
  }

  function analyze(source: string, only?: ReadonlySet<string>, grams = 0): Token[] {
    const { text, offsets } = normalizeWithOffsets(source);
    const tokens: Token[] = [];
    let wantWord: ((word: string) => boolean) | undefined;
    if (only) {
      // Stemming keeps the first two letters, so a word whose first two differ cannot match `only`.
      const heads = new Set<string>();
      for (const term of only) heads.add(term.slice(0, 2));
      wantWord = (word) => heads.has(word.slice(0, 2));
    }
    const sink: TermSink = {
      pair(c0, c1, position, at) {
        const term = String.fromCharCode(c0, c1);
        if (only && !only.has(term)) return;
        const token: Token = { term, surface: term, kind: 'b', position, start: offsets[at]!, end: offsets[at + 2]! };
        if (straddles(source.charCodeAt(offsets[at]!), source.charCodeAt(offsets[at + 1]!), term)) token.boundary = true;
        tokens.push(token);
      },
      char(c, position, at) {
        const term = String.fromCharCode(c);
        if (only && !only.has(term)) return;
        tokens.push({ term, surface: term, kind: 'u', position, start: offsets[at]!, end: offsets[at + 1]! });
      },
      word(term, surface, position, at, end) {
        if (only && !only.has(term)) return;
        tokens.push({ term, surface, kind: 'w', position, start: offsets[at]!, end: offsets[end]! });
      },
    };
    if (grams && !only) {
      sink.gram = (term, surface, position, at, end) => {
        tokens.push({ term, surface, kind: 'g', position, start: offsets[at]!, end: offsets[end]! });
      };
    }
    tokenize(text, sink, grams, wantWord);
    return tokens;
  }

  function scan(source: string, sink: TermSink, grams = 0): void {
    tokenize(normalize(source), sink, grams);
  }

  return { locale, analyze, scan, isStopWord };
}
