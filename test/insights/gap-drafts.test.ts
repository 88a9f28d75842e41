import { cpSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { bundleTranslator } from '../../i18n/bundles.ts';
import { gapDrafts } from '../../intake/insights/gap-drafts.ts';
import { groupQuestions } from '../../intake/insights/question-groups.ts';
import { compileContent } from '../../scripts/pipeline/compile-site.ts';
import { sampleConfig } from '../intake/fixtures.ts';

const work = mkdtempSync(path.join(tmpdir(), 'kotae-gaps-'));
afterAll(() => rmSync(work, { recursive: true, force: true }));

describe('content gaps to drafts', () => {
  it('writes one draft FAQ per unanswered group that check accepts and the build does not publish', async () => {
    const config = await sampleConfig();
    const groups = groupQuestions([
      { query: 'roll back camera firmware', locale: 'en', product: 'camera' },
      { query: 'camera firmware roll back', locale: 'en', product: 'camera', count: 2 },
      { query: 'roll back camera firmwre', locale: 'en', product: 'camera' },
      { query: 'カメラのファームウェアを戻したい', locale: 'ja', product: 'camera' },
    ]);
    const content = path.join(work, 'content');
    cpSync('content', content, { recursive: true });
    const before = compileContent({ contentDir: content, today: '2026-12-02' });
    const drafts = gapDrafts(
      groups.map((g) => ({ ...g })),
      {
        config,
        takenIds: new Set(['camera-firmware-roll-back']),
        today: '2026-12-02',
        range: { since: '2026-11-01', until: '2026-11-30' },
        t: (locale) => bundleTranslator('tools', [locale]).t,
      },
    );
    expect(drafts.map((d) => d.file)).toEqual(['en/camera/camera-firmware-roll-back-2.md', expect.stringMatching(/^ja\/camera\/question-[0-9a-f]{8}\.md$/)]);
    expect(drafts[0]!.text).toContain('aliases:\n  - roll back camera firmware\n  - roll back camera firmwre\n');
    expect(drafts[0]!.text).toContain('draft: true');
    expect(drafts[0]!.text).toMatch(/customers asked this 4 times between 2026-11-01 and 2026-11-30/);
    expect(drafts[1]!.text).toContain('1 回質問され');
    for (const d of drafts) {
      mkdirSync(path.dirname(path.join(content, d.file)), { recursive: true });
      writeFileSync(path.join(content, d.file), d.text);
    }
    const files = new Map<string, string | Uint8Array>();
    const after = compileContent({ contentDir: content, today: '2026-12-02' }, (file, bytes) => files.set(file, bytes));
    expect(after.problems.errors).toEqual([]);
    // Drafts are checked like every entry, but not published.
    expect(after.stats.entries).toBe(before.stats.entries);
    for (const d of drafts) {
      expect([...files.keys()].filter((f) => f.includes(d.id))).toEqual([]);
      expect(String(files.get(`data/${d.file.slice(0, 2)}/catalog.json`))).not.toContain(d.id);
    }
  });
});
