import { parseArgs } from 'node:util';
import { resolveSettings, settingsFromEnv, settingsFromFile } from '../settings.ts';
import { openStore } from '../store/open.ts';
import { addAccount, changePassword, listAccounts, passwordProblem, removeAccount, userNameProblem } from './accounts.ts';

/**
 * `npm run intake -- admin add|list|remove|passwd …`: local console accounts in the store the service
 * uses (`--data DIR`, `--settings FILE`, `DATABASE_URL` and the other settings, as for the service).
 * Passwords are never arguments (they would sit in the shell's history and in `ps`): typed twice without
 * echo on a terminal, else the first line of standard input (`--password-stdin` reads it even on a terminal).
 * Returns the exit code: 0 done, 1 refused (message on stderr), 2 usage.
 */
export const ADMIN_USAGE = `usage:
  npm run intake -- admin add USER [--password-stdin] [--data DIR] [--settings FILE]
  npm run intake -- admin passwd USER [--password-stdin] [--data DIR] [--settings FILE]
  npm run intake -- admin remove USER [--data DIR] [--settings FILE]
  npm run intake -- admin list [--data DIR] [--settings FILE]
The store is PostgreSQL when DATABASE_URL (or databaseUrl in the settings) is set, else SQLite in --data.`;

export interface CommandIo {
  stdin: NodeJS.ReadStream;
  stdout: NodeJS.WritableStream;
  stderr: NodeJS.WritableStream;
  env: NodeJS.ProcessEnv;
}

export async function adminCommand(
  args: readonly string[],
  io: CommandIo = { stdin: process.stdin, stdout: process.stdout, stderr: process.stderr, env: process.env },
): Promise<number> {
  let parsed: ReturnType<typeof parse>;
  try {
    parsed = parse(args);
  } catch (error) {
    io.stderr.write(`${(error as Error).message}\n\n${ADMIN_USAGE}\n`);
    return 2;
  }
  const { values, positionals } = parsed;
  const [command, user, ...rest] = positionals;
  if (values.help) {
    io.stdout.write(`${ADMIN_USAGE}\n`);
    return 0;
  }
  const needsUser = command === 'add' || command === 'passwd' || command === 'remove';
  if (!command || !['add', 'passwd', 'remove', 'list'].includes(command) || (needsUser ? !user : user) || rest.length) {
    io.stderr.write(`${ADMIN_USAGE}\n`);
    return 2;
  }
  if (needsUser) {
    const problem = userNameProblem(user!);
    if (problem) {
      io.stderr.write(`${problem}\n`);
      return 1;
    }
  }

  const settingsFile = values.settings ?? io.env.KOTAE_INTAKE_SETTINGS;
  const settings = resolveSettings(settingsFile ? settingsFromFile(settingsFile) : undefined, settingsFromEnv(io.env), {
    ...(values.data !== undefined ? { dataDir: values.data } : {}),
  });

  // Asked before the store is opened: a prompt must not hold a database connection while someone types.
  let password: string | undefined;
  if (command === 'add' || command === 'passwd') {
    password = values['password-stdin'] || !io.stdin.isTTY ? await firstLine(io.stdin) : await promptTwice(io);
    if (password === undefined) {
      io.stderr.write('the two passwords differ; nothing changed\n');
      return 1;
    }
    const problem = passwordProblem(password);
    if (problem) {
      io.stderr.write(`${problem}; nothing changed\n`);
      return 1;
    }
  }

  const store = await openStore({ dataDir: settings.dataDir, databaseUrl: settings.databaseUrl, databaseSchema: settings.databaseSchema });
  try {
    switch (command) {
      case 'add':
        if ((await addAccount(store, user!, password!)) === 'exists') {
          io.stderr.write(`there is already an account named ${user}; change its password with: npm run intake -- admin passwd ${user}\n`);
          return 1;
        }
        io.stdout.write(`added the console account ${user}\n`);
        return 0;
      case 'passwd':
        if (!(await changePassword(store, user!, password!))) {
          io.stderr.write(`there is no account named ${user}\n`);
          return 1;
        }
        io.stdout.write(`changed the password of ${user}; its sessions have ended\n`);
        return 0;
      case 'remove':
        if (!(await removeAccount(store, user!))) {
          io.stderr.write(`there is no account named ${user}\n`);
          return 1;
        }
        io.stdout.write(`removed the console account ${user}; its sessions have ended\n`);
        return 0;
      default: {
        const accounts = await listAccounts(store);
        for (const a of accounts)
          io.stdout.write(`${a.user}\tcreated ${new Date(a.createdAt).toISOString()}\tpassword set ${new Date(a.updatedAt).toISOString()}\n`);
        if (!accounts.length) io.stderr.write('no console accounts yet; add one with: npm run intake -- admin add USER\n');
        return 0;
      }
    }
  } finally {
    await store.close();
  }
}

function parse(args: readonly string[]) {
  return parseArgs({
    args: [...args],
    options: {
      data: { type: 'string' },
      settings: { type: 'string' },
      'password-stdin': { type: 'boolean' },
      help: { type: 'boolean', short: 'h' },
    },
    allowPositionals: true,
    strict: true,
  });
}

/** The first line of a stream (without its line ending); the empty string when there is none. */
async function firstLine(stream: NodeJS.ReadableStream): Promise<string> {
  let text = '';
  for await (const chunk of stream) {
    text += String(chunk);
    if (/[\r\n]/.test(text)) break;
  }
  return text.split(/\r?\n|\r/)[0] ?? '';
}

/** Asks for the password twice on the terminal, echoing nothing; undefined when the two differ. */
async function promptTwice(io: CommandIo): Promise<string | undefined> {
  const first = await promptHidden(io, 'Password: ');
  const second = await promptHidden(io, 'Password again: ');
  return first === second ? first : undefined;
}

function promptHidden(io: CommandIo, prompt: string): Promise<string> {
  const { stdin } = io;
  // Raw mode before the prompt: whatever is typed (or pasted) as soon as the prompt shows is never echoed.
  stdin.setRawMode(true);
  io.stderr.write(prompt);
  stdin.setEncoding('utf8');
  stdin.resume();
  return new Promise((resolve, reject) => {
    let value = '';
    const done = (error?: Error) => {
      stdin.off('data', onData);
      stdin.setRawMode(false);
      stdin.pause();
      io.stderr.write('\n');
      if (error) reject(error);
      else resolve(value);
    };
    const onData = (chunk: string) => {
      for (const ch of chunk) {
        if (ch === '\r' || ch === '\n' || ch === '\u0004') return done();
        if (ch === '\u0003') return done(new Error('cancelled'));
        if (ch === '\u007f' || ch === '\b') value = [...value].slice(0, -1).join('');
        else if (ch >= ' ') value += ch;
      }
    };
    stdin.on('data', onData);
  });
}
