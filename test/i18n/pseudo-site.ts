import { spawnSync } from 'node:child_process';
import { copyFileSync, cpSync, mkdirSync, readdirSync, symlinkSync } from 'node:fs';
import path from 'node:path';
import { ROOT, runScript } from '../content/run-cli.ts';

/**
 * Generates the pseudo-locales of `contentDir` into `work` and builds the site with them into `work/dist`.
 *
 * The build reads UI strings from the repository's `i18n/` folder (i18n/bundles.ts), which has no pseudo
 * bundles. So the build runs from `work/root`: a mirror of the repository whose entries are symlinks,
 * except `i18n/`, a real folder holding bundles.ts and the generated bundles. Node keeps the symlinked
 * paths (--preserve-symlinks), so `../../i18n/bundles.ts` resolves inside the mirror.
 */
export function buildPseudoSite(work: string, contentDir = path.join(ROOT, 'content')): { dist: string; content: string } {
  const gen = runScript('i18n-pseudo.ts', ['--out', path.join(work, 'pseudo'), '--content', contentDir]);
  if (gen.status !== 0) throw new Error(`i18n:pseudo failed: ${gen.stderr}`);
  const root = path.join(work, 'root');
  mkdirSync(root);
  for (const name of readdirSync(ROOT)) if (!['i18n', 'dist', '.git', '.data'].includes(name)) symlinkSync(path.join(ROOT, name), path.join(root, name));
  cpSync(path.join(work, 'pseudo/i18n'), path.join(root, 'i18n'), { recursive: true });
  copyFileSync(path.join(ROOT, 'i18n/bundles.ts'), path.join(root, 'i18n/bundles.ts'));
  const dist = path.join(work, 'dist');
  const content = path.join(work, 'pseudo/content');
  const build = spawnSync(process.execPath, ['--preserve-symlinks', '--preserve-symlinks-main', '--import', 'tsx', 'scripts/build.ts', '--content', content, '--out', dist, '--quiet'], {
    cwd: root,
    encoding: 'utf8',
  });
  if (build.status !== 0) throw new Error(`build of the pseudo-locales failed: ${build.stderr}`);
  return { dist, content };
}
