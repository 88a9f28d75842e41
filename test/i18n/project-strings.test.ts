import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { bundleTranslator, I18N_DIR, projectI18nDir, readUiBundle, uiLocales } from '../../i18n/bundles.ts';

// A project made with `npm create kotae` keeps the strings its customers read in its own i18n/ folder; the
// `kotae` command names it in KOTAE_I18N_DIR.
const saved = process.env.KOTAE_I18N_DIR;
let dir: string | undefined;
afterEach(() => {
  if (saved === undefined) delete process.env.KOTAE_I18N_DIR;
  else process.env.KOTAE_I18N_DIR = saved;
  if (dir) rmSync(dir, { recursive: true, force: true });
});

function project(files: Record<string, unknown>): void {
  dir = mkdtempSync(path.join(tmpdir(), 'kotae-project-i18n-'));
  for (const [file, json] of Object.entries(files)) {
    mkdirSync(path.dirname(path.join(dir, file)), { recursive: true });
    writeFileSync(path.join(dir, file), JSON.stringify(json));
  }
  process.env.KOTAE_I18N_DIR = dir;
}

describe("a project's own UI strings", () => {
  it('are read over the shipped ones key by key, so strings the project lacks still show', () => {
    const shipped = bundleTranslator('widget', ['ja']);
    project({ 'ja/widget.json': { launcher: { label: 'ヘルプを見る' } } });
    const t = bundleTranslator('widget', ['ja']).t;
    expect(t('launcher.label')).toBe('ヘルプを見る');
    // Not in the project's bundle: the shipped Japanese, not English and not the key.
    expect(t('search.placeholder')).toBe(shipped.t('search.placeholder'));
    expect(t('search.placeholder')).not.toBe('search.placeholder');
  });

  it('may add a locale Kotae does not ship, which the widget build then bundles', () => {
    project({ 'fr/widget.json': { launcher: { label: 'Aide' } } });
    expect(uiLocales()).toContain('fr');
    expect(readUiBundle('fr', 'widget')).toEqual({ launcher: { label: 'Aide' } });
  });

  it('are not layered when a tool names a bundle folder of its own, nor in this repository', () => {
    project({ 'ja/widget.json': { launcher: { label: 'ヘルプを見る' } } });
    const other = path.join(dir!, 'ja');
    expect(readUiBundle('ja', 'widget', path.dirname(other))).toEqual({ launcher: { label: 'ヘルプを見る' } });
    process.env.KOTAE_I18N_DIR = I18N_DIR;
    expect(projectI18nDir()).toBeUndefined();
  });

  it('name the file when one is not JSON', () => {
    project({});
    mkdirSync(path.join(dir!, 'ja'));
    writeFileSync(path.join(dir!, 'ja/widget.json'), '{ "launcher": ');
    expect(() => readUiBundle('ja', 'widget')).toThrow(/ja\/widget\.json is not valid JSON/);
  });
});
