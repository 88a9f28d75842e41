import type { SearchDocument } from '../content/schema/search-document.ts';
import { createAnalyzer } from './analyze.ts';
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

interface Draft {
  /** Term frequency per field. */
  tf: number[];
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
  const lengths: number[][] = [];
  const drafts = new Map<string, Map<number, Draft>>();

  for (const [entryId, docs] of byEntry) {
    const lead = docs.find((d) => d.anchor === null) ?? docs[0]!;
    const record: EntryRecord = { resources: lead.resources, tags: lead.tags };
    if (lead.product !== undefined) record.product = lead.product;
    if (lead.fallbackFrom !== undefined) record.fallbackFrom = lead.fallbackFrom;
    const entryIndex = entries.push(record) - 1;
    for (const doc of docs) {
      const docIndex = sections.length;
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
      sections.push(section);
      sectionEntry.push(entryIndex);
      const texts = fieldTexts(doc);
      const docLengths: number[] = [];
      for (let f = 0; f < FIELDS.length; f++) {
        const tokens = analyzer.analyze(texts[f]!);
        docLengths.push(tokens.length);
        for (const token of tokens) {
          let perDoc = drafts.get(token.term);
          if (!perDoc) drafts.set(token.term, (perDoc = new Map()));
          let draft = perDoc.get(docIndex);
          if (!draft) perDoc.set(docIndex, (draft = { tf: FIELDS.map(() => 0) }));
          draft.tf[f]!++;
        }
      }
      lengths.push(docLengths);
    }
  }

  const n = sections.length;
  const avg = FIELDS.map((_, f) => {
    let sum = 0;
    for (const l of lengths) sum += l[f]!;
    return n ? sum / n || 1 : 1;
  });
  const weights = FIELDS.map((name) => profile.fields[name].weight);
  const bs = FIELDS.map((name) => profile.fields[name].b);

  const postings = new Map<string, Postings>();
  for (const [term, perDoc] of drafts) {
    const ids = [...perDoc.keys()].sort((a, b) => a - b);
    const docs = new Uint32Array(ids);
    const impacts = new Uint8Array(ids.length);
    ids.forEach((id, k) => {
      const draft = perDoc.get(id)!;
      const tf = draft.tf;
      let pseudo = 0;
      for (let f = 0; f < FIELDS.length; f++) {
        if (!tf[f]) continue;
        const norm = 1 - bs[f]! + (bs[f]! * lengths[id]![f]!) / avg[f]!;
        pseudo += (weights[f]! * tf[f]!) / norm;
      }
      impacts[k] = quantizeImpact(pseudo / (profile.k1 + pseudo));
    });
    postings.set(term, { docs, impacts });
  }

  const terms = [...postings.keys()].sort();
  const words = terms.filter((t) => /^[\p{L}\p{M}]/u.test(t) && !/^[\u3041-\u30ff\u3400-\u9fff\uac00-\ud7af]/.test(t));
  return {
    version: 1,
    locale: options.locale,
    profile,
    sectionCount: n,
    sectionEntry: new Uint32Array(sectionEntry),
    entries,
    shards: [{ first: '', path: '', terms }],
    postings,
    words,
    sections,
    chunkSize: options.chunkSize ?? 16,
  };
}
