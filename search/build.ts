import type { SearchDocument } from '../content/schema/search-document.ts';
import { createAnalyzer, type Token } from './analyze.ts';
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
  return [
    doc.title,
    doc.aliases.join('\n'),
    doc.tags.join('\n'),
    doc.headings.join('\n'),
    doc.summary ?? '',
    doc.text,
  ];
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
  const profile: Profile = { ...profileFor(options.locale), ...options.profile };
  const analyzer = createAnalyzer(options.locale);
  for (const field of profile.gramFields) {
    if (!ENTRY_FIELDS.includes(field)) throw new Error(`search profile: n-grams are for entry fields (${ENTRY_FIELDS.join(', ')}), not "${field}"`);
  }

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

  const entries: EntryRecord[] = [];
  const sections: SectionRecord[] = [];
  const sectionEntry: number[] = [];
  const words = new Drafts();
  const grams = new Drafts();

  for (const [entryId, docs] of byEntry) {
    const lead = docs.find((d) => d.anchor === null) ?? docs[0]!;
    const record: EntryRecord = { resources: lead.resources, tags: lead.tags };
    if (lead.product !== undefined) record.product = lead.product;
    if (lead.fallbackFrom !== undefined) record.fallbackFrom = lead.fallbackFrom;
    const entryIndex = entries.push(record) - 1;
    if (profile.grams) {
      // N-grams of the entry's own fields are indexed once per entry, not once per section.
      const texts = fieldTexts(lead);
      grams.add(entryIndex, (f) => (profile.gramFields.includes(FIELDS[f]!) ? analyzer.analyze(texts[f]!, undefined, profile.grams).filter((t) => t.kind === 'g') : []));
    }
    const entryTokens = new Map<string, Token[]>();
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
      const texts = fieldTexts(doc);
      words.add(sections.push(section) - 1, (f) => {
        // Title, aliases and tags repeat in every section of the entry: analyze them once.
        if (!REPEATED_FIELDS.has(FIELDS[f]!)) return analyzer.analyze(texts[f]!);
        let tokens = entryTokens.get(texts[f]!);
        if (!tokens) entryTokens.set(texts[f]!, (tokens = analyzer.analyze(texts[f]!)));
        return tokens;
      });
      sectionEntry.push(entryIndex);
    }
  }

  const postings = new Map<string, Postings>();
  words.finish(profile, postings);
  grams.finish(profile, postings);
  const terms = [...postings.keys()].sort();
  const common = new Set<string>();
  if (profile.commonShare > 0) {
    for (const [term, p] of postings) if (!term.startsWith('#') && p.docs.length > profile.commonShare * sections.length) common.add(term);
  }
  return {
    common,
    version: 1,
    locale: options.locale,
    profile,
    sectionCount: sections.length,
    sectionEntry: new Uint32Array(sectionEntry),
    entries,
    shards: [{ first: '', path: '', terms }],
    postings,
    words: terms.filter(isCorrectable),
    sections,
    chunkSize: options.chunkSize ?? 16,
  };
}

/** Latin-script words: what typo correction may propose. */
function isCorrectable(term: string): boolean {
  return !term.startsWith('#') && /^[\p{L}\p{M}]/u.test(term) && !/^[\u3041-\u30ff\u3400-\u9fff\uac00-\ud7af]/.test(term);
}

/** Fields every section of an entry carries alike. */
const REPEATED_FIELDS: ReadonlySet<string> = new Set(['title', 'aliases', 'tags']);

/** Fields that belong to the entry rather than to one section. */
const ENTRY_FIELDS: readonly string[] = ['title', 'aliases', 'tags', 'summary'];

/** Term frequencies per field of a set of units (sections, or entries for n-grams), then their postings. */
class Drafts {
  private readonly ids = new Map<string, number>();
  private readonly terms: string[] = [];
  /** Per term: the units it occurs in, in the order added (increasing). */
  private readonly units: number[][] = [];
  /** Per term: FIELDS.length frequencies per unit, flattened. */
  private readonly tfs: number[][] = [];
  private readonly lengths: number[][] = [];

  /** Adds unit `unit` (numbered from 0, in increasing order), whose field `f` has the tokens `tokensOf(f)`. */
  add(unit: number, tokensOf: (f: number) => readonly Token[]): void {
    const unitLengths: number[] = [];
    for (let f = 0; f < FIELDS.length; f++) {
      const tokens = tokensOf(f);
      unitLengths.push(tokens.length);
      for (const token of tokens) {
        let id = this.ids.get(token.term);
        if (id === undefined) {
          id = this.terms.push(token.term) - 1;
          this.ids.set(token.term, id);
          this.units.push([]);
          this.tfs.push([]);
        }
        const units = this.units[id]!;
        const tfs = this.tfs[id]!;
        if (units[units.length - 1] !== unit) {
          units.push(unit);
          for (let k = 0; k < FIELDS.length; k++) tfs.push(0);
        }
        tfs[(units.length - 1) * FIELDS.length + f]!++;
      }
    }
    this.lengths[unit] = unitLengths;
  }

  /** Computes each posting's BM25F impact with the profile's field weights and adds the postings to `into`. */
  finish(profile: Profile, into: Map<string, Postings>): void {
    const { lengths } = this;
    const n = lengths.length;
    const F = FIELDS.length;
    const avg = FIELDS.map((_, f) => {
      let sum = 0;
      for (const l of lengths) sum += l[f]!;
      return n ? sum / n || 1 : 1;
    });
    const weights = FIELDS.map((name) => profile.fields[name].weight);
    const bs = FIELDS.map((name) => profile.fields[name].b);
    this.terms.forEach((term, id) => {
      const units = this.units[id]!;
      const tfs = this.tfs[id]!;
      const impacts = new Uint8Array(units.length);
      for (let k = 0; k < units.length; k++) {
        const unitLengths = lengths[units[k]!]!;
        let pseudo = 0;
        for (let f = 0; f < F; f++) {
          const tf = tfs[k * F + f]!;
          if (!tf) continue;
          const norm = 1 - bs[f]! + (bs[f]! * unitLengths[f]!) / avg[f]!;
          pseudo += (weights[f]! * tf) / norm;
        }
        impacts[k] = quantizeImpact(pseudo / (profile.k1 + pseudo));
      }
      into.set(term, { docs: new Uint32Array(units), impacts });
    });
  }
}
