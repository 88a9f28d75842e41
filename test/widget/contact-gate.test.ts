import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { SiteConfig } from '../../content/schema/config.ts';
import { loadSiteConfig } from '../../content/site-config.ts';
import type { KotaeTrailStep } from '../../widget/api.ts';
import { contactVisible } from '../../widget/contact-gate.ts';
import { asksForPerson, personPhrases } from '../../widget/person-request.ts';

const phrasesOf = (locale: string) =>
  personPhrases((JSON.parse(readFileSync(`i18n/${locale}/widget.json`, 'utf8')) as { contact: { personPhrases: string } }).contact.personPhrases);
const en = phrasesOf('en');
const ja = phrasesOf('ja');

describe('asking for a person', () => {
  it('recognises English requests as whole words, whatever the case and punctuation', () => {
    for (const q of ['talk to a human', 'Talk to a HUMAN!', 'I want to speak to someone please', 'how do I contact support?', 'customer service phone'])
      expect(asksForPerson(q, en), q).toBe(true);
    for (const q of ['reset password', 'human resources export', 'contact list sync', 'supported browsers', 'contactless'])
      expect(asksForPerson(q, en), q).toBe(false);
  });

  it('recognises Japanese requests inside a sentence, full-width and spaced alike', () => {
    for (const q of ['担当者と話したい', '問い合わせ', 'お問い合わせ先を知りたい', 'オペレーターにつないで', 'ｵﾍﾟﾚｰﾀｰ', '人 と 話したい'])
      expect(asksForPerson(q, ja), q).toBe(true);
    for (const q of ['パスワードを忘れた', 'Wi-Fi に接続できない', '返金してほしい']) expect(asksForPerson(q, ja), q).toBe(false);
  });

  it('reads the list from the data: a phrase added there is recognised, none means none', () => {
    expect(asksForPerson('ich möchte einen Menschen sprechen', personPhrases('einen menschen sprechen|Kundendienst'))).toBe(true);
    expect(asksForPerson('talk to a human', personPhrases(''))).toBe(false);
    expect(asksForPerson('   ', en)).toBe(false);
  });
});

const at = 0;
const search = (query: string, answered: boolean): KotaeTrailStep => ({ type: 'search', query, results: 3, answered, at });
const isPerson = (q: string) => asksForPerson(q, en);

describe('when contact is visible', () => {
  const answered = [search('reset password', true)];
  const unanswered = [search('zebra quantum', false)];
  const voteNo: KotaeTrailStep[] = [
    { type: 'article', id: 'x', title: 'X', at },
    { type: 'vote', id: 'x', helpful: false, at },
  ];
  const person = [search('talk to a human', true)];

  it.each([
    // mode, trail, search view, "Still need help?" under an entry
    ['always', [], true, true],
    ['never', [...unanswered, ...voteNo, ...person], false, false],
    ['when-unanswered', [], false, false],
    ['when-unanswered', answered, false, true],
    ['when-unanswered', unanswered, true, true],
    ['when-unanswered', voteNo, true, true],
    ['when-unanswered', person, true, true],
    ['after-search', [], false, false],
    ['after-search', answered, true, true],
    ['after-search', voteNo, true, true],
  ] as const)('%s after %j: search view %s, article %s', (mode, trail, search, article) => {
    expect(contactVisible(mode, trail, isPerson)).toBe(search);
    expect(contactVisible(mode, trail, isPerson, 'article')).toBe(article);
  });
});

describe('the contact.visible setting', () => {
  const config = () => loadSiteConfig('content').config!;

  it('defaults to when-unanswered, the behaviour before the setting existed', () => {
    const raw = structuredClone(config()) as Record<string, unknown>;
    delete raw.contact;
    expect(SiteConfig.parse(raw).contact.visible).toBe('when-unanswered');
    expect(config().contact.visible).toBe('when-unanswered');
  });

  it('takes the four modes and refuses anything else, and the old widget.gate', () => {
    for (const visible of ['always', 'after-search', 'when-unanswered', 'never'])
      expect(SiteConfig.safeParse({ ...config(), contact: { visible } }).success).toBe(true);
    expect(SiteConfig.safeParse({ ...config(), contact: { visible: 'search-first' } }).success).toBe(false);
    expect(SiteConfig.safeParse({ ...config(), widget: { position: 'bottom-right', gate: 'always' } }).success).toBe(false);
  });

  it('tells the writer of a config with the old widget.gate where it went, with its line', () => {
    const dir = mkdtempSync(path.join(tmpdir(), 'kotae-gate-'));
    const yaml = readFileSync('content/kotae.config.yaml', 'utf8').replace(
      'widget:\n  position: bottom-right',
      'widget:\n  gate: search-first\n  position: bottom-right',
    );
    writeFileSync(path.join(dir, 'kotae.config.yaml'), yaml);
    const { config, problems } = loadSiteConfig(dir);
    expect(config).toBeUndefined();
    const line = yaml.split('\n').indexOf('  gate: search-first') + 1;
    expect(problems.list).toEqual([
      expect.objectContaining({ line, message: 'unknown field `widget.gate`', fix: expect.stringContaining('`contact: { visible: … }`') }),
    ]);
    rmSync(dir, { recursive: true });
  });
});
