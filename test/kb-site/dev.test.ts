import { spawn, type ChildProcess } from 'node:child_process';
import { cpSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
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
});
