import { spawnSync } from 'node:child_process';
import { copyFileSync, cpSync, mkdirSync, readdirSync, rmSync, symlinkSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');

/**
 * Builds the site from a content folder with UI strings from `i18nDir` instead of the repository's `i18n/`
 * (which the build reads through i18n/bundles.ts, and which has no pseudo-locale bundles). The build runs
 * from `<work>/root`: a mirror of the repository made of symlinks, except `i18n/`, a real folder holding
 * bundles.ts, the translation runtime and the given bundles. Node keeps symlinked paths (--preserve-symlinks), so the build's
 * `../../i18n/bundles.ts` resolves inside the mirror. Returns the build's stderr when it fails.
 */
export function buildWithBundles(contentDir: string, i18nDir: string, outDir: string, work: string): { ok: boolean; stderr: string } {
  const root = path.join(work, 'root');
  rmSync(root, { recursive: true, force: true });
  mkdirSync(root, { recursive: true });
  for (const name of readdirSync(ROOT)) if (!['i18n', 'dist', '.git', '.data'].includes(name)) symlinkSync(path.join(ROOT, name), path.join(root, name));
  cpSync(i18nDir, path.join(root, 'i18n'), { recursive: true });
  copyFileSync(path.join(ROOT, 'i18n/bundles.ts'), path.join(root, 'i18n/bundles.ts'));
  symlinkSync(path.join(ROOT, 'i18n/runtime'), path.join(root, 'i18n/runtime'));
  const build = spawnSync(
    process.execPath,
    [
      '--preserve-symlinks',
      '--preserve-symlinks-main',
      '--import',
      'tsx',
      'scripts/build.ts',
      '--content',
      path.resolve(contentDir),
      '--out',
      path.resolve(outDir),
      '--quiet',
    ],
    { cwd: root, encoding: 'utf8' },
  );
  rmSync(root, { recursive: true, force: true });
  return { ok: build.status === 0, stderr: build.stderr };
}
