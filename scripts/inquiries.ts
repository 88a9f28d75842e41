import { createWriteStream } from 'node:fs';
import { once } from 'node:events';
import { finished } from 'node:stream/promises';
import { InquiryState } from '../content/schema/index.ts';
import { inquiriesCsv, inquiriesJsonLines, inquiryPages, jsonLine } from '../intake/inquiry-export.ts';
import { resolveSettings, settingsFromEnv, settingsFromFile } from '../intake/settings.ts';
import type { InquiryDetail, InquiryFilter } from '../intake/store/inquiry-query.ts';
import { numberInText } from '../intake/store/inquiry-where.ts';
import { openStore } from '../intake/store/open.ts';
import { ticketNumber, type IntakeStore, type OutboxMessage } from '../intake/store/store.ts';
import { CliExit, parseCliArgs, runAsScript, runCli, throwIfHelp, type CliIo } from './cli-args.ts';
import { toolLocale, toolStrings, type ToolT } from './i18n/tool-strings.ts';

const FILTERS = '[--state S,S] [--product ID] [--problem-type ID] [--severity ID] [--plan ID] [--since DATE] [--until DATE] [--text WORDS] [--undelivered]';
const STORE = '[--data DIR | --settings FILE]';
const USAGE = [
  `npm run inquiries -- list ${FILTERS} [--limit 50] [--json] ${STORE}`,
  `npm run inquiries -- show NUMBER|ID [--json] ${STORE}`,
  `npm run inquiries -- forward NUMBER|ID [--to ADAPTER] ${STORE}`,
  `npm run inquiries -- export --format csv|jsonl ${FILTERS} [--out FILE] ${STORE}`,
].join('\n       ');
const DAY_MS = 86_400_000;
const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/**
 * `npm run inquiries`: the team's inquiries from a terminal, read from the intake's store (`--data DIR` is
 * the SQLite store in that folder; otherwise the intake's own settings decide: `DATABASE_URL` for PostgreSQL,
 * else its data folder; `--settings FILE` or `KOTAE_INTAKE_SETTINGS` as for `npm run intake`).
 *
 * - `list`: one inquiry per line, newest first, starting with its number; with `--undelivered`, each waiting
 *   destination below it with its last error and next attempt.
 * - `show`: one inquiry's fields, diagnostics, what the customer tried, state history and deliveries.
 * - `forward`: puts an inquiry's messages (or one destination's, `--to`) back in the queue; the running
 *   intake's outbox delivers them at its next poll, under the same message id.
 * - `export`: the filtered inquiries as CSV (for spreadsheets) or JSON Lines (intake/inquiry-export.ts).
 */
export function run(argv: string[], io: CliIo): Promise<number> {
  return runCli(io, () => inquiries(argv, io));
}

async function inquiries(argv: string[], io: CliIo): Promise<number> {
  const { values, positionals } = parseCliArgs(
    argv,
    USAGE,
    {
      state: { type: 'string' },
      product: { type: 'string' },
      'problem-type': { type: 'string' },
      severity: { type: 'string' },
      plan: { type: 'string' },
      since: { type: 'string' },
      until: { type: 'string' },
      text: { type: 'string' },
      undelivered: { type: 'boolean', default: false },
      limit: { type: 'string', default: '50' },
      json: { type: 'boolean', default: false },
      to: { type: 'string' },
      format: { type: 'string' },
      out: { type: 'string' },
      data: { type: 'string' },
      settings: { type: 'string' },
    },
    true,
  );
  throwIfHelp(values, USAGE);
  const [command, target, ...rest] = positionals;
  const usage = (problem: string) => new CliExit(2, `${problem}\n\nusage: ${USAGE}\n`);
  if (rest.length) throw usage(`unexpected arguments: ${rest.join(' ')}`);
  if (!command || !['list', 'show', 'forward', 'export'].includes(command)) throw usage(command ? `unknown command "${command}"` : 'which command?');
  const needsTarget = command === 'show' || command === 'forward';
  if (needsTarget && !target) throw usage(`${command} needs an inquiry number (KT-000042) or id`);
  if (!needsTarget && target) throw usage(`unexpected argument: ${target}`);
  if (command === 'export' && values.format !== 'csv' && values.format !== 'jsonl') throw usage('export needs --format csv or --format jsonl');
  const filter = parseFilter(values, usage);
  const limit = Number(values.limit);
  if (!Number.isInteger(limit) || limit < 1) throw usage(`--limit ${values.limit}: expected a whole number from 1`);

  const env = io.env ?? process.env;
  const t = toolStrings(toolLocale(env));
  let settings: ReturnType<typeof resolveSettings>;
  try {
    const file = values.settings ?? env.KOTAE_INTAKE_SETTINGS;
    settings = resolveSettings(file ? settingsFromFile(file) : undefined, settingsFromEnv(env), values.data ? { dataDir: values.data } : {});
  } catch (error) {
    throw new CliExit(2, `${(error as Error).message}\n`);
  }
  const prefix = settings.ticketPrefix;
  // An explicit --data is the SQLite store in that folder; otherwise the intake's own choice (as insights).
  const store = values.data
    ? await openStore({ dataDir: values.data })
    : await openStore({ dataDir: settings.dataDir, databaseUrl: settings.databaseUrl, databaseSchema: settings.databaseSchema });
  try {
    if (command === 'list') return await list(store, filter, { limit, json: values.json, undelivered: !!filter.undelivered, prefix, t, io });
    if (command === 'export') return await exportTo(store, filter, { format: values.format as 'csv' | 'jsonl', out: values.out, prefix, t, io });
    const detail = await find(store, target!, prefix, t);
    if (command === 'show') {
      io.stdout(values.json ? `${JSON.stringify({ number: ticketNumber(prefix, detail.row.seq), ...detail }, null, 2)}\n` : show(detail, prefix, t));
      return 0;
    }
    return await forward(store, detail, values.to, { prefix, t, io });
  } finally {
    await store.close();
  }
}

/** The filter flags as an {@link InquiryFilter}; dates are UTC days (`--until` included) or ISO date-times. */
function parseFilter(values: Record<string, string | boolean | undefined>, usage: (problem: string) => CliExit): InquiryFilter {
  const str = (name: string) => (typeof values[name] === 'string' ? (values[name] as string) : undefined);
  const filter: InquiryFilter = {};
  const states = str('state');
  if (states !== undefined) {
    const list = states.split(',').map((s) => s.trim().replace('-', '_'));
    for (const s of list) if (!InquiryState.safeParse(s).success) throw usage(`--state ${s}: one of ${InquiryState.options.join(', ')}`);
    filter.states = list as InquiryState[];
  }
  const same = { product: 'product', 'problem-type': 'problemType', severity: 'severity', plan: 'plan', text: 'text' } as const;
  for (const [flag, key] of Object.entries(same)) {
    const v = str(flag);
    if (v !== undefined) filter[key] = v;
  }
  const time = (flag: string, endOfDay: boolean) => {
    const v = str(flag);
    if (v === undefined) return undefined;
    if (/^\d{4}-\d{2}-\d{2}$/.test(v) && !Number.isNaN(Date.parse(`${v}T00:00:00Z`))) return Date.parse(`${v}T00:00:00Z`) + (endOfDay ? DAY_MS : 0);
    if (/^\d{4}-\d{2}-\d{2}T/.test(v) && !Number.isNaN(Date.parse(v))) return Date.parse(v);
    throw usage(`--${flag} ${v}: write a date as YYYY-MM-DD (UTC) or an ISO date-time such as 2026-12-01T09:00+09:00`);
  };
  const from = time('since', false);
  const to = time('until', true);
  if (from !== undefined) filter.receivedFrom = from;
  if (to !== undefined) filter.receivedTo = to;
  if (values.undelivered) filter.undelivered = true;
  return filter;
}

/** A time for the terminal: `2026-12-02 10:15 UTC`. */
const when = (ms: number | null) => (ms === null ? '–' : `${new Date(ms).toISOString().slice(0, 16).replace('T', ' ')} UTC`);
const str = (v: unknown) => (typeof v === 'string' ? v : v == null ? '' : String(v));
const oneLine = (s: string, max = 80) => {
  const flat = s.replace(/\s+/g, ' ').trim();
  return flat.length > max ? `${flat.slice(0, max - 1)}…` : flat;
};

function waitingLine(m: OutboxMessage, t: ToolT): string {
  return `    ${t('inquiries.waiting', { adapter: m.adapter, status: t(`inquiries.status.${m.status}`), attempts: m.attempts, next: m.status === 'dead' ? '–' : when(m.nextAttemptAt), error: m.lastError ?? '–' })}\n`;
}

async function list(
  store: IntakeStore,
  filter: InquiryFilter,
  o: { limit: number; json: boolean; undelivered: boolean; prefix: string; t: ToolT; io: CliIo },
): Promise<number> {
  let shown = 0;
  let total = 0;
  for await (const page of inquiryPages(store, filter, Math.min(o.limit, 1000))) {
    if (page.total >= 0) total = page.total;
    for (const row of page.items) {
      if (shown === o.limit) break;
      shown++;
      const waiting = page.undelivered.filter((m) => m.inquiryId === row.id);
      if (o.json) {
        o.io.stdout(`${jsonLine(row, waiting, o.prefix)}\n`);
        continue;
      }
      const d = row.data as { problem_type?: unknown; summary?: unknown };
      o.io.stdout(
        `${[ticketNumber(o.prefix, row.seq), when(row.receivedAt), row.state, `${row.product}/${str(d.problem_type)}`, row.severity, row.plan, oneLine(str(d.summary))].join('  ')}\n`,
      );
      if (o.undelivered) for (const m of waiting) o.io.stdout(waitingLine(m, o.t));
    }
    if (shown === o.limit) break;
  }
  o.io.stderr(`${o.t('inquiries.listed', { count: total, shown })}\n`);
  return 0;
}

/** The inquiry a number (`KT-000042`, `42`) or an id names; exit 1 when there is none. */
async function find(store: IntakeStore, target: string, prefix: string, t: ToolT): Promise<InquiryDetail> {
  let id: string | undefined;
  if (UUID.test(target)) id = target;
  else {
    const seq = numberInText(target);
    if (seq === undefined) throw new CliExit(2, `${t('inquiries.notANumber', { target, example: ticketNumber(prefix, 42) })}\n`);
    const [row] = (await store.listInquiries({}, { limit: 1, before: seq + 1 })).items;
    if (row?.seq === seq) id = row.id;
  }
  const detail = id === undefined ? undefined : await store.inquiryDetail(id);
  if (!detail) throw new CliExit(1, `${t('inquiries.unknown', { target })}\n`);
  return detail;
}

function show(detail: InquiryDetail, prefix: string, t: ToolT): string {
  const { row } = detail;
  const d = row.data as Record<string, unknown> & {
    contact?: Record<string, unknown>;
    diagnostics?: Array<{ name?: unknown; value?: unknown }>;
    deflection?: { queries?: Array<{ query?: unknown; results?: unknown }>; opened?: Array<{ entry_id?: unknown }> };
  };
  const lines: string[] = [`${ticketNumber(prefix, row.seq)}  ${str(d.summary)}`];
  const field = (key: string, value: unknown) => {
    const v = str(value);
    if (v) lines.push(`  ${t(`inquiries.field.${key}`).padEnd(14)} ${v}`);
  };
  field('id', row.id);
  field('state', `${row.state} (${when(row.stateAt ?? row.receivedAt)})`);
  field('received', when(row.receivedAt));
  field('replyBy', when(row.firstResponseDue));
  field('product', [row.product, d.resource].filter(Boolean).join(' / '));
  field('problemType', [d.problem_type, d.problem_subtype].filter(Boolean).join(' / '));
  field('severity', row.severity);
  field('plan', `${row.plan}${d.plan_verified === true ? ` (${t('inquiries.verified')})` : ''}`);
  field('locale', row.locale);
  field('contact', [d.contact?.name, d.contact?.email, d.contact?.phone].filter(Boolean).join(', '));
  field('preferred', [d.contact?.preferred_method, d.contact?.language, d.contact?.time_zone].filter(Boolean).join(', '));
  field('startedAt', d.started_at);
  field('page', d.page_url);
  field('client', d.client_version);
  lines.push(
    '',
    `${t('inquiries.heading.description')}:`,
    ...str(d.description)
      .split('\n')
      .map((l) => `  ${l}`),
  );
  const section = (heading: string, items: string[]) => {
    lines.push('', `${t(`inquiries.heading.${heading}`)}:`, ...(items.length ? items.map((i) => `  ${i}`) : [`  ${t('inquiries.none')}`]));
  };
  section(
    'diagnostics',
    (d.diagnostics ?? []).map((x) => `${str(x.name)}: ${str(x.value)}`),
  );
  section('tried', [
    ...(d.deflection?.queries ?? []).map((q) => `${t('inquiries.searched')} “${str(q.query)}”${q.results === undefined ? '' : ` (${str(q.results)})`}`),
    ...(d.deflection?.opened ?? []).map((o) => `${t('inquiries.opened')} ${str(o.entry_id)}`),
  ]);
  section(
    'uploads',
    detail.uploads.map((u) => `${u.name}  ${u.type}  ${u.size} B`),
  );
  section('history', [`${when(row.receivedAt)}  received`, ...detail.history.map((c) => `${when(c.at)}  ${c.state}  (${c.source})`)]);
  section(
    'deliveries',
    detail.outbox.map((m) =>
      [
        m.adapter,
        t(`inquiries.status.${m.status}`),
        t('inquiries.attempts', { count: m.attempts }),
        m.deliveredAt !== null ? `${t('inquiries.deliveredAt')} ${when(m.deliveredAt)}` : '',
        m.status === 'pending' ? `${t('inquiries.next')} ${when(m.nextAttemptAt)}` : '',
        m.result ? `→ ${m.result}` : '',
        m.lastError ? `${t('inquiries.lastError')}: ${m.lastError}` : '',
        `(${m.id})`,
      ]
        .filter(Boolean)
        .join('  '),
    ),
  );
  return `${lines.join('\n')}\n`;
}

async function forward(store: IntakeStore, detail: InquiryDetail, to: string | undefined, o: { prefix: string; t: ToolT; io: CliIo }): Promise<number> {
  const number = ticketNumber(o.prefix, detail.row.seq);
  const adapters = detail.outbox.map((m) => m.adapter);
  if (to !== undefined && !adapters.includes(to))
    throw new CliExit(1, `${o.t('inquiries.noSuchDestination', { number, adapter: to, adapters: adapters.join(', ') || o.t('inquiries.none') })}\n`);
  if (!adapters.length) throw new CliExit(1, `${o.t('inquiries.noDestinations', { number })}\n`);
  const now = Date.now();
  for (const m of detail.outbox.filter((x) => to === undefined || x.adapter === to)) {
    if (await store.forwardAgain(detail.row.id, m.adapter, now))
      o.io.stdout(`${o.t('inquiries.requeued', { number, adapter: m.adapter, id: m.id, was: o.t(`inquiries.status.${m.status}`) })}\n`);
  }
  o.io.stderr(`${o.t('inquiries.requeuedNote')}\n`);
  return 0;
}

async function exportTo(
  store: IntakeStore,
  filter: InquiryFilter,
  o: { format: 'csv' | 'jsonl'; out: string | undefined; prefix: string; t: ToolT; io: CliIo },
): Promise<number> {
  const chunks = (o.format === 'csv' ? inquiriesCsv : inquiriesJsonLines)(store, filter, { ticketPrefix: o.prefix });
  if (!o.out) {
    for await (const chunk of chunks) o.io.stdout(chunk);
    return 0;
  }
  const file = createWriteStream(o.out);
  const failed = once(file, 'error').then(([error]) => {
    throw error;
  });
  failed.catch(() => {});
  for await (const chunk of chunks) if (!file.write(chunk)) await Promise.race([once(file, 'drain'), failed]);
  file.end();
  await Promise.race([finished(file), failed]);
  o.io.stderr(`${o.t('inquiries.wrote', { file: o.out })}\n`);
  return 0;
}

runAsScript(import.meta.url, run);
