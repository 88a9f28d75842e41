/**
 * Structured logs: one JSON object per line on stdout (or a given sink). The rule for callers: nothing that
 * identifies a person (names, email addresses, phone numbers, IP addresses, inquiry text, tokens) at `info`
 * or above; inquiry ids and numbers are fine. `debug` may carry more and is off by default.
 */
export type LogLevel = 'debug' | 'info' | 'warn' | 'error';

const ORDER: Record<LogLevel, number> = { debug: 10, info: 20, warn: 30, error: 40 };

export type LogFields = Record<string, string | number | boolean | null | undefined>;

export interface Logger {
  debug(msg: string, fields?: LogFields): void;
  info(msg: string, fields?: LogFields): void;
  warn(msg: string, fields?: LogFields): void;
  error(msg: string, fields?: LogFields): void;
}

/** A logger writing lines at `level` and above to `write` (stdout by default). */
export function createLogger(level: LogLevel = 'info', write: (line: string) => void = (line) => process.stdout.write(line)): Logger {
  const emit =
    (lvl: LogLevel) =>
    (msg: string, fields: LogFields = {}) => {
      if (ORDER[lvl] < ORDER[level]) return;
      write(`${JSON.stringify({ time: new Date().toISOString(), level: lvl, msg, ...fields })}\n`);
    };
  return { debug: emit('debug'), info: emit('info'), warn: emit('warn'), error: emit('error') };
}

/** The error's kind and message for a log line; the stack only at debug level, never in a response. */
export function errorFields(error: unknown): LogFields {
  if (error instanceof Error) return { error: error.name, error_message: error.message.slice(0, 500) };
  return { error: typeof error, error_message: String(error).slice(0, 500) };
}
