import { cpSync, mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { ROOT } from '../content/run-cli.ts';
import { runTool } from './run-tool.ts';

// The CLIs speak the user's language (KOTAE_LANG, LANG); these tests read their English messages.
process.env.KOTAE_LANG = 'en';

const temps: string[] = [];
/** A copy of the sample content's config and the repository's UI strings. */
function workspace(): { content: string; i18n: string } {
  const root = mkdtempSync(path.join(tmpdir(), 'kotae-i18n-add-'));
  temps.push(root);
  cpSync(path.join(ROOT, 'content/kotae.config.yaml'), path.join(root, 'content/kotae.config.yaml'));
  cpSync(path.join(ROOT, 'content/ja'), path.join(root, 'content/ja'), { recursive: true });
  cpSync(path.join(ROOT, 'i18n'), path.join(root, 'i18n'), { recursive: true, filter: (src) => !src.endsWith('.ts') });
  return { content: path.join(root, 'content'), i18n: path.join(root, 'i18n') };
}
const add = (ws: { content: string; i18n: string }, ...args: string[]) => runTool('i18n-add', [...args, '--content', ws.content, '--i18n', ws.i18n]);

afterEach(() => {
  for (const dir of temps.splice(0)) rmSync(dir, { recursive: true, force: true });
});

describe('npm run i18n:add', () => {
  it('adds the config entry without touching comments or other lines, and scaffolds empty UI strings', async () => {
    const ws = workspace();
    const configFile = path.join(ws.content, 'kotae.config.yaml');
    const before = readFileSync(configFile, 'utf8');
    const r = await add(ws, 'ar');
    expect(r.status).toBe(0);
    const after = readFileSync(configFile, 'utf8');
    expect(after).toBe(
      before.replace(
        '    - { code: en, name: English, fallback: [ja] }\n',
        '    - { code: en, name: English, fallback: [ja] }\n    - { code: ar, name: العربية, dir: rtl, fallback: [en] }\n',
      ),
    );
    const widget = JSON.parse(readFileSync(path.join(ws.i18n, 'ar/widget.json'), 'utf8'));
    const ja = JSON.parse(readFileSync(path.join(ws.i18n, 'ja/widget.json'), 'utf8'));
    expect(Object.keys(widget)).toEqual(Object.keys(ja));
    expect(widget.search).toMatchObject({ count_zero: '', count_one: '', count_two: '', count_few: '', count_many: '', count_other: '' });
    expect(widget.launcher.label).toBe('');
    expect(r.stdout).toMatch(/created .*ar\/widget\.json \(every string empty: not translated yet\)/);
  });

  it('leaves a locale i18n:status reports as wholly untranslated, which the site config accepts', async () => {
    const ws = workspace();
    expect((await add(ws, 'fr')).status).toBe(0);
    const status = await runTool('i18n-status', ['--content', ws.content, '--i18n', ws.i18n, '--json', '--locale', 'fr']);
    expect(status.status).toBe(0);
    const fr = JSON.parse(status.stdout).locales.fr;
    expect(fr.translated).toBe(0);
    expect(fr.missing).toBeGreaterThan(40);
    const keys = (file: string) => JSON.stringify(JSON.parse(readFileSync(file, 'utf8'))).match(/":"/g)!.length;
    const scaffolds = readdirSync(path.join(ws.i18n, 'fr'));
    expect(scaffolds).toEqual(readdirSync(path.join(ws.i18n, 'ja')));
    expect(fr.ui_missing).toBe(scaffolds.reduce((n, name) => n + keys(path.join(ws.i18n, 'fr', name)), 0));
    expect(readFileSync(path.join(ws.content, 'kotae.config.yaml'), 'utf8')).toContain('    - { code: fr, name: français, fallback: [en] }\n');
  });

  it('refuses a locale already configured and a malformed code', async () => {
    const ws = workspace();
    const again = await add(ws, 'en');
    expect(again.status).toBe(1);
    expect(again.stderr).toMatch(/en is already in the site config/);
    const bad = await add(ws, 'French');
    expect(bad.status).toBe(2);
    expect(bad.stderr).toMatch(/"French" is not a language tag/);
  });
});
