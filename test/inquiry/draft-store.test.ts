import type { Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { BREAK_INDEXEDDB, useDraftLayer } from './draft-layer-harness.ts';

// The draft store in real Chromium: IndexedDB, blobs, reloads, and the memory fallback.
const suite = useDraftLayer();

const SCOPE = 'https://help.example.com/';

async function open(): Promise<Page> {
  const page = await suite.context.newPage();
  await page.goto(`${suite.env.origin}/index.html`);
  return page;
}

/** Saves a draft with two files (a PNG and a text) on step `details`; returns it as plain data. */
function saveDraft(page: Page, scope = SCOPE) {
  return page.evaluate(async (scope) => {
    const { openDraftStore, newDraft } = await window.lib('draft-store');
    const store = openDraftStore(scope);
    const draft = newDraft();
    const png = new Uint8Array([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 1, 2, 3]);
    draft.step = 'details';
    draft.values = { summary: 'Camera goes offline', contact: { email: 'a@example.com' }, started_at: '2026-11-16T20:00:00+09:00' };
    draft.removedDiagnostics = ['last_error'];
    draft.attachments = [
      { id: 'a1', name: 'shot.png', type: 'image/png', size: png.length, blob: new Blob([png], { type: 'image/png' }) },
      { id: 'a2', name: 'log.txt', type: 'text/plain', size: 5, blob: new Blob(['hello'], { type: 'text/plain' }), token: 'x'.repeat(32) },
    ];
    await store.save(draft);
    return { key: draft.key, persistent: store.persistent };
  }, scope);
}

/** Loads the scope's draft with the blobs read back as text/bytes. */
function loadDraft(page: Page, scope = SCOPE) {
  return page.evaluate(async (scope) => {
    const { openDraftStore } = await window.lib('draft-store');
    const store = openDraftStore(scope);
    const draft = await store.load();
    if (!draft) return { persistent: store.persistent, draft: undefined };
    const files = await Promise.all(
      draft.attachments.map(async (a) => ({ ...a, blob: undefined, blobType: a.blob.type, bytes: [...new Uint8Array(await a.blob.arrayBuffer())] })),
    );
    return { persistent: store.persistent, draft: { ...draft, attachments: files } };
  }, scope);
}

describe('draft store (IndexedDB, in Chromium)', () => {
  it('keeps the draft across a reload, chosen files included', async () => {
    const page = await open();
    const { key, persistent } = await saveDraft(page);
    expect(persistent).toBe(true);
    expect(key).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/);
    await page.reload();
    const { draft } = await loadDraft(page);
    expect(draft).toMatchObject({
      key,
      step: 'details',
      values: { summary: 'Camera goes offline', contact: { email: 'a@example.com' }, started_at: '2026-11-16T20:00:00+09:00' },
      removedDiagnostics: ['last_error'],
    });
    expect(draft!.attachments.map(({ id, name, type, size, token, blobType, bytes }) => ({ id, name, type, size, token, blobType, bytes }))).toEqual([
      {
        id: 'a1',
        name: 'shot.png',
        type: 'image/png',
        size: 11,
        token: undefined,
        blobType: 'image/png',
        bytes: [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 1, 2, 3],
      },
      { id: 'a2', name: 'log.txt', type: 'text/plain', size: 5, token: 'x'.repeat(32), blobType: 'text/plain', bytes: [...Buffer.from('hello')] },
    ]);
    // A new tab of the same site sees it too (closing the widget or the tab loses nothing).
    const other = await open();
    expect((await loadDraft(other)).draft?.key).toBe(key);
  });

  it('writes saves in order, so a burst of saves leaves the last one', async () => {
    const page = await open();
    const written = await page.evaluate(async (scope) => {
      const { openDraftStore, newDraft } = await window.lib('draft-store');
      const store = openDraftStore(scope);
      const draft = newDraft();
      const saves: Promise<void>[] = [];
      for (let i = 1; i <= 40; i++) saves.push(store.save({ ...draft, values: { summary: `typed ${i}` }, updatedAt: draft.createdAt + i }));
      await Promise.all(saves);
      return draft.key;
    }, SCOPE);
    await page.reload();
    const { draft } = await loadDraft(page);
    expect(draft?.key).toBe(written);
    expect(draft?.values).toEqual({ summary: 'typed 40' });
  });

  it('keeps one draft per site and forgets it on discard, after pending saves', async () => {
    const page = await open();
    const a = await saveDraft(page, 'https://a.example/');
    const b = await saveDraft(page, 'https://b.example/');
    expect(a.key).not.toBe(b.key);
    await page.evaluate(async () => {
      const { openDraftStore, newDraft } = await window.lib('draft-store');
      const store = openDraftStore('https://a.example/');
      // A save still queued when discard is called must not bring the draft back.
      void store.save(newDraft());
      await store.discard();
    });
    await page.reload();
    expect((await loadDraft(page, 'https://a.example/')).draft).toBeUndefined();
    expect((await loadDraft(page, 'https://b.example/')).draft?.key).toBe(b.key);
  });

  it('ignores stored data that is not a draft and rejects saving one', async () => {
    const page = await open();
    const result = await page.evaluate(async (scope) => {
      await new Promise<void>((resolve, reject) => {
        const request = indexedDB.open('kotae', 1);
        request.onupgradeneeded = () => {
          request.result.createObjectStore('drafts');
          request.result.createObjectStore('outbox');
        };
        request.onsuccess = () => {
          const tx = request.result.transaction('drafts', 'readwrite');
          tx.objectStore('drafts').put({ hello: 'world' }, scope);
          tx.oncomplete = () => (request.result.close(), resolve());
          tx.onerror = () => reject(tx.error);
        };
      });
      const { openDraftStore } = await window.lib('draft-store');
      const store = openDraftStore(scope);
      const loaded = await store.load();
      const refused = await store.save({ key: 'short' } as never).then(
        () => 'saved',
        (e: Error) => e.message,
      );
      const unclonable = await store
        .save({ key: crypto.randomUUID(), createdAt: 0, updatedAt: 0, step: '', values: { f: () => 1 }, attachments: [], removedDiagnostics: [] })
        .then(
          () => 'saved',
          (e: Error) => e.message,
        );
      return { loaded: loaded ?? null, refused, unclonable, persistent: store.persistent };
    }, SCOPE);
    expect(result.loaded).toBeNull();
    expect(result.refused).toMatch(/not an InquiryDraft/);
    expect(result.unclonable).toMatch(/cannot be stored/);
    expect(result.persistent).toBe(true);
  });

  it('falls back to memory when IndexedDB throws: the draft lives for the page, persistent is false', async () => {
    await suite.context.addInitScript(BREAK_INDEXEDDB);
    const page = await open();
    const { key, persistent } = await saveDraft(page);
    expect(persistent).toBe(false);
    // Another store object of the same page (the widget closed and reopened) still has it.
    const { draft, persistent: after } = await loadDraft(page);
    expect(after).toBe(false);
    expect(draft?.key).toBe(key);
    expect(draft?.attachments[0]?.bytes.slice(0, 4)).toEqual([0x89, 0x50, 0x4e, 0x47]);
    await page.reload();
    expect((await loadDraft(page)).draft).toBeUndefined();
  });

  it('makes UUID keys outside secure contexts too (no crypto.randomUUID)', async () => {
    await suite.context.addInitScript('delete Crypto.prototype.randomUUID;');
    const page = await open();
    const keys = await page.evaluate(async () => {
      const { newDraft } = await window.lib('draft-store');
      return { native: typeof crypto.randomUUID, keys: Array.from({ length: 50 }, () => newDraft().key) };
    });
    expect(keys.native).toBe('undefined');
    expect(new Set(keys.keys).size).toBe(50);
    for (const key of keys.keys) expect(key).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/);
  });
});
