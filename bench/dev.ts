/**
 * `npm run bench:dev`: how long a writer waits in `npm run dev` between saving an entry and seeing it.
 *
 * For the sample site (`content/`) and a generated corpus of 10,000 entries × 2 locales (ja, en; cached under
 * bench/.out/dev/), starts the live preview on a copy of the content as a writer would (`scripts/dev.ts`),
 * listens to its event stream like an open page, and saves one article again and again the way editors do
 * (temporary file renamed over the entry), changing its title. Prints one JSON line per site size:
 *
 *   {"site":"sample","entries":…,"locales":2,"edits":5,"edit_to_reload_ms":…,"reload_event_ms":…,"startup_s":…}
 *
 * - `reload_event_ms`: median time from the rename to the page being told to reload.
 * - `edit_to_reload_ms`: median time from the rename until the entry's page, fetched after that event,
 *   shows the new title (what the writer sees).
 * - `startup_s`: time until the preview served its first build.
 *
 * Goal (issue 18): under 1 s on the sample site, under 3 s at 10,000 entries. `--sizes sample,10000` picks
 * sites, `--edits N` the number of saves measured.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { cpSync, existsSync, mkdtempSync, readFileSync, readdirSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import { request } from 'node:http';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { writeCorpus } from '../scripts/corpus/corpus.ts';
import { reportLine } from './record.ts';

const { values } = parseArgs({
  options: { sizes: { type: 'string', default: 'sample,10000' }, edits: { type: 'string', default: '5' }, record: { type: 'boolean', default: false } },
});
const EDITS = Number(values.edits);
const ROOT = path.join(import.meta.dirname, '.out', 'dev');
const progress = (line: string): void => void process.stderr.write(`bench:dev: ${line}\n`);

/** The content to copy for a site size: the sample content, or a generated corpus (made once, then reused). */
async function source(size: string): Promise<string> {
  if (size === 'sample') return path.resolve('content');
  const dir = path.join(ROOT, size, 'content');
  if (!existsSync(path.join(dir, 'kotae.config.yaml'))) {
    progress(`generating ${size} entries × 2 locales in ${dir}`);
    rmSync(dir, { recursive: true, force: true });
    await writeCorpus(dir, { entries: Number(size), locales: ['ja', 'en'], seed: 'bench-dev' });
  }
  return dir;
}

function markdownFiles(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true, recursive: true })
    .filter((d) => d.isFile() && d.name.endsWith('.md'))
    .map((d) => path.join(d.parentPath, d.name))
    .sort();
}

/** An English article (its own text, not a fallback) to edit, and its URL path. */
function pickArticle(content: string): { file: string; id: string; title: string } {
  for (const file of markdownFiles(path.join(content, 'en'))) {
    const text = readFileSync(file, 'utf8');
    const id = /^id:\s*"?([^"\n]+)"?$/m.exec(text)?.[1];
    const title = /^title:\s*(.+)$/m.exec(text)?.[1];
    if (id && title && /^type:\s*article$/m.test(text) && !/^draft:\s*true$/m.test(text)) return { file, id, title };
  }
  throw new Error(`no English article in ${content}`);
}

function get(url: string): Promise<string> {
  return new Promise((resolve, reject) => {
    request(url, (res) => {
      let body = '';
      res.setEncoding('utf8');
      res.on('data', (chunk: string) => (body += chunk));
      res.on('end', () => resolve(body));
    })
      .on('error', reject)
      .end();
  });
}

/** The preview's event stream, as an open page holds it: resolves `next()` on the next reload (or problems) event. */
function events(url: string): { next: () => Promise<string>; close: () => void } {
  let waiting: ((event: string) => void) | undefined;
  const req = request(url, (res) => {
    let buffer = '';
    res.setEncoding('utf8');
    res.on('data', (chunk: string) => {
      buffer += chunk;
      let end = buffer.indexOf('\n\n');
      while (end >= 0) {
        const block = buffer.slice(0, end);
        buffer = buffer.slice(end + 2);
        const name = /^event: (\w+)/m.exec(block)?.[1];
        const data = /^data: (.*)$/m.exec(block)?.[1];
        // Every build says its problems (none when it succeeded), then reloads if it succeeded.
        const failed = name === 'problems' && data !== undefined && (JSON.parse(data) as { problems: unknown[] }).problems.length > 0;
        if (name === 'reload' || failed) waiting?.(name!);
        end = buffer.indexOf('\n\n');
      }
    });
  });
  req.on('error', () => {});
  req.end();
  return { next: () => new Promise((resolve) => (waiting = resolve)), close: () => req.destroy() };
}

const median = (list: number[]) => [...list].sort((a, b) => a - b)[Math.floor(list.length / 2)]!;

async function measure(size: string): Promise<void> {
  const from = await source(size);
  const work = mkdtempSync(path.join(tmpdir(), 'kotae-bench-dev-'));
  const content = path.join(work, 'content');
  progress(`${size}: copying the content`);
  cpSync(from, content, { recursive: true });
  const entries = markdownFiles(path.join(content, 'en')).length;
  const article = pickArticle(content);
  const started = performance.now();
  const dev: ChildProcess = spawn(process.execPath, ['--import', 'tsx', 'scripts/dev.ts', '--content', content, '--port', '0'], {
    stdio: ['ignore', 'pipe', 'inherit'],
  });
  try {
    const origin = await new Promise<string>((resolve, reject) => {
      let out = '';
      dev.stdout!.on('data', (chunk: Buffer) => {
        out += chunk.toString();
        const match = /(http:\/\/[\d.]+:\d+)\//.exec(out);
        if (match?.[1]) resolve(match[1]);
      });
      dev.once('exit', (code) => reject(new Error(`dev exited with ${code}`)));
    });
    const startup = (performance.now() - started) / 1000;
    const pageUrl = `${origin}/en/articles/${article.id}/`;
    const stream = events(`${origin}/__kotae/events?lang=en`);
    await get(pageUrl);
    const original = readFileSync(article.file, 'utf8');
    const reloads: number[] = [];
    const served: number[] = [];
    for (let i = 1; i <= EDITS; i++) {
      const title = `Edited ${i} ${article.title.replace(/^"|"$/g, '')}`;
      const event = stream.next();
      // An editor's "safe write": the new text goes to a temporary file that is renamed over the entry.
      const temp = `${article.file}.kotae-tmp`;
      writeFileSync(temp, original.replace(/^title:.*$/m, `title: "${title}"`));
      const t0 = performance.now();
      renameSync(temp, article.file);
      const name = await event;
      reloads.push(performance.now() - t0);
      if (name !== 'reload') throw new Error(`the preview reported problems after edit ${i}`);
      const page = await get(pageUrl);
      served.push(performance.now() - t0);
      if (!page.includes(title.replace(/&/g, '&amp;'))) throw new Error(`the page does not show the new title after edit ${i}`);
    }
    stream.close();
    reportLine(
      'dev',
      {
        site: size,
        entries,
        locales: 2,
        edits: EDITS,
        edit_to_reload_ms: Math.round(median(served)),
        reload_event_ms: Math.round(median(reloads)),
        startup_s: Number(startup.toFixed(1)),
      },
      values.record ? ['--record'] : [],
    );
  } finally {
    dev.kill();
    rmSync(work, { recursive: true, force: true });
  }
}

for (const size of values.sizes!.split(',')) await measure(size);
