#!/usr/bin/env node
// `kotae <command> [flags]`: the package's command line. Each command is one of the scripts `npm run` runs in
// this repository, run in this process with tsx's loader (the package ships its TypeScript, not a second,
// compiled copy). Paths (`--content content`, `--out dist`…) are relative to the current folder, or to
// `--root DIR`.
import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';

const PACKAGE = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');

/** Command → the script it runs, relative to the package. */
const COMMANDS = {
  build: 'scripts/build.ts',
  check: 'scripts/check.ts',
  dev: 'scripts/dev.ts',
  start: 'scripts/start.ts',
  intake: 'intake/cli.ts',
  insights: 'scripts/insights.ts',
  import: 'scripts/import.ts',
  inquiries: 'scripts/inquiries.ts',
  'i18n:status': 'scripts/i18n-status.ts',
  'i18n:export': 'scripts/i18n-export.ts',
  'i18n:import': 'scripts/i18n-import.ts',
  'i18n:pseudo': 'scripts/i18n-pseudo.ts',
  'i18n:add': 'scripts/i18n-add.ts',
  'i18n:diff': 'scripts/i18n-diff.ts',
  'i18n:qa': 'scripts/i18n-qa.ts',
};

const SUMMARY = `Usage: kotae <command> [--root DIR] [flags]   (kotae <command> --help for its flags)

  start        build, then serve the KB site, the widget demo and the intake locally
  dev          live preview for writers: rebuilds on save and reloads the page
  check        validate the content; every problem with file:line and how to fix it
  build        the deployable static folder (content/ → dist/)
  intake       the inquiry service alone; intake admin … for console accounts
  inquiries    list, show, forward and export inquiries
  insights     what customers searched, what answered them, what is missing
  import       bring in a Zendesk, Intercom or Markdown help center
  i18n status|export|import|diff|qa|pseudo|add
               translation status and exchange files for CAT tools
  version      the installed version
`;

const argv = process.argv.slice(2);
const rootAt = argv.indexOf('--root');
if (rootAt >= 0) {
  const root = argv[rootAt + 1];
  if (!root || !existsSync(root)) fail(`--root needs an existing folder${root ? `: ${root} does not exist` : ''}`);
  process.chdir(root);
  argv.splice(rootAt, 2);
}

// A project's own UI strings (translations, rewordings), read over the shipped ones by the build and the i18n commands.
if (!process.env.KOTAE_I18N_DIR && existsSync('i18n')) process.env.KOTAE_I18N_DIR = path.resolve('i18n');

let [command, ...rest] = argv;
// `kotae i18n status` and `kotae i18n:status` are the same command.
if (command === 'i18n' && rest[0] && !rest[0].startsWith('-')) command = `i18n:${rest.shift()}`;

if (!command || command === 'help' || command === '--help' || command === '-h') {
  process.stdout.write(SUMMARY);
  process.exit(command ? 0 : 2);
}
if (command === 'version' || command === '--version' || command === '-v') {
  process.stdout.write(`${JSON.parse(readFileSync(path.join(PACKAGE, 'package.json'), 'utf8')).version}\n`);
  process.exit(0);
}
const script = COMMANDS[command];
if (!script) fail(`unknown command "${command}"\n\n${SUMMARY}`);

const file = path.join(PACKAGE, script);
// Scripts run their work when they are the main module (process.argv[1]) and read their flags after it.
process.argv = [process.argv[0], file, ...rest];
// tsx finds a tsconfig from the current folder, which is the user's project: point it (and the build's worker
// threads and child processes, through the environment) at the package's own.
process.env.TSX_TSCONFIG_PATH ??= path.join(PACKAGE, 'tsconfig.package.json');
const { register } = await import('tsx/esm/api');
register();
await import(pathToFileURL(file).href);

function fail(message) {
  process.stderr.write(`kotae: ${message}\n`);
  process.exit(2);
}
