import { z } from 'zod';
import { EntryId } from './entry.ts';
import { LocaleCode } from './locale.ts';

/**
 * One section of one entry in one locale: the unit the search engine indexes, so that a hit can point at
 * the passage that answers. An entry yields one document for the text before its first heading (`anchor`
 * null) and one per `##`/`###` heading. Written by the build to `dist/data/<locale>/search-documents.json`.
 */
export const SearchDocument = z
  .object({
    /** `<entry>` for the lead section, `<entry>#<anchor>` for a headed one; unique within a locale. */
    id: z.string().min(1),
    entry: EntryId,
    type: z.enum(['faq', 'article']),
    /** Locale the text is in; differs from the file's locale when the entry is shown from a fallback. */
    locale: LocaleCode,
    /** Set when this locale has no translation and the text comes from that locale instead. */
    fallbackFrom: LocaleCode.optional(),
    title: z.string(),
    aliases: z.array(z.string()),
    tags: z.array(z.string()),
    summary: z.string().optional(),
    /** Headings from the outermost down to this section's own; empty for the lead section. */
    headings: z.array(z.string()),
    /** Heading id of the section (the same in every locale), or null for the lead section. */
    anchor: z.string().nullable(),
    /** The section's plain text: inline markup removed, code and table cells kept, blocks on new lines. */
    text: z.string(),
    product: z.string().optional(),
    resources: z.array(z.string()),
    category: z.string(),
    /** Root-relative URL of the KB page of this section. */
    url: z.string(),
    updated: z.string(),
  })
  .strict();
export type SearchDocument = z.infer<typeof SearchDocument>;

export const SearchDocumentsFile = z.object({ version: z.literal(1), locale: LocaleCode, documents: z.array(SearchDocument) }).strict();
export type SearchDocumentsFile = z.infer<typeof SearchDocumentsFile>;
