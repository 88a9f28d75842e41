import { readFileSync } from 'node:fs';
import path from 'node:path';
import YAML from 'yaml';
import { describe, expect, it } from 'vitest';
import { EntryFrontmatter, fallbackChain, localize, SiteConfig } from '../../content/schema/index.ts';
import { sourceHash } from '../../content/source-hash.ts';
import { FIXTURES } from './run-cli.ts';

const config = SiteConfig.parse(YAML.parse(readFileSync(path.join(FIXTURES, 'good-content/kotae.config.yaml'), 'utf8')));
const minimal = { id: 'reset-password', type: 'faq', title: 'パスワードを忘れました', category: 'accounts', updated: '2026-10-01' };

describe('entry frontmatter', () => {
  it('accepts a minimal FAQ and fills list defaults', () => {
    const entry = EntryFrontmatter.parse(minimal);
    expect(entry).toMatchObject({ tags: [], aliases: [], related: [], resources: [], draft: false });
  });

  it('rejects unknown keys, bad ids, impossible dates and over-long titles', () => {
    expect(EntryFrontmatter.safeParse({ ...minimal, colour: 'red' }).success).toBe(false);
    expect(EntryFrontmatter.safeParse({ ...minimal, id: 'Reset Password' }).success).toBe(false);
    expect(EntryFrontmatter.safeParse({ ...minimal, updated: '2026-02-30' }).success).toBe(false);
    expect(EntryFrontmatter.safeParse({ ...minimal, title: 'x'.repeat(121) }).success).toBe(false);
    expect(EntryFrontmatter.safeParse({ ...minimal, source: { locale: 'ja', hash: 'abc' } }).success).toBe(false);
  });
});

describe('site config', () => {
  it("walks a locale's fallback chain down to the default locale", () => {
    expect(fallbackChain(config, 'en')).toEqual(['en', 'ja']);
    expect(fallbackChain(config, 'ja')).toEqual(['ja']);
  });

  it('localizes text along the chain', () => {
    expect(localize({ ja: 'カメラ', en: 'Camera' }, 'en')).toBe('Camera');
    expect(localize({ ja: 'カメラ' }, 'fr', ['ja'])).toBe('カメラ');
    expect(localize('CAM-100', 'en')).toBe('CAM-100');
  });

  it('rejects a severity target for an unknown plan and an unknown time zone', () => {
    const raw = YAML.parse(readFileSync(path.join(FIXTURES, 'good-content/kotae.config.yaml'), 'utf8'));
    raw.severities[0].firstResponse[0].plan = 'platinum';
    raw.businessHours.timeZone = 'Asia/Atlantis';
    const result = SiteConfig.safeParse(raw);
    expect(result.success).toBe(false);
    expect(result.error!.issues.map((i) => i.path.join('.')).sort()).toEqual(['businessHours.timeZone', 'severities.0.firstResponse.0.plan']);
  });
});

describe('source hash', () => {
  const base = { title: '題名', summary: '要約', aliases: ['別名'], body: '本文です。\n\n次の段落。\n' };
  it('ignores line endings, trailing spaces and extra blank lines', () => {
    expect(sourceHash({ ...base, body: '本文です。  \r\n\r\n\r\n次の段落。' })).toBe(sourceHash(base));
  });
  it('changes when the text a translator works from changes', () => {
    expect(sourceHash({ ...base, body: '本文です。\n\n別の段落。\n' })).not.toBe(sourceHash(base));
    expect(sourceHash({ ...base, aliases: [] })).not.toBe(sourceHash(base));
    expect(sourceHash(base)).toMatch(/^[0-9a-f]{16}$/);
  });
});
