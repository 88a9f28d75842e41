import { parseArgs } from 'node:util';
import { adminCommand } from './admin/commands.ts';
import { errorFields, createLogger } from './log.ts';
import { startIntake } from './server.ts';
import { resolveSettings, settingsFromEnv, settingsFromFile } from './settings.ts';
import { openStore } from './store/open.ts';

/**
 * `npm run intake [-- --port P --data DIR --content DIR --host H --settings FILE]`: runs the intake service
 * until SIGINT/SIGTERM. `--requeue-dead` puts dead-lettered forwarding messages back in the queue and exits.
 * Settings also come from the environment (see intake/settings.ts) and `KOTAE_INTAKE_SETTINGS`.
 */
const USAGE =
  'npm run intake -- [--port 4401] [--host 127.0.0.1] [--data .data/intake] [--content content] [--settings FILE] [--requeue-dead]\n       npm run intake -- admin add|passwd|remove|list … (console accounts; admin --help)';
// `admin …`: the console's local accounts (admin/commands.ts), then exit.
if (process.argv[2] === 'admin') {
  const code = await adminCommand(process.argv.slice(3)).catch((error: unknown) => {
    process.stderr.write(`${(error as Error).message}\n`);
    return 1;
  });
  process.exit(code);
}
// The intake runs without the build tools, so it reads its own flags (a mistake is a usage message, exit 2).
const { values } = (() => {
  try {
    return parseArgs({
      options: {
        port: { type: 'string' },
        host: { type: 'string' },
        data: { type: 'string' },
        content: { type: 'string' },
        settings: { type: 'string' },
        'requeue-dead': { type: 'boolean' },
        help: { type: 'boolean', short: 'h' },
      },
      strict: true,
    });
  } catch (error) {
    process.stderr.write(`${(error as Error).message}\n\nusage: ${USAGE}\n`);
    process.exit(2);
  }
})();
if (values.help) {
  process.stdout.write(`usage: ${USAGE}\n`);
  process.exit(0);
}

const log = createLogger((process.env.KOTAE_INTAKE_LOG_LEVEL as 'info' | undefined) ?? 'info');
const settingsFile = values.settings ?? process.env.KOTAE_INTAKE_SETTINGS;

try {
  if (values.port !== undefined && !/^\d+$/.test(values.port)) throw new Error(`--port: expected a number, got "${values.port}"`);
  const flags = {
    ...(values.port !== undefined ? { port: Number(values.port) } : {}),
    ...(values.host !== undefined ? { host: values.host } : {}),
    ...(values.data !== undefined ? { dataDir: values.data } : {}),
    ...(values.content !== undefined ? { contentDir: values.content } : {}),
  };
  const base = settingsFile ? settingsFromFile(settingsFile) : undefined;

  if (values['requeue-dead']) {
    const settings = resolveSettings(base, settingsFromEnv(process.env), flags);
    const store = await openStore({ dataDir: settings.dataDir, databaseUrl: settings.databaseUrl, databaseSchema: settings.databaseSchema });
    const n = await store.requeueDead(Date.now());
    await store.close();
    log.info('outbox.requeued', { messages: n });
    process.exit(0);
  }

  const intake = await startIntake({ ...flags, ...(base ? { base } : {}), log });
  let stopping = false;
  const stop = (signal: string) => {
    if (stopping) return;
    stopping = true;
    log.info('intake.stopping', { signal });
    intake.close().then(
      () => process.exit(0),
      (error: unknown) => {
        log.error('intake.stop_failed', errorFields(error));
        process.exit(1);
      },
    );
  };
  process.on('SIGINT', () => stop('SIGINT'));
  process.on('SIGTERM', () => stop('SIGTERM'));
} catch (error) {
  log.error('intake.start_failed', errorFields(error));
  process.stderr.write(`${(error as Error).message}\n`);
  process.exit(1);
}
