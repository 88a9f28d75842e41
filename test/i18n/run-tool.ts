/**
 * Runs an i18n command in this process through its exported `run`, as `runScript` runs it in a child
 * (same arguments, same working directory — the repository root, where vitest runs — same exit code and
 * output), without paying for a Node process and tsx per call.
 */
import type { CliRun } from '../../scripts/cli-args.ts';
import { run as add } from '../../scripts/i18n-add.ts';
import { run as diff } from '../../scripts/i18n-diff.ts';
import { run as exportFile } from '../../scripts/i18n-export.ts';
import { run as importFile } from '../../scripts/i18n-import.ts';
import { run as pseudo } from '../../scripts/i18n-pseudo.ts';
import { run as qa } from '../../scripts/i18n-qa.ts';
import { run as status } from '../../scripts/i18n-status.ts';

const TOOLS = {
  'i18n-add': add,
  'i18n-diff': diff,
  'i18n-export': exportFile,
  'i18n-import': importFile,
  'i18n-pseudo': pseudo,
  'i18n-qa': qa,
  'i18n-status': status,
} satisfies Record<string, CliRun>;

/** The name of an i18n command's script, without `scripts/` and `.ts`. */
export type ToolName = keyof typeof TOOLS;

/**
 * Calls `scripts/<tool>.ts` with `args` and collects what it writes. The environment is a copy of
 * `process.env` taken now (as a child would inherit it), so a test that sets `KOTAE_LANG` sees it.
 *
 * @example const r = await runTool('i18n-status', ['--json']); expect(r.status).toBe(0);
 */
export async function runTool(tool: ToolName, args: string[]): Promise<{ status: number; stdout: string; stderr: string }> {
  let stdout = '';
  let stderr = '';
  const status = await TOOLS[tool](args, {
    stdout: (s) => (stdout += s),
    stderr: (s) => (stderr += s),
    env: { ...process.env, NO_COLOR: '1' },
  });
  return { status, stdout, stderr };
}
