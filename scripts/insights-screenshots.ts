/**
 * Screenshots of the insights dashboard for the README: eight weeks of made-up but plausible traffic on the
 * sample site (searches, views, votes, "solved it", contact, inquiries; a defect spreading in one product),
 * reported and rendered exactly as `npm run insights -- --out` does, in Japanese and English.
 * `npx tsx scripts/insights-screenshots.ts [OUT]` (default `docs/`) writes `insights-<locale>.png`.
 */
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { chromium } from 'playwright-core';
import { localize } from '../content/schema/index.ts';
import { loadSiteConfig } from '../content/site-config.ts';
import { renderDashboard } from '../intake/insights/dashboard.ts';
import { buildReport, type ReportEvent, type ReportInquiry } from '../intake/insights/report.ts';

const out = process.argv[2] ?? 'docs';
const config = loadSiteConfig('content').config!;
const WEEKS = 8;
const start = Date.UTC(2026, 9, 5); // a Monday
const DAY = 86_400_000;
const QUESTIONS = [
  'camera offline after router change',
  'reset two-step device',
  'export invoices csv',
  'database read replica lag',
  'share a file outside the company',
];
const MISSING = [
  'roll back camera firmware',
  'camera firmware roll back',
  'roll back camera firmwre',
  'change invoice currency',
  'invoice currency change',
  'カメラ 夜間モード 設定',
];
const ENTRIES = ['camera-wifi-setup', 'lost-two-step-device', 'invoice-download', 'db-read-replicas', 'share-file-externally'];

// A small deterministic generator: the same pictures every run.
let seed = 7;
const random = () => (seed = (seed * 1_103_515_245 + 12_345) % 2 ** 31) / 2 ** 31;

const events: ReportEvent[] = [];
const inquiries: ReportInquiry[] = [];
for (let day = 0; day < WEEKS * 7; day++) {
  const week = Math.floor(day / 7);
  // Self-service improves week by week as the team writes the missing answers; camera inquiries spike in week 6.
  const sessions = 40 + Math.floor(random() * 15);
  for (let s = 0; s < sessions; s++) {
    const session = `w${day}s${s}`.padEnd(22, 'x');
    const t0 = start + day * DAY + s * 900_000;
    let t = t0;
    const ev = (e: Record<string, unknown>) => {
      t += 20_000;
      const at = new Date(t).toISOString();
      events.push({ session, at, received_at: at, locale: s % 3 ? 'ja' : 'en', surface: s % 4 ? 'widget' : 'kb', ...e } as ReportEvent);
    };
    const k = Math.floor(random() * QUESTIONS.length);
    const missing = random() < 0.35 - week * 0.03;
    if (missing) ev({ type: 'search', query: MISSING[Math.floor(random() ** 2 * MISSING.length)], results: 0, answered: false });
    else {
      ev({ type: 'search', query: QUESTIONS[k], results: 4, answered: true, top: ENTRIES[k] });
      ev({ type: 'article_view', entry: ENTRIES[k], via: 'widget', rank: 1 });
    }
    const opensContact = random() < (missing ? 0.7 : 0.25);
    if (opensContact) ev({ type: 'contact_open' });
    if (!missing && random() < 0.55 + week * 0.04) ev({ type: 'deflect', entry: ENTRIES[k] });
    else if (!missing && random() < 0.4) ev({ type: 'vote', entry: ENTRIES[k], helpful: false, reason: random() < 0.5 ? 'incomplete' : 'outdated' });
    else if (opensContact || missing) {
      const id = `inq-${day}-${s}`;
      ev({ type: 'inquiry_submit', inquiry: id });
      const product = week === 5 || random() < 0.4 ? 'camera' : random() < 0.5 ? 'groupware' : 'cloud-db';
      inquiries.push({ id, received_at: new Date(t).toISOString(), locale: 'ja', product, problem_type: 'connectivity', severity: random() < 0.2 ? 'b' : 'c' });
    }
  }
}

mkdirSync(out, { recursive: true });
const work = mkdtempSync(path.join(os.tmpdir(), 'kotae-insights-shots-'));
const browser = await chromium.launch({
  executablePath: process.env.CHROME_PATH ?? '/usr/bin/chromium',
  args: ['--headless', '--no-sandbox', '--disable-gpu'],
});
try {
  const until = new Date(start + (WEEKS * 7 - 1) * DAY).toISOString().slice(0, 10);
  const since = new Date(start).toISOString().slice(0, 10);
  for (const locale of ['ja', 'en']) {
    const report = buildReport({ config, events, inquiries }, { since, until });
    const file = path.join(work, `${locale}.html`);
    writeFileSync(file, renderDashboard(report, { locale, siteName: localize(config.site.name, locale), generated: until }));
    const page = await browser.newPage({ viewport: { width: 1200, height: 1500 } });
    await page.goto(pathToFileURL(file).href);
    await page.locator('#chart-inquiries canvas').waitFor();
    const shot = path.join(out, `insights-${locale}.png`);
    await page.screenshot({ path: shot });
    process.stdout.write(`${shot}\n`);
    await page.close();
  }
} finally {
  await browser.close();
  rmSync(work, { recursive: true, force: true });
}
