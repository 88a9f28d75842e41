import { z } from 'zod';
import { InquiryShape, type SiteConfig } from '../content/schema/index.ts';

/**
 * The OpenAPI 3.1 description served at `GET /v1/openapi.json`. The inquiry body schema is generated from the
 * shared zod schema (so it cannot drift from what is validated), with this site's ids as enums.
 */
export function openApiDocument(config: SiteConfig, options: { maxUploadBytes: number; serverUrl?: string | undefined }) {
  const inquiry = z.toJSONSchema(InquiryShape, { io: 'input', unrepresentable: 'any' }) as Record<string, unknown> & {
    properties: Record<string, Record<string, unknown>>;
  };
  delete inquiry.$schema;
  const ids = (list: ReadonlyArray<{ id: string }>) => list.map((x) => x.id);
  inquiry.properties.product = { ...inquiry.properties.product, enum: ids(config.products) };
  inquiry.properties.severity = { ...inquiry.properties.severity, enum: ids(config.severities) };
  inquiry.properties.plan = { ...inquiry.properties.plan, enum: ids(config.plans) };
  inquiry.properties.locale = { ...inquiry.properties.locale, enum: ids(config.locales.available.map((l) => ({ id: l.code }))) };

  const error = (description: string) => ({ description, content: { 'application/json': { schema: { $ref: '#/components/schemas/Error' } } } });
  const langHeader = {
    name: 'Accept-Language',
    in: 'header',
    required: false,
    description: 'Language of error messages when the body names no known `locale`.',
    schema: { type: 'string' },
  };

  return {
    openapi: '3.1.0',
    info: {
      title: 'Kotae intake',
      version: '1',
      description:
        'Receives structured support inquiries from the Kotae widget, stores them durably before answering, promises a first-response time and forwards them to the helpdesk. Error bodies carry a `message` in the request\'s language.',
    },
    ...(options.serverUrl ? { servers: [{ url: options.serverUrl }] } : {}),
    paths: {
      '/v1/inquiries': {
        post: {
          summary: 'Submit an inquiry',
          description:
            'Idempotent: the same `Idempotency-Key` with the same body answers with the original response and creates nothing; with a different body it answers 409.',
          parameters: [
            {
              name: 'Idempotency-Key',
              in: 'header',
              required: true,
              description: 'Created by the client with the draft, e.g. a UUID. 8–128 of `A-Za-z0-9_.:-`.',
              schema: { type: 'string', pattern: '^[A-Za-z0-9_.:-]{8,128}$' },
            },
            langHeader,
          ],
          requestBody: { required: true, content: { 'application/json': { schema: { $ref: '#/components/schemas/Inquiry' } } } },
          responses: {
            '201': {
              description: 'Stored durably (also for a repeated request; then `Idempotent-Replayed: true`).',
              content: { 'application/json': { schema: { $ref: '#/components/schemas/Created' } } },
            },
            '400': {
              description: 'Invalid input: one entry per field in `fields`.',
              content: { 'application/json': { schema: { $ref: '#/components/schemas/ValidationError' } } },
            },
            '401': error('The identity token was rejected, or one is required.'),
            '403': error('The calling page\'s origin is not allowed.'),
            '409': error('The Idempotency-Key was used with a different body.'),
            '413': error('The body is too large.'),
            '415': error('The body is not JSON.'),
            '429': error('Rate limited; see `Retry-After`.'),
          },
        },
      },
      '/v1/inquiries/{id}': {
        get: {
          summary: 'The customer\'s view of an inquiry',
          parameters: [
            { name: 'id', in: 'path', required: true, schema: { type: 'string', format: 'uuid' } },
            { name: 'token', in: 'query', required: true, description: 'From `status_url`.', schema: { type: 'string' } },
          ],
          responses: {
            '200': { description: 'Status', content: { 'application/json': { schema: { $ref: '#/components/schemas/Status' } } } },
            '404': error('Unknown inquiry or wrong token (indistinguishable on purpose).'),
          },
        },
      },
      '/v1/uploads': {
        post: {
          summary: 'Upload one attachment',
          description: `The raw file as the body (not multipart), at most ${options.maxUploadBytes} bytes. The type is decided from the file's bytes; allowed: ${config.attachments.allowedTypes.join(', ')}. A declared Content-Type that contradicts the bytes is refused. Reference the returned token in the inquiry's \`attachments\`.`,
          parameters: [
            { name: 'filename', in: 'query', required: true, schema: { type: 'string', maxLength: 200 } },
            langHeader,
          ],
          requestBody: { required: true, content: { 'application/octet-stream': { schema: { type: 'string', format: 'binary' } } } },
          responses: {
            '201': { description: 'Stored', content: { 'application/json': { schema: { $ref: '#/components/schemas/Upload' } } } },
            '400': error('Empty file or missing file name.'),
            '413': error('The file is too large.'),
            '415': error('The file\'s type is not allowed, or it contradicts the declared Content-Type.'),
            '429': error('Rate limited; see `Retry-After`.'),
          },
        },
      },
      '/v1/openapi.json': { get: { summary: 'This document', responses: { '200': { description: 'OpenAPI 3.1' } } } },
      '/healthz': {
        get: {
          summary: 'Liveness and store health',
          responses: { '200': { description: '`{"status":"ok","store","outbox":{"pending","delivered","dead"}}`' }, '503': { description: 'The store is unreachable' } },
        },
      },
    },
    components: {
      schemas: {
        Inquiry: inquiry,
        Created: {
          type: 'object',
          required: ['id', 'number', 'status', 'first_response_due', 'status_url'],
          properties: {
            id: { type: 'string', format: 'uuid' },
            number: { type: 'string', description: 'Ticket number to quote, e.g. KT-000042' },
            status: { type: 'string', enum: ['received'] },
            first_response_due: { type: 'string', format: 'date-time', description: 'When support promises a first response' },
            status_url: { type: 'string', format: 'uri', description: 'The customer\'s private link to the status' },
          },
        },
        Status: {
          type: 'object',
          properties: {
            id: { type: 'string' },
            number: { type: 'string' },
            status: { type: 'string', enum: ['received', 'forwarded'] },
            received_at: { type: 'string', format: 'date-time' },
            first_response_due: { type: 'string', format: 'date-time' },
            summary: { type: 'string' },
            product: { type: 'string' },
            severity: { type: 'string' },
          },
        },
        Upload: {
          type: 'object',
          properties: {
            token: { type: 'string' },
            name: { type: 'string' },
            type: { type: 'string', description: 'Media type decided from the bytes' },
            size: { type: 'integer' },
            sha256: { type: 'string' },
            expires_at: { type: 'string', format: 'date-time', description: 'Reference it in an inquiry before this time' },
          },
        },
        Error: {
          type: 'object',
          required: ['error', 'message'],
          properties: { error: { type: 'string', description: 'Stable code' }, message: { type: 'string', description: 'For people, localized' } },
        },
        ValidationError: {
          type: 'object',
          required: ['error', 'message', 'fields'],
          properties: {
            error: { const: 'invalid_inquiry' },
            message: { type: 'string' },
            fields: {
              type: 'array',
              items: {
                type: 'object',
                required: ['field', 'code', 'label', 'message'],
                properties: {
                  field: { type: 'string', description: 'Dotted path, e.g. contact.email or attachments.0' },
                  code: { type: 'string' },
                  params: { type: 'object' },
                  label: { type: 'string', description: 'The field\'s name, localized' },
                  message: { type: 'string', description: 'Localized' },
                },
              },
            },
          },
        },
      },
    },
  };
}
