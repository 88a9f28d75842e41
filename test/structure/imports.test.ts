import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { cruise, type ICruiseResult } from 'dependency-cruiser';
import extractDepcruiseOptions from 'dependency-cruiser/config-utl/extract-depcruise-options';
import { afterAll, describe, expect, it } from 'vitest';

// The import rules of .dependency-cruiser.cjs, checked by dependency-cruiser on the repository, and shown to
// bite on a small tree that breaks each of them.

const CONFIG = path.resolve('.dependency-cruiser.cjs');
const AREAS = ['content', 'search', 'widget', 'kb-site', 'scripts', 'intake', 'bench', 'i18n'];

async function violations(root: string, areas: string[]): Promise<string[]> {
  const options = await extractDepcruiseOptions(CONFIG);
  const cwd = process.cwd();
  process.chdir(root);
  try {
    const { output } = await cruise(areas, { ...options, validate: true, outputType: 'json' });
    const result = (typeof output === 'string' ? JSON.parse(output) : output) as ICruiseResult;
    return result.summary.violations.map((v) => `${v.rule.name}: ${v.from} → ${v.to}`).sort();
  } finally {
    process.chdir(cwd);
  }
}

const planted: string[] = [];
afterAll(() => planted.forEach((dir) => rmSync(dir, { recursive: true, force: true })));

describe('import rules', () => {
  it('hold for the whole repository', async () => {
    expect(await violations(process.cwd(), AREAS)).toEqual([]);
  }, 120_000);

  it('bite: each rule reports a tree that breaks it', async () => {
    const root = mkdtempSync(path.join(tmpdir(), 'kotae-imports-'));
    planted.push(root);
    const files: Record<string, string> = {
      'widget/uses-fs.ts': "import { readFileSync } from 'node:fs';\nexport const read = readFileSync;\n",
      'widget/uses-intake.ts': "export { handler } from '../intake/app.ts';\n",
      'intake/app.ts': "import { build } from '../scripts/pipeline/build.ts';\nexport const handler = build;\n",
      'scripts/pipeline/build.ts': 'export const build = 1;\n',
      'search/uses-widget.ts': "export { read } from '../widget/uses-fs.ts';\n",
      'content/schema/uses-search.ts': "export { read } from '../../search/uses-widget.ts';\n",
      'kb-site/islands/a.ts': "import { b } from './b.ts';\nexport const a = b;\n",
      'kb-site/islands/b.ts': "import { a } from './a.ts';\nexport const b = () => a;\n",
      'scripts/uses-test.ts': "export { fixture } from '../test/fixture.ts';\n",
      'test/fixture.ts': 'export const fixture = 1;\n',
      'i18n/runtime/uses-node.ts': "import { readFileSync } from 'node:fs';\nexport const read = readFileSync;\n",
      'tsconfig.json': '{ "compilerOptions": { "allowImportingTsExtensions": true, "noEmit": true, "module": "NodeNext", "moduleResolution": "NodeNext" } }\n',
    };
    for (const [file, text] of Object.entries(files)) {
      mkdirSync(path.dirname(path.join(root, file)), { recursive: true });
      writeFileSync(path.join(root, file), text);
    }
    const found = await violations(root, ['widget', 'intake', 'scripts', 'search', 'content', 'kb-site', 'test', 'i18n']);
    expect(found).toEqual(
      expect.arrayContaining([
        'browser-no-node: widget/uses-fs.ts → fs',
        'browser-no-tools: widget/uses-intake.ts → intake/app.ts',
        'intake-no-build: intake/app.ts → scripts/pipeline/build.ts',
        'search-self-contained: search/uses-widget.ts → widget/uses-fs.ts',
        'schema-pure: content/schema/uses-search.ts → search/uses-widget.ts',
        'no-circular: kb-site/islands/a.ts → kb-site/islands/b.ts',
        'tests-stay-in-test: scripts/uses-test.ts → test/fixture.ts',
        'translation-runtime-pure: i18n/runtime/uses-node.ts → fs',
      ]),
    );
  }, 120_000);
});
