import { z } from 'zod';
import { EntryId } from './entry.ts';
import { LocaleCode } from './locale.ts';

export const TocItem = z.object({ id: z.string(), text: z.string(), depth: z.number().int().min(2).max(6) }).strict();
export type TocItem = z.infer<typeof TocItem>;

/** A link from one entry to another, resolved for the locale it is shown in. */
export const EntryRef = z.object({ id: EntryId, title: z.string(), url: z.string(), type: z.enum(['faq', 'article']) }).strict();
export type EntryRef = z.infer<typeof EntryRef>;

/** Fields shared by the catalog line and the full payload of an entry in one locale. */
const EntryCard = {
  id: EntryId,
  type: z.enum(['faq', 'article']),
  locale: LocaleCode,
  title: z.string(),
  summary: z.string().optional(),
  product: z.string().optional(),
  resources: z.array(z.string()),
  category: z.string(),
  tags: z.array(z.string()),
  updated: z.string(),
  /** First published, when the entry says so (else `updated` stands for it). */
  published: z.string().optional(),
  url: z.string(),
  order: z.number().int().optional(),
  /** The locale the text comes from when this locale has no translation of the entry. */
  fallbackFrom: LocaleCode.optional(),
  /** Present when the translation was made from an older version of its source. */
  stale: z.object({ sourceLocale: LocaleCode, sourceUrl: z.string(), sourceUpdated: z.string() }).strict().optional(),
};

/** One line of `dist/data/<locale>/catalog.json`: what lists and the widget's start view need. */
export const CatalogEntry = z.object(EntryCard).strict();
export type CatalogEntry = z.infer<typeof CatalogEntry>;

export const Catalog = z.object({ version: z.literal(1), locale: LocaleCode, entries: z.array(CatalogEntry) }).strict();
export type Catalog = z.infer<typeof Catalog>;

/** `dist/data/<locale>/entries/<id>.json`: an entry ready to show, loaded when it is opened. */
export const EntryPayload = z
  .object({
    ...EntryCard,
    aliases: z.array(z.string()),
    reviewed: z.string().optional(),
    /** Sanitized HTML of the body. */
    html: z.string(),
    toc: z.array(TocItem),
    related: z.array(EntryRef),
    /** Every locale the entry can be shown in, and whether it is a real translation there. */
    alternates: z.array(z.object({ locale: LocaleCode, url: z.string(), translated: z.boolean() }).strict()),
    /** The Markdown file the text comes from, relative to the content folder (`en/billing/invoices.md`). */
    sourcePath: z.string().optional(),
  })
  .strict();
export type EntryPayload = z.infer<typeof EntryPayload>;
