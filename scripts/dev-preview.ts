import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { buildSync } from 'esbuild';

/** Root-relative URLs the live preview serves itself (never part of a build). */
export const DEV_SCRIPT_URL = '/__kotae/dev.js';
export const DEV_STYLE_URL = '/__kotae/dev.css';
export const DEV_EVENTS_URL = '/__kotae/events';

/** The live-preview client (bundled) and its overlay stylesheet. */
export function previewAssets(): { script: string; style: string } {
  const result = buildSync({
    entryPoints: [fileURLToPath(new URL('../kb-site/dev/dev-client.ts', import.meta.url))],
    bundle: true,
    format: 'esm',
    target: 'es2020',
    write: false,
    logLevel: 'silent',
  });
  return { script: result.outputFiles[0]?.text ?? '', style: readFileSync(new URL('../kb-site/dev/dev-overlay.css', import.meta.url), 'utf8') };
}

/** A page with the live-preview client added: external script and stylesheet only, so the CSP stays strict. */
export function withPreview(html: string): string {
  const tags = `<link rel="stylesheet" href="${DEV_STYLE_URL}"/><script type="module" src="${DEV_SCRIPT_URL}"></script>`;
  const at = html.indexOf('</head>');
  return at === -1 ? html + tags : html.slice(0, at) + tags + html.slice(at);
}
