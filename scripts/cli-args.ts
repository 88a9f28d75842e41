import { realpathSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs, type ParseArgsConfig } from 'node:util';

/**
 * The end of a command before its work is done: a usage error (code 2), `--help` (code 0) or another refusal.
 * Thrown from helpers deep inside a command and caught by its `run`, which prints `message` (stdout for
 * code 0, stderr otherwise) and returns `code`, so a command can be called in-process without exiting Node.
 */
export class CliExit extends Error {
  constructor(
    readonly code: number,
    message = '',
  ) {
    super(message);
    this.name = 'CliExit';
  }
}

/** Where a command writes, and the environment it reads (`KOTAE_LANG`, `LANG`…); the process's by default. */
export interface CliIo {
  stdout: (text: string) => void;
  stderr: (text: string) => void;
  env?: NodeJS.ProcessEnv;
}

/** A command callable in-process: the arguments after the script name in, the exit code out. */
export type CliRun = (argv: string[], io: CliIo) => Promise<number>;

/**
 * Runs `body`, turning a thrown {@link CliExit} into its message and exit code; other errors propagate.
 *
 * @example export const run: CliRun = (argv, io) => runCli(io, () => { …; return 0; });
 */
// biome-ignore lint/suspicious/noConfusingVoidType: a command body may end without a return (exit 0)
export async function runCli(io: CliIo, body: () => number | void | Promise<number | void>): Promise<number> {
  try {
    return (await body()) ?? 0;
  } catch (error) {
    if (!(error instanceof CliExit)) throw error;
    if (error.message) (error.code === 0 ? io.stdout : io.stderr)(error.message);
    return error.code;
  }
}

/**
 * Runs `run` with the process's arguments and streams when `moduleUrl` (the script's `import.meta.url`) is the
 * script Node was started with, and sets `process.exitCode`; does nothing when the module is imported.
 */
export function runAsScript(moduleUrl: string, run: CliRun): void {
  if (!process.argv[1] || fileURLToPath(moduleUrl) !== realPath(process.argv[1])) return;
  void run(process.argv.slice(2), { stdout: (s) => process.stdout.write(s), stderr: (s) => process.stderr.write(s) }).then((code) => {
    process.exitCode = code;
  });
}

/** What the commands' flags parse with: their options, `--help`, strict. */
type CliConfig<T> = { args: string[]; options: T & { help: { type: 'boolean'; short: 'h' } }; allowPositionals: boolean; strict: true };
/** The parsed flags of a command (a named type, so declarations can refer to it). */
export type ParsedCliArgs<T> = ReturnType<typeof parseArgs<CliConfig<T>>>;

/** `file` with symlinks resolved, as Node resolves the main module (a script started through a symlink still runs). */
function realPath(file: string): string {
  try {
    return realpathSync(file);
  } catch {
    return path.resolve(file);
  }
}

/**
 * Parses `argv` with node:util, turning mistakes into a thrown {@link CliExit} with the usage and code 2
 * instead of a stack trace.
 */
export function parseCliArgs<T extends NonNullable<ParseArgsConfig['options']>>(
  argv: string[],
  usage: string,
  options: T,
  allowPositionals = false,
): ParsedCliArgs<T> {
  try {
    const config: CliConfig<T> = { args: argv, options: { ...options, help: { type: 'boolean', short: 'h' } }, allowPositionals, strict: true };
    return parseArgs(config);
  } catch (error) {
    throw new CliExit(2, `${(error as Error).message}\n\nusage: ${usage}\n`);
  }
}

/** Throws a {@link CliExit} with the usage and code 0 when --help was given. */
export function throwIfHelp(values: { help?: boolean | undefined }, usage: string): void {
  if (values.help) throw new CliExit(0, `usage: ${usage}\n`);
}

/** Runs `body`; a {@link CliExit} from it is printed to the process's streams and exits the process with its code. */
export function exitOnCliExit<T>(body: () => T): T {
  try {
    return body();
  } catch (error) {
    if (!(error instanceof CliExit)) throw error;
    if (error.message) (error.code === 0 ? process.stdout : process.stderr).write(error.message);
    process.exit(error.code);
  }
}

/**
 * Parses the process's flags (as {@link parseCliArgs}), printing the usage and exiting 2 on a mistake:
 * for scripts that run top to bottom rather than through a `run` function.
 */
export function cliArgs<T extends NonNullable<ParseArgsConfig['options']>>(usage: string, options: T, allowPositionals = false): ParsedCliArgs<T> {
  return exitOnCliExit(() => parseCliArgs(process.argv.slice(2), usage, options, allowPositionals));
}

/** Prints usage and exits when --help was given (as {@link throwIfHelp}, for top-to-bottom scripts). */
export function helpRequested(values: { help?: boolean | undefined }, usage: string): void {
  exitOnCliExit(() => throwIfHelp(values, usage));
}
