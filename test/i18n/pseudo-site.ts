import path from 'node:path';
import { ROOT } from '../content/run-cli.ts';
import { runTool } from './run-tool.ts';

/** Generates the pseudo-locales of `contentDir` into `work/pseudo` and builds the site with them (`--build`). */
export async function buildPseudoSite(work: string, contentDir = path.join(ROOT, 'content')): Promise<{ dist: string; content: string }> {
  const out = path.join(work, 'pseudo');
  const gen = await runTool('i18n-pseudo', ['--out', out, '--content', contentDir, '--build']);
  if (gen.status !== 0) throw new Error(`i18n:pseudo --build failed: ${gen.stderr}`);
  return { dist: path.join(out, 'dist'), content: path.join(out, 'content') };
}
