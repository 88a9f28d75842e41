import { z } from 'zod';
import { LocaleCode } from './locale.ts';

/** Stable identifier of an entry, shared by all its translations; it is also the URL slug. */
export const EntryId = z
  .string()
  .regex(/^[a-z0-9]+(-[a-z0-9]+)*$/, 'lowercase letters, digits and single hyphens, e.g. "reset-password"')
  .max(80);

/** A calendar date written `YYYY-MM-DD`, checked to exist. */
export const IsoDate = z
  .string()
  .regex(/^\d{4}-\d{2}-\d{2}$/, 'a date written YYYY-MM-DD')
  .refine((s) => {
    const d = new Date(`${s}T00:00:00Z`);
    return !Number.isNaN(d.getTime()) && d.toISOString().startsWith(s);
  }, 'a real calendar date');

/** `<system>:<kind>:<id>` of an imported entry's original, e.g. `zendesk:article:360001234` or `docusaurus:docs/setup.md`. */
export const ImportedFrom = z.string().regex(/^[a-z]+:\S+$/, 'the source system, a colon and its id, e.g. "zendesk:article:360001234"');

/**
 * A URL an entry used to be served at, as a path of this site: `/hc/ja/articles/360001234-Reset`. No host (a
 * redirect can only answer on the host that serves it), no query or fragment (hosts match paths), no dot segments.
 */
export const PreviousUrl = z
  .string()
  .max(400)
  .regex(/^\/(?!\/)[^?#\s\\"<>]*$/, 'a path starting with a single "/", without "?", "#", quotes or spaces, e.g. "/hc/ja/articles/123-reset"')
  .refine((s) => !s.split('/').some((part) => part === '.' || part === '..'), 'no "." or ".." segments');

/** Longest title we accept: longer ones are cut off in search results and browser tabs. */
export const TITLE_MAX = 120;
export const SUMMARY_MAX = 300;

/**
 * Frontmatter of one Markdown file under `content/<locale>/`. The file body is the entry's text.
 *
 * ```yaml
 * id: reset-password
 * type: faq
 * title: パスワードを忘れました
 * product: groupware
 * category: accounts
 * updated: 2026-10-01
 * ```
 */
export const EntryFrontmatter = z
  .object({
    id: EntryId,
    type: z.enum(['faq', 'article']),
    /** For a FAQ, the question as a customer would ask it. */
    title: z.string().trim().min(1).max(TITLE_MAX),
    summary: z.string().trim().min(1).max(SUMMARY_MAX).optional(),
    /** Product id from the site config; omitted for entries that apply to every product. */
    product: z.string().min(1).optional(),
    /** Resource ids of `product` this entry is about (a boost when the host app sets that context). */
    resources: z.array(z.string().min(1)).default([]),
    category: z.string().min(1),
    tags: z.array(z.string().trim().min(1)).default([]),
    /** Other ways customers ask the same thing; searched like the title. */
    aliases: z.array(z.string().trim().min(1).max(TITLE_MAX)).default([]),
    related: z.array(EntryId).default([]),
    updated: IsoDate,
    /** When the entry was first published (structured data's `datePublished`); `updated` when omitted. */
    published: IsoDate.optional(),
    reviewed: IsoDate.optional(),
    draft: z.boolean().default(false),
    /** Position within its category; lower comes first, then by title. */
    order: z.number().int().optional(),
    /** Present on a translation: the source it was translated from and the hash of that source's text. */
    source: z
      .object({
        locale: LocaleCode,
        hash: z.string().regex(/^[0-9a-f]{16}$/, 'the 16-hex-digit hash printed by `npm run i18n:status`'),
      })
      .strict()
      .optional(),
    // Migration fields (`npm run import`, redirects): additive, so entries written before them stay valid.
    /** Where an imported entry came from (`zendesk:article:360001234`); a re-import finds the entry by it. */
    importedFrom: ImportedFrom.optional(),
    /** Root-relative URLs this entry used to have (an old help center's, or its own before a rename); each becomes a redirect. */
    previousUrls: z.array(PreviousUrl).default([]),
  })
  .strict();
export type EntryFrontmatter = z.infer<typeof EntryFrontmatter>;
export type EntryType = EntryFrontmatter['type'];
