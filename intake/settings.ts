import { readFileSync } from 'node:fs';
import { z } from 'zod';
import YAML from 'yaml';
import { isAddressOrRange } from './client-address.ts';

/**
 * Operator settings of the intake service: where it listens and stores, who may call it, where inquiries go.
 * Secrets live here (environment, flags or a settings file), never in the content config, which is public.
 * Precedence: built-in defaults < settings file < environment < command-line flags < explicit overrides.
 */

const Bucket = z
  .object({
    /** Requests allowed in a burst, refilled evenly over `windowSeconds`. */
    limit: z.number().int().positive(),
    windowSeconds: z.number().positive(),
  })
  .strict();

const Secret = z.string().min(1);

/**
 * Sign-in with the team's OpenID Connect issuer (authorization code + PKCE). Who may enter is decided here,
 * not by the issuer alone: a verified email on `allowedEmails` or in `allowedDomains`, or `requiredGroup`
 * in the `groupsClaim` of the ID token. At least one of them must be set.
 */
const AdminOidc = z
  .object({
    /** The issuer URL (its `/.well-known/openid-configuration` is read at the first sign-in). */
    issuer: z.url({ protocol: /^https?$/ }),
    clientId: z.string().min(1),
    /** Without one, the intake is a public client (PKCE only). */
    clientSecret: Secret.optional(),
    /** What the button says: "Sign in with <name>"; the issuer's host name by default. */
    name: z.string().min(1).max(60).optional(),
    /** Registered at the issuer; `<publicUrl>/admin/oidc/callback` by default. */
    redirectUrl: z.url({ protocol: /^https?$/ }).optional(),
    allowedEmails: z.array(z.string().min(3)).default([]),
    /** Email domains (`example.com`) whose verified addresses may enter. */
    allowedDomains: z.array(z.string().min(1)).default([]),
    requiredGroup: z.string().min(1).optional(),
    groupsClaim: z.string().min(1).default('groups'),
  })
  .strict()
  .refine((o) => o.allowedEmails.length > 0 || o.allowedDomains.length > 0 || o.requiredGroup !== undefined, {
    message: 'say who may sign in: allowedEmails, allowedDomains or requiredGroup',
  });

const AdminSettings = z
  .object({
    /** The password form for local accounts (`npm run intake -- admin add USER`); may be turned off when OIDC is set. */
    localSignIn: z.boolean().default(true),
    /** A session ends after this long without a request… */
    sessionIdleMinutes: z.number().int().positive().default(30),
    /** …and this long after sign-in, whatever the activity. */
    sessionMaxHours: z.number().positive().default(12),
    oidc: AdminOidc.optional(),
  })
  .strict();

export const IntakeSettings = z
  .object({
    host: z.string().default('127.0.0.1'),
    port: z.number().int().min(0).max(65535).default(4401),
    /** Embedded database, uploads and generated secrets live here. */
    dataDir: z.string().default('.data/intake'),
    /** Content folder holding `kotae.config.yaml`. */
    contentDir: z.string().default('content'),
    /** PostgreSQL instead of the embedded store, for several instances behind a load balancer. */
    databaseUrl: z.string().optional(),
    /** PostgreSQL schema holding the intake's tables (several sites can share one database). */
    databaseSchema: z
      .string()
      .regex(/^[a-z_][a-z0-9_]{0,62}$/)
      .default('public'),
    /**
     * Where customers reach the service (`https://support.example.com`, a path allowed), for `status_url`.
     * Without it the receipt names the address the request reached the intake at (its listening address):
     * right without a proxy, wrong behind one. Request headers (`Host`, `X-Forwarded-Host`) never decide it.
     */
    publicUrl: z.url({ protocol: /^https?$/ }).optional(),
    /** Behind a proxy you run: take the client address from `X-Forwarded-For`, as far as `trustedProxies` vouch for it. */
    trustProxy: z.boolean().default(false),
    /**
     * With `trustProxy`: the proxies (IP addresses or CIDR ranges) whose `X-Forwarded-For` entries count;
     * loopback (`127.0.0.0/8`, `::1`) when not given. The client is the rightmost entry not in this list.
     */
    trustedProxies: z.array(z.string().refine(isAddressOrRange, 'expected an IP address or CIDR range, e.g. 10.0.0.0/8')).min(1).optional(),
    /** Origins whose pages may call the API from a browser; the site's `baseUrl` origin is always added. */
    corsOrigins: z.array(z.string()).default([]),
    /** Largest JSON body accepted, in bytes. Uploads are limited by the content config's `attachments.maxBytes`. */
    maxBodyBytes: z
      .number()
      .int()
      .positive()
      .default(256 * 1024),
    rateLimits: z
      .object({
        inquiriesPerIp: Bucket.default({ limit: 20, windowSeconds: 600 }),
        inquiriesPerIdentity: Bucket.default({ limit: 10, windowSeconds: 600 }),
        uploadsPerIp: Bucket.default({ limit: 60, windowSeconds: 600 }),
        readsPerIp: Bucket.default({ limit: 300, windowSeconds: 60 }),
        /**
         * `POST /v1/events` batches: a busy tab sends one every few seconds (about 20 a minute), so a minute
         * allows a dozen busy tabs behind one address (an office) and still stops a flood.
         */
        eventsPerIp: Bucket.default({ limit: 240, windowSeconds: 60 }),
      })
      .strict()
      .default({
        inquiriesPerIp: { limit: 20, windowSeconds: 600 },
        inquiriesPerIdentity: { limit: 10, windowSeconds: 600 },
        uploadsPerIp: { limit: 60, windowSeconds: 600 },
        readsPerIp: { limit: 300, windowSeconds: 60 },
        eventsPerIp: { limit: 240, windowSeconds: 60 },
      }),
    identity: z
      .object({
        /** Shared secret for HS256 tokens. */
        hs256Secret: Secret.optional(),
        /** PEM public key (SPKI) for RS256 (RSA key) or EdDSA (Ed25519 key) tokens. */
        publicKey: z.string().optional(),
        issuer: z.string().optional(),
        audience: z.string().optional(),
        /** Reject inquiries without a verified identity token. */
        required: z.boolean().default(false),
        clockToleranceSeconds: z.number().int().min(0).default(30),
      })
      .strict()
      .default({ required: false, clockToleranceSeconds: 30 }),
    /** Prefix of ticket numbers: `KT-000042`. */
    ticketPrefix: z
      .string()
      .regex(/^[A-Z][A-Z0-9]{0,7}$/)
      .default('KT'),
    /** Uploads not referenced by an inquiry within this many hours are refused. */
    uploadTtlHours: z.number().positive().default(24),
    outbox: z
      .object({
        pollMs: z.number().int().positive().default(1_000),
        baseDelayMs: z.number().int().positive().default(10_000),
        maxDelayMs: z.number().int().positive().default(3_600_000),
        /** After this many failed attempts a message is dead-lettered (kept, logged, not retried). */
        maxAttempts: z.number().int().positive().default(15),
        /** A claimed message not finished within this time is claimed again (e.g. after a crash). */
        leaseMs: z.number().int().positive().default(120_000),
        timeoutMs: z.number().int().positive().default(30_000),
        concurrency: z.number().int().positive().default(4),
      })
      .strict()
      .default({ pollMs: 1_000, baseDelayMs: 10_000, maxDelayMs: 3_600_000, maxAttempts: 15, leaseMs: 120_000, timeoutMs: 30_000, concurrency: 4 }),
    webhook: z
      .object({
        url: z.url(),
        /** Standard Webhooks secret: `whsec_` followed by base64 of at least 24 random bytes. */
        secret: z.string().regex(/^whsec_[A-Za-z0-9+/=]{32,}$/, 'a secret like "whsec_" + base64 of 24+ random bytes'),
      })
      .strict()
      .optional(),
    smtp: z
      .object({
        host: z.string().min(1),
        port: z.number().int().positive().default(587),
        /** TLS from the first byte (port 465); otherwise STARTTLS is used when offered. */
        secure: z.boolean().default(false),
        requireTLS: z.boolean().default(false),
        user: z.string().optional(),
        pass: Secret.optional(),
        from: z.string().min(3),
        to: z.array(z.string().min(3)).min(1),
      })
      .strict()
      .optional(),
    zendesk: z
      .object({
        /** `https://<subdomain>.zendesk.com` */
        url: z.url(),
        /** `tickets` (agent API token) or `requests` (as the end user; anonymous when no token is set). */
        api: z.enum(['tickets', 'requests']).default('tickets'),
        email: z.string().optional(),
        token: Secret.optional(),
        /** Zendesk priority per severity id; by default the first severity is urgent, then high, normal, low. */
        priorities: z.record(z.string(), z.enum(['urgent', 'high', 'normal', 'low'])).default({}),
        /** Zendesk custom field ids to fill: product, resource, problem_type, problem_subtype, severity, plan, inquiry_number. */
        customFields: z.record(z.string(), z.number().int().positive()).default({}),
        tags: z.array(z.string()).default(['kotae']),
      })
      .strict()
      .optional(),
    /**
     * Status hooks, through which a helpdesk reports an inquiry's state (see intake/README.md, "Status hooks").
     * A hook without its secret is not served (404).
     */
    hooks: z
      .object({
        /** The signing secret Zendesk shows for the webhook: enables `POST /v1/hooks/zendesk`. */
        zendeskSecret: Secret.optional(),
        /** Standard Webhooks secret (`whsec_` + base64): enables `POST /v1/hooks/status`. */
        statusSecret: z
          .string()
          .regex(/^whsec_[A-Za-z0-9+/=]{32,}$/, 'a secret like "whsec_" + base64 of 24+ random bytes')
          .optional(),
        /** How far a signed timestamp may be from this server's clock, either way, before the request is refused as a replay. */
        toleranceSeconds: z.number().int().positive().default(300),
      })
      .strict()
      .default({ toleranceSeconds: 300 }),
    logLevel: z.enum(['debug', 'info', 'warn', 'error']).default('info'),
    /** The support console's sign-in (`/admin/`): see intake/README.md, "Admin sign-in". */
    admin: AdminSettings.prefault({}),
  })
  .strict()
  .refine((s) => s.trustProxy || s.trustedProxies === undefined, {
    path: ['trustedProxies'],
    message: 'trustedProxies is set but trustProxy is off: set trustProxy to true too, or drop trustedProxies',
  });
export type IntakeSettings = z.infer<typeof IntakeSettings>;
export type IntakeSettingsInput = z.input<typeof IntakeSettings>;

type Loose = Record<string, unknown>;

/**
 * Settings named by environment variables; unknown variables are ignored. Besides the one-to-one variables
 * below: `KOTAE_INTAKE_SMTP_URL` (smtp://user:pass@host:port, or smtps:// for TLS from the first byte),
 * `KOTAE_INTAKE_RATE_PER_IP` and `KOTAE_INTAKE_RATE_PER_IDENTITY` (inquiries per 10 minutes), `KOTAE_INTAKE_RATE_EVENTS_PER_IP`
 * (event batches per minute), and
 * `KOTAE_INTAKE_SETTINGS` (a settings file, read by the command line before the environment).
 */
export function settingsFromEnv(env: NodeJS.ProcessEnv): Loose {
  const out: Loose = {};
  const set = (path: string, value: unknown) => {
    const keys = path.split('.');
    let node = out;
    for (const key of keys.slice(0, -1)) node = (node[key] ??= {}) as Loose;
    node[keys.at(-1)!] = value;
  };
  const list = (v: string) =>
    v
      .split(',')
      .map((s) => s.trim())
      .filter(Boolean);
  const bool = (v: string) => /^(1|true|yes)$/i.test(v);
  const num = (v: string) => (/^\d+$/.test(v) ? Number(v) : v);
  const e = (name: string) => {
    const v = env[name];
    return v === undefined || v === '' ? undefined : v;
  };
  const direct: Array<[string, string, (v: string) => unknown]> = [
    ['DATABASE_URL', 'databaseUrl', String],
    ['KOTAE_INTAKE_DATABASE_SCHEMA', 'databaseSchema', String],
    ['KOTAE_INTAKE_HOST', 'host', String],
    ['KOTAE_INTAKE_PORT', 'port', num],
    ['KOTAE_INTAKE_DATA', 'dataDir', String],
    ['KOTAE_INTAKE_CONTENT', 'contentDir', String],
    ['KOTAE_INTAKE_PUBLIC_URL', 'publicUrl', String],
    ['KOTAE_INTAKE_TRUST_PROXY', 'trustProxy', bool],
    ['KOTAE_INTAKE_TRUSTED_PROXIES', 'trustedProxies', list],
    ['KOTAE_INTAKE_CORS_ORIGINS', 'corsOrigins', list],
    ['KOTAE_INTAKE_MAX_BODY_BYTES', 'maxBodyBytes', num],
    ['KOTAE_INTAKE_JWT_SECRET', 'identity.hs256Secret', String],
    ['KOTAE_INTAKE_JWT_PUBLIC_KEY', 'identity.publicKey', (v) => v.replace(/\\n/g, '\n')],
    ['KOTAE_INTAKE_JWT_ISSUER', 'identity.issuer', String],
    ['KOTAE_INTAKE_JWT_AUDIENCE', 'identity.audience', String],
    ['KOTAE_INTAKE_JWT_REQUIRED', 'identity.required', bool],
    ['KOTAE_INTAKE_WEBHOOK_URL', 'webhook.url', String],
    ['KOTAE_INTAKE_WEBHOOK_SECRET', 'webhook.secret', String],
    ['KOTAE_INTAKE_SMTP_FROM', 'smtp.from', String],
    ['KOTAE_INTAKE_SMTP_TO', 'smtp.to', list],
    ['KOTAE_INTAKE_ZENDESK_URL', 'zendesk.url', String],
    ['KOTAE_INTAKE_ZENDESK_API', 'zendesk.api', String],
    ['KOTAE_INTAKE_ZENDESK_EMAIL', 'zendesk.email', String],
    ['KOTAE_INTAKE_ZENDESK_TOKEN', 'zendesk.token', String],
    ['KOTAE_INTAKE_HOOKS_ZENDESK_SECRET', 'hooks.zendeskSecret', String],
    ['KOTAE_INTAKE_HOOKS_STATUS_SECRET', 'hooks.statusSecret', String],
    ['KOTAE_INTAKE_LOG_LEVEL', 'logLevel', String],
    ['KOTAE_INTAKE_ADMIN_LOCAL_SIGN_IN', 'admin.localSignIn', bool],
    ['KOTAE_INTAKE_ADMIN_SESSION_IDLE_MINUTES', 'admin.sessionIdleMinutes', num],
    ['KOTAE_INTAKE_ADMIN_SESSION_MAX_HOURS', 'admin.sessionMaxHours', num],
    ['KOTAE_INTAKE_ADMIN_OIDC_ISSUER', 'admin.oidc.issuer', String],
    ['KOTAE_INTAKE_ADMIN_OIDC_CLIENT_ID', 'admin.oidc.clientId', String],
    ['KOTAE_INTAKE_ADMIN_OIDC_CLIENT_SECRET', 'admin.oidc.clientSecret', String],
    ['KOTAE_INTAKE_ADMIN_OIDC_NAME', 'admin.oidc.name', String],
    ['KOTAE_INTAKE_ADMIN_OIDC_REDIRECT_URL', 'admin.oidc.redirectUrl', String],
    ['KOTAE_INTAKE_ADMIN_OIDC_ALLOWED_EMAILS', 'admin.oidc.allowedEmails', list],
    ['KOTAE_INTAKE_ADMIN_OIDC_ALLOWED_DOMAINS', 'admin.oidc.allowedDomains', list],
    ['KOTAE_INTAKE_ADMIN_OIDC_REQUIRED_GROUP', 'admin.oidc.requiredGroup', String],
  ];
  for (const [name, path, convert] of direct) {
    const v = e(name);
    if (v !== undefined) set(path, convert(v));
  }
  const perIp = e('KOTAE_INTAKE_RATE_PER_IP');
  if (perIp) set('rateLimits.inquiriesPerIp', { limit: num(perIp), windowSeconds: 600 });
  const perIdentity = e('KOTAE_INTAKE_RATE_PER_IDENTITY');
  if (perIdentity) set('rateLimits.inquiriesPerIdentity', { limit: num(perIdentity), windowSeconds: 600 });
  const eventsPerIp = e('KOTAE_INTAKE_RATE_EVENTS_PER_IP');
  if (eventsPerIp) set('rateLimits.eventsPerIp', { limit: num(eventsPerIp), windowSeconds: 60 });
  const smtpUrl = e('KOTAE_INTAKE_SMTP_URL');
  if (smtpUrl) {
    const u = new URL(smtpUrl);
    const secure = u.protocol === 'smtps:';
    set('smtp.host', u.hostname);
    set('smtp.port', u.port ? Number(u.port) : secure ? 465 : 587);
    set('smtp.secure', secure);
    if (u.username) set('smtp.user', decodeURIComponent(u.username));
    if (u.password) set('smtp.pass', decodeURIComponent(u.password));
  }
  return out;
}

/** Reads a JSON or YAML settings file. */
export function settingsFromFile(file: string): Loose {
  const text = readFileSync(file, 'utf8');
  const data: unknown = file.endsWith('.json') ? JSON.parse(text) : YAML.parse(text);
  if (data === null || typeof data !== 'object' || Array.isArray(data)) throw new Error(`${file}: expected an object of settings`);
  return data as Loose;
}

/** Thrown for settings that do not validate; the message lists every problem with its setting path. */
export class SettingsError extends Error {
  override name = 'SettingsError';
}

/**
 * Merges the layers (later wins, objects merged key by key) and validates the result.
 * Throws `SettingsError` naming each bad setting, without echoing secret values.
 */
export function resolveSettings(...layers: Array<Loose | undefined>): IntakeSettings {
  const merged = layers.reduce<Loose>((acc, layer) => (layer ? deepMerge(acc, layer) : acc), {});
  const parsed = IntakeSettings.safeParse(merged);
  if (!parsed.success)
    throw new SettingsError(`invalid intake settings:\n${parsed.error.issues.map((i) => `  ${i.path.join('.') || '(root)'}: ${i.message}`).join('\n')}`);
  return parsed.data;
}

function deepMerge(base: Loose, over: Loose): Loose {
  const out: Loose = { ...base };
  for (const [key, value] of Object.entries(over)) {
    if (value === undefined) continue;
    const prev = out[key];
    out[key] = isPlainObject(value) && isPlainObject(prev) ? deepMerge(prev as Loose, value as Loose) : value;
  }
  return out;
}

function isPlainObject(v: unknown): boolean {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}
