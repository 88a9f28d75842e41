import { describe, expect, it } from 'vitest';
import { answers, buildIndex, search } from '../../search/index.ts';
import { EN_DOCS, JA_DOCS } from './fixtures.ts';

const en = buildIndex(EN_DOCS, { locale: 'en' });
const ja = buildIndex(JA_DOCS, { locale: 'ja' });

describe('the "nothing answers" gate', () => {
  it('answers a question the knowledge base covers', async () => {
    const verdict = answers(await search(en, 'how do I delete my account'), en);
    expect(verdict.answered).toBe(true);
    expect(verdict.confidence).toBeGreaterThan(0.5);
  });

  it('sends a question about something absent to the inquiry', async () => {
    const verdict = answers(await search(en, 'refund policy for hardware returns'), en);
    expect(verdict.answered).toBe(false);
  });

  it('is less confident when the top result covers less of the query', () => {
    const results = (coverage: number) => [
      { score: 10, locale: 'ja', match: { coverage, relevance: 0.5, missing: 0 } },
      { score: 6, locale: 'ja', match: { coverage: 0.5, relevance: 0.3, missing: 0 } },
    ];
    expect(answers(results(1)).confidence).toBeGreaterThan(answers(results(0.3)).confidence);
  });

  it('is less confident when the runner-up is close', () => {
    const results = (second: number) => [
      { score: 10, locale: 'ja', match: { coverage: 0.8, relevance: 0.5, missing: 0 } },
      { score: second, locale: 'ja', match: { coverage: 0.8, relevance: 0.5, missing: 0 } },
    ];
    expect(answers(results(2)).confidence).toBeGreaterThan(answers(results(9.5)).confidence);
  });

  it('judges Japanese questions with the Japanese gate', async () => {
    expect(answers(await search(ja, '梅雨の時期はいつですか'), ja).answered).toBe(true);
    expect(answers(await search(ja, '返金の手続きはどうなりますか'), ja).answered).toBe(false);
  });

  it('says nothing answers when no word of the query was found, whatever the scores', () => {
    const lone = [{ score: 3, locale: 'en', match: { coverage: 0, relevance: 0.1, missing: 1 } }];
    expect(answers(lone)).toEqual({ answered: false, confidence: 0 });
  });

  it('says nothing answers when there are no results', () => {
    expect(answers([])).toEqual({ answered: false, confidence: 0 });
  });
});
