import { spawn, type ChildProcess } from 'node:child_process';
import { cpSync, mkdtempSync, readFileSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { chromium, type Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

// `npm run dev` as a writer uses it: a real server process on a copy of the fixture content, a real browser.
let browser: Browser;
let dev: ChildProcess;
let origin: string;
let content: string;
let log = '';

beforeAll(async () => {
  content = path.join(mkdtempSync(path.join(tmpdir(), 'kotae-dev-')), 'content');
  cpSync('test/fixtures/good-content', content, { recursive: true });
  dev = spawn(process.execPath, ['--import', 'tsx', 'scripts/dev.ts', '--content', content, '--port', '0'], { stdio: ['ignore', 'pipe', 'pipe'] });
  dev.stderr?.on('data', (chunk: Buffer) => (log += chunk.toString()));
  origin = await new Promise<string>((resolve, reject) => {
    let out = '';
    dev.stdout?.on('data', (chunk: Buffer) => {
      out += chunk.toString();
      const match = /(http:\/\/[\d.]+:\d+)\//.exec(out);
      if (match?.[1]) resolve(match[1]);
    });
    dev.once('exit', (code) => reject(new Error(`dev exited with ${code}: ${log}`)));
  });
  browser = await chromium.launch({
    executablePath: '/usr/bin/chromium',
    args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--no-first-run'],
  });
});

afterAll(async () => {
  await browser?.close();
  dev?.kill();
  rmSync(path.dirname(content), { recursive: true, force: true });
});

describe('npm run dev', () => {
  it('reloads the open page when its Markdown is saved; shows a content error with file, line and fix, and recovers', async () => {
    const file = path.join(content, 'en/cam/wifi.md');
    const original = readFileSync(file, 'utf8');
    const page = await browser.newPage();
    const errors: string[] = [];
    page.on('console', (m) => m.type() === 'error' && errors.push(m.text()));
    await page.goto(`${origin}/en/articles/camera-wifi/`);
    expect(await page.textContent('h1')).toBe('Connect the camera to Wi-Fi');
    // The event stream is open: from now on a save reloads the page.
    await page.waitForFunction(() => document.documentElement.dataset.kotaeLive === 'connected');

    writeFileSync(file, original.replace('title: Connect the camera to Wi-Fi', 'title: Connect your camera to Wi-Fi'));
    await page.waitForFunction(() => document.querySelector('h1')?.textContent === 'Connect your camera to Wi-Fi', undefined, { timeout: 60_000 });

    // A broken date: the overlay names the file and line and says how to fix it; the last good page stays.
    writeFileSync(file, original.replace('updated: 2026-10-02', 'updated: 2026-13-45'));
    const overlay = page.locator('.kotae-dev-overlay');
    await overlay.waitFor({ timeout: 60_000 });
    const text = (await overlay.textContent()) ?? '';
    expect(text).toMatch(/en\/cam\/wifi\.md:\d+:\d+/);
    expect(text).toContain('Fix:');
    expect(await page.textContent('h1')).toBe('Connect your camera to Wi-Fi');
    const response = await page.request.get(`${origin}/en/`);
    expect(response.status()).toBe(200);

    writeFileSync(file, original);
    await page.waitForFunction(() => document.querySelector('h1')?.textContent === 'Connect the camera to Wi-Fi', undefined, { timeout: 60_000 });
    expect(await overlay.count()).toBe(0);
    expect(errors.filter((e) => !e.includes('Failed to load resource'))).toEqual([]);
    expect(dev.exitCode).toBe(null);
    await page.close();
  });

  it('follows rename-style saves of one file, and an edited title reaches its page, its list and the search index', async () => {
    const file = path.join(content, 'en/cam/wifi.md');
    const original = readFileSync(file, 'utf8');
    // How `sed -i` and editors' "safe write" save: a new file renamed over the old one.
    const saveByRename = (text: string) => {
      writeFileSync(`${file}.tmp~`, text);
      renameSync(`${file}.tmp~`, file);
    };
    const page = await browser.newPage();
    await page.goto(`${origin}/en/articles/camera-wifi/`);
    await page.waitForFunction(() => document.documentElement.dataset.kotaeLive === 'connected');
    const h1Is = (title: string) => page.waitForFunction((t) => document.querySelector('h1')?.textContent === t, title, { timeout: 60_000 });

    saveByRename(original.replace('title: Connect the camera to Wi-Fi', 'title: Wi-Fi setup, first save'));
    await h1Is('Wi-Fi setup, first save');
    // The second save to the same file is the one a watcher of the replaced file misses.
    saveByRename(original.replace('title: Connect the camera to Wi-Fi', 'title: Wi-Fi setup, second save'));
    await h1Is('Wi-Fi setup, second save');

    // Only the entry was rebuilt, and the pages that list it and the search index show the new title.
    const list = await page.request.get(`${origin}/en/products/camera/setup/`);
    expect(await list.text()).toContain('Wi-Fi setup, second save');
    const search = await browser.newPage();
    await search.goto(`${origin}/en/search/?q=${encodeURIComponent('Wi-Fi setup second save')}`);
    await search.locator('#kb-search-results li', { hasText: 'Wi-Fi setup, second save' }).first().waitFor({ timeout: 60_000 });
    await search.close();

    // A syntax error on line 9 (the `[` of tags is never closed): the overlay names that line.
    saveByRename(original.replace('tags: [wifi]', 'tags: [wifi'));
    const overlay = page.locator('.kotae-dev-overlay');
    await overlay.waitFor({ timeout: 60_000 });
    expect(await overlay.textContent()).toMatch(/en\/cam\/wifi\.md:9:7.*the \[ opened on line 9 is not closed/s);
    saveByRename(original);
    await h1Is('Connect the camera to Wi-Fi');
    expect(await overlay.count()).toBe(0);
    expect(dev.exitCode).toBe(null);
    await page.close();
  });
});
