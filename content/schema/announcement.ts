import { z } from 'zod';
import { EntryId, TITLE_MAX } from './entry.ts';
import { LocaleCode } from './locale.ts';

/**
 * A moment written with its offset, `2026-12-01T09:00:00+09:00` or `…Z`: a time without one would mean a
 * different moment for every reader's clock.
 */
export const IsoDateTime = z
  .string()
  .regex(
    /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2}(\.\d{1,3})?)?(Z|[+-]\d{2}:\d{2})$/,
    'a date and time with its offset, e.g. "2026-12-01T09:00:00+09:00" or "2026-12-01T00:00:00Z"',
  )
  .refine((s) => !Number.isNaN(Date.parse(s)), 'a real date and time');

export const ANNOUNCEMENT_SEVERITIES = ['info', 'maintenance', 'incident'] as const;
export const AnnouncementSeverity = z.enum(ANNOUNCEMENT_SEVERITIES);
export type AnnouncementSeverity = z.infer<typeof AnnouncementSeverity>;

/**
 * Frontmatter of `content/announcements/<locale>/<name>.md`; the body is the announcement's text. The
 * translations of one announcement share its `id`.
 *
 * ```yaml
 * id: db-maintenance-december
 * title: 12月3日 02:00–04:00 にメンテナンスを行います
 * severity: maintenance
 * products: [cloud-db]
 * starts: 2026-12-01T09:00:00+09:00
 * ends: 2026-12-03T04:00:00+09:00
 * ```
 */
export const AnnouncementFrontmatter = z
  .object({
    id: EntryId,
    title: z.string().trim().min(1).max(TITLE_MAX),
    severity: AnnouncementSeverity,
    /** Product ids from the site config; none means every product. */
    products: z.array(z.string().min(1)).default([]),
    starts: IsoDateTime,
    ends: IsoDateTime,
  })
  .strict()
  .refine((a) => Date.parse(a.ends) > Date.parse(a.starts), { message: '`ends` must be after `starts`', path: ['ends'] });
export type AnnouncementFrontmatter = z.infer<typeof AnnouncementFrontmatter>;

/** One announcement as browsers get it: the body rendered and sanitized like an entry's. */
export const Announcement = z
  .object({
    id: EntryId,
    /** The locale its text is written in (another one when this locale falls back). */
    locale: LocaleCode,
    title: z.string(),
    severity: AnnouncementSeverity,
    products: z.array(z.string()),
    starts: IsoDateTime,
    ends: IsoDateTime,
    html: z.string(),
  })
  .strict();
export type Announcement = z.infer<typeof Announcement>;

/** `data/<locale>/announcements.json`: the announcements not yet ended when the site was built, by start time. */
export const AnnouncementsFile = z
  .object({
    version: z.literal(1),
    locale: LocaleCode,
    announcements: z.array(Announcement),
  })
  .strict();
export type AnnouncementsFile = z.infer<typeof AnnouncementsFile>;
