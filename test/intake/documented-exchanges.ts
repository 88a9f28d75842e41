import type { IncomingMessage, OutgoingHttpHeaders, Server, ServerResponse } from 'node:http';
import { Ajv2020, type ValidateFunction } from 'ajv/dist/2020.js';
import addFormatsModule, { type FormatsPlugin } from 'ajv-formats';
import { ERRORS_BY_STATUS } from '../../content/schema/index.ts';

/**
 * Holds every answer an intake under test gives to its own OpenAPI document (`GET /v1/openapi.json`): the
 * status must be documented for the operation, each required header present and each documented header of
 * the right shape, the body of the documented media type and JSON Schema. Ajv (JSON Schema 2020-12, the
 * dialect of OpenAPI 3.1, with ajv-formats) checks the schemas; this file only finds the operation and
 * response the way an OpenAPI router does. `recordExchanges()` hooks a running server; the fixtures fail
 * the test during which an undocumented answer was given (`takeUndocumentedExchanges()` in `afterEach`).
 */

// ajv-formats is CommonJS with a default export.
export const addFormats = ((addFormatsModule as unknown as { default?: FormatsPlugin }).default ?? addFormatsModule) as FormatsPlugin;

type Json = Record<string, unknown>;
type OpenApi = Json & { paths: Record<string, Record<string, Json>>; components: Json };

/** One request and its answer as the server sent it. */
export interface Exchange {
  method: string;
  /** The request target's path, as the intake routes it (no query, no trailing slash). */
  path: string;
  status: number;
  headers: Record<string, string>;
  body: string;
}

const METHODS = ['get', 'put', 'post', 'delete', 'options', 'head', 'patch', 'trace'] as const;
const DOC_ID = 'https://kotae.invalid/openapi.json';

/** Checks exchanges against one document; `check()` returns the problems, empty when the answer is documented. */
export class DocumentedExchanges {
  private readonly ajv: Ajv2020;
  private readonly validators = new Map<string, ValidateFunction>();
  private readonly templates: Array<{ template: string; pattern: RegExp }>;

  constructor(readonly doc: OpenApi) {
    this.ajv = new Ajv2020({ strict: false, allErrors: true });
    addFormats(this.ajv);
    // The whole document is one resource, so `#/components/…` references inside it resolve as written.
    this.ajv.addSchema(doc, DOC_ID);
    this.templates = Object.keys(doc.paths).map((template) => ({
      template,
      pattern: new RegExp(`^${template.replace(/[.*+?^$()|[\]\\]/g, '\\$&').replace(/\{[^}]+\}/g, '[^/]+')}$`),
    }));
  }

  /** The compiled validator of the schema at a JSON pointer inside the document. */
  validator(pointer: string): ValidateFunction {
    let validate = this.validators.get(pointer);
    if (!validate) {
      const fragment = pointer
        .split('/')
        .map((part) => encodeURIComponent(part))
        .join('/');
      validate = this.ajv.compile({ $ref: `${DOC_ID}#${fragment}` });
      this.validators.set(pointer, validate);
    }
    return validate;
  }

  private resolve(value: Json, pointer: string): { value: Json; pointer: string } {
    const target = value.$ref;
    if (typeof target !== 'string') return { value, pointer };
    const next = target.slice(1);
    let node: unknown = this.doc;
    for (const part of next.split('/').slice(1)) node = (node as Json)[part.replaceAll('~1', '/').replaceAll('~0', '~')];
    return this.resolve(node as Json, next);
  }

  check(exchange: Exchange): string[] {
    const { method, path, status } = exchange;
    // The support console under /admin is same-origin HTML for the team, not the public API the document
    // describes; its answers are specified by test/intake/suites/admin.ts and suites/console.ts instead.
    if (path === '/admin' || path.startsWith('/admin/')) return [];
    const where = `${method} ${path} → ${status}`;
    const problems: string[] = [];
    const match = this.templates.find((t) => t.pattern.test(path));
    const lower = method.toLowerCase();

    // A CORS preflight is browser machinery, not an operation: 204 to an allowed origin, else the 403.
    if (lower === 'options' && status === 204) return [];
    let responsePointer: string | undefined;
    if (!match) {
      // Outside the documented paths the intake can only say it does not know the path (or refuse the origin).
      if (status !== 404 && status !== 403 && status !== 400 && status !== 500)
        return [`${where}: no documented path, and ${status} is no error the intake gives there`];
      return this.checkError(exchange, status, where);
    }
    const item = this.doc.paths[match.template]!;
    const operation = item[lower === 'head' ? 'get' : lower] as Json | undefined;
    if (!operation) {
      if (status === 403 || status === 500) return this.checkError(exchange, status, where);
      if (status !== 405) return [`${where}: the path offers no ${method}, so the answer must be 405`];
      responsePointer = '/components/responses/MethodNotAllowed';
      const offered = METHODS.filter((m) => item[m]).flatMap((m) => (m === 'get' ? ['GET', 'HEAD'] : [m.toUpperCase()]));
      const allow = (exchange.headers.allow ?? '')
        .split(',')
        .map((m) => m.trim())
        .filter(Boolean);
      if (allow.sort().join() !== offered.sort().join())
        problems.push(`${where}: Allow says "${exchange.headers.allow}", the document offers ${offered.join(', ')}`);
    } else {
      const opPointer = `/paths/${match.template.replaceAll('~', '~0').replaceAll('/', '~1')}/${lower === 'head' ? 'get' : lower}`;
      const responses = operation.responses as Record<string, Json>;
      const key = [String(status), `${String(status)[0]}XX`, 'default'].find((k) => responses[k]);
      if (!key) return [`${where}: status ${status} is not documented for ${String(operation.operationId)} (documented: ${Object.keys(responses).join(', ')})`];
      responsePointer = `${opPointer}/responses/${key}`;
    }
    const { value: response, pointer } = this.resolve(this.valueAt(responsePointer), responsePointer);
    problems.push(...this.checkResponse(exchange, response, pointer, where));
    return problems;
  }

  private checkError(exchange: Exchange, status: number, where: string): string[] {
    const codes = ERRORS_BY_STATUS[status as keyof typeof ERRORS_BY_STATUS] as readonly string[] | undefined;
    const problems = this.checkBody(exchange, '/components/schemas/Error', where);
    const code = tryJson(exchange.body) as Json | undefined;
    if (codes && !codes.includes(String(code?.error))) problems.push(`${where}: error "${String(code?.error)}" is not one of ${status}'s codes`);
    return problems;
  }

  private checkResponse(exchange: Exchange, response: Json, pointer: string, where: string): string[] {
    const problems: string[] = [];
    for (const [name, header] of Object.entries((response.headers ?? {}) as Record<string, Json>)) {
      const resolved = this.resolve(header, `${pointer}/headers/${name.replaceAll('/', '~1')}`);
      const value = exchange.headers[name.toLowerCase()];
      if (value === undefined) {
        if (resolved.value.required === true) problems.push(`${where}: required header ${name} is missing`);
        continue;
      }
      const validate = this.validator(`${resolved.pointer}/schema`);
      if (!validate(value)) problems.push(`${where}: header ${name}: ${this.ajv.errorsText(validate.errors)}`);
    }
    const content = response.content as Record<string, Json> | undefined;
    if (!content) {
      if (exchange.body !== '' && exchange.method !== 'HEAD') problems.push(`${where}: a body where the document has none`);
      return problems;
    }
    const type = (exchange.headers['content-type'] ?? '').split(';')[0]!.trim();
    if (!content[type]) return [...problems, `${where}: content type "${type}" is not documented (${Object.keys(content).join(', ')})`];
    if (exchange.method === 'HEAD') return problems;
    // Text media (the status page, its stylesheet and script): the documented type is the contract.
    if (!type.endsWith('json')) return exchange.body === '' ? [...problems, `${where}: an empty ${type} body`] : problems;
    return [...problems, ...this.checkBody(exchange, `${pointer}/content/${type.replaceAll('/', '~1')}/schema`, where)];
  }

  private checkBody(exchange: Exchange, schemaPointer: string, where: string): string[] {
    if (exchange.method === 'HEAD') return [];
    const body = tryJson(exchange.body);
    if (body === undefined) return [`${where}: the body is not JSON: ${exchange.body.slice(0, 200)}`];
    const validate = this.validator(schemaPointer);
    if (validate(body)) return [];
    return [`${where}: the body does not match ${schemaPointer}: ${this.ajv.errorsText(validate.errors)}\n  body: ${exchange.body.slice(0, 500)}`];
  }

  private valueAt(pointer: string): Json {
    let node: unknown = this.doc;
    for (const part of pointer.split('/').slice(1)) node = (node as Json)[part.replaceAll('~1', '/').replaceAll('~0', '~')];
    return node as Json;
  }
}

/** The path the intake routes a request target to; `(unparsable)` for an absolute URL that does not parse. */
function routedPath(target: string | undefined): string {
  const raw = target ?? '/';
  try {
    const url = raw.startsWith('/') ? new URL(`http://intake.invalid${raw}`) : new URL(raw);
    return url.pathname.replace(/\/+$/, '') || '/';
  } catch {
    return '(unparsable)';
  }
}

function tryJson(text: string): unknown {
  try {
    return JSON.parse(text) as unknown;
  } catch {
    return undefined;
  }
}

const undocumented: string[] = [];

/** The problems recorded since the last call (and forgets them). */
export function takeUndocumentedExchanges(): string[] {
  return undocumented.splice(0);
}

/**
 * Records every answer `server` gives and checks it against `doc`; problems collect until
 * `takeUndocumentedExchanges()`. The hook runs before the intake's own request listener and only observes.
 */
export function recordExchanges(server: Server, doc: unknown): DocumentedExchanges {
  const checker = new DocumentedExchanges(doc as OpenApi);
  server.prependListener('request', (req: IncomingMessage, res: ServerResponse) => {
    const chunks: Buffer[] = [];
    let headArgs: OutgoingHttpHeaders = {};
    const { write, end, writeHead } = res;
    const keep = (chunk: unknown, encoding?: unknown) => {
      if (chunk !== undefined && chunk !== null && typeof chunk !== 'function')
        chunks.push(
          typeof chunk === 'string'
            ? Buffer.from(chunk, typeof encoding === 'string' ? (encoding as BufferEncoding) : 'utf8')
            : Buffer.from(chunk as Uint8Array),
        );
    };
    res.writeHead = function (this: ServerResponse, ...args: Parameters<ServerResponse['writeHead']>) {
      const headers = args.find((a, i) => i > 0 && typeof a === 'object' && a !== null && !Array.isArray(a));
      if (headers) headArgs = headers as OutgoingHttpHeaders;
      return writeHead.apply(this, args);
    } as ServerResponse['writeHead'];
    res.write = function (this: ServerResponse, chunk: unknown, ...rest: unknown[]) {
      keep(chunk, rest[0]);
      return (write as (...a: unknown[]) => boolean).call(this, chunk, ...rest);
    } as ServerResponse['write'];
    res.end = function (this: ServerResponse, chunk?: unknown, ...rest: unknown[]) {
      keep(chunk, rest[0]);
      return (end as (...a: unknown[]) => ServerResponse).call(this, chunk, ...rest);
    } as ServerResponse['end'];
    res.once('finish', () => {
      const headers: Record<string, string> = {};
      for (const [name, value] of Object.entries({ ...res.getHeaders(), ...headArgs }))
        if (value !== undefined) headers[name.toLowerCase()] = Array.isArray(value) ? value.join(', ') : String(value);
      const exchange: Exchange = {
        method: req.method ?? 'GET',
        path: routedPath(req.url),
        status: res.statusCode,
        headers,
        body: Buffer.concat(chunks).toString('utf8'),
      };
      try {
        undocumented.push(...checker.check(exchange));
      } catch (error) {
        // A listener must not throw into the server; a document the checker cannot read fails the test instead.
        undocumented.push(`${exchange.method} ${exchange.path} → ${exchange.status}: could not be checked: ${String(error)}`);
      }
    });
  });
  return checker;
}
