/**
 * `npm run bench:sanitize [-- --content DIR --rounds 41 --record]`
 *
 * The content sanitizer (`scripts/pipeline/html-policy.ts`, an allowlist serializer on htmlparser2) against
 * sanitize-html, the library it replaced, configured with the same allowlist, on the same HTML in the same
 * process: every Markdown body of the content folder rendered by marked (GFM), each with a few hostile
 * fragments added so the removal paths run too. Rounds alternate which sanitizer goes first; the figure is
 * the median round. Prints one JSON line: {"bench","documents","input_kb","kotae_ms","sanitize_html_ms",
 * "speedup","sanitize_html_version"}.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { Marked } from 'marked';
import sanitizeHtml from 'sanitize-html';
import { OUTPUT_ATTRIBUTES, sanitize, URL_SCHEMES } from '../scripts/pipeline/html-policy.ts';
import { reportLine } from './record.ts';

const { values } = parseArgs({
  options: {
    content: { type: 'string', default: 'content' },
    rounds: { type: 'string', default: '41' },
    record: { type: 'boolean', default: false },
  },
});
const rounds = Number(values.rounds);
if (!Number.isInteger(rounds) || rounds < 1) throw new Error(`--rounds must be a positive integer, got "${values.rounds}"`);

const HOSTILE = '<p>x<img src=x onerror="alert(1)"><a href="javascript:alert(1)">y</a><script>alert(1)</script><iframe src="//evil"></iframe></p>';

function markdownFiles(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((e) => {
    const full = path.join(dir, e.name);
    if (e.isDirectory()) return markdownFiles(full);
    return e.name.endsWith('.md') ? [full] : [];
  });
}

const marked = new Marked({ gfm: true });
const documents = markdownFiles(values.content!).map((file) => {
  const body = readFileSync(file, 'utf8').replace(/^---\n[\s\S]*?\n---\n/, '');
  return `${marked.parse(body, { async: false })}${HOSTILE}`;
});
if (documents.length === 0) throw new Error(`bench:sanitize: no Markdown under ${values.content}`);

const options: sanitizeHtml.IOptions = {
  allowedTags: Object.keys(OUTPUT_ATTRIBUTES),
  allowedAttributes: Object.fromEntries(Object.entries(OUTPUT_ATTRIBUTES).map(([tag, attrs]) => [tag, [...attrs]])),
  allowedSchemes: URL_SCHEMES,
  allowedSchemesAppliedToAttributes: ['href', 'src'],
};

function time(run: (html: string) => string): number {
  const started = performance.now();
  let length = 0;
  for (const html of documents) length += run(html).length;
  if (length === 0) throw new Error('a sanitizer returned nothing');
  return performance.now() - started;
}

const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]!;
const ours: number[] = [];
const theirs: number[] = [];
// One warm-up round each, so both are measured with their code optimized.
time(sanitize);
time((html) => sanitizeHtml(html, options));
for (let round = 0; round < rounds; round++) {
  if (round % 2 === 0) {
    ours.push(time(sanitize));
    theirs.push(time((html) => sanitizeHtml(html, options)));
  } else {
    theirs.push(time((html) => sanitizeHtml(html, options)));
    ours.push(time(sanitize));
  }
}

const version = (createRequire(import.meta.url)('sanitize-html/package.json') as { version: string }).version;
reportLine('sanitize', {
  bench: 'sanitize',
  documents: documents.length,
  input_kb: Math.round(documents.reduce((n, d) => n + Buffer.byteLength(d), 0) / 1000),
  kotae_ms: Number(median(ours).toFixed(1)),
  sanitize_html_ms: Number(median(theirs).toFixed(1)),
  speedup: Number((median(theirs) / median(ours)).toFixed(2)),
  sanitize_html_version: version,
});
