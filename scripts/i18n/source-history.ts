import { spawnSync } from 'node:child_process';
import path from 'node:path';
import { sourceHash } from '../../content/source-hash.ts';
import { parseEntryFile } from '../pipeline/load.ts';
import { Problems } from '../../content/problems.ts';
import { toolStrings, type ToolT } from './tool-strings.ts';

/** A version of a source file found in git history. */
export interface HistoricVersion {
  commit: string;
  date: string;
  subject: string;
  text: string;
}

/** Why the old source could not be found, in words for the translator. */
export interface HistoryMiss {
  reason: string;
}

function git(cwd: string, args: string[]): { ok: boolean; out: string } {
  const r = spawnSync('git', args, { cwd, encoding: 'utf8', maxBuffer: 64 * 1024 * 1024 });
  return { ok: r.status === 0, out: r.stdout ?? '' };
}

/**
 * Walks the git history of `file` (following renames), newest first, for the version whose text hashes
 * (`sourceHash` of title, summary, aliases and body) to `wantedHash`: the source a translation was made from.
 */
export function findSourceVersion(file: string, locale: string, wantedHash: string, t: ToolT = toolStrings()): HistoricVersion | HistoryMiss {
  const dir = path.dirname(file);
  const top = git(dir, ['rev-parse', '--show-toplevel']);
  if (!top.ok) return { reason: t('diff.notInGit', { file }) };
  const root = top.out.trim();
  const rel = path.relative(root, file).split(path.sep).join('/');
  const log = git(root, ['log', '--follow', '--format=%x00%H%x09%cs%x09%s', '--name-only', '--', rel]);
  if (!log.ok || !log.out.trim()) return { reason: t('diff.noHistory', { file: rel, root }) };
  const versions = log.out.split('\0').filter((s) => s.trim());
  for (const v of versions) {
    const [head, ...names] = v.split('\n').filter((s) => s.trim());
    const [commit, date, subject] = head!.split('\t') as [string, string, string];
    const at = names[names.length - 1] ?? rel;
    const show = git(root, ['show', `${commit}:${at}`]);
    if (!show.ok) continue;
    const entry = parseEntryFile(file, show.out, locale, at, new Problems());
    if (!entry) continue;
    const hash = sourceHash({ title: entry.meta.title, summary: entry.meta.summary, aliases: entry.meta.aliases, body: entry.body });
    if (hash === wantedHash) return { commit, date, subject, text: show.out };
  }
  return { reason: t('diff.noVersion', { count: versions.length, file: rel, hash: wantedHash }) };
}
