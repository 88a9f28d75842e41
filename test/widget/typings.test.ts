import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import ts from 'typescript';
import { afterAll, describe, expect, it } from 'vitest';
import { buildWidget } from '../../scripts/pipeline/widget-bundle.ts';

const dir = mkdtempSync(path.join(os.tmpdir(), 'kotae-dts-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

/** Type errors of `source` compiled against the shipped `kotae.d.ts`, as an integrator's project would. */
function typeErrors(source: string): string[] {
  writeFileSync(path.join(dir, 'use.ts'), source);
  const program = ts.createProgram([path.join(dir, 'use.ts'), path.join(dir, 'kotae.d.ts')], {
    strict: true,
    noEmit: true,
    target: ts.ScriptTarget.ES2022,
    module: ts.ModuleKind.NodeNext,
    moduleResolution: ts.ModuleResolutionKind.NodeNext,
    lib: ['lib.es2022.d.ts', 'lib.dom.d.ts'],
    types: [],
  });
  return ts.getPreEmitDiagnostics(program).map((d) => ts.flattenDiagnosticMessageText(d.messageText, '\n'));
}

describe('dist/widget/kotae.d.ts', () => {
  it('types the Kotae API for integrators and rejects misuse', async () => {
    await buildWidget((file, content) => {
      if (file === 'widget/kotae.d.ts') writeFileSync(path.join(dir, 'kotae.d.ts'), content);
    });
    expect(
      typeErrors(`import type { KotaeContext } from './kotae.js';
const context: KotaeContext = { product: 'cloud-db', page: '/billing' };
void window.Kotae('setContext', context);
void window.Kotae('search', 'invoice').then((hits) => hits.map((h) => h.title.toUpperCase()));
void window.Kotae('on', 'vote', (detail) => detail.helpful === true);
void window.Kotae('open', { view: 'article', article: 'reset-password' });
void window.Kotae('analytics', false);`),
    ).toEqual([]);
    const misuse = typeErrors(`void window.Kotae('open', { view: 'chat' });
void window.Kotae('on', 'vote', (detail) => detail.query);
void window.Kotae('analytics', 'off');`);
    expect(misuse).toHaveLength(3);
  });
});
