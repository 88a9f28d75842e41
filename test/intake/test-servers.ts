import { createServer, type IncomingMessage, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { SMTPServer } from 'smtp-server';

/**
 * Real peers for the intake's adapters, on 127.0.0.1 only: a webhook receiver, an SMTP server and a Zendesk
 * stand-in that checks the auth header and the payload shape the way Zendesk's API documents them.
 */

export interface Received {
  method: string;
  url: string;
  headers: IncomingMessage['headers'];
  body: Buffer;
}

async function listen(server: Server | SMTPServer, port = 0): Promise<number> {
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(port, '127.0.0.1', () => resolve());
  });
  return ((server as Server).address?.() as AddressInfo | null)?.port ?? ((server as unknown as { server: Server }).server.address() as AddressInfo).port;
}

async function readBody(req: IncomingMessage): Promise<Buffer> {
  const chunks: Buffer[] = [];
  for await (const chunk of req as AsyncIterable<Buffer>) chunks.push(chunk);
  return Buffer.concat(chunks);
}

/** A loopback port that nothing listens on (it was free a moment ago). */
export async function unusedPort(): Promise<number> {
  const server = createServer();
  const port = await listen(server);
  await new Promise((r) => server.close(r));
  return port;
}

/** An answer of the receiver: status, JSON body, headers. */
export interface ReceiverAnswer {
  status: number;
  body?: unknown;
  headers?: Record<string, string>;
}

/**
 * An HTTP receiver that records requests and answers with `respond(request, gone)` (status, body); a promise
 * answers when it settles, which holds the request open meanwhile (a slow receiver). `gone` aborts when the
 * sender closes the connection before the answer (it gave up, or died).
 */
export async function startReceiver(
  respond: (request: Received, gone: AbortSignal) => ReceiverAnswer | Promise<ReceiverAnswer> = () => ({ status: 204 }),
  port = 0,
): Promise<{ url: string; port: number; received: Received[]; close: () => Promise<void> }> {
  const received: Received[] = [];
  const server = createServer((req, res) => {
    const gone = new AbortController();
    res.once('close', () => {
      if (!res.writableFinished) gone.abort();
    });
    void readBody(req).then(async (body) => {
      const request = { method: req.method ?? '', url: req.url ?? '', headers: req.headers, body };
      received.push(request);
      const answer = await respond(request, gone.signal);
      const text = answer.body === undefined ? '' : JSON.stringify(answer.body);
      res.writeHead(answer.status, { 'content-type': 'application/json', ...answer.headers });
      res.end(text);
    });
  });
  const actual = await listen(server, port);
  return {
    url: `http://127.0.0.1:${actual}`,
    port: actual,
    received,
    close: () =>
      new Promise<void>((resolve) => {
        server.close(() => resolve());
        server.closeAllConnections();
      }),
  };
}

export interface Mail {
  from: string;
  to: string[];
  raw: string;
}

/**
 * An SMTP server (the `smtp-server` package) without TLS or auth; `reject(n, to)` can refuse the n-th message
 * (sent to `to`) with a temporary 451 to test retries.
 */
export async function startSmtp(
  reject: (n: number, to: string[]) => boolean = () => false,
): Promise<{ port: number; mails: Mail[]; attempts: () => number; close: () => Promise<void> }> {
  const mails: Mail[] = [];
  let attempts = 0;
  const server = new SMTPServer({
    secure: false,
    disabledCommands: ['STARTTLS', 'AUTH'],
    authOptional: true,
    logger: false,
    onData(stream, session, callback) {
      const chunks: Buffer[] = [];
      stream.on('data', (c: Buffer) => chunks.push(c));
      stream.on('end', () => {
        attempts++;
        if (
          reject(
            attempts,
            session.envelope.rcptTo.map((r) => r.address),
          )
        ) {
          const error = Object.assign(new Error('try again later'), { responseCode: 451 });
          return callback(error);
        }
        mails.push({
          from: session.envelope.mailFrom ? session.envelope.mailFrom.address : '',
          to: session.envelope.rcptTo.map((r) => r.address),
          raw: Buffer.concat(chunks).toString('utf8'),
        });
        callback();
      });
    },
  });
  const port = await listen(server);
  return { port, mails, attempts: () => attempts, close: () => new Promise<void>((resolve) => server.close(() => resolve())) };
}

export interface ZendeskCall {
  path: string;
  headers: IncomingMessage['headers'];
  json?: Record<string, unknown>;
  bytes?: number;
}

/**
 * A local stand-in for Zendesk's Support API: `POST /api/v2/uploads.json` and `POST /api/v2/tickets.json` with
 * an agent API token (`Basic base64(email/token:TOKEN)`), or `POST /api/v2/requests.json` anonymously.
 * Answers 401 to a wrong token and 422 to a payload that does not have Zendesk's shape.
 */
export async function startZendesk(options: {
  email: string;
  token?: string;
}): Promise<{ url: string; calls: ZendeskCall[]; problems: string[]; close: () => Promise<void> }> {
  const calls: ZendeskCall[] = [];
  const problems: string[] = [];
  let nextTicket = 1000;
  const expectedAuth = options.token ? `Basic ${Buffer.from(`${options.email}/token:${options.token}`).toString('base64')}` : undefined;
  const server = createServer((req, res) => {
    void readBody(req).then((body) => {
      const url = new URL(req.url ?? '/', 'http://zendesk.invalid');
      const answer = (status: number, json: unknown) => {
        res.writeHead(status, { 'content-type': 'application/json' });
        res.end(JSON.stringify(json));
      };
      const call: ZendeskCall = { path: url.pathname, headers: req.headers };
      calls.push(call);
      if (expectedAuth && req.headers.authorization !== expectedAuth) return answer(401, { error: "Couldn't authenticate you" });
      if (url.pathname === '/api/v2/uploads.json') {
        call.bytes = body.length;
        if (!url.searchParams.get('filename') || !body.length) return answer(422, { error: 'filename and body required' });
        return answer(201, { upload: { token: `upload-${calls.length}`, attachment: { file_name: url.searchParams.get('filename'), size: body.length } } });
      }
      if (url.pathname === '/api/v2/tickets.json' || url.pathname === '/api/v2/requests.json') {
        const kind = url.pathname.includes('tickets') ? 'ticket' : 'request';
        try {
          call.json = JSON.parse(body.toString('utf8')) as Record<string, unknown>;
        } catch {
          return answer(400, { error: 'invalid JSON' });
        }
        const item = call.json[kind] as Record<string, unknown> | undefined;
        const comment = item?.comment as Record<string, unknown> | undefined;
        const requester = item?.requester as Record<string, unknown> | undefined;
        const shape: string[] = [];
        if (!item) shape.push(`missing "${kind}"`);
        if (typeof item?.subject !== 'string') shape.push('subject must be a string');
        if (typeof comment?.body !== 'string') shape.push('comment.body must be a string');
        if (comment?.uploads !== undefined && !(Array.isArray(comment.uploads) && comment.uploads.every((u) => typeof u === 'string')))
          shape.push('comment.uploads must be an array of tokens');
        if (item?.priority !== undefined && !['urgent', 'high', 'normal', 'low'].includes(String(item.priority))) shape.push('bad priority');
        if (
          item?.custom_fields !== undefined &&
          !(Array.isArray(item.custom_fields) && item.custom_fields.every((f: { id?: unknown }) => typeof f.id === 'number'))
        )
          shape.push('custom_fields must be [{id, value}]');
        if ((kind === 'ticket' || !expectedAuth) && (typeof requester?.email !== 'string' || typeof requester?.name !== 'string'))
          shape.push('requester needs name and email');
        if (!req.headers['idempotency-key']) shape.push('no Idempotency-Key');
        if (shape.length) {
          problems.push(...shape);
          return answer(422, { error: 'RecordInvalid', details: shape });
        }
        return answer(201, { [kind]: { id: nextTicket++, subject: item!.subject } });
      }
      return answer(404, { error: 'InvalidEndpoint' });
    });
  });
  const port = await listen(server);
  return {
    url: `http://127.0.0.1:${port}`,
    calls,
    problems,
    close: () =>
      new Promise<void>((resolve) => {
        server.close(() => resolve());
        server.closeAllConnections();
      }),
  };
}
