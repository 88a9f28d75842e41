import { parseArgs, type ParseArgsConfig } from 'node:util';

/**
 * Parses a command's flags with node:util, turning mistakes into a usage message and exit code 2
 * instead of a stack trace.
 */
export function cliArgs<T extends NonNullable<ParseArgsConfig['options']>>(usage: string, options: T, allowPositionals = false) {
  try {
    return parseArgs({ args: process.argv.slice(2), options: { ...options, help: { type: 'boolean', short: 'h' } }, allowPositionals, strict: true });
  } catch (error) {
    process.stderr.write(`${(error as Error).message}\n\nusage: ${usage}\n`);
    process.exit(2);
  }
}

/** Prints usage and exits when --help was given. */
export function helpRequested(values: { help?: boolean | undefined }, usage: string): void {
  if (values.help) {
    process.stdout.write(`usage: ${usage}\n`);
    process.exit(0);
  }
}
