import { readFile } from 'node:fs/promises';
import type { IntakeSettings } from '../settings.ts';
import { signWebhook } from '../standard-webhooks.ts';
import { httpFailure, networkFailure, type Adapter } from './adapter.ts';

/**
 * Posts each inquiry as JSON to the operator's URL, signed per Standard Webhooks (`webhook-id`,
 * `webhook-timestamp`, `webhook-signature` = HMAC-SHA256). The body is
 * `{ "type": "inquiry.created", "timestamp", "data": <inquiry with attachments inlined as base64> }`;
 * `webhook-id` is the same for every retry of one inquiry, so receivers can drop duplicates.
 */
export function createWebhookAdapter(settings: NonNullable<IntakeSettings['webhook']>): Adapter {
  return {
    name: 'webhook',
    async deliver({ messageId, inquiry, files }, signal) {
      const attachments = await Promise.all(files.map(async ({ path, ...meta }) => ({ ...meta, content_base64: (await readFile(path)).toString('base64') })));
      const body = JSON.stringify({ type: 'inquiry.created', timestamp: new Date().toISOString(), data: { ...inquiry, attachments } });
      let response: Response;
      try {
        response = await fetch(settings.url, {
          method: 'POST',
          headers: {
            'content-type': 'application/json',
            'user-agent': 'kotae-intake',
            ...signWebhook(settings.secret, messageId, Math.floor(Date.now() / 1000), body),
          },
          body,
          signal,
          redirect: 'error',
        });
      } catch (error) {
        throw networkFailure('webhook', error);
      }
      await response.body?.cancel();
      if (!response.ok) throw httpFailure('webhook', response.status, response.headers.get('retry-after'));
      return null;
    },
  };
}
