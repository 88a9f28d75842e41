import { mkdirSync, rmSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import ts from 'typescript';
import { afterAll, describe, expect, it } from 'vitest';

// Each area is its own TypeScript project with the environment it runs in (tsconfig.projects.json lists them;
// `npm run typecheck` is `tsc -b tsconfig.projects.json`). A file planted in an area is checked with that area's compiler options,
// so these tests show that the environments bite: no DOM where code must run anywhere or in Node, no Node
// where code ships to browsers.

const PLANT_DIR = path.resolve('.tsbuild', `planted-${process.pid}`);
afterAll(() => rmSync(PLANT_DIR, { recursive: true, force: true }));

/** Diagnostics of `source`, compiled alone with the compiler options of the project `area/tsconfig.json`. */
function diagnosticsIn(area: string, source: string): string[] {
  mkdirSync(PLANT_DIR, { recursive: true });
  const file = path.join(PLANT_DIR, `${area.replaceAll('/', '-')}-${Math.random().toString(36).slice(2)}.ts`);
  writeFileSync(file, source);
  const config = ts.readConfigFile(path.resolve(area, 'tsconfig.json'), ts.sys.readFile);
  const parsed = ts.parseJsonConfigFileContent(config.config, ts.sys, path.resolve(area));
  // The project's environment (lib, types, jsx), but just this file and no output.
  const options: ts.CompilerOptions = { ...parsed.options, composite: false, declaration: false, emitDeclarationOnly: false, noEmit: true, rootDir: undefined };
  const program = ts.createProgram([file], options);
  return ts.getPreEmitDiagnostics(program, program.getSourceFile(file)).map((d) => `TS${d.code}: ${ts.flattenDiagnosticMessageText(d.messageText, '\n')}`);
}

const PORTABLE = "export const words = 'a b'.split(' ').map((w) => w.toUpperCase());\n";
const USES_DOM = 'export const title = document.title;\n';
const USES_NODE = "import { readFileSync } from 'node:fs';\nexport const read = readFileSync;\n";
const USES_PROCESS = 'export const env = process.env;\n';

describe('per-area TypeScript projects', () => {
  it.each(['content/schema', 'search', 'widget', 'intake', 'scripts'])('%s compiles portable code (the check can pass)', (area) => {
    expect(diagnosticsIn(area, PORTABLE)).toEqual([]);
  });

  it.each(['content/schema', 'search', 'intake', 'content'])('%s has no DOM', (area) => {
    expect(diagnosticsIn(area, USES_DOM)).toEqual([expect.stringMatching(/^TS2584: Cannot find name 'document'/)]);
  });

  it.each(['content/schema', 'search', 'widget'])('%s has no Node', (area) => {
    expect(diagnosticsIn(area, USES_NODE)).toEqual([expect.stringMatching(/^TS2307: Cannot find module 'node:fs'/)]);
    expect(diagnosticsIn(area, USES_PROCESS)).toEqual([expect.stringMatching(/^TS2591: Cannot find name 'process'/)]);
  });

  it.each(['intake', 'scripts'])('%s has Node', (area) => {
    expect(diagnosticsIn(area, USES_NODE)).toEqual([]);
  });

  it('the browser has the DOM', () => {
    expect(diagnosticsIn('widget', USES_DOM)).toEqual([]);
  });
});
