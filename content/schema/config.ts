import { z } from 'zod';
import { LocaleCode, LocalizedText } from './locale.ts';
import { IsoDate } from './entry.ts';

const Id = z.string().regex(/^[a-z0-9]+([-_][a-z0-9]+)*$/, 'lowercase letters, digits, "-" or "_"');
const HexColor = z.string().regex(/^#([0-9a-fA-F]{3}|[0-9a-fA-F]{6})$/, 'a hex colour such as "#0b5cad"');
const ClockTime = z.string().regex(/^([01]\d|2[0-3]):[0-5]\d$|^24:00$/, 'a 24-hour time such as "09:00"');

/** An IANA time zone name that this runtime's `Intl` knows, e.g. `Asia/Tokyo`. */
export const TimeZone = z.string().refine((zone) => {
  try {
    new Intl.DateTimeFormat('en', { timeZone: zone });
    return true;
  } catch {
    return false;
  }
}, 'an IANA time zone such as "Asia/Tokyo"');

export const LocaleConfig = z
  .object({
    code: LocaleCode,
    /** The language's own name for itself, shown in the language switcher. */
    name: z.string().min(1),
    dir: z.enum(['ltr', 'rtl']).default('ltr'),
    /** Locales to show when an entry is not translated, in order; the default locale is always last. */
    fallback: z.array(LocaleCode).default([]),
  })
  .strict();

const Named = { id: Id, name: LocalizedText };

export const ProblemType = z.object({ ...Named, subtypes: z.array(z.object(Named).strict()).default([]) }).strict();

export const Product = z
  .object({
    ...Named,
    description: LocalizedText.optional(),
    /** What a customer can have of this product: a workspace, a database cluster, a camera model… */
    resources: z.array(z.object({ ...Named, description: LocalizedText.optional() }).strict()).default([]),
    problemTypes: z.array(ProblemType).min(1),
  })
  .strict();

export const Category = z.object({ ...Named, description: LocalizedText.optional() }).strict();

/** Whether a first-response clock runs around the clock or only in business hours. */
export const Clock = z.enum(['24x7', 'business-hours']);
export type Clock = z.infer<typeof Clock>;

export const SupportPlan = z
  .object({
    ...Named,
    description: LocalizedText.optional(),
    /**
     * Whether choosing this plan needs proof: only a customer whose signed identity token (issued by the host
     * application) claims this plan can choose it; everyone else chooses among the plans open to all.
     */
    requiresIdentity: z.boolean().default(false),
  })
  .strict();

export const Severity = z
  .object({
    ...Named,
    /** What this severity means, in the customer's words ("Production is down…"). */
    definition: LocalizedText,
    /** First-response target per support plan; a plan without a target cannot choose this severity. */
    firstResponse: z.array(z.object({ plan: Id, minutes: z.number().int().positive(), clock: Clock }).strict()).min(1),
  })
  .strict();

const Weekday = z.enum(['mon', 'tue', 'wed', 'thu', 'fri', 'sat', 'sun']);
export type Weekday = z.infer<typeof Weekday>;

export const BusinessHours = z
  .object({
    timeZone: TimeZone,
    /** Open intervals per weekday, e.g. `mon: [["09:00", "18:00"]]`; a missing day is closed. */
    weekly: z.partialRecord(Weekday, z.array(z.tuple([ClockTime, ClockTime]))),
    holidays: z.array(z.object({ date: IsoDate, name: LocalizedText }).strict()).default([]),
  })
  .strict();

export const ContactMethod = z.object({ id: z.enum(['email', 'phone', 'chat']), name: LocalizedText, hint: LocalizedText.optional() }).strict();

/**
 * When the widget and the KB search page offer contact: `when-unanswered` (after a search the engine judged
 * unanswered, or "No" on an entry), `after-search` (after any search), `always`, or `never` (knowledge base
 * only). Whatever the mode but `never`, a query asking for a person offers contact, and an entry opened
 * after a search offers it under "Still need help?".
 */
export const ContactVisibility = z.enum(['when-unanswered', 'after-search', 'always', 'never']);
export type ContactVisibility = z.infer<typeof ContactVisibility>;

/**
 * The site config, `content/kotae.config.yaml`: everything about a support site that is not an entry.
 * Build, widget, KB site and intake all read it through this schema.
 */
/** The "what was missing?" reasons every site has unless its config lists its own. */
export const DEFAULT_VOTE_REASONS = ['incorrect', 'unclear', 'incomplete', 'outdated', 'other'] as const;

export const SiteConfig = z
  .object({
    site: z
      .object({
        name: LocalizedText,
        tagline: LocalizedText.optional(),
        /** Absolute URL the KB site is published at; used for canonical links, sitemaps and feeds. */
        baseUrl: z.url().default('http://localhost:4400/'),
        /** Path of the logo, relative to the content folder. */
        logo: z.string().optional(),
        colors: z.object({ primary: HexColor, accent: HexColor.optional() }).strict().default({ primary: '#0b5cad' }),
        /**
         * Where writers edit an entry, with `{path}` standing for its Markdown file relative to the content
         * folder (`https://github.com/org/repo/edit/main/content/{path}`). When set, every entry page links
         * "Edit this page" there; without it there is no such link.
         */
        editUrl: z
          .url()
          .refine((url) => url.includes('{path}'), { message: 'must contain `{path}`, where the entry’s file goes' })
          .optional(),
      })
      .strict(),
    locales: z
      .object({ default: LocaleCode, available: z.array(LocaleConfig).min(1) })
      .strict()
      .refine((l) => l.available.some((a) => a.code === l.default), {
        message: 'the default locale must be one of `available`',
        path: ['default'],
      }),
    categories: z.array(Category).min(1),
    products: z.array(Product).min(1),
    plans: z.array(SupportPlan).min(1),
    severities: z.array(Severity).min(1),
    businessHours: BusinessHours,
    contactMethods: z.array(ContactMethod).min(1),
    attachments: z
      .object({
        maxBytes: z
          .number()
          .int()
          .positive()
          .default(5 * 1024 * 1024),
        maxFiles: z.number().int().positive().default(5),
        /** MIME types accepted; decided from the file's bytes, not its name. */
        allowedTypes: z.array(z.string().regex(/^[a-z]+\/[a-z0-9.+-]+$/)).min(1),
      })
      .strict(),
    intake: z.object({ url: z.string().min(1) }).strict(),
    widget: z
      .object({
        position: z.enum(['bottom-right', 'bottom-left']).default('bottom-right'),
      })
      .strict()
      .default({ position: 'bottom-right' }),
    contact: z
      .object({ visible: ContactVisibility.default('when-unanswered') })
      .strict()
      .default({ visible: 'when-unanswered' }),
    insights: z
      .object({
        /** Self-service events (searches, views, votes) sent to the intake for `npm run insights`. */
        enabled: z.boolean().default(true),
        /** No events from browsers that send Global Privacy Control or Do Not Track. */
        respectPrivacySignals: z.boolean().default(true),
        /** Days raw events are kept; daily roll-ups are kept for good. */
        retentionDays: z.number().int().positive().default(90),
        /**
         * What a reader can say was missing after "No" on an entry. A reason without a name shows the UI
         * string `feedback.reason.<id>` of the site's bundles.
         */
        voteReasons: z
          .array(z.object({ id: Id, name: LocalizedText.optional() }).strict())
          .min(1)
          .default(DEFAULT_VOTE_REASONS.map((id) => ({ id }))),
      })
      .strict()
      .default({ enabled: true, respectPrivacySignals: true, retentionDays: 90, voteReasons: DEFAULT_VOTE_REASONS.map((id) => ({ id })) }),
    inquiries: z
      .object({
        /**
         * With SMTP configured, the intake mails each customer a confirmation (ticket number, summary, reply-by
         * time, status link) in their language; `false` turns it off for this site.
         */
        confirmationEmail: z.boolean().default(true),
      })
      .strict()
      .default({ confirmationEmail: true }),
    /**
     * Incidents and maintenance from an Atlassian Statuspage, shown like announcements: its `summary.json`
     * is read when the site is built.
     */
    statusPage: z
      .object({
        /** A file relative to the content folder, or the page's URL (`https://status.example.com/api/v2/summary.json`). */
        summary: z.string().min(1),
        /** The locale the status page is written in; its notices show in every locale. Defaults to the site's default locale. */
        locale: LocaleCode.optional(),
        /** Component (its name or id) → the products it concerns. A notice about no listed component concerns every product. */
        components: z.record(z.string(), z.array(z.string().min(1))).default({}),
        /**
         * Hours after the build an open incident keeps showing: the status page gives it no end, and a site
         * built before it was resolved must not show it for ever. Rebuild more often than this.
         */
        incidentHours: z.number().positive().max(720).default(12),
      })
      .strict()
      .optional(),
    review: z
      .object({
        /** An entry not reviewed for longer than this is reported by `npm run check`. */
        maxAgeDays: z.number().int().positive().default(365),
      })
      .strict()
      .default({ maxAgeDays: 365 }),
  })
  .strict()
  .superRefine((config, ctx) => {
    const plans = new Set(config.plans.map((p) => p.id));
    config.severities.forEach((severity, i) =>
      severity.firstResponse.forEach((target, j) => {
        if (!plans.has(target.plan))
          ctx.addIssue({
            code: 'custom',
            message: `unknown plan "${target.plan}"; plans are: ${[...plans].join(', ')}`,
            path: ['severities', i, 'firstResponse', j, 'plan'],
            params: { fix: `use one of the plans under \`plans\`, or add a plan "${target.plan}" there` },
          });
      }),
    );
    if (config.plans.every((p) => p.requiresIdentity))
      ctx.addIssue({
        code: 'custom',
        message: 'every plan requires identity, so a customer the host application does not identify could choose no plan at all',
        path: ['plans'],
        params: { fix: 'leave at least one plan open to all (remove `requiresIdentity: true` from it)' },
      });
    const locales = new Set(config.locales.available.map((l) => l.code));
    const products = new Set(config.products.map((p) => p.id));
    const status = config.statusPage;
    if (status?.locale && !locales.has(status.locale))
      ctx.addIssue({ code: 'custom', message: `"${status.locale}" is not an available locale`, path: ['statusPage', 'locale'] });
    for (const [component, ids] of Object.entries(status?.components ?? {}))
      ids.forEach((id, i) => {
        if (!products.has(id))
          ctx.addIssue({
            code: 'custom',
            message: `unknown product "${id}"`,
            path: ['statusPage', 'components', component, i],
            params: { fix: `use one of: ${[...products].join(', ')}` },
          });
      });
    config.locales.available.forEach((locale, i) =>
      locale.fallback.forEach((code, j) => {
        if (!locales.has(code))
          ctx.addIssue({
            code: 'custom',
            message: `fallback "${code}" is not an available locale`,
            path: ['locales', 'available', i, 'fallback', j],
          });
      }),
    );
  });
export type SiteConfig = z.infer<typeof SiteConfig>;
export type SiteConfigInput = z.input<typeof SiteConfig>;

/** The part of the site config that browsers get (`data/site.json`): all but the editorial review settings and the status page's address. */
export type PublicSiteConfig = Omit<SiteConfig, 'review' | 'statusPage'>;
export type Product = z.infer<typeof Product>;
export type SeverityConfig = z.infer<typeof Severity>;
export type SupportPlanConfig = z.infer<typeof SupportPlan>;
export type BusinessHoursConfig = z.infer<typeof BusinessHours>;

/** The locales to try for `locale`, in order, ending with the default locale. */
export function fallbackChain(config: Pick<SiteConfig, 'locales'>, locale: string): string[] {
  const own = config.locales.available.find((l) => l.code === locale);
  const chain = [locale, ...(own?.fallback ?? []), config.locales.default];
  return [...new Set(chain)];
}
