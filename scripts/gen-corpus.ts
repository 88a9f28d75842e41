/**
 * `npm run gen:corpus -- --entries N --locales ja,en --out DIR [--seed S] [--force]`
 *
 * Writes a synthetic Kotae content tree (site config and N entries per locale) for benchmarks and scale
 * tests. The same arguments always give a byte-identical tree.
 */
import { existsSync, readdirSync, rmSync } from 'node:fs';
import { writeCorpus } from './corpus/corpus.ts';
import { parseCorpusArgs, USAGE, UsageError, type CorpusArgs } from './corpus/corpus-args.ts';

async function main(argv: readonly string[]): Promise<number> {
  let options: CorpusArgs;
  try {
    options = parseCorpusArgs(argv);
  } catch (error) {
    if (!(error instanceof UsageError)) throw error;
    if (error.message === '') {
      process.stdout.write(USAGE); // --help
      return 0;
    }
    process.stderr.write(`gen:corpus: ${error.message}\n\n${USAGE}`);
    return 2;
  }
  if (existsSync(options.out) && readdirSync(options.out).length > 0) {
    if (!options.force) {
      process.stderr.write(`gen:corpus: ${options.out} is not empty; choose a new folder or pass --force to replace it\n\n${USAGE}`);
      return 2;
    }
    rmSync(options.out, { recursive: true, force: true });
  }
  const started = performance.now();
  const { files, bytes } = await writeCorpus(options.out, options);
  const seconds = (performance.now() - started) / 1000;
  process.stdout.write(
    `gen:corpus: wrote ${options.entries} entries × ${options.locales.length} locales ` +
      `(${files} files, ${(bytes / 1e6).toFixed(1)} MB) to ${options.out} in ${seconds.toFixed(2)} s\n`,
  );
  return 0;
}

process.exitCode = await main(process.argv.slice(2));
