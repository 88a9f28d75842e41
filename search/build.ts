import type { SearchDocument } from '../content/schema/search-document.ts';
import { createAnalyzer, pairKey, type TermSink } from './analyze.ts';
import { FIELDS, profileFor, type Profile } from './profile.ts';
import type { EntryRecord, Postings, SearchIndex, SectionRecord } from './search-index.ts';

/** Options of {@link buildIndex}. */
export interface BuildOptions {
  /** Locale of the index: decides analysis and ranking profile. Documents may be in a fallback locale. */
  locale: string;
  /** Overrides of the language profile (for tuning and tests). */
  profile?: Partial<Profile>;
  /** Sections per section-text chunk file (default 16). */
  chunkSize?: number;
}

/** Field texts of one document, in the order of FIELDS. */
function fieldTexts(doc: SearchDocument): string[] {
  return [doc.title, doc.aliases.join('\n'), doc.tags.join('\n'), doc.headings.join('\n'), doc.summary ?? '', doc.text];
}

/** Impact levels kept: finer steps change no ranking measurably, and gzip codes 32 levels in about 5 bits. */
const IMPACT_LEVELS = 32;

/** Quantizes a saturation in [0, 1) to one of 32 steps stored as 8–255 (0 would mean absent). */
export function quantizeImpact(saturation: number): number {
  const level = Math.max(1, Math.min(IMPACT_LEVELS, Math.round(saturation * IMPACT_LEVELS)));
  return Math.round((level / IMPACT_LEVELS) * 255);
}

/**
 * Builds an in-memory index of the section documents of one locale. Sections of the same entry are kept
 * together in the order given; the lead section (anchor null) should come first.
 *
 * @example
 * const index = buildIndex(documents, { locale: 'en' });
 * const results = await search(index, 'reset password');
 */
export function buildIndex(documents: readonly SearchDocument[], options: BuildOptions): SearchIndex {
  const builder = new IndexBuilder(options);
  // Group sections by entry, keeping first-seen order, so that an entry's sections are consecutive.
  const byEntry = new Map<string, SearchDocument[]>();
  const seen = new Set<string>();
  for (const doc of documents) {
    if (seen.has(doc.id)) throw new Error(`search index: duplicate document id "${doc.id}"`);
    seen.add(doc.id);
    const list = byEntry.get(doc.entry);
    if (list) list.push(doc);
    else byEntry.set(doc.entry, [doc]);
  }
  for (const docs of byEntry.values()) builder.addEntry(docs);
  return builder.finish();
}

/**
 * Builds the same index as {@link buildIndex} one entry at a time, so that a caller need not hold every
 * document of a large site: each entry's sections are analyzed when added. With `keepSections` false the
 * index keeps no section records (the caller takes them from `addEntry`, to write them out itself), and
 * the finished index has an empty `sections` list.
 */
export class IndexBuilder {
  private readonly profile: Profile;
  private readonly analyzer: ReturnType<typeof createAnalyzer>;
  private readonly seen = new Set<string>();
  private readonly entries: EntryRecord[] = [];
  private readonly sections: SectionRecord[] = [];
  private readonly sectionEntry: number[] = [];
  private readonly words = new Drafts();
  private readonly grams = new Drafts();
  private readonly gramFields: boolean[];

  constructor(
    private readonly options: BuildOptions,
    private readonly keepSections = true,
  ) {
    this.profile = { ...profileFor(options.locale), ...options.profile };
    this.analyzer = createAnalyzer(options.locale);
    for (const field of this.profile.gramFields) {
      if (!ENTRY_FIELDS.includes(field)) throw new Error(`search profile: n-grams are for entry fields (${ENTRY_FIELDS.join(', ')}), not "${field}"`);
    }
    this.gramFields = FIELDS.map((name) => this.profile.gramFields.includes(name));
  }

  /** Sections added so far. */
  get sectionCount(): number {
    return this.sectionEntry.length;
  }

  /**
   * Adds the sections of one entry (all of them, lead section first, each entry once) and returns their
   * section records, in order.
   */
  addEntry(docs: readonly SearchDocument[]): SectionRecord[] {
    const { profile, analyzer, words, grams, gramFields } = this;
    if (!docs.length) return [];
    for (const doc of docs) {
      if (this.seen.has(doc.id)) throw new Error(`search index: duplicate document id "${doc.id}"`);
      if (doc.entry !== docs[0]!.entry) throw new Error(`search index: "${doc.id}" is added with the sections of another entry, "${docs[0]!.entry}"`);
      this.seen.add(doc.id);
    }
    const entryId = docs[0]!.entry;
    const lead = docs.find((d) => d.anchor === null) ?? docs[0]!;
    const record: EntryRecord = { resources: lead.resources, tags: lead.tags };
    if (lead.product !== undefined) record.product = lead.product;
    if (lead.fallbackFrom !== undefined) record.fallbackFrom = lead.fallbackFrom;
    const entryIndex = this.entries.push(record) - 1;
    if (profile.grams) {
      // N-grams of the entry's own fields are indexed once per entry, not once per section.
      const texts = fieldTexts(lead);
      grams.beginUnit(entryIndex);
      for (let f = 0; f < FIELDS.length; f++) {
        grams.beginField(f);
        if (gramFields[f]) analyzer.scan(texts[f]!, grams.gramSink, profile.grams);
      }
      grams.endUnit();
    }
    // Title, aliases and tags repeat in every section of the entry: analyze them once.
    const repeated = new Map<string, number[]>();
    const added: SectionRecord[] = [];
    for (const doc of docs) {
      const section: SectionRecord = {
        id: doc.id,
        entry: entryId,
        type: doc.type,
        anchor: doc.anchor,
        title: doc.title,
        headings: doc.headings,
        url: doc.url,
        text: doc.summary && doc.anchor === null ? `${doc.summary}\n${doc.text}` : doc.text,
      };
      if (doc.fallbackFrom !== undefined) section.fallbackFrom = doc.fallbackFrom;
      added.push(section);
      if (this.keepSections) this.sections.push(section);
      const texts = fieldTexts(doc);
      words.beginUnit(this.sectionEntry.length);
      for (let f = 0; f < FIELDS.length; f++) {
        words.beginField(f);
        const text = texts[f]!;
        if (!REPEATED_FIELDS.has(FIELDS[f]!)) {
          analyzer.scan(text, words.termSink);
          continue;
        }
        const ids = repeated.get(text);
        if (ids) words.addIds(ids);
        else
          repeated.set(
            text,
            words.recordScan(() => analyzer.scan(text, words.termSink)),
          );
      }
      words.endUnit();
      this.sectionEntry.push(entryIndex);
    }
    return added;
  }

  /** The index of everything added (the builder is not to be used afterwards). */
  finish(): SearchIndex {
    const { profile, sections } = this;
    const sectionCount = this.sectionEntry.length;
    const postings = new Map<string, Postings>();
    this.words.finish(profile, postings);
    this.grams.finish(profile, postings);
    const terms = [...postings.keys()].sort();
    const common = new Set<string>();
    if (profile.commonShare > 0) {
      for (const [term, p] of postings) if (!term.startsWith('#') && p.docs.length > profile.commonShare * sectionCount) common.add(term);
    }
    return {
      common,
      version: 1,
      locale: this.options.locale,
      profile,
      sectionCount,
      sectionEntry: new Uint32Array(this.sectionEntry),
      entries: this.entries,
      shards: [{ first: '', path: '', terms }],
      postings,
      words: terms.filter(isCorrectable),
      sections,
      chunkSize: this.options.chunkSize ?? 16,
    };
  }
}

/** Latin-script words: what typo correction may propose. */
function isCorrectable(term: string): boolean {
  return !term.startsWith('#') && /^[\p{L}\p{M}]/u.test(term) && !/^[\u3041-\u30ff\u3400-\u9fff\uac00-\ud7af]/.test(term);
}

/** Fields every section of an entry carries alike. */
const REPEATED_FIELDS: ReadonlySet<string> = new Set(['title', 'aliases', 'tags']);

/** Fields that belong to the entry rather than to one section. */
const ENTRY_FIELDS: readonly string[] = ['title', 'aliases', 'tags', 'summary'];

/** A growable array of unsigned 32-bit integers. */
class U32List {
  data = new Uint32Array(1024);
  length = 0;

  push(value: number): void {
    if (this.length === this.data.length) {
      const next = new Uint32Array(this.data.length * 2);
      next.set(this.data);
      this.data = next;
    }
    this.data[this.length++] = value;
  }
}

/** log2 of the rows per block of a {@link U32Blocks}. */
const BLOCK_BITS = 18;
const BLOCK_MASK = (1 << BLOCK_BITS) - 1;

/**
 * A growable array of unsigned 32-bit integers in fixed-size blocks: it never copies itself to grow (a
 * doubling array briefly needs three times its size, and wastes up to half of it), and a reader that is
 * done with a block can let it go.
 */
class U32Blocks {
  blocks: (Uint32Array | null)[] = [];
  length = 0;

  push(value: number): void {
    const b = this.length >>> BLOCK_BITS;
    if (b === this.blocks.length) this.blocks.push(new Uint32Array(1 << BLOCK_BITS));
    this.blocks[b]![this.length++ & BLOCK_MASK] = value;
  }
}

/**
 * Term ids of CJK bigrams and single characters, keyed by their character codes (`pairKey`, or the code
 * itself): an open-addressing table, so that indexing makes no string for a bigram it has seen before.
 */
class CodeTable {
  private keys = new Uint32Array(1 << 16);
  private ids = new Int32Array(1 << 16);
  private size = 0;

  /** The id of `key` (non-zero), or -1. */
  get(key: number): number {
    const mask = this.keys.length - 1;
    for (let h = (Math.imul(key, 0x9e3779b1) >>> 0) & mask; ; h = (h + 1) & mask) {
      const k = this.keys[h]!;
      if (k === key) return this.ids[h]!;
      if (k === 0) return -1;
    }
  }

  set(key: number, id: number): void {
    if (2 * (this.size + 1) > this.keys.length) this.grow();
    const mask = this.keys.length - 1;
    let h = (Math.imul(key, 0x9e3779b1) >>> 0) & mask;
    while (this.keys[h] !== 0) h = (h + 1) & mask;
    this.keys[h] = key;
    this.ids[h] = id;
    this.size++;
  }

  private grow(): void {
    const { keys, ids } = this;
    this.keys = new Uint32Array(keys.length * 2);
    this.ids = new Int32Array(keys.length * 2);
    this.size = 0;
    for (let h = 0; h < keys.length; h++) if (keys[h] !== 0) this.set(keys[h]!, ids[h]!);
  }
}

/**
 * Term frequencies per field of a set of units (sections, or entries for n-grams), then their postings.
 * Units are added one at a time in increasing order; a unit's frequencies are gathered in small per-unit
 * buffers and then appended to one flat log of (term, field, frequency), which `finish` sorts by term.
 * Typed arrays throughout: a 10,000-entry index holds tens of millions of these.
 */
class Drafts {
  private readonly codes = new CodeTable();
  private readonly wordIds = new Map<string, number>();
  private readonly terms: string[] = [];
  /** Per term id: the unit whose frequencies `slotOf` currently holds a slot for, and that slot. */
  private stamp = new Int32Array(1024).fill(-1);
  private slotOf = new Int32Array(1024);
  /** The current unit: its number, its terms in first-seen order, their frequencies per field, field lengths. */
  private unit = -1;
  private field = 0;
  private readonly touched: number[] = [];
  private tfs = new Uint32Array(1024 * FIELDS.length);
  private readonly unitLengths = new Uint32Array(FIELDS.length);
  private recording: number[] | undefined;
  /** The log: term id and field << 24 | frequency, one row per field a term occurs in; units' rows are
   *  consecutive, from `unitRows[unit]`. */
  private readonly logTerm = new U32Blocks();
  private readonly logTf = new U32Blocks();
  private readonly unitRows = new U32List();
  /** Field lengths of every unit, FIELDS.length per unit. */
  private readonly lengths = new U32List();

  /** Adds bigrams, single characters and words (sections). */
  readonly termSink: TermSink = {
    pair: (c0, c1) => this.addId(this.codeId(pairKey(c0, c1), c0, c1)),
    char: (c) => this.addId(this.codeId(c, c, -1)),
    word: (term) => this.addId(this.wordId(term)),
  };

  /** Adds only word n-grams (entries). */
  readonly gramSink: TermSink = {
    pair: () => {},
    char: () => {},
    word: () => {},
    gram: (term) => this.addId(this.wordId(term)),
  };

  private codeId(key: number, c0: number, c1: number): number {
    let id = this.codes.get(key);
    if (id < 0) {
      id = this.newTerm(c1 < 0 ? String.fromCharCode(c0) : String.fromCharCode(c0, c1));
      this.codes.set(key, id);
    }
    return id;
  }

  private wordId(term: string): number {
    let id = this.wordIds.get(term);
    if (id === undefined) {
      id = this.newTerm(term);
      this.wordIds.set(term, id);
    }
    return id;
  }

  private newTerm(term: string): number {
    const id = this.terms.push(term) - 1;
    if (id >= this.stamp.length) {
      const stamp = new Int32Array(this.stamp.length * 2).fill(-1);
      stamp.set(this.stamp);
      this.stamp = stamp;
      const slotOf = new Int32Array(this.slotOf.length * 2);
      slotOf.set(this.slotOf);
      this.slotOf = slotOf;
    }
    return id;
  }

  /** Starts unit `unit` (numbered from 0, each in turn). */
  beginUnit(unit: number): void {
    this.unit = unit;
    this.touched.length = 0;
    this.unitLengths.fill(0);
  }

  /** The terms added next belong to field `f` (FIELDS order). */
  beginField(f: number): void {
    this.field = f;
  }

  addId(id: number): void {
    if (this.recording) this.recording.push(id);
    const F = FIELDS.length;
    let slot: number;
    if (this.stamp[id] === this.unit) {
      slot = this.slotOf[id]!;
    } else {
      slot = this.touched.push(id) - 1;
      this.stamp[id] = this.unit;
      this.slotOf[id] = slot;
      if ((slot + 1) * F > this.tfs.length) {
        const tfs = new Uint32Array(this.tfs.length * 2);
        tfs.set(this.tfs);
        this.tfs = tfs;
      }
      this.tfs.fill(0, slot * F, (slot + 1) * F);
    }
    this.tfs[slot * F + this.field]!++;
    this.unitLengths[this.field]!++;
  }

  addIds(ids: readonly number[]): void {
    for (const id of ids) this.addId(id);
  }

  /** Runs `scan` (which adds terms) and returns the ids it added, to add them again with `addIds`. */
  recordScan(scan: () => void): number[] {
    const ids: number[] = [];
    this.recording = ids;
    scan();
    this.recording = undefined;
    return ids;
  }

  /** Ends the current unit: appends its frequencies to the log. */
  endUnit(): void {
    const F = FIELDS.length;
    const { touched, tfs } = this;
    if (this.unit !== this.unitRows.length) throw new Error(`search index: unit ${this.unit} added out of order`);
    this.unitRows.push(this.logTerm.length);
    for (let slot = 0; slot < touched.length; slot++) {
      for (let f = 0; f < F; f++) {
        const tf = tfs[slot * F + f]!;
        if (!tf) continue;
        this.logTerm.push(touched[slot]!);
        this.logTf.push((f << 24) | tf);
      }
    }
    for (let f = 0; f < F; f++) this.lengths.push(this.unitLengths[f]!);
  }

  /** Computes each posting's BM25F impact with the profile's field weights and adds the postings to `into`. */
  finish(profile: Profile, into: Map<string, Postings>): void {
    const F = FIELDS.length;
    const lengths = this.lengths.data;
    const n = this.lengths.length / F;
    const avg = FIELDS.map((_, f) => {
      let sum = 0;
      for (let u = 0; u < n; u++) sum += lengths[u * F + f]!;
      return n ? sum / n || 1 : 1;
    });
    const weights = FIELDS.map((name) => profile.fields[name].weight);
    const bs = FIELDS.map((name) => profile.fields[name].b);

    // A unit's rows hold each of its terms' fields together, in field order. Pass 1 counts the postings of
    // each term; pass 2 computes each posting's impact and places it straight at its term's next slot
    // (a counting sort by term that keeps units in order), so no sorted copy of the log is ever made.
    const termCount = this.terms.length;
    const rows = this.logTerm.length;
    const termBlocks = this.logTerm.blocks;
    const tfBlocks = this.logTf.blocks;
    const termAt = (r: number): number => termBlocks[r >>> BLOCK_BITS]![r & BLOCK_MASK]!;
    const unitRows = this.unitRows.data;
    const start = new Uint32Array(termCount + 1);
    for (let unit = 0; unit < n; unit++) {
      const end = unit + 1 < n ? unitRows[unit + 1]! : rows;
      for (let r = unitRows[unit]!; r < end; r++) if (r === unitRows[unit] || termAt(r) !== termAt(r - 1)) start[termAt(r) + 1]!++;
    }
    for (let t = 0; t < termCount; t++) start[t + 1]! += start[t]!;
    const postings = start[termCount]!;
    const next = start.slice(0, termCount);
    const docs = new Uint32Array(postings);
    const impacts = new Uint8Array(postings);
    let released = 0;
    for (let unit = 0; unit < n; unit++) {
      const end = unit + 1 < n ? unitRows[unit + 1]! : rows;
      for (let r = unitRows[unit]!; r < end; ) {
        const term = termAt(r);
        let pseudo = 0;
        for (; r < end && termAt(r) === term; r++) {
          const packed = tfBlocks[r >>> BLOCK_BITS]![r & BLOCK_MASK]!;
          const f = packed >>> 24;
          const tf = packed & 0xffffff;
          const norm = 1 - bs[f]! + (bs[f]! * lengths[unit * F + f]!) / avg[f]!;
          pseudo += (weights[f]! * tf) / norm;
        }
        const k = next[term]!++;
        docs[k] = unit;
        impacts[k] = quantizeImpact(pseudo / (profile.k1 + pseudo));
      }
      // Rows are read in order: the blocks before this unit's end are done with, while the postings fill.
      for (; released < end >>> BLOCK_BITS; released++) termBlocks[released] = tfBlocks[released] = null;
    }
    this.logTerm.blocks = [];
    this.logTf.blocks = [];
    this.logTerm.length = this.logTf.length = 0;

    // Postings of all terms in two flat arrays; each term's are a view into them.
    for (let t = 0; t < termCount; t++) {
      const first = start[t]!;
      const at = start[t + 1]!;
      into.set(this.terms[t]!, { docs: docs.subarray(first, at), impacts: impacts.subarray(first, at) });
    }
  }
}
