import { z } from 'zod';
import { LocaleCode } from './locale.ts';

/**
 * `dist/data/manifest.json`: the one file a client reads first. It names every other data file, so a
 * client never guesses a path, and carries a content hash so caches can tell a new build.
 */
export const Manifest = z
  .object({
    version: z.literal(1),
    /** Hash of every emitted data file; changes whenever any content changes. */
    contentHash: z.string(),
    defaultLocale: LocaleCode,
    locales: z.array(
      z
        .object({
          code: LocaleCode,
          name: z.string(),
          dir: z.enum(['ltr', 'rtl']),
          fallback: z.array(LocaleCode),
          /** Entries shown in this locale (its own translations plus fallbacks). */
          entries: z.number().int(),
          translated: z.number().int(),
          stale: z.number().int(),
          catalog: z.string(),
          searchDocuments: z.string(),
          /** The search index's own manifest; its other files sit beside it and load on demand. */
          searchIndex: z.string(),
          /** Path pattern of entry payloads; `{id}` is replaced by the entry id. */
          entryPayload: z.string(),
          /** `data/<code>/announcements.json`; absent in builds from before announcements. */
          announcements: z.string().optional(),
        })
        .strict(),
    ),
    /** Public part of the site config (products, severities, business hours…) for widget and site. */
    site: z.string(),
    /** The site logo from the config, copied under `assets/` (content-hashed); absent when none is configured. */
    logo: z.string().optional(),
  })
  .strict();
export type Manifest = z.infer<typeof Manifest>;
