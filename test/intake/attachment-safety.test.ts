import { writeFileSync } from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { cleanFileName, MAX_NAME_LENGTH, nameForType } from '../../intake/file-names.ts';
import { sniff } from '../../intake/magic-bytes.ts';
import type { RunningIntake } from '../../intake/server.ts';
import { postInquiry, removeTempDirs, sampleConfig, sqliteTarget, startTestIntake, validInquiry, waitFor } from './fixtures.ts';
import { startSmtp } from './test-servers.ts';

/**
 * Attachments cannot carry active content or a misleading name to support: the type comes from the bytes,
 * the name's extension from the type, invisible and direction-changing characters are removed, and names
 * keep to the documented 200 characters. Checked at the API and in the mail support receives.
 */

const PNG = Buffer.concat([Buffer.from('89504e470d0a1a0a0000000d49484452', 'hex'), Buffer.alloc(64, 7)]);
const FAST_OUTBOX = { pollMs: 20, baseDelayMs: 40, maxDelayMs: 200, maxAttempts: 4, timeoutMs: 3_000, leaseMs: 10_000, concurrency: 4 };

/** Uploads like `curl --data-binary` with `Content-Type:` (none) unless `type` is given; `query` is sent as is. */
async function upload(base: string, bytes: Buffer | string, query: string, type?: string) {
  const response = await fetch(`${base}/v1/uploads?filename=${query}`, {
    method: 'POST',
    headers: type ? { 'content-type': type } : {},
    body: new Uint8Array(Buffer.from(bytes)),
  });
  return { status: response.status, json: (await response.json()) as Record<string, string> };
}

describe('what a file is', () => {
  it('calls text that starts like markup markup, after white space, a BOM or comments', () => {
    expect(sniff(Buffer.from('<img src=x onerror=alert(1)>'))).toBe('text/html');
    expect(sniff(Buffer.from('<!-- c --><svg xmlns="http://www.w3.org/2000/svg" onload="alert(1)"/>'))).toBe('image/svg+xml');
    expect(sniff(Buffer.from('\uFEFF  \n<!--a--> <!--b-->\n<a href="javascript:x">'))).toBe('text/html');
    expect(sniff(Buffer.from('<!-- a comment that never ends'))).toBe('text/html');
    expect(sniff(Buffer.from('<?xml version="1.0"?><root/>'))).toBe('application/xml');
    expect(sniff(Buffer.from('</p><script>x</script>'))).toBe('text/html');
    expect(sniff(Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from('<html><script>x</script>', 'utf16le')]))).toBe('text/html');
  });

  it('keeps logs text, including ones that quote markup further on or start with a syslog priority', () => {
    expect(sniff(Buffer.from('GET /search?q=<script>alert(1)</script> 404\n'))).toBe('text/plain');
    expect(sniff(Buffer.from('<134>Nov 24 10:00:01 host app: started\n'))).toBe('text/plain');
    expect(sniff(Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from('ログ 10:00 エラー', 'utf16le')]))).toBe('text/plain');
  });
});

describe('file names', () => {
  it('removes format characters (bidi overrides and isolates, zero-width, BOM) and controls', () => {
    expect(cleanFileName('invoice\u202Etxt.exe')).toBe('invoicetxt.exe');
    expect(cleanFileName('a\u2066b\u2067c\u2068d\u2069e\u200Bf\u200Dg\uFEFFh\u200Ei\u200Fj.txt')).toBe('abcdefghij.txt');
    expect(cleanFileName('bad\u0000\u0007\u001b[31mname\u007f.txt')).toBe('bad[31mname.txt');
    expect(cleanFileName('hangul\u3164filler\u115F.txt')).toBe('hangulfiller.txt');
    expect(cleanFileName('\u202E\u200B')).toBeUndefined();
  });

  it('folds compatibility forms, so a fullwidth dot or slash cannot fake an extension or a folder', () => {
    expect(cleanFileName('report\uFF0Epdf')).toBe('report.pdf');
    expect(cleanFileName('..\uFF0F..\uFF0Fetc\uFF0Fpasswd')).toBe('passwd');
    expect(cleanFileName('C:\\Users\\me\\log.txt')).toBe('log.txt');
    expect(cleanFileName('invoice.pdf. . ')).toBe('invoice.pdf');
    expect(cleanFileName('..')).toBeUndefined();
  });

  it('gives a name the extension of the detected type, replacing a wrong one', () => {
    expect(nameForType('poly.html', 'image/png')).toBe('poly.png');
    expect(nameForType('page.html', 'text/plain')).toBe('page.txt');
    expect(nameForType('notes', 'text/plain')).toBe('notes.txt');
    expect(nameForType('Screenshot.PNG', 'image/png')).toBe('Screenshot.PNG');
    expect(nameForType('photo.jpeg', 'image/jpeg')).toBe('photo.jpeg');
    expect(nameForType('report.docx', 'application/zip')).toBe('report.docx');
    expect(nameForType('x.svg', 'image/svg+xml')).toBe('x.bin');
  });

  it('shortens a name in its stem, so the extension stays', () => {
    const long = nameForType(`${'a'.repeat(300)}.pdf`, 'application/pdf');
    expect(long).toHaveLength(MAX_NAME_LENGTH);
    expect(long.endsWith('a.pdf')).toBe(true);
    const emoji = nameForType(`${'😀'.repeat(150)}.png`, 'image/png');
    expect(emoji.length).toBeLessThanOrEqual(MAX_NAME_LENGTH);
    expect(emoji.endsWith('😀.png')).toBe(true);
  });
});

describe('uploads and forwarding by name and type', () => {
  let intake: RunningIntake;
  let smtp: Awaited<ReturnType<typeof startSmtp>>;

  beforeAll(async () => {
    smtp = await startSmtp();
    intake = await startTestIntake(sqliteTarget(), {
      outbox: FAST_OUTBOX,
      smtp: { host: '127.0.0.1', port: smtp.port, from: 'intake@nagisa.example', to: ['support@nagisa.example'] },
    });
  });
  afterAll(async () => {
    await intake?.close();
    await smtp?.close();
    removeTempDirs();
  });

  /** Sends an inquiry with these upload tokens and returns the raw mail support received, headers unfolded. */
  const mailFor = async (tokens: string[]) => {
    const { json } = await postInquiry(
      intake.url,
      validInquiry((b) => (b.attachments = tokens)),
    );
    const mail = await waitFor(
      () => smtp.mails.find((m) => m.to.includes('support@nagisa.example') && m.raw.includes(String(json.number))),
      60_000,
      'the mail',
    );
    return mail.raw.replace(/\r\n[ \t]+/g, ' ');
  };

  it('refuses HTML and SVG sent without a declared type, whatever they are called', async () => {
    const html = await upload(intake.url, '<img src=x onerror=alert(1)>', 'page.html');
    expect(html.status).toBe(415);
    expect(html.json.error).toBe('upload_type_not_allowed');
    const svg = await upload(intake.url, '<!-- c --><svg xmlns="http://www.w3.org/2000/svg" onload="alert(1)"/>', 'x.svg');
    expect(svg.status).toBe(415);
    expect(svg.json.error).toBe('upload_type_not_allowed');
    const xml = await upload(intake.url, '<?xml version="1.0"?><html xmlns="http://www.w3.org/1999/xhtml"><script>alert(1)</script></html>', 'a.txt');
    expect(xml.status).toBe(415);
  });

  it('names a PNG with a script after its header poly.png, never poly.html', async () => {
    const polyglot = await upload(intake.url, Buffer.concat([PNG, Buffer.from('<script>alert(1)</script>')]), 'poly.html');
    expect(polyglot.status).toBe(201);
    expect(polyglot.json).toMatchObject({ name: 'poly.png', type: 'image/png' });
    const plain = await upload(intake.url, 'just words\n', 'page.html');
    expect(plain.json).toMatchObject({ name: 'page.txt', type: 'text/plain' });
    const raw = await mailFor([polyglot.json.token!, plain.json.token!]);
    expect(raw).toMatch(/Content-Disposition: attachment; filename=poly\.png/);
    expect(raw).toMatch(/Content-Disposition: attachment; filename=page\.txt/);
    expect(raw).not.toMatch(/\.html/);
  });

  it('never accepts active types, even when the site config allows them', async () => {
    const config = await sampleConfig();
    const permissive = await startTestIntake(sqliteTarget(), {
      config: { ...config, attachments: { ...config.attachments, allowedTypes: [...config.attachments.allowedTypes, 'text/html', 'image/svg+xml'] } },
    });
    try {
      expect((await upload(permissive.url, '<!doctype html><p>hi', 'a.html', 'text/html')).status).toBe(415);
      expect((await upload(permissive.url, '<svg onload="alert(1)"/>', 'a.svg', 'image/svg+xml')).status).toBe(415);
    } finally {
      await permissive.close();
    }
  });

  it('forwards invoice<U+202E>txt.exe as invoicetxt.txt: no bidi control reaches the mail in any encoding', async () => {
    const { status, json } = await upload(intake.url, 'ordinary text\n', 'invoice%E2%80%AEtxt.exe');
    expect(status).toBe(201);
    expect(json.name).toBe('invoicetxt.txt');
    const zeroWidth = await upload(intake.url, 'x\n', `${encodeURIComponent('re\u200Bport\u2066\uFF0Eexe\u2069')}.log`);
    expect(zeroWidth.json.name).toBe('report.exe.log');
    const raw = await mailFor([json.token!, zeroWidth.json.token!]);
    expect(raw).toMatch(/Content-Disposition: attachment; filename=invoicetxt\.txt/);
    expect(raw).toMatch(/Content-Disposition: attachment; filename=report\.exe\.log/);
    // U+202E as UTF-8 (raw, quoted-printable, percent-encoded) and in base64 ("4oCu"); U+200B likewise.
    for (const form of ['\u202E', '=E2=80=AE', '%E2%80%AE', '4oCu', '\u200B', '=E2=80=8B', '%E2%80%8B']) expect(raw).not.toContain(form);
  });

  it('refuses names longer than the documented 200 characters with 400, and accepts 200', async () => {
    const tooLong = await upload(intake.url, 'text\n', `${'a'.repeat(197)}.txt!`);
    expect(tooLong.status).toBe(400);
    expect(tooLong.json.error).toBe('upload_bad_name');
    expect(tooLong.json.message).toContain('200');
    const longest = await upload(intake.url, 'text\n', `${'b'.repeat(196)}.txt`);
    expect(longest.status).toBe(201);
    expect(longest.json.name).toBe(`${'b'.repeat(196)}.txt`);
    // 200 characters that are 400 UTF-16 units: accepted, shortened in the stem, extension kept.
    const wide = await upload(intake.url, 'text\n', encodeURIComponent(`${'😀'.repeat(196)}.txt`));
    expect(wide.status).toBe(201);
    expect(wide.json.name!.endsWith('😀.txt')).toBe(true);
    expect(wide.json.name!.length).toBeLessThanOrEqual(200);
  });

  it('forwards an upload stored before these rules under a safe name', async () => {
    // As a store written by an older version holds it: text named page.html, and HTML let in by the config.
    const old = [
      { token: 'o'.repeat(32), name: 'page.html', type: 'text/plain' },
      { token: 'p'.repeat(32), name: 'x.svg', type: 'image/svg+xml' },
    ];
    for (const u of old) {
      writeFileSync(path.join(intake.settings.dataDir, 'uploads', u.token), 'old bytes\n');
      await intake.store.saveUpload({ ...u, size: 10, sha256: '0'.repeat(64), createdAt: Date.now() });
    }
    const raw = await mailFor(old.map((u) => u.token));
    expect(raw).toMatch(/Content-Disposition: attachment; filename=page\.txt/);
    expect(raw).toMatch(/Content-Type: application\/octet-stream; name=x\.bin/);
    expect(raw).not.toMatch(/\.html|\.svg/);
  });
});
