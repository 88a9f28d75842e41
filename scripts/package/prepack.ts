/**
 * `npm pack` / `npm publish` run this first: it writes `sdk/`, the one part of the package that is not
 * TypeScript run by tsx but JavaScript for other people's bundlers: `kotae/widget` (widget/sdk.ts bundled as
 * an ES module) and its types (widget/api.ts is kept valid as a declaration file for this).
 */
import { mkdirSync, readFileSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { buildSync } from 'esbuild';
import ts from 'typescript';

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
const SDK = path.join(ROOT, 'sdk');

rmSync(SDK, { recursive: true, force: true });
mkdirSync(SDK);
buildSync({
  entryPoints: [path.join(ROOT, 'widget/sdk.ts')],
  outfile: path.join(SDK, 'widget.js'),
  bundle: true,
  format: 'esm',
  target: 'es2022',
  legalComments: 'none',
  logLevel: 'warning',
});
emitDeclarations();

/** widget/sdk.d.ts and widget/api.d.ts by TypeScript itself, imports pointing at the `.js` names they ship as. */
function emitDeclarations(): void {
  const program = ts.createProgram([path.join(ROOT, 'widget/sdk.ts')], {
    declaration: true,
    emitDeclarationOnly: true,
    outDir: SDK,
    rootDir: path.join(ROOT, 'widget'),
    target: ts.ScriptTarget.ES2022,
    module: ts.ModuleKind.ESNext,
    moduleResolution: ts.ModuleResolutionKind.Bundler,
    allowImportingTsExtensions: true,
    rewriteRelativeImportExtensions: true,
    lib: ['lib.es2023.d.ts', 'lib.dom.d.ts'],
    types: [],
    strict: true,
    skipLibCheck: true,
  });
  const result = program.emit();
  const problems = [...ts.getPreEmitDiagnostics(program), ...result.diagnostics];
  if (problems.length)
    throw new Error(ts.formatDiagnostics(problems, { getCanonicalFileName: (f) => f, getCurrentDirectory: () => ROOT, getNewLine: () => '\n' }));
  renameSync(path.join(SDK, 'sdk.d.ts'), path.join(SDK, 'widget.d.ts'));
  for (const file of ['widget.d.ts', 'api.d.ts']) {
    const target = path.join(SDK, file);
    writeFileSync(target, readFileSync(target, 'utf8').replace(/from '\.\/api\.ts'/g, "from './api.js'"));
  }
}
